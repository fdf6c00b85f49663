-- 0008: the 文书 module (issue 9): the parties of cases (当事人表), the
-- templates the court uploads for its documents, and the monthly bulletins
-- the server writes. Binary files are kept as base64 text so that one
-- schema serves SQLite and PostgreSQL. Times as in 0002 (RFC 3339 text).

CREATE TABLE parties (
    id         {{id}},
    case_no    TEXT NOT NULL,            -- canonical 案号; the case need not be stored yet
    ord        INTEGER NOT NULL,         -- 1, 2 ... in the order of the file
    name       TEXT NOT NULL,            -- 名称
    role       TEXT NOT NULL,            -- 诉讼地位: 原告, 被告, 第三人, 申请执行人, 被执行人 ...
    party_type TEXT NOT NULL,            -- 自然人 / 法人 / 非法人组织
    id_no      TEXT NOT NULL,            -- 身份证号 or 统一社会信用代码, '' when not given
    address    TEXT NOT NULL,            -- 住所, '' when not given
    agents     TEXT NOT NULL,            -- 代理人 names joined with 、
    UNIQUE (case_no, ord)
);

CREATE TABLE document_templates (
    id         {{id}},
    kind       TEXT NOT NULL UNIQUE,     -- documents.Kind: bulletin, judgment_ordinary ...
    file_name  TEXT NOT NULL,
    content    TEXT NOT NULL,            -- the DOCX, base64
    updated_by TEXT NOT NULL,            -- login name
    updated_at TEXT NOT NULL
);

CREATE TABLE bulletins (
    id         {{id}},
    court_id   BIGINT NOT NULL REFERENCES courts(id),
    month      TEXT NOT NULL,            -- 2025-06
    docx       TEXT NOT NULL,            -- base64
    xlsx       TEXT NOT NULL,            -- base64
    created_by TEXT NOT NULL,            -- 定时任务 or a login name
    created_at TEXT NOT NULL,
    UNIQUE (court_id, month)
);
