package web

import (
	"net/http"

	"github.com/zhixiao/zhixiao/internal/court"
)

// passwordForm answers GET /account/password.
func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request, v *visitor) error {
	flash := ""
	if r.URL.Query().Get("done") == "1" {
		flash = "密码已修改。"
	}
	return s.render(w, http.StatusOK, "password", view{Title: "修改密码", Visitor: v, CSRF: v.Session.CSRF, Flash: flash})
}

// passwordPost answers POST /account/password.
func (s *Server) passwordPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	err := s.changeOwnPassword(r.Context(), v, r.PostFormValue("old"), r.PostFormValue("password"), r.PostFormValue("password2"), s.clientIP(r))
	if err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.render(w, status, "password", view{Title: "修改密码", Visitor: v, CSRF: v.Session.CSRF, Error: court.Message(err)})
	}
	http.Redirect(w, r, "/account/password?done=1", http.StatusSeeOther)
	return nil
}
