-- 0004: the indicator versions (口径版本) the court adds to the default
-- definitions. Each row is one version of one indicator, in the format of
-- one entry of internal/indicator/definitions/indicators.json; the engine
-- uses, for a period, the version in force on its last day. Versions are
-- only added, never edited, so that old figures stay reproducible.
-- Times as in 0002.

CREATE TABLE indicator_versions (
    id             {{id}},
    indicator      TEXT NOT NULL,
    effective_from {{date}} NOT NULL,
    definition     TEXT NOT NULL,              -- the version's JSON
    created_by     TEXT NOT NULL,              -- login name
    created_at     TEXT NOT NULL,
    UNIQUE (indicator, effective_from)
);
