package indicator

import (
	"context"
	"math"
	"unsafe"

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
	noYear               []uint8  // 案号 year - yearBase
	noPrefix             []uint16 // index into prefixes
	noSeq                []uint32

	causes   []string
	prefixes []noPrefix

	// Amounts of the cases that have any, sorted by case.
	amtCase                   []int32
	execAmount, execRecovered []court.Money

	// Descendants (案-件比): for descOwner[k], the cases desc[descStart[k]:descStart[k+1]]
	// that derive from it through 原审案号, ordered by filing day.
	descOwner, descStart, desc []int32

	// Cases whose 原审 case is in the data, ordered by that 原审 case:
	// refCase[k] names refOrigin[k].
	refOrigin, refCase []int32

	// Panel members other than the 承办人 (their judge units), ordered by
	// case; panelByLeaf[panelLeafStart[l]:panelLeafStart[l+1]] are the
	// entries of judge unit l.
	panelCase, panelLeaf        []int32
	panelByLeaf, panelLeafStart []int32

	funds funds
	meds  mediations
}

// yearBase is the smallest 案号 year (CaseNo accepts 1949..2199).
const yearBase = 1949

// noPrefix is the part of a 案号 between the year and the 序号, and its suffix.
type noPrefix struct {
	courtCode, typeCode, suffix string
}

// funds holds the execution-fund receipts whose case is in the data,
// ordered by case (a receipt counts for the unit of its case; one whose
// case is missing counts nowhere).
type funds struct {
	caseIdx            []int32
	received, paid     []court.Date
	amount, paidAmount []court.Money
	leafStart          []int32 // first receipt of each judge unit's cases, len leaves+1
}

// mediations holds the pre-litigation mediations, ordered by court.
type mediations struct {
	court      []int32
	registered []court.Date
	ended      []court.Date
	result     []court.MediationResult
	confirmed  []bool
	id         []string
	courtStart []int32 // len courts+1
}

// Len returns the number of cases.
func (s *Snapshot) Len() int { return s.n }

// caseNo returns the canonical 案号 of case i.
func (s *Snapshot) caseNo(i int32) string {
	p := s.prefixes[s.noPrefix[i]]
	return court.CaseNo{Year: int(s.noYear[i]) + yearBase, CourtCode: p.courtCode, TypeCode: p.typeCode,
		Seq: int(s.noSeq[i]), Suffix: p.suffix}.String()
}

// MemoryBytes returns the memory the snapshot holds: the capacities of its
// slices times their element sizes, plus the bytes of its strings. Maps used
// only while building are not counted; the unit index is.
func (s *Snapshot) MemoryBytes() int64 {
	var b int64
	add := func(capacity int, size uintptr) { b += int64(capacity) * int64(size) }
	add32 := func(xs ...[]int32) {
		for _, x := range xs {
			add(cap(x), 4)
		}
	}
	add(cap(s.filed)+cap(s.closed)+cap(s.efile), unsafe.Sizeof(court.Date(0)))
	add32(s.origin, s.amtCase, s.descOwner, s.descStart, s.desc, s.refOrigin, s.refCase, s.panelLeaf, s.panelCase,
		s.panelByLeaf, s.panelLeafStart)
	add(cap(s.limitDays)+cap(s.extDays)+cap(s.suspDays)+cap(s.reads)+cap(s.cause)+cap(s.noPrefix), 2)
	add(cap(s.hearings)+cap(s.kind)+cap(s.level)+cap(s.closeMethod)+cap(s.track)+cap(s.flags)+cap(s.noYear), 1)
	add(cap(s.noSeq), 4)
	add(cap(s.execAmount)+cap(s.execRecovered), 8)
	for _, c := range s.causes {
		b += int64(len(c)) + 16
	}
	for _, p := range s.prefixes {
		b += int64(len(p.courtCode)+len(p.typeCode)+len(p.suffix)) + 48
	}
	f := &s.funds
	add32(f.caseIdx, f.leafStart)
	add(cap(f.received)+cap(f.paid), 4)
	add(cap(f.amount)+cap(f.paidAmount), 8)
	m := &s.meds
	add32(m.court, m.courtStart)
	add(cap(m.registered)+cap(m.ended), 4)
	add(cap(m.result)+cap(m.confirmed), 1)
	for _, id := range m.id {
		b += int64(len(id)) + 16
	}
	b += s.units.memoryBytes()
	return b
}
