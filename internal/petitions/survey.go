package petitions

import "github.com/zhixiao/zhixiao/internal/court"

// SurveyItem is one statement of the satisfaction survey, answered on a
// scale of 1 (非常不同意) to 5 (非常同意), or 0 (不适用).
type SurveyItem struct {
	Part string // 便利 (access) or 公正 (fairness)
	Text string
}

// SurveyItems are the statements of NCSC CourTools Measure 1 (Access and
// Fairness) in Chinese: ten about access, five about fairness, in the
// order of the original.
func SurveyItems() []SurveyItem {
	a, f := "便利", "公正"
	return []SurveyItem{
		{a, "找到法院很方便"},
		{a, "需要填写的表格清楚易懂"},
		{a, "在法院里我感到安全"},
		{a, "法院尽力消除了通行和语言上的障碍"},
		{a, "我在合理的时间内办完了事情"},
		{a, "工作人员关注我的需要"},
		{a, "我受到了礼貌和尊重的对待"},
		{a, "我很容易找到了要去的法庭或办公室"},
		{a, "法院网站（诉讼服务网）对我有用"},
		{a, "法院的办公时间方便我办事"},
		{f, "我的事情处理得公平"},
		{f, "法官（承办人）在作出决定前听取了我的陈述"},
		{f, "法官（承办人）掌握了作出正确决定所需的信息"},
		{f, "我受到了与他人同等的对待"},
		{f, "离开法院时，我知道接下来该怎么做"},
	}
}

// Answers are one survey's answers, one per SurveyItems entry: 1 to 5, 0
// for 不适用.
type Answers []int

// Check reports answers of the wrong number or out of range.
func (a Answers) Check() error {
	if len(a) != len(SurveyItems()) {
		return court.Errorf(court.Invalid, "问卷应有 %d 题，收到 %d 题", len(SurveyItems()), len(a))
	}
	for i, x := range a {
		if x < 0 || x > 5 {
			return court.Errorf(court.Invalid, "第 %d 题的回答应为 1–5 或“不适用”", i+1)
		}
	}
	return nil
}

// Scores are the CourTools index scores: the mean of the answered items of
// each part times 20, so that all 5 (非常同意) is 100 and all 1 is 20. A
// part with no answers scores 0 with N 0.
type Scores struct {
	Access, Fairness   float64
	AccessN, FairnessN int // answers counted
}

// Score sums many surveys into their index scores.
func Score(all []Answers) Scores {
	items := SurveyItems()
	var s Scores
	var sa, sf int
	for _, a := range all {
		for i, x := range a {
			if x == 0 || i >= len(items) {
				continue
			}
			if items[i].Part == "便利" {
				sa, s.AccessN = sa+x, s.AccessN+1
			} else {
				sf, s.FairnessN = sf+x, s.FairnessN+1
			}
		}
	}
	if s.AccessN > 0 {
		s.Access = float64(sa) * 20 / float64(s.AccessN)
	}
	if s.FairnessN > 0 {
		s.Fairness = float64(sf) * 20 / float64(s.FairnessN)
	}
	return s
}
