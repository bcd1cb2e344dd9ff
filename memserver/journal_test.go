package memserver_test

import (
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// TestJournalRedacts: by default the request journal shows no credential:
// Authorization and admin-auth headers, and passwords, secrets and access
// keys in bodies (asked for and answered), are redacted; the rest of a body
// stays. WithRequestLogSecrets shows them.
func TestJournalRedacts(t *testing.T) {
	t.Parallel()
	for _, show := range []bool{false, true} {
		srv := newServer(t, memserver.WithRequestLogSecrets(show), memserver.WithPasswordCost(4))
		a := call(t, srv, "POST", "/api/users", map[string]any{"email_address": "p@example.com", "password": "hunter2-secret-pw",
			"user_permissions": map[string]string{"apis": "read"}})
		want(t, a, http.StatusOK)
		id := a.JSON(t)["Meta"].(string)
		want(t, call(t, srv, "GET", "/api/users/"+id, nil), http.StatusOK)
		want(t, adminCall(t, srv, "GET", "/admin/organisations", nil), http.StatusOK)
		var u model.User
		call(t, srv, "GET", "/api/users/"+id, nil).Into(t, &u)
		text := fmt.Sprintf("%+v", srv.Requests())
		got := call(t, srv, "GET", "/_memserver/requests", nil)
		text += string(got.Body)
		for _, secret := range []string{"hunter2-secret-pw", srv.Secret, srv.AdminSecret, u.AccessKey} {
			if strings.Contains(text, secret) != show {
				t.Errorf("show=%v: journal has %q: %v", show, secret, strings.Contains(text, secret))
			}
		}
		if !strings.Contains(text, "p@example.com") {
			t.Errorf("the journal lost what is not a secret")
		}
	}
}

// TestJournalBounded: the journal keeps at most its bytes, dropping the
// oldest first, and says how many it dropped; the bodies of requests that
// are not authenticated are not kept at all.
func TestJournalBounded(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithRequestLogBytes(1<<20))
	body := strings.Repeat("x", 200<<10)
	for i := 0; i < 10; i++ {
		callAs(t, srv, srv.Secret, "POST", "/api/apis", `{"name":"`+body+`"}`)
	}
	reqs := srv.Requests()
	total := 0
	for _, r := range reqs {
		total += len(r.Body) + len(r.ResponseBody)
	}
	if total > 1<<20 || len(reqs) >= 10 || len(reqs) == 0 {
		t.Fatalf("%d exchanges, %d bytes of bodies: over the 1 MiB bound", len(reqs), total)
	}
	a := call(t, srv, "GET", "/_memserver/requests", nil)
	dropped, _ := strconv.Atoi(a.Header.Get("X-Memserver-Requests-Dropped"))
	if dropped != 10-len(reqs) || srv.RequestsDropped() != int64(dropped) {
		t.Fatalf("dropped %q (%d), want %d", a.Header.Get("X-Memserver-Requests-Dropped"), srv.RequestsDropped(), 10-len(reqs))
	}
	want(t, call(t, srv, "DELETE", "/_memserver/requests", nil), http.StatusOK)
	callAs(t, srv, "not-a-secret", "POST", "/api/apis", `{"name":"`+body+`"}`)
	callAs(t, srv, "", "PUT", "/no/such/route", body)
	for _, r := range srv.Requests() {
		if len(r.Body) != 0 {
			t.Fatalf("the body of an unauthenticated %s %s was kept (%d bytes)", r.Method, r.Path, len(r.Body))
		}
	}
	if len(srv.Requests()) != 2 {
		t.Fatalf("%d exchanges, want the two refused ones (without bodies)", len(srv.Requests()))
	}
}

