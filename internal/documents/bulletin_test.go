package documents

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/demo"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// dataset is a small 示例市 as an indicator source.
type dataset struct{ *demo.Dataset }

func (d dataset) Courts(context.Context) ([]court.Court, error)             { return d.Dataset.Courts, nil }
func (d dataset) People(context.Context) ([]court.Person, error)            { return d.Dataset.People, nil }
func (d dataset) FundReceipts(context.Context) ([]court.FundReceipt, error) { return d.Funds, nil }
func (d dataset) Mediations(context.Context) ([]court.Mediation, error) {
	return d.Dataset.Mediations, nil
}
func (d dataset) ScanCases(_ context.Context, fn func(*court.Case) error) error {
	for i := range d.Cases {
		if err := fn(&d.Cases[i]); err != nil {
			return err
		}
	}
	return nil
}

// pendingOf lists the pending cases of a dataset as the store would.
type pendingOf struct{ *demo.Dataset }

func (p pendingOf) LongestPending(_ context.Context, courtName, dept string, asOf court.Date, limit int) ([]PendingCase, error) {
	var out []PendingCase
	for _, c := range p.Cases { // in filing order
		if c.Court == courtName && (dept == "" || c.Department == dept) && c.FiledOn <= asOf && (!c.Closed() || c.ClosedOn > asOf) {
			out = append(out, PendingCase{No: c.No.String(), Cause: c.Cause, Department: c.Department, Judge: c.Judge, FiledOn: c.FiledOn, Days: int(asOf - c.FiledOn)})
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}

type fakeSupervision struct{}

func (fakeSupervision) SupervisionSummary(context.Context, int64, court.Date) (court.SupervisionSummary, error) {
	return court.SupervisionSummary{Red: 1, Yellow: 2, Blue: 3, ItemsOpen: 4, ItemsOverdue: 1, ItemsClosed: 2, Measures: 5, MeasuresClosed: 2, MeasuresLate: 1}, nil
}

type fakePetitions struct{}

func (fakePetitions) PetitionSummary(context.Context, int64, court.Period) (court.PetitionSummary, error) {
	return court.PetitionSummary{Received: 12, Closed: 10, FeedbackDue: 8, FeedbackOnTime: 7, Overdue: 1, Substantiated: 1}, nil
}

// smallCity is a 6,000-case 示例市 with its engine and bands.
func smallCity(t testing.TB) (*demo.Dataset, Sources) {
	t.Helper()
	ds := demo.Generate(demo.Config{Seed: 3, Cases: 6000})
	eng, err := indicator.New(context.Background(), dataset{ds}, nil)
	if err != nil {
		t.Fatal(err)
	}
	bands, err := indicator.IllustrativeBands()
	if err != nil {
		t.Fatal(err)
	}
	return ds, Sources{Engine: eng, Bands: bands, Pending: pendingOf{ds}}
}

func midCourt(ds *demo.Dataset) string {
	for _, c := range ds.Courts {
		if c.Level == court.CourtIntermediate {
			return c.Name
		}
	}
	return ds.Courts[0].Name
}

// TestDocumentsBulletinGolden writes a court's bulletin of 2025-06 without
// charts (they depend on the machine's font) and with fake supervision and
// petition summaries, and compares the normalised document.xml.
func TestDocumentsBulletinGolden(t *testing.T) {
	ds, src := smallCity(t)
	src.Supervision, src.Petitions = fakeSupervision{}, fakePetitions{}
	month, _ := ParseMonth("2025-06")
	req := BulletinRequest{CourtID: 1, Court: midCourt(ds), Month: month, Today: court.DateOf(2025, 7, 3)}
	docx, xlsx, err := ProduceBulletin(context.Background(), req, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "bulletin_court.golden", normalised(t, docx))
	text, _ := DocumentText(docx)
	for _, want := range []string{req.Court + "审判质效月通报（2025年6月）", "二〇二五年七月三日", "2025年6月，" + req.Court + "新收案件",
		"同比", "本年累计（2025年1月至6月）数据对照合理区间（示意）", "本年累计（2025年1月至6月）：结收比", "未结案件中审理时间最长的是", "红色预警1件", "收到群众诉求12件", NoFontNote, "民一庭", "案号"} {
		if !strings.Contains(text, want) {
			t.Errorf("bulletin lacks %q", want)
		}
	}
	if strings.Contains(text, "{{") {
		t.Error("a placeholder is left")
	}
	x, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "概况,部门,承办人,长期未结,收结趋势" {
		t.Errorf("sheets: %s", got)
	}
	rows, _ := x.GetRows("收结趋势")
	if len(rows) != 13 || rows[12][0] != "6月" {
		t.Errorf("trend sheet: %v", rows)
	}
	if v, _ := x.GetCellValue("概况", "A3"); v != "新收" {
		t.Errorf("概况!A3 = %q", v)
	}
}

// TestDocumentsBulletinNoData writes a department's bulletin of a month
// before the data: every section says so; nil sources say 本月无数据.
func TestDocumentsBulletinNoData(t *testing.T) {
	ds, src := smallCity(t)
	month, _ := ParseMonth("2019-01")
	req := BulletinRequest{Court: midCourt(ds), Department: "民一庭", Month: month, Today: court.DateOf(2019, 2, 1)}
	docx, _, err := ProduceBulletin(context.Background(), req, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := DocumentText(docx)
	for _, want := range []string{"无新收、审结或未结案件，本月无数据", "月末无未结案件", "本月无部门数据", "本月无承办人数据",
		"本月无数据（督办模块未提供）", "本月无数据（群众诉求模块未提供）"} {
		if !strings.Contains(text, want) {
			t.Errorf("bulletin lacks %q:\n%s", want, text)
		}
	}
	req.Department = "不存在的庭"
	if _, _, err := ProduceBulletin(context.Background(), req, src, nil); court.KindOf(err) != court.NotFound {
		t.Errorf("unknown department: %v", err)
	}
	if _, _, err := ProduceBulletin(context.Background(), req, Sources{}, nil); court.KindOf(err) != court.Conflict {
		t.Errorf("no engine: %v", err)
	}
}

// TestDocumentsCharts draws the charts with the machine's font; it is
// skipped with a message when none is installed (Debian
// fonts-arphic-gbsn00lp, which make test installs).
func TestDocumentsCharts(t *testing.T) {
	path, err := FindFont("", "")
	if err != nil || path == "" {
		t.Skip("no CJK TrueType font installed (apt-get install fonts-arphic-gbsn00lp)")
	}
	ch, err := LoadCharts(path)
	if err != nil {
		t.Fatal(err)
	}
	ds, src := smallCity(t)
	src.Charts = ch
	month, _ := ParseMonth("2025-06")
	b, err := GatherBulletin(context.Background(), BulletinRequest{Court: midCourt(ds), Month: month}, src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := b.Fields()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"收结趋势图", "部门结收比图"} {
		img := f[name].Image
		if img == nil || img.PNG == nil {
			t.Fatalf("%s: no picture", name)
		}
		m, err := png.Decode(bytes.NewReader(img.PNG))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w := m.Bounds().Dx(); w < 900 || w > 1000 {
			t.Errorf("%s: width %d px, want 16 cm at 150 dpi", name, w)
		}
	}
	// Requests draw charts at the same time with one font (go test -race).
	done := make(chan []byte)
	for range 2 {
		go func() {
			docx, err := WriteBulletin(b, nil)
			if err != nil {
				t.Error(err)
			}
			done <- docx
		}()
	}
	for range 2 {
		if n := strings.Count(partOf(t, <-done, "word/document.xml"), "<w:drawing>"); n != 2 {
			t.Errorf("%d pictures in the document", n)
		}
	}
}

func TestDocumentsFontErrors(t *testing.T) {
	if _, err := FindFont("/nonexistent/font.ttf", ""); court.KindOf(err) != court.NotFound {
		t.Errorf("missing explicit font: %v", err)
	}
	if _, err := FindFont("", "/nonexistent/env.ttf"); court.KindOf(err) != court.NotFound {
		t.Errorf("missing font from the environment: %v", err)
	}
	if _, err := LoadCharts("bulletin_test.go"); court.KindOf(err) != court.Invalid {
		t.Errorf("not a font: %v", err)
	}
}
