package assessment

// This file holds the default schemes, modeled on the seeds: 审判质效 40,
// 精品创建 15, 队伍建设 25, 廉政建设 10, 综合服务 10 for 员额法官; smaller
// schemes for 法官助理, 书记员, 司法警察 and 司法行政人员; 院庭长 with a part for
// their management duties.

func ptr(v float64) *float64 { return &v }

// noData is the share of an item's points for a rate the person has no
// cases for this month (a 基础分: no cases is no failure, nor a success).
const noData = 0.8

func ind(id, name string, max float64, ind, method string, tweak func(*Rule)) Item {
	r := &Rule{Kind: RuleIndicator, Indicator: ind, Method: method}
	if tweak != nil {
		tweak(r)
	}
	return Item{ID: id, Name: name, Max: max, Rule: r}
}

func events(id, name string, max, base float64, es ...EventType) Item {
	return Item{ID: id, Name: name, Max: max, Rule: &Rule{Kind: RuleEvents, Base: base, Events: es}}
}

func outcome(id, name string, max, base float64, es ...EventType) Item {
	return Item{ID: id, Name: name, Max: max, Rule: &Rule{Kind: RuleOutcome, Base: base, Events: es}}
}

func rating(id, name string, max float64, kind string, def float64) Item {
	return Item{ID: id, Name: name, Max: max, Rule: &Rule{Kind: RuleRating, Rating: kind, Default: def}}
}

func ev(name string, points, cap float64) EventType {
	return EventType{Name: name, Points: points, Cap: cap}
}

// judgeGroups are the groups of the 员额法官 scheme; trial is the weight of
// 审判质效 (40, or 30 for 院庭长 who get a group of management duties).
func judgeGroups(trial float64) []Group {
	k := trial / 40
	return []Group{
		{Name: "审判质效", Weight: trial, Items: []Item{
			ind("A1", "加权结案数", 12*k, "weighted_closed", MethodEfficacy, nil),
			ind("A2", "审限内结案率", 6*k, "within_limit_rate", MethodBand, func(r *Rule) { r.Lower, r.NoData = ptr(0.95), noData }),
			ind("A3", "一审服判息诉率", 6*k, "acceptance_rate", MethodLinear, func(r *Rule) { r.NoData = noData }),
			ind("A4", "一审被改判发回率", 6*k, "reversal_rate", MethodAverage, func(r *Rule) { r.LowerBetter = true; r.NoData = 1 }),
			ind("A5", "调撤率", 5*k, "mediation_withdrawal_rate", MethodThresholds, func(r *Rule) {
				r.Thresholds = []Threshold{{At: 0.3, Share: 0.6}, {At: 0.45, Share: 0.8}, {At: 0.6, Share: 1}}
				r.NoData = noData
			}),
			ind("A6", "结收比", 5*k, "clearance", MethodBand, func(r *Rule) { r.Lower, r.Upper, r.NoData = ptr(0.9), ptr(1.2), noData }),
		}},
		{Name: "精品创建", Weight: 15, Items: []Item{
			events("B1", "优秀案例与文书", 8, 0.5, ev("优秀案例", 4, 8), ev("优秀裁判文书", 2, 4)),
			events("B2", "调研成果", 4, 0.5, ev("调研成果", 2, 4), ev("信息宣传", 1, 2)),
			events("B3", "表彰奖励", 3, 0, ev("表彰", 3, 3)),
		}},
		{Name: "队伍建设", Weight: 25, Items: []Item{
			rating("C1", "庭长日常评价", 10, "日常评价", 0.8),
			rating("C2", "民主测评", 8, "民主测评", 0.8),
			outcome("C3", "学习培训", 4, 0.5, ev("参加培训", 1, 2)),
			events("C4", "考勤纪律", 3, 1, ev("迟到早退", -0.5, 3)),
		}},
		{Name: "廉政建设", Weight: 10, Items: []Item{
			events("D1", "负面清单", 6, 1, ev("违规会客", -3, 6), ev("文书错漏", -1, 3), ev("超审限", -2, 6)),
			outcome("D2", "投诉查实", 4, 1, ev("投诉查实", -2, 4)),
		}},
		{Name: "综合服务", Weight: 10, Items: []Item{
			outcome("E1", "督办落实", 5, 1, ev("督办超期", -1, 5), ev("销号被退回", -1, 3)),
			ind("E2", "电子卷宗随案同步生成率", 3, "efile_sync_rate", MethodBand, func(r *Rule) { r.Lower, r.NoData = ptr(0.9), noData }),
			rating("E3", "综合事务评价", 2, "院领导评价", 0.8),
		}},
	}
}

