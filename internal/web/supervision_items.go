package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// svHomePage is the data of /supervision: the visitor's warnings, open
// 督办单, plans and unread notices.
type svHomePage struct {
	Colour   supervision.Colour
	Unit     string // the unit query, for the colour links
	Counts   map[supervision.Colour]int
	Warnings []store.WarningRow
	Items    []supervision.Item
	Plans    []supervision.Plan
	Tallies  map[int64]supervision.Tally // by plan, of the measures the visitor sees
	// MoreItems says there are more open 督办单 than the page lists (svHomeItems).
	MoreItems bool
	Unread    int
	Today     court.Date
	CanPlan   bool // 审管办 creates plans
	Settings  bool // 审管办 edits the rules and the webhook
}

// svHomeItems is how many open 督办单 the 督办 page lists.
const svHomeItems = 50

// svHome answers GET /supervision[?colour=red&court=|dept=|judge=].
func (s *Server) svHome(w http.ResponseWriter, r *http.Request, v *visitor) error {
	db, ctx := s.mods.supervision.db, r.Context()
	f := store.WarningFilter{Scope: v.Scope, Limit: 300}
	q := r.URL.Query()
	f.Court, _ = strconv.ParseInt(q.Get("court"), 10, 64)
	f.Department, _ = strconv.ParseInt(q.Get("dept"), 10, 64)
	f.Judge, _ = strconv.ParseInt(q.Get("judge"), 10, 64)
	if err := svCheckUnit(v, f); err != nil {
		return err
	}
	p := svHomePage{Today: s.svToday(), CanPlan: v.User.Role == auth.RoleTrialMgmt, Settings: v.User.Role == auth.RoleTrialMgmt}
	p.Unit = svUnitQuery(auth.Unit{Court: f.Court, Department: f.Department, Person: f.Judge})
	if c := q.Get("colour"); c != "" {
		colour, ok := supervision.ParseColour(c)
		if !ok {
			return court.Errorf(court.Invalid, "预警等级“%s”无效", c)
		}
		f.Colour, p.Colour = colour, colour
	}
	var err error
	if p.Counts, err = db.WarningCounts(ctx, f); err != nil {
		return err
	}
	if p.Warnings, err = db.Warnings(ctx, f); err != nil {
		return err
	}
	if p.Items, err = db.Items(ctx, store.ItemFilter{Scope: v.Scope, Open: true, Limit: svHomeItems + 1}); err != nil {
		return err
	}
	if p.MoreItems = len(p.Items) > svHomeItems; p.MoreItems {
		p.Items = p.Items[:svHomeItems]
	}
	if p.Plans, err = db.Plans(ctx, v.Scope, v.User.ID, v.User.DepartmentID); err != nil {
		return err
	}
	p.Tallies = map[int64]supervision.Tally{}
	for i, pl := range p.Plans {
		if i == 20 {
			break // a long list shows the newest plans' figures only
		}
		full, err := db.Plan(ctx, pl.ID)
		if err != nil {
			return err
		}
		svKeepVisible(v, &full)
		p.Tallies[pl.ID] = supervision.TallyOf(&full, p.Today)
	}
	if p.Unread, err = db.UnreadCount(ctx, v.User.ID); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "supervision_home", view{Title: "督办", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// svCheckUnit refuses a unit filter outside the visitor's scope (a URL
// edited to another department or judge).
func svCheckUnit(v *visitor, f store.WarningFilter) error {
	switch {
	case f.Judge != 0:
		// A judge's unit needs its court; the warnings query filters by scope anyway.
		if v.Scope.Person() != 0 && v.Scope.Person() != f.Judge {
			return court.Errorf(court.Forbidden, "您无权查看该法官的预警")
		}
	case f.Department != 0:
		if d := v.Scope.Department(); d != 0 && d != f.Department || v.Scope.Person() != 0 {
			return court.Errorf(court.Forbidden, "您无权查看该部门的预警")
		}
	case f.Court != 0:
		return v.Scope.CheckUnit(auth.Unit{Court: f.Court})
	}
	return nil
}

// svItemsPage is the data of /supervision/items.
type svItemsPage struct {
	Items     []supervision.Item
	Escalated bool
	Mine      bool // only those escalated to the visitor, a 院领导
	CanMine   bool
	Today     court.Date
}

// svItems answers GET /supervision/items[?escalated=1]: the 督办单 the
// visitor sees; escalated ones for the 院领导.
func (s *Server) svItems(w http.ResponseWriter, r *http.Request, v *visitor) error {
	q := r.URL.Query()
	p := svItemsPage{Escalated: q.Get("escalated") == "1", Today: s.svToday(), CanMine: v.User.Role == auth.RolePresident}
	f := store.ItemFilter{Scope: v.Scope, Escalated: p.Escalated, Limit: 500}
	if p.Mine = p.CanMine && q.Get("mine") == "1"; p.Mine {
		// Escalated to me: my departments, and those without a leader in
		// charge (they go to every 院领导); not those of another leader.
		inCharge, err := s.mods.supervision.db.SupervisionLeaders(r.Context(), v.User.CourtID)
		if err != nil {
			return err
		}
		for d, u := range inCharge {
			if u != v.User.ID {
				f.ExceptDepartments = append(f.ExceptDepartments, d)
			}
		}
		f.Escalated, p.Escalated, f.Court = true, true, v.User.CourtID
	}
	var err error
	if p.Items, err = s.mods.supervision.db.Items(r.Context(), f); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "supervision_items", view{Title: "督办单", Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// svItemPage is the data of a 督办单's page.
type svItemPage struct {
	Item       supervision.Item
	Warnings   []store.WarningRow // the case's current warning, if any
	Today      court.Date
	CanExplain bool
	CanReview  bool
}

// svItemFor reads an item the visitor may see: 404 when none, 403 outside the scope.
func (s *Server) svItemFor(r *http.Request, v *visitor) (supervision.Item, error) {
	id, err := svID(r)
	if err != nil {
		return supervision.Item{}, err
	}
	it, err := s.mods.supervision.db.Item(r.Context(), id)
	if err != nil {
		return it, err
	}
	if !v.Scope.Case(auth.CaseRef{Court: it.Court, Department: it.Department, Judge: it.Judge}) {
		return it, court.Errorf(court.Forbidden, "您无权查看该督办单")
	}
	return it, nil
}

// svItem answers GET /supervision/items/{id}.
func (s *Server) svItem(w http.ResponseWriter, r *http.Request, v *visitor) error {
	it, err := s.svItemFor(r, v)
	if err != nil {
		return err
	}
	return s.renderItem(w, r, v, http.StatusOK, it, "", "")
}

func (s *Server) renderItem(w http.ResponseWriter, r *http.Request, v *visitor, status int, it supervision.Item, flash, errMsg string) error {
	try := it
	p := svItemPage{Item: it, Today: s.svToday()}
	var err error
	if p.Warnings, err = s.mods.supervision.db.Warnings(r.Context(), store.WarningFilter{Scope: v.Scope, CaseID: it.CaseID}); err != nil {
		return err
	}
	p.CanExplain = try.Explain(svActor(v), "x", p.Today) == nil
	try = it
	p.CanReview = try.Review(svActor(v), true, "", p.Today) == nil
	return s.render(w, status, "supervision_item", view{Title: fmt.Sprintf("督办单 %d", it.ID), Nav: "supervision", Visitor: v, CSRF: v.Session.CSRF,
		Flash: flash, Error: errMsg, Data: p})
}

// svItemOpen answers POST /supervision/items: a 院领导's 挂牌督办 of a case
// (case_no, action, due).
func (s *Server) svItemOpen(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx, db := r.Context(), s.mods.supervision.db
	no, err := court.ParseCaseNo(r.FormValue("case_no"))
	if err != nil {
		return err
	}
	ref, err := s.data.CaseRef(ctx, no.String())
	if err != nil {
		return err
	}
	if err := v.Scope.CheckCase(ref); err != nil {
		return err
	}
	due, err := svDate(r, "due", "办理期限")
	if err != nil {
		return err
	}
	today := s.svToday()
	action := strings.TrimSpace(r.FormValue("action"))
	if err := supervision.NewLeaderItem(svActor(v), action, due, today); err != nil {
		return err
	}
	it, err := db.CaseForItem(ctx, no.String())
	if err != nil {
		return err
	}
	it.Source, it.Action, it.DueOn, it.Status, it.OpenedBy, it.OpenedOn = supervision.SourceLeader, action, due, supervision.ItemOpen, v.User.Login, today
	id, err := db.OpenItem(ctx, it, s.svAudit(r, v))
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervision/items/%d", id), http.StatusSeeOther)
	return nil
}

// svItemExplain answers POST /supervision/items/{id}/explain.
func (s *Server) svItemExplain(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.svItemStep(w, r, v, auth.Action(store.ActionSvItemExplain), "督办说明已提交审管办审核", func(it *supervision.Item) error {
		return it.Explain(svActor(v), r.FormValue("explanation"), s.svToday())
	})
}

// svItemReview answers POST /supervision/items/{id}/review (approve=1 or 0, note).
func (s *Server) svItemReview(w http.ResponseWriter, r *http.Request, v *visitor) error {
	approve := r.FormValue("approve") == "1"
	msg := "说明已退回"
	if approve {
		msg = "说明已审核通过，督办单办结"
	}
	return s.svItemStep(w, r, v, store.ActionSvItemReview, msg, func(it *supervision.Item) error {
		return it.Review(svActor(v), approve, r.FormValue("note"), s.svToday())
	})
}

// svItemStep applies a transition to an item and saves it with its audit
// entry and notices; a refused transition shows the page with its error.
func (s *Server) svItemStep(w http.ResponseWriter, r *http.Request, v *visitor, action auth.Action, done string, step func(*supervision.Item) error) error {
	before, err := s.svItemFor(r, v)
	if err != nil {
		return err
	}
	after := before
	if err := step(&after); err != nil {
		if court.KindOf(err) == court.Forbidden {
			return err
		}
		return s.renderItem(w, r, v, http.StatusUnprocessableEntity, before, "", court.Message(err))
	}
	notices, err := s.mods.supervision.db.ItemNotices(r.Context(), after, fmt.Sprintf("督办单 %d（%s）：%s", after.ID, after.CaseNo, done))
	if err != nil {
		return err
	}
	e := s.svAudit(r, v)
	e.Action = action
	if err := s.mods.supervision.db.UpdateItem(r.Context(), before, after, e, notices); err != nil {
		return err
	}
	return s.renderItem(w, r, v, http.StatusOK, after, done, "")
}

// ItemList is the page's open items as the items list shows them.
func (p svHomePage) ItemList() svItemsPage { return svItemsPage{Items: p.Items, Today: p.Today} }
