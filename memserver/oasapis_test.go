package memserver_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

func plainOAS(title string) map[string]any {
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": title, "version": "1.0.0"},
		"servers": []any{map[string]any{"url": "https://petstore.example/v1"}},
		"paths": map[string]any{"/pets": map[string]any{"get": map[string]any{
			"operationId": "listPets",
			"responses":   map[string]any{"200": map[string]any{"description": "pets"}},
		}}},
	}
}

func tykOAS(title, listenPath string) map[string]any {
	doc := plainOAS(title)
	doc["x-tyk-api-gateway"] = map[string]any{
		"info":     map[string]any{"name": title, "state": map[string]any{"active": true}},
		"upstream": map[string]any{"url": "https://petstore.example/v1"},
		"server":   map[string]any{"listenPath": map[string]any{"value": listenPath, "strip": true}},
	}
	return doc
}

func createOAS(t testing.TB, srv interface{}, a answer) (dbID, apiID string) {
	t.Helper()
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	if r.Message != model.MsgAPICreated {
		t.Fatalf("create envelope: %s", a.Body)
	}
	return r.Meta.(string), r.ID
}

func TestOASLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := tykOAS("Pets", "/pets/")
	body["x-custom-top"] = true // not a member of a Tyk OAS API: dropped
	dbID, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", body))
	if !objectID.MatchString(dbID) || !apiIDRe.MatchString(apiID) {
		t.Fatalf("ids %q %q", dbID, apiID)
	}

	for _, id := range []string{apiID, dbID} {
		a := call(t, srv, "GET", "/api/apis/oas/"+id, nil)
		want(t, a, http.StatusOK)
		doc := a.JSON(t)
		var keys []string
		for k := range doc {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if strings.Join(keys, ",") != "info,openapi,paths,servers,x-tyk-api-gateway" {
			t.Fatalf("top-level keys %v", keys)
		}
		info := doc["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)
		if info["id"] != apiID || info["dbId"] != dbID {
			t.Fatalf("ids in the document: %v", info)
		}
	}

	// Listed with is_oas and the whole document.
	a := call(t, srv, "GET", "/api/apis", nil)
	var l model.APIListResponse
	a.Into(t, &l)
	if len(l.APIs) != 1 || !l.APIs[0].APIDefinition.IsOAS || len(l.APIs[0].OAS) == 0 || l.APIs[0].APIDefinition.Name != "Pets" {
		t.Fatalf("list: %s", a.Body)
	}
	want(t, call(t, srv, "GET", "/api/apis/"+apiID, nil), http.StatusOK)

	// PUT keeps the ids; a different dbId is refused.
	upd := tykOAS("Pets v2", "/pets/")
	want(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID, upd), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	if got := a.JSON(t)["info"].(map[string]any)["title"]; got != "Pets v2" {
		t.Fatalf("update not stored: %v", got)
	}
	bad := tykOAS("Pets v3", "/pets/")
	bad["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["dbId"] = "000000000000000000000000"
	wantError(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID, bad), http.StatusBadRequest, "does not match")
	wantError(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID, plainOAS("x")), http.StatusBadRequest, "x-tyk-api-gateway")

	// PATCH with a plain document keeps x-tyk-api-gateway.
	patch := plainOAS("Pets patched")
	want(t, call(t, srv, "PATCH", "/api/apis/oas/"+apiID, patch), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	doc := a.JSON(t)
	if doc["info"].(map[string]any)["title"] != "Pets patched" || doc["x-tyk-api-gateway"] == nil {
		t.Fatalf("patch: %s", a.Body)
	}

	// Categories.
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID+"/categories", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != `{"categories":[]}` {
		t.Fatalf("categories: %s", a.Body)
	}
	want(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID+"/categories", map[string]any{"categories": []string{"pets", "animals"}}), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis?category=pets", nil)
	a.Into(t, &l)
	if len(l.APIs) != 1 {
		t.Fatalf("category filter: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/apis/categories", nil)
	if !strings.Contains(string(a.Body), `"name":"pets","count":1`) {
		t.Fatalf("all categories: %s", a.Body)
	}
	want(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID+"/categories", `{"categories":null}`), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID+"/categories", nil)
	if string(a.Body) != `{"categories":[]}` {
		t.Fatalf("categories after null: %s", a.Body)
	}

	// Export.
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID+"/export?mode=public", nil)
	want(t, a, http.StatusOK)
	if strings.Contains(string(a.Body), "x-tyk-api-gateway") {
		t.Fatalf("public export keeps the extension: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID+"/export", nil)
	if !strings.Contains(string(a.Body), "x-tyk-api-gateway") {
		t.Fatalf("export lost the extension: %s", a.Body)
	}

	// Versions.
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID+"/versions", nil)
	want(t, a, http.StatusOK)
	if !strings.Contains(string(a.Body), `"id":"`+apiID+`"`) {
		t.Fatalf("versions: %s", a.Body)
	}

	// DELETE /api/apis/{id} deletes an OAS API too.
	want(t, call(t, srv, "DELETE", "/api/apis/"+dbID, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/apis/oas/"+apiID, nil), http.StatusBadRequest, model.MsgOASNotFound)
	_, apiID = createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Again", "/again/")))
	want(t, call(t, srv, "DELETE", "/api/apis/oas/"+apiID, nil), http.StatusOK)
	wantError(t, call(t, srv, "DELETE", "/api/apis/oas/"+apiID, nil), http.StatusNotFound, "")
}

func TestOASCreateErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	wantError(t, call(t, srv, "POST", "/api/apis/oas", plainOAS("x")), http.StatusBadRequest, "x-tyk-api-gateway")
	wantError(t, call(t, srv, "POST", "/api/apis/oas", `{"openapi":`), http.StatusBadRequest, "")
	body := tykOAS("Dup", "/dup/")
	body["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["id"] = "dup-id"
	want(t, call(t, srv, "POST", "/api/apis/oas", body), http.StatusOK)
	wantError(t, call(t, srv, "POST", "/api/apis/oas", body), http.StatusConflict, model.MsgDuplicateAPIID)
	wantError(t, call(t, srv, "POST", "/api/apis/oas?templateID=missing", tykOAS("T", "/t/")), http.StatusBadRequest, "template not found")
	// A classic API is not an OAS API.
	_, classic := createClassic(t, srv, "classic")
	wantError(t, call(t, srv, "GET", "/api/apis/oas/"+classic, nil), http.StatusBadRequest, model.MsgOASNotFound)
}

func TestOASImport(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	// JSON, with options.
	a := call(t, srv, "POST", "/api/apis/oas/import?listenPath=/petstore/&upstreamURL=https://up.example&apiID=imported", plainOAS("Imported"))
	_, apiID := createOAS(t, srv, a)
	if apiID != "imported" {
		t.Fatalf("apiID option: %q", apiID)
	}
	a = call(t, srv, "GET", "/api/apis/oas/imported", nil)
	ext := a.JSON(t)["x-tyk-api-gateway"].(map[string]any)
	if ext["server"].(map[string]any)["listenPath"].(map[string]any)["value"] != "/petstore/" {
		t.Fatalf("listenPath option: %s", a.Body)
	}

	// YAML.
	yaml := "openapi: 3.0.3\ninfo:\n  title: From YAML\n  version: 1.0.0\nservers:\n  - url: https://yaml.example\npaths: {}\n"
	req, _ := http.NewRequest("POST", srv.URL+"/api/apis/oas/import", strings.NewReader(yaml))
	req.Header.Set("Authorization", srv.Secret)
	req.Header.Set("Content-Type", "application/x-yaml")
	createOAS(t, srv, send(t, req))

	// Multipart.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "api.yaml")
	fw.Write([]byte(strings.Replace(yaml, "From YAML", "From form", 1)))
	mw.Close()
	req, _ = http.NewRequest("POST", srv.URL+"/api/apis/oas/import", &buf)
	req.Header.Set("Authorization", srv.Secret)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	createOAS(t, srv, send(t, req))

	// A URL: only the memserver's own.
	wantError(t, call(t, srv, "POST", "/api/apis/oas/import", map[string]any{"url": "https://example.com/api.json"}), http.StatusBadRequest, "reaches no network")
	_, exportedFrom := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Source", "/src/")))
	a = call(t, srv, "POST", "/api/apis/oas/import", map[string]any{"url": srv.URL + "/api/apis/oas/" + exportedFrom + "/export?mode=public"})
	createOAS(t, srv, a)

	// As on the Dashboard, a boolean option that does not parse counts as not
	// given, and values are trimmed: the import succeeds without
	// authentication, on the trimmed listen path.
	_, lenient := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas/import?authentication=maybe&listenPath=%20/lenient/%20", plainOAS("Lenient")))
	ext = call(t, srv, "GET", "/api/apis/oas/"+lenient, nil).JSON(t)["x-tyk-api-gateway"].(map[string]any)
	if lp := ext["server"].(map[string]any)["listenPath"].(map[string]any)["value"]; lp != "/lenient/" {
		t.Errorf("listenPath with spaces: %v, want /lenient/", lp)
	}
	if auth, ok := ext["server"].(map[string]any)["authentication"].(map[string]any); ok && auth["enabled"] == true {
		t.Errorf("authentication=maybe enabled authentication: %v", auth)
	}

	// The extension is forbidden; nothing stored.
	before := len(call(t, srv, "GET", "/api/apis?p=0", nil).JSON(t)["apis"].([]any))
	wantError(t, call(t, srv, "POST", "/api/apis/oas/import", tykOAS("x", "/x/")), http.StatusBadRequest, model.MsgImportHasExtension)
	noServers := plainOAS("x")
	delete(noServers, "servers")
	wantError(t, call(t, srv, "POST", "/api/apis/oas/import", noServers), http.StatusBadRequest, "")
	after := len(call(t, srv, "GET", "/api/apis?p=0", nil).JSON(t)["apis"].([]any))
	if before != after {
		t.Fatalf("failed imports stored APIs: %d -> %d", before, after)
	}
}

func TestOASTemplate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	want(t, call(t, srv, "POST", "/api/assets", template("cors")), http.StatusCreated)
	a := call(t, srv, "POST", "/api/apis/oas/import?templateID=cors", plainOAS("With template"))
	_, apiID := createOAS(t, srv, a)
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	if !strings.Contains(string(a.Body), `"cors"`) {
		t.Fatalf("template not applied: %s", a.Body)
	}
	a = call(t, srv, "POST", "/api/apis/oas?templateID=cors", tykOAS("Created with template", "/t/"))
	_, apiID = createOAS(t, srv, a)
	a = call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	if !strings.Contains(string(a.Body), `"cors"`) {
		t.Fatalf("template not applied on create: %s", a.Body)
	}
}

func TestOASDryRun(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := call(t, srv, "POST", "/api/apis/oas/dry-run?listenPath=/dry/", map[string]any{"oas": plainOAS("Dry")})
	want(t, a, http.StatusOK)
	if a.JSON(t)["x-tyk-api-gateway"] == nil {
		t.Fatalf("dry run: %s", a.Body)
	}
	a = call(t, srv, "POST", "/api/apis/oas/dry-run", map[string]any{"tyk_oas": tykOAS("Dry", "/dry/")})
	want(t, a, http.StatusOK)
	wantError(t, call(t, srv, "POST", "/api/apis/oas/dry-run", map[string]any{}), http.StatusBadRequest, "oas")
	if n := len(call(t, srv, "GET", "/api/apis", nil).JSON(t)["apis"].([]any)); n != 0 {
		t.Fatalf("dry run stored %d APIs", n)
	}
}

func TestOASVersions(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, baseID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Pets", "/pets/")))
	_, v2 := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas?base_api_id="+baseID+"&base_api_version_name=v1&new_version_name=v2&set_default=true", tykOAS("Pets v2", "/pets-v2/")))

	a := call(t, srv, "GET", "/api/apis/oas/"+baseID+"/versions", nil)
	want(t, a, http.StatusOK)
	var got struct {
		APIs []struct {
			ID, Name, VersionName string
			IsDefaultVersion      bool
		} `json:"apis"`
		Pages int `json:"pages"`
	}
	a.Into(t, &got)
	if len(got.APIs) != 2 || got.Pages != 1 {
		t.Fatalf("versions: %s", a.Body)
	}
	if got.APIs[0].ID != baseID || got.APIs[0].VersionName != "v1" || got.APIs[0].IsDefaultVersion {
		t.Errorf("base version: %+v", got.APIs[0])
	}
	if got.APIs[1].ID != v2 || got.APIs[1].VersionName != "v2" || got.APIs[1].Name != "Pets v2" || !got.APIs[1].IsDefaultVersion {
		t.Errorf("new version: %+v", got.APIs[1])
	}

	count := func() int { return len(call(t, srv, "GET", "/api/apis?p=0", nil).JSON(t)["apis"].([]any)) }
	before := count()
	wantError(t, call(t, srv, "POST", "/api/apis/oas?base_api_id="+baseID, tykOAS("x", "/x/")), http.StatusBadRequest, "version name")
	wantError(t, call(t, srv, "POST", "/api/apis/oas?base_api_id=missing&new_version_name=v3", tykOAS("x", "/x/")), http.StatusBadRequest, "base API")
	wantError(t, call(t, srv, "POST", "/api/apis/oas?base_api_id="+baseID+"&new_version_name=v2", tykOAS("x", "/x/")), http.StatusConflict, "v2")
	if after := count(); after != before {
		t.Fatalf("failed version creates stored APIs: %d -> %d", before, after)
	}
}

// x-tyk-api-gateway.info.orgId is the API's org, like api_definition.org_id,
// whatever the client sent: a client that moves APIs between orgs sends the
// old org in the document.
func TestOASOrgIDIsTheAPIsOrg(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	const stale = "5e9d9544a1dcd60001d0ed20"
	orgOf := func(doc map[string]any) any {
		x, _ := doc["x-tyk-api-gateway"].(map[string]any)
		info, _ := x["info"].(map[string]any)
		return info["orgId"]
	}
	check := func(when, id string) {
		t.Helper()
		a := call(t, srv, "GET", "/api/apis/oas/"+id, nil)
		want(t, a, http.StatusOK)
		if got := orgOf(a.JSON(t)); got != srv.OrgID {
			t.Fatalf("%s: info.orgId %v, want %s", when, got, srv.OrgID)
		}
		var w model.APIDefinitionWrapper
		call(t, srv, "GET", "/api/apis/"+id, nil).Into(t, &w)
		var inList map[string]any
		if err := json.Unmarshal(w.OAS, &inList); err != nil {
			t.Fatalf("%s: oas of the wrapper: %v", when, err)
		}
		if got := orgOf(inList); got != srv.OrgID || w.APIDefinition.OrgID != srv.OrgID {
			t.Fatalf("%s: wrapper org_id %s, oas info.orgId %v", when, w.APIDefinition.OrgID, got)
		}
	}
	body := tykOAS("Moved", "/moved/")
	body["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["orgId"] = stale
	_, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", body))
	check("create", apiID)

	a := call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	upd := a.JSON(t)
	upd["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["orgId"] = stale
	want(t, call(t, srv, "PUT", "/api/apis/oas/"+apiID, upd), http.StatusOK)
	check("update", apiID)

	// Without one, it is added.
	_, other := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Plain", "/plain/")))
	check("create without orgId", other)
}
