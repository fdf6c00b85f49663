package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// TestDeidPartiesFromPartyTable: the 当事人表 gives the de-identification the
// case's parties with their types; an organisation's credit code is not an
// ID number to delete; a 案号 in half-width brackets finds the same case.
func TestDeidPartiesFromPartyTable(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		no := "（2025）京0105民初7号"
		importParties(t, db, []court.Party{
			{CaseNo: no, Name: "张三", Role: "原告", Type: court.NaturalPerson, IDNo: "110105198503020011", Address: "北京市朝阳区某街1号", Agents: []string{"李律师"}},
			{CaseNo: no, Name: "北京某某科技有限公司", Role: "被告", Type: court.LegalPerson, IDNo: "91110105MA01ABCD13"},
		})
		got, err := db.DeidParties(context.Background(), "(2025)京0105民初7号")
		if err != nil {
			t.Fatal(err)
		}
		want := []deid.Party{
			{Name: "张三", Role: "原告", Type: deid.Natural, IDNumber: "110105198503020011", Address: "北京市朝阳区某街1号", Of: -1},
			{Name: "北京某某科技有限公司", Role: "被告", Type: deid.LegalPerson, Of: -1},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("parties (-want +got):\n%s", d)
		}
	})
}
