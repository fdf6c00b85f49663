package web

import (
	"net/http"
	"strconv"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// usersPage is the data of the account administration page.
type usersPage struct {
	Users []auth.User
	Roles []auth.Role
	Form  userForm
}

// doneMessages are the messages a redirect after a change may ask for.
var doneMessages = map[string]string{
	"added":    "账号已新增。",
	"disabled": "账号已停用，其登录会话已全部注销。",
	"enabled":  "账号已启用。",
	"password": "密码已重新设置。",
}

// users answers GET /admin/users.
func (s *Server) users(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.renderUsers(w, r, v, http.StatusOK, userForm{}, doneMessages[r.URL.Query().Get("done")], "")
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, v *visitor, status int, f userForm, flash, errMsg string) error {
	list, err := s.accounts.Users(r.Context())
	if err != nil {
		return err
	}
	f.Password = ""
	return s.render(w, status, "admin_users", view{
		Title: "账号管理", Nav: "users", Visitor: v, CSRF: v.Session.CSRF, Flash: flash, Error: errMsg,
		Data: usersPage{Users: list, Roles: auth.Roles(), Form: f},
	})
}

// addUserPost answers POST /admin/users. A form with a bad value comes
// back with the message and the values entered, with the error's status.
func (s *Server) addUserPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	f := userForm{
		Login: r.PostFormValue("login"), Role: r.PostFormValue("role"), Court: r.PostFormValue("court"),
		Department: r.PostFormValue("department"), StaffNo: r.PostFormValue("staff_no"), Password: r.PostFormValue("password"),
	}
	if _, err := s.addUser(r.Context(), v, f, s.clientIP(r)); err != nil {
		if court.KindOf(err) == court.Internal {
			return err
		}
		status, _ := statusOf(err)
		return s.renderUsers(w, r, v, status, f, "", court.Message(err))
	}
	http.Redirect(w, r, "/admin/users?done=added", http.StatusSeeOther)
	return nil
}

// disableUser answers POST /admin/users/{id}/disable.
func (s *Server) disableUser(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.toggleUser(w, r, v, true)
}

// enableUser answers POST /admin/users/{id}/enable.
func (s *Server) enableUser(w http.ResponseWriter, r *http.Request, v *visitor) error {
	return s.toggleUser(w, r, v, false)
}

func (s *Server) toggleUser(w http.ResponseWriter, r *http.Request, v *visitor, disabled bool) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.setDisabled(r.Context(), v, id, disabled, s.clientIP(r)); err != nil {
		return err
	}
	done := "enabled"
	if disabled {
		done = "disabled"
	}
	http.Redirect(w, r, "/admin/users?done="+done, http.StatusSeeOther)
	return nil
}

// resetPasswordPost answers POST /admin/users/{id}/password.
func (s *Server) resetPasswordPost(w http.ResponseWriter, r *http.Request, v *visitor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.resetPassword(r.Context(), v, id, r.PostFormValue("password"), s.clientIP(r)); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/users?done=password", http.StatusSeeOther)
	return nil
}

// pathID reads a positive integer id from the path.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, court.Errorf(court.NotFound, "编号“%s”无效", r.PathValue(name))
	}
	return id, nil
}
