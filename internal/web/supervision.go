package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
	"github.com/zhixiao/zhixiao/internal/supervision"
)

// This file is the 督办 module of the web app (issue 7: case warnings, 督办单, rectification plans and 销号).
// The handlers are in supervision_items.go (warnings and 督办单),
// supervision_plans.go (plans, the 作战图, measures, attachments, the weekly
// report) and supervision_inbox.go (inbox and settings).

// SupervisionStore is what the 督办 pages need of the store; *store.DB implements it.
type SupervisionStore interface {
	SupervisionRules(ctx context.Context) (supervision.Rules, error)
	SaveSupervisionRules(ctx context.Context, r supervision.Rules, e auth.AuditEntry) error
	SupervisionWebhook(ctx context.Context) (store.Webhook, error)
	SaveSupervisionWebhook(ctx context.Context, w store.Webhook, e auth.AuditEntry) error

	Warnings(ctx context.Context, f store.WarningFilter) ([]store.WarningRow, error)
	WarningCounts(ctx context.Context, f store.WarningFilter) (map[supervision.Colour]int, error)

	CaseForItem(ctx context.Context, no string) (supervision.Item, error)
	OpenItem(ctx context.Context, it supervision.Item, e auth.AuditEntry) (int64, error)
	Item(ctx context.Context, id int64) (supervision.Item, error)
	Items(ctx context.Context, f store.ItemFilter) ([]supervision.Item, error)
	UpdateItem(ctx context.Context, before, after supervision.Item, e auth.AuditEntry, notices []supervision.Message) error
	ItemNotices(ctx context.Context, it supervision.Item, title string) ([]supervision.Message, error)

	CreatePlan(ctx context.Context, p supervision.Plan, e auth.AuditEntry) (int64, error)
	AddProblem(ctx context.Context, planID int64, title string, e auth.AuditEntry) (int64, error)
	AddMeasure(ctx context.Context, m supervision.Measure, e auth.AuditEntry) (int64, error)
	Plans(ctx context.Context, s auth.Scope, userID, deptID int64) ([]supervision.Plan, error)
	Plan(ctx context.Context, id int64) (supervision.Plan, error)
	PlanHead(ctx context.Context, id int64) (supervision.Plan, error)
	UpdatePlan(ctx context.Context, before, after supervision.Plan, e auth.AuditEntry) error
	Problem(ctx context.Context, id int64) (supervision.Problem, error)
	UpdateProblem(ctx context.Context, before, after supervision.Problem, e auth.AuditEntry) error
	WithdrawProblem(ctx context.Context, before, after supervision.Problem, r supervision.Report, e auth.AuditEntry) (int, error)
	EditMeasure(ctx context.Context, before, after supervision.Measure, ms supervision.MilestoneEdit, r supervision.Report, e auth.AuditEntry) error
	WithdrawMeasure(ctx context.Context, before, after supervision.Measure, r supervision.Report, e auth.AuditEntry) error
	SupervisionLeaders(ctx context.Context, courtID int64) (map[int64]int64, error)
	SaveSupervisionLeaders(ctx context.Context, courtID int64, m map[int64]int64, e auth.AuditEntry) error
	Measure(ctx context.Context, id int64) (supervision.Measure, int64, error)
	Reports(ctx context.Context, measureID int64) ([]supervision.Report, error)
	MeasureReport(ctx context.Context, before, after supervision.Measure, r supervision.Report, atts []supervision.Attachment, e auth.AuditEntry, notices []supervision.Message) (int64, error)
	MeasureNotices(ctx context.Context, m supervision.Measure, kind supervision.ReportKind) ([]supervision.Message, error)
	Attachment(ctx context.Context, id int64) (supervision.AttachmentInfo, []byte, int64, error)
	WeeklyReports(ctx context.Context, planID int64, from, to court.Date) (map[int64][]supervision.Report, error)
	Users(ctx context.Context) ([]auth.User, error)
	LatestDay(ctx context.Context) (court.Date, error)

	Inbox(ctx context.Context, userID int64, limit int) ([]store.InboxEntry, error)
	UnreadCount(ctx context.Context, userID int64) (int, error)
	MarkRead(ctx context.Context, userID, id int64, at time.Time) error
}

// supervisionModule is the state of the 督办 pages.
type supervisionModule struct {
	db       SupervisionStore
	maxBytes int64 // the size limit of one attachment
}

// init takes the module's store from the deps.
func (m *supervisionModule) init(d Deps) error {
	m.db, m.maxBytes = d.Supervision, supervision.MaxAttachmentBytes
	return nil
}

