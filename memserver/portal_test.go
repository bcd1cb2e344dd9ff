package memserver_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// The classic portal's routes and envelopes follow Tyk's classic portal
// API documentation (portal-documentation, portal-configuration): creates
// answer {"Status":"OK","Message":"<id>"}, updates "Data updated", deletes
// "Data deleted".

// createPortalPolicy creates a policy of the default org and returns its _id.
func createPortalPolicy(t testing.TB, srv *memserver.Server, name string) string {
	t.Helper()
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": name, "active": true, "rate": 10, "per": 1,
		"access_rights": map[string]any{}})
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	return r.Message
}

func wantOK(t testing.TB, a answer, msg string) model.APIResponse {
	t.Helper()
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	if r.Status != "OK" || (msg != "" && r.Message != msg) {
		t.Fatalf("answer %s, want Status OK and Message %q", a.Body, msg)
	}
	return r
}

func TestPortalCatalogue(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	// The default org has the catalogue a bootstrapped Dashboard's org has.
	var cat model.PortalCatalogue
	a := call(t, srv, "GET", "/api/portal/catalogue", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &cat)
	if cat.ID == "" || cat.OrgID != srv.OrgID || cat.APIs == nil || len(cat.APIs) != 0 {
		t.Fatalf("default catalogue: %s", a.Body)
	}

	pol := createPortalPolicy(t, srv, "gold")
	doc := wantOK(t, call(t, srv, "POST", "/api/portal/documentation", map[string]any{
		"api_id": pol, "doc_type": "swagger", "documentation": base64.StdEncoding.EncodeToString([]byte(`{"openapi":"3.0.3"}`)),
	}), "").Message
	if !model.IsObjectID(doc) {
		t.Fatalf("documentation id %q is not a database id", doc)
	}
	cat.APIs = append(cat.APIs, model.PortalCatalogueEntry{Name: "Gold", PolicyID: pol, Show: true, Documentation: doc,
		AuthType: "authToken", Extra: model.Extra{"x-kept": []byte(`{"n":9007199254740993}`)}})
	wantOK(t, call(t, srv, "PUT", "/api/portal/catalogue", &cat), "Data updated")

	var got model.PortalCatalogue
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &got)
	if got.ID != cat.ID || len(got.APIs) != 1 || got.APIs[0].PolicyID != pol || got.APIs[0].Version != "v2" ||
		got.APIs[0].Documentation != doc || string(got.APIs[0].Extra["x-kept"]) != `{"n":9007199254740993}` {
		t.Fatalf("catalogue read back: %+v", got)
	}

	// POST again (a bootstrap script setting the portal up) replaces it and
	// keeps its id.
	if id := wantOK(t, call(t, srv, "POST", "/api/portal/catalogue", map[string]any{"org_id": srv.OrgID}), "").Message; id != cat.ID {
		t.Fatalf("POST of an existing catalogue answered id %q, want %q", id, cat.ID)
	}
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &got)
	if len(got.APIs) != 0 {
		t.Fatalf("catalogue after POST of an empty one: %+v", got.APIs)
	}

	// Deleting documentation takes it off the entries that named it.
	cat.APIs[0].Documentation = doc
	wantOK(t, call(t, srv, "PUT", "/api/portal/catalogue", &cat), "Data updated")
	wantOK(t, call(t, srv, "DELETE", "/api/portal/documentation/"+doc, nil), "Data deleted")
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &got)
	if len(got.APIs) != 1 || got.APIs[0].Documentation != "" {
		t.Fatalf("entry after its documentation was deleted: %+v", got.APIs)
	}
	wantError(t, call(t, srv, "DELETE", "/api/portal/documentation/"+doc, nil), http.StatusNotFound, "")
}

