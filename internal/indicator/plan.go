package indicator

import (
	"encoding/json"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// State bits of a case for a period P = [T0, T1] (INDICATORS.md, period semantics).
const (
	stPendingStart = 1 << iota // 旧存
	stFiled                    // 新收
	stClosed                   // 已结
	stPendingEnd               // 未结
	stStates       = 16
)

func setMask(set string) uint8 {
	switch set {
	case SetPendingStart:
		return stPendingStart
	case SetFiled:
		return stFiled
	case SetCaseload:
		return stPendingStart | stFiled
	case SetClosed:
		return stClosed
	case SetPendingEnd:
		return stPendingEnd
	}
	return 0
}

// valueKind is what a case counter adds for a case.
type valueKind uint8

const (
	vCount         valueKind = iota // 1
	vLinear                         // a linear expression of columns
	vExecAmount                     // 申请执行标的额, 分
	vExecRecovered                  // 执行到位金额, 分
	vDescendants                    // derived cases filed on or before T1
	vWeight                         // kind weight (slot) and kind x role weight (roleSlot)
	vMedian                         // count (slot) and collect the value
	vPanel                          // the panel members' role weights (twin of a vWeight)
)

// Scales of accumulated values: a result is the integer sum / scale.
const (
	scaleOne    = 1
	scaleMoney  = 100 // 分 -> 元
	scaleWeight = weightScale * weightScale
)

// caseCounter is one compiled case term.
type caseCounter struct {
	origin   bool  // attributed to the unit of the 原审 case
	setMask  uint8 // state bits of which any qualifies
	static   int32 // predicate index, -1 when none
	ranges   []rangeSpec
	value    valueKind
	lin      flin
	slot     int32
	roleSlot int32
	median   int32
	twin     int32 // for vWeight: its vPanel counter, else -1
	// For vLinear over 立案日期 and 结案日期 only: the value is
	// aggF*filed + aggC*closed + c + t0*T0 + t1*T1, summed per profile and state.
	aggOK      bool
	aggF, aggC int64
}

// rangeSpec is a condition on one date column that refers to the period.
type rangeSpec struct {
	col int // 0 filed_on, 1 closed_on, 2 efile_on
	b   rangeBound
}

// fundTerm and medTerm are compiled terms of the funds and mediation sources.
type fundTerm struct {
	cond fcond
	slot int32
}

type medTerm struct {
	registered bool // base set registered (else ended)
	cond       fcond
	slot       int32
}

// Sources of a termRef.
const (
	refCaseTerm = iota
	refFundTerm
	refMedTerm
	refJudges
)

// termRef is one term of an indicator's numerator or denominator.
type termRef struct {
	src   int
	idx   int32 // counter, fund term or mediation term
	scale int64
}

type compiledIndicator struct {
	def      *Definition
	num, den []termRef
}

// caseList is what a case of one profile in one state adds to: slots that
// count it (fast) and weight counters that add its profile's weight (agg),
// both summed per profile and state and added once per judge unit; counts
// with a range on the plan's interval column (ranged), summed per profile,
// state and interval; and counters that need the case itself (slow).
type caseList struct {
	fast   []int32
	agg    []int32
	sums   []int32 // vLinear counters summed per profile and state
	meds   []int32 // vMedian counters whose value needs only the two days (counted in fast)
	ranged []int32
	slow   []int32
}

// listMeta is what the main loop reads of a list, in one place.
type listMeta struct {
	slowA, slowB int32 // its slow counters: slowFlat[slowA:slowB]
	ranged       int32 // its index among lists with ranged counters
	bits         uint8 // metaSums, metaMeds, metaRanged
}

// Bits of listMeta.
const (
	metaSums   = 1 << iota // the list has sums
	metaMeds               // the list has medians computed in the loop
	metaRanged             // the list has ranged counts
)

// predicate is a static condition (one that does not refer to the period)
// of a case term; categorical ones read only categories and flags.
type predicate struct {
	node        *condNode
	categorical bool
	cond        fcond
}

// plan is a set of definitions compiled against a snapshot. Every case gets
// a profile: the outcomes of all static predicates plus its kind, level and
// whether it has a panel; per profile and state the plan lists the counters
// the case adds to.
type plan struct {
	s         *Snapshot
	inds      []compiledIndicator
	weights   *WeightTable
	nslots    int
	counters  []caseCounter
	fundTerms []fundTerm
	medTerms  []medTerm
	nmedians  int
	preds     []predicate
	predBit   []int // position of predicate q in its bitset

	prof        []uint16
	profiles    []profileKey
	kindW       []int64 // kind weight, weightScale units
	roleW       []int64 // role weight of the 承办人
	memberW     int64   // role weight of another panel member
	lists       []caseList
	slowFlat    []int32    // the slow lists of all lists, one after the other
	meta        []listMeta // per list: what the main loop needs to know
	rangedLists []int32    // the lists with ranged counters
	ivCol       int        // the date column of ranged counters
	originLists []caseList
	refOrigin   []int32 // the snapshot's origin references that origin counters can use
	refCase     []int32
	hasPanel    bool // a panel counter is in use
	hasSums     bool // some list has sums
	pool        *sync.Pool
	activeFunds []int32 // fund terms in use
	activeMeds  []int32 // mediation terms in use
}

func (pl *plan) holds(p int, q int32) bool {
	if q < 0 {
		return true
	}
	pk := &pl.profiles[p]
	bit := pl.predBit[q]
	bits := pk.num
	if pl.preds[q].categorical {
		bits = pk.cat
	}
	return bits[bit>>6]&(1<<(bit&63)) != 0
}

// compilePlan compiles the given definitions (one version each) and weight table.
func compilePlan(s *Snapshot, defs []*Definition, w *WeightTable) (*plan, error) {
	pl := &plan{s: s, weights: w, memberW: fixed(w.Member), pool: &sync.Pool{}}
	c := &planCompiler{pl: pl, counterKey: map[string]int32{}, fundKey: map[string]int32{},
		medKey: map[string]int32{}, predKey: map[string]int32{}}
	for _, d := range defs {
		ci := compiledIndicator{def: d}
		for _, t := range d.Formula.Numerator {
			r, err := c.term(t)
			if err != nil {
				return nil, court.Errorf(court.Invalid, "指标 %s：%s", d.ID, court.Message(err))
			}
			ci.num = append(ci.num, r)
		}
		for _, t := range d.Formula.Denominator {
			r, err := c.term(t)
			if err != nil {
				return nil, court.Errorf(court.Invalid, "指标 %s：%s", d.ID, court.Message(err))
			}
			ci.den = append(ci.den, r)
		}
		pl.inds = append(pl.inds, ci)
	}
	if err := pl.computeProfiles(); err != nil {
		return nil, err
	}
	pl.buildLists(nil)
	pl.activeFunds, pl.activeMeds = iota32(len(pl.fundTerms)), iota32(len(pl.medTerms))
	return pl, nil
}

type planCompiler struct {
	pl                                   *plan
	counterKey, fundKey, medKey, predKey map[string]int32
}

func (c *planCompiler) slot() int32 {
	c.pl.nslots++
	return int32(c.pl.nslots - 1)
}

func termKey(t Term) string {
	b, _ := json.Marshal(t)
	return string(b)
}

func (c *planCompiler) term(t Term) (termRef, error) {
	if t.Source == "" {
		t.Source = SourceCases
	}
	key := termKey(t)
	switch t.Source {
	case SourceJudges:
		return termRef{src: refJudges, scale: scaleOne}, nil
	case SourceFunds, SourceMediations:
		return c.otherTerm(t, key)
	}
	if i, ok := c.counterKey[key]; ok {
		return termRef{src: refCaseTerm, idx: i, scale: counterScale(c.pl.counters[i].value)}, nil
	}
	cc := caseCounter{origin: t.Attribute == "origin", setMask: setMask(t.Set), static: -1, median: -1, roleSlot: -1, twin: -1}
	if err := c.conditions(&cc, t.Where); err != nil {
		return termRef{}, err
	}
	if err := c.value(&cc, t); err != nil {
		return termRef{}, err
	}
	cc.slot = c.slot()
	if cc.value == vWeight {
		cc.roleSlot = c.slot()
		if !cc.origin {
			cc.twin = int32(len(c.pl.counters) + 1)
		}
	}
	i := int32(len(c.pl.counters))
	c.pl.counters = append(c.pl.counters, cc)
	c.counterKey[key] = i
	if cc.twin >= 0 {
		tw := cc
		tw.value, tw.slot, tw.roleSlot, tw.twin = vPanel, cc.roleSlot, -1, -1
		c.pl.counters = append(c.pl.counters, tw)
	}
	return termRef{src: refCaseTerm, idx: i, scale: counterScale(cc.value)}, nil
}

// conditions splits a case term's conditions into its static predicate and
// its ranges on dates that refer to the period.
func (c *planCompiler) conditions(cc *caseCounter, where []Cond) error {
	var static []Cond
	for _, w := range where {
		n, err := parseCond(w, caseColumn)
		if err != nil {
			return err
		}
		if !n.usesT() {
			static = append(static, w)
			continue
		}
		col, b, err := rangeForm(n.atom)
		if err != nil {
			return err
		}
		cc.ranges = append(cc.ranges, rangeSpec{col: dateColumnIndex(col), b: b})
	}
	if len(static) > 0 {
		q, err := c.predicate(static)
		if err != nil {
			return err
		}
		cc.static = q
	}
	return nil
}

func counterScale(v valueKind) int64 {
	switch v {
	case vExecAmount, vExecRecovered:
		return scaleMoney
	case vWeight:
		return scaleWeight
	}
	return scaleOne
}

func dateColumnIndex(col string) int {
	switch col {
	case "closed_on":
		return 1
	case "efile_on":
		return 2
	}
	return 0
}

func (c *planCompiler) value(cc *caseCounter, t Term) error {
	switch {
	case t.Value != "":
		e, err := parseValue(t.Value, caseColumn)
		if err != nil {
			return err
		}
		cc.value, cc.lin = vMedian, compileFlin(e, caseSlices(c.pl.s), caseColumns{c.pl.s})
		cc.aggregable(e, c.pl.s)
		cc.median = int32(c.pl.nmedians)
		c.pl.nmedians++
	case t.Sum == "":
		cc.value = vCount
	case t.Sum == ValueDescendants:
		cc.value = vDescendants
	case t.Sum == ValueCaseWeight:
		cc.value = vWeight
	case t.Sum == "exec_amount":
		cc.value = vExecAmount
	case t.Sum == "exec_recovered":
		cc.value = vExecRecovered
	default:
		e, err := parseValue(t.Sum, caseColumn)
		if err != nil {
			return err
		}
		cc.value, cc.lin = vLinear, compileFlin(e, caseSlices(c.pl.s), caseColumns{c.pl.s})
		cc.aggregable(e, c.pl.s)
	}
	return nil
}

func (c *planCompiler) predicate(conds []Cond) (int32, error) {
	b, _ := json.Marshal(conds)
	key := string(b)
	if q, ok := c.predKey[key]; ok {
		return q, nil
	}
	node := &condNode{}
	for _, w := range conds {
		n, err := parseCond(w, caseColumn)
		if err != nil {
			return 0, err
		}
		node.all = append(node.all, n)
	}
	categorical := true
	for _, col := range node.columns() {
		if info, _ := caseColumn(col); info.typ != colCat && info.typ != colBool {
			categorical = false
		}
	}
	q := int32(len(c.pl.preds))
	c.pl.preds = append(c.pl.preds, predicate{node: node, categorical: categorical,
		cond: compileFcond(node, caseSlices(c.pl.s), caseColumns{c.pl.s})})
	c.predKey[key] = q
	return q, nil
}

func (c *planCompiler) otherTerm(t Term, key string) (termRef, error) {
	fund := t.Source == SourceFunds
	keys := c.medKey
	if fund {
		keys = c.fundKey
	}
	if i, ok := keys[key]; ok {
		return termRef{src: map[bool]int{true: refFundTerm, false: refMedTerm}[fund], idx: i, scale: scaleOne}, nil
	}
	var src columnSource = mediationColumns{&c.pl.s.meds}
	slices := mediationSlices(&c.pl.s.meds)
	if fund {
		src, slices = fundColumns{&c.pl.s.funds}, fundSlices(&c.pl.s.funds)
	}
	all := &condNode{}
	for _, w := range t.Where {
		n, err := parseCond(w, columnsOf(t.Source))
		if err != nil {
			return termRef{}, err
		}
		all.all = append(all.all, n)
	}
	conds := compileFcond(all, slices, src)
	if t.Sum != "" {
		return termRef{}, court.Errorf(court.Invalid, "执行案款与诉前调解只支持计数")
	}
	if fund {
		i := int32(len(c.pl.fundTerms))
		c.pl.fundTerms = append(c.pl.fundTerms, fundTerm{cond: conds, slot: c.slot()})
		keys[key] = i
		return termRef{src: refFundTerm, idx: i, scale: scaleOne}, nil
	}
	i := int32(len(c.pl.medTerms))
	c.pl.medTerms = append(c.pl.medTerms, medTerm{registered: t.Set == SetRegistered, cond: conds, slot: c.slot()})
	keys[key] = i
	return termRef{src: refMedTerm, idx: i, scale: scaleOne}, nil
}

// buffer returns an empty value buffer for medians, from the plan's pool.
func (pl *plan) buffer() []int32 {
	if b, ok := pl.pool.Get().(*[]int32); ok {
		return (*b)[:0]
	}
	return make([]int32, 0, casesPerChunk)
}

// release gives a run's median buffers back to the pool.
func (r *run) release() {
	for c := range r.chunks {
		for m, b := range r.chunks[c].med {
			r.pl.pool.Put(&b)
			r.chunks[c].med[m] = nil
		}
	}
}

// aggregable notes whether a value reads only 立案日期 and 结案日期, so
// that it can be summed per profile and state or computed in the main loop.
func (cc *caseCounter) aggregable(e linExpr, s *Snapshot) {
	cc.aggOK = s.filedAlways
	for k, col := range e.cols {
		switch col {
		case "filed_on":
			cc.aggF += e.coefs[k]
		case "closed_on":
			cc.aggC += e.coefs[k]
		default:
			cc.aggOK = false
		}
	}
}
