-- 0001: courts, departments, people, cases, execution funds, pre-litigation
-- mediations, import runs and the change log of re-imports.
-- {{id}} is the dialect's auto-increment primary key; {{bool}} its boolean type;
-- dates are DATE in PostgreSQL and 'YYYY-MM-DD' text in SQLite; money is in 分.

CREATE TABLE courts (
    id        {{id}},
    name      TEXT NOT NULL UNIQUE,
    code      TEXT,
    level     TEXT NOT NULL,            -- 最高院 / 高院 / 中院 / 基层
    parent_id BIGINT REFERENCES courts(id)
);

CREATE TABLE departments (
    id       {{id}},
    court_id BIGINT NOT NULL REFERENCES courts(id),
    name     TEXT NOT NULL,
    UNIQUE (court_id, name)
);

CREATE TABLE people (
    id            {{id}},
    court_id      BIGINT NOT NULL REFERENCES courts(id),
    department_id BIGINT REFERENCES departments(id),
    name          TEXT NOT NULL,
    staff_no      TEXT,                 -- 工号, unique within a court
    category      TEXT,                 -- 人员类别; NULL for people known only from case files
    title         TEXT,                 -- 职务
    joined_on     {{date}},             -- 入额日期
    active        {{bool}} NOT NULL,    -- 在岗
    UNIQUE (court_id, staff_no)
);
CREATE INDEX people_court_name ON people (court_id, name);

CREATE TABLE import_runs (
    id          {{id}},
    kind        TEXT NOT NULL,          -- cases / people / funds / mediations / demo
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    actor       TEXT NOT NULL,          -- who ran it (OS user or account)
    started_at  TEXT NOT NULL,          -- RFC 3339
    finished_at TEXT NOT NULL,
    rows_read   BIGINT NOT NULL,
    inserted    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    result      TEXT NOT NULL           -- 成功 / 部分导入
);

CREATE TABLE cases (
    id             {{id}},
    case_no        TEXT NOT NULL UNIQUE, -- canonical 案号, full-width brackets
    year           INTEGER NOT NULL,
    court_code     TEXT NOT NULL,        -- 法院代字 from the 案号
    type_code      TEXT NOT NULL,        -- 类型代字
    seq            INTEGER NOT NULL,
    suffix         TEXT,                 -- 之一, 之二 ... after 号; NULL when none
    kind           TEXT NOT NULL,        -- 刑事 / 民事 / 行政 / 执行 / ...
    level          TEXT NOT NULL,        -- 一审 / 二审 / 再审 / 首次执行 / ...
    court_id       BIGINT NOT NULL REFERENCES courts(id),
    department_id  BIGINT NOT NULL REFERENCES departments(id),
    judge_id       BIGINT NOT NULL REFERENCES people(id),
    filed_on       {{date}} NOT NULL,
    closed_on      {{date}},
    close_method   TEXT,                 -- canonical 结案方式
    cause          TEXT,
    track          TEXT,
    limit_days     INTEGER,              -- effective 审限; NULL = 不计审限
    extended_days  INTEGER NOT NULL,
    suspended_days INTEGER NOT NULL,
    origin_no      TEXT,                 -- canonical 原审案号; may name a case not yet imported
    appealed       {{bool}},             -- 是否上诉 as given; NULL when not given
    hearings       INTEGER NOT NULL,
    claim_amount   BIGINT,
    exec_amount    BIGINT,
    exec_recovered BIGINT,
    efile_on       {{date}},
    efile_reads    INTEGER NOT NULL,
    row_hash       TEXT NOT NULL,        -- FNV-1a 64 (hex) of the stored fields, to skip unchanged rows
    import_id      BIGINT REFERENCES import_runs(id) -- the import that last wrote the row
);
CREATE INDEX cases_origin ON cases (origin_no);
CREATE INDEX cases_court_dept ON cases (court_id, department_id);
CREATE INDEX cases_judge ON cases (judge_id);

CREATE TABLE case_panel (
    case_id   BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (case_id, ord)
);
CREATE INDEX case_panel_person ON case_panel (person_id);

CREATE TABLE case_changes (
    id        {{id}},
    import_id BIGINT NOT NULL REFERENCES import_runs(id),
    case_no   TEXT NOT NULL,
    field     TEXT NOT NULL,             -- Chinese header of the field
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX case_changes_case ON case_changes (case_no);

CREATE TABLE fund_receipts (
    id          {{id}},
    case_no     TEXT NOT NULL,           -- canonical 案号
    received_on {{date}} NOT NULL,
    amount      BIGINT NOT NULL,
    occurrence  INTEGER NOT NULL,        -- 1 for the first receipt of this case, day and amount, 2 for a second ...
    paid_on     {{date}},
    paid_amount BIGINT,
    UNIQUE (case_no, received_on, amount, occurrence)
);

CREATE TABLE mediations (
    id            {{id}},
    code          TEXT NOT NULL UNIQUE,  -- 编号
    court_id      BIGINT NOT NULL REFERENCES courts(id),
    mediator      TEXT,
    registered_on {{date}} NOT NULL,
    ended_on      {{date}},
    result        TEXT,                  -- 成功 / 不成功 / NULL while open
    confirmed     {{bool}} NOT NULL      -- 司法确认
);
