package memserver_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
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

// TestMemoryBoundedUnderTraffic: requests of 1 MiB bodies, half of them
// unauthenticated, keep the journal and the audit log under their byte
// bounds: the heap after GC grows by less than the two bounds and a wide
// margin (16 MiB), where without the journal's bound it grows by every
// authenticated body; the audit log holds no more records than its bound
// pays for. By default 80 requests: 40 MiB of bodies to keep through a
// 4 MiB journal (10 times over) and 40 records through a 16 KiB audit log
// (8 records: 5 times over), a few seconds under -race. The full proof is
//
//	DASHKIT_MEMORY_REQUESTS=10000 go test -run TestMemoryBoundedUnderTraffic -v ./memserver/
func TestMemoryBoundedUnderTraffic(t *testing.T) {
	requests := 80
	if v := os.Getenv("DASHKIT_MEMORY_REQUESTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 {
			t.Fatalf("DASHKIT_MEMORY_REQUESTS=%q: want a number of requests, at least 2", v)
		}
		requests = n
	}
	const (
		journalBound = 4 << 20
		auditBound   = 16 << 10
		margin       = 16 << 20
		// auditRecordCost is the least an audit record counts against
		// the bound (memserver's auditRecordCost).
		auditRecordCost = 2048
	)
	// memserver.NewTest, not newServer: the contract check's observer sees
	// every exchange, and this test measures the Server alone.
	srv := memserver.NewTest(t, memserver.WithRequestLogBytes(journalBound), memserver.WithAuditLogBytes(auditBound),
		memserver.WithBodyLimit(2<<20))
	// Refused at its first byte (it is not JSON), so that nothing but the
	// journal and the audit log could keep it, and the time goes to
	// carrying bodies rather than to the JSON scanner (which -race slows
	// some fifteen times).
	body := "not JSON: " + strings.Repeat("b", 1<<20)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	for i := 0; i < requests; i++ {
		secret := srv.Secret
		if i%2 == 1 {
			secret = ""
		}
		callAs(t, srv, secret, "POST", "/api/portal/policies", body)
	}
	took := time.Since(start)
	logs := auditLogs(t, srv, "?p=-1") // the queued records are written first
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if limit := int64(journalBound + auditBound + margin); grown > limit {
		t.Fatalf("heap grew %d MiB over %d requests of 1 MiB; the bounds allow %d MiB", grown>>20, requests, limit>>20)
	}
	kept := 0
	for _, r := range srv.Requests() {
		kept += len(r.Body) + len(r.ResponseBody)
	}
	if kept > journalBound || kept < 1<<20 {
		t.Fatalf("the journal keeps %d bytes of bodies, want at least one body and at most its bound of %d", kept, journalBound)
	}
	if srv.RequestsDropped() == 0 {
		t.Fatal("the journal dropped nothing")
	}
	records := len(logs.AuditLogs)
	if records == 0 || records > auditBound/auditRecordCost {
		t.Fatalf("%d audit records kept of %d audited requests; the bound pays for at most %d", records, requests/2, auditBound/auditRecordCost)
	}
	// The oldest go first: the newest record is the last POST's.
	if newest := logs.AuditLogs[0]; newest.Method != "POST" || newest.URL != "/api/portal/policies" {
		t.Fatalf("the newest audit record is %s %s, not the last request's", newest.Method, newest.URL)
	}
	t.Logf("%d requests in %v; heap grew %.1f MiB (bounds %d MiB + %d KiB); the journal keeps %d exchanges, %.1f MiB of bodies, dropped %d; the audit log keeps %d records",
		requests, took.Round(time.Millisecond), float64(grown)/(1<<20), journalBound>>20, auditBound>>10, len(srv.Requests()), float64(kept)/(1<<20), srv.RequestsDropped(), records)
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

// retryingStore runs every transaction that writes audit records twice,
// the first run rolled back, as a store that retries a serialization
// conflict does (PostgreSQL's, pgstore).
type retryingStore struct{ store.Store }

type auditSpy struct {
	store.DefinitionsTx
	wrote bool
}

func (x *auditSpy) InsertAuditLog(r *model.AuditLog) error {
	x.wrote = true
	return x.DefinitionsTx.InsertAuditLog(r)
}

func (x *auditSpy) DeleteAuditLog(mid string) error {
	return x.DefinitionsTx.(store.AuditLogDeleter).DeleteAuditLog(mid)
}

var errRetry = errors.New("retry")

func (r retryingStore) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	first := true
	for {
		err := r.Store.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
			spy := &auditSpy{DefinitionsTx: tx}
			if err := fn(spy); err != nil {
				return err
			}
			if first && spy.wrote {
				return errRetry
			}
			return nil
		})
		if first && errors.Is(err, errRetry) {
			first = false
			continue
		}
		return err
	}
}

// TestAuditBoundSurvivesRetriedWrites: the audit log's count of what it
// keeps changes only when the write of its records commits. A store that
// runs the write twice (the first run rolled back) once made it count
// every record twice and drop records it had room for: 8 records under a
// bound of 10 left 2.
func TestAuditBoundSurvivesRetriedWrites(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithStore(retryingStore{memstore.New()}), memserver.WithAuditLogSize(10))
	for i := 0; i < 8; i++ {
		want(t, call(t, srv, "GET", "/api/apis?p="+strconv.Itoa(i+1), nil), http.StatusOK)
	}
	if n := len(auditLogs(t, srv, "?p=-1").AuditLogs); n != 8 {
		t.Fatalf("%d audit records after 8 requests under a bound of 10", n)
	}
	for i := 0; i < 20; i++ {
		want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	}
	if n := len(auditLogs(t, srv, "?p=-1").AuditLogs); n != 10 {
		t.Fatalf("%d audit records after 29 requests under a bound of 10", n)
	}
}
