package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/petitions"
	"github.com/zhixiao/zhixiao/internal/store"
)

// The citizen's pages need no account: the web form (网上诉求), the
// tracking page (进度查询) and the survey (满意度评价). Each POST carries a
// form token signed with the module's key (there is no session to hold a
// CSRF token), the server's cross-origin check applies as everywhere, each
// address is rate-limited per kind of request, every field has a size
// limit and the whole body is bounded.

// petitionPublicLimits are the requests an address may make in petitionWindow.
var petitionPublicLimits = map[string]int{"file": 5, "track": 10, "survey": 10}

const petitionWindow = 10 * time.Minute

// petitionTokenAge is how long a public form stays valid after it was served.
const petitionTokenAge = 2 * time.Hour

// petitionLimiter counts requests per key in a sliding window, in memory.
type petitionLimiter struct {
	mu   sync.Mutex
	hits map[string][]time.Time
}

func newPetitionLimiter() *petitionLimiter { return &petitionLimiter{hits: map[string][]time.Time{}} }

// allow records a request of key at now and reports whether it is within
// n requests in window.
func (l *petitionLimiter) allow(key string, n int, window time.Duration, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.hits) > 50_000 {
		for k, ts := range l.hits {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) > window {
				delete(l.hits, k)
			}
		}
	}
	ts := l.hits[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= window {
		i++
	}
	ts = ts[i:]
	if len(ts) >= n {
		l.hits[key] = ts
		return false
	}
	l.hits[key] = append(ts, now)
	return true
}

// petitionThrottle returns an error answered with 429 when the address made too
// many requests of kind.
func (s *Server) petitionThrottle(r *http.Request, kind string) error {
	if s.mods.petitions.limits.allow(kind+" "+s.clientIP(r), petitionPublicLimits[kind], petitionWindow, s.cfg.Now()) {
		return nil
	}
	return &court.Error{Kind: court.Forbidden, Message: "请求过于频繁，请 " + strconv.Itoa(int(petitionWindow/time.Minute)) + " 分钟后再试", Err: auth.ErrThrottled}
}

// petitionFormToken signs the time a public form of purpose was served.
func (s *Server) petitionFormToken(purpose string) string {
	ts := strconv.FormatInt(s.cfg.Now().Unix(), 10)
	return ts + "." + s.petitionFormMAC(purpose, ts)
}

