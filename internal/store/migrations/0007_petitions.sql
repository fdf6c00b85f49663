-- 0007: citizens' requests and complaints (群众诉求, internal/petitions).
-- Times are RFC 3339 text in UTC as in 0002; days are 'YYYY-MM-DD' text,
-- '' for none, so that they compare as text in both dialects.

CREATE TABLE petitions (
    id              {{id}},
    court_id        BIGINT NOT NULL REFERENCES courts(id),
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,             -- 诉〔year〕seq号
    channel         TEXT NOT NULL,                -- 窗口 / 12368热线 / 来信 / 网上 / 院长接待日 / 作风监督员
    type            TEXT NOT NULL,                -- 咨询 / 投诉 / 建议 / 举报 / 信访 / 不立案投诉
    matter          TEXT NOT NULL,                -- the one-time notice's checklist
    subject         TEXT NOT NULL,
    content         TEXT NOT NULL,
    citizen_name    TEXT NOT NULL,
    citizen_phone   TEXT NOT NULL,
    citizen_id_no   TEXT NOT NULL,
    citizen_address TEXT NOT NULL,
    case_no         TEXT NOT NULL,                -- canonical 案号, '' for none
    received_at     TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    created_by      BIGINT REFERENCES users(id),  -- NULL for the public form
    owner_id        BIGINT REFERENCES users(id),  -- 首问负责人; NULL while in a queue
    department_id   BIGINT REFERENCES departments(id),
    status          TEXT NOT NULL,                -- 待签收 / 办理中 / 已答复 / 已办结
    ack_on          TEXT NOT NULL,
    answered_on     TEXT NOT NULL,
    answer          TEXT NOT NULL,
    closed_on       TEXT NOT NULL,
    result          TEXT NOT NULL,
    finding         TEXT NOT NULL,                -- 查实 / 部分查实 / 不实 / ''
    escalation      INTEGER NOT NULL,             -- 0 none, 1 庭长, 2 分管院领导
    tracking_hash   TEXT NOT NULL UNIQUE,         -- SHA-256 of the tracking code
    survey_hash     TEXT NOT NULL UNIQUE,         -- SHA-256 of the survey link's code
    survey_done     {{bool}} NOT NULL,
    UNIQUE (court_id, year, seq)
);
CREATE INDEX petitions_court_received ON petitions (court_id, received_on);

CREATE TABLE petition_staff (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (petition_id, person_id)
);

CREATE TABLE petition_events (
    id          {{id}},
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    at          TEXT NOT NULL,
    actor_id    BIGINT,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,                    -- 登记 签收 移交 认领 答复 办结 升级 备注
    from_owner  TEXT NOT NULL,
    to_owner    TEXT NOT NULL,
    note        TEXT NOT NULL,                    -- internal
    public      {{bool}} NOT NULL,
    public_note TEXT NOT NULL                     -- shown on the tracking page
);
CREATE INDEX petition_events_petition ON petition_events (petition_id, id);

CREATE TABLE petition_checklists (
    id         {{id}},
    court_id   BIGINT NOT NULL REFERENCES courts(id),
    matter     TEXT NOT NULL,
    title      TEXT NOT NULL,
    items      TEXT NOT NULL,                     -- one item a line
    note       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (court_id, matter)
);

-- The holiday calendar: 休 on a weekday, 班 (调休) on a weekend.
CREATE TABLE petition_calendar (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE petition_settings (
    name  TEXT PRIMARY KEY,                       -- rules (JSON), calendar_seeded
    value TEXT NOT NULL
);

CREATE TABLE reception_days (
    id        {{id}},
    court_id  BIGINT NOT NULL REFERENCES courts(id),
    day       TEXT NOT NULL,
    leader    TEXT NOT NULL,                      -- the receiving leader's name and post
    place     TEXT NOT NULL,
    slots     INTEGER NOT NULL
);
CREATE INDEX reception_days_court ON reception_days (court_id, day);

CREATE TABLE reception_bookings (
    id            {{id}},
    reception_id  BIGINT NOT NULL REFERENCES reception_days(id),
    citizen_name  TEXT NOT NULL,
    citizen_phone TEXT NOT NULL,
    topic         TEXT NOT NULL,
    case_no       TEXT NOT NULL,
    booked_by     TEXT NOT NULL,
    booked_at     TEXT NOT NULL,
    record        TEXT NOT NULL,                  -- the record of the reception, '' until held
    petition_id   BIGINT REFERENCES petitions(id) -- the request the reception opened, if any
);

CREATE TABLE petition_surveys (
    id            {{id}},
    court_id      BIGINT NOT NULL REFERENCES courts(id),
    petition_id   BIGINT REFERENCES petitions(id),
    department_id BIGINT REFERENCES departments(id),
    month         TEXT NOT NULL,                  -- YYYY-MM of the answer
    answers       TEXT NOT NULL,                  -- 15 digits 0-5, 0 = 不适用
    comment       TEXT NOT NULL,
    submitted_at  TEXT NOT NULL
);
CREATE INDEX petition_surveys_court ON petition_surveys (court_id, month);
