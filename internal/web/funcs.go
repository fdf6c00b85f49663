package web

import (
	"html/template"
	"net/url"
	"strconv"
	"time"
)

// funcs are the template functions.
func funcs(a *assets) template.FuncMap {
	fm := template.FuncMap{
		"asset":    a.URL,
		"datetime": formatTime,
		"add":      func(a, b int) int { return a + b },
		"query":    query,
		"json":     jsonText,
	}
	for _, m := range moduleFuncs() {
		for name, f := range m {
			fm[name] = f
		}
	}
	return fm
}

var shanghai = time.FixedZone("CST", 8*3600)

// formatTime shows a time in China Standard Time, to the second.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(shanghai).Format("2006-01-02 15:04:05")
}

// query builds a query string from key, value pairs, leaving out empty
// values: {{query "page" 2 "actor" .Actor}}.
func query(kv ...any) template.URL {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		var s string
		switch x := kv[i+1].(type) {
		case string:
			s = x
		case int:
			s = strconv.Itoa(x)
		case int64:
			s = strconv.FormatInt(x, 10)
		}
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return template.URL("?" + v.Encode())
}
