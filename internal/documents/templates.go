package documents

import (
	"slices"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Kind is a kind of document the module writes: the monthly bulletin or
// one of the drafts.
type Kind string

// The kinds.
const (
	KindBulletin          Kind = "bulletin"           // 审判质效月通报
	KindJudgmentOrdinary  Kind = "judgment_ordinary"  // 民事判决书（一审普通程序）
	KindJudgmentSimple    Kind = "judgment_simple"    // 民事判决书（一审简易程序）
	KindMediation         Kind = "mediation"          // 民事调解书
	KindWithdrawal        Kind = "withdrawal"         // 民事裁定书（准予撤诉）
	KindExecSuspension    Kind = "exec_suspension"    // 执行裁定书（终结本次执行程序）
	KindOneTimeNotice     Kind = "one_time_notice"    // 一次性告知书
	KindInterviewNotice   Kind = "interview_notice"   // 约谈通知书
	KindSupervisionNotice Kind = "supervision_notice" // 督办通知单
)

// DraftKinds are the drafts, in the order pages list them.
var DraftKinds = []Kind{KindJudgmentOrdinary, KindJudgmentSimple, KindMediation, KindWithdrawal,
	KindExecSuspension, KindOneTimeNotice, KindInterviewNotice, KindSupervisionNotice}

// AllKinds are the bulletin and the drafts.
var AllKinds = append([]Kind{KindBulletin}, DraftKinds...)

var kindTitles = map[Kind]string{
	KindBulletin:          "审判质效月通报",
	KindJudgmentOrdinary:  "民事判决书（一审普通程序）",
	KindJudgmentSimple:    "民事判决书（一审简易程序）",
	KindMediation:         "民事调解书",
	KindWithdrawal:        "民事裁定书（准予撤诉）",
	KindExecSuspension:    "执行裁定书（终结本次执行程序）",
	KindOneTimeNotice:     "一次性告知书",
	KindInterviewNotice:   "约谈通知书",
	KindSupervisionNotice: "督办通知单",
}

// Title is the Chinese name of the kind.
func (k Kind) Title() string { return kindTitles[k] }

// ParseKind reads a kind from its key or its Chinese name (or the name
// without its bracket, 民事判决书 being the 普通程序 one).
func ParseKind(s string) (Kind, error) {
	s = strings.TrimSpace(s)
	for _, k := range AllKinds {
		t := k.Title()
		if s == string(k) || s == t {
			return k, nil
		}
	}
	for _, k := range AllKinds {
		if short, _, ok := strings.Cut(k.Title(), "（"); ok && s == short {
			return k, nil
		}
	}
	var names []string
	for _, k := range DraftKinds {
		names = append(names, string(k)+"（"+k.Title()+"）")
	}
	return "", court.Errorf(court.Invalid, "未知的文书类型“%s”，应为：%s", s, strings.Join(names, "、"))
}

// draftFields are the placeholders every draft may use.
var draftFields = []string{"法院", "文书名称", "案号", "当事人", "审理经过", "案由", "立案日期", "结案日期", "适用程序",
	"承办部门", "承办人", "合议庭", "书记员", "日期", "上级法院", "原告", "被告", "申请执行人", "被执行人", "收件人", "对方当事人",
	"已审理天数", "审限天数", "审限届满日期", "申请执行标的额", "执行到位金额", "诉讼标的额", "原审案号"}

// bulletinFields are the placeholders of the bulletin.
var bulletinFields = []string{"单位", "法院", "月份", "期间", "标题", "日期", "摘要", "收结情况", "质效指标", "区间外指标",
	"部门表", "法官表", "长期未结表", "督办情况", "群众诉求", "收结趋势图", "部门结收比图", "说明"}

// Placeholders returns the placeholder names a template of kind k may use.
func Placeholders(k Kind) []string {
	if k == KindBulletin {
		return slices.Clone(bulletinFields)
	}
	return slices.Clone(draftFields)
}

// DefaultTemplate returns the template that ships with the product for k,
// as DOCX bytes (a court edits a copy of it).
func DefaultTemplate(k Kind) []byte {
	return buildDocx(defaultBlocks(k))
}

// ParseDefault parses the default template of k.
func ParseDefault(k Kind) *Template {
	t, err := ParseTemplate(k.Title(), DefaultTemplate(k))
	if err != nil {
		panic("default template " + string(k) + ": " + err.Error()) // built by code: a bug
	}
	return t
}

// CheckTemplate parses a court's template for k and checks its
// placeholders.
func CheckTemplate(k Kind, name string, b []byte) (*Template, error) {
	t, err := ParseTemplate(name, b)
	if err != nil {
		return nil, err
	}
	return t, t.Check(Placeholders(k))
}

func header(title string) []block {
	return []block{p(styleCourt, "{{法院}}"), p(styleTitle, title), p(styleCaseNo, "{{案号}}"), p(stylePlain, "{{当事人}}")}
}

func signature(withClerk bool) []block {
	bs := []block{p(styleSign, "{{合议庭}}"), p(styleSign, ""), p(styleSign, "{{日期}}")}
	if withClerk {
		bs = append(bs, p(styleSign, "书　记　员　{{书记员}}"))
	}
	return bs
}

const (
	judgmentFacts  = "{{原告}}向本院提出诉讼请求：1.【诉讼请求】；2.本案诉讼费用由{{被告}}负担。事实和理由：【事实和理由】。"
	judgmentReply  = "{{被告}}辩称，【答辩意见】。"
	judgmentProof  = "本院经审理认定事实如下：【经审理认定的事实和证据】。"
	judgmentHold   = "本院认为，【裁判理由】。依照《中华人民共和国民法典》第【　】条、《中华人民共和国民事诉讼法》第【　】条规定，判决如下："
	judgmentMain1  = "一、【判决主文第一项】；"
	judgmentMain2  = "二、【判决主文第二项】。"
	judgmentDelay  = "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的债务利息。"
	judgmentFee    = "案件受理费【　】元，由【　】负担。"
	judgmentAppeal = "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，上诉于{{上级法院}}。"
)

// defaultBlocks are the paragraphs of the default template of k, in the
// wording of today's 民法典 and 民事诉讼法 (2023).
func defaultBlocks(k Kind) []block {
	switch k {
	case KindJudgmentOrdinary, KindJudgmentSimple:
		bs := header("民事判决书")
		for _, t := range []string{"{{审理经过}}", judgmentFacts, judgmentReply, judgmentProof, judgmentHold, judgmentMain1, judgmentMain2, judgmentDelay, judgmentFee, judgmentAppeal} {
			bs = append(bs, p(styleBody, t))
		}
		return append(bs, signature(true)...)
	case KindMediation:
		bs := header("民事调解书")
		for _, t := range []string{"{{审理经过}}", judgmentFacts,
			"本案审理过程中，经本院主持调解，当事人自愿达成如下协议：",
			"一、【协议内容第一项】；", "二、【协议内容第二项】。",
			"案件受理费【　】元，减半收取计【　】元，由【　】负担。",
			"上述协议，不违反法律规定，本院予以确认。",
			"本调解书经各方当事人签收后，即具有法律效力。"} {
			bs = append(bs, p(styleBody, t))
		}
		return append(bs, signature(true)...)
	case KindWithdrawal:
		bs := header("民事裁定书")
		for _, t := range []string{"{{审理经过}}",
			"本院认为，原告的撤诉申请符合法律规定，应予准许。依照《中华人民共和国民事诉讼法》第一百四十八条第一款、第一百五十七条第一款第五项规定，裁定如下：",
			"准许{{原告}}撤诉。",
			"案件受理费【　】元，减半收取计【　】元，由{{原告}}负担。"} {
			bs = append(bs, p(styleBody, t))
		}
		return append(bs, signature(true)...)
	case KindExecSuspension:
		bs := header("执行裁定书")
		for _, t := range []string{"{{审理经过}}",
			"本案执行过程中，本院依法向被执行人发出执行通知书、报告财产令，通过网络执行查控系统及传统调查方式对被执行人的存款、车辆、不动产、证券、网络资金等财产进行了调查，并依法采取了纳入失信被执行人名单、限制消费等措施。【已采取的执行措施及结果】。",
			"截至目前，本案已执行到位{{执行到位金额}}元。经穷尽财产调查措施，未发现被执行人有其他可供执行的财产，申请执行人亦不能提供被执行人可供执行的财产线索。本院已将上述情况告知申请执行人，申请执行人对终结本次执行程序【无异议】。",
			"本院认为，本案符合终结本次执行程序的条件。依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百一十七条、《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第一条规定，裁定如下：",
			"终结本次执行程序。",
			"申请执行人发现被执行人有可供执行财产的，可以再次申请执行。再次申请执行不受申请执行时效期间的限制。",
			"本裁定送达后立即生效。"} {
			bs = append(bs, p(styleBody, t))
		}
		return append(bs, signature(true)...)
	case KindOneTimeNotice:
		return []block{p(styleCourt, "{{法院}}"), p(styleTitle, "一次性告知书"), p(styleCaseNo, "{{案号}}"),
			p(stylePlain, "{{收件人}}："),
			p(styleBody, "你（单位）与{{对方当事人}}{{案由}}一案，本院已于{{立案日期}}立案，由{{承办部门}}{{承办人}}法官承办。为便于案件审理，现将需要你（单位）补充提交的材料及有关事项一次性告知如下："),
			p(styleBody, "一、需补充提交的材料：【1.……；2.……】。"),
			p(styleBody, "二、提交期限：请于收到本告知书之日起【七】日内提交。逾期未提交的，本院将依照法律规定处理。"),
			p(styleBody, "三、提交方式：可通过人民法院在线服务平台提交电子材料，也可到本院诉讼服务中心现场提交。"),
			p(styleBody, "四、联系人：{{承办人}}，联系电话：【　】。"),
			p(styleBody, "特此告知。"),
			p(styleSign, "{{法院}}"), p(styleSign, "{{日期}}")}
	case KindInterviewNotice:
		return []block{p(styleCourt, "{{法院}}"), p(styleTitle, "约谈通知书"),
			p(stylePlain, "{{承办部门}}{{承办人}}同志："),
			p(styleBody, "你承办的{{案号}}{{案由}}一案，于{{立案日期}}立案，至{{日期}}已审理{{已审理天数}}天（审限{{审限天数}}，审限届满日{{审限届满日期}}）。根据本院审判管理工作的有关规定，定于【　年　月　日　时】在【地点】就该案的审理进度、存在的问题和下一步工作安排与你进行约谈，请准时参加，并事先准备书面情况说明。"),
			p(styleBody, "特此通知。"),
			p(styleSign, "{{法院}}审判管理办公室"), p(styleSign, "{{日期}}")}
	case KindSupervisionNotice:
		return []block{p(styleCourt, "{{法院}}"), p(styleTitle, "督办通知单"),
			p(stylePlain, "{{承办部门}}："),
			p(styleBody, "经审判管理办公室核查，下列案件需要督办："),
			p(styleBody, "案号：{{案号}}；案由：{{案由}}；承办人：{{承办人}}；立案日期：{{立案日期}}；已审理{{已审理天数}}天；审限{{审限天数}}，审限届满日{{审限届满日期}}。"),
			p(styleBody, "督办事项：【说明督办原因，如即将超审限、超审限未结、长期未结】。"),
			p(styleBody, "办理要求：请于收到本通知单之日起【十】日内查明原因、制定结案计划，并将办理情况书面报送审判管理办公室；逾期未报送的，纳入审判质效考核。"),
			p(styleSign, "{{法院}}审判管理办公室"), p(styleSign, "{{日期}}")}
	}
	return bulletinBlocks()
}

func bulletinBlocks() []block {
	return []block{
		p(styleTitle, "{{标题}}"),
		p(styleCaseNo, "{{日期}}"),
		p(styleHeading, "一、总体情况"),
		p(styleBody, "{{摘要}}"),
		p(styleHeading, "二、收结案情况"),
		p(styleBody, "{{收结情况}}"),
		p(stylePlain, "{{收结趋势图}}"),
		p(styleHeading, "三、主要质效指标"),
		p(styleBody, "{{质效指标}}"),
		p(styleBody, "{{区间外指标}}"),
		p(styleHeading, "四、各部门情况"),
		p(stylePlain, "{{部门表}}"),
		p(stylePlain, "{{部门结收比图}}"),
		p(styleHeading, "五、承办人情况"),
		p(stylePlain, "{{法官表}}"),
		p(styleHeading, "六、长期未结案件"),
		p(styleBody, "{{长期未结表}}"),
		p(styleHeading, "七、督办情况"),
		p(styleBody, "{{督办情况}}"),
		p(styleHeading, "八、群众诉求"),
		p(styleBody, "{{群众诉求}}"),
		p(styleNote, "{{说明}}"),
	}
}
