package memserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestInjectFault(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	remove := srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis/{id}"}, memserver.Fault{Status: 503, Count: 2})
	for i := range 2 {
		wantError(t, call(t, srv, "GET", "/api/apis/x", nil), http.StatusServiceUnavailable, "injected fault")
		_ = i
	}
	// Used up: the request is served again (400: no such API).
	want(t, call(t, srv, "GET", "/api/apis/x", nil), http.StatusBadRequest)
	remove()

	srv.InjectFault(memserver.Match{Path: "/api/keys*"}, memserver.Fault{Status: 500, Body: "boom"})
	a := call(t, srv, "GET", "/api/keys/detailed", nil)
	if a.Status != 500 || string(a.Body) != "boom" || !strings.HasPrefix(a.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("custom fault: %d %q", a.Status, a.Body)
	}
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK) // another path
	if f := srv.Faults(); len(f) != 1 || f[0].Used != 1 {
		t.Fatalf("faults: %+v", f)
	}
	srv.ClearFaults()
	want(t, call(t, srv, "GET", "/api/keys/detailed", nil), http.StatusOK)

	// Latency without a status slows the request and then serves it.
	srv.InjectFault(memserver.Match{}, memserver.Fault{Latency: 30 * time.Millisecond})
	start := time.Now()
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Fatalf("latency fault took %v", d)
	}
	srv.ClearFaults()

	// Probability 0.5 over many requests hits some and spares some.
	srv.InjectFault(memserver.Match{Method: "GET"}, memserver.Fault{Status: 502, Probability: 0.5})
	hit := 0
	for range 60 {
		if call(t, srv, "GET", "/api/apis", nil).Status == 502 {
			hit++
		}
	}
	if hit == 0 || hit == 60 {
		t.Fatalf("probability 0.5 hit %d of 60", hit)
	}
}

func TestRequestsRecorded(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithRequestLogSize(3))
	call(t, srv, "POST", "/api/apis", classicAPI("one", "/one/"))
	call(t, srv, "GET", "/api/apis?p=1", nil)
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != "/api/apis" || r.Route != "POST /api/apis" || r.Status != 200 ||
		!strings.Contains(string(r.Body), `"one"`) || !strings.Contains(string(r.ResponseBody), "API created") ||
		r.Header.Get("Authorization") != "[redacted]" { // see TestJournalRedacts
		t.Fatalf("recorded %+v", r)
	}
	if reqs[1].RawQuery != "p=1" {
		t.Fatalf("query %q", reqs[1].RawQuery)
	}
	// The log keeps the latest three.
	for range 3 {
		call(t, srv, "GET", "/api/portal/policies", nil)
	}
	reqs = srv.Requests()
	if len(reqs) != 3 || reqs[0].Path != "/api/portal/policies" {
		t.Fatalf("ring: %d, first %s", len(reqs), reqs[0].Path)
	}
}