func TestPortalCatalogueBadInput(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	pol := createPortalPolicy(t, srv, "gold")
	entry := func(m map[string]any) map[string]any {
		e := map[string]any{"name": "Gold", "policy_id": pol}
		for k, v := range m {
			e[k] = v
		}
		return map[string]any{"apis": []any{e}}
	}
	cases := []struct {
		name string
		body any
		msg  string
	}{
		{"not JSON", "{", "malformed JSON"},
		{"wrong type", map[string]any{"apis": "all"}, "wrong type for field"},
		{"no name", entry(map[string]any{"name": ""}), "apis[0].name is required"},
		{"no policy", entry(map[string]any{"policy_id": ""}), "apis[0].policy_id is required"},
		{"unknown policy", entry(map[string]any{"policy_id": "5e9d9544a1dcd60001d0ed99"}), "does not exist"},
		{"unknown documentation", entry(map[string]any{"documentation": "5e9d9544a1dcd60001d0ed99"}), "apis[0].documentation"},
		{"unknown auth type", entry(map[string]any{"auth_type": "magic"}), "apis[0].auth_type"},
		{"v1 entry", entry(map[string]any{"version": "v1"}), "apis[0].version"},
		{"bad override", entry(map[string]any{"config": map[string]any{"oauth_usage_limit": -2}}), "apis[0].config.oauth_usage_limit"},
		{"policy twice", map[string]any{"apis": []any{
			map[string]any{"name": "a", "policy_id": pol}, map[string]any{"name": "b", "policy_id": pol}}}, "apis[1].policy_id"},
	}
	var before model.PortalCatalogue
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &before)
	for _, tc := range cases {
		for _, method := range []string{"PUT", "POST"} {
			a := call(t, srv, method, "/api/portal/catalogue", tc.body)
			if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Body), tc.msg) {
				t.Errorf("%s %s: %d %s, want 400 saying %q", tc.name, method, a.Status, a.Body, tc.msg)
			}
		}
	}
	var after model.PortalCatalogue
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &after)
	if after.ID != before.ID || len(after.APIs) != 0 {
		t.Fatalf("a refused catalogue was stored: %+v", after)
	}

	for _, body := range []map[string]any{
		{"doc_type": "swagger", "documentation": "not base64!"},
		{"doc_type": "swagger"},
		{"doc_type": "word", "documentation": "eA=="},
		{"documentation": "eA=="},
		{"doc_type": "swagger_custom_url", "documentation": "petstore.json"},
	} {
		wantError(t, call(t, srv, "POST", "/api/portal/documentation", body), http.StatusBadRequest, "Documentation object validation failed")
	}
	wantOK(t, call(t, srv, "POST", "/api/portal/documentation", map[string]any{
		"doc_type": "swagger_custom_url", "documentation": "https://petstore.example/openapi.json"}), "")
}

func TestPortalSettings(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var conf model.PortalConfig
	call(t, srv, "GET", "/api/portal/configuration", nil).Into(t, &conf)
	if conf.ID == "" || conf.OrgID != srv.OrgID {
		t.Fatalf("default configuration: %+v", conf)
	}
	conf.RequireKeyApproval = true
	conf.SignUpFields = []string{"company"}
	conf.OAuthUsageLimit = -1
	wantOK(t, call(t, srv, "PUT", "/api/portal/configuration", &conf), "Data updated")
	var got model.PortalConfig
	call(t, srv, "GET", "/api/portal/configuration", nil).Into(t, &got)
	if got.ID != conf.ID || !got.RequireKeyApproval || len(got.SignUpFields) != 1 || got.OAuthUsageLimit != -1 {
		t.Fatalf("configuration read back: %+v", got)
	}
	for _, body := range []map[string]any{
		{"oauth_usage_limit": -5},
		{"redirect_on_key_request": true},
		{"redirect_on_key_request": true, "redirect_to": "/relative"},
		{"signup_fields": []string{""}},
		{"enable_dcr": true},
	} {
		wantError(t, call(t, srv, "PUT", "/api/portal/configuration", body), http.StatusBadRequest, "")
	}

	// Menus, CSS and JavaScript: none until set up, then read back.
	for _, path := range []string{"/api/portal/menus", "/api/portal/css", "/api/portal/js"} {
		wantError(t, call(t, srv, "GET", path, nil), http.StatusNotFound, "Could not retrieve")
		wantError(t, call(t, srv, "PUT", path, map[string]any{}), http.StatusNotFound, "Could not retrieve")
	}
	id := wantOK(t, call(t, srv, "POST", "/api/portal/js", map[string]any{"page_js": "console.log(1)"}), "").Message
	wantOK(t, call(t, srv, "PUT", "/api/portal/js", map[string]any{"id": id, "page_js": "console.log(2)"}), "Data updated")
	var js model.PortalJS
	call(t, srv, "GET", "/api/portal/js", nil).Into(t, &js)
	if js.ID != id || js.PageJS != "console.log(2)" || js.OrgID != srv.OrgID {
		t.Fatalf("JavaScript read back: %+v", js)
	}
	wantOK(t, call(t, srv, "POST", "/api/portal/css", map[string]any{"page_css": "body{}", "email_css": "p{}"}), "")
	var css model.PortalCSS
	call(t, srv, "GET", "/api/portal/css", nil).Into(t, &css)
	if css.PageCSS != "body{}" || css.EmailCSS != "p{}" {
		t.Fatalf("CSS read back: %+v", css)
	}
	wantError(t, call(t, srv, "POST", "/api/portal/menus", map[string]any{"menus": []int{1}}), http.StatusBadRequest, "menus must be a JSON object")
	wantOK(t, call(t, srv, "POST", "/api/portal/menus", map[string]any{"menus": map[string]any{"main": []any{"Home"}}, "is_active": true}), "")
	var menus model.PortalMenus
	call(t, srv, "GET", "/api/portal/menus", nil).Into(t, &menus)
	if string(menus.Menus) != `{"main":["Home"]}` || !menus.IsActive {
		t.Fatalf("menus read back: %+v %s", menus, menus.Menus)
	}
}

