// Package web is the web app of 质效: routes (all in routes.go), thin
// handlers that parse a form, call one function and render or redirect,
// html/template pages parsed at start-up, embedded static assets served under
// content-hash URLs, and the middleware for security headers, sessions and
// CSRF. Handlers return errors to one place (errors.go), which maps each
// court.ErrorKind to a page and a status with a Chinese message.
//
// Every request for data goes through the visitor's auth.Scope: the query
// functions take the scope and refuse (403) what lies outside it.
package web
