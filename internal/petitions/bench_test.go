package petitions

import (
	"testing"

	"github.com/zhixiao/zhixiao/internal/court"
)

// BenchmarkAddWorkdays is one feedback deadline: 5 working days on the
// 国务院 calendar.
func BenchmarkAddWorkdays(b *testing.B) {
	d := day("2026-09-28")
	for b.Loop() {
		_ = cal.AddWorkdays(d, 5)
	}
}

// benchPetitions is a year of a busy court's requests: n spread over 2026.
func benchPetitions(n int) []Petition {
	ps := make([]Petition, n)
	start := day("2026-01-01")
	for i := range ps {
		r := start + court.Date(i*365/n)
		ps[i] = Petition{DeptID: int64(i % 12), Dept: "部门", Type: Types()[i%6], ReceivedOn: r, AckOn: r, Status: StatusHandling}
		if i%3 > 0 {
			ps[i].AnsweredOn, ps[i].Status = r+court.Date(i%9), StatusAnswered
		}
		if i%3 == 2 {
			ps[i].ClosedOn, ps[i].Status, ps[i].Finding = r+court.Date(i%20), StatusClosed, FindingUnfounded
		}
	}
	return ps
}

// BenchmarkBulletin is the monthly bulletin over 10,000 requests.
func BenchmarkBulletin(b *testing.B) {
	ps := benchPetitions(10_000)
	nov := court.Period{From: day("2026-11-01"), To: day("2026-11-30")}
	for b.Loop() {
		Bulletin(ps, nov, DefaultRules(), cal)
	}
}

// BenchmarkNewCode is one tracking code with its two hashes.
func BenchmarkNewCode(b *testing.B) {
	for b.Loop() {
		c := NewCode()
		_, _ = HashCode(c), HashSurveyCode(c)
	}
}
