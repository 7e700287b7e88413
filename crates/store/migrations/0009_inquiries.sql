-- Inquiries, complaints and petitions (我要问政 / 12345 / 信访, INQ-1…5): categories and the
-- routing rules an admin edits, the inquiries with their history, files, pauses, helpers and
-- verdicts, the counters the league table sums, and the clients allowed to post through Open311.

-- Categories (城市管理 / 路灯照明 …): the JSON Category of domain::inquiry, with what lists need
-- in columns. A starter set; admins edit it in the console.
CREATE TABLE inquiry_categories (
    code        TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,
    sort        BIGINT NOT NULL DEFAULT 0,
    active      BIGINT NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL
);
INSERT INTO inquiry_categories (code, definition, sort, active, updated_at) VALUES
    ('street_lights', '{"code": "street_lights", "name": {"zh": "路灯照明", "en": "Street lights"}, "group": {"zh": "城市管理", "en": "City management"}, "description": {"zh": "路灯不亮、灯杆损坏、亮灯时间不当。", "en": "Lights out, damaged poles, wrong lighting hours."}, "allow_anonymous": true, "allow_public": true, "reply_days": 5, "active": true}', 0, 1, 0),
    ('city_appearance', '{"code": "city_appearance", "name": {"zh": "市容环境", "en": "City appearance"}, "group": {"zh": "城市管理", "en": "City management"}, "description": {"zh": "垃圾清运、乱堆乱放、占道经营、违章广告。", "en": "Rubbish collection, dumping, street stalls, illegal signs."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 10, 1, 0),
    ('roads', '{"code": "roads", "name": {"zh": "道路设施", "en": "Roads and pavements"}, "group": {"zh": "城市管理", "en": "City management"}, "description": {"zh": "路面坑洼、井盖缺失、人行道损坏、积水。", "en": "Potholes, missing manhole covers, broken pavements, flooding."}, "allow_anonymous": true, "allow_public": true, "reply_days": 5, "active": true}', 20, 1, 0),
    ('water_gas', '{"code": "water_gas", "name": {"zh": "供水供气", "en": "Water and gas"}, "group": {"zh": "城市管理", "en": "City management"}, "description": {"zh": "停水、水质、燃气供应与安全。", "en": "Water cuts, water quality, gas supply and safety."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 30, 1, 0),
    ('traffic', '{"code": "traffic", "name": {"zh": "交通出行", "en": "Traffic"}, "group": {"zh": "交通出行", "en": "Transport"}, "description": {"zh": "交通信号、道路拥堵、停车管理。", "en": "Traffic lights, congestion, parking."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 40, 1, 0),
    ('public_transport', '{"code": "public_transport", "name": {"zh": "公共交通", "en": "Public transport"}, "group": {"zh": "交通出行", "en": "Transport"}, "description": {"zh": "公交线路、站点、班次和服务。", "en": "Bus routes, stops, timetables and service."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 50, 1, 0),
    ('social_security', '{"code": "social_security", "name": {"zh": "社会保障", "en": "Social security"}, "group": {"zh": "社会保障", "en": "Social security"}, "description": {"zh": "社保、养老、医保、低保、救助。", "en": "Social insurance, pensions, medical insurance, subsistence allowances, relief."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 60, 1, 0),
    ('labour', '{"code": "labour", "name": {"zh": "劳动就业", "en": "Labour and wages"}, "group": {"zh": "社会保障", "en": "Social security"}, "description": {"zh": "拖欠工资、劳动合同、就业服务。", "en": "Unpaid wages, employment contracts, job services."}, "allow_anonymous": false, "allow_public": true, "reply_days": null, "active": true}', 70, 1, 0),
    ('education', '{"code": "education", "name": {"zh": "教育", "en": "Education"}, "group": {"zh": "教育", "en": "Education"}, "description": {"zh": "入学、收费、校园安全、课外培训。", "en": "School places, fees, school safety, tutoring."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 80, 1, 0),
    ('health', '{"code": "health", "name": {"zh": "医疗卫生", "en": "Health"}, "group": {"zh": "医疗卫生", "en": "Health"}, "description": {"zh": "医疗服务、医院收费、公共卫生。", "en": "Medical services, hospital charges, public health."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 90, 1, 0),
    ('housing', '{"code": "housing", "name": {"zh": "住房保障", "en": "Housing"}, "group": {"zh": "住房", "en": "Housing"}, "description": {"zh": "保障房、公租房、房屋安全。", "en": "Affordable and public rental housing, building safety."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 100, 1, 0),
    ('property', '{"code": "property", "name": {"zh": "物业管理", "en": "Property management"}, "group": {"zh": "住房", "en": "Housing"}, "description": {"zh": "物业服务、小区设施、维修资金。", "en": "Property services, estate facilities, maintenance funds."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 110, 1, 0),
    ('market', '{"code": "market", "name": {"zh": "市场监管", "en": "Market regulation"}, "group": {"zh": "市场监管", "en": "Market regulation"}, "description": {"zh": "食品安全、价格、计量、消费纠纷。", "en": "Food safety, prices, weights and measures, consumer disputes."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 120, 1, 0),
    ('environment', '{"code": "environment", "name": {"zh": "生态环境", "en": "Environment"}, "group": {"zh": "生态环境", "en": "Environment"}, "description": {"zh": "噪声、油烟、废气、污水、垃圾焚烧。", "en": "Noise, cooking fumes, air and water pollution, burning."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 130, 1, 0),
    ('agriculture', '{"code": "agriculture", "name": {"zh": "农业农村", "en": "Agriculture and rural affairs"}, "group": {"zh": "农业农村", "en": "Agriculture"}, "description": {"zh": "农业补贴、农村道路、饮水、土地承包。", "en": "Farm subsidies, rural roads and water, land contracts."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 140, 1, 0),
    ('gov_service', '{"code": "gov_service", "name": {"zh": "政务服务", "en": "Government services"}, "group": {"zh": "政务服务", "en": "Government services"}, "description": {"zh": "办事流程、窗口服务、网上办事。", "en": "How to get things done, counter service, online services."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 150, 1, 0),
    ('other', '{"code": "other", "name": {"zh": "其他", "en": "Other"}, "group": {"zh": "其他", "en": "Other"}, "description": {"zh": "不属于以上类别的事项。", "en": "Anything not listed above."}, "allow_anonymous": true, "allow_public": true, "reply_days": null, "active": true}', 160, 1, 0);

-- Routing: a category ('': any) in a region and everything under it goes to a department.
-- The most specific rule wins (the longest region code, then a named category).
CREATE TABLE inquiry_routes (
    id             TEXT PRIMARY KEY,
    category       TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL REFERENCES regions(code),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    created_by     TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX inquiry_routes_key ON inquiry_routes(region_code, category);
CREATE INDEX inquiry_routes_department ON inquiry_routes(department_id);

-- Whether a department's replies are reviewed by its admin before they are sent.
ALTER TABLE departments ADD COLUMN inquiry_reply_review BIGINT NOT NULL DEFAULT 0;

-- One inquiry. `revision` grows with every change, so two handlers acting at once cannot both
-- win. `idempotency_key` (scoped: account, client or form) makes a retried submission return the
-- same inquiry. Texts are the person's own words (shown to the department); who they are is on
-- the account or, for callers and Open311 people, encrypted in contact_enc.
CREATE TABLE inquiries (
    id                 TEXT PRIMARY KEY,
    receipt            TEXT NOT NULL,
    kind               TEXT NOT NULL,
    category           TEXT NOT NULL REFERENCES inquiry_categories(code),
    channel            TEXT NOT NULL,
    title              TEXT NOT NULL,
    body               TEXT NOT NULL,
    region_code        TEXT NOT NULL REFERENCES regions(code),
    address            TEXT NOT NULL DEFAULT '',
    lat_e6             BIGINT,              -- latitude in millionths of a degree (WGS-84)
    lng_e6             BIGINT,
    wants_public       BIGINT NOT NULL DEFAULT 0,
    anonymous          BIGINT NOT NULL DEFAULT 0,
    account_id         TEXT REFERENCES accounts(id),
    contact_enc        BYTEA,
    query_hash         TEXT,
    client_id          TEXT,
    recorded_by        TEXT REFERENCES accounts(id),
    state              TEXT NOT NULL,
    department_id      TEXT REFERENCES departments(id),
    master_id          TEXT REFERENCES inquiries(id),
    transfers          BIGINT NOT NULL DEFAULT 0,
    reopened           BIGINT NOT NULL DEFAULT 0,
    extended           BIGINT NOT NULL DEFAULT 0,
    accepted_on        TEXT,
    review_requested   BIGINT NOT NULL DEFAULT 0,
    submitted_on       TEXT NOT NULL,
    clock_start        TEXT NOT NULL,
    ack_due            TEXT,
    reply_due          TEXT,
    due_on             TEXT,
    reminded_at        BIGINT,
    overdue_at         BIGINT,
    reply              TEXT,
    replied_on         TEXT,
    published_at       BIGINT,
    board_title        TEXT,
    board_body         TEXT,
    board_reply        TEXT,
    idempotency_key    TEXT,
    request_hash       TEXT,
    revision           BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX inquiries_receipt ON inquiries(receipt);
CREATE UNIQUE INDEX inquiries_idempotency ON inquiries(idempotency_key);
CREATE INDEX inquiries_queue ON inquiries(department_id, state, due_on);
CREATE INDEX inquiries_desk ON inquiries(state, region_code);
CREATE INDEX inquiries_due ON inquiries(state, due_on);
CREATE INDEX inquiries_account ON inquiries(account_id, created_at);
CREATE INDEX inquiries_master ON inquiries(master_id);
-- The board pages in (published_at, id) order; Open311 lists a service's newest.
CREATE INDEX inquiries_board ON inquiries(published_at, id);
CREATE INDEX inquiries_category_created ON inquiries(category, created_at);
CREATE INDEX inquiries_created ON inquiries(created_at);
CREATE INDEX inquiries_place ON inquiries(lat_e6, lng_e6);

-- The history: who did what, when, at which stage.
CREATE TABLE inquiry_events (
    id             TEXT PRIMARY KEY,
    inquiry_id     TEXT NOT NULL REFERENCES inquiries(id),
    kind           TEXT NOT NULL,
    stage          TEXT NOT NULL,
    actor          TEXT NOT NULL,            -- submitter | staff | system
    actor_id       TEXT,
    department_id  TEXT,
    note           TEXT NOT NULL DEFAULT '',
    detail         TEXT,                     -- JSON
    created_at     BIGINT NOT NULL
);
CREATE INDEX inquiry_events_of ON inquiry_events(inquiry_id, created_at);

-- Photos with the inquiry and files with replies, findings and supplements; the bytes are in
-- the file store.
CREATE TABLE inquiry_files (
    id           TEXT PRIMARY KEY,
    inquiry_id   TEXT NOT NULL REFERENCES inquiries(id),
    event_id     TEXT,
    role         TEXT NOT NULL,              -- photo | reply | finding | supplement
    storage_key  TEXT NOT NULL,
    file_type    TEXT NOT NULL,
    bytes        BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX inquiry_files_of ON inquiry_files(inquiry_id, created_at);

-- Days the clock stood still (waiting for the citizen); to_day NULL while open.
CREATE TABLE inquiry_pauses (
    inquiry_id  TEXT NOT NULL REFERENCES inquiries(id),
    from_day    TEXT NOT NULL,
    to_day      TEXT
);
CREATE INDEX inquiry_pauses_of ON inquiry_pauses(inquiry_id);

-- Departments helping the handling one (joint handling).
CREATE TABLE inquiry_helpers (
    inquiry_id     TEXT NOT NULL REFERENCES inquiries(id),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    added_at       BIGINT NOT NULL,
    PRIMARY KEY (inquiry_id, department_id)
);
CREATE INDEX inquiry_helpers_department ON inquiry_helpers(department_id);

-- Each asker's verdict on each reply (round: how many times the inquiry had been reopened).
-- A merged inquiry's asker rates the inquiry that carried on, under their own row.
CREATE TABLE inquiry_ratings (
    inquiry_id  TEXT NOT NULL REFERENCES inquiries(id),
    round       BIGINT NOT NULL,
    verdict     TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (inquiry_id, round)
);

-- The league table's counters by day (Beijing), department and region, bumped in the
-- transaction of the event they count: a table for any period sums a few rows per day and
-- department instead of reading the inquiries.
CREATE TABLE inquiry_stats (
    day                   TEXT NOT NULL,
    department_id         TEXT NOT NULL,
    region_code           TEXT NOT NULL,
    received              BIGINT NOT NULL DEFAULT 0,
    acknowledged          BIGINT NOT NULL DEFAULT 0,
    acknowledged_on_time  BIGINT NOT NULL DEFAULT 0,
    replied               BIGINT NOT NULL DEFAULT 0,
    replied_on_time       BIGINT NOT NULL DEFAULT 0,
    reply_days            BIGINT NOT NULL DEFAULT 0,
    rated                 BIGINT NOT NULL DEFAULT 0,
    satisfied             BIGINT NOT NULL DEFAULT 0,
    basically             BIGINT NOT NULL DEFAULT 0,
    unsatisfied           BIGINT NOT NULL DEFAULT 0,
    reopened              BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_id, region_code)
);

-- Systems allowed to post through the Open311 API; only a keyed MAC of each api_key is kept.
CREATE TABLE open311_clients (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE UNIQUE INDEX open311_clients_key ON open311_clients(key_hash);
