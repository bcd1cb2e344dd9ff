package memserver_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// mcpRecord is one MCP call as a gateway records it: the mcp_stats member
// as Tyk Pump reads it (analytics/testdata/mcp_context_cases.json).
func mcpRecord(apiID, key, method, ptype, name string, code, rpcErr int64, at time.Time, ms int64) model.AnalyticsRecord {
	return model.AnalyticsRecord{
		Method: "POST", Path: "/mcp", ResponseCode: code, APIKey: key, APIID: apiID, APIName: "MCP " + apiID[:4],
		TimeStamp: at, RequestTime: ms,
		MCPStats: &model.MCPStats{IsMCP: true, JSONRPCMethod: method, PrimitiveType: ptype, PrimitiveName: name, JSONRPCErrorCode: rpcErr},
	}
}

// seedMCPKey stores a key and returns its hash.
func seedMCPKey(t *testing.T, srv *memserver.Server) (id, hash string) {
	t.Helper()
	_, apiID := createClassic(t, srv, "MCP key API "+t.Name())
	a := call(t, srv, "POST", "/api/keys", session(apiID))
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	id, _ = m["key_id"].(string)
	hash, _ = m["key_hash"].(string)
	if id == "" || hash == "" {
		t.Fatalf("key: %s", a.Body)
	}
	return id, hash
}

func TestMCPAnalytics(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, hash := seedMCPKey(t, srv)
	const weather, docs = "aaaa0000000000000000000000000001", "bbbb0000000000000000000000000002"
	day1 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	day2 := day1.AddDate(0, 0, 1)
	if err := srv.RecordTraffic(
		mcpRecord(weather, hash, "tools/call", "tool", "get_weather", 200, 0, day1, 40),
		mcpRecord(weather, hash, "tools/call", "tool", "get_weather", 200, 0, day1.Add(time.Hour), 60),
		// A JSON-RPC error the gateway mapped (rate limit), with HTTP 200.
		mcpRecord(weather, hash, "tools/call", "tool", "get_weather", 200, -32003, day2, 10),
		mcpRecord(docs, "otherkey", "resources/read", "resource", "manual", 500, -32004, day2, 200),
		mcpRecord(docs, "otherkey", "prompts/get", "prompt", "summary", 200, 0, day2, 20),
		// Not MCP traffic: no route counts it.
		model.AnalyticsRecord{Path: "/rest", ResponseCode: 200, APIKey: hash, APIID: weather, TimeStamp: day1, RequestTime: 1},
	); err != nil {
		t.Fatal(err)
	}
	// The same record shape over HTTP, as a test in another language sends it.
	a := callAs(t, srv, "", "POST", "/_memserver/analytics", `{"api_id":"`+docs+`","api_name":"MCP bbbb","api_key":"otherkey","method":"POST","path":"/mcp","response_code":200,"timestamp":"2026-01-06T10:00:00Z","request_time":30,"tags":["team-a"],"mcp_stats":{"is_mcp":true,"jsonrpc_method":"tools/call","primitive_type":"tool","primitive_name":"search","jsonrpc_error_code":0}}`)
	want(t, a, http.StatusCreated)

	const rng = "/5/1/2026/6/1/2026"
	var out model.AggregateAnalyticsData

	// By day, every MCP call.
	call(t, srv, "GET", "/api/activity/mcp/primitives"+rng, nil).Into(t, &out)
	if len(out.Data) != 2 || out.Data[0].ID.Day != 5 || out.Data[0].Hits != 2 || out.Data[1].Hits != 4 || out.Data[1].Error != 2 {
		t.Fatalf("by day: %+v", out.Data)
	}
	// By primitive, most called first.
	a = call(t, srv, "GET", "/api/activity/mcp/primitives"+rng+"?group_by=mcp_primitive", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &out)
	if len(out.Data) != 4 {
		t.Fatalf("by primitive: %s", a.Body)
	}
	first := out.Data[0]
	if first.ID.MCPPrimitiveType != "tool" || first.ID.MCPPrimitiveName != "get_weather" || first.Hits != 3 || first.Success != 2 || first.Error != 1 || first.Latency != 110.0/3 || first.MaxLatency != 60 {
		t.Fatalf("get_weather: %+v", first)
	}
	// Filters and limit.
	call(t, srv, "GET", "/api/activity/mcp/primitives"+rng+"?group_by=mcp_primitive&mcp_primitive_type=tool", nil).Into(t, &out)
	if len(out.Data) != 2 {
		t.Fatalf("tools: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/mcp/primitives"+rng+"?group_by=mcp_primitive&api_id="+docs+"&mcp_method=prompts/get", nil).Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].ID.MCPPrimitiveName != "summary" {
		t.Fatalf("docs prompts: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/mcp/primitives"+rng+"?group_by=mcp_primitive&limit=1", nil).Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].ID.MCPPrimitiveName != "get_weather" {
		t.Fatalf("limit 1: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/mcp/primitives"+rng+"?mcp_primitive_name=manual", nil).Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].Hits != 1 {
		t.Fatalf("by name: %+v", out.Data)
	}

	// Errors only: the rate-limited call and the upstream failure.
	call(t, srv, "GET", "/api/activity/mcp/primitives/errors"+rng+"?group_by=mcp_primitive", nil).Into(t, &out)
	if len(out.Data) != 2 || out.Data[0].Error != 1 || out.Data[1].Error != 1 || out.Data[0].Success+out.Data[1].Success != 0 {
		t.Fatalf("errors: %+v", out.Data)
	}

	// One key, by its hash: the three weather calls, not the REST one.
	call(t, srv, "GET", "/api/activity/mcp/keys/"+hash+rng, nil).Into(t, &out)
	if len(out.Data) != 2 || out.Data[0].Hits+out.Data[1].Hits != 3 {
		t.Fatalf("key by day: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/mcp/keys/"+hash+rng+"?group_by=mcp_primitive&mcp_method=resources/read", nil).Into(t, &out)
	if len(out.Data) != 0 {
		t.Fatalf("the key read no resources: %+v", out.Data)
	}

	// Usage per MCP proxy.
	a = call(t, srv, "GET", "/api/usage/mcp"+rng, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &out)
	if len(out.Data) != 2 || out.Data[0].ID.APIID != weather || out.Data[0].Hits != 3 || out.Data[1].ID.APIID != docs || out.Data[1].Hits != 3 || out.Data[1].ID.APIName != "MCP bbbb" {
		t.Fatalf("usage: %s", a.Body)
	}
	call(t, srv, "GET", "/api/usage/mcp"+rng+"?api_id="+docs, nil).Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].ID.APIID != docs {
		t.Fatalf("usage of one proxy: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/usage/mcp"+rng+"?tags=team-b,team-a", nil).Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].Hits != 1 {
		t.Fatalf("usage by tag: %+v", out.Data)
	}
	a = call(t, srv, "GET", "/api/usage/mcp/1/1/2020/1/1/2020", nil)
	if string(a.Body) != `{"data":[],"pages":1}` {
		t.Fatalf("no traffic: %s", a.Body)
	}
}

