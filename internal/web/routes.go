package web

import "net/http"

// routes lists every route of the web app.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/{file...}", s.assets.serve)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })

	mux.Handle("GET /login", s.public(s.loginForm))
	mux.Handle("POST /login", s.public(s.login))
	mux.Handle("POST /logout", s.member(s.logout))
	mux.Handle("GET /account/password", s.member(s.passwordForm))
	mux.Handle("POST /account/password", s.member(s.passwordPost))

	mux.Handle("GET /{$}", s.member(s.home))
	for _, rt := range s.dataRoutes() {
		mux.Handle(rt.pattern, s.member(rt.h))
	}
	mux.Handle("POST /bands", s.member(s.bandsPost))
	mux.Handle("POST /indicators/definitions", s.member(s.definitionsPost))

	mux.Handle("GET /admin/users", s.admin(s.users))
	mux.Handle("POST /admin/users", s.admin(s.addUserPost))
	mux.Handle("POST /admin/users/{id}/disable", s.admin(s.disableUser))
	mux.Handle("POST /admin/users/{id}/enable", s.admin(s.enableUser))
	mux.Handle("POST /admin/users/{id}/password", s.admin(s.resetPasswordPost))
	mux.Handle("GET /admin/audit", s.admin(s.auditLog))

	s.moduleRoutes(mux)

	mux.Handle("/", s.public(s.notFound))
}

// route is a pattern and its handler.
type route struct {
	pattern string
	h       memberFunc
}

// dataRoutes are the routes that show court data. Each resolves its unit or
// case through the visitor's scope, or (the bands and the definitions)
// needs a scope of the whole court; scope_test.go proves for every one that
// a 庭长 of 民一庭 is refused 民二庭.
func (s *Server) dataRoutes() []route {
	return []route{
		{"GET /units/{kind}/{id}", s.dashboard},
		{"GET /units/{kind}/{id}/cases/{set}", s.unitCaseList},
		{"GET /units/{kind}/{id}/indicators/{ind}", s.indicatorGet},
		{"GET /units/{kind}/{id}/indicators/{ind}/cases", s.drillGet},
		{"GET /cases/{no}", s.casePageGet},
		{"GET /bands", s.bandsGet},
		{"GET /indicators/definitions", s.definitionsGet},
	}
}
