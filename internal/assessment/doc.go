// Package assessment is the 绩效考核 (performance assessment) of court staff:
// schemes, scoring, rankings, warnings, grades and the publication workflow.
// It does no I/O: the store keeps what it computes and the web shows it.
//
// Vocabulary (GLOSSARY.md):
//
//   - Scheme (考核方案): for one court and one personnel category (员额法官,
//     法官助理, 书记员, 司法行政人员, 院庭长), valid over an effective period,
//     with weighted Groups (考核类别, e.g. 审判质效 40) whose Items (考核项目)
//     each have maximum points and one Rule (评分规则).
//   - Rule kinds: indicator (from the indicator engine, scored against the
//     peer group: linear, efficacy 功效系数, average, band, thresholds),
//     events (负面清单 deductions and bonuses entered with evidence), rating
//     (日常评价, 民主测评) and outcome (counts reported by other modules:
//     督办超期, 销号被退回, 投诉查实, 参加培训).
//   - Table (考核结果表): a month's Scores for every member of a scheme, each
//     opening into its groups, items, inputs and the rule applied.
//   - Run (考核批次): one month of one scheme moving through 草稿 → 公示 →
//     已发布; a correction (更正) of a published run is a new version.
//   - Objection (考核异议), Warning (红黄蓝预警), Interview (约谈), Grade
//     (年度等次: 优秀 / 称职 / 基本称职 / 不称职).
package assessment
