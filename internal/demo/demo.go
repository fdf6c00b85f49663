package demo

import "github.com/zhixiao/zhixiao/internal/court"

// Config says how large 示例市 is and which days it covers. Zero fields take
// their defaults.
type Config struct {
	Seed   int64
	Cases  int        // cases in the data set, warm-up cases kept included; default 150000
	Start  court.Date // first day of the window; default 2024-01-01
	Years  int        // length of the window in years; default 2
	Courts int        // 基层法院 under the 中院; default 6, at most MaxCourts
}

// The defaults of Config.
const (
	DefaultCases  = 150000
	DefaultYears  = 2
	DefaultCourts = 6
	// DefaultStart is 2024-01-01.
	DefaultStart court.Date = 45292
)

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() Config {
	if c.Cases <= 0 {
		c.Cases = DefaultCases
	}
	if c.Start <= 0 {
		c.Start = DefaultStart
	}
	if c.Years <= 0 {
		c.Years = DefaultYears
	}
	if c.Courts <= 0 {
		c.Courts = DefaultCourts
	}
	c.Courts = min(c.Courts, MaxCourts)
	return c
}

// Period returns the window of c: from Start to the day before Start plus Years years.
func (c Config) Period() court.Period {
	c = c.withDefaults()
	return court.Period{From: c.Start, To: addYears(c.Start, c.Years) - 1}
}

// Dataset is the whole of 示例市: courts, departments, people, cases,
// execution-fund receipts and pre-litigation mediations. Cases are in the
// order they were filed, an origin (原审) always before the cases derived
// from it.
type Dataset struct {
	Period      court.Period // the window the data covers
	Courts      []court.Court
	Departments []court.Department
	People      []court.Person
	Cases       []court.Case
	Funds       []court.FundReceipt
	Mediations  []court.Mediation
}

// Sink receives 示例市 piece by piece from Stream. A Sink may keep the
// pointers it is given: each points to a value of its own.
type Sink interface {
	Court(*court.Court) error
	Person(*court.Person) error
	Case(*court.Case) error
	Fund(*court.FundReceipt) error
	Mediation(*court.Mediation) error
}

// DepartmentSink is a Sink that also wants the departments; Stream gives
// them after the courts and before the people.
type DepartmentSink interface {
	Department(*court.Department) error
}

// Generate returns 示例市 for cfg. The same Config always gives the same
// Dataset.
func Generate(cfg Config) *Dataset {
	cfg = cfg.withDefaults()
	ds := &Dataset{Period: cfg.Period(), Cases: make([]court.Case, 0, cfg.Cases)}
	if err := Stream(cfg, (*collector)(ds)); err != nil {
		panic("demo: a collecting sink failed: " + err.Error()) // the collector never fails
	}
	return ds
}

// Stream gives the data of Generate(cfg) to sink, without holding the
// cases: courts, departments (to a DepartmentSink), then people, then
// cases in filing order, each case followed by its fund receipts, and the
// mediations of each day after its cases. A case's origin (原审) is always
// given before the case. The first error of sink stops the stream and is
// returned.
func Stream(cfg Config, sink Sink) error {
	return newSim(cfg.withDefaults(), sink).run()
}

// collector is the Sink of Generate.
type collector Dataset

func (c *collector) Court(x *court.Court) error { c.Courts = append(c.Courts, *x); return nil }
func (c *collector) Department(x *court.Department) error {
	c.Departments = append(c.Departments, *x)
	return nil
}
func (c *collector) Person(x *court.Person) error { c.People = append(c.People, *x); return nil }
func (c *collector) Case(x *court.Case) error     { c.Cases = append(c.Cases, *x); return nil }
func (c *collector) Fund(x *court.FundReceipt) error {
	c.Funds = append(c.Funds, *x)
	return nil
}
func (c *collector) Mediation(x *court.Mediation) error {
	c.Mediations = append(c.Mediations, *x)
	return nil
}
