-- The platform's own open statistics (DATA-3): searches that found nothing, counted in memory
-- by each instance and flushed here by a periodic job as (term, day, count). Only the
-- normalised term is kept — never a session, an address or an account — and a term holding a
-- run of 6 or more digits is never counted (domain::open_stats). Up to one flush interval of
-- counts can be lost when an instance crashes: these are statistics.
-- Portable SQL: one file for SQLite and PostgreSQL.

-- The open-data catalogue's version: bumped in every transaction that writes a dataset (and by
-- each counted download), so an instance's in-memory read model is reused until it changes.
CREATE TABLE opendata_version (
    id      BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO opendata_version (id, version) VALUES (1, 0);

CREATE TABLE search_misses (
    term     TEXT NOT NULL,
    day      TEXT NOT NULL,
    searches BIGINT NOT NULL,
    PRIMARY KEY (term, day)
);
