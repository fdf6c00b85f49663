package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/documents"
	"github.com/zhixiao/zhixiao/internal/store"
)

// The MIME types of the downloads.
const (
	mimeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// documentsPage is the data of /documents.
type documentsPage struct {
	Units    []docUnit
	Month    string
	Stored   []store.StoredBulletin
	Kinds    []docKind
	CanEdit  bool
	FontNote string
	Flash    string
	Unit     string              // the unit of the form (court:ID or department:ID)
	Preview  []documents.Section // the bulletin's sentences, when asked for
	Title    string              // of the previewed bulletin
}

// docUnit is a unit the visitor may get a bulletin of.
type docUnit struct{ Value, Label string }

// docKind is a kind of document with the template in use.
type docKind struct {
	Key, Title, FileName, UpdatedBy string
	UpdatedAt                       time.Time
	Custom                          bool
	Placeholders                    string
}

// lastMonth is the month before the one of the data's day.
func (s *Server) lastMonth() court.Period {
	return documents.MonthOf(documents.MonthOf(s.today()).From - 1)
}

func monthKey(p court.Period) string { return p.From.String()[:7] }

// documentsPage answers GET /documents.
func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	x, err := s.loadOrg(ctx)
	if err != nil {
		return err
	}
	p := documentsPage{Month: monthKey(s.lastMonth()), CanEdit: v.EditsTemplates(), FontNote: s.mods.documents.fontNote}
	courts := []int64{} // not nil: nil lists every court
	for _, c := range x.org.Courts {
		if v.Scope.Unit(auth.Unit{Court: c.ID}) {
			p.Units = append(p.Units, docUnit{kindCourt + ":" + strconv.FormatInt(c.ID, 10), c.Name})
			courts = append(courts, c.ID)
		}
		for _, d := range x.org.Departments {
			if d.Court == c.ID && v.Scope.Unit(auth.Unit{Court: c.ID, Department: d.ID}) {
				p.Units = append(p.Units, docUnit{kindDepartment + ":" + strconv.FormatInt(d.ID, 10), c.Name + " " + d.Name})
			}
		}
	}
	if p.Stored, err = s.mods.documents.db.StoredBulletins(ctx, courts); err != nil {
		return err
	}
	if p.Kinds, err = s.documentKinds(ctx); err != nil {
		return err
	}
	if k := r.URL.Query().Get("saved"); k != "" {
		p.Flash = "模板已保存：" + documents.Kind(k).Title()
	}
	if r.URL.Query().Get("unit") != "" {
		if err := s.previewBulletin(r, v, &p); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "documents_index", view{Title: "文书", Nav: "documents", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// documentKinds lists every kind with the template in use.
func (s *Server) documentKinds(ctx context.Context) ([]docKind, error) {
	stored, err := s.mods.documents.db.DocTemplates(ctx)
	if err != nil {
		return nil, err
	}
	var out []docKind
	for _, k := range documents.AllKinds {
		dk := docKind{Key: string(k), Title: k.Title(), FileName: "默认模板", Placeholders: strings.Join(documents.Placeholders(k), "、")}
		for _, t := range stored {
			if t.Kind == string(k) {
				dk.FileName, dk.UpdatedBy, dk.UpdatedAt, dk.Custom = t.FileName, t.UpdatedBy, t.UpdatedAt, true
			}
		}
		out = append(out, dk)
	}
	return out, nil
}

// template returns the template of kind k in use: the court's or the default.
func (s *Server) template(ctx context.Context, k documents.Kind) (*documents.Template, error) {
	t, err := s.mods.documents.db.DocTemplate(ctx, string(k))
	switch {
	case court.KindOf(err) == court.NotFound:
		return documents.ParseDefault(k), nil
	case err != nil:
		return nil, err
	}
	return documents.LoadTemplate(k, t.FileName, t.Content)
}

// download sends a generated file.
func download(w http.ResponseWriter, name, mime string, b []byte) error {
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(b)
	return err
}

// documentsBulletin answers GET /documents/bulletin?unit=court:ID&month=2025-06&format=docx|xlsx.
func (s *Server) documentsBulletin(w http.ResponseWriter, r *http.Request, v *visitor) error {
	req, err := s.bulletinRequest(r, v)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != "docx" && format != "xlsx" {
		return court.Errorf(court.Invalid, "格式“%s”无效，应为 docx 或 xlsx", format)
	}
	docx, xlsx, err := s.produceBulletin(r.Context(), req, format == "docx")
	if err != nil {
		return err
	}
	name := req.Court + req.Department + monthKey(req.Month) + "审判质效月通报"
	if format == "xlsx" {
		return download(w, name+".xlsx", mimeXLSX, xlsx)
	}
	return download(w, name+".docx", mimeDOCX, docx)
}

// produceBulletin writes a bulletin from the engine being served; charts
// only when the DOCX is wanted.
func (s *Server) produceBulletin(ctx context.Context, req documents.BulletinRequest, withCharts bool) (docx, xlsx []byte, err error) {
	m := &s.mods.documents
	src := documents.Sources{Engine: s.engine.Load(), Bands: s.bandSet(), Pending: m.db, Supervision: m.supervision, Petitions: m.petitions}
	if withCharts {
		src.Charts = m.charts
	}
	t, err := s.template(ctx, documents.KindBulletin)
	if err != nil {
		return nil, nil, err
	}
	return documents.ProduceBulletin(ctx, req, src, t)
}

// documentsStoredBulletin answers GET /documents/bulletins/{id}/{format}.
func (s *Server) documentsStoredBulletin(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return court.Errorf(court.NotFound, "月通报编号无效")
	}
	b, err := s.mods.documents.db.StoredBulletin(r.Context(), id)
	if err != nil {
		return err
	}
	if err := v.Scope.CheckUnit(auth.Unit{Court: b.CourtID}); err != nil {
		return err
	}
	name := b.Court + b.Month + "审判质效月通报"
	switch r.PathValue("format") {
	case "docx":
		return download(w, name+".docx", mimeDOCX, b.DOCX)
	case "xlsx":
		return download(w, name+".xlsx", mimeXLSX, b.XLSX)
	}
	return court.Errorf(court.NotFound, "格式无效，应为 docx 或 xlsx")
}

// documentsDraft answers GET /documents/draft?case=案号&type=kind: the
// draft of a case the visitor may see.
func (s *Server) documentsDraft(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	k, err := documents.ParseKind(r.URL.Query().Get("type"))
	if err != nil {
		return err
	}
	p, err := s.caseView(ctx, v, r.URL.Query().Get("case"))
	if err != nil {
		return err
	}
	m := &s.mods.documents
	parties, err := m.db.Parties(ctx, p.No)
	if err != nil {
		return err
	}
	facts, err := m.db.DraftFacts(ctx, p.No)
	if err != nil {
		return err
	}
	t, err := s.template(ctx, k)
	if err != nil {
		return err
	}
	in := documents.DraftInput{Case: p.Case, CourtName: p.Case.Court, UpperCourt: facts.UpperCourt, Parties: parties, Clerk: facts.Clerk, Today: s.today()}
	b, err := documents.WriteDraft(k, in, t)
	if err != nil {
		return err
	}
	return download(w, p.No+k.Title()+"（草稿）.docx", mimeDOCX, b)
}

// documentsTemplateGet answers GET /documents/templates/{kind}: the
// template in use (?default=1: the default one), to edit in an office suite.
func (s *Server) documentsTemplateGet(w http.ResponseWriter, r *http.Request, v *visitor) error {
	k, err := documents.ParseKind(r.PathValue("kind"))
	if err != nil {
		return err
	}
	name, b := k.Title()+"（默认模板）.docx", documents.DefaultTemplate(k)
	if r.URL.Query().Get("default") == "" {
		t, err := s.mods.documents.db.DocTemplate(r.Context(), string(k))
		switch {
		case err == nil:
			name, b = t.FileName, t.Content
		case court.KindOf(err) != court.NotFound:
			return err
		}
	}
	return download(w, name, mimeDOCX, b)
}

// maxTemplateBytes bounds an uploaded template.
const maxTemplateBytes = 10 << 20

// documentsTemplatePost answers POST /documents/templates/{kind}: 审管办
// uploads the court's template; its placeholders are checked first.
func (s *Server) documentsTemplatePost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	k, err := s.editableKind(v, r.PathValue("kind"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTemplateBytes+1<<20)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return court.Errorf(court.Invalid, "请选择要上传的 DOCX 模板文件（不超过 10 MB）")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTemplateBytes+1))
	if err != nil || len(b) > maxTemplateBytes {
		return court.Errorf(court.Invalid, "模板文件 %s 无法读取或超过 10 MB", hdr.Filename)
	}
	if _, err := documents.CheckTemplate(k, hdr.Filename, b); err != nil {
		return err
	}
	t := store.DocTemplate{Kind: string(k), FileName: hdr.Filename, Content: b}
	if err := s.mods.documents.db.SaveDocTemplate(r.Context(), t, s.audit(v, auth.ActionTemplateEdit, "", s.clientIP(r))); err != nil {
		return err
	}
	http.Redirect(w, r, "/documents?saved="+string(k)+"#templates", http.StatusSeeOther)
	return nil
}

