package demo

import (
	"strconv"

	"github.com/zhixiao/zhixiao/internal/court"
)

// mediationShare is the number of pre-litigation mediations per case.
const mediationShare = 0.15

// mediations draws the 诉前调解 of the basic courts, day by day.
type mediations struct {
	s       *sim
	courts  []*courtInfo
	pick    weights
	success []float64 // 调解成功率 by court
	seq     []seqCounter
	rate    float64
	acc     float64
}

func newMediations(s *sim) mediations {
	m := mediations{s: s, courts: s.org.courts[1:]}
	ws := make([]float64, len(m.courts))
	for i, ci := range m.courts {
		ws[i] = ci.weight
		m.success = append(m.success, s.r.uniform(0.4, 0.6))
	}
	m.pick = newWeights(ws...)
	m.seq = make([]seqCounter, len(m.courts))
	total := 0.0
	for d := s.start; d <= s.end; d++ {
		total += filingWeight(d) * growthFactor(d, s.start)
	}
	m.rate = float64(s.cfg.Cases) * mediationShare / total
	return m
}

// day registers the mediations of day d. Each ends within a month or two,
// successfully or not, some successes confirmed by the court (司法确认);
// those still open at the end of the window have no end or result.
func (m *mediations) day(d court.Date) error {
	s := m.s
	m.acc += m.rate * filingWeight(d) * growthFactor(d, s.start)
	for ; m.acc >= 1; m.acc-- {
		i := m.pick.pick(s.r)
		ci := m.courts[i]
		year, _, _ := civil(d)
		n := &m.seq[i]
		if n.year != year {
			n.year, n.n = year, 0
		}
		n.n++
		md := &court.Mediation{
			ID:           "（" + strconv.Itoa(year) + "）" + ci.Code + "民诉前调" + strconv.Itoa(n.n) + "号",
			Court:        ci.Name,
			Mediator:     ci.mediators[s.r.IntN(len(ci.mediators))],
			RegisteredOn: d,
		}
		end := closingDay(d + court.Date(min(s.r.days(14, 0.7, 1), 60)))
		if end <= s.end {
			md.EndedOn, md.Result = end, court.MediationFailure
			if s.r.chance(m.success[i]) {
				md.Result = court.MediationSuccess
				md.Confirmed = s.r.chance(0.2)
			}
		}
		if err := s.sink.Mediation(md); err != nil {
			return err
		}
	}
	return nil
}
