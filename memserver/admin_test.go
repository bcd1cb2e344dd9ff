package memserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestAdminOrganisations(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	a := adminCall(t, srv, "POST", "/admin/organisations/", map[string]any{"owner_name": "Jively", "cname": "jive.ly", "cname_enabled": true})
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	orgID, _ := m["Meta"].(string)
	if m["Message"] != "Org created" || !objectID.MatchString(orgID) {
		t.Fatalf("create envelope: %s", a.Body)
	}
	var org model.Organisation
	adminCall(t, srv, "GET", "/admin/organisations/"+orgID, nil).Into(t, &org)
	if org.OwnerName != "Jively" || org.CNAME != "jive.ly" || !org.CNAMEEnabled || org.APIs == nil {
		t.Fatalf("org: %+v", org)
	}
	var list model.OrganisationListResponse
	adminCall(t, srv, "GET", "/admin/organisations", nil).Into(t, &list)
	if len(list.Organisations) != 2 || list.Pages != 1 {
		t.Fatalf("list: %+v", list)
	}
	if a := adminCall(t, srv, "GET", "/admin/organisations/"+srv.OrgID, nil); a.JSON(t)["apis"] == nil {
		t.Fatalf("the default org's apis are null: %s", a.Body)
	}

	// Update keeps what has routes of its own (OPA rules) unless given.
	a = adminCall(t, srv, "PUT", "/admin/organisations/"+orgID, map[string]any{"owner_name": "Jively Ltd", "cname": "jive.ly"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Org updated" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	adminCall(t, srv, "GET", "/admin/organisations/"+orgID, nil).Into(t, &org)
	if org.OwnerName != "Jively Ltd" || org.CNAMEEnabled {
		t.Fatalf("after update: %+v", org)
	}

	// Import keeps the id (the guide's Import Organization).
	imported := map[string]any{"id": "53ac07777cbb8c2d53000002", "owner_name": "Test", "owner_slug": "test", "cname_enabled": true, "cname": "my.domain.com",
		"apis": []any{map[string]any{"api_human_name": "API 2", "api_id": "5fa2db834e07444f760b7ceb314209fb"}}, "developer_quota": 123, "developer_count": 21,
		"event_options": map[string]any{"key_event": map[string]any{"webhook": "", "email": "", "redis": true}}}
	a = adminCall(t, srv, "POST", "/admin/organisations/import", imported)
	want(t, a, http.StatusOK)
	adminCall(t, srv, "GET", "/admin/organisations/53ac07777cbb8c2d53000002", nil).Into(t, &org)
	if org.OwnerSlug != "test" || org.DeveloperQuota != 123 || len(org.APIs) != 1 || !org.EventOptions["key_event"].Redis {
		t.Fatalf("imported: %+v", org)
	}
	imported["owner_name"] = "Test again"
	want(t, adminCall(t, srv, "POST", "/admin/organisations/import", imported), http.StatusOK)
	adminCall(t, srv, "GET", "/admin/organisations/53ac07777cbb8c2d53000002", nil).Into(t, &org)
	if org.OwnerName != "Test again" {
		t.Fatalf("re-import: %+v", org)
	}

	const missing = "0123456789abcdef0123abcd"
	cases := []struct {
		method, path string
		body         any
		status       int
		msg          string
	}{
		{"POST", "/admin/organisations", "{", 400, "malformed JSON"},
		{"POST", "/admin/organisations", map[string]any{"cname": "x"}, 400, "owner_name is required"},
		{"POST", "/admin/organisations", `{"owner_name":"x","developer_quota":"lots"}`, 400, "wrong type"},
		{"POST", "/admin/organisations/import", map[string]any{"owner_name": "x", "id": "short"}, 400, "24 hex"},
		{"GET", "/admin/organisations/" + missing, nil, 404, "Could not retrieve organisation"},
		{"PUT", "/admin/organisations/" + missing, map[string]any{"owner_name": "x"}, 404, "Could not retrieve organisation"},
		{"PUT", "/admin/organisations/" + orgID, map[string]any{"owner_name": "x", "id": missing}, 400, "does not match"},
		{"DELETE", "/admin/organisations/" + missing, nil, 404, "Could not retrieve organisation"},
	}
	for _, tc := range cases {
		wantError(t, adminCall(t, srv, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	wantError(t, adminCallAs(t, srv, "wrong", "GET", "/admin/organisations", nil), http.StatusUnauthorized, "Not authorised")
	adminCall(t, srv, "GET", "/admin/organisations", nil).Into(t, &list)
	if len(list.Organisations) != 3 {
		t.Fatalf("failed requests changed the organisations: %d", len(list.Organisations))
	}
	// Portals: the org records the domain.
	form := newRequest(t, srv, "POST", "/admin/organisations/"+orgID+"/generate-portals", "domain=portal.jive.ly")
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form.Header.Set("admin-auth", srv.AdminSecret)
	want(t, send(t, form), http.StatusOK)
	adminCall(t, srv, "GET", "/admin/organisations/"+orgID, nil).Into(t, &org)
	if org.CNAME != "portal.jive.ly" || !org.CNAMEEnabled {
		t.Fatalf("after generate-portals: %+v", org)
	}
	form = newRequest(t, srv, "POST", "/admin/organisations/"+missing+"/generate-portals", "domain=x.example")
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form.Header.Set("admin-auth", srv.AdminSecret)
	wantError(t, send(t, form), http.StatusNotFound, "Could not generate APIs")
	form = newRequest(t, srv, "POST", "/admin/organisations/"+orgID+"/generate-portals", "domain=")
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form.Header.Set("admin-auth", srv.AdminSecret)
	wantError(t, send(t, form), http.StatusBadRequest, "domain is required")

	want(t, adminCall(t, srv, "GET", "/admin/system/reload", nil), http.StatusOK)
	if a := adminCall(t, srv, "GET", "/admin/system/reload", nil); string(a.Body) != `{"status":"ok"}` {
		t.Fatalf("reload: %s", a.Body)
	}
}

// TestAdminDeleteOrganisationCascades: deleting an org deletes what it
// owns, and nothing of another org.
func TestAdminDeleteOrganisationCascades(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := adminCall(t, srv, "POST", "/admin/organisations", map[string]any{"owner_name": "Doomed"})
	want(t, a, http.StatusOK)
	doomed := a.JSON(t)["Meta"].(string)
	a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": doomed, "email_address": "boss@doomed.example", "active": true, "user_permissions": map[string]string{"IsAdmin": "admin"}})
	want(t, a, http.StatusOK)
	secret := a.JSON(t)["Message"].(string)
	_, apiID := createClassicAs(t, srv, secret, "doomed-api")
	want(t, callAs(t, srv, secret, "POST", "/api/keys", session(apiID)), http.StatusOK)
	want(t, callAs(t, srv, secret, "POST", "/api/hooks", map[string]any{"method": "POST", "target_path": "http://x.example/"}), http.StatusOK)
	want(t, callAs(t, srv, secret, "POST", "/api/usergroups", map[string]any{"name": "g"}), http.StatusOK)
	// Ours, which must stay.
	_, ourAPI := createClassic(t, srv, "ours")
	want(t, call(t, srv, "POST", "/api/keys", session(ourAPI)), http.StatusOK)

	a = adminCall(t, srv, "DELETE", "/admin/organisations/"+doomed, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Org deleted" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	wantError(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	wantError(t, adminCall(t, srv, "GET", "/admin/organisations/"+doomed, nil), http.StatusNotFound, "")
	var exported strings.Builder
	if err := srv.Store().Export(t.Context(), &exported); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(exported.String(), doomed) {
		t.Fatalf("the deleted org's objects remain:\n%s", exported.String())
	}
	var apis model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &apis)
	var keys model.KeyListResponse
	call(t, srv, "GET", "/api/apis/keys", nil).Into(t, &keys)
	if len(apis.APIs) != 1 || len(keys.Data.Keys) != 1 {
		t.Fatalf("our objects went too: %d APIs, %d keys", len(apis.APIs), len(keys.Data.Keys))
	}
}

// createClassicAs creates a classic API as the user of secret.
func createClassicAs(t testing.TB, srv *memserver.Server, secret, name string) (dbID, apiID string) {
	t.Helper()
	a := callAs(t, srv, secret, "POST", "/api/apis", classicAPI(name, "/"+name+"/"))
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	return r.Meta.(string), r.ID
}

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	srv := newServer(t, fastPasswords)
	a := adminCall(t, srv, "POST", "/admin/organisations", map[string]any{"owner_name": "Second"})
	want(t, a, http.StatusOK)
	second := a.JSON(t)["Meta"].(string)

	// The guide's Add user: secret in Message, the user in Meta; no
	// password is set even when one is sent.
	a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": second, "first_name": "Jason", "last_name": "Jasonson",
		"email_address": "jason@second.example", "active": true, "password": "ignored-pass", "user_permissions": map[string]string{"IsAdmin": "admin"}})
	want(t, a, http.StatusOK)
	var created struct {
		Message string
		Meta    model.User
	}
	a.Into(t, &created)
	if created.Message == "" || created.Meta.AccessKey != created.Message || created.Meta.OrgID != second || created.Meta.Password != "" {
		t.Fatalf("create: %s", a.Body)
	}
	uid := created.Meta.ID
	// No password yet: setting one needs no current one.
	want(t, callAs(t, srv, created.Message, "POST", "/api/users/"+uid+"/actions/reset", map[string]string{"new_password": "first-pass"}), http.StatusOK)

	var u model.User
	adminCall(t, srv, "GET", "/admin/users/"+uid, nil).Into(t, &u)
	if u.EmailAddress != "jason@second.example" {
		t.Fatalf("get: %+v", u)
	}
	// The guide's Update User: a password needs the user's access_key.
	wantError(t, adminCall(t, srv, "PUT", "/admin/users/"+uid, map[string]any{"last_name": "File", "password": "plaintext_password"}), http.StatusForbidden, "access_key")
	a = adminCall(t, srv, "PUT", "/admin/users/"+uid, map[string]any{"access_key": created.Message, "last_name": "File", "password": "plaintext_password"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User updated" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	wantError(t, callAs(t, srv, created.Message, "POST", "/api/users/"+uid+"/actions/reset", map[string]string{"current_password": "first-pass", "new_password": "other-pass"}), http.StatusForbidden, "not the user's password")
	want(t, callAs(t, srv, created.Message, "POST", "/api/users/"+uid+"/actions/reset", map[string]string{"current_password": "plaintext_password", "new_password": "other-pass"}), http.StatusOK)

	a = adminCall(t, srv, "PUT", "/admin/users/"+uid+"/actions/allow_reset_passwords", nil)
	want(t, a, http.StatusOK)
	var allowed struct{ Meta model.User }
	a.Into(t, &allowed)
	if allowed.Meta.UserPermissions["ResetPassword"] != "admin" {
		t.Fatalf("allow: %s", a.Body)
	}

	// A super user (no org) sees every org.
	a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"email_address": "root@example.com", "active": true, "user_permissions": map[string]string{"IsAdmin": "admin"}})
	want(t, a, http.StatusOK)
	root := a.JSON(t)["Message"].(string)
	createClassic(t, srv, "default-org-api")
	secondDB, _ := createClassicAs(t, srv, created.Message, "second-org-api")
	want(t, callAs(t, srv, root, "GET", "/api/apis/"+secondDB, nil), http.StatusOK)
	want(t, callAs(t, srv, root, "GET", "/api/users/"+uid, nil), http.StatusOK)
	var apis model.APIListResponse
	callAs(t, srv, root, "GET", "/api/apis", nil).Into(t, &apis)
	if len(apis.APIs) != 2 {
		t.Fatalf("super user sees %d APIs, want both orgs' 2", len(apis.APIs))
	}
	var users model.UserListResponse
	callAs(t, srv, root, "GET", "/api/users?p=-1", nil).Into(t, &users)
	if len(users.Users) != 3 {
		t.Fatalf("super user sees %d users, want 3", len(users.Users))
	}
	callAs(t, srv, created.Message, "GET", "/api/apis", nil).Into(t, &apis)
	if len(apis.APIs) != 1 {
		t.Fatalf("an org admin sees %d APIs, want its own 1", len(apis.APIs))
	}

	const missing = "0123456789abcdef0123abcd"
	cases := []struct {
		method, path string
		body         any
		status       int
		msg          string
	}{
		{"POST", "/admin/users", "{", 400, "malformed JSON"},
		{"POST", "/admin/users", map[string]any{"first_name": "x"}, 400, "email_address is required"},
		{"POST", "/admin/users", map[string]any{"email_address": "x@example.com", "org_id": missing}, 400, "is not an organisation"},
		{"POST", "/admin/users", map[string]any{"email_address": "ROOT@example.com"}, 403, "already exists"},
		{"GET", "/admin/users/" + missing, nil, 404, "Could not retrieve user detail"},
		{"PUT", "/admin/users/" + missing, map[string]any{"first_name": "x"}, 404, "Could not retrieve user detail"},
		{"PUT", "/admin/users/" + uid, map[string]any{"org_id": missing}, 400, "is not an organisation"},
		{"PUT", "/admin/users/" + missing + "/actions/allow_reset_passwords", nil, 404, "Could not retrieve user detail"},
		{"PUT", "/admin/users/" + missing + "/actions/disallow_reset_passwords", nil, 404, "Could not retrieve user detail"},
	}
	for _, tc := range cases {
		wantError(t, adminCall(t, srv, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	adminCall(t, srv, "GET", "/admin/users/"+uid, nil).Into(t, &u)
	if u.OrgID != second || u.LastName != "File" {
		t.Fatalf("failed requests changed the user: %+v", u)
	}
}

// TestAdminImportRoundTrip: the ordinary GET lists of one Dashboard,
// imported into an empty one, give the same APIs and policies.
func TestAdminImportRoundTrip(t *testing.T) {
	t.Parallel()
	from := newServer(t)
	hookID := createHook(t, from, "round-trip")
	body := classicAPI("Payments #billing", "/pay/")
	body["hook_references"] = []any{map[string]any{"event_name": "QuotaExceeded", "hook": map[string]any{"id": hookID}}}
	want(t, call(t, from, "POST", "/api/apis", body), http.StatusOK)
	_, apiID := createClassic(t, from, "orders")
	createOAS(t, from, call(t, from, "POST", "/api/apis/oas", tykOAS("Pets", "/pets/")))
	want(t, call(t, from, "POST", "/api/portal/policies", map[string]any{"name": "gold", "id": "gold-custom", "rate": 10, "per": 1,
		"access_rights": map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}}), http.StatusOK)
	want(t, call(t, from, "POST", "/api/portal/policies", map[string]any{"name": "silver"}), http.StatusOK)

	to := newServer(t)
	org := adminCall(t, from, "GET", "/admin/organisations/"+from.OrgID, nil)
	want(t, org, http.StatusOK)
	want(t, adminCall(t, to, "POST", "/admin/organisations/import", org.Body), http.StatusOK)

	apis := call(t, from, "GET", "/api/apis?p=-1", nil)
	pols := call(t, from, "GET", "/api/portal/policies?p=-1", nil)
	a := adminCall(t, to, "POST", "/admin/apis/import", apis.Body)
	want(t, a, http.StatusOK)
	want(t, adminCall(t, to, "POST", "/admin/policies/import", pols.Body), http.StatusOK)

	// Read back as a user of the imported org.
	a = adminCall(t, to, "POST", "/admin/users", map[string]any{"org_id": from.OrgID, "email_address": "reader@example.com", "user_permissions": map[string]string{"IsAdmin": "admin"}})
	want(t, a, http.StatusOK)
	secret := a.JSON(t)["Message"].(string)
	var wantAPIs, gotAPIs model.APIListResponse
	apis.Into(t, &wantAPIs)
	callAs(t, to, secret, "GET", "/api/apis?p=-1", nil).Into(t, &gotAPIs)
	if len(gotAPIs.APIs) != 3 {
		t.Fatalf("imported %d APIs, want 3", len(gotAPIs.APIs))
	}
	if diff := cmp.Diff(wantAPIs, gotAPIs); diff != "" {
		t.Errorf("APIs differ after the round trip (-from +to):\n%s", diff)
	}
	var wantPols, gotPols model.PolicyListResponse
	pols.Into(t, &wantPols)
	callAs(t, to, secret, "GET", "/api/portal/policies?p=-1", nil).Into(t, &gotPols)
	if diff := cmp.Diff(wantPols, gotPols); diff != "" {
		t.Errorf("policies differ after the round trip (-from +to):\n%s", diff)
	}
	// Found by the ids they had.
	want(t, callAs(t, to, secret, "GET", "/api/apis/"+apiID, nil), http.StatusOK)
	want(t, callAs(t, to, secret, "GET", "/api/portal/policies/gold-custom", nil), http.StatusOK)

	// Importing again replaces rather than duplicates.
	want(t, adminCall(t, to, "POST", "/admin/apis/import", apis.Body), http.StatusOK)
	want(t, adminCall(t, to, "POST", "/admin/policies/import", pols.Body), http.StatusOK)
	callAs(t, to, secret, "GET", "/api/apis?p=-1", nil).Into(t, &gotAPIs)
	callAs(t, to, secret, "GET", "/api/portal/policies?p=-1", nil).Into(t, &gotPols)
	if len(gotAPIs.APIs) != 3 || len(gotPols.Data) != 2 {
		t.Fatalf("re-import: %d APIs, %d policies", len(gotAPIs.APIs), len(gotPols.Data))
	}
}

func TestAdminImportErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dbID, apiID := createClassic(t, srv, "existing")
	const otherOrg = "0123456789abcdef0123abcd"
	api := func(id, apiID, org string) map[string]any {
		w := classicAPI("imported", "/imported/")
		def := w["api_definition"].(map[string]any)
		def["id"], def["api_id"], def["org_id"] = id, apiID, org
		return w
	}
	cases := []struct {
		path   string
		body   any
		status int
		msg    string
	}{
		{"/admin/apis/import", "{", 400, "malformed JSON"},
		{"/admin/apis/import", `{"data":[]}`, 400, `{"apis":[...]}`},
		{"/admin/apis/import", map[string]any{"apis": []any{map[string]any{"api_definition": map[string]any{}}}}, 400, "apis[0]: api_definition with a name"},
		{"/admin/apis/import", map[string]any{"apis": []any{api("aaaaaaaaaaaaaaaaaaaaaaaa", "fresh-id", otherOrg)}}, 400, "does not exist: import it first"},
		// A second API with a taken api_id: refused, and the first of the
		// batch is not stored either.
		{"/admin/apis/import", map[string]any{"apis": []any{api("aaaaaaaaaaaaaaaaaaaaaaaa", "fresh-id", srv.OrgID), api("bbbbbbbbbbbbbbbbbbbbbbbb", apiID, srv.OrgID)}}, 409, "belongs to another API"},
		// The description lists 403 "Request body malformed" as the one
		// client error of policy import.
		{"/admin/policies/import", `{"Data":{}}`, 403, "wrong type"},
		{"/admin/policies/import", `{"Pages":1}`, 403, `{"Data":[...]}`},
		{"/admin/policies/import", map[string]any{"Data": []any{map[string]any{"_id": "cccccccccccccccccccccccc"}}}, 403, "name is required"},
		{"/admin/policies/import", map[string]any{"Data": []any{map[string]any{"_id": "nope", "name": "p"}}}, 403, "24 hex"},
		{"/admin/policies/import", map[string]any{"Data": []any{map[string]any{"_id": "cccccccccccccccccccccccc", "name": "p", "org_id": otherOrg}}}, 403, "import it first"},
		{"/admin/policies/import", map[string]any{"Data": []any{
			map[string]any{"_id": "cccccccccccccccccccccccc", "name": "p", "id": "same"},
			map[string]any{"_id": "dddddddddddddddddddddddd", "name": "q", "id": "same"},
		}}, 403, "belongs to another policy"},
		{"/admin/policies/import", map[string]any{"Data": []any{
			map[string]any{"_id": "cccccccccccccccccccccccc", "name": "p"},
			map[string]any{"_id": "cccccccccccccccccccccccc", "name": "q"},
		}}, 403, "also the _id of Data[0]"},
	}
	for _, tc := range cases {
		wantError(t, adminCall(t, srv, "POST", tc.path, tc.body), tc.status, tc.msg)
	}
	var apis model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &apis)
	if len(apis.APIs) != 1 || apis.APIs[0].APIDefinition.ID != dbID {
		t.Fatalf("failed imports stored APIs: %+v", apis.APIs)
	}
	var pols model.PolicyListResponse
	call(t, srv, "GET", "/api/portal/policies", nil).Into(t, &pols)
	if len(pols.Data) != 0 {
		t.Fatalf("failed imports stored policies: %+v", pols.Data)
	}
	wantError(t, adminCallAs(t, srv, srv.Secret, "POST", "/admin/apis/import", `{"apis":[]}`), http.StatusUnauthorized, "Not authorised")
}

func TestAdminOrgKeys(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := adminCall(t, srv, "GET", "/admin/org/keys", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != `{"data":{"keys":[]},"pages":1}` {
		t.Fatalf("no org keys: %s", a.Body)
	}
	body := map[string]any{"org_id": srv.OrgID, "rate": 1000, "per": 60, "quota_max": -1, "meta_data": map[string]string{"tier": "gold"}}
	a = adminCall(t, srv, "POST", "/admin/org/keys", body)
	want(t, a, http.StatusOK)
	var k model.KeyData
	a.Into(t, &k)
	if k.KeyID != srv.OrgID || k.Data.Rate != 1000 || k.Data.OrgID != srv.OrgID {
		t.Fatalf("created: %s", a.Body)
	}
	wantError(t, adminCall(t, srv, "POST", "/admin/org/keys", body), http.StatusConflict, "has an org key")
	var list model.KeyListResponse
	adminCall(t, srv, "GET", "/admin/org/keys", nil).Into(t, &list)
	if len(list.Data.Keys) != 1 || list.Data.Keys[0] != srv.OrgID {
		t.Fatalf("list: %+v", list)
	}
	body["rate"] = 5
	a = adminCall(t, srv, "PUT", "/admin/org/keys/"+srv.OrgID, body)
	want(t, a, http.StatusOK)
	adminCall(t, srv, "GET", "/admin/org/keys/"+srv.OrgID, nil).Into(t, &k)
	if k.Data.Rate != 5 || k.Data.DateCreated == "" {
		t.Fatalf("after update: %+v", k.Data)
	}
	// An ordinary key is not an org key.
	_, apiID := createClassic(t, srv, "org-keys")
	var ordinary model.KeyData
	call(t, srv, "POST", "/api/keys", session(apiID)).Into(t, &ordinary)
	const missing = "0123456789abcdef0123abcd"
	cases := []struct {
		method, path string
		body         any
		status       int
		msg          string
	}{
		{"POST", "/admin/org/keys", "{", 400, "malformed JSON"},
		{"POST", "/admin/org/keys", map[string]any{"rate": 1}, 400, "org_id is required"},
		{"POST", "/admin/org/keys", map[string]any{"org_id": missing}, 400, "does not exist"},
		{"GET", "/admin/org/keys/" + missing, nil, 404, msgOrgKeyNotFoundText},
		{"GET", "/admin/org/keys/" + ordinary.KeyID, nil, 404, msgOrgKeyNotFoundText},
		{"PUT", "/admin/org/keys/" + srv.OrgID, map[string]any{"org_id": missing}, 400, "does not match"},
		{"PUT", "/admin/org/keys/" + missing, map[string]any{}, 404, msgOrgKeyNotFoundText},
		{"DELETE", "/admin/org/keys/" + ordinary.KeyID, nil, 404, msgOrgKeyNotFoundText},
	}
	for _, tc := range cases {
		wantError(t, adminCall(t, srv, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	a = adminCall(t, srv, "DELETE", "/admin/org/keys/"+srv.OrgID, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Key deleted successfully" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	wantError(t, adminCall(t, srv, "GET", "/admin/org/keys/"+srv.OrgID, nil), http.StatusNotFound, msgOrgKeyNotFoundText)
	want(t, call(t, srv, "GET", "/api/keys/"+ordinary.KeyID, nil), http.StatusOK)
}

const msgOrgKeyNotFoundText = "Could not get Org key details"

// POST /admin/policies/import with the request example of the official
// Admin description (dashboard-admin-api.yml, importPolicies): a policy
// with "_id": "", "access_rights": null and the org 53ac07777cbb8c2d53000002.
// It is stored under a new id, keeping the dates it carries, and the answer
// is the description's 200: "Policies imported" with Meta {<_id>: true}.
func TestAdminImportPoliciesDescriptionExample(t *testing.T) {
	t.Parallel()
	const org = "53ac07777cbb8c2d53000002"
	srv := newServer(t, memserver.WithOrgID(org))
	example := `{"Data":[{"_id":"","access_rights":null,"active":true,"date_created":"0001-01-01T00:00:00Z",
		"hmac_enabled":false,"id":"","is_inactive":false,"key_expires_in":0,"last_updated":"1478791603",
		"max_query_depth":0,"meta_data":null,"name":"Default","org_id":"53ac07777cbb8c2d53000002",
		"partitions":{"acl":false,"complexity":false,"per_api":false,"quota":false,"rate_limit":false},
		"per":60,"quota_max":-1,"quota_renewal_rate":3600,"rate":1000,"smoothing":null,"tags":[],
		"throttle_interval":0,"throttle_retry_limit":0}],"Pages":0}`
	a := adminCall(t, srv, "POST", "/admin/policies/import", example)
	want(t, a, http.StatusOK)
	var res struct {
		Status, Message string
		Meta            map[string]bool
	}
	a.Into(t, &res)
	if res.Status != "OK" || res.Message != "Policies imported" || len(res.Meta) != 1 {
		t.Fatalf("answer: %s", a.Body)
	}
	var id string
	for k, v := range res.Meta {
		id = k
		if !v || !objectID.MatchString(k) {
			t.Fatalf("Meta: %s", a.Body)
		}
	}
	var p model.Policy
	a = call(t, srv, "GET", "/api/portal/policies/"+id, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &p)
	if p.Name != "Default" || p.OrgID != org || p.Rate != 1000 || p.QuotaMax != -1 ||
		p.DateCreated != "0001-01-01T00:00:00Z" || p.LastUpdated != "1478791603" {
		t.Fatalf("stored policy: %s", a.Body)
	}
	// Through the client, which reads the ids from Meta.
	c, err := client.New(srv.URL, client.WithAdminSecret(srv.AdminSecret))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Import.Policies(context.Background(), []model.Policy{{MID: "", Name: "second", OrgID: org}})
	if err != nil || len(got) != 1 {
		t.Fatalf("Import.Policies: %v, %v", got, err)
	}
	var l model.PolicyListResponse
	call(t, srv, "GET", "/api/portal/policies?p=-1", nil).Into(t, &l)
	if len(l.Data) != 2 {
		t.Fatalf("%d policies after two imports, want 2", len(l.Data))
	}
}
