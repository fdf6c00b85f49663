package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/zhixiao/zhixiao/internal/deid"
)

// The results of de-identification wait in memory, never on disk or in the
// database, for deidKeep, so that the user can read the report and download
// the copy; only their owner sees them. At most deidMaxResults results and
// deidMaxBytes bytes are kept: the oldest go first.
const (
	deidKeep       = 15 * time.Minute
	deidMaxResults = 64
	deidMaxBytes   = 256 << 20
	deidMaxBody    = deid.MaxInput + 2<<20 // the file, a parties list and the form
)

// deidResult is one de-identification waiting to be downloaded.
type deidResult struct {
	token   string
	owner   int64
	name    string // the uploaded file's name
	format  deid.Format
	opt     deid.Options
	out     []byte
	res     deid.Result
	record  deid.Record
	created time.Time
}

func (r *deidResult) size() int { return len(r.out) + len(r.res.Text) + 64*len(r.res.Changes) }

// deidResults are the results waiting, by token.
type deidResults struct {
	mu      sync.Mutex
	byToken map[string]*deidResult
	order   []string // oldest first
	bytes   int
}

func newDeidResults() *deidResults { return &deidResults{byToken: map[string]*deidResult{}} }

// put keeps r under a new random token and returns it.
func (rs *deidResults) put(r *deidResult, now time.Time) string {
	b := make([]byte, 16)
	rand.Read(b)
	r.token = hex.EncodeToString(b)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.expire(now)
	for len(rs.order) > 0 && (len(rs.order) >= deidMaxResults || rs.bytes+r.size() > deidMaxBytes) {
		rs.drop(rs.order[0])
	}
	rs.byToken[r.token] = r
	rs.order = append(rs.order, r.token)
	rs.bytes += r.size()
	return r.token
}

// get returns the result of token if owner made it and it has not expired.
func (rs *deidResults) get(token string, owner int64, now time.Time) (*deidResult, bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.expire(now)
	r, ok := rs.byToken[token]
	if !ok || r.owner != owner {
		return nil, false
	}
	return r, true
}

func (rs *deidResults) expire(now time.Time) {
	for len(rs.order) > 0 && now.Sub(rs.byToken[rs.order[0]].created) > deidKeep {
		rs.drop(rs.order[0])
	}
}

func (rs *deidResults) drop(token string) {
	if r, ok := rs.byToken[token]; ok {
		rs.bytes -= r.size()
		delete(rs.byToken, token)
	}
	for i, t := range rs.order {
		if t == token {
			rs.order = append(rs.order[:i], rs.order[i+1:]...)
			break
		}
	}
}

// limitBody refuses a request body over n bytes before h reads it. For a
// signed-in visitor it reads the multipart form itself, all in memory (so
// that no part goes to a temporary file), and answers 413 when the body
// turns out too long.
func limitBody(n int64, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			http.Error(w, "上传内容过大：文书不能超过 20 MB", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		if visitorOf(r) != nil {
			var tooLarge *http.MaxBytesError
			if err := r.ParseMultipartForm(n); errors.As(err, &tooLarge) {
				http.Error(w, "上传内容过大：文书不能超过 20 MB", http.StatusRequestEntityTooLarge)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}