// documentsTemplateReset answers POST /documents/templates/{kind}/reset:
// back to the default template.
func (s *Server) documentsTemplateReset(w http.ResponseWriter, r *http.Request, v *visitor) error {
	k, err := s.editableKind(v, r.PathValue("kind"))
	if err != nil {
		return err
	}
	if err := s.mods.documents.db.SaveDocTemplate(r.Context(), store.DocTemplate{Kind: string(k)}, s.audit(v, auth.ActionTemplateEdit, "", s.clientIP(r))); err != nil {
		return err
	}
	http.Redirect(w, r, "/documents?saved="+string(k)+"#templates", http.StatusSeeOther)
	return nil
}

func (s *Server) editableKind(v *visitor, key string) (documents.Kind, error) {
	if !v.EditsTemplates() {
		return "", court.Errorf(court.Forbidden, "仅审管办可以修改文书模板")
	}
	return documents.ParseKind(key)
}

// previewBulletin fills the page's preview of the bulletin the form asks for.
func (s *Server) previewBulletin(r *http.Request, v *visitor, p *documentsPage) error {
	req, err := s.bulletinRequest(r, v)
	if err != nil {
		return err
	}
	m := &s.mods.documents
	src := documents.Sources{Engine: s.engine.Load(), Bands: s.bandSet(), Pending: m.db, Supervision: m.supervision, Petitions: m.petitions}
	b, err := documents.GatherBulletin(r.Context(), req, src)
	if err != nil {
		return err
	}
	p.Unit, p.Month, p.Title, p.Preview = r.URL.Query().Get("unit"), monthKey(req.Month), req.Title(), b.Preview()
	return nil
}

// bulletinRequest reads the unit (court:ID or department:ID, within the
// visitor's scope) and the month of a bulletin form.
func (s *Server) bulletinRequest(r *http.Request, v *visitor) (documents.BulletinRequest, error) {
	q := r.URL.Query()
	kind, id, _ := strings.Cut(q.Get("unit"), ":")
	if kind != kindCourt && kind != kindDepartment {
		return documents.BulletinRequest{}, court.Errorf(court.Invalid, "请选择法院或部门")
	}
	u, _, err := s.resolveUnit(r.Context(), v, kind, id)
	if err != nil {
		return documents.BulletinRequest{}, err
	}
	m, err := documents.ParseMonth(q.Get("month"))
	if err != nil {
		return documents.BulletinRequest{}, err
	}
	return documents.BulletinRequest{CourtID: u.Ref.Court, Court: u.CourtName, Department: u.DeptName, Month: m, Today: s.today()}, nil
}
