package indicator

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/zhixiao/zhixiao/internal/court"
)

// Source is what a Snapshot is built from: the stored courts, people, cases,
// execution-fund receipts and pre-litigation mediations. *store.DB satisfies it.
type Source interface {
	Courts(ctx context.Context) ([]court.Court, error)
	People(ctx context.Context) ([]court.Person, error)
	ScanCases(ctx context.Context, fn func(*court.Case) error) error
	FundReceipts(ctx context.Context) ([]court.FundReceipt, error)
	Mediations(ctx context.Context) ([]court.Mediation, error)
}

// openDay is the 结案日期 of an open case inside a Snapshot, so that "open or
// closed_on > T1" is one comparison.
const openDay = court.Date(math.MaxInt32)

// Bits of Snapshot.flags.
const (
	flagAppealedYes      = 1 << iota // 是否上诉 = 是
	flagAppealedNo                   // 是否上诉 = 否
	flagNamedBySecond                // a 二审 case names this case as 原审
	flagNamedByExecFirst             // a 首次执行 case names this case as 原审
	flagHasPanel                     // the case has 合议庭成员 besides the 承办人
	flagHasOrigin                    // the 原审 case is in the data
)

// Snapshot is the in-memory columnar copy of the cases that the engine
// evaluates: one slice per column, cases ordered by unit (court, department,
// 承办人) so that every unit is a contiguous range, days as court.Date,
// categories dictionary-coded, and the links between cases precomputed. It
// is immutable once built and safe for concurrent use.
type Snapshot struct {
	units

	n int // number of cases

	filed, closed, efile []court.Date // closed is openDay while pending; efile NoDate when absent
	origin               []int32      // index of the 原审 case, -1 when absent
	limitDays            []uint16     // 审限天数, 0 = no limit
	extDays, suspDays    []uint16     // 延长 / 扣除审限天数
	reads                []uint16     // 阅卷次数 (saturating)
	hearings             []uint8      // 开庭次数 (saturating)
	kind                 []court.Kind
	level                []court.Level
	closeMethod          []court.CloseMethod
	track                []court.Track
	flags                []uint8
	cause                []uint16 // index into causes
	no                   caseNos  // 案号

	causes   []string
	prefixes []noPrefix
	rankOnce sync.Once
	rank     []uint16 // of each prefix, in text order

	// Amounts of the cases that have any, sorted by case.
	amtCase                   []int32
	execAmount, execRecovered amounts

	// Descendants (案-件比): for descOwner[k], the cases desc[descStart[k]:descStart[k+1]]
	// that derive from it through 原审案号, ordered by filing day.
	descOwner, descStart, desc []int32
	descFiled                  []court.Date // 立案日期 of desc
	filedAlways                bool         // every case has a 立案日期
	closedAfterFiled           bool         // no case is closed before it was filed

	// Panel members other than the 承办人 (their judge units), ordered by case.
	panelCase, panelLeaf []int32

	funds funds
	meds  mediations
}

// yearBase is the smallest 案号 year (CaseNo accepts 1949..2199).
const yearBase = 1949

// noPrefix is the part of a 案号 between the year and the 序号 (法院代字 and
// 类型代字), and what follows 号.
type noPrefix struct {
	mid, suffix string
}

// caseNos holds 案号 compactly: year, prefix and 序号. A number that is not
// a 案号 (a mediation's 编号 may be anything) has year 0 and seq an index
// into text.
type caseNos struct {
	year   []uint8 // year - yearBase + 1; 0 = see text
	prefix []uint16
	seq    []uint32
	text   []string
}

func (c *caseNos) add(year int, prefix uint16, seq int) {
	c.year = push(c.year, uint8(year-yearBase+1))
	c.prefix = push(c.prefix, prefix)
	c.seq = push(c.seq, uint32(seq))
}

func (c *caseNos) addText(s string) {
	c.year = append(c.year, 0)
	c.prefix = append(c.prefix, 0)
	c.seq = append(c.seq, uint32(len(c.text)))
	c.text = append(c.text, s)
}

func (c *caseNos) permute(perm []int32) caseNos {
	return caseNos{year: permute(c.year, perm), prefix: permute(c.prefix, perm), seq: permute(c.seq, perm), text: c.text}
}

// String renders number i with the snapshot's prefixes.
func (c *caseNos) string(i int32, prefixes []noPrefix) string {
	if c.year[i] == 0 {
		return c.text[c.seq[i]]
	}
	p := prefixes[c.prefix[i]]
	var b strings.Builder
	b.Grow(48)
	b.WriteString("（")
	b.WriteString(strconv.Itoa(int(c.year[i]) + yearBase - 1))
	b.WriteString("）")
	b.WriteString(p.mid)
	b.WriteString(strconv.FormatUint(uint64(c.seq[i]), 10))
	b.WriteString("号")
	b.WriteString(p.suffix)
	return b.String()
}

