package web

import (
	"net/http"
	"net/url"

	"github.com/zhixiao/zhixiao/internal/court"
)

// handlerFunc is a handler that returns its error to fail.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// memberFunc is a handler for a signed-in visitor.
type memberFunc func(w http.ResponseWriter, r *http.Request, v *visitor) error

// public serves a page anyone may see.
func (s *Server) public(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// member serves a page for signed-in visitors. Without a session it sends
// the visitor to the login page (or answers 401 when the session expired,
// or for htmx); on POST it requires the session's CSRF token.
func (s *Server) member(h memberFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := visitorOf(r)
		if v == nil {
			s.signInFirst(w, r)
			return
		}
		if r.Method == http.MethodPost && !csrfOK(r, v.Session.CSRF) {
			s.fail(w, r, court.Errorf(court.Forbidden, "表单校验码无效或已过期，请刷新页面后重试"))
			return
		}
		if err := h(w, r, v); err != nil {
			s.fail(w, r, err)
		}
	})
}

// admin serves a page for 系统管理员 only.
func (s *Server) admin(h memberFunc) http.Handler {
	return s.member(func(w http.ResponseWriter, r *http.Request, v *visitor) error {
		if err := v.Scope.CheckAdmin(); err != nil {
			return err
		}
		return h(w, r, v)
	})
}

// signInFirst answers a request that needs a session and has none.
func (s *Server) signInFirst(w http.ResponseWriter, r *http.Request) {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = "/"
	}
	if expired(r) || r.Header.Get("HX-Request") == "true" {
		if r.Header.Get("HX-Request") == "true" {
			w.Header().Set("HX-Redirect", "/login?next="+url.QueryEscape(next))
		}
		msg := "您尚未登录，请先登录。"
		if expired(r) {
			msg = "登录已过期，请重新登录。"
		}
		if err := s.renderLogin(w, r, http.StatusUnauthorized, loginPage{Next: next}, msg); err != nil {
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
}

// localPath returns p when it is a path on this site, else "/".
func localPath(p string) string {
	if len(p) == 0 || p[0] != '/' || len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return p
}
