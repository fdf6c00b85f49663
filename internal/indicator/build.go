package indicator

import (
	"context"
	"math"
	"strings"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Build reads a Source into a Snapshot. Units are named as the data names
// them; a court given by its 法院代字 is mapped to its name.
func Build(ctx context.Context, src Source) (*Snapshot, error) {
	b := newBuilder()
	cs, err := src.Courts(ctx)
	if err != nil {
		return nil, err
	}
	b.addCourts(cs)
	ps, err := src.People(ctx)
	if err != nil {
		return nil, err
	}
	b.addPeople(ps)
	if err := src.ScanCases(ctx, b.addCase); err != nil {
		return nil, err
	}
	fs, err := src.FundReceipts(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := src.Mediations(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		b.courtOf(ms[i].Court)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return b.finish(fs, ms), nil
}

type deptKey struct {
	court int32
	name  string
}

type leafKey struct {
	dept int32
	name string
}

type personKey struct {
	court int32
	name  string
}

// builder collects cases in arrival order; finish orders them by unit.
type builder struct {
	courtIdx    map[string]int32 // by name and by 法院代字
	courtName   []string
	courtLevel  []court.CourtLevel
	courtListed int // courts given by Source.Courts, kept in that order
	deptIdx     map[deptKey]int32
	deptCourt   []int32
	deptName    []string
	leafIdx     map[leafKey]int32
	leafDept    []int32
	leafName    []string
	people      []court.Person
	personIdx   map[personKey][]int32

	n                    int
	leaf                 []int32
	filed, closed, efile []court.Date
	originKey            []uint64
	limitDays            []uint16
	extDays, suspDays    []uint16
	reads                []uint16
	hearings             []uint8
	kind                 []court.Kind
	level                []court.Level
	closeMethod          []court.CloseMethod
	track                []court.Track
	flags                []uint8
	cause                []uint16
	noYear               []uint8
	noPrefix             []uint16
	noSeq                []uint32

	amtCase                   []int32
	execAmount, execRecovered []court.Money
	panelCase, panelLeaf      []int32

	keys      map[uint64]int32
	prefixIdx map[noPrefix]uint16
	prefixes  []noPrefix
	causeIdx  map[string]uint16
	causes    []string
	err       error
}

func newBuilder() *builder {
	return &builder{
		courtIdx:  map[string]int32{},
		deptIdx:   map[deptKey]int32{},
		leafIdx:   map[leafKey]int32{},
		personIdx: map[personKey][]int32{},
		keys:      map[uint64]int32{},
		prefixIdx: map[noPrefix]uint16{},
		causeIdx:  map[string]uint16{"": 0},
		causes:    []string{""},
	}
}

func (b *builder) addCourts(cs []court.Court) {
	for _, c := range cs {
		if _, ok := b.courtIdx[c.Name]; ok {
			continue
		}
		lvl := c.Level
		if lvl == court.CourtLevelNone {
			lvl = court.GuessCourtLevel(c.Name)
		}
		b.courtIdx[c.Name] = int32(len(b.courtName))
		b.courtName = append(b.courtName, c.Name)
		b.courtLevel = append(b.courtLevel, lvl)
	}
	for i, c := range cs {
		if _, ok := b.courtIdx[c.Code]; c.Code != "" && !ok {
			b.courtIdx[c.Code] = b.courtIdx[cs[i].Name]
		}
	}
	b.courtListed = len(b.courtName)
}

// courtOf returns the court named (or coded) s, adding it when unknown.
func (b *builder) courtOf(s string) int32 {
	if i, ok := b.courtIdx[s]; ok {
		return i
	}
	i := int32(len(b.courtName))
	b.courtIdx[s] = i
	b.courtName = append(b.courtName, s)
	b.courtLevel = append(b.courtLevel, court.GuessCourtLevel(s))
	return i
}

func (b *builder) deptOf(c int32, name string) int32 {
	k := deptKey{c, name}
	if i, ok := b.deptIdx[k]; ok {
		return i
	}
	i := int32(len(b.deptName))
	b.deptIdx[k] = i
	b.deptCourt = append(b.deptCourt, c)
	b.deptName = append(b.deptName, name)
	return i
}

func (b *builder) leafOf(d int32, name string) int32 {
	k := leafKey{d, name}
	if i, ok := b.leafIdx[k]; ok {
		return i
	}
	i := int32(len(b.leafName))
	b.leafIdx[k] = i
	b.leafDept = append(b.leafDept, d)
	b.leafName = append(b.leafName, name)
	return i
}

// addPeople records the people table; every 在岗员额法官 is a judge unit of
// their department even without cases.
func (b *builder) addPeople(ps []court.Person) {
	for _, p := range ps {
		c := b.courtOf(p.Court)
		p.Court = b.courtName[c]
		d := b.deptOf(c, p.Department)
		if p.Category == court.CategoryJudge && p.Active {
			b.leafOf(d, p.Name)
		}
		k := personKey{c, p.Name}
		b.personIdx[k] = append(b.personIdx[k], int32(len(b.people)))
		b.people = append(b.people, p)
	}
}

// memberLeaf is the judge unit of a panel member: their own department per
// the people table (preferring the case's department when the name occurs
// in several), else the case's department.
func (b *builder) memberLeaf(c, caseDept int32, name string) int32 {
	d := caseDept
	for k, pi := range b.personIdx[personKey{c, name}] {
		pd := b.deptOf(c, b.people[pi].Department)
		if k == 0 || pd == caseDept {
			d = pd
		}
		if pd == caseDept {
			break
		}
	}
	return b.leafOf(d, name)
}

func (b *builder) prefixOf(no court.CaseNo, add bool) (uint16, bool) {
	k := noPrefix{no.CourtCode, no.TypeCode, no.Suffix}
	if i, ok := b.prefixIdx[k]; ok {
		return i, true
	}
	if !add {
		return 0, false
	}
	if len(b.prefixes) > math.MaxUint16 {
		b.err = court.Errorf(court.Internal, "法院代字与类型代字的组合超过 65536 种，快照无法容纳")
		return 0, false
	}
	i := uint16(len(b.prefixes))
	b.prefixIdx[k] = i
	b.prefixes = append(b.prefixes, k)
	return i, true
}

// noKey packs a 案号 into a number: year, prefix, 序号.
func noKey(year int, prefix uint16, seq int) uint64 {
	return uint64(year)<<48 | uint64(prefix)<<32 | uint64(uint32(seq))
}

func (b *builder) keyOf(no court.CaseNo, add bool) (uint64, bool) {
	p, ok := b.prefixOf(no, add)
	if !ok || no.Seq <= 0 || no.Seq > math.MaxUint32 {
		return 0, false
	}
	return noKey(no.Year, p, no.Seq), true
}

func clamp16(v int) uint16 {
	if v < 0 {
		return 0
	}
	if v > math.MaxUint16 {
		return math.MaxUint16
	}
	return uint16(v)
}

func (b *builder) addCase(c *court.Case) error {
	if b.err != nil {
		return b.err
	}
	if b.n >= math.MaxInt32-1 {
		return court.Errorf(court.Internal, "案件数超过快照上限")
	}
	key, ok := b.keyOf(c.No, true)
	if !ok {
		if b.err != nil {
			return b.err
		}
		return court.Errorf(court.Invalid, "案号“%s”无效，无法建立快照", c.No)
	}
	if _, dup := b.keys[key]; dup {
		return court.Errorf(court.Conflict, "案号“%s”重复，无法建立快照", c.No)
	}
	i := int32(b.n)
	b.n++
	b.keys[key] = i
	ci := b.courtOf(c.Court)
	di := b.deptOf(ci, c.Department)
	b.leaf = append(b.leaf, b.leafOf(di, c.Judge))
	b.filed = append(b.filed, c.FiledOn)
	closed := c.ClosedOn
	if closed == court.NoDate {
		closed = openDay
	}
	b.closed = append(b.closed, closed)
	b.efile = append(b.efile, c.EfileOn)
	var ok2 bool
	var okey uint64
	if c.OriginNo != "" {
		if o, err := court.ParseCaseNo(c.OriginNo); err == nil {
			okey, ok2 = b.keyOf(o, true)
		}
	}
	if !ok2 {
		okey = 0
	}
	b.originKey = append(b.originKey, okey)
	b.limitDays = append(b.limitDays, clamp16(c.LimitDays))
	b.extDays = append(b.extDays, clamp16(c.ExtendedDays))
	b.suspDays = append(b.suspDays, clamp16(c.SuspendedDays))
	b.reads = append(b.reads, clamp16(c.EfileReads))
	b.hearings = append(b.hearings, uint8(min(max(c.Hearings, 0), math.MaxUint8)))
	b.kind = append(b.kind, c.No.Kind)
	b.level = append(b.level, c.No.Level)
	b.closeMethod = append(b.closeMethod, c.CloseMethod)
	b.track = append(b.track, c.Track)
	var f uint8
	switch c.Appealed {
	case court.Yes:
		f |= flagAppealedYes
	case court.No:
		f |= flagAppealedNo
	}
	for _, m := range c.Panel {
		m = strings.TrimSpace(m)
		if m == "" {
			continue
		}
		b.panelCase = append(b.panelCase, i)
		b.panelLeaf = append(b.panelLeaf, b.memberLeaf(ci, di, m))
		f |= flagHasPanel
	}
	b.flags = append(b.flags, f)
	b.cause = append(b.cause, b.causeOf(c.Cause))
	b.noYear = append(b.noYear, uint8(c.No.Year-yearBase))
	p, _ := b.prefixOf(c.No, false)
	b.noPrefix = append(b.noPrefix, p)
	b.noSeq = append(b.noSeq, uint32(c.No.Seq))
	if c.ExecAmount >= 0 || c.ExecRecovered >= 0 {
		b.amtCase = append(b.amtCase, i)
		b.execAmount = append(b.execAmount, c.ExecAmount)
		b.execRecovered = append(b.execRecovered, c.ExecRecovered)
	}
	return nil
}

func (b *builder) causeOf(s string) uint16 {
	if i, ok := b.causeIdx[s]; ok {
		return i
	}
	if len(b.causes) > math.MaxUint16 {
		return 0
	}
	i := uint16(len(b.causes))
	b.causeIdx[s] = i
	b.causes = append(b.causes, s)
	return i
}
