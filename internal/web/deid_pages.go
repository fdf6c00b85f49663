package web

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/deid"
)

// deidFormPage is the upload form, its values after an error, and the
// visitor's last de-identifications.
type deidFormPage struct {
	Case, Cause string
	Strict      bool
	Numbered    bool
	Recent      []deidRecent
	Keep        int // minutes a result is kept
}

// deidRecent is one of the visitor's de-identifications, from the audit log.
type deidRecent struct {
	At      time.Time
	Object  string
	Setting string
	CaseNo  string
	Changes string
}

// deidForm answers GET /deid[?case=案号].
func (s *Server) deidForm(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := s.deidReady(v); err != nil {
		return err
	}
	return s.renderDeidForm(w, r, v, http.StatusOK, deidFormPage{Case: r.URL.Query().Get("case")}, "")
}

// deidReady refuses roles without the module and a server without a store.
func (s *Server) deidReady(v *visitor) error {
	if err := canDeid(v); err != nil {
		return err
	}
	if s.mods.deid.db == nil {
		return court.Errorf(court.Conflict, "本服务未连接数据库，无法记录审计日志，文书脱敏不可用")
	}
	return nil
}

func (s *Server) renderDeidForm(w http.ResponseWriter, r *http.Request, v *visitor, status int, p deidFormPage, msg string) error {
	es, err := s.mods.deid.db.DeidRecords(r.Context(), v.User.Login, 10)
	if err != nil {
		return err
	}
	for _, e := range es {
		var rec deid.Record
		json.Unmarshal([]byte(e.After), &rec)
		p.Recent = append(p.Recent, deidRecent{At: e.At, Object: e.Object, Setting: rec.Setting, CaseNo: rec.CaseNo, Changes: countsText(rec.Changes)})
	}
	p.Keep = int(deidKeep / time.Minute)
	return s.render(w, status, "deid_form", view{Title: "文书脱敏", Nav: "deid", Visitor: v, CSRF: v.Session.CSRF, Error: msg, Data: p})
}

// countsText writes counts by type in the order of deid.Types.
func countsText(m map[string]int) string {
	var parts []string
	for _, t := range deid.Types() {
		if n := m[t.Label()]; n > 0 {
			parts = append(parts, t.Label()+" "+strconv.Itoa(n))
		}
	}
	if len(parts) == 0 {
		return "无变更"
	}
	return strings.Join(parts, "，")
}

// deidPost answers POST /deid: it de-identifies the uploaded file (or the
// sample), records the audit entry, keeps the result in memory and sends
// the visitor to it. Bad input comes back to the form with its message.
func (s *Server) deidPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := s.deidReady(v); err != nil {
		return err
	}
	setting, err := deid.ParseSetting(r.FormValue("setting"))
	p := deidFormPage{Case: strings.TrimSpace(r.FormValue("case")), Cause: strings.TrimSpace(r.FormValue("cause")),
		Strict: setting == deid.Strict, Numbered: r.FormValue("numbered") == "1"}
	var res *deidResult
	if err == nil {
		res, err = s.deidRun(r, v, p)
	}
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderDeidForm(w, r, v, status, p, court.Message(err))
	}
	token := s.mods.deid.results.put(res, s.now())
	http.Redirect(w, r, "/deid/results/"+token, http.StatusSeeOther)
	return nil
}

