-- 0003: the reference bands (合理区间) the court sets for its indicators.
-- While the table is empty the server uses the illustrative set (示意).
-- court_level and kind are '' for any; a NULL bound means no bound on that
-- side; rates are fractions (0.95 = 95%). Times as in 0002.

CREATE TABLE bands (
    id          {{id}},
    indicator   TEXT NOT NULL,
    court_level TEXT NOT NULL,               -- '' / 最高院 / 高院 / 中院 / 基层
    kind        TEXT NOT NULL,               -- '' / 民事 / 刑事 / ...
    lower_bound DOUBLE PRECISION,
    upper_bound DOUBLE PRECISION,
    note        TEXT NOT NULL,
    updated_by  TEXT NOT NULL,               -- login name
    updated_at  TEXT NOT NULL,
    UNIQUE (indicator, court_level, kind)
);
