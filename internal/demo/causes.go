package demo

// group is the kind of matter a 案由 belongs to, for routing it to a department.
type group uint8

const (
	groupFamily   group = iota // 婚姻家庭、劳动、侵权、物业: 民一庭
	groupContract              // 合同、金融: 民二庭
	groupProperty              // 房地产、建设工程、知识产权: 民三庭
	groupCriminal
	groupAdmin
	groupOther
)

// cause is a 案由 and how its cases behave.
type cause struct {
	name     string
	group    group
	w        float64 // frequency, relative
	claim    float64 // median 诉讼标的额 in yuan; 0: none
	spread   float64 // log-sd of the claim
	noClaim  float64 // share of cases without a claim amount
	small    float64 // share of the claims within the 小额 limit heard as 小额诉讼
	ordinary float64 // share of 普通程序 (刑事: the rest is 简易 or 速裁)
	exec     float64 // share of judgments and mediations that come back as 首次执行
	expedite float64 // 刑事: share of 速裁程序
}

// civilCauses are the 民事一审 案由 of a 基层法院 (民事案件案由规定).
var civilCauses = []cause{
	{name: "离婚纠纷", group: groupFamily, w: 8, claim: 150000, spread: 1.0, noClaim: 0.55, ordinary: 0.08, exec: 0.07},
	{name: "抚养费纠纷", group: groupFamily, w: 1.2, claim: 30000, spread: 0.7, noClaim: 0.1, small: 0.2, ordinary: 0.03, exec: 0.26},
	{name: "赡养费纠纷", group: groupFamily, w: 0.5, claim: 20000, spread: 0.7, noClaim: 0.1, small: 0.1, ordinary: 0.03, exec: 0.14},
	{name: "法定继承纠纷", group: groupFamily, w: 1.2, claim: 300000, spread: 1.1, noClaim: 0.2, ordinary: 0.3, exec: 0.07},
	{name: "劳动争议", group: groupFamily, w: 2.5, claim: 40000, spread: 0.9, noClaim: 0.05, small: 0.15, ordinary: 0.15, exec: 0.29},
	{name: "追索劳动报酬纠纷", group: groupFamily, w: 1.5, claim: 20000, spread: 0.8, small: 0.5, ordinary: 0.05, exec: 0.43},
	{name: "机动车交通事故责任纠纷", group: groupFamily, w: 7, claim: 60000, spread: 1.0, small: 0.2, ordinary: 0.12, exec: 0.17},
	{name: "生命权、身体权、健康权纠纷", group: groupFamily, w: 2, claim: 50000, spread: 1.0, small: 0.1, ordinary: 0.15, exec: 0.22},
	{name: "提供劳务者受害责任纠纷", group: groupFamily, w: 1, claim: 80000, spread: 0.9, small: 0.05, ordinary: 0.2, exec: 0.22},
	{name: "物业服务合同纠纷", group: groupFamily, w: 6, claim: 3500, spread: 0.8, small: 0.6, ordinary: 0.02, exec: 0.43},
	{name: "房屋租赁合同纠纷", group: groupFamily, w: 3, claim: 40000, spread: 1.0, noClaim: 0.05, small: 0.35, ordinary: 0.08, exec: 0.29},
	{name: "相邻关系纠纷", group: groupFamily, w: 0.6, claim: 10000, spread: 0.8, noClaim: 0.6, ordinary: 0.2, exec: 0.07},
	{name: "供用热力合同纠纷", group: groupFamily, w: 1, claim: 3000, spread: 0.6, small: 0.7, ordinary: 0.01, exec: 0.36},
	{name: "民间借贷纠纷", group: groupContract, w: 14, claim: 80000, spread: 1.2, small: 0.35, ordinary: 0.2, exec: 0.46},
	{name: "买卖合同纠纷", group: groupContract, w: 9, claim: 110000, spread: 1.3, small: 0.3, ordinary: 0.22, exec: 0.36},
	{name: "金融借款合同纠纷", group: groupContract, w: 7, claim: 150000, spread: 1.1, small: 0.4, ordinary: 0.18, exec: 0.58},
	{name: "信用卡纠纷", group: groupContract, w: 5, claim: 35000, spread: 0.8, small: 0.65, ordinary: 0.03, exec: 0.51},
	{name: "追偿权纠纷", group: groupContract, w: 1.5, claim: 90000, spread: 1.1, small: 0.3, ordinary: 0.2, exec: 0.43},
	{name: "保证合同纠纷", group: groupContract, w: 0.6, claim: 200000, spread: 1.1, small: 0.1, ordinary: 0.3, exec: 0.43},
	{name: "租赁合同纠纷", group: groupContract, w: 1.5, claim: 60000, spread: 1.1, small: 0.3, ordinary: 0.15, exec: 0.36},
	{name: "承揽合同纠纷", group: groupContract, w: 1.5, claim: 70000, spread: 1.1, small: 0.3, ordinary: 0.15, exec: 0.29},
	{name: "服务合同纠纷", group: groupContract, w: 2, claim: 20000, spread: 1.0, small: 0.5, ordinary: 0.05, exec: 0.29},
	{name: "合同纠纷", group: groupContract, w: 2, claim: 100000, spread: 1.2, small: 0.3, ordinary: 0.2, exec: 0.29},
	{name: "不当得利纠纷", group: groupContract, w: 1, claim: 50000, spread: 1.1, small: 0.3, ordinary: 0.15, exec: 0.29},
	{name: "小额借款合同纠纷", group: groupContract, w: 2, claim: 15000, spread: 0.7, small: 0.7, ordinary: 0.02, exec: 0.51},
	{name: "财产保险合同纠纷", group: groupContract, w: 1, claim: 40000, spread: 1.0, small: 0.3, ordinary: 0.1, exec: 0.14},
	{name: "股权转让纠纷", group: groupContract, w: 0.5, claim: 800000, spread: 1.2, ordinary: 0.6, exec: 0.22},
	{name: "建设工程施工合同纠纷", group: groupProperty, w: 2.5, claim: 600000, spread: 1.3, ordinary: 0.55, exec: 0.36},
	{name: "房屋买卖合同纠纷", group: groupProperty, w: 2, claim: 300000, spread: 1.1, noClaim: 0.1, small: 0.05, ordinary: 0.3, exec: 0.17},
	{name: "商品房预售合同纠纷", group: groupProperty, w: 0.8, claim: 150000, spread: 1.0, noClaim: 0.1, small: 0.1, ordinary: 0.25, exec: 0.14},
	{name: "装饰装修合同纠纷", group: groupProperty, w: 1, claim: 50000, spread: 1.0, small: 0.3, ordinary: 0.1, exec: 0.29},
	{name: "侵害商标权纠纷", group: groupProperty, w: 0.5, claim: 50000, spread: 0.9, ordinary: 0.3, exec: 0.22},
	{name: "侵害作品信息网络传播权纠纷", group: groupProperty, w: 0.6, claim: 20000, spread: 0.8, ordinary: 0.2, exec: 0.14},
}

