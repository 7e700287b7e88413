-- Assisted handling (帮办代办, APP-8): a citizen's consent, by a code sent to their phone and
-- read out at the desk, to one staff member applying for one item on their behalf.
CREATE TABLE assist_consents (
    id            TEXT PRIMARY KEY,
    staff_id      TEXT NOT NULL REFERENCES accounts(id),
    staff_name    TEXT NOT NULL,            -- as the citizen is told it (staff names are not citizens' data)
    department    TEXT NOT NULL,            -- the staff member's department, as named in the SMS
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    item_id       TEXT NOT NULL REFERENCES items(id),
    code_mac      TEXT NOT NULL,            -- keyed MAC of the code; the code itself is never stored
    attempts      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    granted_at    BIGINT,                   -- the citizen's code was accepted
    case_id       TEXT REFERENCES cases(id),-- the application submitted under it (spends it)
    cancelled_at  BIGINT
);
CREATE INDEX assist_consents_staff ON assist_consents(staff_id, created_at);
CREATE INDEX assist_consents_account ON assist_consents(account_id, created_at);
