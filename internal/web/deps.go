package web

import (
	"context"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/store"
)

// Accounts is what the web app needs of the store for accounts, sessions,
// login attempts and the audit log. *store.DB implements it; every change
// that the audit log must record takes its entry, written in the same
// transaction.
type Accounts interface {
	UserByLogin(ctx context.Context, login string) (auth.User, string, error)
	UserByID(ctx context.Context, id int64) (auth.User, error)
	Users(ctx context.Context) ([]auth.User, error)
	CreateUser(ctx context.Context, u auth.User, passwordHash string, e auth.AuditEntry) (auth.User, error)
	SetPassword(ctx context.Context, userID int64, passwordHash string, e auth.AuditEntry, keepSession string) error
	SetDisabled(ctx context.Context, userID int64, disabled bool, e auth.AuditEntry) error
	ResolvePost(ctx context.Context, u *auth.User) error

	CreateSession(ctx context.Context, s auth.Session) error
	Session(ctx context.Context, tokenHash string) (auth.Session, error)
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error

	RecordLogin(ctx context.Context, login, ip string, ok bool, at time.Time) error
	FailedLogins(ctx context.Context, login, ip string, since time.Time) (byLogin, byIP int, err error)

	AppendAudit(ctx context.Context, e auth.AuditEntry) error
	AuditLog(ctx context.Context, q auth.AuditQuery) ([]auth.AuditEntry, int, error)
}

// Data is what the web app reads of the court data; *store.DB implements
// it. Every read that lists cases takes the visitor's scope in its filter.
type Data interface {
	Org(ctx context.Context) (store.Org, error)
	CaseSummaries(ctx context.Context, f store.CaseFilter) ([]store.CaseSummary, error)
	CaseRef(ctx context.Context, no string) (auth.CaseRef, error)
	Case(ctx context.Context, no string) (court.Case, error)
	CaseChain(ctx context.Context, no string) ([]store.CaseSummary, error)
	LatestDay(ctx context.Context) (court.Date, error)
}

// BandStore keeps the reference bands the court sets; *store.DB implements
// it. SaveBands writes every change with its audit entry in one transaction.
type BandStore interface {
	Bands(ctx context.Context) ([]store.BandRow, error)
	SaveBands(ctx context.Context, changes []store.BandChange, e auth.AuditEntry) error
}

// DefinitionStore keeps the indicator versions the court adds; *store.DB
// implements it. AddDefinitionVersion writes the version with its audit
// entry in one transaction.
type DefinitionStore interface {
	DefinitionVersions(ctx context.Context) ([]store.DefinitionVersion, error)
	AddDefinitionVersion(ctx context.Context, v store.DefinitionVersion, before string, e auth.AuditEntry) error
}
