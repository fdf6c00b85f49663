-- 0005: 绩效考核 (internal/assessment). Schemes are versioned JSON (a new
-- row per edit, never updated); entries are the hand-entered events and
-- ratings; a run is one month of one scheme (草稿 / 公示 / 已发布 / 已更正),
-- its scores one row a person with the explanation as JSON; objections and
-- 约谈 records. Times as in 0002; days as in 0001.

CREATE TABLE assessment_schemes (
    id             {{id}},
    court_id       BIGINT NOT NULL REFERENCES courts(id),
    code           TEXT NOT NULL,              -- stable across versions
    version        INTEGER NOT NULL,
    category       TEXT NOT NULL,              -- 员额法官 / 院庭长 / 法官助理 / 书记员 / 司法警察 / 司法行政人员
    name           TEXT NOT NULL,
    effective_from TEXT NOT NULL,              -- YYYY-MM-DD
    effective_to   TEXT NOT NULL,              -- '' = open
    draft          {{bool}} NOT NULL,          -- a what-if copy, never in force
    body           TEXT NOT NULL,              -- the scheme's JSON
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (court_id, code, version)
);

CREATE TABLE assessment_entries (
    id         {{id}},
    court_id   BIGINT NOT NULL REFERENCES courts(id),
    person_id  BIGINT NOT NULL REFERENCES people(id),
    item       TEXT NOT NULL,                  -- the item id of the scheme
    event      TEXT NOT NULL,                  -- the event type; '' for a rating
    value      DOUBLE PRECISION NOT NULL,      -- the rating; 0 for an event
    day        {{date}} NOT NULL,
    evidence   TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    deleted    {{bool}} NOT NULL
);
CREATE INDEX assessment_entries_court_day ON assessment_entries (court_id, day);

CREATE TABLE assessment_runs (
    id           {{id}},
    court_id     BIGINT NOT NULL REFERENCES courts(id),
    scheme_id    BIGINT NOT NULL REFERENCES assessment_schemes(id),
    scheme_code  TEXT NOT NULL,
    month        TEXT NOT NULL,                -- YYYY-MM
    version      INTEGER NOT NULL,
    state        TEXT NOT NULL,                -- 草稿 / 公示 / 已发布 / 已更正
    notice_until TEXT NOT NULL,                -- '' until 预发布
    computed_at  TEXT NOT NULL,
    published_at TEXT NOT NULL,                -- '' until published
    UNIQUE (court_id, scheme_code, month, version)
);

CREATE TABLE assessment_scores (
    run_id    BIGINT NOT NULL REFERENCES assessment_runs(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    total     DOUBLE PRECISION NOT NULL,
    rank      INTEGER NOT NULL,
    body      TEXT NOT NULL,                   -- assessment.Score as JSON
    PRIMARY KEY (run_id, person_id)
);

CREATE TABLE assessment_objections (
    id          {{id}},
    run_id      BIGINT NOT NULL REFERENCES assessment_runs(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    reason      TEXT NOT NULL,
    filed_by    TEXT NOT NULL,
    filed_at    TEXT NOT NULL,
    state       TEXT NOT NULL,                 -- 待复核 / 已采纳 / 已驳回
    answer      TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX assessment_objections_run ON assessment_objections (run_id);

CREATE TABLE assessment_interviews (
    id          {{id}},
    court_id    BIGINT NOT NULL REFERENCES courts(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    month       TEXT NOT NULL,                 -- the warning's month
    leader      TEXT NOT NULL,
    held_on     {{date}} NOT NULL,
    content     TEXT NOT NULL,
    follow_up   TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX assessment_interviews_person ON assessment_interviews (person_id);
