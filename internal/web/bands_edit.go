package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
	"github.com/zhixiao/zhixiao/internal/store"
)

// bandForm is the form of /bands: for each band its key and the bounds
// entered, in the order of the page, and a note for the changes.
type bandForm struct {
	Keys    []string
	Entered map[string][2]string
	Note    string
}

func readBandForm(r *http.Request) (bandForm, error) {
	if err := r.ParseForm(); err != nil {
		return bandForm{}, court.Errorf(court.Invalid, "表单无法解析")
	}
	keys, lo, hi := r.PostForm["key"], r.PostForm["lower"], r.PostForm["upper"]
	if len(keys) == 0 || len(lo) != len(keys) || len(hi) != len(keys) {
		return bandForm{}, court.Errorf(court.Invalid, "表单不完整，请刷新页面后重试")
	}
	f := bandForm{Keys: keys, Entered: map[string][2]string{}, Note: strings.TrimSpace(r.PostFormValue("note"))}
	for i, k := range keys {
		f.Entered[k] = [2]string{lo[i], hi[i]}
	}
	if len([]rune(f.Note)) > 200 {
		return f, court.Errorf(court.Invalid, "修改说明不能超过 200 字")
	}
	return f, nil
}

// bandsPost answers POST /bands: it checks every value, then saves the
// changed bands with their audit entries at once and serves them. The
// first save adopts the whole set shown, so that from then on every band
// is the court's own. A bad value comes back with its message, status 400,
// and nothing saved.
func (s *Server) bandsPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	if err := canEditBands(v); err != nil {
		return err
	}
	if s.bandDB == nil {
		return court.Errorf(court.Conflict, "本服务未连接数据库，不能保存合理区间")
	}
	s.bandMu.Lock()
	defer s.bandMu.Unlock()
	f, err := readBandForm(r)
	var changes []store.BandChange
	if err == nil {
		changes, err = s.bandChanges(r.Context(), f)
	}
	if err == nil && len(changes) > 0 {
		err = s.bandDB.SaveBands(r.Context(), changes, s.audit(v, auth.ActionBandEdit, "", s.clientIP(r)))
	}
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderBands(w, r, v, status, f.Entered, f.Note, "", court.Message(err))
	}
	done := "unchanged"
	if len(changes) > 0 {
		if err := s.LoadBands(r.Context()); err != nil {
			return err
		}
		done = "saved"
	}
	http.Redirect(w, r, "/bands?done="+done, http.StatusSeeOther)
	return nil
}

// bandChanges compares the form with the bands served now.
func (s *Server) bandChanges(ctx context.Context, f bandForm) ([]store.BandChange, error) {
	rows, stored, err := s.currentBands(ctx)
	if err != nil {
		return nil, err
	}
	defs, err := s.definitions()
	if err != nil {
		return nil, err
	}
	byKey := map[string]int{}
	for i, r := range rows {
		byKey[keyOf(r)] = i
	}
	var changes []store.BandChange
	edited := map[string]bool{}
	for _, k := range f.Keys {
		after, err := s.bandEntered(defs, f, k, edited)
		if err != nil {
			return nil, err
		}
		i, known := byKey[k]
		if !known && (after.CourtLevel != "" || after.Kind != "") {
			return nil, court.Errorf(court.Invalid, "表单中的区间“%s”无效，请刷新页面后重试", k)
		}
		if known && after.Lower == nil && after.Upper == nil {
			return nil, court.Errorf(court.Invalid, "%s：下限和上限至少填写一个", bandName(defs, s.today(), *after))
		}
		if after.Lower == nil && after.Upper == nil {
			continue
		}
		if !known {
			changes = append(changes, store.BandChange{After: *after})
			continue
		}
		before := rows[i]
		if sameBand(before, *after) {
			if stored {
				continue
			}
			after.Note = "沿用" + orAny(before.Note, "示意") + "区间"
		}
		changes = append(changes, store.BandChange{Before: &before, After: *after})
	}
	if !stored && len(changes) > 0 {
		changes = append(changes, adoptUnedited(rows, edited)...)
	}
	return changes, nil
}

// bandEntered reads the band of key k as entered: nil bounds for empty
// fields, rates as fractions.
func (s *Server) bandEntered(defs *indicator.Definitions, f bandForm, k string, edited map[string]bool) (*store.BandRow, error) {
	id, level, kind, ok := splitBandKey(k)
	d, derr := defs.Select(id, s.today(), 0)
	if !ok || derr != nil || edited[k] {
		return nil, court.Errorf(court.Invalid, "表单中的区间“%s”无效，请刷新页面后重试", k)
	}
	edited[k] = true
	b := store.BandRow{Indicator: id, CourtLevel: level, Kind: kind, Note: f.Note}
	what := bandName(defs, s.today(), b)
	maxPct := 100.0
	if overOne[id] {
		maxPct = 1000
	}
	var err error
	if b.Lower, err = parseBound(f.Entered[k][0], what+"的下限", d.Unit == "%", maxPct); err != nil {
		return nil, err
	}
	if b.Upper, err = parseBound(f.Entered[k][1], what+"的上限", d.Unit == "%", maxPct); err != nil {
		return nil, err
	}
	if b.Lower != nil && b.Upper != nil && *b.Lower > *b.Upper {
		return nil, court.Errorf(court.Invalid, "%s：下限 %s 大于上限 %s", what, strings.TrimSpace(f.Entered[k][0]), strings.TrimSpace(f.Entered[k][1]))
	}
	return &b, nil
}

// bandName names a band for a message: 审限内结案率（中院 · 各类别）.
func bandName(defs *indicator.Definitions, t court.Date, b store.BandRow) string {
	name := b.Indicator
	if d, err := defs.Select(b.Indicator, t, 0); err == nil {
		name = d.Name
	}
	return name + "（" + orAny(b.CourtLevel, "各层级") + " · " + orAny(b.Kind, "各类别") + "）"
}

// adoptUnedited keeps the default bands that the form did not show.
func adoptUnedited(rows []store.BandRow, edited map[string]bool) []store.BandChange {
	var out []store.BandChange
	for _, r := range rows {
		if !edited[keyOf(r)] {
			after := r
			after.Note = "沿用" + orAny(r.Note, "示意") + "区间"
			out = append(out, store.BandChange{Before: &r, After: after})
		}
	}
	return out
}

func splitBandKey(k string) (id, level, kind string, ok bool) {
	parts := strings.Split(k, "|")
	if len(parts) != 3 || parts[0] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// sameBand reports whether two bands have the same bounds, to a
// millionth of the value as the form shows it.
func sameBand(a, b store.BandRow) bool {
	return closeBound(a.Lower, b.Lower) && closeBound(a.Upper, b.Upper)
}

func closeBound(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	d := *a - *b
	return d < 1e-9 && d > -1e-9
}
