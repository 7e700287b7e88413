-- The service catalogue (CAT-1…5): items with their current guide, every published version,
-- life-event checklists, search aliases, and the change feed every instance's search index
-- and catalogue cache follow.

CREATE TABLE items (
    id               TEXT PRIMARY KEY,
    code             TEXT,                  -- national item code (unique when present)
    name             TEXT NOT NULL,
    item_type        TEXT NOT NULL,         -- national type code: '1', '5', '20'…
    parent_id        TEXT REFERENCES items(id),
    is_group         BIGINT NOT NULL DEFAULT 0,   -- a main item (主项) grouping its variants
    department_id    TEXT NOT NULL REFERENCES departments(id),
    region_code      TEXT NOT NULL REFERENCES regions(code),
    level            TEXT NOT NULL,
    tags             TEXT NOT NULL DEFAULT '',    -- ',one_visit,by_post,'
    topics           TEXT NOT NULL DEFAULT '',
    subjects         TEXT NOT NULL DEFAULT '',
    online_url       TEXT,
    status           TEXT NOT NULL DEFAULT 'active',   -- 'active' | 'withdrawn'
    replaced_by      TEXT REFERENCES items(id),
    withdrawn_reason TEXT,
    version          BIGINT NOT NULL,
    guide            TEXT NOT NULL,         -- JSON of the current version's guide
    views            BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX items_code ON items(code) WHERE code IS NOT NULL;
CREATE INDEX items_department ON items(department_id, name);
CREATE INDEX items_region ON items(region_code);
CREATE INDEX items_parent ON items(parent_id);
CREATE INDEX items_updated ON items(updated_at);

-- Every published version of an item, whole, with who published it and why.
CREATE TABLE item_versions (
    item_id      TEXT NOT NULL REFERENCES items(id),
    version      BIGINT NOT NULL,
    snapshot     TEXT NOT NULL,
    note         TEXT,
    published_by TEXT NOT NULL,            -- staff name, 'import', 'demo'
    published_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, version)
);

-- The ordered checklist of each life stage.
CREATE TABLE life_event_items (
    stage      TEXT NOT NULL,
    item_id    TEXT NOT NULL REFERENCES items(id),
    position   BIGINT NOT NULL,
    note       TEXT,
    PRIMARY KEY (stage, item_id)
);
CREATE INDEX life_event_items_order ON life_event_items(stage, position);

-- Colloquial phrases and what they mean in the catalogue's words (网吧 → 互联网上网服务营业场所).
CREATE TABLE search_aliases (
    id         TEXT PRIMARY KEY,
    phrase     TEXT NOT NULL,
    expansion  TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX search_aliases_phrase ON search_aliases(phrase);

-- What changed, for every instance's index and cache to follow. Readers re-read the current
-- state of what changed, so applying an entry twice is harmless.
CREATE TABLE search_changes (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,    -- 'item', 'alias', 'life_event', 'department'
    entity_id TEXT NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX search_changes_at ON search_changes(at);
