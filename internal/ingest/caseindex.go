package ingest

import (
	"slices"

	"github.com/zhixiao/zhixiao/internal/court"
)

// caseIndex remembers the line of every 案号 of a file, to report duplicates.
// The 案号 of one court, 类型代字 and year are numbered in sequence, so each
// such group keeps a slice indexed by 序号 while the slice stays at least an
// eighth full, and a map for the 序号 beyond. A million 案号 then take a few
// megabytes and no hashing.
type caseIndex struct {
	groups map[caseGroup]*seqLines
	last   caseGroup
	lastG  *seqLines
}

// caseGroup is a 案号 without its 序号.
type caseGroup struct {
	year               int
	court, typ, suffix string
}

// seqLines maps 序号 to line numbers (0 = not seen).
type seqLines struct {
	dense  []int32
	n      int // 序号 in dense
	sparse map[int]int32
}

// denseSlack lets a group's slice start before it has many entries.
const denseSlack = 1024

func newCaseIndex() *caseIndex {
	return &caseIndex{groups: make(map[caseGroup]*seqLines)}
}

// add records no at line; when no was seen before, it returns the first line.
func (x *caseIndex) add(no court.CaseNo, line int) (first int, dup bool) {
	g := caseGroup{no.Year, no.CourtCode, no.TypeCode, no.Suffix}
	if x.lastG == nil || g != x.last {
		x.lastG = x.groups[g]
		if x.lastG == nil {
			x.lastG = &seqLines{}
			x.groups[g] = x.lastG
		}
		x.last = g
	}
	return x.lastG.add(no.Seq, int32(line))
}

func (s *seqLines) add(seq int, line int32) (int, bool) {
	if seq < len(s.dense) && s.dense[seq] != 0 {
		return int(s.dense[seq]), true
	}
	if first, ok := s.sparse[seq]; ok {
		return int(first), true
	}
	switch {
	case seq < len(s.dense):
	case seq < 8*s.n+denseSlack:
		s.dense = slices.Grow(s.dense, seq+1-len(s.dense))[:seq+1]
	default:
		if s.sparse == nil {
			s.sparse = make(map[int]int32)
		}
		s.sparse[seq] = line
		return 0, false
	}
	s.dense[seq] = line
	s.n++
	return 0, false
}
