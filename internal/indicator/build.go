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
	return b.finish(fs, ms)
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

// unitKey is how a case names its judge unit.
type unitKey struct {
	court, dept, judge string
}

// memberKey is how a panel member is named: by name in a case's court and
// department.
type memberKey struct {
	court, dept int32
	name        string
}

// prefixKey is the parsed form of a noPrefix.
type prefixKey struct {
	courtCode, typeCode, suffix string
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
	unitIdx     map[unitKey]int32
	memberIdx   map[memberKey]int32
	people      []court.Person
	personIdx   map[personKey][]int32

	n                    int
	leaf                 []int32
	keys                 []uint64 // packed 案号
	filed, closed, efile []court.Date
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
	no                   caseNos

	originCase []int32 // cases with a 原审案号, and the 原审案号
	originNo   []string

	amtCase                   []int32
	execAmount, execRecovered amounts
	panelCase, panelLeaf      []int32

	prefixIdx map[prefixKey]uint16
	midIdx    map[string]uint16 // prefixes without suffix, by mid
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
		unitIdx:   map[unitKey]int32{},
		memberIdx: map[memberKey]int32{},
		personIdx: map[personKey][]int32{},
		prefixIdx: map[prefixKey]uint16{},
		midIdx:    map[string]uint16{},
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
	for _, c := range cs {
		if _, ok := b.courtIdx[c.Code]; c.Code != "" && !ok {
			b.courtIdx[c.Code] = b.courtIdx[c.Name]
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

// caseLeaf returns the judge unit a case names.
func (b *builder) caseLeaf(c *court.Case) int32 {
	k := unitKey{c.Court, c.Department, c.Judge}
	if l, ok := b.unitIdx[k]; ok {
		return l
	}
	l := b.leafOf(b.deptOf(b.courtOf(c.Court), c.Department), c.Judge)
	b.unitIdx[k] = l
	return l
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

// memberLeaf is the judge unit of a panel member of a case in leaf l: their
// own department per the people table (preferring the case's department
// when the name occurs in several), else the case's department.
func (b *builder) memberLeaf(l int32, name string) int32 {
	caseDept := b.leafDept[l]
	c := b.deptCourt[caseDept]
	mk := memberKey{c, caseDept, name}
	if m, ok := b.memberIdx[mk]; ok {
		return m
	}
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
	m := b.leafOf(d, name)
	b.memberIdx[mk] = m
	return m
}

// prefixOf returns the prefix of a parsed 案号, adding it when add is set.
func (b *builder) prefixOf(no *court.CaseNo, add bool) (uint16, bool) {
	k := prefixKey{no.CourtCode, no.TypeCode, no.Suffix}
	if i, ok := b.prefixIdx[k]; ok {
		return i, true
	}
	if !add {
		return 0, false
	}
	i, ok := b.newPrefix(no.CourtCode+no.TypeCode, no.Suffix)
	if ok {
		b.prefixIdx[k] = i
	}
	return i, ok
}

func (b *builder) newPrefix(mid, suffix string) (uint16, bool) {
	if suffix == "" {
		if i, ok := b.midIdx[mid]; ok {
			return i, true
		}
	}
	if len(b.prefixes) > math.MaxUint16 {
		return 0, false
	}
	i := uint16(len(b.prefixes))
	b.prefixes = append(b.prefixes, noPrefix{mid, suffix})
	if suffix == "" {
		b.midIdx[mid] = i
	}
	return i, true
}

// noKey packs a 案号 into a number: year, prefix, 序号. It is never 0.
func noKey(year int, prefix uint16, seq int) uint64 {
	return uint64(year)<<48 | uint64(prefix)<<32 | uint64(uint32(seq))
}

// keyOfText finds the key of a 案号 given as text, among known prefixes.
func (b *builder) keyOfText(s string) (uint64, bool) {
	if year, mid, seq, suffix, ok := splitCanonical(s); ok && suffix == "" {
		p, found := b.midIdx[mid]
		return noKey(year, p, seq), found
	}
	no, err := court.ParseCaseNo(s)
	if err != nil {
		return 0, false
	}
	p, ok := b.prefixOf(&no, false)
	return noKey(no.Year, p, no.Seq), ok
}

// splitCanonical splits a canonical 案号 （2025）京0101民初123号之一 into
// 2025, 京0101民初, 123 and 之一, without allocating.
func splitCanonical(s string) (year int, mid string, seq int, suffix string, ok bool) {
	const open, shut, hao = "（", "）", "号"
	if !strings.HasPrefix(s, open) || len(s) < len(open)+4+len(shut) {
		return
	}
	for _, c := range []byte(s[len(open) : len(open)+4]) {
		if c < '0' || c > '9' {
			return
		}
		year = year*10 + int(c-'0')
	}
	rest, found := strings.CutPrefix(s[len(open)+4:], shut)
	h := strings.LastIndex(rest, hao)
	if !found || h < 0 {
		return
	}
	body := rest[:h]
	j := len(body)
	for j > 0 && body[j-1] >= '0' && body[j-1] <= '9' {
		j--
	}
	if j == 0 || j == len(body) || len(body)-j > 9 {
		return
	}
	for _, c := range []byte(body[j:]) {
		seq = seq*10 + int(c-'0')
	}
	return year, body[:j], seq, rest[h+len(hao):], seq > 0
}

func clamp16(v int) uint16 {
	return uint16(min(max(v, 0), math.MaxUint16))
}

func (b *builder) addCase(c *court.Case) error {
	if b.n >= math.MaxInt32-1 {
		return court.Errorf(court.Internal, "案件数超过快照上限")
	}
	p, ok := b.prefixOf(&c.No, true)
	if !ok || c.No.Seq <= 0 || c.No.Seq > math.MaxUint32 || c.No.Year < yearBase || c.No.Year > yearBase+254 {
		return court.Errorf(court.Invalid, "案号“%s”无效或法院代字与类型代字的组合过多，无法建立快照", c.No)
	}
	i := int32(b.n)
	b.n++
	b.keys = push(b.keys, noKey(c.No.Year, p, c.No.Seq))
	b.no.add(c.No.Year, p, c.No.Seq)
	l := b.caseLeaf(c)
	b.leaf = push(b.leaf, l)
	b.filed = push(b.filed, c.FiledOn)
	closed := c.ClosedOn
	if closed == court.NoDate {
		closed = openDay
	}
	b.closed = push(b.closed, closed)
	b.efile = push(b.efile, c.EfileOn)
	if c.OriginNo != "" {
		b.originCase = append(b.originCase, i)
		b.originNo = append(b.originNo, c.OriginNo)
	}
	b.limitDays = push(b.limitDays, clamp16(c.LimitDays))
	b.extDays = push(b.extDays, clamp16(c.ExtendedDays))
	b.suspDays = push(b.suspDays, clamp16(c.SuspendedDays))
	b.reads = push(b.reads, clamp16(c.EfileReads))
	b.hearings = push(b.hearings, uint8(min(max(c.Hearings, 0), math.MaxUint8)))
	b.kind = push(b.kind, c.No.Kind)
	b.level = push(b.level, c.No.Level)
	b.closeMethod = push(b.closeMethod, c.CloseMethod)
	b.track = push(b.track, c.Track)
	b.flags = push(b.flags, b.caseFlags(c, i, l))
	b.cause = push(b.cause, b.causeOf(c.Cause))
	if c.ExecAmount >= 0 || c.ExecRecovered >= 0 {
		b.amtCase = append(b.amtCase, i)
		b.execAmount.add(c.ExecAmount)
		b.execRecovered.add(c.ExecRecovered)
	}
	return nil
}

// caseFlags returns the flags of case i (in judge unit l) that the case
// itself gives: 是否上诉 and whether it has a panel, whose members it records.
func (b *builder) caseFlags(c *court.Case, i, l int32) uint8 {
	var f uint8
	switch c.Appealed {
	case court.Yes:
		f |= flagAppealedYes
	case court.No:
		f |= flagAppealedNo
	}
	for _, m := range c.Panel {
		if m = strings.TrimSpace(m); m != "" {
			b.panelCase = append(b.panelCase, i)
			b.panelLeaf = append(b.panelLeaf, b.memberLeaf(l, m))
			f |= flagHasPanel
		}
	}
	return f
}

func (b *builder) causeOf(s string) uint16 {
	if i, ok := b.causeIdx[s]; ok {
		return i
	}
	if len(b.causes) > math.MaxUint16 {
		return 0 // more than 65535 案由: the rest read as empty
	}
	i := uint16(len(b.causes))
	b.causeIdx[s] = i
	b.causes = append(b.causes, s)
	return i
}

// push appends v, doubling the capacity when s is full (append grows large
// slices by a quarter, copying them many times over).
func push[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		n := make([]T, len(s), max(2*cap(s), 4096))
		copy(n, s)
		s = n
	}
	return append(s, v)
}
