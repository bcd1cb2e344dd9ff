package memserver_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
)

// newServer starts a memserver for t whose every exchange the contract test
// checks against the official description.
func newServer(t testing.TB, opts ...memserver.Option) *memserver.Server {
	t.Helper()
	opts = append([]memserver.Option{memserver.WithObserver(contract.record)}, opts...)
	return memserver.NewTest(t, opts...)
}

// answer is a response read whole.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (a answer) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, a.Body)
	}
	return m
}

// Into decodes the body into v.
func (a answer) Into(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(a.Body, v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, a.Body)
	}
}

// call sends a request with the default admin user's secret. body may be
// nil, a string or []byte (sent as is), or a value encoded as JSON.
func call(t testing.TB, srv *memserver.Server, method, path string, body any) answer {
	t.Helper()
	return callAs(t, srv, srv.Secret, method, path, body)
}

// callAs sends a request with the given Authorization value ("" sends none).
func callAs(t testing.TB, srv *memserver.Server, secret, method, path string, body any) answer {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if secret != "" {
		req.Header.Set("Authorization", secret)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return send(t, req)
}

func send(t testing.TB, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// want fails the test unless a has the status.
func want(t testing.TB, a answer, status int) {
	t.Helper()
	if a.Status != status {
		t.Fatalf("status %d, want %d; body: %s", a.Status, status, a.Body)
	}
}

// wantError checks the error envelope: status, Status "Error", a message
// containing msg and Meta null.
func wantError(t testing.TB, a answer, status int, msg string) {
	t.Helper()
	want(t, a, status)
	m := a.JSON(t)
	if m["Status"] != "Error" || m["Meta"] != nil || len(m) != 3 {
		t.Fatalf("not the error envelope: %s", a.Body)
	}
	if s, _ := m["Message"].(string); !strings.Contains(s, msg) {
		t.Fatalf("message %q does not contain %q", s, msg)
	}
}
