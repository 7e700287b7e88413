-- Fee payment by bill code (SVC-1). Amounts are whole fen (BIGINT), never floating point.
--
-- Our side: collecting units, bills, payment attempts (one order at the provider each),
-- refunds, the append-only ledger, receipts and reconciliation runs. The ledger is never
-- updated: a bill's balance is SUM(charge + late_fee) - SUM(payment) + SUM(refund); a unique
-- (kind, source) makes a second recording of the same payment or refund a no-op.
CREATE TABLE pay_units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    client_id   TEXT REFERENCES api_clients(id),
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX pay_units_client ON pay_units(client_id);

CREATE TABLE bills (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    unit_code       TEXT NOT NULL REFERENCES pay_units(code),
    external_ref    TEXT,
    payer_account   TEXT REFERENCES accounts(id),
    payer_name_enc  BYTEA NOT NULL,
    payer_name_index TEXT NOT NULL,
    title           TEXT NOT NULL,
    items           TEXT NOT NULL,
    amount_fen      BIGINT NOT NULL,
    due_on          TEXT NOT NULL,
    late_fee_bp     BIGINT NOT NULL,
    state           TEXT NOT NULL,
    case_id         TEXT,
    created_by      TEXT,
    created_at      BIGINT NOT NULL,
    revision        BIGINT NOT NULL
);
CREATE UNIQUE INDEX bills_external ON bills(unit_code, external_ref);
CREATE INDEX bills_payer ON bills(payer_account, created_at);
CREATE INDEX bills_unit ON bills(unit_code, created_at);
CREATE UNIQUE INDEX bills_case ON bills(case_id);

CREATE TABLE pay_attempts (
    id           TEXT PRIMARY KEY,
    bill_id      TEXT NOT NULL REFERENCES bills(id),
    idem_key     TEXT NOT NULL UNIQUE,
    account_id   TEXT REFERENCES accounts(id),
    provider     TEXT NOT NULL,
    amount_fen   BIGINT NOT NULL,
    late_fee_fen BIGINT NOT NULL,
    state        TEXT NOT NULL,
    pay_url      TEXT NOT NULL,
    trade_no     TEXT,
    flag         TEXT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    settled_at   BIGINT
);
CREATE INDEX pay_attempts_bill ON pay_attempts(bill_id, created_at);
CREATE INDEX pay_attempts_pending ON pay_attempts(state, created_at);

CREATE TABLE pay_refunds (
    id          TEXT PRIMARY KEY,
    attempt_id  TEXT NOT NULL REFERENCES pay_attempts(id),
    bill_id     TEXT NOT NULL REFERENCES bills(id),
    amount_fen  BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    state       TEXT NOT NULL,
    trade_no    TEXT,
    created_by  TEXT,
    created_at  BIGINT NOT NULL,
    settled_at  BIGINT
);
CREATE INDEX pay_refunds_attempt ON pay_refunds(attempt_id);
CREATE INDEX pay_refunds_pending ON pay_refunds(state, created_at);

CREATE TABLE ledger (
    id          TEXT PRIMARY KEY,
    bill_id     TEXT NOT NULL REFERENCES bills(id),
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    amount_fen  BIGINT NOT NULL,
    trade_no    TEXT,
    posted_on   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (kind, source)
);
CREATE INDEX ledger_bill ON ledger(bill_id);
CREATE INDEX ledger_day ON ledger(posted_on, kind);

CREATE TABLE pay_receipts (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    attempt_id  TEXT NOT NULL UNIQUE REFERENCES pay_attempts(id),
    bill_id     TEXT NOT NULL REFERENCES bills(id),
    account_id  TEXT REFERENCES accounts(id),
    token       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX pay_receipts_account ON pay_receipts(account_id, created_at);

CREATE TABLE reconciliations (
    day          TEXT PRIMARY KEY,
    matched      BIGINT NOT NULL,
    differences  BIGINT NOT NULL,
    report       TEXT NOT NULL,
    ran_by       TEXT,
    ran_at       BIGINT NOT NULL,
    resolved_at  BIGINT
);

-- The sandbox payment provider's own records: a separate party that happens to live in the
-- same database. Our code reads them only through the provider interface; the crash check
-- balances the ledger against them.
CREATE TABLE sandbox_orders (
    trade_no      TEXT PRIMARY KEY,
    merchant_ref  TEXT NOT NULL UNIQUE,
    amount_fen    BIGINT NOT NULL,
    subject       TEXT NOT NULL,
    return_url    TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    paid_at       BIGINT,
    paid_on       TEXT
);
CREATE INDEX sandbox_orders_paid ON sandbox_orders(paid_on);

CREATE TABLE sandbox_refunds (
    refund_no     TEXT PRIMARY KEY,
    merchant_ref  TEXT NOT NULL UNIQUE,
    trade_no      TEXT NOT NULL REFERENCES sandbox_orders(trade_no),
    amount_fen    BIGINT NOT NULL,
    state         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    done_on       TEXT NOT NULL
);
CREATE INDEX sandbox_refunds_day ON sandbox_refunds(done_on);