// TestMCPUsageCSV reads the CSV export, which the description offers
// (type=csv) without describing its media type; its server is not one the
// contract test checks.
func TestMCPUsageCSV(t *testing.T) {
	t.Parallel()
	srv := memserver.NewTest(t)
	at := time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)
	if err := srv.RecordTraffic(
		mcpRecord("cccc0000000000000000000000000003", "k", "tools/call", "tool", "a", 200, 0, at, 10),
		mcpRecord("cccc0000000000000000000000000003", "k", "tools/call", "tool", "a", 502, -32004, at, 30),
	); err != nil {
		t.Fatal(err)
	}
	a := call(t, srv, "GET", "/api/usage/mcp/1/2/2026/1/2/2026?type=csv", nil)
	want(t, a, http.StatusOK)
	if ct := a.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("content type %q", ct)
	}
	rows, err := csv.NewReader(strings.NewReader(string(a.Body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "api_id" || rows[0][2] != "hits" || rows[1][0] != "cccc0000000000000000000000000003" || rows[1][2] != "2" || rows[1][4] != "1" || rows[1][7] != "20" {
		t.Fatalf("csv: %q", rows)
	}
}

func TestMCPAnalyticsErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, hash := seedMCPKey(t, srv)
	const rng = "/1/1/2026/2/1/2026"
	for path, msg := range map[string]string{
		"/api/activity/mcp/primitives" + rng + "?mcp_primitive_type=tools": `mcp_primitive_type must be tool, resource or prompt, got "tools"`,
		"/api/activity/mcp/primitives" + rng + "?group_by=api":             `group_by must be mcp_primitive, got "api"`,
		"/api/activity/mcp/primitives" + rng + "?limit=0":                  `limit must be a positive integer, got "0"`,
		"/api/activity/mcp/primitives/errors" + rng + "?group_by=day":      "group_by must be mcp_primitive",
		"/api/activity/mcp/keys/" + hash + rng + "?mcp_primitive_type=x":   "mcp_primitive_type must be",
		"/api/usage/mcp" + rng + "?type=xml":                               `type must be csv, got "xml"`,
		"/api/usage/mcp/32/1/2026/1/2/2026":                                "not a date",
		"/api/activity/mcp/primitives/2/1/2026/1/1/2026":                   "ends before it starts",
		"/api/activity/mcp/keys/" + hash + "/1/x/2026/1/1/2026":            "startMonth must be a number",
	} {
		wantError(t, call(t, srv, "GET", path, nil), http.StatusBadRequest, msg)
	}
	// An MCP record must say which method it called; nothing of a refused
	// batch is kept.
	a := callAs(t, srv, "", "POST", "/_memserver/analytics", `[{"api_id":"x","mcp_stats":{"is_mcp":true,"jsonrpc_method":"tools/call"},"timestamp":"2026-01-01T01:00:00Z"},{"api_id":"x","mcp_stats":{"is_mcp":true},"timestamp":"2026-01-01T01:00:00Z"}]`)
	wantError(t, a, http.StatusBadRequest, "record 1: mcp_stats.jsonrpc_method is empty")
	a = call(t, srv, "GET", "/api/usage/mcp"+rng, nil)
	if string(a.Body) != `{"data":[],"pages":1}` {
		t.Fatalf("a refused batch left records: %s", a.Body)
	}

	// A key the org does not have: 404, as the description says.
	wantError(t, call(t, srv, "GET", "/api/activity/mcp/keys/nosuchkey"+rng, nil), http.StatusNotFound, "Key not found")

	// The MCP analytics are part of the analytics section; read is enough.
	_, analyst := newUser(t, srv, "mcp-analyst@example.com", map[string]string{"analytics": "read"})
	_, other := newUser(t, srv, "mcp-admin@example.com", map[string]string{"apis": "write"})
	for _, path := range []string{"/api/activity/mcp/primitives" + rng, "/api/activity/mcp/primitives/errors" + rng, "/api/activity/mcp/keys/" + hash + rng, "/api/usage/mcp" + rng} {
		want(t, callAs(t, srv, analyst, "GET", path, nil), http.StatusOK)
		wantError(t, callAs(t, srv, other, "GET", path, nil), http.StatusForbidden, "access denied")
		wantError(t, callAs(t, srv, "", "GET", path, nil), http.StatusUnauthorized, "Not authorised")
	}
}

func TestMCPAnalyticsOfOtherOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234568"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@mcp.example", AccessKey: "their-mcp-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	_, hash := seedMCPKey(t, srv)
	at := time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC)
	if err := srv.RecordTraffic(mcpRecord("dddd0000000000000000000000000004", hash, "tools/call", "tool", "x", 200, 0, at, 5)); err != nil {
		t.Fatal(err)
	}
	var out model.AggregateAnalyticsData
	callAs(t, srv, "their-mcp-admin", "GET", "/api/usage/mcp/3/3/2026/3/3/2026", nil).Into(t, &out)
	if len(out.Data) != 0 {
		t.Fatalf("another org sees our MCP traffic: %+v", out.Data)
	}
	// Nor our key.
	wantError(t, callAs(t, srv, "their-mcp-admin", "GET", "/api/activity/mcp/keys/"+hash+"/3/3/2026/3/3/2026", nil), http.StatusNotFound, "Key not found")
	call(t, srv, "GET", "/api/usage/mcp/3/3/2026/3/3/2026", nil).Into(t, &out)
	if len(out.Data) != 1 {
		t.Fatalf("our MCP traffic: %+v", out.Data)
	}
}
