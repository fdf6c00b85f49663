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
	mux.Handle("GET /units/{kind}/{id}", s.member(s.dashboard))
	mux.Handle("GET /units/{kind}/{id}/cases/{set}", s.member(s.unitCaseList))
	mux.Handle("GET /units/{kind}/{id}/indicators/{ind}", s.member(s.indicatorGet))
	mux.Handle("GET /units/{kind}/{id}/indicators/{ind}/cases", s.member(s.drillGet))
	mux.Handle("GET /cases/{no}", s.member(s.casePageGet))

	mux.Handle("GET /admin/users", s.admin(s.users))
	mux.Handle("POST /admin/users", s.admin(s.addUserPost))
	mux.Handle("POST /admin/users/{id}/disable", s.admin(s.disableUser))
	mux.Handle("POST /admin/users/{id}/enable", s.admin(s.enableUser))
	mux.Handle("POST /admin/users/{id}/password", s.admin(s.resetPasswordPost))
	mux.Handle("GET /admin/audit", s.admin(s.auditLog))

	mux.Handle("/", s.public(s.notFound))
}
