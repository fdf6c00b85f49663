// Package indicator computes the 审判质效 indicators of INDICATORS.md for any
// unit, period and filter, explains every figure down to its cases, and
// places figures against reference bands. It does no I/O: it reads court
// types from a Source.
//
// Vocabulary:
//
//   - a Definition is one version of one indicator (id, 中文名, category,
//     unit, direction, effective-from date, the 口径 in words, and a Formula);
//     Definitions are data (definitions/indicators.json), several versions of
//     an id differ by effective date, and a query uses the version in force at
//     T1 unless it pins one. The weight tables of 加权结案数 are data too
//     (definitions/weights.json);
//   - a Formula sums Terms into a numerator and a denominator and combines
//     them (count, sum, ratio, complement = 1 - ratio, ratio_days, median); a
//     Term is a base set of a source (cases: filed, pending_start, caseload,
//     closed, pending_end; funds: received; mediations: ended, registered),
//     conditions on columns, and what is summed;
//   - the Snapshot is the columnar in-memory copy of the cases: days as
//     court.Date, categories dictionary-coded, cases ordered by judge unit so
//     that every unit is a range, links between cases precomputed;
//   - a unit is 全部, a court, "court/department" or
//     "court/department/judge", the judge being the 承办人's name within the
//     case's court and department;
//   - a plan is a set of definitions compiled against a snapshot: every case
//     gets a profile (the outcomes of the static conditions, its kind, level
//     and whether it has a panel), and the plan lists per profile and period
//     state what a case adds to;
//   - the Engine evaluates a Query in one parallel pass over the cases,
//     gives monthly Series and 同比 (YearOverYear), DrillDown lists, and
//     Assess places results against a BandSet (达标 / 未达标 / 不足以判断).
//
// Where INDICATORS.md is silent the package decides as follows (the full
// list, with reasons, is docs/INDICATORS-NOTES.md):
//
//   - a 原审案号 that names no case in the data, or the case itself, is a
//     broken chain: the case has no 原审 and counts for no 一审 unit; cycles
//     of 原审案号 are cut;
//   - "a 二审 case names it" (是否上诉 empty) and "a 首次执行 case names it"
//     look at every case in the data, whatever its dates; 是否上诉 = 否 is
//     never overridden;
//   - reversal_rate's numerator counts 二审 cases closed in P whatever the
//     date of their 一审; case_to_matter_ratio counts every case deriving
//     from a 一审 case through any chain of 原审案号, of any kind and level,
//     filed on or before T1, once for each 一审 case it derives from;
//   - kind and level filters apply to the attributed case (the 一审 case, a
//     receipt's case); pre-litigation mediations have no case and no filter
//     applies to them; a receipt whose case is not in the data counts
//     nowhere;
//   - absent amounts count as 0 in exec_recovery_rate; efile_sync_rate
//     counts an e-file dated before the filing as in time;
//   - for 加权结案数 a judge alone (独任) is a case without other panel
//     members; a member counts in the department the people table gives for
//     that name in the case's court (the case's department when the name is
//     there too or is not in the table); other units count each case once
//     with its kind weight;
//   - closed_per_judge counts 员额法官 with 在岗 set; a judge unit has 1 when
//     a person of that name in that court and department (or, if there is
//     none of that name in the department, in the court) is one, else 0;
//   - a count has no denominator and a median no numerator: their
//     drill-down for that part is an Invalid error.
package indicator