// deidRun reads the form's files, de-identifies and records the audit entry.
func (s *Server) deidRun(r *http.Request, v *visitor, p deidFormPage) (*deidResult, error) {
	opt := deid.Options{CaseNo: p.Case, Cause: p.Cause, Numbered: p.Numbered}
	if p.Strict {
		opt.Setting = deid.Strict
	}
	if pname, pdata, perr := uploaded(r, "parties"); perr == nil {
		var err error
		if opt.Parties, err = deid.ReadParties(pname, strings.NewReader(string(pdata))); err != nil {
			return nil, err
		}
	}
	if err := s.deidCase(r, v, &opt); err != nil {
		return nil, err
	}
	name, data, err := uploaded(r, "document")
	if r.FormValue("sample") == "1" {
		name, data, err = "示例判决书.txt", []byte(deid.Sample()), nil
	}
	if err != nil {
		return nil, err
	}
	out, res, err := deid.File(name, data, opt)
	if err != nil {
		return nil, err
	}
	format, _ := deid.FormatOf(name, data)
	rec := deid.NewRecord(data, out, format, opt, res)
	e := s.audit(v, auth.ActionDeid, rec.Object(), s.clientIP(r))
	e.After = rec.JSON()
	if err := s.mods.deid.db.RecordDeid(r.Context(), e); err != nil {
		return nil, err
	}
	return &deidResult{owner: v.User.ID, name: name, format: format, opt: opt, out: out, res: res, record: rec, created: s.now()}, nil
}

// deidCase checks the 案号 given: it must parse; a case in the data must be
// one the visitor may see, and gives its 案由.
func (s *Server) deidCase(r *http.Request, v *visitor, opt *deid.Options) error {
	if opt.CaseNo == "" {
		return nil
	}
	no, err := court.ParseCaseNo(opt.CaseNo)
	if err != nil {
		return err
	}
	opt.CaseNo = no.String()
	ref, err := s.data.CaseRef(r.Context(), opt.CaseNo)
	if court.KindOf(err) == court.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if err := v.Scope.CheckCase(ref); err != nil {
		return err
	}
	c, err := s.data.Case(r.Context(), opt.CaseNo)
	if err != nil {
		return err
	}
	if opt.Cause == "" {
		opt.Cause = c.Cause
	}
	if src, ok := s.mods.deid.db.(DeidPartySource); ok && len(opt.Parties) == 0 {
		ps, err := src.DeidParties(r.Context(), opt.CaseNo)
		if err != nil && court.KindOf(err) != court.NotFound {
			return err
		}
		opt.Parties = ps
	}
	return nil
}

// uploaded returns the file of a form field, or an Invalid error.
func uploaded(r *http.Request, field string) (string, []byte, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return "", nil, court.Errorf(court.Invalid, "请选择要脱敏的文书（.txt 或 .docx）")
	}
	fh := r.MultipartForm.File[field][0]
	data, err := readUpload(fh)
	if err != nil {
		return "", nil, court.Errorf(court.Invalid, "文件“%s”无法读取：%v", fh.Filename, err)
	}
	return filepath.Base(fh.Filename), data, nil
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, deid.MaxInput+1))
}

// deidSample answers GET /deid/sample.txt with the made-up sample judgment.
func (s *Server) deidSample(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canDeid(v); err != nil {
		return err
	}
	return sendFile(w, "示例判决书.txt", "text/plain; charset=utf-8", []byte(deid.Sample()))
}

// deidResultView is the result page.
type deidResultView struct {
	Token    string
	Name     string
	OutName  string
	Setting  string
	Kind     string
	Family   bool
	Counts   string
	Warnings []string
	Parties  []deidPartyRow
	Changes  []deid.Change
	More     int // changes not shown
	Preview  string
	Cut      bool
	Expires  time.Time
	Hash     string
}

// deidPartyRow is a party found or given, and what became of its name.
type deidPartyRow struct {
	Name, Role, Type, Outcome string
}

const (
	deidShownChanges = 2000
	deidPreviewBytes = 200_000
)

