package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// pages are the parsed templates, one per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

// view is what every page gets: the layout reads the visitor, the CSRF token
// and the messages; the page reads Data.
type view struct {
	Title   string
	Nav     string // the active navigation entry
	Visitor *visitor
	CSRF    string
	Flash   string
	Error   string
	Data    any
}

// loadPages parses templates/layout.html and the partials with every
// templates/pages/*.html.
func loadPages(a *assets) (*pages, error) {
	base, err := template.New("").Funcs(funcs(a)).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		p.byName[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return p, nil
}

// render executes page name into a buffer and writes it with status, so that
// a template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v view) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// renderPart executes one named template of a page with data as .Data, for
// a part of a page that is rendered once and kept.
func (s *Server) renderPart(page, name string, data any) (template.HTML, error) {
	t, ok := s.pages.byName[page]
	if !ok {
		return "", fmt.Errorf("web: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, view{Data: data}); err != nil {
		return "", fmt.Errorf("web: render %s of %s: %w", name, page, err)
	}
	return template.HTML(buf.String()), nil
}
