package memserver_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// mcpDoc is an MCP proxy in the shape of the description's example.
func mcpDoc(title, listenPath string) map[string]any {
	doc := tykOAS(title, listenPath)
	doc["paths"] = map[string]any{}
	ext := doc["x-tyk-api-gateway"].(map[string]any)
	ext["upstream"] = map[string]any{"url": "http://localhost:7878/mcp"}
	ext["middleware"] = map[string]any{
		"global":   map[string]any{"contextVariables": map[string]any{"enabled": true}, "trafficLogs": map[string]any{"enabled": true}},
		"mcpTools": map[string]any{"get-weather": map[string]any{"allow": map[string]any{"enabled": true}}},
	}
	return doc
}

func createMCPProxy(t testing.TB, srv *memserver.Server, doc map[string]any) string {
	t.Helper()
	a := call(t, srv, "POST", "/api/mcps", doc)
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	if r.Message != "MCP Proxy definition created" || r.ID == "" {
		t.Fatalf("create envelope: %s", a.Body)
	}
	return r.ID
}

func TestMCPLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id := createMCPProxy(t, srv, mcpDoc("Weather MCP", "/weather-mcp/"))
	other := createMCPProxy(t, srv, mcpDoc("Search MCP", "/search-mcp/"))
	createClassic(t, srv, "not-mcp")

	a := call(t, srv, "GET", "/api/mcps/"+id, nil)
	want(t, a, http.StatusOK)
	if !strings.Contains(string(a.Body), "get-weather") {
		t.Fatalf("MCP document: %s", a.Body)
	}
	var list model.MCPListResponse
	call(t, srv, "GET", "/api/mcps", nil).Into(t, &list)
	if len(list.MCPs) != 2 || list.Pages != 1 {
		t.Fatalf("MCP list: %d entries", len(list.MCPs))
	}
	call(t, srv, "GET", "/api/mcps?q=search", nil).Into(t, &list)
	if len(list.MCPs) != 1 || !strings.Contains(string(list.MCPs[0]), other) {
		t.Fatalf("MCP search: %d entries", len(list.MCPs))
	}
	// Read as an API by its id, marked as the gateway marks MCP APIs.
	var w model.APIDefinitionWrapper
	a = call(t, srv, "GET", "/api/apis/"+id, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &w)
	var proto string
	json.Unmarshal(w.APIDefinition.Extra["application_protocol"], &proto)
	if proto != "mcp" {
		t.Fatalf("application_protocol %q: %s", proto, a.Body)
	}

	upd := mcpDoc("Weather MCP v2", "/weather-mcp/")
	want(t, call(t, srv, "PUT", "/api/mcps/"+id, upd), http.StatusOK)
	if a := call(t, srv, "GET", "/api/mcps/"+id, nil); !strings.Contains(string(a.Body), "Weather MCP v2") {
		t.Fatalf("after PUT: %s", a.Body)
	}
	want(t, call(t, srv, "DELETE", "/api/mcps/"+id, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/mcps/"+id, nil), http.StatusNotFound, "not found")
	wantError(t, call(t, srv, "PUT", "/api/mcps/"+id, upd), http.StatusNotFound, "not found")
	wantError(t, call(t, srv, "DELETE", "/api/mcps/"+id, nil), http.StatusNotFound, "not found")
}

func TestMCPBadInput(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, oasID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Plain OAS", "/plain-oas/")))
	wantError(t, call(t, srv, "POST", "/api/mcps", plainOAS("no extension")), http.StatusBadRequest, "the payload should contain x-tyk-api-gateway")
	restricted := mcpDoc("Cached", "/cached/")
	restricted["x-tyk-api-gateway"].(map[string]any)["middleware"].(map[string]any)["mcpTools"] = map[string]any{
		"get-weather": map[string]any{"cache": map[string]any{"enabled": true, "timeout": 5}}}
	wantError(t, call(t, srv, "POST", "/api/mcps", restricted), http.StatusBadRequest, "/x-tyk-api-gateway/middleware/mcpTools/get-weather/cache")
	wantError(t, call(t, srv, "POST", "/api/mcps", `{"openapi":`), http.StatusBadRequest, "")
	wantError(t, call(t, srv, "GET", "/api/mcps/"+oasID, nil), http.StatusBadRequest, "Not an MCP Proxy definition")
	wantError(t, call(t, srv, "DELETE", "/api/mcps/"+oasID, nil), http.StatusNotFound, "")
	var list model.MCPListResponse
	call(t, srv, "GET", "/api/mcps", nil).Into(t, &list)
	if len(list.MCPs) != 0 {
		t.Fatalf("a refused MCP proxy was stored or another API listed: %d", len(list.MCPs))
	}

	id := createMCPProxy(t, srv, mcpDoc("Ro", "/ro/"))
	// The section is "mcp" (Tyk docs, managing MCP proxies: Permissions):
	// read views, write changes, and the apis section grants neither.
	_, reader := newUser(t, srv, "mcp-reader@example.com", map[string]string{"mcp": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/mcps/"+id, nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/mcps", nil), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "PUT", "/api/mcps/"+id, mcpDoc("No", "/ro/")), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "POST", "/api/mcps", mcpDoc("No", "/no/")), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/mcps/"+id, nil), http.StatusForbidden, "access denied")
	_, apisWriter := newUser(t, srv, "apis-writer@example.com", map[string]string{"apis": "write"})
	wantError(t, callAs(t, srv, apisWriter, "GET", "/api/mcps/"+id, nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, apisWriter, "POST", "/api/mcps", mcpDoc("No", "/no/")), http.StatusForbidden, "access denied")
	_, mcpWriter := newUser(t, srv, "mcp-writer@example.com", map[string]string{"mcp": "write"})
	want(t, callAs(t, srv, mcpWriter, "PUT", "/api/mcps/"+id, mcpDoc("Ro renamed", "/ro/")), http.StatusOK)
}

// TestGatewayLoadsMCPProxies: MCP proxies are left out of the standard API
// listings (Tyk's "MCP API extensions" page), not out of what the gateway
// loads: it runs them.
func TestGatewayLoadsMCPProxies(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret))
	id := createMCPProxy(t, srv, mcpDoc("Weather MCP", "/weather-mcp/"))
	_, classic := createClassic(t, srv, "classic")
	var list model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &list)
	if len(list.APIs) != 1 || list.APIs[0].APIDefinition.APIID != classic {
		t.Fatalf("GET /api/apis: %d APIs, want only %s", len(list.APIs), classic)
	}
	var apis []model.APIDefinitionWrapper
	gatewayEnvelope(t, gatewayCall(t, srv, nodeSecret, "GET", "/system/apis", register(t, srv)), &apis)
	served := map[string]bool{}
	for _, a := range apis {
		served[a.APIDefinition.APIID] = model.IsMCPProxy(a.APIDefinition)
	}
	if len(apis) != 2 || !served[id] {
		t.Fatalf("/system/apis served %v, want the classic API and the MCP proxy %s marked", served, id)
	}
}
