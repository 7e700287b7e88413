-- Personal records (SVC-3): types with a schema, source systems allowed some types, records
-- pushed by them (every version kept), and guardian relations that show a child's records to
-- a verified parent. Record contents, and a child's name and ID number, are encrypted with the
-- vault (field + row); people are found by the blind index of their ID number.

CREATE TABLE record_types (
    code        TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT,
    schema_json TEXT NOT NULL,
    builtin     BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);

CREATE TABLE record_sources (
    client_id     TEXT PRIMARY KEY REFERENCES api_clients (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    created_at    BIGINT NOT NULL
);

CREATE TABLE record_source_types (
    client_id TEXT NOT NULL REFERENCES record_sources (client_id),
    type_code TEXT NOT NULL REFERENCES record_types (code),
    PRIMARY KEY (client_id, type_code)
);

CREATE TABLE records (
    id               TEXT PRIMARY KEY,
    source_id        TEXT NOT NULL REFERENCES record_sources (client_id),
    source_record_id TEXT NOT NULL,
    version          BIGINT NOT NULL,
    type_code        TEXT NOT NULL REFERENCES record_types (code),
    person_index     TEXT NOT NULL,
    occurred_on      TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    content_enc      BYTEA NOT NULL,
    received_at      BIGINT NOT NULL,
    superseded_at    BIGINT,
    UNIQUE (source_id, source_record_id, version)
);
CREATE INDEX records_person ON records (person_index, occurred_on);
CREATE INDEX records_current ON records (source_id, source_record_id, superseded_at);

CREATE TABLE guardian_links (
    id             TEXT PRIMARY KEY,
    guardian_id    TEXT NOT NULL REFERENCES accounts (id),
    child_index    TEXT NOT NULL,
    child_name_enc BYTEA NOT NULL,
    child_id_enc   BYTEA NOT NULL,
    evidence       TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    UNIQUE (guardian_id, child_index)
);
CREATE INDEX guardian_links_child ON guardian_links (child_index);

-- The built-in types; their schemas are in the code (domain::records::builtin_schema).
INSERT INTO record_types (code, name_zh, name_en, schema_json, builtin, created_at)
VALUES ('vaccination', '预防接种', 'Vaccination', '', 1, 0),
       ('health_check', '健康体检', 'Health check', '', 1, 0);
