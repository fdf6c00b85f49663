package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, each served under a name that
// carries a hash of its content (css/app.3f2a1b9c0d4e.css), so that
// browsers may keep them for a year and still see every new build.
type assets struct {
	byURL  map[string]asset  // "/static/css/app.3f2a1b9c0d4e.css" -> file
	byName map[string]string // "css/app.css" -> URL
}

type asset struct {
	name string
	body []byte
}

func loadAssets() (*assets, error) {
	a := &assets{byURL: map[string]asset{}, byName: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		url := "/static/" + hashedName(name, body)
		a.byURL[url] = asset{name: name, body: body}
		a.byName[name] = url
		return nil
	})
	return a, err
}

// hashedName inserts the first 12 hex digits of the content's SHA-256
// before the extension.
func hashedName(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
}

// URL returns the content-hash URL of a static file, or "" when the file
// is not embedded (the vendor files before scripts/assets.sh ran).
func (a *assets) URL(name string) string { return a.byName[name] }

// serve answers GET /static/{file...}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.body))
}
