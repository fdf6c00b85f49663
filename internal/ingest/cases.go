package ingest

import (
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// checkCase reads a row of the 案件信息表 and applies DATA.md's rules.
func (c *rowCtx) checkCase() *court.Case {
	k := c.s.newCase()
	k.Court, k.Department, k.Judge = c.required(cCourt), c.required(cDepartment), c.required(cJudge)
	k.JudgeStaffNo, k.Cause = c.cell(cJudgeStaffNo), c.cell(cCause)
	no, okNo := c.caseNo(cCaseNo)
	k.No = no
	k.Panel = splitPanel(c.cell(cPanel), k.Judge)
	c.checkDates(k)
	k.Track = c.track()
	k.LimitDays = c.count(cLimitDays, court.DefaultLimitDays(no.Kind, no.Level, k.Track))
	k.ExtendedDays = c.count(cExtendedDays, 0)
	k.SuspendedDays = c.count(cSuspendedDays, 0)
	k.OriginNo = c.origin(no, okNo)
	k.Appealed = c.tri(cAppealed)
	k.Hearings = c.count(cHearings, 0)
	k.ClaimAmount = c.amount(cClaimAmount)
	k.ExecAmount = c.amount(cExecAmount)
	k.ExecRecovered = c.amount(cExecRecovered)
	k.EfileOn, _ = c.date(cEfileOn)
	k.EfileReads = c.count(cEfileReads, 0)
	if okNo {
		c.s.seen.caseNo(c, no)
	}
	return k
}

// checkDates reads 立案日期, 结案日期 and 结案方式 and checks them together:
// a case closes after it is filed, a closed case has a 结案方式 and a pending
// one has none.
func (c *rowCtx) checkDates(k *court.Case) {
	filed, okFiled := c.requiredDate(cFiledOn)
	closed, okClosed := c.date(cClosedOn)
	k.FiledOn, k.ClosedOn = filed, closed
	method, okMethod := court.ParseCloseMethod(c.cell(cCloseMethod))
	if !okMethod {
		c.problem(cCloseMethod, "无法识别的结案方式，应为："+strings.Join(court.CloseMethodNames(), "、"))
	}
	k.CloseMethod = method
	if okFiled && okClosed && closed != court.NoDate && closed < filed {
		c.problem(cClosedOn, "结案日期早于立案日期（"+filed.String()+"）")
	}
	switch {
	case !okClosed || !okMethod:
	case closed != court.NoDate && method == court.CloseNone:
		c.problem(cCloseMethod, "已结案件（结案日期 "+closed.String()+"）必须填写结案方式")
	case closed == court.NoDate && method != court.CloseNone:
		c.problem(cCloseMethod, "未结案件（结案日期为空）不应填写结案方式；如已结案，请填写结案日期")
	}
}

var trackNames = []string{"普通程序", "简易程序", "小额诉讼程序", "速裁程序"}

func (c *rowCtx) track() court.Track {
	t, ok := court.ParseTrack(c.cell(cTrack))
	if !ok {
		c.problem(cTrack, "无法识别的适用程序，应为："+strings.Join(trackNames, "、"))
	}
	return t
}

// origin reads the 原审案号, which must parse and must not name the case itself.
func (c *rowCtx) origin(self court.CaseNo, okSelf bool) string {
	v := c.cell(cOriginNo)
	if v == "" {
		return ""
	}
	no, err := court.ParseCaseNo(v)
	switch {
	case err != nil:
		c.problem(cOriginNo, "原审案号"+caseNoReason(v, err))
		return ""
	case okSelf && no == self:
		c.problem(cOriginNo, "原审案号与本案案号相同：原审案号应指向一审、原审或执行依据的案件")
		return ""
	}
	return no.String()
}

// splitPanel splits 合议庭成员 on ; ； 、 , and ，, dropping blanks, the
// 承办人 and repeated names.
func splitPanel(s, judge string) []string {
	if s == "" {
		return nil
	}
	out := make([]string, 0, 4)
	for s != "" {
		i, size := panelSep(s)
		if p := trim(s[:i]); p != "" && p != judge && !contains(out, p) {
			out = append(out, p)
		}
		s = s[min(i+size, len(s)):]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// panelSep finds the first separator of names in s: its index and length,
// or len(s) and 0.
func panelSep(s string) (int, int) {
	for i, r := range s {
		switch r {
		case ';', ',':
			return i, 1
		case '；', '、', '，':
			return i, len(string(r))
		}
	}
	return len(s), 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seen is what a Source remembers across rows to find duplicates and
// contradictions within one file.
type seen struct {
	cases  *caseIndex
	keys   map[string]int // 工号 within a court, 调解编号 → line
	courts map[string]courtSeen
}

func (s *seen) init(t Table) {
	switch t {
	case Cases:
		s.cases = newCaseIndex()
	case People:
		s.keys, s.courts = make(map[string]int), make(map[string]courtSeen)
	case Mediations, Parties:
		s.keys = make(map[string]int)
	}
}

// caseNo reports a 案号 that an earlier row of the file already has.
func (s *seen) caseNo(c *rowCtx, no court.CaseNo) {
	if first, dup := s.cases.add(no, c.rec.line); dup {
		c.problem(cCaseNo, "案号与第"+strconv.Itoa(first)+"行重复（同一案号在文件中只能出现一次）")
	}
}

// key reports a key (工号 within a court, 调解编号) that an earlier row has.
func (s *seen) key(c *rowCtx, f int, key, what string) {
	if first, dup := s.keys[key]; dup {
		c.problem(f, what+"与第"+strconv.Itoa(first)+"行重复")
		return
	}
	s.keys[key] = c.rec.line
}
