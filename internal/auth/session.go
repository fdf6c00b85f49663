package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// TokenBytes is the number of random bytes in a session or CSRF token.
const TokenBytes = 32

// NewToken returns a fresh random token (base64url, 43 characters) and the
// hash under which the store keeps it: a stolen copy of the sessions table
// does not let anyone in.
func NewToken() (token, hash string) {
	b := make([]byte, TokenBytes)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the hex SHA-256 of a token.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// WellFormedToken reports whether s could be a token made by NewToken, so
// that junk cookies are turned away before they reach the store.
func WellFormedToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(TokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// EqualTokens compares two tokens in constant time.
func EqualTokens(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Session is a signed-in browser. The token itself lives only in the
// cookie; the store keeps its hash.
type Session struct {
	TokenHash string
	UserID    int64
	CSRF      string // per-session token every POST must carry
	CreatedAt time.Time
	SeenAt    time.Time // last request, updated at most once a TouchEvery
	ExpiresAt time.Time // absolute end
	IP        string
}

// SessionPolicy fixes how long sessions live.
type SessionPolicy struct {
	Idle       time.Duration // without a request
	Absolute   time.Duration // from sign-in
	TouchEvery time.Duration // how often SeenAt is written back
}

// DefaultSessionPolicy ends a session after 2 hours idle or 12 hours in all.
func DefaultSessionPolicy() SessionPolicy {
	return SessionPolicy{Idle: 2 * time.Hour, Absolute: 12 * time.Hour, TouchEvery: time.Minute}
}

// NewSession starts a session for user at now and returns it with the
// token to put in the cookie.
func (p SessionPolicy) NewSession(userID int64, ip string, now time.Time) (Session, string) {
	token, hash := NewToken()
	csrf, _ := NewToken()
	now = now.UTC().Truncate(time.Second)
	return Session{
		TokenHash: hash, UserID: userID, CSRF: csrf,
		CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(p.Absolute), IP: ip,
	}, token
}

// Expired reports whether s has ended at now, idle or absolute.
func (p SessionPolicy) Expired(s Session, now time.Time) bool {
	return !now.Before(s.ExpiresAt) || now.Sub(s.SeenAt) >= p.Idle
}

// NeedsTouch reports whether SeenAt is old enough to be written back.
func (p SessionPolicy) NeedsTouch(s Session, now time.Time) bool {
	return now.Sub(s.SeenAt) >= p.TouchEvery
}