func TestResetAndSeed(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Policies: []model.Policy{{ID: "base", Name: "from WithFixtures"}},
	}))
	want(t, call(t, srv, "GET", "/api/portal/policies/base", nil), http.StatusOK)
	tempID, tempAPI := createClassic(t, srv, "temporary")
	want(t, call(t, srv, "GET", "/api/apis/"+tempID, nil), http.StatusOK) // its answer is now kept
	err := srv.Seed(memserver.Fixtures{
		Policies: []model.Policy{{ID: "seeded", Name: "seeded"}},
		Assets:   []model.Asset{{ID: "tmpl", Name: "T", Description: "D", Data: []byte(`{}`)}},
		Keys: []model.KeyData{{KeyID: "fixture-key", Data: model.SessionState{
			AccessRights: map[string]model.AccessDefinition{tempAPI: {APIID: tempAPI}},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want(t, call(t, srv, "GET", "/api/portal/policies/seeded", nil), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/assets/tmpl", nil), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/keys/fixture-key", nil), http.StatusOK)
	// A seed that fails stores nothing of its definitions.
	err = srv.Seed(memserver.Fixtures{Policies: []model.Policy{{ID: "new-one", Name: "n"}, {ID: "seeded", Name: "again"}}})
	if err == nil {
		t.Fatal("a duplicate policy id seeded")
	}
	wantError(t, call(t, srv, "GET", "/api/portal/policies/new-one", nil), http.StatusNotFound, "")

	srv.InjectFault(memserver.Match{Path: "/api/assets"}, memserver.Fault{Status: 500})
	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests after reset", n)
	}
	if len(srv.Faults()) != 0 {
		t.Fatal("faults survive reset")
	}
	want(t, call(t, srv, "GET", "/api/portal/policies/base", nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/apis/"+tempID, nil), http.StatusBadRequest, "Could not retrieve")
	wantError(t, call(t, srv, "GET", "/api/portal/policies/seeded", nil), http.StatusNotFound, "")
	wantError(t, call(t, srv, "GET", "/api/keys/fixture-key", nil), http.StatusNotFound, "")
	a := call(t, srv, "GET", "/api/apis", nil)
	if string(a.Body) != `{"apis":[],"pages":1}` {
		t.Fatalf("APIs after reset: %s", a.Body)
	}
	// The default user still works, and the server keeps working.
	createClassic(t, srv, "after reset")
}

func TestControlEndpoints(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	none := func(method, path string, body any) answer { return callAs(t, srv, "", method, path, body) }

	a := none("GET", "/_memserver/health", nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["status"] != "ok" || m["org_id"] != srv.OrgID {
		t.Fatalf("health: %s", a.Body)
	}
	want(t, none("POST", "/_memserver/seed", map[string]any{"policies": []any{map[string]any{"id": "p", "name": "p"}}}), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/portal/policies/p", nil), http.StatusOK)
	wantError(t, none("POST", "/_memserver/seed", `{"policies":[{"name":1}]}`), http.StatusBadRequest, "name")

	a = none("POST", "/_memserver/faults", map[string]any{"method": "GET", "path": "/api/apis", "status": 429, "count": 1})
	want(t, a, http.StatusCreated)
	faultID := a.JSON(t)["ID"].(string)
	wantError(t, call(t, srv, "GET", "/api/apis", nil), http.StatusTooManyRequests, "injected")
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	a = none("GET", "/_memserver/faults", nil)
	if !strings.Contains(string(a.Body), `"used":2`) && !strings.Contains(string(a.Body), `"used":1`) {
		t.Fatalf("faults: %s", a.Body)
	}
	want(t, none("DELETE", "/_memserver/faults/"+faultID, nil), http.StatusOK)
	want(t, none("POST", "/_memserver/faults", map[string]any{"status": 500}), http.StatusCreated)
	want(t, none("DELETE", "/_memserver/faults", nil), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	wantError(t, none("POST", "/_memserver/faults", map[string]any{"path": "/x"}), http.StatusBadRequest, "needs a status")
	wantError(t, none("POST", "/_memserver/faults", map[string]any{"status": 500, "probability": 2}), http.StatusBadRequest, "probability")

	a = none("GET", "/_memserver/requests", nil)
	want(t, a, http.StatusOK)
	var reqs []map[string]any
	a.Into(t, &reqs)
	if len(reqs) == 0 || reqs[0]["path"] != "/api/portal/policies/p" || reqs[0]["route"] != "GET /api/portal/policies/{id}" {
		t.Fatalf("requests: %s", a.Body)
	}
	for _, r := range reqs {
		if strings.HasPrefix(r["path"].(string), "/_memserver/") {
			t.Fatalf("control request recorded: %v", r["path"])
		}
	}
	want(t, none("DELETE", "/_memserver/requests", nil), http.StatusOK)
	want(t, none("POST", "/_memserver/reset", nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/portal/policies/p", nil), http.StatusNotFound, "")
}

func TestDeterministicIDs(t *testing.T) {
	t.Parallel()
	ids := func() []string {
		srv := newServer(t, memserver.WithIDSeed(42))
		dbID, apiID := createClassic(t, srv, "det")
		a := call(t, srv, "POST", "/api/keys", session(apiID))
		var k model.KeyData
		a.Into(t, &k)
		return []string{srv.OrgID, srv.Secret, srv.AdminSecret, dbID, apiID, k.KeyID}
	}
	first, second := ids(), ids()
	if strings.Join(first, ",") != strings.Join(second, ",") {
		t.Fatalf("ids differ:\n%v\n%v", first, second)
	}
	if !objectID.MatchString(first[0]) || !objectID.MatchString(first[3]) {
		t.Fatalf("ids have the wrong shape: %v", first)
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	srv := newServer(t, memserver.WithClock(func() time.Time { return now }))
	dbID, _ := createClassic(t, srv, "clocked")
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if !w.CreatedAt.Equal(now) {
		t.Fatalf("created_at %v, want %v", w.CreatedAt, now)
	}
	if !strings.HasPrefix(dbID, "7206fb") { // 2030-05-06T07:08:09Z in hex seconds
		t.Logf("db id %s", dbID)
	}
}

func TestOrgIsolationAndPermissions(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs: []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{
			{OrgID: otherOrg, EmailAddress: "other@x", AccessKey: "other-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}},
			{EmailAddress: "reader@x", AccessKey: "reader", UserPermissions: model.UserPermissions{"apis": "read", "keys": "deny"}},
			{EmailAddress: "writer@x", AccessKey: "writer", UserPermissions: model.UserPermissions{"apis": "write"}},
		},
	}))
	dbID, apiID := createClassic(t, srv, "mine")

	// Another org sees nothing of ours, and cannot touch it.
	a := callAs(t, srv, "other-admin", "GET", "/api/apis", nil)
	if string(a.Body) != `{"apis":[],"pages":1}` {
		t.Fatalf("other org lists %s", a.Body)
	}
	wantError(t, callAs(t, srv, "other-admin", "GET", "/api/apis/"+dbID, nil), http.StatusBadRequest, "")
	wantError(t, callAs(t, srv, "other-admin", "DELETE", "/api/apis/"+apiID, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, "other-admin", "POST", "/api/keys", session(apiID)), http.StatusBadRequest, "does not exist")

	// Read, write and deny.
	want(t, callAs(t, srv, "reader", "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	wantError(t, callAs(t, srv, "reader", "POST", "/api/apis", classicAPI("x", "/x/")), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, "reader", "GET", "/api/apis/keys", nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, "reader", "GET", "/api/portal/policies", nil), http.StatusForbidden, "access denied")
	want(t, callAs(t, srv, "writer", "POST", "/api/apis", classicAPI("y", "/y/")), http.StatusOK)
	want(t, callAs(t, srv, "writer", "DELETE", "/api/apis/"+dbID, nil), http.StatusOK)
}

func TestClientAndHTTPClient(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	resp, err := srv.HTTPClient().Get(srv.URL + "/api/apis")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("HTTPClient: %d", resp.StatusCode)
	}
	c := srv.Client()
	page, err := c.APIs.List(context.Background(), client.ListAPIsOptions{})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	_ = page

	// A Server that never listens serves its clients in process.
	local := memserver.New()
	resp, err = local.HTTPClient().Get("http://anywhere/api/apis")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("in-process HTTPClient: %d", resp.StatusCode)
	}
	if _, err := local.Client().APIs.List(context.Background(), client.ListAPIsOptions{}); err != nil {
		t.Fatalf("in-process client: %v", err)
	}
}

// TestHundredParallelServers runs 100 tests at once, each with its own
// server: servers share no state and no lock, so none waits for another
// (and the race detector, under -race, finds nothing shared).
func TestHundredParallelServers(t *testing.T) {
	t.Parallel()
	for i := range 100 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, memserver.WithIDSeed(uint64(i)))
			_, apiID := createClassic(t, srv, fmt.Sprintf("api-%d", i))
			want(t, call(t, srv, "POST", "/api/keys", session(apiID)), http.StatusOK)
			if err := srv.Reset(); err != nil {
				t.Fatal(err)
			}
			want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
		})
	}
}

func TestFixtureOASAPIAndLogger(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	var mu sync.Mutex
	doc, _ := json.Marshal(tykOAS("Seeded pets", "/seeded/"))
	srv := newServer(t,
		memserver.WithLogger(slog.New(slog.NewTextHandler(lockedWriter{&mu, &logged}, nil))),
		memserver.WithFixtures(memserver.Fixtures{APIs: []model.APIDefinitionWrapper{{
			APIDefinition: &model.APIDefinition{APIID: "seeded-oas", IsOAS: true}, OAS: doc,
		}}}))
	a := call(t, srv, "GET", "/api/apis/oas/seeded-oas", nil)
	want(t, a, http.StatusOK)
	info := a.JSON(t)["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)
	if info["id"] != "seeded-oas" || !objectID.MatchString(info["dbId"].(string)) {
		t.Fatalf("seeded OAS ids: %v", info)
	}
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/seeded-oas", nil).Into(t, &w)
	if !w.APIDefinition.IsOAS || w.APIDefinition.Name != "Seeded pets" || len(w.OAS) == 0 {
		t.Fatalf("seeded OAS wrapper: %+v", w.APIDefinition)
	}
	// HEAD is answered like GET.
	req, _ := http.NewRequest("HEAD", srv.URL+"/api/apis/seeded-oas", nil)
	req.Header.Set("Authorization", srv.Secret)
	want(t, send(t, req), http.StatusOK)

	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "path=/api/apis/oas/seeded-oas") || !strings.Contains(logged.String(), "status=200") {
		t.Fatalf("log: %s", logged.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
