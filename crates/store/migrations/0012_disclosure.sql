-- Disclosure on request (依申请公开, PUB-3): a request to a department, the clarification that
-- restarts its clock (§30: counted from the clarified request, `clock_start`), the one
-- extension, and the statutory answer.
CREATE TABLE disclosure_requests (
    id              TEXT PRIMARY KEY,
    receipt         TEXT NOT NULL UNIQUE,
    account_id      TEXT NOT NULL REFERENCES accounts(id),
    department_id   TEXT NOT NULL REFERENCES departments(id),
    description     TEXT NOT NULL,
    form            TEXT NOT NULL,
    state           TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    clock_start     TEXT NOT NULL,
    due_on          TEXT,
    extended        BIGINT NOT NULL DEFAULT 0,
    extend_reason   TEXT NOT NULL DEFAULT '',
    clarify_note    TEXT NOT NULL DEFAULT '',
    clarify_answer  TEXT NOT NULL DEFAULT '',
    answer_type     TEXT,
    answer_text     TEXT NOT NULL DEFAULT '',
    answer_reason   TEXT NOT NULL DEFAULT '',
    answered_on     TEXT,
    answered_by     TEXT,
    late            BIGINT NOT NULL DEFAULT 0,
    overdue_told    BIGINT NOT NULL DEFAULT 0,
    revision        BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX disclosure_queue ON disclosure_requests(department_id, state, due_on);
CREATE INDEX disclosure_mine ON disclosure_requests(account_id, created_at);
CREATE INDEX disclosure_received ON disclosure_requests(department_id, received_on);

CREATE TABLE disclosure_pauses (
    request_id  TEXT NOT NULL REFERENCES disclosure_requests(id),
    from_on     TEXT NOT NULL,
    to_on       TEXT,
    PRIMARY KEY (request_id, from_on)
);
