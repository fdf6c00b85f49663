package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// This file lets 审管办 add indicator versions (口径版本) on
// /indicators/definitions: a version is the JSON of one entry of the
// definitions file, checked by the engine's own parser before it is stored;
// the engine then uses it for every period that ends on or after its date.

// LoadDefinitions serves the default definitions with the versions the
// court added, and forgets the figures computed with the old ones.
func (s *Server) LoadDefinitions(ctx context.Context) error {
	if s.defDB == nil {
		return nil
	}
	vs, err := s.defDB.DefinitionVersions(ctx)
	if err != nil {
		return err
	}
	jsons := make([][]byte, len(vs))
	for i, v := range vs {
		jsons[i] = []byte(v.JSON)
	}
	def, err := indicator.DefaultDefinitions()
	if err != nil {
		return err
	}
	defs, err := def.WithVersions(jsons)
	if err != nil {
		return err
	}
	s.defMu.Lock()
	s.defs.Store(defs)
	s.defMu.Unlock()
	if eng := s.engine.Load(); eng != nil {
		s.SetEngine(eng, court.Date(s.asOf.Load()))
	}
	s.figures.reset()
	return nil
}

// Definitions returns the definitions LoadDefinitions loaded, to build an
// engine with; nil (the default definitions) until then.
func (s *Server) Definitions() *indicator.Definitions { return s.defs.Load() }

// canEditDefinitions: 审管办 and 系统管理员.
func canEditDefinitions(v *visitor) error {
	if !v.User.Role.EditsBands() && !v.User.Role.ManagesUsers() {
		return court.Errorf(court.Forbidden, "仅审管办和系统管理员可以新增指标口径版本")
	}
	return nil
}

// editableDef is a version as the form shows it: all but the id, the
// version number and the date, which the form gives.
type editableDef struct {
	Name      string            `json:"name"`
	Category  string            `json:"category"`
	Unit      string            `json:"unit"`
	Direction string            `json:"direction"`
	Text      string            `json:"definition"`
	Formula   indicator.Formula `json:"formula"`
}

// fileDef is a version in the format of the definitions file.
type fileDef struct {
	ID            string `json:"id"`
	Version       int    `json:"version"`
	EffectiveFrom string `json:"effective_from"`
	editableDef
}

func marshalDef(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}

func editableOf(d *indicator.Definition) editableDef {
	return editableDef{d.Name, d.Category, d.Unit, d.Direction, d.Text, d.Formula}
}

// fileJSON is d as an entry of the definitions file.
func fileJSON(d *indicator.Definition) string {
	return marshalDef(fileDef{d.ID, d.Version, d.EffectiveFrom.String(), editableOf(d)})
}

// versionForm is the form of a new version: its indicator, date and JSON.
type versionForm struct {
	Indicator, From, JSON string
}

// definitionsPost answers POST /indicators/definitions: it checks the new
// version with the engine's parser, stores it with its audit entry and
// serves it. A bad version comes back with its message, status 400 (409
// for a date the indicator already has), and nothing saved.
func (s *Server) definitionsPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canEditDefinitions(v); err != nil {
		return err
	}
	if s.defDB == nil {
		return court.Errorf(court.Conflict, "本服务未连接数据库，不能保存指标口径版本")
	}
	s.defSave.Lock()
	defer s.defSave.Unlock()
	f := versionForm{Indicator: r.PostFormValue("indicator"), From: strings.TrimSpace(r.PostFormValue("effective_from")), JSON: r.PostFormValue("definition")}
	nv, before, err := s.newVersion(f)
	if err == nil {
		err = s.defDB.AddDefinitionVersion(r.Context(), nv, before, s.audit(v, auth.ActionIndicatorEdit, "", s.clientIP(r)))
	}
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderDefinitions(w, v, status, &f, "", court.Message(err))
	}
	if err := s.LoadDefinitions(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/indicators/definitions?done=added#def-"+url.PathEscape(nv.Indicator), http.StatusSeeOther)
	return nil
}

// newVersion checks the form against the definitions served now and
// returns the version to store and the JSON of the one in force on its
// date until now.
func (s *Server) newVersion(f versionForm) (store.DefinitionVersion, string, error) {
	defs, err := s.definitions()
	if err != nil {
		return store.DefinitionVersion{}, "", err
	}
	old, err := defs.Select(f.Indicator, 0, 0)
	if err != nil {
		return store.DefinitionVersion{}, "", court.Errorf(court.Invalid, "未知指标“%s”，请刷新页面后重试", f.Indicator)
	}
	from, err := court.ParseISODate(f.From)
	if err != nil || from == court.NoDate {
		return store.DefinitionVersion{}, "", court.Errorf(court.Invalid, "%s：生效日期“%s”无法识别，应为 2025-07-01 这样的日期", old.Name, f.From)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(f.JSON), &fields); err != nil || fields == nil {
		return store.DefinitionVersion{}, "", court.Errorf(court.Invalid, "%s：口径不是有效的 JSON 对象（%v）", old.Name, jsonProblem(err))
	}
	fields["id"], _ = json.Marshal(f.Indicator)
	fields["version"], _ = json.Marshal(defs.NextVersion(f.Indicator))
	fields["effective_from"], _ = json.Marshal(from.String())
	raw := marshalDef(fields)
	if _, err := defs.WithVersions([][]byte{[]byte(raw)}); err != nil {
		return store.DefinitionVersion{}, "", err
	}
	before, _ := defs.Select(f.Indicator, from, 0)
	return store.DefinitionVersion{Indicator: f.Indicator, EffectiveFrom: from, JSON: raw}, fileJSON(before), nil
}

func jsonProblem(err error) string {
	if err == nil {
		return "应为 { ... }"
	}
	return err.Error()
}