// TestPortalPermissionsAndOrgs: the section is "portal" (read for GET,
// write for the rest), and every org has its own portal.
func TestPortalPermissionsAndOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	pol := createPortalPolicy(t, srv, "gold")
	doc := wantOK(t, call(t, srv, "POST", "/api/portal/documentation", map[string]any{"doc_type": "swagger", "documentation": "eyJ9"}), "").Message

	_, reader := newUser(t, srv, "reader@example.com", map[string]string{"portal": "read"})
	_, none := newUser(t, srv, "none@example.com", map[string]string{"apis": "write"})
	for _, path := range []string{"/api/portal/catalogue", "/api/portal/configuration"} {
		want(t, callAs(t, srv, reader, "GET", path, nil), http.StatusOK)
		wantError(t, callAs(t, srv, none, "GET", path, nil), http.StatusForbidden, "")
		for _, method := range []string{"PUT", "POST"} {
			wantError(t, callAs(t, srv, reader, method, path, map[string]any{}), http.StatusForbidden, "")
		}
	}
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/documentation", map[string]any{"doc_type": "swagger", "documentation": "eyJ9"}), http.StatusForbidden, "")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/portal/documentation/"+doc, nil), http.StatusForbidden, "")

	// The other org has no portal set up; it cannot see ours, nor publish
	// our policy, nor delete our documentation.
	const them = "their-admin"
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/catalogue", nil), http.StatusNotFound, "Could not retrieve catalogue")
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/configuration", nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "POST", "/api/portal/catalogue", map[string]any{"apis": []any{map[string]any{"name": "x", "policy_id": pol}}}),
		http.StatusBadRequest, "does not exist")
	wantError(t, callAs(t, srv, them, "DELETE", "/api/portal/documentation/"+doc, nil), http.StatusNotFound, "")
	theirs := wantOK(t, callAs(t, srv, them, "POST", "/api/portal/catalogue", map[string]any{"org_id": srv.OrgID}), "").Message
	var cat model.PortalCatalogue
	callAs(t, srv, them, "GET", "/api/portal/catalogue", nil).Into(t, &cat)
	if cat.ID != theirs || cat.OrgID != otherOrg {
		t.Fatalf("their catalogue: %+v (a body's org_id does not move it to another org)", cat)
	}
	var ours model.PortalCatalogue
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &ours)
	if ours.ID == theirs || ours.OrgID != srv.OrgID {
		t.Fatalf("our catalogue after theirs was made: %+v", ours)
	}
}