// bigCivilCauses are the 民事一审 案由 the 中院 hears (large claims, 知识产权).
var bigCivilCauses = []cause{
	{name: "金融借款合同纠纷", group: groupContract, w: 4, claim: 30e6, spread: 0.9, ordinary: 1, exec: 0.65},
	{name: "买卖合同纠纷", group: groupContract, w: 2, claim: 25e6, spread: 0.9, ordinary: 1, exec: 0.36},
	{name: "股权转让纠纷", group: groupContract, w: 1.5, claim: 40e6, spread: 1.0, ordinary: 1, exec: 0.29},
	{name: "保证合同纠纷", group: groupContract, w: 1, claim: 30e6, spread: 0.9, ordinary: 1, exec: 0.43},
	{name: "建设工程施工合同纠纷", group: groupProperty, w: 3, claim: 35e6, spread: 1.0, ordinary: 1, exec: 0.43},
	{name: "侵害发明专利权纠纷", group: groupProperty, w: 1, claim: 2e6, spread: 1.0, noClaim: 0.1, ordinary: 1, exec: 0.22},
	{name: "侵害商标权纠纷", group: groupProperty, w: 1, claim: 1e6, spread: 1.0, ordinary: 1, exec: 0.22},
}

// criminalCauses are the 罪名 of a 基层法院's 刑事一审 cases; exec is the
// share of judgments whose 罚金 or 退赔 is sent for enforcement.
var criminalCauses = []cause{
	{name: "危险驾驶罪", group: groupCriminal, w: 18, expedite: 0.7, ordinary: 0.02, exec: 0.02},
	{name: "盗窃罪", group: groupCriminal, w: 14, expedite: 0.3, ordinary: 0.15, exec: 0.12},
	{name: "帮助信息网络犯罪活动罪", group: groupCriminal, w: 12, expedite: 0.35, ordinary: 0.15, exec: 0.1},
	{name: "诈骗罪", group: groupCriminal, w: 9, expedite: 0.1, ordinary: 0.45, exec: 0.2},
	{name: "故意伤害罪", group: groupCriminal, w: 6, expedite: 0.05, ordinary: 0.5, exec: 0.05},
	{name: "掩饰、隐瞒犯罪所得、犯罪所得收益罪", group: groupCriminal, w: 4, expedite: 0.3, ordinary: 0.2, exec: 0.1},
	{name: "开设赌场罪", group: groupCriminal, w: 3, expedite: 0.15, ordinary: 0.4, exec: 0.15},
	{name: "寻衅滋事罪", group: groupCriminal, w: 3, expedite: 0.05, ordinary: 0.55, exec: 0.05},
	{name: "交通肇事罪", group: groupCriminal, w: 3, expedite: 0.2, ordinary: 0.3, exec: 0.03},
	{name: "走私、贩卖、运输、制造毒品罪", group: groupCriminal, w: 2, expedite: 0.05, ordinary: 0.6, exec: 0.05},
	{name: "信用卡诈骗罪", group: groupCriminal, w: 1.5, expedite: 0.2, ordinary: 0.3, exec: 0.15},
	{name: "妨害公务罪", group: groupCriminal, w: 1, expedite: 0.3, ordinary: 0.2, exec: 0.01},
	{name: "合同诈骗罪", group: groupCriminal, w: 1, ordinary: 0.8, exec: 0.25},
	{name: "非法吸收公众存款罪", group: groupCriminal, w: 0.8, ordinary: 0.95, exec: 0.3},
	{name: "职务侵占罪", group: groupCriminal, w: 0.8, expedite: 0.05, ordinary: 0.6, exec: 0.15},
	{name: "拒不执行判决、裁定罪", group: groupCriminal, w: 0.6, expedite: 0.2, ordinary: 0.3, exec: 0.1},
	{name: "聚众斗殴罪", group: groupCriminal, w: 0.5, ordinary: 0.8, exec: 0.02},
	{name: "容留他人吸毒罪", group: groupCriminal, w: 0.8, expedite: 0.3, ordinary: 0.15, exec: 0.01},
}