// svBodyLimit bounds a request with attachments: a few files at the limit.
func (m *supervisionModule) svBodyLimit() int64 { return 3*m.maxBytes + 1<<20 }

// supervisionRoutes adds the module's routes under /supervision.
func (s *Server) supervisionRoutes(mux *http.ServeMux) {
	if s.mods.supervision.db == nil {
		return
	}
	m := func(h memberFunc) http.Handler { return s.member(h) }
	mux.Handle("GET /supervision", m(s.svHome))
	mux.Handle("GET /supervision/items", m(s.svItems))
	mux.Handle("POST /supervision/items", m(s.svItemOpen))
	mux.Handle("GET /supervision/items/{id}", m(s.svItem))
	mux.Handle("POST /supervision/items/{id}/explain", m(s.svItemExplain))
	mux.Handle("POST /supervision/items/{id}/review", m(s.svItemReview))
	mux.Handle("POST /supervision/plans", m(s.svPlanCreate))
	mux.Handle("GET /supervision/plans/{id}", m(s.svBoard))
	mux.Handle("POST /supervision/plans/{id}/problems", m(s.svProblemAdd))
	mux.Handle("POST /supervision/plans/{id}/measures", m(s.svMeasureAdd))
	mux.Handle("GET /supervision/plans/{id}/weekly", m(s.svWeekly))
	mux.Handle("GET /supervision/plans/{id}/weekly.xlsx", m(s.svWeeklyXLSX))
	mux.Handle("GET /supervision/measures/{id}", m(s.svMeasure))
	for _, a := range []string{"progress", "closeout"} {
		mux.Handle("POST /supervision/measures/{id}/"+a, s.svLimitBody(m(s.svMeasureReport)))
	}
	mux.Handle("POST /supervision/measures/{id}/decide", m(s.svMeasureDecide))
	mux.Handle("GET /supervision/attachments/{id}", m(s.svAttachment))
	mux.Handle("GET /supervision/inbox", m(s.svInbox))
	mux.Handle("POST /supervision/inbox/read", m(s.svInboxRead))
	mux.Handle("GET /supervision/settings", m(s.svSettings))
	mux.Handle("POST /supervision/settings/rules", m(s.svRulesSave))
	mux.Handle("POST /supervision/settings/webhook", m(s.svWebhookSave))
	s.svEditRoutes(mux, m)
}

// svLimitBody bounds the body of an upload.
func (s *Server) svLimitBody(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.mods.supervision.svBodyLimit())
		h.ServeHTTP(w, r)
	})
}

// ShowsSupervision reports whether the navigation shows 督办: every role
// bound to a court.
func (v *visitor) ShowsSupervision() bool { return v.User.CourtID != 0 }

// svActor is the visitor as the supervision package sees it.
func svActor(v *visitor) supervision.Actor { return supervision.ActorOf(v.User) }

// svToday is the day the module works on: the pages' today (the data's
// latest day when that is earlier than the clock's). While the indicator
// snapshot is still loading (the data's latest day not known yet), it asks
// the store, so that a transition made in the first seconds after a start
// is not dated by the clock alone (the warning job uses the same day).
func (s *Server) svToday() court.Date {
	d := s.today()
	if s.asOf.Load() != 0 || s.mods.supervision.db == nil {
		return d
	}
	if latest, err := s.mods.supervision.db.LatestDay(context.Background()); err == nil && latest != 0 && latest < d {
		return latest
	}
	return d
}

// svAudit is an audit entry of the visitor's request.
func (s *Server) svAudit(r *http.Request, v *visitor) auth.AuditEntry {
	return auth.AuditEntry{At: s.now(), ActorID: v.User.ID, Actor: v.User.Login, IP: s.clientIP(r)}
}

// svID reads the {id} of the path.
func svID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, court.Errorf(court.NotFound, "编号“%s”无效", r.PathValue("id"))
	}
	return id, nil
}

// svDate reads a YYYY-MM-DD form field; "" is NoDate.
func svDate(r *http.Request, field, label string) (court.Date, error) {
	v := r.FormValue(field)
	if v == "" {
		return court.NoDate, nil
	}
	d, err := court.ParseISODate(v)
	if err != nil {
		return 0, court.Errorf(court.Invalid, "%s“%s”无法识别，应为 YYYY-MM-DD 格式", label, v)
	}
	return d, nil
}

// svPanel is the data of the module's panels.
type svPanel struct {
	Counts   map[supervision.Colour]int
	Warnings []store.WarningRow
	Items    []supervision.Item
	Unit     string // the query that lists the unit's warnings
	Case     string // the case's 案号 (case panel)
	CanOpen  bool   // the visitor may open a 挂牌督办 on the case
	Unread   int    // the visitor's unread notices (unit panel)
	Today    court.Date
	CSRF     string
}

