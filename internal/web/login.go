package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// loginPage is the data of the login page.
type loginPage struct {
	Login string
	Next  string
}

// loginForm answers GET /login.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if visitorOf(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	msg := ""
	if r.URL.Query().Get("out") == "1" {
		msg = "您已安全退出。"
	}
	return s.renderLogin(w, r, http.StatusOK, loginPage{Next: localPath(r.URL.Query().Get("next"))}, msg)
}

// renderLogin shows the login form with a fresh CSRF token in a cookie of
// its own (there is no session yet to hold it).
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage, msg string) error {
	token, _ := auth.NewToken()
	s.setCookie(w, r, loginCookie, token, 3600)
	v := view{Title: "登录", CSRF: token, Data: p}
	if status == http.StatusOK {
		v.Flash = msg
	} else {
		v.Error = msg
	}
	return s.render(w, status, "login", v)
}

// login answers POST /login.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	p := loginPage{Login: strings.TrimSpace(r.PostFormValue("login")), Next: localPath(r.PostFormValue("next"))}
	c, err := r.Cookie(loginCookie)
	if err != nil || !auth.EqualTokens(c.Value, r.PostFormValue("csrf")) {
		return s.renderLogin(w, r, http.StatusForbidden, p, "表单校验码无效或已过期，请重新登录。")
	}
	u, err := s.authenticate(r.Context(), p.Login, r.PostFormValue("password"), s.clientIP(r))
	if err != nil {
		status, _ := statusOf(err)
		if court.KindOf(err) == court.Internal {
			return err
		}
		if court.KindOf(err) == court.NotFound {
			status = http.StatusUnauthorized
		}
		return s.renderLogin(w, r, status, p, court.Message(err))
	}
	sess, token := s.cfg.Sessions.NewSession(u.ID, s.clientIP(r), s.now())
	if err := s.accounts.CreateSession(r.Context(), sess); err != nil {
		return err
	}
	s.clearCookie(w, r, loginCookie)
	s.setCookie(w, r, sessionCookie, token, int(s.cfg.Sessions.Absolute.Seconds()))
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
	return nil
}

// errBadLogin is the one answer to a wrong login name or password, so that
// the answer does not tell which of the two was wrong.
var errBadLogin = court.Errorf(court.NotFound, "登录名或密码错误")

// authenticate checks a login and password against the throttle and the
// stored hash, records the attempt and audits the outcome.
func (s *Server) authenticate(ctx context.Context, login, password, ip string) (auth.User, error) {
	now := s.now()
	byLogin, byIP, err := s.accounts.FailedLogins(ctx, login, ip, s.cfg.Limits.Since(now))
	if err != nil {
		return auth.User{}, err
	}
	var u auth.User
	err = s.cfg.Limits.Check(byLogin, byIP)
	if err == nil {
		u, err = s.checkPassword(ctx, login, password)
		if rerr := s.accounts.RecordLogin(ctx, login, ip, err == nil, now); rerr != nil {
			return auth.User{}, rerr
		}
	}
	e := auth.AuditEntry{At: now, ActorID: u.ID, Actor: login, Action: auth.ActionLogin, Object: "账号 " + login, IP: ip}
	if err != nil {
		e.Action = auth.ActionLoginFailed
		e.After = jsonText(map[string]string{"原因": court.Message(err)})
	}
	if aerr := s.accounts.AppendAudit(ctx, e); aerr != nil {
		return auth.User{}, aerr
	}
	return u, err
}

// jsonText is v as JSON text, for the audit log.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// checkPassword verifies the password; for an unknown login it verifies
// against a dummy hash so that both take the same time. A disabled account
// is told so only after the right password.
func (s *Server) checkPassword(ctx context.Context, login, password string) (auth.User, error) {
	u, hash, err := s.accounts.UserByLogin(ctx, login)
	if court.KindOf(err) == court.NotFound {
		auth.VerifyPassword(password, s.dummy)
		return auth.User{}, errBadLogin
	}
	if err != nil {
		return auth.User{}, err
	}
	ok, err := auth.VerifyPassword(password, hash)
	switch {
	case err != nil:
		return auth.User{}, errors.Join(court.Errorf(court.Internal, "账号“%s”的密码记录已损坏", login), err)
	case !ok:
		return auth.User{ID: u.ID}, errBadLogin
	case u.Disabled:
		return auth.User{ID: u.ID}, court.Errorf(court.Forbidden, "账号“%s”已停用，请联系系统管理员", login)
	}
	return u, nil
}

// logout answers POST /logout.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, v *visitor) error {
	ctx := r.Context()
	s.sessions.drop(v.Session.TokenHash)
	if err := s.accounts.DeleteSession(ctx, v.Session.TokenHash); err != nil && court.KindOf(err) != court.NotFound {
		return err
	}
	e := auth.AuditEntry{At: s.now(), ActorID: v.User.ID, Actor: v.User.Login, Action: auth.ActionLogout, Object: "账号 " + v.User.Login, IP: s.clientIP(r)}
	if err := s.accounts.AppendAudit(ctx, e); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/login?out=1", http.StatusSeeOther)
	return nil
}
