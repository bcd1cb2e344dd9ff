package memserver

import (
	"net/http"
	"sync"
	"time"
)

// Exchange is one request the Server answered and its answer.
type Exchange struct {
	// Time is when the request arrived (real time, not the Server's
	// clock); Duration how long answering it took.
	Time     time.Time     `json:"time"`
	Duration time.Duration `json:"duration_ns"`
	Method   string        `json:"method"`
	// Path is the request's path, RawQuery its query string.
	Path     string      `json:"path"`
	RawQuery string      `json:"query,omitempty"`
	Header   http.Header `json:"header"`
	Body     []byte      `json:"body,omitempty"`
	// Route is the pattern that answered ("GET /api/apis/{id}"), empty when
	// none matched or a fault answered.
	Route string `json:"route,omitempty"`
	// Fault is set when an injected fault answered the request.
	Fault        bool   `json:"fault,omitempty"`
	Status       int    `json:"status"`
	ContentType  string `json:"content_type,omitempty"`
	ResponseBody []byte `json:"response_body,omitempty"`
}

func (c *call) exchange(start time.Time) Exchange {
	ex := Exchange{
		Time:         start,
		Duration:     time.Since(start),
		Method:       c.r.Method,
		Path:         c.r.URL.Path,
		RawQuery:     c.r.URL.RawQuery,
		Header:       c.r.Header,
		Body:         c.body,
		Fault:        c.fault,
		Status:       c.status,
		ContentType:  c.respType,
		ResponseBody: c.respBody,
	}
	if c.route != nil {
		ex.Route = c.route.pattern()
	}
	return ex
}

// requestLog keeps the latest exchanges in a ring. Its mutex is the
// Server's own: servers never share it.
type requestLog struct {
	mu   sync.Mutex
	size int
	ring []Exchange
	next int
	full bool
}

func (l *requestLog) init(size int) {
	if size < 0 {
		size = 0
	}
	l.size = size
}

func (l *requestLog) add(ex Exchange) {
	if l.size == 0 {
		return
	}
	l.mu.Lock()
	if len(l.ring) < l.size {
		l.ring = append(l.ring, ex)
	} else {
		l.ring[l.next] = ex
		l.full = true
	}
	l.next = (l.next + 1) % l.size
	l.mu.Unlock()
}

// all returns the kept exchanges, oldest first.
func (l *requestLog) all() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Exchange, 0, len(l.ring))
	if l.full {
		out = append(out, l.ring[l.next:]...)
		out = append(out, l.ring[:l.next]...)
	} else {
		out = append(out, l.ring...)
	}
	return out
}

func (l *requestLog) clear() {
	l.mu.Lock()
	l.ring, l.next, l.full = nil, 0, false
	l.mu.Unlock()
}
