package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// auditPageSize is the number of audit entries on one page.
const auditPageSize = 50

// auditPage is the data of the audit log page.
type auditPage struct {
	Entries []auth.AuditEntry
	Total   int
	Page    int
	Pages   int
	Actor   string
	Action  string
	Actions []auth.Action
}

var auditActions = []auth.Action{
	auth.ActionLogin, auth.ActionLoginFailed, auth.ActionLogout, auth.ActionUserAdd, auth.ActionUserDisable,
	auth.ActionUserEnable, auth.ActionUserPassword, auth.ActionPasswordOwn, auth.ActionBandEdit, auth.ActionIndicatorEdit, auth.ActionTemplateEdit,
}

// auditLog answers GET /admin/audit?actor=&action=&page=.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, v *visitor) error {
	q := r.URL.Query()
	page, err := pageNumber(q.Get("page"))
	if err != nil {
		return err
	}
	p := auditPage{Page: page, Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action"), Actions: auditActions}
	p.Entries, p.Total, err = s.accounts.AuditLog(r.Context(), auth.AuditQuery{
		Actor: p.Actor, Action: auth.Action(p.Action), Offset: (page - 1) * auditPageSize, Limit: auditPageSize,
	})
	if err != nil {
		return err
	}
	p.Pages = max(1, (p.Total+auditPageSize-1)/auditPageSize)
	return s.render(w, http.StatusOK, "admin_audit", view{Title: "审计日志", Nav: "audit", Visitor: v, CSRF: v.Session.CSRF, Data: p})
}

// pageNumber reads a 1-based page number; "" is page 1.
func pageNumber(s string) (int, error) {
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1_000_000 {
		return 0, court.Errorf(court.Invalid, "页码“%s”无效", s)
	}
	return n, nil
}
