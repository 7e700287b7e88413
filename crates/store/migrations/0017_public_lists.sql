-- Public lists of documents (column pages, the news front, feeds, /policies, the digest) read
-- these in their order and stop after the page, however many documents are stored: without
-- them a column nested in another, or published and withdrawn together, sorted every row of
-- the column on each view (76–120 ms with 100,000 documents on SQLite).
CREATE INDEX docs_public ON docs(published_at, id) WHERE state IN ('published', 'withdrawn');
CREATE INDEX docs_public_kind ON docs(kind, published_at, id) WHERE state IN ('published', 'withdrawn');
CREATE INDEX docs_public_column ON docs(column_code, published_at, id) WHERE state IN ('published', 'withdrawn');