// deidResultPage answers GET /deid/results/{token}.
func (s *Server) deidResultPage(w http.ResponseWriter, r *http.Request, v *visitor) error {
	res, err := s.deidResultOf(r, v)
	if err != nil {
		return err
	}
	rv := deidResultView{Token: res.token, Name: res.name, OutName: outName(res.name), Setting: res.opt.Setting.String(),
		Kind: res.res.Kind.String(), Family: res.res.Family, Warnings: res.res.Warnings, Expires: res.created.Add(deidKeep), Hash: res.record.File}
	counts := map[string]int{}
	for t, n := range res.res.Counts() {
		counts[t.Label()] = n
	}
	rv.Counts = countsText(counts)
	rv.Changes = res.res.Changes
	if len(rv.Changes) > deidShownChanges {
		rv.More = len(rv.Changes) - deidShownChanges
		rv.Changes = rv.Changes[:deidShownChanges]
	}
	rv.Preview = res.res.Text
	if len(rv.Preview) > deidPreviewBytes {
		rv.Preview, rv.Cut = strings.ToValidUTF8(rv.Preview[:deidPreviewBytes], ""), true
	}
	rv.Parties = partyRows(res.res, res.opt.Setting)
	return s.render(w, http.StatusOK, "deid_result", view{Title: "脱敏结果", Nav: "deid", Visitor: v, CSRF: v.Session.CSRF, Data: rv})
}

// partyRows lists the parties with their pseudonym, or why the name stays.
func partyRows(r deid.Result, setting deid.Setting) []deidPartyRow {
	pseudo := map[string]string{}
	for _, c := range r.Changes {
		if c.Type == deid.TypeName {
			pseudo[c.Original] = c.Replacement
		}
	}
	var rows []deidPartyRow
	for _, p := range r.Parties {
		outcome := "保留"
		switch q, ok := pseudo[p.Name]; {
		case ok:
			outcome = "隐名为 " + q
		case p.Lawyer:
			outcome = "保留（律师）"
		case p.Type != deid.Natural:
			outcome = "保留（单位）"
		case setting == deid.Minimum:
			outcome = "保留（最低要求下不隐名）"
		}
		rows = append(rows, deidPartyRow{Name: p.Name, Role: p.Role, Type: p.Type.String(), Outcome: outcome})
	}
	return rows
}

func (s *Server) deidResultOf(r *http.Request, v *visitor) (*deidResult, error) {
	if err := canDeid(v); err != nil {
		return nil, err
	}
	res, ok := s.mods.deid.results.get(r.PathValue("token"), v.User.ID, s.now())
	if !ok {
		return nil, court.Errorf(court.NotFound, "脱敏结果不存在或已过期（结果只保留 %d 分钟），请重新上传文书", int(deidKeep/time.Minute))
	}
	return res, nil
}

// outName is the name of the de-identified copy: 判决书.docx → 判决书_脱敏.docx.
func outName(name string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "_脱敏" + ext
}

// deidDownload answers GET /deid/results/{token}/file.
func (s *Server) deidDownload(w http.ResponseWriter, r *http.Request, v *visitor) error {
	res, err := s.deidResultOf(r, v)
	if err != nil {
		return err
	}
	ctype := "text/plain; charset=utf-8"
	if res.format == deid.FormatDOCX {
		ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return sendFile(w, outName(res.name), ctype, res.out)
}

// deidReportJSON answers GET /deid/results/{token}/report.json.
func (s *Server) deidReportJSON(w http.ResponseWriter, r *http.Request, v *visitor) error {
	res, err := s.deidResultOf(r, v)
	if err != nil {
		return err
	}
	return sendFile(w, strings.TrimSuffix(res.name, filepath.Ext(res.name))+"_变更报告.json", "application/json; charset=utf-8", deid.ReportJSON(res.res.Changes))
}

// deidReportCSV answers GET /deid/results/{token}/report.csv.
func (s *Server) deidReportCSV(w http.ResponseWriter, r *http.Request, v *visitor) error {
	res, err := s.deidResultOf(r, v)
	if err != nil {
		return err
	}
	return sendFile(w, strings.TrimSuffix(res.name, filepath.Ext(res.name))+"_变更报告.csv", "text/csv; charset=utf-8", deid.ReportCSV(res.res.Changes))
}

// attrEscape percent-encodes a file name for filename* (RFC 5987): every
// byte but letters, digits and !#$&+-.^_`|~.
func attrEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// sendFile sends data as a download named name (RFC 6266, UTF-8).
func sendFile(w http.ResponseWriter, name, ctype string, data []byte) error {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+attrEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(data)
	return err
}
