-- Online applications (APP-1…8) and electronic certificates (CERT-1…4): the official calendar,
-- per-item forms and workflows, drafts, uploads, cases with their history and clock pauses,
-- signing keys, certificates, ratings and rectification tasks.

-- Public holidays and make-up working days; days not listed follow the week.
CREATE TABLE calendar_days (
    day   TEXT PRIMARY KEY,                 -- 'YYYY-MM-DD'
    kind  TEXT NOT NULL,                    -- 'holiday' | 'workday'
    name  TEXT NOT NULL DEFAULT ''
);
-- The years the calendar covers (a year with no holidays listed is still "covered" once loaded).
CREATE TABLE calendar_years (
    year       BIGINT PRIMARY KEY,
    loaded_by  TEXT NOT NULL,
    loaded_at  BIGINT NOT NULL
);

-- Every version of an item's online form, its workflow, its instant-approval rules and the
-- certificate it issues. The unpublished draft has published_at NULL (at most one per item).
CREATE TABLE form_versions (
    item_id      TEXT NOT NULL REFERENCES items(id),
    version      BIGINT NOT NULL,
    definition   TEXT NOT NULL,             -- JSON FormDef
    workflow     TEXT NOT NULL,             -- JSON Workflow
    rules        TEXT,                      -- JSON RuleSet (instant approval), NULL = none
    instant      BIGINT NOT NULL DEFAULT 0,
    certificate  TEXT,                      -- JSON: type, names, fields, validity
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    published_at BIGINT,
    PRIMARY KEY (item_id, version)
);

