-- 0006: supervision (督办, issue 7): case warnings, 督办单, rectification
-- plans with measures, progress reports and attachments, the in-app inbox,
-- the webhook outbox and the module's settings. Days are {{date}}; times
-- are RFC 3339 text in UTC as in 0002.

-- The pending cases' warnings as of the last run of the warning job. The
-- job rewrites only the rows whose colour, reasons or deadline changed.
CREATE TABLE sv_warnings (
    case_id       BIGINT PRIMARY KEY,            -- cases.id
    case_no       TEXT NOT NULL,
    court_id      BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    judge_id      BIGINT NOT NULL,            -- people.id of the 承办人
    colour        TEXT NOT NULL,              -- blue / yellow / red
    reasons       TEXT NOT NULL,
    deadline      {{date}},                   -- the day the 审限 runs out; NULL for 不计审限
    since         {{date}} NOT NULL           -- the day the case got this colour
);
CREATE INDEX sv_warnings_court ON sv_warnings (court_id, colour);
CREATE INDEX sv_warnings_dept ON sv_warnings (department_id, colour);
CREATE INDEX sv_warnings_judge ON sv_warnings (judge_id, colour);

-- 督办单.
CREATE TABLE sv_items (
    id            {{id}},
    court_id      BIGINT NOT NULL REFERENCES courts(id),
    case_id       BIGINT NOT NULL,               -- cases.id
    case_no       TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    judge_id      BIGINT NOT NULL,
    source        TEXT NOT NULL,              -- 红色预警 / 挂牌督办
    action        TEXT NOT NULL,              -- 督办要求
    due_on        {{date}} NOT NULL,
    status        TEXT NOT NULL,              -- 办理中 / 待审核 / 已办结
    opened_by     TEXT NOT NULL,
    opened_on     {{date}} NOT NULL,
    explanation   TEXT NOT NULL,
    explained_by  TEXT NOT NULL,
    closed_on     {{date}},
    close_note    TEXT NOT NULL,
    escalated_on  {{date}},
    escalated_to  TEXT NOT NULL DEFAULT ''    -- the leaders it went to (名单), as text
);
CREATE INDEX sv_items_case ON sv_items (case_id, status);
CREATE INDEX sv_items_court ON sv_items (court_id, status);

-- Rectification plans, their problems and measures.
CREATE TABLE sv_plans (
    id         {{id}},
    court_id   BIGINT NOT NULL REFERENCES courts(id),
    title      TEXT NOT NULL,
    source     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_on {{date}} NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sv_problems (
    id      {{id}},
    plan_id BIGINT NOT NULL REFERENCES sv_plans(id),
    ord     INTEGER NOT NULL,
    title   TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    withdrawn_on    {{date}},                 -- 撤销: never deleted
    withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sv_problems_plan ON sv_problems (plan_id, ord);

CREATE TABLE sv_measures (
    id            {{id}},
    plan_id       BIGINT NOT NULL REFERENCES sv_plans(id),
    problem_id    BIGINT NOT NULL REFERENCES sv_problems(id),
    ord           INTEGER NOT NULL,
    title         TEXT NOT NULL,
    leader_id     BIGINT NOT NULL REFERENCES users(id),  -- 责任领导
    department_id BIGINT NOT NULL REFERENCES departments(id), -- 责任部门
    due_on        {{date}} NOT NULL,
    status        TEXT NOT NULL,              -- 推进中 / 销号待审批 / 已销号
    closed_on     {{date}},
    reject_reason TEXT NOT NULL,
    progress      INTEGER NOT NULL,           -- percent, as last reported
    last_report   {{date}},
    description     TEXT NOT NULL DEFAULT '',
    withdrawn_on    {{date}},                 -- 撤销 (status 已撤销): never deleted
    withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sv_measures_plan ON sv_measures (plan_id, problem_id, ord);
CREATE INDEX sv_measures_leader ON sv_measures (leader_id);
CREATE INDEX sv_measures_dept ON sv_measures (department_id);

CREATE TABLE sv_milestones (
    id         {{id}},
    measure_id BIGINT NOT NULL REFERENCES sv_measures(id),
    title      TEXT NOT NULL,
    due_on     {{date}} NOT NULL,
    done_on    {{date}},
    dropped_on {{date}}                       -- taken out of the measure by an edit; kept for history
);
CREATE INDEX sv_milestones_measure ON sv_milestones (measure_id);

-- A measure's history: progress, closing requests, approvals, rejections.
CREATE TABLE sv_reports (
    id         {{id}},
    measure_id BIGINT NOT NULL REFERENCES sv_measures(id),
    kind       TEXT NOT NULL,                 -- 进展 / 销号申请 / 批准销号 / 退回
    body       TEXT NOT NULL,
    progress   INTEGER NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    login      TEXT NOT NULL,
    person_id  BIGINT,                        -- the account's person, for the assessment
    day        {{date}} NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX sv_reports_measure ON sv_reports (measure_id, id);
CREATE INDEX sv_reports_day ON sv_reports (kind, day);

-- Attachments (佐证材料), in the database: checked type, sanitised name, SHA-256.
CREATE TABLE sv_attachments (
    id           {{id}},
    report_id    BIGINT NOT NULL REFERENCES sv_reports(id),
    measure_id   BIGINT NOT NULL REFERENCES sv_measures(id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BYTEA NOT NULL
);
CREATE INDEX sv_attachments_report ON sv_attachments (report_id);

-- The in-app inbox.
CREATE TABLE sv_inbox (
    id      {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    title   TEXT NOT NULL,
    link    TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX sv_inbox_user ON sv_inbox (user_id, read_at);

-- Messages for the court's SMS or messaging gateway, delivered with retries.
CREATE TABLE sv_outbox (
    id         {{id}},
    created_at TEXT NOT NULL,
    payload    TEXT NOT NULL,                 -- JSON
    attempts   INTEGER NOT NULL,
    next_at    TEXT NOT NULL,
    sent_at    TEXT,
    failed_at  TEXT,                          -- given up after supervision.MaxAttempts
    last_error TEXT NOT NULL
);
CREATE INDEX sv_outbox_due ON sv_outbox (sent_at, failed_at, next_at);

-- The module's settings: the warning rules (JSON), the webhook.
CREATE TABLE sv_settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The pending cases, for the warning job.
CREATE INDEX cases_pending ON cases (id) WHERE closed_on IS NULL;
