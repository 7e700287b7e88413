-- Web Push and notification preferences (NOTIF-1), and editors' picks for the daily digest
-- (PUB-6).
--
-- Each device a person allowed to receive push messages. The endpoint and the keys are
-- encrypted: whoever holds them can message the device. The blind index finds the device
-- again when its browser unsubscribes or subscribes again (then under whoever is signed in).
CREATE TABLE push_devices (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    endpoint_ix   TEXT NOT NULL UNIQUE,
    endpoint_enc  BYTEA NOT NULL,
    keys_enc      BYTEA NOT NULL,
    label         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_ok_at    BIGINT
);
CREATE INDEX push_devices_account ON push_devices(account_id);

-- Which device already took which notification: a retried delivery pushes only to the rest.
CREATE TABLE push_sent (
    notification_id TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    PRIMARY KEY (notification_id, device_id)
);

-- What a person chose: channels per topic and quiet hours, as JSON the domain reads
-- (domain::notification::prefs::Preferences).
CREATE TABLE notify_prefs (
    account_id  TEXT PRIMARY KEY REFERENCES accounts(id),
    prefs       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- A delivery held by the person's quiet hours is due later; the outbox lag counts from then.
ALTER TABLE deliveries ADD COLUMN due_at BIGINT;

-- An editor's pick: the digest (每日10条) lists the day's picks first, then the newest.
ALTER TABLE docs ADD COLUMN picked_at BIGINT;

-- An email address someone gives for notifications waits here until its link is opened
-- (the token is kept only as a hash; the address encrypted). A confirmation email names
-- the address it goes to on its notification, not the account's.
CREATE TABLE email_confirmations (
    token_hash  TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    email_enc   BYTEA NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX email_confirmations_account ON email_confirmations(account_id);
ALTER TABLE notifications ADD COLUMN email_enc BYTEA;

-- An update or all-clear names the alert it follows; that one comes down when it goes out.
ALTER TABLE alerts ADD COLUMN follows TEXT;

-- Files a department attaches to its answer to a request for government information (the
-- documents disclosed); the requester can download them once the request is answered.
CREATE TABLE disclosure_files (
    id             TEXT PRIMARY KEY,
    disclosure_id  TEXT NOT NULL REFERENCES disclosure_requests(id),
    file_type      TEXT NOT NULL,
    size           BIGINT NOT NULL,
    file_key       TEXT NOT NULL,
    added_by       TEXT NOT NULL,
    added_at       BIGINT NOT NULL
);
CREATE INDEX disclosure_files_request ON disclosure_files(disclosure_id, added_at);
