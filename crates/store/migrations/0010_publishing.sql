-- Government information (PUB-1…3): columns, articles and policy documents with their
-- editorial workflow, every revision, and the pictures they show.

-- Columns (栏目): ordered, nested one level (`parent`), each holding articles or policy
-- documents. `on_home`: the home page shows its latest. A starter set; admins add more.
CREATE TABLE doc_columns (
    code        TEXT PRIMARY KEY,
    parent      TEXT REFERENCES doc_columns(code),
    kind        TEXT NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    position    BIGINT NOT NULL,
    on_home     BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
INSERT INTO doc_columns (code, parent, kind, name_zh, name_en, position, on_home, created_at) VALUES
    ('news', NULL, 'article', '今日要闻', 'Top news', 10, 1, 0),
    ('notices', NULL, 'article', '通知公告', 'Notices', 20, 1, 0),
    ('policies', NULL, 'policy', '政策文件', 'Policy documents', 30, 1, 0),
    ('interpretations', NULL, 'article', '政策解读', 'Policy explained', 40, 0, 0),
    ('local', NULL, 'article', '本地新闻', 'Local news', 50, 0, 0),
    ('photos', 'local', 'article', '图片新闻', 'In pictures', 60, 0, 0);

-- A document: its current words (Markdown and the sanitised HTML rendered from it), where it
-- stands, and for policy documents the disclosure metadata. `revision` grows with every change
-- so two people acting at once cannot both win.
CREATE TABLE docs (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL,
    column_code        TEXT NOT NULL REFERENCES doc_columns(code),
    region_code        TEXT NOT NULL REFERENCES regions(code),
    department_id      TEXT REFERENCES departments(id),
    state              TEXT NOT NULL,
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    body_md            TEXT NOT NULL,
    body_html          TEXT NOT NULL,
    source             TEXT NOT NULL,
    author             TEXT NOT NULL,
    tags               TEXT NOT NULL,
    index_no           TEXT,
    doc_no             TEXT NOT NULL DEFAULT '',
    issuer             TEXT NOT NULL DEFAULT '',
    issued_on          TEXT,
    effective_on       TEXT,
    validity           TEXT,
    replaced_by        TEXT NOT NULL DEFAULT '',
    category           TEXT,
    publicity          TEXT,
    publish_at         BIGINT,
    published_at       BIGINT,
    corrected_at       BIGINT,
    correction_note    TEXT NOT NULL DEFAULT '',
    withdrawn_at       BIGINT,
    withdrawn_reason   TEXT NOT NULL DEFAULT '',
    review_comment     TEXT NOT NULL DEFAULT '',
    created_by         TEXT NOT NULL,
    last_edited_by     TEXT NOT NULL,
    revision           BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX docs_index_no ON docs(index_no);
CREATE INDEX docs_column ON docs(column_code, state, published_at);
CREATE INDEX docs_kind ON docs(kind, state, published_at);
CREATE INDEX docs_due ON docs(state, publish_at);
CREATE INDEX docs_updated ON docs(updated_at);

-- Every saved version of a document's words, for comparing.
CREATE TABLE doc_revisions (
    doc_id       TEXT NOT NULL REFERENCES docs(id),
    revision     BIGINT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    body_md      TEXT NOT NULL,
    note         TEXT NOT NULL,
    correction   BIGINT NOT NULL DEFAULT 0,
    by_account   TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (doc_id, revision)
);

-- The workflow's history: who submitted, approved, sent back (with the comment), withdrew.
CREATE TABLE doc_events (
    id          TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES docs(id),
    step        TEXT NOT NULL,
    note        TEXT NOT NULL,
    by_account  TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX doc_events_doc ON doc_events(doc_id, at);

-- Links (PUB-4): an interpretation to the policy documents it explains (kind 'policy', the
-- policy's index number), a policy document to the service items it governs (kind 'item').
CREATE TABLE doc_links (
    doc_id  TEXT NOT NULL REFERENCES docs(id),
    kind    TEXT NOT NULL,
    target  TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind, target)
);
CREATE INDEX doc_links_target ON doc_links(kind, target);

-- Pictures uploaded for documents: the file store's key and the required alt text.
CREATE TABLE doc_images (
    id            TEXT PRIMARY KEY,
    file_key      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    alt           TEXT NOT NULL,
    uploaded_by   TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Subscriptions (PUB-6): a person follows columns, disclosure categories or a region's
-- documents; each new one reaches them once (doc_deliveries), and a daily digest of the day's
-- newest at the hour they chose (digest_hour, Beijing time; NULL: no digest).
CREATE TABLE doc_subscriptions (
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, kind, target)
);
CREATE INDEX doc_subscriptions_target ON doc_subscriptions(kind, target);
CREATE TABLE doc_digests (
    account_id      TEXT PRIMARY KEY REFERENCES accounts(id),
    digest_hour     BIGINT,
    last_sent_on    TEXT
);
CREATE TABLE doc_deliveries (
    doc_id      TEXT NOT NULL REFERENCES docs(id),
    account_id  TEXT NOT NULL,
    PRIMARY KEY (doc_id, account_id)
);