-- A citizen's unfinished application, kept on the server (one per item and applicant).
CREATE TABLE application_drafts (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    form_version  BIGINT NOT NULL,
    answers_enc   BYTEA NOT NULL,
    revision      BIGINT NOT NULL,
    assisted_by   TEXT REFERENCES accounts(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX application_drafts_owner ON application_drafts(account_id, item_id);
CREATE INDEX application_drafts_expiry ON application_drafts(expires_at);

-- Uploaded files; the bytes live in the file store under storage_key.
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    storage_key  TEXT NOT NULL,
    file_type    TEXT NOT NULL,
    bytes        BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    name_enc     BYTEA NOT NULL,            -- the file name as uploaded (may be personal)
    scan         TEXT NOT NULL DEFAULT 'clean',   -- virus-scan hook result
    case_id      TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX uploads_owner ON uploads(account_id, created_at);
CREATE INDEX uploads_case ON uploads(case_id);

-- One application. `revision` grows with every change, so two staff acting at once cannot
-- both win. The idempotency key makes a retried submission return the same case.
CREATE TABLE cases (
    id               TEXT PRIMARY KEY,
    receipt          TEXT NOT NULL,
    item_id          TEXT NOT NULL REFERENCES items(id),
    form_version     BIGINT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    department_id    TEXT NOT NULL REFERENCES departments(id),
    region_code      TEXT NOT NULL REFERENCES regions(code),
    state            TEXT NOT NULL,
    step             BIGINT NOT NULL DEFAULT 0,
    accepted_on      TEXT,                  -- 'YYYY-MM-DD': the clock starts the next day
    paused           TEXT,                  -- pause kind while the clock is stopped
    auto_decided     BIGINT NOT NULL DEFAULT 0,
    limit_days       BIGINT,                -- promised (else statutory) working days
    due_on           TEXT,                  -- 'YYYY-MM-DD', NULL before acceptance or while paused
    due_uncovered    TEXT NOT NULL DEFAULT '',  -- years counted by weekends only: '2027,'
    answers_enc      BYTEA NOT NULL,
    idempotency_key  TEXT,
    request_hash     TEXT NOT NULL,
    rule_trace       TEXT,                  -- JSON Trace of an instant-approval evaluation
    delivery         TEXT,
    tracking         TEXT,
    assisted_by      TEXT REFERENCES accounts(id),
    revision         BIGINT NOT NULL,
    submitted_at     BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    decided_at       BIGINT,
    reminded_at      BIGINT,                -- 催办 sent
    overdue_at       BIGINT,                -- 督办: on the supervisor's board since
    -- For the work queue's one index: whether someone still has to act, and the due day with
    -- "no clock yet" sorting last (the same on both databases, unlike NULL ordering).
    queue_open       BIGINT GENERATED ALWAYS AS (CASE WHEN state IN ('submitted', 'returned', 'under_review', 'approved') THEN 1 ELSE 0 END) STORED,
    queue_due        TEXT GENERATED ALWAYS AS (COALESCE(due_on, '9999-12-31')) STORED
);
CREATE UNIQUE INDEX cases_receipt ON cases(receipt);
CREATE UNIQUE INDEX cases_idempotency ON cases(account_id, idempotency_key);
CREATE INDEX cases_applicant ON cases(account_id, submitted_at);
-- A department's open cases in deadline order: page 1 of a queue of 100,000 reads 50 entries.
CREATE INDEX cases_queue ON cases(department_id, queue_open, queue_due, submitted_at);
CREATE INDEX cases_region_due ON cases(region_code, state, due_on);

-- Every transition: who, when, why.
CREATE TABLE case_events (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases(id),
    at            BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    actor_kind    TEXT NOT NULL,            -- 'applicant' | 'staff' | 'system'
    actor_id      TEXT,
    actor_name    TEXT,                     -- staff display name (not personal data of citizens)
    from_state    TEXT,
    to_state      TEXT NOT NULL,
    step          BIGINT NOT NULL DEFAULT 0,
    department_id TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '{}'   -- JSON: missing list, tracking, basis…
);
CREATE INDEX case_events_case ON case_events(case_id, at);

-- Stretches when the clock stood still (补正, expert review, hearings).
CREATE TABLE case_pauses (
    case_id   TEXT NOT NULL REFERENCES cases(id),
    seq       BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    from_day  TEXT NOT NULL,
    to_day    TEXT,
    PRIMARY KEY (case_id, seq)
);

-- Ed25519 signing keys of issuing authorities; the seed is encrypted with the vault.
CREATE TABLE signing_keys (
    kid            TEXT PRIMARY KEY,
    department_id  TEXT NOT NULL REFERENCES departments(id),
    public_key     TEXT NOT NULL,
    seed_enc       BYTEA NOT NULL,
    created_at     BIGINT NOT NULL,
    retired_at     BIGINT
);
CREATE INDEX signing_keys_department ON signing_keys(department_id, created_at);

-- Issued certificates: the signed token is the certificate; the rest is for lookups.
CREATE TABLE certificates (
    id             TEXT PRIMARY KEY,
    case_id        TEXT REFERENCES cases(id),
    account_id     TEXT NOT NULL REFERENCES accounts(id),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    cert_type      TEXT NOT NULL,
    type_name      TEXT NOT NULL,
    kid            TEXT NOT NULL REFERENCES signing_keys(kid),
    token_enc      BYTEA NOT NULL,         -- the signed token (names the holder): encrypted
    issued_on      TEXT NOT NULL,
    expires_on     TEXT,
    revoked_at     BIGINT,
    revoked_reason TEXT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX certificates_holder ON certificates(account_id, cert_type);
CREATE INDEX certificates_revoked ON certificates(revoked_at);

-- Time-limited share links of a certificate (only the token's hash is kept).
CREATE TABLE certificate_shares (
    token_hash     TEXT PRIMARY KEY,
    certificate_id TEXT NOT NULL REFERENCES certificates(id),
    expires_at     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL
);

-- 好差评: one rating per case, by its applicant.
CREATE TABLE ratings (
    case_id        TEXT PRIMARY KEY REFERENCES cases(id),
    item_id        TEXT NOT NULL REFERENCES items(id),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    level          BIGINT NOT NULL,
    comment        TEXT NOT NULL DEFAULT '',
    efficiency     BIGINT,
    guide_accuracy BIGINT,
    convenience    BIGINT,
    usability      BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX ratings_item ON ratings(item_id);
CREATE INDEX ratings_department ON ratings(department_id);

-- A poor rating opens a rectification task for the department, due in 15 working days.
CREATE TABLE rectifications (
    id             TEXT PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases(id),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    due_on         TEXT NOT NULL,
    callback_note  TEXT,
    closed_by      TEXT,
    closed_at      BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX rectifications_open ON rectifications(department_id, closed_at);
