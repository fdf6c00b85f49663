package petitions

import (
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Checklist is the one-time notice (一次性告知书) of a matter: everything
// the citizen must bring or do, told at once at the first contact.
type Checklist struct {
	Matter string   // the key, e.g. 民事立案
	Title  string   // the heading of the notice
	Items  []string // one line each
	Note   string   // the closing words: hours, address, phone
}

// Check reports a checklist without a matter, title or items, or with an
// item or field over its limit.
func (c Checklist) Check() error {
	if strings.TrimSpace(c.Matter) == "" || strings.TrimSpace(c.Title) == "" {
		return court.Errorf(court.Invalid, "告知事项须有名称和标题")
	}
	if len(c.Items) == 0 || len(c.Items) > 40 {
		return court.Errorf(court.Invalid, "告知事项“%s”应有 1 至 40 条材料或步骤", c.Matter)
	}
	for i, it := range c.Items {
		if err := Limit("第 "+itoa(i+1)+" 条", it, 300); err != nil {
			return court.Errorf(court.Invalid, "告知事项“%s”%s", c.Matter, court.Message(err))
		}
	}
	if err := Limit("名称", c.Matter, 30); err != nil {
		return err
	}
	if err := Limit("标题", c.Title, 60); err != nil {
		return err
	}
	return Limit("说明", c.Note, 500)
}

// ParseItems splits the text of a checklist form, one item a line, blank
// lines dropped.
func ParseItems(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// DefaultChecklists are the one-time notices a court starts from, after
// 最高人民法院《关于人民法院登记立案若干问题的规定》 and the usual practice of the
// 诉讼服务中心; the court edits them as its own.
func DefaultChecklists() []Checklist {
	note := "以上材料请一次备齐。如有疑问，请拨打 12368 诉讼服务热线，或到本院诉讼服务中心窗口咨询。"
	return []Checklist{
		{Matter: "民事立案", Title: "民事案件立案一次性告知书", Note: note, Items: []string{
			"起诉状正本一份，并按被告人数提交副本",
			"原告身份证明：自然人提交身份证复印件；法人提交营业执照副本复印件、法定代表人身份证明书",
			"被告身份信息：姓名、性别、住所、联系方式；法人的名称、住所、统一社会信用代码",
			"证据材料及证据目录，并按被告人数提交副本",
			"委托代理人的，提交授权委托书、代理人身份证明（律师提交律师执业证、律师事务所函）",
			"按规定预交诉讼费，或提交缓交、减交、免交申请及证明材料",
		}},
		{Matter: "申请执行", Title: "申请执行一次性告知书", Note: note, Items: []string{
			"申请执行书一份，写明申请执行的理由、事项、执行标的",
			"生效法律文书副本及生效证明",
			"申请执行人身份证明",
			"被执行人财产线索（如有）",
			"委托代理人的，提交授权委托书及代理人身份证明",
		}},
		{Matter: "涉诉信访", Title: "涉诉信访一次性告知书", Note: note, Items: []string{
			"信访人身份证明复印件",
			"信访事项说明：案号、诉求、事实和理由",
			"原审裁判文书复印件",
			"新证据或相关证明材料（如有）",
			"依法应当通过上诉、申请再审等诉讼程序解决的，请按相应程序提出",
		}},
		{Matter: "投诉", Title: "投诉干警作风一次性告知书", Note: note, Items: []string{
			"投诉人身份证明和联系方式",
			"被投诉干警的姓名或岗位、涉及案号",
			"投诉事实的时间、地点、经过",
			"相关证据材料（如有）",
		}},
		{Matter: "诉讼费缓减免", Title: "申请缓交、减交、免交诉讼费一次性告知书", Note: note, Items: []string{
			"书面申请一份",
			"经济困难证明：低保证、特困供养证明、残疾证或村（居）委会证明等",
			"申请人身份证明",
		}},
	}
}