// less orders numbers by prefix, year and 序号.
func (c *caseNos) less(a, b int32, prefixes []noPrefix) bool {
	if (c.year[a] == 0) != (c.year[b] == 0) {
		return c.year[b] == 0
	}
	if c.year[a] == 0 {
		return c.text[c.seq[a]] < c.text[c.seq[b]]
	}
	pa, pb := prefixes[c.prefix[a]], prefixes[c.prefix[b]]
	switch {
	case pa.mid != pb.mid:
		return pa.mid < pb.mid
	case c.year[a] != c.year[b]:
		return c.year[a] < c.year[b]
	case c.seq[a] != c.seq[b]:
		return c.seq[a] < c.seq[b]
	}
	return pa.suffix < pb.suffix
}

func (c *caseNos) bytes() int64 {
	b := int64(cap(c.year) + 2*cap(c.prefix) + 4*cap(c.seq))
	for _, t := range c.text {
		b += int64(len(t)) + 16
	}
	return b
}

// amounts holds money in 分 as uint32, with the rare larger ones aside.
type amounts struct {
	small []uint32
	large map[int32]court.Money // by index, where small is amountLarge
}

const (
	amountAbsent = math.MaxUint32     // no amount given
	amountLarge  = math.MaxUint32 - 1 // see large
)

func (a *amounts) add(m court.Money) {
	switch {
	case m < 0:
		a.small = append(a.small, amountAbsent)
	case m >= amountLarge:
		if a.large == nil {
			a.large = map[int32]court.Money{}
		}
		a.large[int32(len(a.small))] = m
		a.small = append(a.small, amountLarge)
	default:
		a.small = append(a.small, uint32(m))
	}
}

// at returns amount k, or -1 (court.NoMoney) when absent.
func (a *amounts) at(k int) court.Money {
	switch v := a.small[k]; v {
	case amountAbsent:
		return court.NoMoney
	case amountLarge:
		return a.large[int32(k)]
	default:
		return court.Money(v)
	}
}

// funds holds the execution-fund receipts whose case is in the data,
// ordered by case (a receipt counts for the unit of its case; one whose
// case is missing counts nowhere).
type funds struct {
	caseIdx        []int32
	received, paid []court.Date
	leafStart      []int32 // first receipt of each judge unit's cases, len leaves+1
}

// mediations holds the pre-litigation mediations, ordered by court.
type mediations struct {
	registered []court.Date
	ended      []court.Date
	result     []court.MediationResult
	confirmed  []bool
	id         caseNos // 编号
	courtStart []int32 // len courts+1
}

// Len returns the number of cases.
func (s *Snapshot) Len() int { return s.n }

// caseNo returns the canonical 案号 of case i.
func (s *Snapshot) caseNo(i int32) string { return s.no.string(i, s.prefixes) }

// MemoryBytes returns the memory the snapshot holds: the capacities of its
// slices times their element sizes, plus the bytes of its strings and
// dictionaries.
func (s *Snapshot) MemoryBytes() int64 {
	var b int64
	add := func(capacity int, size int) { b += int64(capacity) * int64(size) }
	for _, x := range [][]int32{s.origin, s.amtCase, s.descOwner, s.descStart, s.desc, s.panelLeaf, s.panelCase,
		s.funds.caseIdx, s.funds.leafStart, s.meds.courtStart} {
		add(cap(x), 4)
	}
	for _, x := range [][]court.Date{s.filed, s.closed, s.efile, s.descFiled, s.funds.received, s.funds.paid, s.meds.registered, s.meds.ended} {
		add(cap(x), 4)
	}
	add(cap(s.limitDays)+cap(s.extDays)+cap(s.suspDays)+cap(s.reads)+cap(s.cause), 2)
	add(cap(s.hearings)+cap(s.kind)+cap(s.level)+cap(s.closeMethod)+cap(s.track)+cap(s.flags), 1)
	add(cap(s.execAmount.small)+cap(s.execRecovered.small), 4)
	add(len(s.execAmount.large)+len(s.execRecovered.large), 16)
	add(cap(s.meds.result)+cap(s.meds.confirmed), 1)
	b += s.no.bytes() + s.meds.id.bytes()
	for _, c := range s.causes {
		b += int64(len(c)) + 16
	}
	for _, p := range s.prefixes {
		b += int64(len(p.mid)+len(p.suffix)) + 32
	}
	return b + s.units.memoryBytes()
}
