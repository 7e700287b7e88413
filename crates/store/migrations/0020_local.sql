-- Local life (LIFE-1): places (halls, hospitals, schools, parks, libraries, sports grounds)
-- and vetted merchants (locksmiths, housekeeping, repairs) in one table, and events at
-- places. A location is WGS-84 in millionths of a degree, like the inquiries' lat_e6/lng_e6,
-- indexed so "near me" filters a bounding box before computing distances. A merchant is
-- listed while approved and its licence valid (licence_valid_until, a Beijing date
-- YYYY-MM-DD, compares as text); lapse_noted remembers that the daily job told the search
-- index it lapsed; an event's over_noted, that it was told the event is over. Portable SQL: one file for SQLite and PostgreSQL.

CREATE TABLE local_places (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    category            TEXT NOT NULL,
    merchant            BIGINT NOT NULL,
    region_code         TEXT NOT NULL,
    address             TEXT NOT NULL,
    phone               TEXT NOT NULL,
    hours               TEXT NOT NULL,
    lat_e6              BIGINT NOT NULL,
    lng_e6              BIGINT NOT NULL,
    description         TEXT NOT NULL,
    department_id       TEXT REFERENCES departments (id),
    licence_no          TEXT,
    licence_issuer      TEXT,
    licence_valid_until TEXT,
    vetting             TEXT NOT NULL,
    vetting_reason      TEXT,
    lapse_noted         BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL,
    modified_at         BIGINT NOT NULL
);
-- "near me" reads a box: by latitude range (then longitude), or within one category.
CREATE INDEX local_places_geo ON local_places (lat_e6, lng_e6);
CREATE INDEX local_places_category_geo ON local_places (category, lat_e6, lng_e6);
-- The listing: counted in a region (a code range) from the index alone, and by name.
CREATE INDEX local_places_region ON local_places (region_code, merchant, vetting, licence_valid_until);
CREATE INDEX local_places_name ON local_places (name, id);
CREATE INDEX local_places_licence ON local_places (merchant, licence_valid_until);

CREATE TABLE local_events (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    place_id         TEXT NOT NULL REFERENCES local_places (id),
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    registration_url TEXT NOT NULL,
    description      TEXT NOT NULL,
    situation        TEXT,
    over_noted       BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL
);
CREATE INDEX local_events_dates ON local_events (ends_on, starts_on);
CREATE INDEX local_events_place ON local_events (place_id);
