package web

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zhixiao/zhixiao/internal/auth"
	"github.com/zhixiao/zhixiao/internal/court"
	"github.com/zhixiao/zhixiao/internal/indicator"
)

// Config is how the web app behaves; build it in run() and pass it to New.
type Config struct {
	// SecureCookies marks cookies Secure on every request. Without it they
	// are Secure when the request came over TLS, or through a trusted proxy
	// that says X-Forwarded-Proto: https.
	SecureCookies bool
	// TrustProxy honours X-Forwarded-Proto and X-Forwarded-For from the
	// reverse proxy in front of the server.
	TrustProxy bool
	Limits     auth.Limits
	Sessions   auth.SessionPolicy
	Passwords  auth.Params
	Now        func() time.Time
	Log        *slog.Logger
}

// DefaultConfig is the production configuration.
func DefaultConfig() Config {
	return Config{
		Limits:    auth.DefaultLimits(),
		Sessions:  auth.DefaultSessionPolicy(),
		Passwords: auth.DefaultParams(),
		Now:       time.Now,
		Log:       slog.Default(),
	}
}

// Deps are the services the web app runs on.
type Deps struct {
	Accounts Accounts
	Data     Data
	Engine   *indicator.Engine  // nil until the snapshot is built; see SetEngine
	AsOf     court.Date         // the data's latest day (store.DB.LatestDay); see SetEngine
	Bands    *indicator.BandSet // the default bands (示意 or a file), served while the court has saved none; nil for none
	// BandStore keeps the bands the court sets on /bands; nil serves Bands
	// read-only. See LoadBands.
	BandStore BandStore
	// DefinitionStore keeps the indicator versions the court adds on
	// /indicators/definitions; nil serves the default definitions
	// read-only. See LoadDefinitions.
	DefinitionStore DefinitionStore

	// The stores of the modules of issues 6–10; nil leaves a module's pages
	// out. *store.DB implements each.
	Assessment  AssessmentStore
	Supervision SupervisionStore
	Petitions   PetitionsStore
	Documents   DocumentsStore
	Deid        DeidStore
	Judgments   JudgmentsStore
}

// Server is the web app.
type Server struct {
	cfg      Config
	accounts Accounts
	data     Data
	engine   atomic.Pointer[indicator.Engine]
	asOf     atomic.Int32                      // court.Date of the data's latest day, 0 while unknown
	bands    atomic.Pointer[indicator.BandSet] // the bands tiles are judged against; nil for none
	defBands *indicator.BandSet                // served while the court has saved none
	bandDB   BandStore
	bandMu   sync.Mutex // one band save at a time
	defDB    DefinitionStore
	defs     atomic.Pointer[indicator.Definitions] // the default definitions with the court's versions; nil until loaded
	defMu    sync.Mutex                            // one definitions change (load, SetEngine) at a time
	defSave  sync.Mutex                            // one version add at a time
	figures  figureCache
	sessions sessionCache
	pages    *pages
	assets   *assets
	handler  http.Handler
	dummy    string // a password hash to verify against for unknown logins
	mods     modules
}

// New builds the web app: it parses every template and hashes every static
// file, so that a broken template stops the start, not a request.
func New(cfg Config, deps Deps) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, accounts: deps.Accounts, data: deps.Data, defBands: deps.Bands, bandDB: deps.BandStore, defDB: deps.DefinitionStore, assets: a}
	s.bands.Store(deps.Bands)
	s.SetEngine(deps.Engine, deps.AsOf)
	if s.pages, err = loadPages(a); err != nil {
		return nil, err
	}
	if err := s.initModules(deps); err != nil {
		return nil, err
	}
	s.dummy = auth.HashPassword("dummy-password-1", cfg.Passwords)
	mux := http.NewServeMux()
	s.routes(mux)
	s.handler = s.secureHeaders(s.crossOrigin(s.loadSession(mux)))
	return s, nil
}

// SetEngine replaces the indicator engine and the data's latest day, after
// an import or once the snapshot built at start-up is ready; requests in
// flight keep the old engine. An engine built with other definitions than
// those loaded by LoadDefinitions is served with the loaded ones.
func (s *Server) SetEngine(e *indicator.Engine, asOf court.Date) {
	s.defMu.Lock()
	defer s.defMu.Unlock()
	if d := s.defs.Load(); e != nil && d != nil && e.Definitions() != d {
		e, _ = indicator.NewEngine(e.Snapshot(), d) // never fails with definitions given
	}
	s.asOf.Store(int32(asOf))
	s.engine.Store(e)
}

// ServeHTTP serves the web app.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Second) }
