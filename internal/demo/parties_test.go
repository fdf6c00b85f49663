package demo

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
)

// TestDemoParties checks the demo's 当事人表: valid identity numbers, the
// roles of each kind of case, and the same parties for the same cases.
func TestDemoParties(t *testing.T) {
	ds := Generate(Config{Seed: 2, Cases: 2000})
	ps := partiesOf(ds.Cases, every)
	if recent := Parties(ds); len(recent) == 0 || len(recent) >= len(ps) {
		t.Errorf("%d parties of recent and pending cases, %d of all", len(recent), len(ps))
	}
	if len(ps) < len(ds.Cases) {
		t.Fatalf("%d parties for %d cases", len(ps), len(ds.Cases))
	}
	roles := map[string]int{}
	for _, p := range ps {
		roles[p.Role]++
		switch {
		case p.Type == court.NaturalPerson && !court.ValidResidentID(p.IDNo):
			t.Fatalf("invalid 身份证号: %+v", p)
		case p.Type != court.NaturalPerson && !court.ValidCreditCode(p.IDNo):
			t.Fatalf("invalid 统一社会信用代码: %+v", p)
		case p.Name == "" || p.Address == "":
			t.Fatalf("incomplete party: %+v", p)
		}
	}
	for _, r := range []string{"原告", "被告", "上诉人", "被上诉人", "申请执行人", "被执行人"} {
		if roles[r] == 0 {
			t.Errorf("no %s among %v", r, roles)
		}
	}
	// A case's parties depend on its 案号 only.
	again := partiesOf(ds.Cases[len(ds.Cases)/2:], every)
	tail := ps[len(ps)-len(again):]
	if diff := cmp.Diff(tail, again); diff != "" {
		t.Errorf("parties depend on more than the 案号:\n%.2000s", diff)
	}
}

func every(*court.Case) bool { return true }
