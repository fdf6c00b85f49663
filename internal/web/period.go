package web

import (
	"net/url"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
)

// periodChoice is one entry of the period picker.
type periodChoice struct{ Key, Label string }

var periodChoices = []periodChoice{{"month", "本月"}, {"quarter", "本季度"}, {"year", "本年"}, {"12m", "近12个月"}, {"custom", "自定义"}}

// periodSel is the period of a request and how it was chosen.
type periodSel struct {
	Key    string
	Period court.Period
}

// From and To are the dates for the custom inputs.
func (p periodSel) From() string { return p.Period.From.String() }

// To is the last day of the period.
func (p periodSel) To() string { return p.Period.To.String() }

// Query is the period as URL parameters.
func (p periodSel) Query() string {
	v := url.Values{"p": {p.Key}}
	if p.Key == "custom" {
		v.Set("from", p.From())
		v.Set("to", p.To())
	}
	return v.Encode()
}

// parsePeriod reads p (month, quarter, year, 12m, custom; default year)
// and, for custom, from and to (YYYY-MM-DD). The named periods end today.
func parsePeriod(q url.Values, today court.Date) (periodSel, error) {
	key := q.Get("p")
	if key == "" {
		key = "year"
	}
	t := today.Time()
	var from court.Date
	switch key {
	case "month":
		from = court.DateOf(t.Year(), t.Month(), 1)
	case "quarter":
		from = court.DateOf(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1)
	case "year":
		from = court.DateOf(t.Year(), time.January, 1)
	case "12m":
		from = court.DateOf(t.Year()-1, t.Month(), t.Day()) + 1
	case "custom":
		return customPeriod(q)
	default:
		return periodSel{}, court.Errorf(court.Invalid, "统计期间“%s”无效，应为 本月、本季度、本年、近12个月 或 自定义", key)
	}
	p, err := court.NewPeriod(from, today)
	return periodSel{Key: key, Period: p}, err
}

func customPeriod(q url.Values) (periodSel, error) {
	p, err := court.ParsePeriod(q.Get("from"), q.Get("to"))
	return periodSel{Key: "custom", Period: p}, err
}
