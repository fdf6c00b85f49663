package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

// importParties imports parties in one run and returns its counts.
func importParties(t *testing.T, db *store.DB, ps []court.Party) store.Counts {
	t.Helper()
	im := begin(t, db)
	for i := range ps {
		if err := im.AddParty(&ps[i]); err != nil {
			im.Rollback()
			t.Fatalf("add party: %v", err)
		}
	}
	c, err := im.Commit(0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDocumentsPartiesImport(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		no1, no2 := "（2025）京0105民初1号", "（2025）京0105民初2号"
		ps := []court.Party{
			{CaseNo: no1, Name: "张三", Role: "原告", Type: court.NaturalPerson, IDNo: "110105198503020011", Address: "北京市朝阳区", Agents: []string{"李律师", "王律师"}},
			{CaseNo: no2, Name: "某公司", Role: "原告", Type: court.LegalPerson},
			{CaseNo: no1, Name: "北京某某科技有限公司", Role: "被告", Type: court.LegalPerson, IDNo: "91110105MA01ABCD13"},
		}
		if c := importParties(t, db, ps); c.Inserted != 3 || c.Read != 3 {
			t.Fatalf("first import: %+v", c)
		}
		sum := storetest.Checksum(t, db)
		if c := importParties(t, db, ps); c.Unchanged != 3 || c.Inserted+c.Updated != 0 {
			t.Fatalf("same file again: %+v", c)
		}
		got, err := db.Parties(ctx, no1)
		if err != nil {
			t.Fatal(err)
		}
		want := []court.Party{ps[0], ps[2]}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("parties (-want +got):\n%s", diff)
		}
		// A newer export of case 1 replaces its parties: one changed, one gone.
		newer := []court.Party{{CaseNo: no1, Name: "张三", Role: "原告", Type: court.NaturalPerson, Address: "北京市海淀区"}}
		if c := importParties(t, db, newer); c.Updated != 1 {
			t.Fatalf("newer export: %+v", c)
		}
		if got, _ := db.Parties(ctx, no1); len(got) != 1 || got[0].Address != "北京市海淀区" || got[0].Agents != nil {
			t.Errorf("after the newer export: %+v", got)
		}
		changes, err := db.CaseChanges(ctx, no1)
		if err != nil || len(changes) != 1 || changes[0].Field != "当事人" || changes[0].OldValue != "原告 张三；被告 北京某某科技有限公司" || changes[0].NewValue != "原告 张三" {
			t.Errorf("change log: %+v, %v", changes, err)
		}
		if got, _ := db.Parties(ctx, no2); len(got) != 1 {
			t.Errorf("case 2 untouched: %+v", got)
		}
		if storetest.Checksum(t, db) == sum {
			t.Error("the newer export changed nothing")
		}
		if got, err := db.Parties(ctx, "（2025）京0105民初9号"); err != nil || len(got) != 0 {
			t.Errorf("a case without parties: %v, %v", got, err)
		}
	})
}

func TestDocumentsPartiesBadRow(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		im := begin(t, db)
		defer im.Rollback()
		err := im.AddParty(&court.Party{CaseNo: "（2025）京0105民初1号", Name: "张三"})
		if court.KindOf(err) != court.Invalid || !strings.Contains(court.Message(err), "张三") {
			t.Errorf("party without role: %v", err)
		}
	})
}