// supervisionPanels are the module's panels on a unit's dashboard (the
// unit's warnings, for every home page: the 承办人's and the 庭长's see
// their own) or a case page (its warning and 督办单, and the 挂牌督办 form
// for 院领导).
func (s *Server) supervisionPanels(ctx context.Context, v *visitor, at panelPlace) ([]panel, error) {
	db := s.mods.supervision.db
	if db == nil || !v.ShowsSupervision() {
		return nil, nil
	}
	p := svPanel{Today: s.svToday(), CSRF: v.Session.CSRF}
	var name string
	var err error
	switch {
	case at.Unit != nil:
		f := store.WarningFilter{Scope: v.Scope, Limit: 10}
		f.Court, f.Department, f.Judge = at.Unit.Ref.Court, at.Unit.Ref.Department, at.Unit.Ref.Person
		p.Unit = svUnitQuery(at.Unit.Ref)
		if p.Counts, err = db.WarningCounts(ctx, f); err != nil {
			return nil, err
		}
		if p.Warnings, err = db.Warnings(ctx, f); err != nil {
			return nil, err
		}
		if p.Items, err = db.Items(ctx, store.ItemFilter{Scope: v.Scope, Open: true, Court: f.Court, Department: f.Department, Judge: f.Judge, Limit: 6}); err != nil {
			return nil, err
		}
		if p.Unread, err = db.UnreadCount(ctx, v.User.ID); err != nil {
			return nil, err
		}
		name = "sv-unit-panel"
	case at.Case != nil:
		item, err := db.CaseForItem(ctx, at.Case.No)
		if err != nil && court.KindOf(err) != court.Conflict {
			return nil, err
		}
		p.Case, p.CanOpen = at.Case.No, err == nil && v.User.Role == auth.RolePresident
		if item.CaseID != 0 {
			if p.Warnings, err = db.Warnings(ctx, store.WarningFilter{Scope: v.Scope, CaseID: item.CaseID}); err != nil {
				return nil, err
			}
			if p.Items, err = db.Items(ctx, store.ItemFilter{Scope: v.Scope, CaseID: item.CaseID}); err != nil {
				return nil, err
			}
		}
		name = "sv-case-panel"
	default:
		return nil, nil
	}
	body, err := s.renderPart("supervision_parts", name, p)
	if err != nil {
		return nil, err
	}
	return []panel{{ID: "panel-supervision", Title: "督办与预警", Body: body}}, nil
}

// svUnitQuery is the query string of the 督办 home page for a unit.
func svUnitQuery(u auth.Unit) string {
	switch {
	case u.Person != 0:
		return "judge=" + strconv.FormatInt(u.Person, 10)
	case u.Department != 0:
		return "dept=" + strconv.FormatInt(u.Department, 10)
	case u.Court != 0:
		return "court=" + strconv.FormatInt(u.Court, 10)
	}
	return ""
}

// supervisionFuncs are the module's template functions.
func supervisionFuncs() template.FuncMap {
	return template.FuncMap{
		"svColourClass": func(c supervision.Colour) string { return "sv-" + c.Key() },
		"svLateness": func(m supervision.Measure, today court.Date) supervision.Lateness {
			return supervision.LatenessOf(&m, today)
		},
		"svDaysLeft": func(deadline, today court.Date) int { return int(deadline - today) },
		// svLeft says how the 审限 stands: "剩 3 天", "今日届满", "超期 30 天"; "" without a deadline.
		"svLeft": func(deadline, today court.Date) string {
			switch n := int(deadline - today); {
			case deadline.IsZero():
				return ""
			case n > 0:
				return fmt.Sprintf("剩 %d 天", n)
			case n == 0:
				return "今日届满"
			default:
				return fmt.Sprintf("超期 %d 天", -n)
			}
		},
		"svTotal": func(counts map[supervision.Colour]int, only supervision.Colour) int {
			if only != supervision.ColourNone {
				return counts[only]
			}
			n := 0
			for _, c := range counts {
				n += c
			}
			return n
		},
		"svOverdue": func(it supervision.Item, today court.Date) bool { return it.Overdue(today) },
		"svColours": func() []supervision.Colour {
			return []supervision.Colour{supervision.ColourRed, supervision.ColourYellow, supervision.ColourBlue}
		},
		"svPct": func(p int) int { return min(max(p, 0), 100) / 10 * 10 },
	}
}
