-- Open data (DATA-1, DATA-2): datasets owned by departments (CKAN's organisations), their
-- resources (a link, or a file in the file store), every edit's snapshot, and the datastore:
-- a CSV resource's columns with their types and its rows. Rows keep the cells as the file
-- had them (a JSON array of strings); the column types say how they are read, so a steward
-- who changes a type changes no row. Portable SQL: one file for SQLite and PostgreSQL.

CREATE TABLE datasets (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    notes          TEXT NOT NULL,
    department_id  TEXT NOT NULL REFERENCES departments (id),
    license_id     TEXT NOT NULL,
    tags           TEXT NOT NULL,
    topic_groups   TEXT NOT NULL,
    frequency      TEXT NOT NULL,
    temporal_start TEXT,
    temporal_end   TEXT,
    region_code    TEXT,
    contact        TEXT NOT NULL,
    version        TEXT NOT NULL,
    state          TEXT NOT NULL,
    revision       BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    modified_at    BIGINT NOT NULL
);
CREATE INDEX datasets_department ON datasets (department_id, state);
CREATE INDEX datasets_state ON datasets (state, modified_at);

CREATE TABLE dataset_versions (
    dataset_id TEXT NOT NULL REFERENCES datasets (id),
    revision   BIGINT NOT NULL,
    snapshot   TEXT NOT NULL,
    changed_by TEXT,
    note       TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (dataset_id, revision)
);

CREATE TABLE dataset_resources (
    id               TEXT PRIMARY KEY,
    dataset_id       TEXT NOT NULL REFERENCES datasets (id),
    position         BIGINT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    format           TEXT NOT NULL,
    url              TEXT NOT NULL,
    file_key         TEXT,
    size_bytes       BIGINT,
    datastore_active BIGINT NOT NULL DEFAULT 0,
    downloads        BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    modified_at      BIGINT NOT NULL
);
CREATE INDEX dataset_resources_dataset ON dataset_resources (dataset_id, position);

CREATE TABLE datastore_fields (
    resource_id TEXT NOT NULL REFERENCES dataset_resources (id),
    position    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    field_type  TEXT NOT NULL,
    PRIMARY KEY (resource_id, position)
);

CREATE TABLE datastore_rows (
    resource_id TEXT NOT NULL REFERENCES dataset_resources (id),
    row_no      BIGINT NOT NULL,
    cells       TEXT NOT NULL,
    PRIMARY KEY (resource_id, row_no)
);
