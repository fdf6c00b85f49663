package judgments

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// The demo's judgments: texts generated for closed first-instance cases of
// the demo data, from templates written for this project (no real
// judgment). They give the 类案 pages something to show in `make run`;
// they are not legal writing.

type demoTemplate struct {
	civil     bool
	facts     []string // one is chosen; %[1]s amount in 元, %[2]d months, %[3]s a detail
	details   []string
	reasoning []string
	articles  string // 依照…之规定
	result    string
}

var demoTemplates = map[string]demoTemplate{
	"民间借贷纠纷": {civil: true,
		facts: []string{"被告因资金周转向原告借款%[1]s元，并出具借条一张，约定借期%[2]d个月，月利率1%%。借款到期后，原告多次催要，被告未予归还。%[3]s",
			"原告通过银行转账向被告出借款项%[1]s元，被告出具借条载明%[2]d个月内归还。被告仅归还部分利息，本金至今未还。%[3]s"},
		details:   []string{"被告对借款事实无异议，但称无力偿还。", "被告辩称已归还部分借款，但未提交证据。", "被告经传票传唤无正当理由拒不到庭。"},
		reasoning: []string{"合法的借贷关系受法律保护。被告向原告借款，有借条及转账记录为证，借贷关系成立。借款到期后被告未按约定归还，应承担归还借款本金并支付利息的责任。"},
		articles:  "《中华人民共和国民法典》第六百七十五条、第六百七十六条",
		result:    "被告于本判决生效之日起十日内归还原告借款本金%[1]s元及利息"},
	"买卖合同纠纷": {civil: true,
		facts: []string{"原告向被告供应货物，双方约定货到后%[2]d个月内付清货款。原告依约交付货物，经对账被告尚欠货款%[1]s元未付。%[3]s",
			"双方签订买卖合同，原告交付货物后，被告出具欠条确认欠付货款%[1]s元，承诺%[2]d个月内付清，逾期未付。%[3]s"},
		details:   []string{"被告辩称货物存在质量问题，但未在约定期限内提出异议。", "被告对欠款数额无异议。"},
		reasoning: []string{"原、被告之间的买卖合同关系合法有效。原告已履行交货义务，被告未按约定支付货款，构成违约，应当支付货款并承担逾期付款的违约责任。"},
		articles:  "《中华人民共和国民法典》第五百七十七条、第六百二十六条",
		result:    "被告于本判决生效之日起十日内支付原告货款%[1]s元及逾期付款损失"},
	"金融借款合同纠纷": {civil: true,
		facts:     []string{"原告银行与被告签订借款合同，向被告发放贷款%[1]s元，期限%[2]d个月，按月等额还款。被告自第三期起未按期还款，原告宣布贷款提前到期。%[3]s"},
		details:   []string{"保证人对该笔贷款承担连带保证责任。", "被告以房产提供抵押担保并办理了抵押登记。"},
		reasoning: []string{"借款合同合法有效。被告未按约定还款，原告有权宣布贷款提前到期，要求被告偿还全部借款本金、利息及罚息。"},
		articles:  "《中华人民共和国民法典》第六百七十四条、第六百七十五条、第六百七十六条",
		result:    "被告于本判决生效之日起十日内偿还原告借款本金%[1]s元及利息、罚息"},
	"信用卡纠纷": {civil: true,
		facts:     []string{"被告向原告银行申领信用卡并透支消费，截至起诉时尚欠透支本金%[1]s元及利息、滞纳金，已逾期%[2]d个月。%[3]s"},
		details:   []string{"原告多次电话催收未果。", "被告未到庭参加诉讼。"},
		reasoning: []string{"被告申领信用卡并透支使用，应按约定按期还款。被告逾期未还，应承担偿还透支款本息的责任。"},
		articles:  "《中华人民共和国民法典》第六百七十五条、第六百七十六条",
		result:    "被告于本判决生效之日起十日内偿还原告信用卡透支本金%[1]s元及利息"},
	"离婚纠纷": {civil: true,
		facts:     []string{"原、被告经人介绍相识后登记结婚，婚后育有一子。双方因生活琐事经常发生争吵，已分居%[2]d个月。%[3]s"},
		details:   []string{"原告曾于去年起诉离婚，经判决不准离婚后双方感情未见改善。", "婚后共同购置车辆一辆，价值约%[1]s元。"},
		reasoning: []string{"婚姻应以感情为基础。原、被告分居已久，夫妻感情确已破裂，准予离婚。子女随原告生活更有利于其成长，被告应按月支付抚养费。"},
		articles:  "《中华人民共和国民法典》第一千零七十九条、第一千零八十四条、第一千零八十五条",
		result:    "准予原告与被告离婚；婚生子随原告生活，被告每月支付抚养费"},
	"机动车交通事故责任纠纷": {civil: true,
		facts:     []string{"被告驾驶小型轿车与原告驾驶的电动自行车相撞，致原告受伤。交警部门认定被告负事故主要责任。原告住院治疗%[2]d个月，花费医疗费%[1]s元。%[3]s"},
		details:   []string{"肇事车辆在被告保险公司投保了交强险和商业三者险。", "经司法鉴定，原告构成十级伤残。"},
		reasoning: []string{"机动车发生交通事故造成人身伤亡的，由保险公司在交强险责任限额范围内予以赔偿，不足部分按照各自过错的比例分担。原告主张的医疗费、误工费、护理费有相应证据证实，本院予以支持。"},
		articles:  "《中华人民共和国民法典》第一千一百七十九条、第一千二百零八条，《中华人民共和国道路交通安全法》第七十六条",
		result:    "被告保险公司于本判决生效之日起十日内赔偿原告医疗费、误工费等损失%[1]s元"},
	"物业服务合同纠纷": {civil: true,
		facts:     []string{"原告为被告所在小区提供物业服务，被告自前年起拖欠物业费%[2]d个月，合计%[1]s元。%[3]s"},
		details:   []string{"被告辩称物业服务存在瑕疵，但未提交证据。", "原告多次书面催缴。"},
		reasoning: []string{"原告依约提供了物业服务，被告应当按约定支付物业费。被告以服务存在瑕疵为由拒交物业费，理由不能成立。"},
		articles:  "《中华人民共和国民法典》第九百三十七条、第九百四十四条",
		result:    "被告于本判决生效之日起十日内支付原告物业费%[1]s元"},
	"劳动争议": {civil: true,
		facts:     []string{"原告入职被告公司，从事生产工作，双方未签订书面劳动合同。被告拖欠原告%[2]d个月工资合计%[1]s元，原告申请劳动仲裁后不服裁决起诉。%[3]s"},
		details:   []string{"被告辩称原告系劳务关系。", "原告提交了考勤记录和工资条。"},
		reasoning: []string{"原、被告之间存在劳动关系。用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬；未签订书面劳动合同的，应当支付二倍工资。"},
		articles:  "《中华人民共和国劳动合同法》第三十条、第八十二条",
		result:    "被告于本判决生效之日起十日内支付原告工资%[1]s元及未签订书面劳动合同的二倍工资差额"},
	"危险驾驶罪": {
		facts:     []string{"被告人酒后驾驶小型轿车行驶至某路口时被执勤民警查获。经鉴定，被告人血液酒精含量为%[4]dmg/100ml。%[3]s"},
		details:   []string{"被告人到案后如实供述自己的罪行。", "被告人自愿认罪认罚。"},
		reasoning: []string{"被告人在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪。被告人到案后如实供述罪行，依法可以从轻处罚。"},
		articles:  "《中华人民共和国刑法》第一百三十三条之一第一款第（二）项、第六十七条第三款、第五十二条",
		result:    "被告人犯危险驾驶罪，判处拘役%[2]d个月，并处罚金人民币%[1]s元"},
	"盗窃罪": {
		facts: []string{"被告人趁被害人不备，秘密窃取其放在店内的手机一部，经鉴定价值%[1]s元。%[3]s",
			"被告人多次进入小区车库，窃取电动自行车电瓶等财物，共计价值%[1]s元。%[3]s"},
		details:   []string{"赃物已追回发还被害人。", "被告人系累犯。"},
		reasoning: []string{"被告人以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。被告人如实供述罪行，可以从轻处罚。"},
		articles:  "《中华人民共和国刑法》第二百六十四条、第六十七条第三款、第五十二条、第六十四条",
		result:    "被告人犯盗窃罪，判处有期徒刑%[2]d个月，并处罚金人民币%[1]s元"},
	"帮助信息网络犯罪活动罪": {
		facts:     []string{"被告人明知他人利用信息网络实施犯罪，仍将本人银行卡出租给他人使用，该卡被用于接收电信网络诈骗资金，流水金额%[1]s元。%[3]s"},
		details:   []string{"被告人从中获利二千元。", "被告人自愿认罪认罚并退缴违法所得。"},
		reasoning: []string{"被告人明知他人利用信息网络实施犯罪，为其犯罪提供支付结算帮助，情节严重，其行为已构成帮助信息网络犯罪活动罪。"},
		articles:  "《中华人民共和国刑法》第二百八十七条之二第一款、第六十七条第三款、第五十二条、第六十四条",
		result:    "被告人犯帮助信息网络犯罪活动罪，判处有期徒刑%[2]d个月，并处罚金人民币%[1]s元"},
	"诈骗罪": {
		facts:     []string{"被告人虚构能够帮助办理贷款的事实，骗取被害人手续费%[1]s元后将款项挥霍。%[3]s"},
		details:   []string{"被告人已退赔被害人全部损失。", "被害人出具了谅解书。"},
		reasoning: []string{"被告人以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物，数额较大，其行为已构成诈骗罪。"},
		articles:  "《中华人民共和国刑法》第二百六十六条、第六十七条第三款、第五十二条、第六十四条",
		result:    "被告人犯诈骗罪，判处有期徒刑%[2]d个月，并处罚金人民币%[1]s元"},
	"故意伤害罪": {
		facts:     []string{"被告人与被害人因琐事发生争执，被告人持木棍击打被害人头部，致被害人轻伤二级。%[3]s"},
		details:   []string{"案发后被告人赔偿被害人经济损失%[1]s元并取得谅解。", "被告人经电话通知到案。"},
		reasoning: []string{"被告人故意伤害他人身体，致一人轻伤，其行为已构成故意伤害罪。被告人赔偿被害人损失并取得谅解，可以酌情从轻处罚。"},
		articles:  "《中华人民共和国刑法》第二百三十四条第一款、第六十七条第一款",
		result:    "被告人犯故意伤害罪，判处有期徒刑%[2]d个月"},
}

