package memserver_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// Routes that look like /api/apis/{id} reach their own handlers (issue:
// /api/apis/groups, /streams and /migrate were read as API ids).
func TestAPIRoutesThatLookAlike(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	want(t, call(t, srv, "GET", "/api/apis/groups", nil), http.StatusOK)
	a := call(t, srv, "POST", "/api/apis/streams", streamsDoc("Looks alike", "/alike/"))
	want(t, a, http.StatusOK)
	reqs := srv.Requests()
	if r := reqs[len(reqs)-1].Route; r != "POST /api/apis/streams" {
		t.Fatalf("POST /api/apis/streams answered by %q", r)
	}
}

func TestAPIAccess(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithAPIOwnership(true))
	dbID, apiID := createClassic(t, srv, "owned")
	_, otherAPI := createClassic(t, srv, "unowned")
	ownerID, owner := newUser(t, srv, "owner@example.com", map[string]string{"apis": "write"})
	_, stranger := newUser(t, srv, "stranger@example.com", map[string]string{"apis": "write"})
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "team", "user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	group := a.JSON(t)["Meta"].(string)

	var acc model.AccessManagementPayload
	call(t, srv, "GET", "/api/apis/"+dbID+"/access", nil).Into(t, &acc)
	if len(acc.UserIDs) != 0 || len(acc.UserGroupIDs) != 0 {
		t.Fatalf("a new API has owners: %+v", acc)
	}
	// Before it has owners, every user sees it.
	want(t, callAs(t, srv, stranger, "GET", "/api/apis/"+dbID, nil), http.StatusOK)

	want(t, call(t, srv, "PUT", "/api/apis/"+dbID+"/access", model.AccessManagementPayload{UserIDs: []string{ownerID}, UserGroupIDs: []string{group}}), http.StatusOK)
	call(t, srv, "GET", "/api/apis/"+apiID+"/access", nil).Into(t, &acc)
	if len(acc.UserIDs) != 1 || acc.UserIDs[0] != ownerID || len(acc.UserGroupIDs) != 1 || acc.UserGroupIDs[0] != group {
		t.Fatalf("owners: %+v", acc)
	}
	// Ownership on: the owner and admins see it, another user does not,
	// neither alone nor in the list.
	want(t, callAs(t, srv, owner, "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	wantError(t, callAs(t, srv, stranger, "GET", "/api/apis/"+dbID, nil), http.StatusBadRequest, "Could not retrieve API detail")
	wantError(t, callAs(t, srv, stranger, "PUT", "/api/apis/"+dbID+"/access", model.AccessManagementPayload{UserIDs: []string{}}), http.StatusNotFound, "API not found")
	var list model.APIListResponse
	callAs(t, srv, stranger, "GET", "/api/apis", nil).Into(t, &list)
	if len(list.APIs) != 1 || list.APIs[0].APIDefinition.APIID != otherAPI {
		t.Fatalf("the stranger lists %d APIs", len(list.APIs))
	}

	// Bad input: unknown users and groups are refused and nothing changes.
	wantError(t, call(t, srv, "PUT", "/api/apis/"+dbID+"/access", model.AccessManagementPayload{UserIDs: []string{"5e9d9544a1dcd60001d0ed99"}}), http.StatusBadRequest, "userIds[0]")
	wantError(t, call(t, srv, "PUT", "/api/apis/"+dbID+"/access", model.AccessManagementPayload{UserGroupIDs: []string{"nope"}}), http.StatusBadRequest, "userGroupIds[0]")
	wantError(t, call(t, srv, "PUT", "/api/apis/"+dbID+"/access", `{"userIds":`), http.StatusBadRequest, "")
	call(t, srv, "GET", "/api/apis/"+dbID+"/access", nil).Into(t, &acc)
	if len(acc.UserIDs) != 1 {
		t.Fatalf("a refused update changed the owners: %+v", acc)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/5e9d9544a1dcd60001d0ed99/access", nil), http.StatusNotFound, "API not found")
	_, reader := newUser(t, srv, "reader@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, reader, "PUT", "/api/apis/"+otherAPI+"/access", model.AccessManagementPayload{}), http.StatusForbidden, "access denied")
	want(t, callAs(t, srv, reader, "GET", "/api/apis/"+otherAPI+"/access", nil), http.StatusOK)
}

func TestAPIURLs(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithGatewayURL("https://gw.example.com:8443"))
	dbID, _ := createClassic(t, srv, "served")
	var u map[string]string
	call(t, srv, "GET", "/api/apis/"+dbID+"/url", nil).Into(t, &u)
	if u["ApiURL"] != "https://gw.example.com:8443/served/" || u["BasePath"] != "/served/" || u["Host"] != "gw.example.com:8443" {
		t.Fatalf("url: %+v", u)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/5e9d9544a1dcd60001d0ed99/url", nil), http.StatusBadRequest, "Could not retrieve API detail")

	doc := tykOAS("Versioned", "/users/")
	ext := doc["x-tyk-api-gateway"].(map[string]any)
	ext["info"].(map[string]any)["versioning"] = map[string]any{"enabled": true, "name": "v1", "default": "v1", "location": "header", "key": "X-API-Version",
		"versions": []any{map[string]any{"name": "v2", "id": "0123456789abcdef0123456789abcdef"}}}
	oasDB, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", doc))
	var urls struct {
		APIID string `json:"api_id"`
		URLs  []struct {
			Domain, URL, ListenPath string
			Port                    *int
			Headers                 []struct{ Name, Value string }
		} `json:"urls"`
	}
	a := call(t, srv, "GET", "/api/apis/oas/"+oasDB+"/urls", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &urls)
	if urls.APIID != apiID || len(urls.URLs) != 3 || urls.URLs[0].Headers[0].Value != "v1" || urls.URLs[1].Headers[0].Value != "v2" ||
		urls.URLs[2].URL != "https://gw.example.com:8443/users" || *urls.URLs[2].Port != 8443 {
		t.Fatalf("urls: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/oas/"+dbID+"/urls", nil), http.StatusNotFound, "API not found")
}

func TestAPIGroupsJWKSAndProxy(t *testing.T) {
	t.Parallel()
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"path":"` + r.URL.Path + `","test":"` + r.Header.Get("test") + `"}`))
	}))
	t.Cleanup(gw.Close)
	srv := newServer(t, memserver.WithGatewayURL(gw.URL))
	api := classicAPI("grouped #payments", "/grouped/")
	api["api_definition"].(map[string]any)["tags"] = []string{"edge"}
	a := call(t, srv, "POST", "/api/apis", api)
	want(t, a, http.StatusOK)
	apiID := a.JSON(t)["ID"].(string)
	var groups map[string][]string
	call(t, srv, "GET", "/api/apis/groups", nil).Into(t, &groups)
	if strings.Join(groups["payments"], ",") != apiID || strings.Join(groups["edge"], ",") != apiID {
		t.Fatalf("groups: %+v", groups)
	}

	want(t, call(t, srv, "DELETE", "/api/cache/jwks/"+apiID, nil), http.StatusOK)
	a = call(t, srv, "DELETE", "/api/cache/jwks/00000000000000000000000000000000", nil)
	want(t, a, http.StatusForbidden)
	_, reader := newUser(t, srv, "jwks-reader@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/cache/jwks/"+apiID, nil), http.StatusForbidden, "access denied")

	a = call(t, srv, "POST", "/api/proxy", map[string]any{"method": "GET", "url": gw.URL + "/grouped/get", "headers": map[string]string{"test": "tyk"}})
	want(t, a, http.StatusOK)
	body := a.JSON(t)
	if body["status_code"].(float64) != 200 || body["body"].(map[string]any)["path"] != "/grouped/get" || body["body"].(map[string]any)["test"] != "tyk" {
		t.Fatalf("proxy: %s", a.Body)
	}
	wantError(t, call(t, srv, "POST", "/api/proxy", map[string]any{"method": "GET", "url": "http://elsewhere.example/x"}), http.StatusForbidden, "not a recognised gateway URL")
	wantError(t, call(t, srv, "POST", "/api/proxy", map[string]any{"url": gw.URL}), http.StatusBadRequest, "method is required")
	wantError(t, callAs(t, srv, reader, "POST", "/api/proxy", map[string]any{"method": "GET", "url": gw.URL}), http.StatusForbidden, "access denied")
}
