-- 0011: indexes for the modules' panels on a dashboard, so that each reads
-- a handful of rows however many cases a court has.

-- The warnings panel (督办与预警) shows the first warnings of each colour
-- by deadline: the indexes of 0006 are extended by the order, which makes
-- the first ten of a court, department or 承办人 an index range.
DROP INDEX sv_warnings_court;
DROP INDEX sv_warnings_dept;
DROP INDEX sv_warnings_judge;
CREATE INDEX sv_warnings_court ON sv_warnings (court_id, colour, deadline, case_id);
CREATE INDEX sv_warnings_dept ON sv_warnings (department_id, colour, deadline, case_id);
CREATE INDEX sv_warnings_judge ON sv_warnings (judge_id, colour, deadline, case_id);

-- The runs of the 绩效考核 count their people and the ranked ones: from
-- the index, without reading the scores' bodies.
CREATE INDEX assessment_scores_run_rank ON assessment_scores (run_id, rank);

-- The 文书脱敏 panel counts the visitor's recent 脱敏 in the audit log.
CREATE INDEX audit_log_actor ON audit_log (actor, action, at);