// staffGroups are the groups of the schemes for people who handle no
// cases; with dept, part of the work is scored on the department's
// 审限内结案率 (法官助理, 书记员 work on its cases).
func staffGroups(work string, dept bool) []Group {
	items := []Item{
		rating("W1", "日常评价", 30, "日常评价", 0.8),
		events("W2", "工作质量", 20, 1, ev("文书错漏", -2, 10), ev("超审限", -2, 10), ev("工作差错", -2, 10)),
	}
	if dept {
		items[0].Max = 20
		items = append(items, ind("W3", "所在部门审限内结案率", 10, "within_limit_rate", MethodBand, func(r *Rule) {
			r.Lower, r.NoData, r.Of = ptr(0.95), noData, OfDepartment
		}))
	}
	return []Group{
		{Name: work, Weight: 50, Items: items},
		{Name: "队伍建设", Weight: 25, Items: []Item{
			rating("T1", "民主测评", 15, "民主测评", 0.8),
			outcome("T2", "学习培训", 5, 0.4, ev("参加培训", 1, 3)),
			events("T3", "表彰奖励", 5, 0, ev("表彰", 3, 3), ev("调研成果", 1, 2)),
		}},
		{Name: "廉政建设", Weight: 15, Items: []Item{
			events("L1", "负面清单", 15, 1, ev("违规会客", -5, 15), ev("迟到早退", -1, 5)),
		}},
		{Name: "综合服务", Weight: 10, Items: []Item{
			outcome("S1", "投诉与督办", 10, 1, ev("投诉查实", -5, 10), ev("督办超期", -2, 6)),
		}},
	}
}

// DefaultSchemes returns the default scheme of each category for a court,
// in force from 2020-01-01.
func DefaultSchemes(courtID int64) []*Scheme {
	mk := func(code, name, cat string, groups []Group) *Scheme {
		return &Scheme{Court: courtID, Code: code, Name: name, Category: cat, From: "2020-01-01", Rank: true,
			NoticeDays: 3, Groups: groups, Warnings: DefaultWarnings(), Grades: DefaultGrades()}
	}
	leader := judgeGroups(30)
	leader = append(leader[:1], append([]Group{{Name: "管理职责", Weight: 10, Items: []Item{
		rating("M1", "院领导评价", 6, "院领导评价", 0.8),
		rating("M2", "分管部门质效评价", 4, "院领导评价", 0.8),
	}}}, leader[1:]...)...)
	judge, lead := mk("judge", "员额法官绩效考核方案", "员额法官", judgeGroups(40)), mk("leader", "院庭长绩效考核方案", CategoryLeader, leader)
	// 本月无办案: a judge with no case closed and no rate to score (立案庭,
	// leave) is listed but not ranked, so that 功效系数 60% and the no_data
	// shares do not put them above judges who handle cases. The staff
	// schemes need no such setting: their only indicator is the
	// department's, and the rest is ratings and events everyone has.
	judge.WorkloadIndicator, lead.WorkloadIndicator = "weighted_closed", "weighted_closed"
	return []*Scheme{
		judge,
		lead,
		mk("assistant", "法官助理绩效考核方案", "法官助理", staffGroups("辅助审判", true)),
		mk("clerk", "书记员绩效考核方案", "书记员", staffGroups("记录与事务", true)),
		mk("police", "司法警察绩效考核方案", "司法警察", staffGroups("警务保障", false)),
		mk("admin", "司法行政人员绩效考核方案", "司法行政人员", staffGroups("行政事务", false)),
	}
}