// seriousCriminalCauses are the 罪名 of the 中院's 刑事一审 cases.
var seriousCriminalCauses = []cause{
	{name: "故意杀人罪", group: groupCriminal, w: 3, ordinary: 1, exec: 0.05},
	{name: "走私、贩卖、运输、制造毒品罪", group: groupCriminal, w: 3, ordinary: 1, exec: 0.1},
	{name: "抢劫罪", group: groupCriminal, w: 1, ordinary: 1, exec: 0.05},
	{name: "受贿罪", group: groupCriminal, w: 2, ordinary: 1, exec: 0.6},
	{name: "贪污罪", group: groupCriminal, w: 1, ordinary: 1, exec: 0.6},
	{name: "集资诈骗罪", group: groupCriminal, w: 0.7, ordinary: 1, exec: 0.7},
	{name: "组织、领导、参加黑社会性质组织罪", group: groupCriminal, w: 0.3, ordinary: 1, exec: 0.5},
}

// adminCauses are the 行政案由 of first-instance administrative cases.
var adminCauses = []cause{
	{name: "行政处罚", group: groupAdmin, w: 5},
	{name: "行政强制", group: groupAdmin, w: 2},
	{name: "行政登记", group: groupAdmin, w: 1.5},
	{name: "行政许可", group: groupAdmin, w: 1},
	{name: "行政确认", group: groupAdmin, w: 1},
	{name: "行政征收", group: groupAdmin, w: 1.5},
	{name: "行政协议", group: groupAdmin, w: 1},
	{name: "政府信息公开", group: groupAdmin, w: 2},
	{name: "行政复议", group: groupAdmin, w: 1.5},
	{name: "不履行法定职责", group: groupAdmin, w: 1.5},
}

