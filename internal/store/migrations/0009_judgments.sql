-- 0009: the judgment corpus of 类案推送 (issue 10) and its persisted search
-- index. A judgment keeps its full text and the byte spans of its parts
-- (当事人, 诉辩意见, 查明事实, 本院认为, 裁判结果); its cited articles are
-- rows of judgment_articles. The index is written in segments, one per
-- import batch: for each term of the batch, the encoded postings (document,
-- frequency per part) of the batch's judgments; with the part lengths kept
-- on each judgment, the segments are all a process needs to load the index
-- and to keep it up to date (it loads the segments it has not seen).
-- Times are RFC 3339 text in UTC.

CREATE TABLE judgment_segments (
    id         {{id}},
    first_id   BIGINT NOT NULL,             -- the first and last judgment of the segment
    last_id    BIGINT NOT NULL,
    docs       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE judgments (
    id          {{id}},
    case_no     TEXT NOT NULL UNIQUE,        -- 案号
    cause       TEXT NOT NULL,               -- 案由 or first charge; '' when unknown
    charges     TEXT NOT NULL,               -- charges, separated by 、
    court       TEXT NOT NULL,
    court_level TEXT NOT NULL,               -- 基层 / 中级 / 高级 / 最高 / ''
    decided     {{date}},                    -- 裁判日期
    parts       TEXT NOT NULL,               -- byte spans of the five parts: "s-e s-e s-e s-e s-e"
    lengths     TEXT NOT NULL,               -- terms in each part: "n n n n n"
    body        TEXT NOT NULL,               -- the full text
    source      TEXT NOT NULL,               -- file (and line) it was imported from
    segment_id  BIGINT NOT NULL REFERENCES judgment_segments(id),
    imported_at TEXT NOT NULL
);
CREATE INDEX judgments_cause ON judgments (cause);

CREATE TABLE judgment_articles (
    judgment_id BIGINT NOT NULL REFERENCES judgments(id),
    seq         INTEGER NOT NULL,            -- order of citation
    law         TEXT NOT NULL,               -- 中华人民共和国民法典
    article     INTEGER NOT NULL,            -- 条
    sub         INTEGER NOT NULL,            -- 之一 = 1, else 0
    clause      INTEGER NOT NULL,            -- 款, 0 = none
    item        INTEGER NOT NULL,            -- 项, 0 = none
    PRIMARY KEY (judgment_id, seq)
);

CREATE TABLE judgment_postings (
    segment_id BIGINT NOT NULL REFERENCES judgment_segments(id),
    term       TEXT NOT NULL,
    postings   {{blob}} NOT NULL,            -- see judgments.EncodePostings
    PRIMARY KEY (segment_id, term)
);
