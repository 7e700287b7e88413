-- Appointments (SVC-2): places that publish capacity (service halls, hospitals), their desks
-- (a hall's windows with the item groups they serve, a hospital's doctors by department) with
-- a weekly template, closures, the slots made from them, and bookings.
--
-- Never overbooked: a booking takes its place with one conditional write,
-- `UPDATE booking_slots SET taken = taken + 1 WHERE id = $1 AND taken < places`, inside the
-- booking's transaction (row lock on PostgreSQL, the single writer on SQLite), and the CHECK
-- below refuses any write that would make `taken` pass `places` whatever the code does.
CREATE TABLE booking_places (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    department_id  TEXT NOT NULL REFERENCES departments(id),
    region_code    TEXT NOT NULL REFERENCES regions(code),
    address        TEXT NOT NULL,
    active         BIGINT NOT NULL DEFAULT 1,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX booking_places_department ON booking_places(department_id);

CREATE TABLE booking_desks (
    id          TEXT PRIMARY KEY,
    place_id    TEXT NOT NULL REFERENCES booking_places(id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    items       TEXT NOT NULL,
    template    TEXT NOT NULL,
    sort        BIGINT NOT NULL DEFAULT 0,
    active      BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX booking_desks_place ON booking_desks(place_id, sort);

-- A day a whole place (desk_id = '') or one desk is closed besides the calendar's holidays.
CREATE TABLE booking_closures (
    place_id  TEXT NOT NULL REFERENCES booking_places(id),
    desk_id   TEXT NOT NULL,
    day       TEXT NOT NULL,
    reason    TEXT NOT NULL,
    PRIMARY KEY (place_id, desk_id, day)
);

CREATE TABLE booking_slots (
    id         TEXT PRIMARY KEY,
    desk_id    TEXT NOT NULL REFERENCES booking_desks(id),
    day        TEXT NOT NULL,
    start_min  BIGINT NOT NULL,
    end_min    BIGINT NOT NULL,
    places     BIGINT NOT NULL,
    taken      BIGINT NOT NULL DEFAULT 0,
    closed     BIGINT NOT NULL DEFAULT 0,
    CHECK (taken >= 0 AND taken <= places)
);
CREATE UNIQUE INDEX booking_slots_desk_day ON booking_slots(desk_id, day, start_min);
CREATE INDEX booking_slots_day ON booking_slots(day);

-- `subject` is 'self' or the blind index of a family member's ID number (their name and
-- number encrypted in person_enc); one open booking per person and slot. `code_index` is the
-- blind index of the check-in code (the code itself encrypted in code_enc, for the QR code).
-- `idempotency_key` is scoped by account: a double click books once.
CREATE TABLE bookings (
    id               TEXT PRIMARY KEY,
    slot_id          TEXT NOT NULL REFERENCES booking_slots(id),
    desk_id          TEXT NOT NULL REFERENCES booking_desks(id),
    place_id         TEXT NOT NULL REFERENCES booking_places(id),
    day              TEXT NOT NULL,
    account_id       TEXT NOT NULL REFERENCES accounts(id),
    subject          TEXT NOT NULL,
    person_enc       BYTEA,
    state            TEXT NOT NULL,
    code_enc         BYTEA NOT NULL,
    code_index       TEXT NOT NULL,
    case_id          TEXT,
    idempotency_key  TEXT,
    request_hash     TEXT NOT NULL,
    reminded_at      BIGINT,
    served_at        BIGINT,
    served_by        TEXT,
    cancelled_at     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX bookings_idempotency ON bookings(idempotency_key);
CREATE UNIQUE INDEX bookings_code ON bookings(code_index);
CREATE UNIQUE INDEX bookings_one_per_person ON bookings(slot_id, account_id, subject)
    WHERE state IN ('confirmed', 'waiting');
CREATE INDEX bookings_slot_state ON bookings(slot_id, state, created_at);
CREATE INDEX bookings_account ON bookings(account_id, created_at);
CREATE INDEX bookings_day_state ON bookings(day, state);

-- Open bookings per account, taken like a slot's places: `UPDATE … SET open_count =
-- open_count + 1 WHERE account_id = $1 AND open_count < $2`.
CREATE TABLE booking_holders (
    account_id  TEXT PRIMARY KEY REFERENCES accounts(id),
    open_count  BIGINT NOT NULL DEFAULT 0,
    CHECK (open_count >= 0)
);