// bigAdminCauses are those against county governments, heard by the 中院.
var bigAdminCauses = []cause{
	{name: "行政征收", group: groupAdmin, w: 3},
	{name: "行政协议", group: groupAdmin, w: 2},
	{name: "行政复议", group: groupAdmin, w: 1},
	{name: "政府信息公开", group: groupAdmin, w: 1},
	{name: "行政强制", group: groupAdmin, w: 1},
}

// specialCauses are the 特别程序 matters of a 基层法院 (民特).
var specialCauses = []cause{
	{name: "申请司法确认调解协议", group: groupOther, w: 7, claim: 30000, spread: 1.0, noClaim: 0.3, exec: 0.12},
	{name: "申请实现担保物权", group: groupOther, w: 1.2, claim: 300000, spread: 1.0, exec: 0.5},
	{name: "申请认定公民无民事行为能力", group: groupOther, w: 0.8, noClaim: 1},
	{name: "申请宣告自然人失踪", group: groupOther, w: 0.4, noClaim: 1},
	{name: "申请宣告自然人死亡", group: groupOther, w: 0.3, noClaim: 1},
}

// arbitrationCauses are the 特别程序 matters of the 中院 (仲裁司法审查).
var arbitrationCauses = []cause{
	{name: "申请撤销仲裁裁决", group: groupOther, w: 2, noClaim: 1},
	{name: "申请确认仲裁协议效力", group: groupOther, w: 1, noClaim: 1},
}

// dunningCauses are the 督促程序 matters (民督).
var dunningCauses = []cause{
	{name: "申请支付令", group: groupOther, w: 1, claim: 60000, spread: 1.0, exec: 0.3},
}

// objectionCauses are the 执行异议 matters (执异).
var objectionCauses = []cause{
	{name: "执行行为异议", group: groupOther, w: 6},
	{name: "案外人异议", group: groupOther, w: 4},
}

// reviewCauses are the 执行复议 matters (执复).
var reviewCauses = []cause{{name: "执行复议", group: groupOther, w: 1}}

// preservationCauses are the 保全 matters (执保).
var preservationCauses = []cause{{name: "诉讼财产保全", group: groupOther, w: 1}}

// causeSet is a list of 案由 with a picker by frequency.
type causeSet struct {
	list []cause
	pick weights
}

func newCauseSet(list []cause, weight func(*cause) float64) causeSet {
	ws := make([]float64, len(list))
	for i := range list {
		ws[i] = weight(&list[i])
	}
	return causeSet{list: list, pick: newWeights(ws...)}
}

func (s *causeSet) draw(r rng) *cause { return &s.list[s.pick.pick(r)] }

func byFrequency(c *cause) float64 { return c.w }

// byEnforcement weighs civil 案由 by how often their judgments are enforced,
// for the 首次执行 cases whose 执行依据 is not in the data set (仲裁裁决,
// 公证债权文书, judgments of earlier years).
func byEnforcement(c *cause) float64 {
	if c.claim == 0 {
		return 0
	}
	return c.w * c.exec
}

// causes holds the 案由 pickers a simulation uses.
type causes struct {
	civil, bigCivil, criminal, serious, admin, bigAdmin    causeSet
	special, arbitration, dunning, objection, review, keep causeSet
	execCivil, execBig                                     causeSet
}

func newCauses() *causes {
	return &causes{
		civil:       newCauseSet(civilCauses, byFrequency),
		bigCivil:    newCauseSet(bigCivilCauses, byFrequency),
		criminal:    newCauseSet(criminalCauses, byFrequency),
		serious:     newCauseSet(seriousCriminalCauses, byFrequency),
		admin:       newCauseSet(adminCauses, byFrequency),
		bigAdmin:    newCauseSet(bigAdminCauses, byFrequency),
		special:     newCauseSet(specialCauses, byFrequency),
		arbitration: newCauseSet(arbitrationCauses, byFrequency),
		dunning:     newCauseSet(dunningCauses, byFrequency),
		objection:   newCauseSet(objectionCauses, byFrequency),
		review:      newCauseSet(reviewCauses, byFrequency),
		keep:        newCauseSet(preservationCauses, byFrequency),
		execCivil:   newCauseSet(civilCauses, byEnforcement),
		execBig:     newCauseSet(bigCivilCauses, byEnforcement),
	}
}
