-- Regional portals (云上区县, REG-1) and investment promotion (招商, REG-2): each region's
-- page as its editors wrote it (introduction, leaders and contacts as JSON lists of public
-- facts, the department named as its investment office), projects seeking investment with
-- an optional PDF in the file store, the policy documents it names as preferential policies
-- (by index number), its economic indicators as small time series (values in hundredths),
-- and investors' inquiries (the investor's name and phone encrypted with the vault).
-- Portable SQL: one file for SQLite and PostgreSQL.

CREATE TABLE portal_pages (
    region_code     TEXT PRIMARY KEY,
    intro           TEXT NOT NULL,
    leaders         TEXT NOT NULL,
    contacts        TEXT NOT NULL,
    invest_office   TEXT REFERENCES departments (id),
    revision        BIGINT NOT NULL,
    updated_by      TEXT,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE invest_projects (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL,
    title          TEXT NOT NULL,
    sector         TEXT NOT NULL,
    location       TEXT NOT NULL,
    land_m2        BIGINT NOT NULL,
    investment_wan BIGINT NOT NULL,
    stage          TEXT NOT NULL,
    contact        TEXT NOT NULL,
    summary        TEXT NOT NULL,
    published      BIGINT NOT NULL DEFAULT 0,
    file_key       TEXT,
    file_size      BIGINT,
    revision       BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX invest_projects_region ON invest_projects (region_code, published, updated_at);

CREATE TABLE portal_policies (
    region_code TEXT NOT NULL,
    position    BIGINT NOT NULL,
    index_no    TEXT NOT NULL,
    PRIMARY KEY (region_code, position)
);

CREATE TABLE portal_indicators (
    region_code TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    period      TEXT NOT NULL,
    value_x100  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (region_code, indicator, period)
);

CREATE TABLE invest_inquiries (
    id            TEXT PRIMARY KEY,
    region_code   TEXT NOT NULL,
    project_id    TEXT REFERENCES invest_projects (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    account_id    TEXT NOT NULL REFERENCES accounts (id),
    contact_enc   BYTEA NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    reply         TEXT,
    replied_by    TEXT,
    replied_at    BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX invest_inquiries_account ON invest_inquiries (account_id, created_at);
CREATE INDEX invest_inquiries_department ON invest_inquiries (department_id, replied_at, due_on);
