package memserver_test

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

const nodeSecret = "n0de-secret"

// gatewayCall sends a request as a gateway does (GATEWAY-PROTOCOL.md): the
// node secret raw in Authorization, the node id and a nonce once
// registered.
func gatewayCall(t testing.TB, srv *memserver.Server, secret, method, path, nodeID string) answer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", secret)
	req.Header.Set("X-Tyk-Session-Id", "6f1c2a52-0000-4000-8000-000000000001")
	req.Header.Set("X-Tyk-Hostname", "gw-test")
	if nodeID != "" {
		req.Header.Set("X-Tyk-Nodeid", nodeID)
		req.Header.Set("X-Tyk-Nonce", "stale-nonce-is-fine")
	}
	return send(t, req)
}

// gatewayEnvelope decodes an answer into the gateway's envelope, checking
// its shape.
func gatewayEnvelope(t testing.TB, a answer, message any) string {
	t.Helper()
	want(t, a, http.StatusOK)
	var env struct {
		Status  string
		Message json.RawMessage
		Nonce   string
	}
	a.Into(t, &env)
	if env.Status != "OK" || env.Nonce == "" {
		t.Fatalf("envelope %s", a.Body)
	}
	if message != nil {
		if err := json.Unmarshal(env.Message, message); err != nil {
			t.Fatalf("Message of %s: %v", a.Body, err)
		}
	}
	return env.Nonce
}

func register(t testing.TB, srv *memserver.Server) string {
	t.Helper()
	var msg map[string]string
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "GET", "/register/node", ""), &msg)
	if msg["NodeID"] == "" {
		t.Fatalf("no NodeID: %v", msg)
	}
	return msg["NodeID"]
}

func TestGatewayRoutesNeedTheNodeSecret(t *testing.T) {
	t.Parallel()
	without := newServer(t)
	with := newServer(t, memserver.WithNodeSecret(nodeSecret))
	routes := [][2]string{{"GET", "/register/node"}, {"GET", "/register/ping"}, {"GET", "/system/apis"},
		{"GET", "/system/policies"}, {"DELETE", "/system/node"}, {"POST", "/system/key/quota_trigger"}}
	for _, r := range routes {
		// No node secret configured: the node is refused, whatever it sends.
		wantError(t, gatewayCall(t, without, "", r[0], r[1], ""), http.StatusForbidden, "")
		wantError(t, gatewayCall(t, without, nodeSecret, r[0], r[1], ""), http.StatusForbidden, "")
		wantError(t, gatewayCall(t, with, "wrong", r[0], r[1], ""), http.StatusForbidden, "")
		// A user's API secret is not a node secret.
		wantError(t, gatewayCall(t, with, with.Secret, r[0], r[1], ""), http.StatusForbidden, "")
	}
}

func TestGatewayRegistersPingsAndLeaves(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithClock(clock), memserver.WithNodeTimeout(10*time.Second))

	id := register(t, srv)
	nodes := srv.Nodes()
	if len(nodes) != 1 || nodes[0].ID != id || nodes[0].Hostname != "gw-test" || !nodes[0].LastPing.Equal(now) {
		t.Fatalf("nodes after register: %+v", nodes)
	}

	// Every answer has a fresh nonce; a stale one is never refused.
	seen := map[string]bool{}
	for range 3 {
		advance(2 * time.Second)
		var msg map[string]string // the gateway decodes the ping's Message so
		nonce := gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "GET", "/register/ping", id), &msg)
		if seen[nonce] {
			t.Fatalf("nonce %s given twice", nonce)
		}
		seen[nonce] = true
	}
	if got := srv.Nodes(); len(got) != 1 || !got[0].LastPing.Equal(clock()) {
		t.Fatalf("last ping not recorded: %+v", got)
	}
	var listed []memserver.Node
	a := call(t, srv, "GET", "/_memserver/nodes", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &listed)
	if len(listed) != 1 || listed[0].ID != id {
		t.Fatalf("/_memserver/nodes: %s", a.Body)
	}

	// A node gone silent is forgotten; its next ping is told to register
	// again (403), which the gateway does.
	advance(11 * time.Second)
	if got := srv.Nodes(); len(got) != 0 {
		t.Fatalf("silent node kept: %+v", got)
	}
	wantError(t, gatewayCall(t, srv, nodeSecret, "GET", "/register/ping", id), http.StatusForbidden, "")
	again := register(t, srv)
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "POST", "/system/key/quota_trigger", again), nil)
	var msg map[string]string
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "DELETE", "/system/node", again), &msg)
	if got := srv.Nodes(); len(got) != 0 {
		t.Fatalf("deregistered node kept: %+v", got)
	}
}

func TestGatewayLoadsEveryAPIAndPolicy(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
		// An _id that is not 24 hex would fail the gateway's whole reload.
		Policies: []model.Policy{{MID: "legacy-policy", Name: "legacy", OrgID: otherOrg}},
	}))
	_, classic := createClassic(t, srv, "classic")
	_, theirs := createClassicAs(t, srv, "their-admin", "theirs")
	_, oasID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("pets", "/pets/")))
	want(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "ours", "rate": 10, "per": 1}), http.StatusOK)
	want(t, callAs(t, srv, "their-admin", "POST", "/api/portal/policies", map[string]any{"name": "theirs", "id": "gold", "rate": 5, "per": 1}), http.StatusOK)

	id := register(t, srv)
	var apis []struct {
		APIDefinition map[string]any  `json:"api_definition"`
		OAS           json.RawMessage `json:"oas"`
	}
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "GET", "/system/apis", id), &apis)
	byID := map[string]int{}
	for i, a := range apis {
		byID[a.APIDefinition["api_id"].(string)] = i
		if dbID, _ := a.APIDefinition["id"].(string); !model.IsObjectID(dbID) {
			t.Errorf("api %v: id %q is not 24 hex", a.APIDefinition["api_id"], dbID)
		}
	}
	if len(apis) != 3 {
		t.Fatalf("served %d APIs, want 3 (every org's)", len(apis))
	}
	for _, c := range []string{classic, theirs} {
		if a := apis[byID[c]]; a.OAS != nil || a.APIDefinition["is_oas"] == true {
			t.Errorf("classic API %s served with an OAS document", c)
		}
	}
	o := apis[byID[oasID]]
	var doc map[string]any
	if err := json.Unmarshal(o.OAS, &doc); err != nil || doc["x-tyk-api-gateway"] == nil || o.APIDefinition["is_oas"] != true {
		t.Fatalf("OAS API served as %v / %s", o.APIDefinition, o.OAS)
	}
	if p := o.APIDefinition["proxy"].(map[string]any); p["listen_path"] != "/pets/" {
		t.Errorf("OAS API's api_definition listen path %v", p["listen_path"])
	}

	var pols []map[string]any
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "GET", "/system/policies", id), &pols)
	if len(pols) != 3 {
		t.Fatalf("served %d policies, want 3 (every org's)", len(pols))
	}
	for _, p := range pols {
		mid, has := p["_id"].(string)
		switch {
		case p["name"] == "legacy" && (has || p["id"] != "legacy-policy"):
			t.Errorf("policy with a bad _id served as %v, want no _id and id legacy-policy", p)
		case p["name"] != "legacy" && !model.IsObjectID(mid):
			t.Errorf("policy %v: _id %q", p["name"], mid)
		}
	}
}
