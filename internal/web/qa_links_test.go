package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var qaHref = regexp.MustCompile(`<a [^>]*href="(/[^"#]*)"`)

// qaLinksOpen fails for every link in the main part of path that c is refused: a page must
// not offer what its visitor may not open.
func qaLinksOpen(t *testing.T, c *client, who, path string) {
	t.Helper()
	page := c.get(path)
	if page.status != http.StatusOK {
		t.Fatalf("%s %s: %d", who, path, page.status)
	}
	main := page.body[strings.Index(page.body, "<main>")+1:] // the navigation has tests of its own
	for _, m := range qaHref.FindAllStringSubmatch(main, -1) {
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.HasPrefix(link, "/static/") {
			continue
		}
		if r := c.get(link); r.status == http.StatusForbidden || r.status == http.StatusNotFound || r.status >= 500 {
			t.Errorf("%s: %s links to %s, which answers %d", who, path, link, r.status)
		}
	}
}

// TestPetitionsListLinksOpen: the 群众诉求 page offers 月通报, 接待日 and
// 满意度 only to the roles that may open them (a judge was shown all three
// and got 403).
func TestPetitionsListLinksOpen(t *testing.T) {
	e := petitionsEnv(t)
	for _, login := range []string{"yz", "sgb", "tz1", "fg", "jj", "zz", "lian"} {
		qaLinksOpen(t, e.loggedIn(login), login, "/petitions")
	}
}
