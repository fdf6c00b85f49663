package web

import (
	"fmt"
	"html/template"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// dashboardPage is the data of a unit's 驾驶舱.
type dashboardPage struct {
	Unit     *unit
	Period   periodSel
	Periods  []periodChoice
	Kind     string
	Kinds    []string
	Groups   []tileGroup
	Ages     *ageChart
	Engine   bool // whether the indicator engine is loaded
	AsOf     court.Date
	BandNote string
	Body     template.HTML // the page without the layout, rendered once per unit, period, kind and scope
	Panels   []panel       // the modules' panels, below the figures
}

// dashboardKinds are the case kinds of the kind filter.
var dashboardKinds = []string{"刑事", "民事", "行政", "执行"}

// home answers GET /: the dashboard of the visitor's own unit.
func (s *Server) home(w http.ResponseWriter, r *http.Request, v *visitor) error {
	kind, id := homeUnit(v.Scope)
	http.Redirect(w, r, unitURL(kind, id), http.StatusSeeOther)
	return nil
}

// dashboard answers GET /units/{kind}/{id}?p=&from=&to=&kind=.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, v *visitor) error {
	u, _, err := s.resolveUnit(r.Context(), v, r.PathValue("kind"), r.PathValue("id"))
	if err != nil {
		return err
	}
	fq, err := s.parseFigureQuery(r, u)
	if err != nil {
		return err
	}
	p := dashboardPage{Unit: u, Period: fq.Period, Periods: periodChoices, Kind: fq.Kind, Kinds: dashboardKinds, AsOf: s.today()}
	if bs := s.bandSet(); bs != nil && bs.Illustrative {
		p.BandNote = "参考区间为示意数值（" + bs.Label + "），仅供演示，不是最高人民法院公布的合理区间。"
	}
	eng := s.engine.Load()
	if eng == nil {
		p.Body, err = s.renderPart("dashboard", "dashboard-body", &p)
	} else {
		p.Engine = true
		p.Body, err = s.cachedBody(eng, v, fq, &p)
	}
	if err != nil {
		return err
	}
	p.Panels = s.panels(r.Context(), v, panelPlace{Unit: u})
	return s.render(w, http.StatusOK, "dashboard", view{Title: "驾驶舱 · " + u.Name, Nav: "dashboard", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// parseFigureQuery reads the period and kind of a figures request.
func (s *Server) parseFigureQuery(r *http.Request, u *unit) (*figureQuery, error) {
	q := r.URL.Query()
	per, err := parsePeriod(q, s.today())
	if err != nil {
		return nil, err
	}
	kind := q.Get("kind")
	f, err := kindFilter(kind)
	if err != nil {
		return nil, err
	}
	return &figureQuery{Unit: u, Period: per, Kind: kind, Filter: f}, nil
}

// cachedBody renders the dashboard without its layout, once for each unit,
// period, kind and scope of the engine: the body names no visitor and
// carries no token.
func (s *Server) cachedBody(eng *indicator.Engine, v *visitor, fq *figureQuery, p *dashboardPage) (template.HTML, error) {
	key := fmt.Sprintf("dashboard-body|%s|%d|%s|%v|%v|%d|%d", fq.Unit.Kind, fq.Unit.ID, fq.params(),
		v.Scope.All(), v.Scope.Courts(), v.Scope.Department(), v.Scope.Person())
	body, err := s.figures.get(eng, key, func() (any, error) {
		var err error
		if p.Groups, p.Ages, err = s.dashboardFigures(eng, fq); err != nil {
			return nil, err
		}
		return s.renderPart("dashboard", "dashboard-body", p)
	})
	if err != nil {
		return "", err
	}
	return body.(template.HTML), nil
}
