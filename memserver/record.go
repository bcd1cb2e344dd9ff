package memserver

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
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
	// Path is the request's path, RawQuery its query string. RawPath is
	// the path as it was sent, set only when it differs from Path's plain
	// escaping (as url.URL.RawPath is): an escaped "/" inside a segment,
	// as in /api/examples/oas%2Fhttpbin, is one segment there and two in
	// Path.
	Path     string      `json:"path"`
	RawPath  string      `json:"raw_path,omitempty"`
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
		RawPath:      c.r.URL.RawPath,
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

// journalEntry is ex as the journal keeps it. The body of a request nobody
// the Server knows sent is not kept, so that anyone who can reach the port
// cannot fill the memory with bodies; credentials are redacted unless
// WithRequestLogSecrets shows them. (An observer sees the exchange whole.)
func (c *call) journalEntry(ex Exchange) Exchange {
	if c.user == nil && !c.admin && !c.node {
		ex.Body = nil
	}
	if !c.s.cfg.logSecrets {
		ex.Header = redactHeader(ex.Header)
		ex.Body = redactJSON(ex.Body)
		ex.ResponseBody = redactJSON(ex.ResponseBody)
	}
	return ex
}

// size is what an exchange costs the journal, about: its bodies, its
// header and a fixed part for the rest.
func (ex *Exchange) size() int64 {
	n := int64(len(ex.Body)+len(ex.ResponseBody)+len(ex.Path)+len(ex.RawQuery)) + 512
	for k, vs := range ex.Header {
		n += int64(len(k))
		for _, v := range vs {
			n += int64(len(v)) + 16
		}
	}
	return n
}

// requestLog keeps the latest exchanges, at most size of them and at most
// maxBytes of them (Exchange.size), dropping the oldest first and counting
// what it dropped. Its mutex is the Server's own: servers never share it.
type requestLog struct {
	mu       sync.Mutex
	size     int
	maxBytes int64
	queue    []Exchange // oldest first, from head
	head     int
	bytes    int64
	dropped  int64
}

func (l *requestLog) init(size int, maxBytes int64) {
	if size < 0 {
		size = 0
	}
	l.size, l.maxBytes = size, maxBytes
}

func (l *requestLog) add(ex Exchange) {
	if l.size == 0 {
		return
	}
	n := ex.size()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.maxBytes > 0 && n > l.maxBytes {
		// Larger than the whole journal: kept without its bodies.
		ex.Body, ex.ResponseBody = nil, nil
		n = ex.size()
	}
	l.queue = append(l.queue, ex)
	l.bytes += n
	for len(l.queue)-l.head > l.size || (l.maxBytes > 0 && l.bytes > l.maxBytes && len(l.queue)-l.head > 1) {
		l.bytes -= l.queue[l.head].size()
		l.queue[l.head] = Exchange{} // let its bodies go
		l.head++
		l.dropped++
	}
	if l.head > len(l.queue)/2 && l.head > 64 {
		l.queue = append(l.queue[:0:0], l.queue[l.head:]...)
		l.head = 0
	}
}

// all returns the kept exchanges, oldest first.
func (l *requestLog) all() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Exchange(nil), l.queue[l.head:]...)
}

// RequestsDropped is how many exchanges the journal's bounds (the number
// of WithRequestLogSize and the bytes of WithRequestLogBytes) have dropped,
// oldest first, since it was last cleared.
func (s *Server) RequestsDropped() int64 {
	d, _ := s.reqlog.stats()
	return d
}

// stats are the journal's count of dropped exchanges and the bytes it
// holds.
func (l *requestLog) stats() (dropped, bytes int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped, l.bytes
}

func (l *requestLog) clear() {
	l.mu.Lock()
	l.queue, l.head, l.bytes, l.dropped = nil, 0, 0, 0
	l.mu.Unlock()
}

// redacted stands for a secret in the journal.
const redacted = "[redacted]"

// secretHeaders are the request headers that carry credentials.
var secretHeaders = []string{"Authorization", "Admin-Auth", "Cookie", "Set-Cookie", "X-Tyk-Authorization", "Proxy-Authorization", "X-Memserver-Control-Secret"}

func redactHeader(h http.Header) http.Header {
	var out http.Header
	for _, name := range secretHeaders {
		if _, ok := h[name]; !ok {
			continue
		}
		if out == nil {
			out = h.Clone()
		}
		out[name] = []string{redacted}
	}
	if out == nil {
		return h
	}
	return out
}

// secretMember reports whether a JSON member holds a secret: a password, a
// user's API secret (access_key), a secret or an API key.
func secretMember(name string) bool {
	n := strings.ToLower(name)
	return n == "password" || strings.HasSuffix(n, "_password") || n == "secret" || strings.HasSuffix(n, "_secret") ||
		n == "access_key" || n == "api_key" || n == "apikey"
}

// redactJSON replaces the values of secret members of a JSON body,
// wherever they are nested: a member whose name secretMember names and
// whose value is a non-empty string gets the string redacted instead. A body
// that has nothing to redact is returned as it is.
//
// The body is scanned once and copied as it is but for the redacted values,
// rather than decoded and encoded again: an API definition mentions secret
// members (its auth configurations), and decoding every answer that holds
// one made a journalled GET /api/apis/{id} cost 279 µs and 647 allocations
// against 36 µs and 63 without the journal. A body that is not JSON is
// redacted as far as it looks like JSON.
func redactJSON(b []byte) []byte {
	// An escaped name ("pass\u0077ord") hides from mayHoldSecret: a body
	// with an escape is scanned anyway.
	if len(b) == 0 || !mayHoldSecret(b) && bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	var out []byte
	done := 0 // b[:done] is in out
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end := stringEnd(b, i)
		if end < 0 {
			break
		}
		// A string followed by a colon is a member's name.
		colon := skipSpace(b, end)
		if colon >= len(b) || b[colon] != ':' {
			i = end - 1
			continue
		}
		v := skipSpace(b, colon+1)
		if v >= len(b) || b[v] != '"' || !mayBeSecretName(b[i:end]) {
			i = colon
			continue
		}
		vend := stringEnd(b, v)
		if vend < 0 {
			break
		}
		if vend-v > 2 { // not ""
			out = append(out, b[done:v]...)
			out = append(out, `"`+redacted+`"`...)
			done = vend
		}
		i = vend - 1
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

// stringEnd returns the index after the JSON string that starts at b[i],
// or -1 when it does not end.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// mayBeSecretName reports whether a quoted member name is a secret
// member's, reading it as a string only when it could be one.
func mayBeSecretName(quoted []byte) bool {
	if !mayHoldSecret(quoted) && bytes.IndexByte(quoted, '\\') < 0 {
		return false
	}
	return secretMember(memberName(quoted))
}

// memberName is the name a quoted member name stands for: escapes (a
// "pass\u0077ord") are read as encoding/json reads them.
func memberName(quoted []byte) string {
	inner := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner)
	}
	var name string
	if json.Unmarshal(quoted, &name) != nil {
		return string(inner)
	}
	return name
}

// secretWords are what a secret member's name contains, in lower case.
var secretWords = []string{"password", "secret", "access_key", "api_key", "apikey"}

// mayHoldSecret reports whether b mentions a secret member's name, in any
// case, without copying b.
func mayHoldSecret(b []byte) bool {
	for i := range b {
		c := b[i] | 0x20
		if c != 'p' && c != 's' && c != 'a' {
			continue
		}
		for _, w := range secretWords {
			if len(b)-i >= len(w) && c == w[0] && bytes.EqualFold(b[i:i+len(w)], []byte(w)) {
				return true
			}
		}
	}
	return false
}
