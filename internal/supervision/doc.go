// Package supervision is the rule book of 督办 (supervision): the case
// warnings (预警: 蓝 Blue, 黄 Yellow, 红 Red) computed from a case's time
// limit (审限) and age, the supervision items (督办单) that a red warning or
// a leader's decision (挂牌督办) opens, and the rectification plans (整改方案)
// whose measures (整改措施) are closed by 销号 (Closeout) with evidence and the
// responsible leader's approval.
//
// Vocabulary: a Rule turns case facts into a Colour and a reason; an Item is
// a 督办单 with a due date, escalated to the 院领导 when overdue; a Plan has
// Problems, a Problem has Measures, a Measure has Milestones and progress
// Reports with attachments. The package does no I/O: the store keeps the
// rows, the web and the command line call these functions to decide what a
// transition may do. "Today" is always passed in, never read from a clock.
package supervision
