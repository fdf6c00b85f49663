package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/judgments"
	"github.com/zhixiao/zhixiao/internal/judgments/corpus"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/store/storetest"
)

func judgmentFixture(no, court, text string) judgments.Judgment {
	j := judgments.Judgment{CaseNo: no, Court: court, Text: text, Source: "fixture"}
	judgments.Parse(&j)
	return j
}

var judgmentTexts = []judgments.Judgment{
	judgmentFixture("（2023）京0105民初1号", "北京市朝阳区人民法院", "原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款十万元，出具借条，到期未还。本院认为，被告应归还借款。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：被告归还借款。二〇二三年三月一日"),
	judgmentFixture("（2023）京0105民初2号", "北京市朝阳区人民法院", "原告与被告民间借贷纠纷一案。本院经审理查明：被告向原告借款五万元，出具借条，逾期未还。本院认为，被告借款未还，应承担还款责任。依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：被告归还借款。"),
	judgmentFixture("（2023）京0105民初3号", "北京市朝阳区人民法院", "原告与被告不当得利纠纷一案。本院经审理查明：原告误将款项转入被告账户，被告拒不返还。本院认为，被告构成不当得利。判决如下：被告返还款项。"),
}

// TestJudgmentsStore imports judgments, loads the index from the database,
// searches, imports more and sees the index catch up without a rebuild, and
// refuses a 案号 already stored without changing anything.
func TestJudgmentsStore(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := corpus.Import(ctx, db, judgmentTexts[:2], nil); err != nil {
			t.Fatal(err)
		}
		c := corpus.New(db)
		ix, err := c.Index(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ix.Len() != 2 || ix.LastSegment != 1 {
			t.Fatalf("index: %d documents, segment %d; want 2, 1", ix.Len(), ix.LastSegment)
		}
		q, basis, err := corpus.QueryForCase(ctx, db, "(2023)京0105民初1号")
		if err != nil || !basis.Stored || q.Cause != "民间借贷纠纷" || len(q.Articles) != 1 {
			t.Fatalf("query for case: %+v %+v %v", q, basis, err)
		}
		hits, err := c.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].CaseNo != "（2023）京0105民初2号" || !hits[0].SameCause || len(hits[0].Shared) != 1 {
			t.Fatalf("hits %+v", hits)
		}
		if !strings.Contains(hits[0].Why, "案由相同（民间借贷纠纷）") || !strings.Contains(hits[0].Why, "共同引用《中华人民共和国民法典》第六百七十五条") {
			t.Errorf("why %q", hits[0].Why)
		}
		marked := false
		for _, f := range hits[0].Snippet {
			marked = marked || f.Mark
		}
		if !marked {
			t.Errorf("snippet %+v marks nothing", hits[0].Snippet)
		}
		// the stored judgment reads back whole, with its date
		r, err := db.JudgmentByCaseNo(ctx, "（2023）京0105民初1号")
		if err != nil || r.Decided.String() != "2023-03-01" || r.Body != judgmentTexts[0].Text || r.CourtLevel != "基层" {
			t.Fatalf("stored judgment %+v, %v", r, err)
		}
		if p := corpus.Parts(r); p != judgmentTexts[0].Parts {
			t.Errorf("parts %v, want %v", p, judgmentTexts[0].Parts)
		}
		// a duplicate changes nothing
		sum := storetest.Checksum(t, db)
		err = corpus.Import(ctx, db, []judgments.Judgment{judgmentTexts[2], judgmentTexts[1]}, nil)
		if court.KindOf(err) != court.Conflict || !strings.Contains(court.Message(err), "（2023）京0105民初2号") {
			t.Fatalf("duplicate: %v", err)
		}
		if storetest.Checksum(t, db) != sum {
			t.Error("a refused import changed the database")
		}
		err = db.AddJudgments(ctx, []store.JudgmentBatch{{CaseNos: []string{"（2023）京0105民初2号"},
			Build: func(int64) ([]store.JudgmentRow, []store.PostingRow, error) {
				t.Error("Build runs for a duplicate")
				return nil, nil, nil
			}}}, time.Now())
		if court.KindOf(err) != court.Conflict {
			t.Errorf("store-level duplicate: %v", err)
		}
		// an import by another process: the index loads only the new segment
		if err := corpus.Import(ctx, db, judgmentTexts[2:], nil); err != nil {
			t.Fatal(err)
		}
		if err := corpus.Load(ctx, db, ix); err != nil {
			t.Fatal(err)
		}
		if ix.Len() != 3 || ix.LastSegment != 2 {
			t.Fatalf("after the second import: %d documents, segment %d", ix.Len(), ix.LastSegment)
		}
		rs := ix.Search(judgments.Query{Text: "误将款项转入账户，拒不返还"})
		if len(rs) == 0 || rs[0].CaseNo != "（2023）京0105民初3号" {
			t.Errorf("search after the second import: %+v", rs)
		}
		st, err := db.JudgmentStats(ctx)
		if err != nil || st.Judgments != 3 || st.Segments != 2 || st.PostingBytes <= 0 {
			t.Errorf("stats %+v, %v", st, err)
		}
		// a 案号 with neither judgment nor case
		if _, _, err := corpus.QueryForCase(ctx, db, "（2023）京0105民初999号"); court.KindOf(err) != court.NotFound {
			t.Errorf("unknown case: %v", err)
		}
	})
}