// TestOperatorPolicyDeletionReadsCatalogue replays what tyk-operator sends
// (its dashboard client, in pro mode; facts from its controllers and
// pkg/client/dashboard): a PortalAPICatalogue reconcile reads the
// catalogue (creating one with POST when the answer is 404), uploads the
// entry's documentation and PUTs the whole catalogue; deleting a
// SecurityPolicy first GETs the catalogue and refuses while an entry uses
// the policy, then GETs and DELETEs the policy. Paths end in "/" as
// operator's endpoint constants do.
func TestOperatorPolicyDeletionReadsCatalogue(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	pol := createPortalPolicy(t, srv, "httpbin")

	// deletePolicy is operator's SecurityPolicy delete: true when it went
	// through, false when the catalogue still publishes the policy.
	deletePolicy := func() bool {
		t.Helper()
		a := call(t, srv, "GET", "/api/portal/catalogue/", nil)
		want(t, a, http.StatusOK)
		var cat model.PortalCatalogue
		a.Into(t, &cat)
		for _, e := range cat.APIs {
			if e.PolicyID == pol {
				return false
			}
		}
		if a := call(t, srv, "GET", "/api/portal/policies/"+pol, nil); a.Status == http.StatusNotFound {
			return true
		}
		wantOK(t, call(t, srv, "DELETE", "/api/portal/policies/"+pol, nil), "")
		return true
	}

	// A PortalAPICatalogue with documentation for the policy.
	a := call(t, srv, "GET", "/api/portal/catalogue/", nil)
	var cat model.PortalCatalogue
	if a.Status == http.StatusNotFound {
		cat.ID = wantOK(t, call(t, srv, "POST", "/api/portal/catalogue/", map[string]any{"org_id": srv.OrgID}), "").Message
	} else {
		want(t, a, http.StatusOK)
		a.Into(t, &cat)
	}
	doc := wantOK(t, call(t, srv, "POST", "/api/portal/documentation/", map[string]any{
		"documentation": base64.StdEncoding.EncodeToString([]byte("openapi: 3.0.3\n")), "doc_type": "swagger", "api_id": pol,
	}), "").Message
	// Operator's APIDescription omits empty members.
	wantOK(t, call(t, srv, "PUT", "/api/portal/catalogue/", map[string]any{
		"id": cat.ID, "org_id": srv.OrgID, "email": "",
		"apis": []any{map[string]any{"name": "httpbin", "policy_id": pol, "documentation": doc, "version": "v2", "show": true, "auth_type": "authToken"}},
	}), "")

	if deletePolicy() {
		t.Fatal("the policy was deleted while the catalogue publishes it")
	}
	want(t, call(t, srv, "GET", "/api/portal/policies/"+pol, nil), http.StatusOK)

	// Deleting the PortalAPICatalogue: the entry goes, its documentation too.
	wantOK(t, call(t, srv, "PUT", "/api/portal/catalogue/", map[string]any{"id": cat.ID, "org_id": srv.OrgID, "apis": []any{}}), "")
	wantOK(t, call(t, srv, "DELETE", "/api/portal/documentation/"+doc, nil), "Data deleted")

	if !deletePolicy() {
		t.Fatal("the policy could not be deleted once no catalogue entry uses it")
	}
	want(t, call(t, srv, "GET", "/api/portal/policies/"+pol, nil), http.StatusNotFound)
}

// portalIDs are one of each object of the classic portal, for routes that
// name one in their path.
type portalIDs struct {
	documentation, page, developer, developerEmail, request string
}

// createPortalObjects sets up the default org's portal: menus, CSS, JS,
// documentation, a page, a developer and a key request for policy.
func createPortalObjects(t *testing.T, srv *memserver.Server, policy string) portalIDs {
	t.Helper()
	var p portalIDs
	wantOK(t, call(t, srv, "POST", "/api/portal/menus", map[string]any{"menus": map[string]any{}}), "")
	wantOK(t, call(t, srv, "POST", "/api/portal/css", map[string]any{"page_css": "body{}"}), "")
	wantOK(t, call(t, srv, "POST", "/api/portal/js", map[string]any{"page_js": "1"}), "")
	p.documentation = wantOK(t, call(t, srv, "POST", "/api/portal/documentation", map[string]any{"doc_type": "swagger", "documentation": "eyJ9"}), "").Message
	p.page = wantOK(t, call(t, srv, "POST", "/api/portal/pages", map[string]any{"title": "Home", "slug": "home", "template_name": "default_home"}), "").Message
	p.developerEmail = "walker@developers.example"
	p.developer = wantOK(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{"email": p.developerEmail, "password": "walk-the-walk"}), "").Message
	p.request = wantOK(t, call(t, srv, "POST", "/api/portal/requests", map[string]any{"by_user": p.developer, "apply_policies": []string{policy}}), "").Message
	return p
}

// fill gives the wildcards of a portal route's path the ids of real objects.
func (p portalIDs) fill(path string) string {
	var id string
	switch {
	case strings.HasPrefix(path, "/api/portal/documentation/"):
		id = p.documentation
	case strings.HasPrefix(path, "/api/portal/pages/"):
		id = p.page
	case strings.HasPrefix(path, "/api/portal/developers/"):
		id = p.developer
	case strings.HasPrefix(path, "/api/portal/requests/"):
		id = p.request
	}
	return strings.NewReplacer("{id}", id, "{email}", p.developerEmail).Replace(path)
}
