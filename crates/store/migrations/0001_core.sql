-- Yiwang core schema. Portable SQL: SQLite and PostgreSQL both run this file unchanged.
-- Conventions: TEXT ids (UUIDv7 made by the application), BIGINT milliseconds since the epoch
-- for instants, BIGINT 0/1 for flags, BYTEA for ciphertexts of personal data, *_index columns
-- for keyed blind indexes (HMAC) of personal data.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent_code TEXT REFERENCES regions(code),
    source      TEXT NOT NULL,          -- 'national' (imported) or 'admin' (added in the console)
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code, code);
CREATE INDEX regions_name ON regions(name);

CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    code        TEXT,
    region_code TEXT NOT NULL REFERENCES regions(code),
    level       TEXT NOT NULL,
    phone       TEXT,
    address     TEXT,
    hours       TEXT,
    active      BIGINT NOT NULL DEFAULT 1,
    version     BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX departments_code ON departments(code) WHERE code IS NOT NULL;
CREATE UNIQUE INDEX departments_region_name ON departments(region_code, name);

CREATE TABLE accounts (
    id                   TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL,      -- 'citizen' | 'staff'
    username             TEXT,               -- staff login name
    display_name         TEXT,               -- staff name as shown to citizens in access logs
    phone_enc            BYTEA,
    phone_index          TEXT,
    email_enc            BYTEA,
    password_hash        TEXT NOT NULL,
    password_changed_at  BIGINT NOT NULL,
    real_name_enc        BYTEA,
    id_number_enc        BYTEA,
    id_number_index      TEXT,
    real_name_verified_at BIGINT,
    totp_secret_enc      BYTEA,
    totp_enrolled_at     BIGINT,
    totp_last_step       BIGINT,
    lang                 TEXT NOT NULL DEFAULT 'zh-Hans',
    status               TEXT NOT NULL DEFAULT 'active',   -- 'active' | 'disabled'
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts(username) WHERE username IS NOT NULL;
CREATE UNIQUE INDEX accounts_phone ON accounts(kind, phone_index) WHERE phone_index IS NOT NULL;
CREATE UNIQUE INDEX accounts_id_number ON accounts(kind, id_number_index) WHERE id_number_index IS NOT NULL;

-- Roles held by staff accounts and by system clients ('account' | 'client' holders).
CREATE TABLE role_grants (
    id            TEXT PRIMARY KEY,
    holder_kind   TEXT NOT NULL,
    holder_id     TEXT NOT NULL,
    role          TEXT NOT NULL,
    department_id TEXT REFERENCES departments(id),
    region_code   TEXT NOT NULL REFERENCES regions(code),
    granted_by    TEXT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX role_grants_holder ON role_grants(holder_id);

CREATE TABLE enterprises (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    credit_code        TEXT NOT NULL,
    legal_rep_enc      BYTEA NOT NULL,
    created_by         TEXT NOT NULL REFERENCES accounts(id),
    created_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code);

CREATE TABLE enterprise_agents (
    enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    role          TEXT NOT NULL,     -- 'legal_representative' | 'agent'
    granted_by    TEXT NOT NULL,
    valid_until   BIGINT,
    revoked_at    BIGINT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (enterprise_id, account_id)
);
CREATE INDEX enterprise_agents_account ON enterprise_agents(account_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    kind         TEXT NOT NULL,         -- account kind, selects the timeout policy
    stage        TEXT NOT NULL,         -- 'full' | 'totp_enrolment'
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_clients (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    disabled_at BIGINT
);

-- Bearer tokens for apps (issued to accounts) and other government systems (to clients).
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL,
    account_id   TEXT REFERENCES accounts(id),
    client_id    TEXT REFERENCES api_clients(id),
    label        TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens(token_hash);
CREATE INDEX api_tokens_account ON api_tokens(account_id);

CREATE TABLE sms_codes (
    id          TEXT PRIMARY KEY,
    phone_index TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    code_mac    TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX sms_codes_lookup ON sms_codes(phone_index, purpose, created_at);

-- Rate-limit and lockout counters shared by every instance. Keys hold blind indexes, never
-- phone numbers or addresses.
CREATE TABLE rate_counters (
    key           TEXT PRIMARY KEY,
    events        BIGINT NOT NULL,
    window_start  BIGINT NOT NULL,
    blocked_until BIGINT,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    at           BIGINT NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT NOT NULL,       -- snapshot, so renaming staff does not rewrite history
    actor_org    TEXT,                -- department name snapshot
    action       TEXT NOT NULL,
    target_kind  TEXT,
    target_id    TEXT,
    subject_id   TEXT,                -- the citizen whose personal data was read or changed
    region_code  TEXT,                -- for scoping searches by region
    department_id TEXT,               -- for scoping searches by department
    detail       TEXT,                -- JSON without personal data
    request_id   TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_subject ON audit_log(subject_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_action ON audit_log(action, at);

-- Durable background work. Claimed with a lease (locked_by/locked_until): a worker that dies
-- loses its lease and the job runs again. dedupe_key makes enqueueing idempotent.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL,       -- 'queued' | 'running' | 'done' | 'dead'
    run_at       BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    dedupe_key   TEXT,
    locked_by    TEXT,
    locked_until BIGINT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    finished_at  BIGINT
);
CREATE INDEX jobs_due ON jobs(status, run_at);
CREATE UNIQUE INDEX jobs_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL;

-- The transactional outbox: a notification is written in the same transaction as the change
-- that causes it, with one delivery row and one job per channel.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    account_id  TEXT REFERENCES accounts(id),
    phone_enc   BYTEA,               -- recipient number when there is no account yet
    kind        TEXT NOT NULL,
    notice      TEXT NOT NULL,       -- JSON; secrets are scrubbed once delivered
    created_at  BIGINT NOT NULL
);
CREATE INDEX notifications_account ON notifications(account_id, created_at);

CREATE TABLE deliveries (
    notification_id TEXT NOT NULL REFERENCES notifications(id),
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL,   -- 'pending' | 'delivered' | 'skipped' | 'failed'
    created_at      BIGINT NOT NULL,
    delivered_at    BIGINT,
    detail          TEXT,
    PRIMARY KEY (notification_id, channel)
);
CREATE INDEX deliveries_pending ON deliveries(status, created_at);

CREATE TABLE inbox (
    notification_id TEXT PRIMARY KEY REFERENCES notifications(id),
    account_id      TEXT NOT NULL REFERENCES accounts(id),
    created_at      BIGINT NOT NULL,
    read_at         BIGINT
);
CREATE INDEX inbox_account ON inbox(account_id, created_at);

-- Messages recorded by the development SMS and email senders.
CREATE TABLE dev_messages (
    id              TEXT PRIMARY KEY,
    channel         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    recipient_enc   BYTEA NOT NULL,
    recipient_index TEXT NOT NULL,
    subject         TEXT,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX dev_messages_key ON dev_messages(idempotency_key);
CREATE INDEX dev_messages_recipient ON dev_messages(recipient_index, created_at);

-- Deployment-wide settings that must be the same on every instance.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
