package memserver

import (
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Match selects the requests a fault applies to.
type Match struct {
	// Method is the HTTP method; empty matches any.
	Method string `json:"method,omitempty"`
	// Path is the request path. A segment written {name} matches any one
	// segment, and a final "*" matches any rest: "/api/apis/{id}",
	// "/api/keys*". Empty matches every path.
	Path string `json:"path,omitempty"`
}

// Fault is what happens to a matching request.
type Fault struct {
	// Status, when not 0, answers the request with this status instead of
	// serving it.
	Status int `json:"status,omitempty"`
	// Body is the answer's body; empty means the Dashboard's error envelope
	// with the message "injected fault".
	Body string `json:"body,omitempty"`
	// Latency delays the request (served or not) by this long.
	Latency time.Duration `json:"latency,omitempty"`
	// Count is how many requests the fault applies to; 0 means every one.
	Count int `json:"count,omitempty"`
	// Probability, between 0 and 1, is the chance that a matching request
	// gets the fault; 0 means always.
	Probability float64 `json:"probability,omitempty"`
}

type faultRule struct {
	id    int64
	match Match
	fault Fault
	used  atomic.Int64
}

// faultSet holds the injected faults. Requests read it with one atomic load
// and no lock; changes copy the list.
type faultSet struct {
	mu     sync.Mutex
	nextID int64
	rules  atomic.Pointer[[]*faultRule]
}

func (fs *faultSet) add(m Match, f Fault) int64 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.nextID++
	r := &faultRule{id: fs.nextID, match: m, fault: f}
	var list []*faultRule
	if old := fs.rules.Load(); old != nil {
		list = append(list, *old...)
	}
	list = append(list, r)
	fs.rules.Store(&list)
	return r.id
}

func (fs *faultSet) remove(id int64) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	old := fs.rules.Load()
	if old == nil {
		return
	}
	var list []*faultRule
	for _, r := range *old {
		if r.id != id {
			list = append(list, r)
		}
	}
	fs.rules.Store(&list)
}

func (fs *faultSet) clear() { fs.rules.Store(nil) }

func (fs *faultSet) list() []FaultInfo {
	var out []FaultInfo
	if rules := fs.rules.Load(); rules != nil {
		for _, r := range *rules {
			out = append(out, FaultInfo{ID: r.id, Match: r.match, Fault: r.fault, Used: int(r.used.Load())})
		}
	}
	return out
}

// FaultInfo describes an injected fault and how many requests it has hit.
type FaultInfo struct {
	ID    int64 `json:"id"`
	Match Match `json:"match"`
	Fault Fault `json:"fault"`
	Used  int   `json:"used"`
}

// match returns the first fault that applies to the request, counting it as
// used.
func (fs *faultSet) match(method, path string) *faultRule {
	rules := fs.rules.Load()
	if rules == nil {
		return nil
	}
	// The control routes are never faulted: a test must always be able to
	// remove a fault it set.
	if strings.HasPrefix(path, "/_memserver/") {
		return nil
	}
	for _, r := range *rules {
		if r.match.Method != "" && !strings.EqualFold(r.match.Method, method) {
			continue
		}
		if !pathMatches(r.match.Path, path) {
			continue
		}
		if p := r.fault.Probability; p > 0 && p < 1 && rand.Float64() >= p {
			continue
		}
		if n := r.fault.Count; n > 0 {
			if r.used.Add(1) > int64(n) {
				continue
			}
		} else {
			r.used.Add(1)
		}
		return r
	}
	return nil
}

// pathMatches matches path against a fault's pattern.
func pathMatches(pattern, path string) bool {
	if pattern == "" {
		return true
	}
	if rest, ok := strings.CutSuffix(pattern, "*"); ok {
		if !strings.Contains(rest, "{") {
			return strings.HasPrefix(path, rest)
		}
		ps, qs := splitPath(rest), splitPath(path)
		if len(qs) < len(ps) {
			return false
		}
		return segmentsMatch(ps, qs[:len(ps)])
	}
	if !strings.Contains(pattern, "{") {
		return strings.TrimSuffix(pattern, "/") == strings.TrimSuffix(path, "/")
	}
	ps, qs := splitPath(pattern), splitPath(path)
	return len(ps) == len(qs) && segmentsMatch(ps, qs)
}

func segmentsMatch(ps, qs []string) bool {
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			continue
		}
		if p != qs[i] {
			return false
		}
	}
	return true
}

// applyFault applies f to the request and reports whether it answered it.
func (s *Server) applyFault(c *call, f *faultRule) bool {
	if d := f.fault.Latency; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-c.r.Context().Done():
			t.Stop()
		}
	}
	if f.fault.Status == 0 {
		return false
	}
	c.fault = true
	if f.fault.Body == "" {
		c.fail(f.fault.Status, "injected fault")
		return true
	}
	ct := "application/json"
	if b := strings.TrimSpace(f.fault.Body); !strings.HasPrefix(b, "{") && !strings.HasPrefix(b, "[") {
		ct = "text/plain; charset=utf-8"
	}
	c.raw(f.fault.Status, ct, []byte(f.fault.Body))
	return true
}

// InjectFault makes the requests that match m fail or slow down as f says,
// until the returned function removes it (or Reset or ClearFaults removes
// every fault). Faults are tried in the order they were injected.
func (s *Server) InjectFault(m Match, f Fault) (remove func()) {
	id := s.faults.add(m, f)
	return func() { s.faults.remove(id) }
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults lists the injected faults.
func (s *Server) Faults() []FaultInfo { return s.faults.list() }
