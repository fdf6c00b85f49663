package web

import (
	"context"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// userForm is the form that adds an account.
type userForm struct {
	Login      string
	Role       string
	Court      string
	Department string
	StaffNo    string
	Password   string
}

// addUser creates an account from the admin page, audited.
func (s *Server) addUser(ctx context.Context, v *visitor, f userForm, ip string) (auth.User, error) {
	u, hash, err := auth.NewUser(f.Login, f.Role, f.Court, f.Department, f.StaffNo, f.Password, s.cfg.Passwords)
	if err != nil {
		return auth.User{}, err
	}
	if err := s.accounts.ResolvePost(ctx, &u); err != nil {
		return auth.User{}, err
	}
	if err := u.Check(); err != nil {
		return auth.User{}, err
	}
	e := s.audit(v, auth.ActionUserAdd, "账号 "+u.Login, ip)
	e.After = u.AuditJSON()
	return s.accounts.CreateUser(ctx, u, hash, e)
}

// setDisabled disables or enables an account, audited. Nobody disables
// their own account.
func (s *Server) setDisabled(ctx context.Context, v *visitor, id int64, disabled bool, ip string) error {
	if id == v.User.ID && disabled {
		return court.Errorf(court.Conflict, "不能停用自己的账号")
	}
	u, err := s.accounts.UserByID(ctx, id)
	if err != nil {
		return err
	}
	action := auth.ActionUserEnable
	if disabled {
		action = auth.ActionUserDisable
	}
	e := s.audit(v, action, "账号 "+u.Login, ip)
	e.Before = u.AuditJSON()
	u.Disabled = disabled
	e.After = u.AuditJSON()
	defer s.sessions.dropUser(id)
	return s.accounts.SetDisabled(ctx, id, disabled, e)
}

// resetPassword sets a new password for an account, audited (without the
// password), and ends the account's sessions except the visitor's own.
func (s *Server) resetPassword(ctx context.Context, v *visitor, id int64, password, ip string) error {
	if err := auth.CheckPassword(password); err != nil {
		return err
	}
	u, err := s.accounts.UserByID(ctx, id)
	if err != nil {
		return err
	}
	action, keep := auth.ActionUserPassword, ""
	if id == v.User.ID {
		action, keep = auth.ActionPasswordOwn, v.Session.TokenHash
	}
	e := s.audit(v, action, "账号 "+u.Login, ip)
	e.After = jsonText(map[string]string{"密码": "已重新设置"})
	defer s.sessions.dropUser(id)
	return s.accounts.SetPassword(ctx, id, auth.HashPassword(password, s.cfg.Passwords), e, keep)
}

// changeOwnPassword checks the current password and sets a new one.
func (s *Server) changeOwnPassword(ctx context.Context, v *visitor, old, pw, pw2, ip string) error {
	if pw != pw2 {
		return court.Errorf(court.Invalid, "两次输入的新密码不一致")
	}
	_, hash, err := s.accounts.UserByLogin(ctx, v.User.Login)
	if err != nil {
		return err
	}
	if ok, err := auth.VerifyPassword(old, hash); err != nil || !ok {
		return court.Errorf(court.Invalid, "当前密码不正确")
	}
	return s.resetPassword(ctx, v, v.User.ID, pw, ip)
}

// audit starts an audit entry for an action of v.
func (s *Server) audit(v *visitor, a auth.Action, object, ip string) auth.AuditEntry {
	return auth.AuditEntry{At: s.now(), ActorID: v.User.ID, Actor: v.User.Login, Action: a, Object: object, IP: ip}
}
