package indicator

import (
	"context"
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// memSource is a Source over slices.
type memSource struct {
	courts []court.Court
	people []court.Person
	cases  []court.Case
	funds  []court.FundReceipt
	meds   []court.Mediation
}

func (m *memSource) Courts(context.Context) ([]court.Court, error)  { return m.courts, nil }
func (m *memSource) People(context.Context) ([]court.Person, error) { return m.people, nil }
func (m *memSource) FundReceipts(context.Context) ([]court.FundReceipt, error) {
	return m.funds, nil
}
func (m *memSource) Mediations(context.Context) ([]court.Mediation, error) { return m.meds, nil }
func (m *memSource) ScanCases(ctx context.Context, fn func(*court.Case) error) error {
	for i := range m.cases {
		if err := fn(&m.cases[i]); err != nil {
			return err
		}
	}
	return nil
}

// The courts of the hand-built tests.
const (
	basicCourt = "东城区人民法院"  // 京0101
	midCourt   = "第一中级人民法院" // 京01
)

func testCourts() []court.Court {
	return []court.Court{
		{Name: midCourt, Code: "京01", Level: court.CourtIntermediate},
		{Name: basicCourt, Code: "京0101", Level: court.CourtBasic, Parent: midCourt},
	}
}

// day parses 2006-01-02.
func day(s string) court.Date {
	d, err := court.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func period(from, to string) court.Period { return court.Period{From: day(from), To: day(to)} }

// opt changes a hand-built case.
type opt func(*court.Case)

func by(m court.CloseMethod) opt  { return func(c *court.Case) { c.CloseMethod = m } }
func origin(no string) opt        { return func(c *court.Case) { c.OriginNo = no } }
func appealed(t court.Tri) opt    { return func(c *court.Case) { c.Appealed = t } }
func judge(dept, name string) opt { return func(c *court.Case) { c.Department, c.Judge = dept, name } }
func at(courtName string) opt     { return func(c *court.Case) { c.Court = courtName } }
func panel(names ...string) opt   { return func(c *court.Case) { c.Panel = names } }
func hearings(n int) opt          { return func(c *court.Case) { c.Hearings = n } }
func limit(days, ext, susp int) opt {
	return func(c *court.Case) { c.LimitDays, c.ExtendedDays, c.SuspendedDays = days, ext, susp }
}
func efile(on string, reads int) opt {
	return func(c *court.Case) { c.EfileOn, c.EfileReads = day(on), reads }
}
func money(exec, rec court.Money) opt {
	return func(c *court.Case) { c.ExecAmount, c.ExecRecovered = exec, rec }
}

// cs builds a case: 案号, 立案日期, 结案日期 ("" while pending). By default it
// is 东城区人民法院 / 民一庭 / 张三, closed by 判决, with the default 审限.
func cs(no, filed, closed string, opts ...opt) court.Case {
	n, err := court.ParseCaseNo(no)
	if err != nil {
		panic(err)
	}
	c := court.Case{No: n, Court: basicCourt, Department: "民一庭", Judge: "张三", FiledOn: day(filed),
		ExecAmount: court.NoMoney, ExecRecovered: court.NoMoney, ClaimAmount: court.NoMoney,
		LimitDays: court.DefaultLimitDays(n.Kind, n.Level, court.TrackNone)}
	if closed != "" {
		c.ClosedOn, c.CloseMethod = day(closed), court.CloseJudgment
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// engineFor builds an engine over a source with the default definitions.
func engineFor(t testing.TB, src *memSource) *Engine {
	t.Helper()
	if src.courts == nil {
		src.courts = testCourts()
	}
	e, err := New(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// one evaluates one indicator for one unit.
func one(t testing.TB, e *Engine, q Query, id string) Result {
	t.Helper()
	q.Indicators = []string{id}
	rs, err := e.Evaluate(q)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	if len(rs) != 1 {
		t.Fatalf("%s: %d results, want 1", id, len(rs))
	}
	return rs[0]
}