// DemoCauses are the 案由 the demo judgments cover.
func DemoCauses() []string {
	out := make([]string, 0, len(demoTemplates))
	for c := range demoTemplates {
		out = append(out, c)
	}
	return out
}

// DemoJudgment writes a judgment for a closed first-instance case of the
// demo whose 案由 has a template; ok is false for other cases.
func DemoJudgment(c *court.Case, courtName string, rng *rand.Rand) (Judgment, bool) {
	t, ok := demoTemplates[c.Cause]
	if !ok || !c.Closed() || c.No.Kind != court.KindCivil && c.No.Kind != court.KindCriminal {
		return Judgment{}, false
	}
	amount := fmt.Sprintf("%d", (rng.IntN(200)+1)*500)
	months := rng.IntN(11) + 2
	detail := t.details[rng.IntN(len(t.details))]
	if strings.Contains(detail, "%") {
		detail = fmt.Sprintf(detail, amount)
	}
	facts := fmt.Sprintf(t.facts[rng.IntN(len(t.facts))], amount, months, detail, 80+rng.IntN(180))
	reasoning := t.reasoning[rng.IntN(len(t.reasoning))]
	result := fmt.Sprintf(t.result, amount, months)
	d := c.ClosedOn.Time()
	date := strings.Join([]string{yearChinese(d.Year()), "年", Numeral(int(d.Month())), "月", Numeral(d.Day()), "日"}, "")
	var b strings.Builder
	kind := "民事判决书"
	if !t.civil {
		kind = "刑事判决书"
	}
	fmt.Fprintf(&b, "%s\n%s\n%s\n", courtName, kind, c.No.String())
	if t.civil {
		fmt.Fprintf(&b, "原告：王某某。\n被告：李某某。\n原告王某某与被告李某某%s一案，本院立案后依法进行了审理。\n", c.Cause)
		fmt.Fprintf(&b, "王某某向本院提出诉讼请求：依法判令被告承担相应责任。李某某辩称：不同意原告的诉讼请求。\n")
	} else {
		fmt.Fprintf(&b, "公诉机关%s人民检察院。\n被告人张某某，男，汉族。\n公诉机关指控被告人张某某犯%s，于本院提起公诉。\n", strings.TrimSuffix(courtName, "人民法院"), c.Cause)
	}
	fmt.Fprintf(&b, "本院经审理查明：%s\n本院认为，%s依照%s之规定，判决如下：\n%s。\n审判员　%s\n%s\n", facts, reasoning, t.articles, result, c.Judge, date)
	j := Judgment{CaseNo: c.No.String(), Cause: c.Cause, Court: courtName, Date: c.ClosedOn, Text: b.String(), Source: "演示数据（生成）"}
	Parse(&j)
	return j, true
}

func yearChinese(y int) string {
	ds := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	s := ""
	for _, r := range fmt.Sprint(y) {
		s += ds[r-'0']
	}
	return s
}