func (s *Server) petitionFormMAC(purpose, ts string) string {
	m := hmac.New(sha256.New, s.mods.petitions.formKey)
	m.Write([]byte(purpose + "|" + ts))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// petitionCheckToken accepts a token this server signed for purpose less than
// petitionTokenAge ago.
func (s *Server) petitionCheckToken(r *http.Request, purpose string) error {
	ts, mac, ok := strings.Cut(r.PostFormValue("token"), ".")
	sec, err := strconv.ParseInt(ts, 10, 64)
	age := s.cfg.Now().Sub(time.Unix(sec, 0))
	if !ok || err != nil || !hmac.Equal([]byte(mac), []byte(s.petitionFormMAC(purpose, ts))) || age < -time.Minute || age > petitionTokenAge {
		return court.Errorf(court.Forbidden, "表单已过期或无效，请刷新页面后重新提交")
	}
	return nil
}

// petitionPublicPage is the data of the public form.
type petitionPublicPage struct {
	Token   string
	Courts  []store.OrgCourt
	Types   []petitions.Type
	Form    petitions.Petition
	CourtID int64
	Code    string // the tracking code, once filed
	No      string
	Due     petitions.Deadlines
}

func (s *Server) petitionPublicFormPage(w http.ResponseWriter, r *http.Request, status int, p petitionPublicPage, msg string) error {
	o, err := s.data.Org(r.Context())
	if err != nil {
		return err
	}
	p.Courts, p.Types, p.Token = o.Courts, petitions.Types(), s.petitionFormToken("file")
	return s.render(w, status, "petitions_public", view{Title: "网上提交诉求", Error: msg, Data: p})
}

// petitionPublicForm is GET /public/petition.
func (s *Server) petitionPublicForm(w http.ResponseWriter, r *http.Request) error {
	return s.petitionPublicFormPage(w, r, http.StatusOK, petitionPublicPage{Form: petitions.Petition{Type: petitions.TypeInquiry}}, "")
}

// petitionPublicFile is POST /public/petition: a citizen files a request. It goes
// to the queue of the court's 立案庭 (or 诉讼服务中心) when it has one, a
// report to 纪检监察; the page shows the tracking code once.
func (s *Server) petitionPublicFile(w http.ResponseWriter, r *http.Request) error {
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	if err := s.petitionCheckToken(r, "file"); err != nil {
		return err
	}
	if err := s.petitionThrottle(r, "file"); err != nil {
		return err
	}
	p := petitions.Petition{Channel: petitions.ChannelWeb, Type: petitions.Type(r.PostFormValue("type")),
		Subject: r.PostFormValue("subject"), Content: r.PostFormValue("content"), CaseNo: r.PostFormValue("case_no"),
		Citizen: petitions.Citizen{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"), Address: r.PostFormValue("address")}}
	p.CourtID, _ = strconv.ParseInt(r.PostFormValue("court"), 10, 64)
	o, err := s.data.Org(r.Context())
	if err != nil {
		return err
	}
	if err := p.Check(); err != nil {
		return s.petitionPublicFormPage(w, r, http.StatusBadRequest, petitionPublicPage{Form: p, CourtID: p.CourtID}, court.Message(err))
	}
	if strings.TrimSpace(p.Citizen.Name) == "" || strings.TrimSpace(p.Citizen.Phone) == "" {
		return s.petitionPublicFormPage(w, r, http.StatusBadRequest, petitionPublicPage{Form: p, CourtID: p.CourtID}, "请填写“姓名”和“联系电话”，以便答复")
	}
	if !petitionHasCourt(o, p.CourtID) {
		return s.petitionPublicFormPage(w, r, http.StatusBadRequest, petitionPublicPage{Form: p}, "请选择受理法院")
	}
	if p.Type != petitions.TypeReport {
		p.DeptID, p.Dept = petitionIntakeDept(o, p.CourtID)
	}
	now := s.now()
	p.ReceivedAt, p.ReceivedOn, p.Matter = now, s.petitionDay(), string(p.Type)
	code := petitions.NewCode()
	e := auth.AuditEntry{At: now, Actor: "群众（网上）", IP: s.clientIP(r)}
	if err := s.mods.petitions.db.CreatePetition(r.Context(), &p, petitions.HashCode(code), petitions.HashSurveyCode(code), e); err != nil {
		return err
	}
	rules, cal, err := s.mods.petitions.db.PetitionCalendar(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "petitions_public", view{Title: "诉求已提交", Data: petitionPublicPage{Code: code, No: p.No, Due: rules.DeadlinesOf(cal, p.ReceivedOn)}})
}

func petitionHasCourt(o store.Org, id int64) bool {
	for _, c := range o.Courts {
		if c.ID == id {
			return true
		}
	}
	return false
}

// petitionIntakeDept is the department that takes the public's requests: 立案庭,
// else 诉讼服务中心, else none.
func petitionIntakeDept(o store.Org, courtID int64) (int64, string) {
	for _, name := range []string{"立案庭", "诉讼服务中心"} {
		for _, d := range o.Departments {
			if d.Court == courtID && d.Name == name {
				return d.ID, d.Name
			}
		}
	}
	return 0, ""
}

// petitionTrackPage is the data of the tracking page: only what the citizen may
// know (status, dates, public steps, the answer and the result).
type petitionTrackPage struct {
	Token     string
	Found     bool
	No        string
	Type      petitions.Type
	Subject   string
	Status    petitions.Status
	Received  court.Date
	Dept      string
	Events    []petitions.Event
	Answer    string
	Result    string
	Survey    bool // the request is closed and its survey not yet answered
	Code      string
	Items     []petitions.SurveyItem
	SurveyTok string
}

// petitionTrackForm is GET /public/track.
func (s *Server) petitionTrackForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "petitions_track", view{Title: "诉求进度查询", Data: petitionTrackPage{Token: s.petitionFormToken("track")}})
}

// petitionTrack is POST /public/track: the status of the request whose code
// is given. A wrong code and an absent one get the same answer.
func (s *Server) petitionTrack(w http.ResponseWriter, r *http.Request) error {
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	if err := s.petitionCheckToken(r, "track"); err != nil {
		return err
	}
	if err := s.petitionThrottle(r, "track"); err != nil {
		return err
	}
	code := r.PostFormValue("code")
	page := petitionTrackPage{Token: s.petitionFormToken("track")}
	p, evs, err := s.mods.petitions.db.PetitionByTracking(r.Context(), petitions.HashCode(code))
	if court.KindOf(err) == court.NotFound {
		return s.render(w, http.StatusNotFound, "petitions_track", view{Title: "诉求进度查询", Error: court.Message(err), Data: page})
	}
	if err != nil {
		return err
	}
	page.Found, page.No, page.Type, page.Status, page.Received, page.Dept = true, p.No, p.Type, p.Status, p.ReceivedOn, p.Dept
	page.Subject, page.Events, page.Answer, page.Result = p.Subject, evs, p.Answer, p.Result
	if t, err := s.mods.petitions.db.SurveyTargetByCode(r.Context(), petitions.HashSurveyCode(code)); err == nil && p.Status == petitions.StatusClosed && !t.Done {
		page.Survey, page.Code, page.Items, page.SurveyTok = true, petitions.NormalizeCode(code), petitions.SurveyItems(), s.petitionFormToken("survey")
	}
	return s.render(w, http.StatusOK, "petitions_track", view{Title: "诉求进度查询", Data: page})
}

// petitionSurveyPage is the data of the survey page.
type petitionSurveyPage struct {
	Token  string
	Items  []petitions.SurveyItem
	Courts []store.OrgCourt
	Depts  []store.OrgDepartment
	Court  int64
	Done   bool
}

// petitionSurveyForm is GET /public/survey?court=ID: the court's general
// survey, for a link or a QR code at the windows and on the case-closing
// papers. The survey of a request is on its tracking page.
func (s *Server) petitionSurveyForm(w http.ResponseWriter, r *http.Request) error {
	o, err := s.data.Org(r.Context())
	if err != nil {
		return err
	}
	p := petitionSurveyPage{Token: s.petitionFormToken("survey"), Items: petitions.SurveyItems(), Courts: o.Courts, Depts: o.Departments}
	p.Court, _ = strconv.ParseInt(r.URL.Query().Get("court"), 10, 64)
	return s.render(w, http.StatusOK, "petitions_survey", view{Title: "满意度评价", Data: p})
}

// petitionSurvey is POST /public/survey: a survey answered, for a request
// (with its tracking code) or for a court and department.
func (s *Server) petitionSurvey(w http.ResponseWriter, r *http.Request) error {
	if err := petitionParseForm(w, r); err != nil {
		return err
	}
	if err := s.petitionCheckToken(r, "survey"); err != nil {
		return err
	}
	if err := s.petitionThrottle(r, "survey"); err != nil {
		return err
	}
	ctx := r.Context()
	var t store.SurveyTarget
	if code := r.PostFormValue("code"); code != "" {
		var err error
		if t, err = s.mods.petitions.db.SurveyTargetByCode(ctx, petitions.HashSurveyCode(code)); err != nil {
			return err
		}
	} else {
		o, err := s.data.Org(ctx)
		if err != nil {
			return err
		}
		t.CourtID, _ = strconv.ParseInt(r.PostFormValue("court"), 10, 64)
		t.DeptID, _ = strconv.ParseInt(r.PostFormValue("dept"), 10, 64)
		if !petitionHasCourt(o, t.CourtID) || t.DeptID != 0 && !petitionDeptOf(o, t.CourtID, t.DeptID) {
			return court.Errorf(court.Invalid, "请选择法院和部门")
		}
	}
	a := make(petitions.Answers, len(petitions.SurveyItems()))
	for i := range a {
		a[i], _ = strconv.Atoi(r.PostFormValue("q" + strconv.Itoa(i+1)))
	}
	now := s.now()
	e := auth.AuditEntry{At: now, Actor: "群众（问卷）", IP: s.clientIP(r)}
	if err := s.mods.petitions.db.SubmitSurvey(ctx, t, now.In(shanghai).Format("2006-01"), a, r.PostFormValue("comment"), e); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "petitions_survey", view{Title: "满意度评价", Flash: "评价已提交，感谢您的参与。", Data: petitionSurveyPage{Done: true}})
}

func petitionDeptOf(o store.Org, courtID, deptID int64) bool {
	for _, d := range o.Departments {
		if d.ID == deptID && d.Court == courtID {
			return true
		}
	}
	return false
}
