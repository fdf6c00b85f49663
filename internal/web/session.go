package web

import (
	"context"
	"net/http"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
)

// The cookies. The session cookie holds the token; the login cookie holds
// the CSRF token of the login form, before there is a session.
const (
	sessionCookie = "zx_session"
	loginCookie   = "zx_login"
)

// visitor is the signed-in user of a request.
type visitor struct {
	User    auth.User
	Scope   auth.Scope
	Session auth.Session
	token   string
}

// Admin reports whether the visitor administers accounts.
func (v *visitor) Admin() bool { return v.User.Role.ManagesUsers() }

// ViewsBands reports whether the visitor sees the bands and the indicator
// definitions: the roles that see the whole court.
func (v *visitor) ViewsBands() bool { return v.User.Role.CourtWide() }

type ctxKey int

const (
	visitorKey ctxKey = iota
	expiredKey
)

// visitorOf returns the signed-in user of r, or nil.
func visitorOf(r *http.Request) *visitor {
	v, _ := r.Context().Value(visitorKey).(*visitor)
	return v
}

// expired reports whether r came with a session cookie that is no longer valid.
func expired(r *http.Request) bool {
	b, _ := r.Context().Value(expiredKey).(bool)
	return b
}

// loadSession finds the visitor from the session cookie. A cookie that no
// longer names a live session is cleared and the request marked expired.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.visitorFor(r.Context(), c.Value)
		ctx := r.Context()
		switch {
		case err == nil:
			ctx = context.WithValue(ctx, visitorKey, v)
		case court.KindOf(err) == court.Internal:
			s.fail(w, r, err)
			return
		default:
			s.clearCookie(w, r, sessionCookie)
			ctx = context.WithValue(ctx, expiredKey, true)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// visitorFor loads the session of token, its user and scope; an unknown,
// expired or disabled session is an error of kind NotFound or Forbidden.
func (s *Server) visitorFor(ctx context.Context, token string) (*visitor, error) {
	if !auth.WellFormedToken(token) {
		return nil, court.Errorf(court.NotFound, "会话无效")
	}
	hash := auth.HashToken(token)
	now := s.now()
	if v := s.sessions.get(hash, now); v != nil && !s.cfg.Sessions.Expired(v.Session, now) {
		return v, nil
	}
	s.sessions.drop(hash)
	sess, err := s.accounts.Session(ctx, hash)
	if err != nil {
		return nil, err
	}
	if s.cfg.Sessions.Expired(sess, now) {
		return nil, s.endSession(ctx, hash, court.Errorf(court.NotFound, "会话已过期"))
	}
	u, err := s.accounts.UserByID(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	x, err := s.loadOrg(ctx)
	if err != nil {
		return nil, err
	}
	scope, err := auth.NewScope(u, x.links())
	if err != nil {
		return nil, s.endSession(ctx, hash, err)
	}
	if s.cfg.Sessions.NeedsTouch(sess, now) {
		if err := s.accounts.TouchSession(ctx, hash, now); err != nil {
			return nil, err
		}
		sess.SeenAt = now
	}
	v := &visitor{User: u, Scope: scope, Session: sess, token: token}
	s.sessions.put(hash, v, now)
	return v, nil
}

// endSession deletes a session that may no longer be used and returns why.
func (s *Server) endSession(ctx context.Context, hash string, why error) error {
	s.sessions.drop(hash)
	if err := s.accounts.DeleteSession(ctx, hash); err != nil && court.KindOf(err) != court.NotFound {
		return err
	}
	return why
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	s.setCookie(w, r, name, "", -1)
}

// csrfOK reports whether a POST carries the session's CSRF token, in the
// form field csrf or the X-CSRF-Token header that htmx sends.
func csrfOK(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return want != "" && auth.EqualTokens(got, want)
}