// TestMemoryBoundedUnderTraffic: 40 requests of 1 MiB bodies, half of
// them unauthenticated, keep the journal and the audit log under their byte
// bounds: the heap after GC grows by less than the two bounds (1 MiB each
// here) and a wide margin, where without the bounds it grew by every body
// (40 MiB). 10,000 requests took minutes under -race on a loaded machine;
// 40 carry the same bodies through the same bounds, 20 times over.
func TestMemoryBoundedUnderTraffic(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 40 MiB of bodies")
	}
	const bound = 1 << 20
	// memserver.NewTest, not newServer: the contract check's observer sees
	// every exchange, and this test measures the Server alone.
	srv := memserver.NewTest(t, memserver.WithRequestLogBytes(bound), memserver.WithAuditLogBytes(bound), memserver.WithBodyLimit(2<<20))
	// Refused (a policy needs a name), so that nothing but the journal and
	// the audit log could keep it.
	body := `{"name":"","pad":"` + strings.Repeat("b", 1<<20) + `"}`
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 40; i++ {
		secret := srv.Secret
		if i%2 == 1 {
			secret = ""
		}
		callAs(t, srv, secret, "POST", "/api/portal/policies", body)
	}
	want(t, call(t, srv, "GET", "/api/audit-logs", nil), http.StatusOK) // the queued records are written
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if limit := int64(2*bound + 14<<20); grown > limit {
		t.Fatalf("heap grew %d MiB over 40 requests of 1 MiB; the bounds allow %d MiB", grown>>20, limit>>20)
	}
	kept := 0
	for _, r := range srv.Requests() {
		kept += len(r.Body) + len(r.ResponseBody)
	}
	if kept > bound {
		t.Fatalf("the journal keeps %d bytes of bodies, over its bound of %d", kept, bound)
	}
	t.Logf("heap grew %.1f MiB; the journal keeps %d exchanges, %d bytes of bodies", float64(grown)/(1<<20), len(srv.Requests()), kept)
}

// TestControlSecret: with WithControlSecret the control routes answer 401
// without the secret and work with it, in the header or as a bearer token;
// the Dashboard's own routes are not touched.
func TestControlSecret(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithControlSecret("ctl-s3cret"))
	for _, path := range []string{"/_memserver/health", "/_memserver/requests", "/_memserver/faults"} {
		wantError(t, callAs(t, srv, "", "GET", path, nil), http.StatusUnauthorized, "control secret")
		wantError(t, callAs(t, srv, srv.Secret, "GET", path, nil), http.StatusUnauthorized, "control secret")
		want(t, callAs(t, srv, "Bearer ctl-s3cret", "GET", path, nil), http.StatusOK)
		req := newRequest(t, srv, "GET", path, nil)
		req.Header.Set("X-Memserver-Control-Secret", "ctl-s3cret")
		want(t, send(t, req), http.StatusOK)
	}
	wantError(t, callAs(t, srv, "", "POST", "/_memserver/reset", nil), http.StatusUnauthorized, "control secret")
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	open := newServer(t)
	want(t, callAs(t, open, "", "GET", "/_memserver/health", nil), http.StatusOK)
}

// TestAuditLogBounded: the audit log keeps at most WithAuditLogSize
// records (and WithAuditLogBytes of them), the newest.
func TestAuditLogBounded(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithAuditLogSize(5))
	for i := 0; i < 20; i++ {
		want(t, call(t, srv, "GET", "/api/apis?p="+strconv.Itoa(i+1), nil), http.StatusOK)
	}
	logs := auditLogs(t, srv, "?p=-1")
	if n := len(logs.AuditLogs); n == 0 || n > 5 {
		t.Fatalf("%d audit records, want at most 5", n)
	}
	if !strings.Contains(logs.AuditLogs[0].URL, "p=20") {
		t.Fatalf("the newest record is not kept: %+v", logs.AuditLogs[0])
	}
	small := newServer(t, memserver.WithAuditLogBytes(10<<10))
	for i := 0; i < 20; i++ {
		want(t, call(t, small, "GET", "/api/apis", nil), http.StatusOK)
	}
	if n := len(auditLogs(t, small, "?p=-1").AuditLogs); n > 5 {
		t.Fatalf("%d audit records in 10 KiB", n)
	}
}

// TestJournalHasAnswerOnceClientHasIt: an exchange is in Requests (and was
// seen by the observer) by the time its client has the answer, however large
// the answer: the schemas' hundreds of kilobytes overflow the connection's
// buffer, and were once on the wire before the journal had them.
func TestJournalHasAnswerOnceClientHasIt(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	for i := 0; i < 20; i++ {
		path := "/api/schemas/apidefs?probe=" + strconv.Itoa(i)
		req, err := http.NewRequest("GET", srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", srv.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close() // unread: the answer is the client's once it has the header
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		reqs := srv.Requests()
		if len(reqs) == 0 {
			t.Fatalf("request %d: the client has its answer, the journal is still empty", i)
		}
		last := reqs[len(reqs)-1]
		if last.RawQuery != "probe="+strconv.Itoa(i) || last.Route != "GET /api/schemas/apidefs" || len(last.ResponseBody) < 64<<10 {
			t.Fatalf("request %d: the journal's last exchange is %s %s?%s (route %q, %d bytes)",
				i, last.Method, last.Path, last.RawQuery, last.Route, len(last.ResponseBody))
		}
	}
}