func TestDocumentsTemplatesAudited(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		kind := string(documents.KindMediation)
		if _, err := db.DocTemplate(ctx, kind); court.KindOf(err) != court.NotFound {
			t.Fatalf("no template yet: %v", err)
		}
		e := auth.AuditEntry{At: authT0, Actor: "shenguan", IP: "127.0.0.1"}
		content := documents.DefaultTemplate(documents.KindMediation)
		if err := db.SaveDocTemplate(ctx, store.DocTemplate{Kind: kind, FileName: "本院调解书.docx", Content: content}, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.DocTemplate(ctx, kind)
		if err != nil || got.FileName != "本院调解书.docx" || string(got.Content) != string(content) || got.UpdatedBy != "shenguan" {
			t.Fatalf("stored template: %+v, %v", got.FileName, err)
		}
		if list, _ := db.DocTemplates(ctx); len(list) != 1 || list[0].Content != nil {
			t.Errorf("list: %+v", list)
		}
		if err := db.SaveDocTemplate(ctx, store.DocTemplate{Kind: kind}, e); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DocTemplate(ctx, kind); court.KindOf(err) != court.NotFound {
			t.Errorf("after reset: %v", err)
		}
		log, _, err := db.AuditLog(ctx, auth.AuditQuery{Action: auth.ActionTemplateEdit, Limit: 10})
		if err != nil || len(log) != 2 {
			t.Fatalf("audit: %v, %v", log, err)
		}
		if !strings.Contains(log[1].After, "本院调解书.docx") || !strings.Contains(log[0].After, "默认模板") || log[0].Object != "文书模板 民事调解书" {
			t.Errorf("audit entries: %+v", log)
		}
	})
}

func TestDocumentsBulletinsAndPending(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c1 := newCase(t, "（2024）京0105民初1号", "北京市朝阳区人民法院", "民一庭", "张三", "2024-01-05")
		c2 := newCase(t, "（2024）京0105民初2号", "北京市朝阳区人民法院", "民一庭", "李四", "2024-03-01")
		c3 := newCase(t, "（2024）京0105民初3号", "北京市朝阳区人民法院", "民二庭", "王五", "2024-02-01")
		c3.ClosedOn, c3.CloseMethod = day(t, "2024-05-01"), court.CloseJudgment
		load(t, db, batch{cases: []court.Case{c1, c2, c3}})
		got, err := db.LongestPending(ctx, "北京市朝阳区人民法院", "", day(t, "2024-04-30"), 10)
		if err != nil {
			t.Fatal(err)
		}
		var nos []string
		for _, p := range got {
			nos = append(nos, p.No)
		}
		if !cmp.Equal(nos, []string{c1.No.String(), c3.No.String(), c2.No.String()}) || got[0].Days != 116 || got[0].Judge != "张三" {
			t.Errorf("pending on 2024-04-30: %+v", got)
		}
		if got, _ := db.LongestPending(ctx, "北京市朝阳区人民法院", "民二庭", day(t, "2024-05-01"), 10); len(got) != 0 {
			t.Errorf("closed on the day is not pending: %+v", got)
		}
		org, _ := db.Org(ctx)
		b := store.StoredBulletin{CourtID: org.Courts[0].ID, Month: "2024-04", DOCX: []byte("docx"), XLSX: []byte("xlsx"), CreatedBy: "定时任务", CreatedAt: authT0}
		if err := db.SaveBulletin(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveBulletin(ctx, b); err != nil {
			t.Fatal(err)
		}
		if ok, _ := db.HasBulletin(ctx, b.CourtID, "2024-04"); !ok {
			t.Error("HasBulletin")
		}
		list, err := db.StoredBulletins(ctx, []int64{b.CourtID})
		if err != nil || len(list) != 1 || list[0].Court != "北京市朝阳区人民法院" {
			t.Fatalf("list: %+v %v", list, err)
		}
		full, err := db.StoredBulletin(ctx, list[0].ID)
		if err != nil || string(full.DOCX) != "docx" || string(full.XLSX) != "xlsx" {
			t.Errorf("stored: %+v %v", full, err)
		}
		if list, _ := db.StoredBulletins(ctx, []int64{}); len(list) != 0 {
			t.Error("no courts, no bulletins")
		}
		f, err := db.DraftFacts(ctx, c1.No.String())
		if err != nil || f.Clerk != "" {
			t.Errorf("draft facts: %+v %v", f, err)
		}
	})
}
