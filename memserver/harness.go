package memserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
)

// NewTest starts a Server on 127.0.0.1 on a free port for the test t and
// closes it when the test ends. Its URL, secrets and org are in the returned
// Server's fields.
func NewTest(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := newServer(opts...)
	if err != nil {
		t.Fatalf("memserver: %v", err)
	}
	ts := httptest.NewServer(s)
	s.URL = ts.URL
	s.closeFn = ts.Close
	s.httpClient = ts.Client()
	t.Cleanup(s.Close)
	return s
}

// Start serves s on addr ("127.0.0.1:0" picks a free port) until Close, and
// sets URL. It is NewTest for programs: examples and tools that want a
// Dashboard on a socket without a testing.TB.
func (s *Server) Start(addr string) error {
	if s.closeFn != nil {
		return fmt.Errorf("memserver: already serving at %s", s.URL)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("memserver: listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	s.URL = "http://" + ln.Addr().String()
	s.closeFn = func() { hs.Close() }
	return nil
}

// NewServer is New returning an error instead of panicking when the options
// are inconsistent (such as fixtures that cannot be stored).
func NewServer(opts ...Option) (*Server, error) { return newServer(opts...) }

// HTTPClient returns an *http.Client that sends the default admin user's
// secret with every request that carries no Authorization header of its own.
func (s *Server) HTTPClient() *http.Client {
	base := s.httpClient
	if base == nil {
		base = &http.Client{Transport: s}
	}
	rt := base.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	return &http.Client{Transport: authTransport{secret: s.Secret, next: rt}, Timeout: base.Timeout}
}

// RoundTrip serves req in process, without a socket; it makes a Server an
// http.RoundTripper so that HTTPClient and Client work for a Server created
// with New and never listened on.
func (s *Server) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

type authTransport struct {
	secret string
	next   http.RoundTripper
}

func (a authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", a.secret)
	}
	return a.next.RoundTrip(req)
}

// Client returns a dashkit client for this Server, authenticated as the
// default admin user and with the admin secret.
func (s *Server) Client() *client.Client {
	base := s.URL
	hc := s.httpClient
	if base == "" {
		// Not listening: the client talks to the handler in process.
		base = "http://memserver.invalid"
		hc = &http.Client{Transport: s}
	}
	opts := []client.Option{client.WithSecret(s.Secret), client.WithAdminSecret(s.AdminSecret)}
	if hc != nil {
		opts = append(opts, client.WithHTTPClient(hc))
	}
	c, err := client.New(base, opts...)
	if err != nil {
		// The URL and secrets are the Server's own: a failure is a bug.
		panic(fmt.Sprintf("memserver: client for %s: %v", base, err))
	}
	return c
}

// Requests returns the latest exchanges the Server answered, oldest first
// (at most the request log size; see WithRequestLogSize).
func (s *Server) Requests() []Exchange { return s.reqlog.all() }

// Reset brings the Server back to the state it had when it started (its
// default org and user and the fixtures of WithFixtures), forgets the
// recorded requests and removes every fault. It restores the store's
// snapshot, which costs O(1) however much was stored.
func (s *Server) Reset() error {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	err := s.restoreDroppingAudit(func() error { return s.store.Restore(context.Background(), s.baseline) })
	if err != nil {
		return fmt.Errorf("memserver: reset: %w", err)
	}
	s.reqlog.clear()
	s.faults.clear()
	return nil
}

// Seed stores fixtures in the current state, in one transaction per store:
// when one object is refused, none of the definitions is kept. Reset
// forgets them; use WithFixtures to seed the state Reset returns to.
func (s *Server) Seed(f Fixtures) error {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	if err := s.seed(context.Background(), f); err != nil {
		return fmt.Errorf("memserver: seed: %w", err)
	}
	return nil
}
