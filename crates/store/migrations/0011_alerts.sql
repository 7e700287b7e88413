-- Emergency alerts (PUB-7): issued for a region's subtree by a duty officer, approved by a
-- second officer when red, shown as a banner until they expire or are lifted, and told to
-- every account concerned once (alert_deliveries: a fan-out resumed after a crash tells no
-- one twice).
CREATE TABLE alerts (
    id             TEXT PRIMARY KEY,
    region_code    TEXT NOT NULL REFERENCES regions(code),
    severity       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    instructions   TEXT NOT NULL,
    until_at       BIGINT NOT NULL,
    state          TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    approved_by    TEXT,
    issued_at      BIGINT NOT NULL,
    active_at      BIGINT,
    lifted_at      BIGINT,
    lifted_by      TEXT,
    revision       BIGINT NOT NULL
);
CREATE INDEX alerts_shown ON alerts(state, until_at);
CREATE INDEX alerts_issued ON alerts(issued_at);

CREATE TABLE alert_deliveries (
    alert_id    TEXT NOT NULL REFERENCES alerts(id),
    account_id  TEXT NOT NULL,
    PRIMARY KEY (alert_id, account_id)
);

-- Where a person lives (a street or community code), which they set on their account page:
-- the alerts and, later, subscriptions of that region reach them.
ALTER TABLE accounts ADD COLUMN home_region TEXT;
CREATE INDEX accounts_home_region ON accounts(home_region);

-- Live pages poll for messages that arrived since they last looked.
CREATE INDEX inbox_created ON inbox(created_at);
