package memserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// newGroup creates a user group of the default org and returns its id.
func newGroup(t testing.TB, srv *memserver.Server, name string, perms map[string]string) string {
	t.Helper()
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": name, "user_permissions": perms})
	want(t, a, http.StatusOK)
	return a.JSON(t)["Meta"].(string)
}

// newGroupUser creates a user in group (with perms of its own that grant
// little) and returns its id, email and secret.
func newGroupUser(t testing.TB, srv *memserver.Server, email, group string) (id, secret string) {
	t.Helper()
	a := call(t, srv, "POST", "/api/users", map[string]any{"email_address": email, "group_id": group,
		"user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	id = a.JSON(t)["Meta"].(string)
	var u model.User
	call(t, srv, "GET", "/api/users/"+id, nil).Into(t, &u)
	return id, u.AccessKey
}

// ssoUser makes a user through SSO as the default admin (a nonce for a new
// email in group, taken at /tap) and returns its secret.
func ssoUser(t testing.TB, srv *memserver.Server, email, group string) (id, secret string) {
	t.Helper()
	a := call(t, srv, "POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": email, "GroupID": group})
	want(t, a, http.StatusOK)
	nonce := a.JSON(t)["Meta"].(string)
	want(t, tap(t, srv, nonce), http.StatusFound)
	var users model.UserListResponse
	call(t, srv, "GET", "/api/users/search?q="+url.QueryEscape(email), nil).Into(t, &users)
	if len(users.Users) != 1 || users.Users[0].GroupID != group {
		t.Fatalf("SSO made %+v", users.Users)
	}
	return users.Users[0].ID, users.Users[0].AccessKey
}

// TestGroupRightsAreUserRights: a user whose rights come from a group is
// that group's rights in every check. A non-admin with users write, whether
// its rights are its own or its group's, cannot become admin or demote one
// through SSO, cannot put a user into the admin group, and cannot revoke,
// delete, re-key, re-password, change or (with user_groups write) weaken the
// group of an admin whose admin rights come from a group.
func TestGroupRightsAreUserRights(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithPasswordCost(4))
	admins := newGroup(t, srv, "admins", map[string]string{"IsAdmin": "admin"})
	weak := newGroup(t, srv, "weak", map[string]string{"apis": "read"})
	managerPerms := map[string]string{"users": "write", "user_groups": "write", "apis": "read"}
	managers := newGroup(t, srv, "managers", managerPerms)
	adminID, adminSecret := newGroupUser(t, srv, "group-admin@example.com", admins)
	_, direct := newUser(t, srv, "direct-manager@example.com", managerPerms)
	_, grouped := newGroupUser(t, srv, "group-manager@example.com", managers)

	for name, secret := range map[string]string{"direct": direct, "grouped": grouped} {
		var me model.User
		callAs(t, srv, secret, "GET", "/api/users/me", nil).Into(t, &me)
		refused := []struct {
			method, path string
			body         any
		}{
			{"POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": me.EmailAddress, "GroupID": admins}},
			{"POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "new-" + name + "@example.com", "GroupsIDs": []string{admins}}},
			{"POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "group-admin@example.com", "GroupID": weak}},
			{"POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "group-admin@example.com"}},
			{"POST", "/api/users", map[string]any{"email_address": "made-" + name + "@example.com", "group_id": admins, "user_permissions": map[string]string{"apis": "read"}}},
			{"PUT", "/api/users/" + adminID, map[string]any{"first_name": "Demoted"}},
			{"PUT", "/api/users/" + adminID + "/actions/revoke", nil},
			{"PUT", "/api/users/" + adminID + "/actions/key/reset", nil},
			{"POST", "/api/users/" + adminID + "/actions/reset", map[string]string{"new_password": "taken-over"}},
			{"DELETE", "/api/users/" + adminID, nil},
			{"PUT", "/api/usergroups/" + admins, map[string]any{"user_permissions": map[string]string{"apis": "read"}}},
			{"DELETE", "/api/usergroups/" + admins, nil},
		}
		for _, r := range refused {
			wantError(t, callAs(t, srv, secret, r.method, r.path, r.body), http.StatusForbidden, "")
		}
		// What the caller holds it may still hand on.
		want(t, callAs(t, srv, secret, "POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "weak-" + name + "@example.com", "GroupID": weak}), http.StatusOK)
		want(t, callAs(t, srv, secret, "POST", "/api/users", map[string]any{"email_address": "weak-user-" + name + "@example.com", "group_id": weak, "user_permissions": map[string]string{"apis": "read"}}), http.StatusOK)
	}
	// The admin is untouched: active, same secret, same group, still admin.
	var u model.User
	call(t, srv, "GET", "/api/users/"+adminID, nil).Into(t, &u)
	if !u.Active || u.GroupID != admins || u.AccessKey != adminSecret || u.FirstName == "Demoted" {
		t.Fatalf("the group admin was changed: %+v", u)
	}
	want(t, callAs(t, srv, adminSecret, "GET", "/api/org/permissions", nil), http.StatusOK)
	// An admin by group manages an admin.
	otherAdmin, _ := newGroupUser(t, srv, "group-admin-2@example.com", admins)
	want(t, callAs(t, srv, adminSecret, "PUT", "/api/users/"+otherAdmin+"/actions/revoke", nil), http.StatusOK)
}

// TestRBACEveryRouteGroupAndSSOUsers walks every route of the Dashboard API
// with a group admin, a group reader (read on every section, through its
// group) and a user made by SSO into the reader group: the group admin is
// never refused and reads every route; the readers read every section and
// are refused (403) every write, whatever their own user_permissions say.
func TestRBACEveryRouteGroupAndSSOUsers(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	objs := createObjects(t, srv)
	sections := map[string]string{}
	for _, r := range memserver.Routes() {
		if r.User && r.Section != "" {
			sections[r.Section] = "read"
		}
	}
	admins := newGroup(t, srv, "admins", map[string]string{"IsAdmin": "admin"})
	readers := newGroup(t, srv, "readers", sections)
	// Own rights that would allow every write: the group's win.
	writeAll := map[string]string{}
	for s := range sections {
		writeAll[s] = "write"
	}
	a := call(t, srv, "POST", "/api/users", map[string]any{"email_address": "reader@example.com", "group_id": readers, "user_permissions": writeAll})
	want(t, a, http.StatusOK)
	var reader model.User
	call(t, srv, "GET", "/api/users/"+a.JSON(t)["Meta"].(string), nil).Into(t, &reader)
	_, groupAdmin := newGroupUser(t, srv, "group-admin@example.com", admins)
	_, ssoReader := ssoUser(t, srv, "sso-reader@example.com", readers)

	ctx := context.Background()
	snap, err := srv.Store().Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]string{"group admin": groupAdmin, "group reader": reader.AccessKey, "SSO reader": ssoReader}
	walked := 0
	for _, r := range memserver.Routes() {
		if !r.User {
			continue
		}
		walked++
		path := objs.filled(t, r)
		var body any
		if r.Method != "GET" && r.Method != "DELETE" {
			body = "{}"
		}
		adminOnly := r.Section == "" && strings.HasPrefix(r.Path, "/api/org/")
		// Setting another user's password takes users write, which the
		// handler checks (a user sets its own without it).
		write := r.Write || r.Method+" "+r.Path == "POST /api/users/{id}/actions/reset"
		for who, secret := range users {
			if err := srv.Store().Restore(ctx, snap); err != nil {
				t.Fatal(err)
			}
			a := callAs(t, srv, secret, r.Method, path, body)
			reader := who != "group admin"
			denied := reader && (write || adminOnly)
			switch {
			case denied && a.Status != http.StatusForbidden:
				t.Errorf("%s %s as %s: %d, want 403; %s", r.Method, path, who, a.Status, a.Body)
			case !denied && (a.Status == http.StatusForbidden || a.Status == http.StatusUnauthorized):
				t.Errorf("%s %s as %s: %d; %s", r.Method, path, who, a.Status, a.Body)
			case !denied && r.Method == "GET" && a.Status != http.StatusOK:
				t.Errorf("%s %s as %s: %d, want 200; %s", r.Method, path, who, a.Status, a.Body)
			}
		}
	}
	if walked < 80 {
		t.Fatalf("walked %d routes; the route tables have more", walked)
	}
	t.Logf("walked %d routes of the Dashboard API as %d users", walked, len(users))
}

// filled is the path of r with real objects' ids for its wildcards. The
// walks of every route take their routes from the route table, so a new
// route is walked the day it is added; one whose wildcard fill does not
// know fails here, saying so, rather than being walked with a path that
// names nothing.
func (o objectsOf) filled(t *testing.T, r memserver.RouteInfo) string {
	t.Helper()
	path := o.fill(r.Path)
	if strings.ContainsAny(path, "{}") {
		t.Errorf("%s %s: objectsOf.fill has no object for its wildcard (%s): add one", r.Method, r.Path, path)
	}
	return path
}

// twoOrgs is a Server with a second org whose admin's secret is "b-admin".
const orgB = "0123456789abcdef0123456b"

func twoOrgs(t *testing.T, opts ...memserver.Option) *memserver.Server {
	t.Helper()
	return newServer(t, append([]memserver.Option{memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: orgB, OwnerName: "B"}},
		Users: []model.User{{OrgID: orgB, EmailAddress: "b@b.example", AccessKey: "b-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	})}, opts...)...)
}

// TestAccessRightsStayInOrg: access rights are checked against the caller's
// org once policies are applied, on every path that makes or changes a
// session: a policy naming another org's API (created, updated or
// imported), a key applying such a policy, and OAuth key_rules naming
// another org's API or policy are all refused, and org B holds no key to
// org A's API.
func TestAccessRightsStayInOrg(t *testing.T) {
	t.Parallel()
	srv := twoOrgs(t)
	_, apiA := createClassic(t, srv, "org-a")
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "a", "active": true,
		"access_rights": map[string]any{apiA: map[string]any{"api_id": apiA, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	polA := a.JSON(t)["Message"].(string)
	_, apiB := createClassicAs(t, srv, "b-admin", "org-b")
	rightsA := map[string]any{apiA: map[string]any{"api_id": apiA, "versions": []string{"Default"}}}

	wantError(t, callAs(t, srv, "b-admin", "POST", "/api/portal/policies", map[string]any{"name": "steal", "access_rights": rightsA}), http.StatusBadRequest, "API "+apiA+" does not exist")
	a = callAs(t, srv, "b-admin", "POST", "/api/portal/policies", map[string]any{"name": "b", "access_rights": map[string]any{apiB: map[string]any{"api_id": apiB}}})
	want(t, a, http.StatusOK)
	polB := a.JSON(t)["Message"].(string)
	wantError(t, callAs(t, srv, "b-admin", "PUT", "/api/portal/policies/"+polB, map[string]any{"name": "b", "access_rights": rightsA}), http.StatusBadRequest, "does not exist")
	wantError(t, adminCall(t, srv, "POST", "/admin/policies/import", map[string]any{"Data": []any{
		map[string]any{"name": "imported", "org_id": orgB, "access_rights": rightsA}}}), http.StatusForbidden, "API "+apiA+" does not exist")

	// A policy of org B naming org A's API that is already stored (written
	// before the rule, or straight into the store) does not carry it into a
	// key.
	err := srv.Store().UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
		p, err := tx.GetPolicy(polB)
		if err != nil {
			return err
		}
		p.AccessRights = map[string]model.AccessDefinition{apiA: {APIID: apiA, Versions: []string{"Default"}}}
		return tx.UpdatePolicy(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, callAs(t, srv, "b-admin", "POST", "/api/keys", map[string]any{"apply_policies": []string{polB}}), http.StatusBadRequest, "API "+apiA+" does not exist")
	wantError(t, callAs(t, srv, "b-admin", "POST", "/api/keys/preview", map[string]any{"apply_policies": []string{polB}}), http.StatusBadRequest, "API "+apiA+" does not exist")

	// OAuth: key_rules of another org's API or policy.
	a = callAs(t, srv, "b-admin", "POST", "/api/apis/oauth/"+apiB, map[string]any{"redirect_uri": "http://b.example/cb"})
	want(t, a, http.StatusOK)
	client := a.JSON(t)["client_id"].(string)
	for _, rules := range []string{
		`{"access_rights":{"` + apiA + `":{"api_id":"` + apiA + `","versions":["Default"]}}}`,
		`{"apply_policies":["` + polA + `"]}`,
	} {
		form := url.Values{"response_type": {"code"}, "client_id": {client}, "redirect_uri": {"http://b.example/cb"}, "key_rules": {rules}}
		req := newRequest(t, srv, "POST", "/api/apis/oauth/"+apiB+"/authorize-client", form.Encode())
		req.Header.Set("Authorization", "b-admin")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		wantError(t, send(t, req), http.StatusBadRequest, "key_rules")
	}
	// No session of org B reaches org A's API.
	err = srv.Store().ViewSessions(context.Background(), func(tx store.SessionsReader) error {
		page, err := tx.ListKeys(orgB, store.KeyQuery{})
		for _, k := range page.Items {
			if _, ok := k.Session.AccessRights[apiA]; ok {
				t.Errorf("org B's key %s reaches org A's API", k.ID)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFixtureUserWithoutOrgJoinsDefaultOrg: as the README says, a fixture
// user without org_id (WithFixtures, Seed, POST /_memserver/seed) joins the
// default org: it does not see another org's objects.
func TestFixtureUserWithoutOrgJoinsDefaultOrg(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs: []model.Organisation{{ID: orgB, OwnerName: "B"}},
		Users: []model.User{
			{OrgID: orgB, EmailAddress: "b@b.example", AccessKey: "b-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}},
			{EmailAddress: "fixture@example.com", AccessKey: "fixture-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}},
		},
	}))
	want(t, call(t, srv, "POST", "/_memserver/seed", map[string]any{"users": []any{map[string]any{
		"email_address": "seeded@example.com", "access_key": "seeded-admin", "user_permissions": map[string]string{"IsAdmin": "admin"}}}}), http.StatusOK)
	dbB, _ := createClassicAs(t, srv, "b-admin", "org-b")
	for _, secret := range []string{"fixture-admin", "seeded-admin"} {
		var me model.User
		callAs(t, srv, secret, "GET", "/api/users/me", nil).Into(t, &me)
		if me.OrgID != srv.OrgID {
			t.Fatalf("%s: org_id %q, want the default org %s", secret, me.OrgID, srv.OrgID)
		}
		if a := callAs(t, srv, secret, "GET", "/api/apis/"+dbB, nil); a.Status == http.StatusOK {
			t.Fatalf("%s reads another org's API: %s", secret, a.Body)
		}
		var apis model.APIListResponse
		callAs(t, srv, secret, "GET", "/api/apis", nil).Into(t, &apis)
		if len(apis.APIs) != 0 {
			t.Fatalf("%s lists another org's APIs: %+v", secret, apis.APIs)
		}
	}
}

// TestKeyNamedAfterAnotherOrg: an org's id is the id of its org key, so no
// org may name an ordinary key after it (with legacy key names, which are
// kept as given): org A's org key can always be made.
func TestKeyNamedAfterAnotherOrg(t *testing.T) {
	t.Parallel()
	for _, hash := range []string{"", "murmur64"} {
		srv := twoOrgs(t, memserver.WithKeyHashFunction(hash))
		_, apiB := createClassicAs(t, srv, "b-admin", "org-b")
		a := callAs(t, srv, "b-admin", "POST", "/api/keys/"+srv.OrgID, session(apiB))
		if hash == "" {
			wantError(t, a, http.StatusBadRequest, "id of an organisation")
		}
		a = adminCall(t, srv, "POST", "/admin/org/keys", map[string]any{"org_id": srv.OrgID, "rate": 100, "per": 1})
		want(t, a, http.StatusOK)
		want(t, adminCall(t, srv, "GET", "/admin/org/keys/"+srv.OrgID, nil), http.StatusOK)
	}
}

// TestAuditIPFromConnection: the audit log's IP is the connection's, unless
// the connection comes from a proxy WithTrustedProxies names; then it is
// the last address of X-Forwarded-For that is not a trusted proxy.
func TestAuditIPFromConnection(t *testing.T) {
	t.Parallel()
	get := func(srv *memserver.Server, xff string) {
		req := newRequest(t, srv, "GET", "/api/apis", nil)
		req.Header.Set("Authorization", srv.Secret)
		req.Header.Set("X-Forwarded-For", xff)
		req.Header.Set("X-Real-Ip", "198.51.100.9")
		want(t, send(t, req), http.StatusOK)
	}
	last := func(srv *memserver.Server) string {
		logs := auditLogs(t, srv, "?p=-1&method=GET&url=/api/apis")
		if len(logs.AuditLogs) == 0 {
			t.Fatal("no audit record")
		}
		return logs.AuditLogs[0].IP
	}
	plain := newServer(t)
	get(plain, "203.0.113.7")
	if ip := last(plain); ip != "127.0.0.1" {
		t.Fatalf("untrusted: IP %q, want the connection's 127.0.0.1", ip)
	}
	behind := newServer(t, memserver.WithTrustedProxies("127.0.0.1", "10.0.0.0/8"))
	get(behind, "203.0.113.7, 10.1.2.3")
	if ip := last(behind); ip != "203.0.113.7" {
		t.Fatalf("trusted: IP %q, want 203.0.113.7", ip)
	}
	// An address a client wrote before an untrusted hop is not believed.
	get(behind, "203.0.113.7, 192.0.2.1")
	if ip := last(behind); ip != "192.0.2.1" {
		t.Fatalf("spoofed: IP %q, want 192.0.2.1", ip)
	}
	if _, err := memserver.ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Fatal("a bad range parsed")
	}
}

// TestSeededKeysStayInOrg: keys of a seed (POST /_memserver/seed, Seed,
// WithFixtures, the binary's -seed) pass the checks of POST /api/keys once
// their policies are applied: no key of org B reaches org A's API, whether
// through its own access rights, org A's policy or a policy of the seed
// naming org A's API; no key reaches a missing API or policy. A
// refused seed stores nothing and its error names the entry. The seed's own
// APIs and policies count, as they would once stored.
func TestSeededKeysStayInOrg(t *testing.T) {
	t.Parallel()
	srv := twoOrgs(t, memserver.WithKeyHashFunction(""))
	_, apiA := createClassic(t, srv, "org-a")
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "a", "active": true,
		"access_rights": map[string]any{apiA: map[string]any{"api_id": apiA, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	polA := a.JSON(t)["Message"].(string)
	rights := func(apiID string) map[string]any {
		return map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}
	}
	keyB := func(id string, data map[string]any) map[string]any {
		data["org_id"] = orgB
		return map[string]any{"key_id": id, "data": data}
	}
	refused := []struct {
		name    string
		seed    map[string]any
		message string
	}{
		{"own rights to org A's API", map[string]any{"keys": []any{keyB("stolen-1", map[string]any{"access_rights": rights(apiA)})}},
			`keys[0] (key_id "stolen-1"): access_rights: API ` + apiA + " does not exist"},
		{"org A's policy", map[string]any{"keys": []any{keyB("stolen-2", map[string]any{"apply_policies": []string{polA}})}},
			`keys[0] (key_id "stolen-2"): apply_policies: policy ` + polA + " does not exist"},
		{"a seeded policy naming org A's API", map[string]any{
			"policies": []any{map[string]any{"id": "steal", "name": "steal", "org_id": orgB, "access_rights": rights(apiA)}},
			"keys":     []any{keyB("stolen-3", map[string]any{"apply_policies": []string{"steal"}})}},
			`policy "steal": access_rights: API ` + apiA + " does not exist"},
		{"a missing API", map[string]any{"keys": []any{
			map[string]any{"key_id": "fine", "data": session(apiA)},
			map[string]any{"key_id": "missing", "data": session("0000000000000000000000000000dead")}}},
			`keys[1] (key_id "missing"): access_rights: API 0000000000000000000000000000dead does not exist`},
		{"a policy of no org's", map[string]any{"keys": []any{map[string]any{"data": map[string]any{"apply_policies": []string{"nowhere"}}}}},
			`keys[0] (key_id ""): apply_policies: policy nowhere does not exist`},
		{"an entry naming another API", map[string]any{"keys": []any{map[string]any{"key_id": "askew",
			"data": map[string]any{"access_rights": map[string]any{apiA: map[string]any{"api_id": "0000000000000000000000000000beef"}}}}}},
			"the entry " + apiA + " names another api_id"},
	}
	for i, r := range refused {
		// Every refused seed carries a harmless policy: it must not be
		// stored either.
		marker := fmt.Sprintf("marker-%d", i)
		r.seed["policies"] = append(anySlice(r.seed["policies"]), map[string]any{"id": marker, "name": marker})
		wantError(t, call(t, srv, "POST", "/_memserver/seed", r.seed), http.StatusBadRequest, r.message)
		wantError(t, call(t, srv, "GET", "/api/portal/policies/"+marker, nil), http.StatusNotFound, "")
		var f memserver.Fixtures
		remarshal(t, r.seed, &f)
		if err := srv.Seed(f); err == nil || !strings.Contains(err.Error(), r.message) {
			t.Errorf("%s: Seed: %v, want %q", r.name, err, r.message)
		}
		// A new Server has none of org A's objects: its refusal may name
		// another entry, but it names one.
		if _, err := memserver.NewServer(memserver.WithFixtures(f)); err == nil || !strings.Contains(err.Error(), "keys[") && !strings.Contains(err.Error(), `policy "`) {
			t.Errorf("%s: WithFixtures: %v, want an error naming the entry", r.name, err)
		}
	}
	// No key of org B reaches org A's API, and none of the refused keys
	// is stored.
	err := srv.Store().ViewSessions(context.Background(), func(tx store.SessionsReader) error {
		for _, org := range []string{orgB, srv.OrgID} {
			page, err := tx.ListKeys(org, store.KeyQuery{})
			if err != nil {
				return err
			}
			if len(page.Items) != 0 {
				t.Errorf("org %s has keys from refused seeds: %d", org, len(page.Items))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A seed whose key applies the seed's own policy, naming the seed's
	// own API of the same org, is stored as POST /api/keys would store it:
	// the policy's rights applied, the API's name filled in.
	const seededAPI = "5eed00000000000000000000000000b0"
	ok := map[string]any{
		"apis": []any{map[string]any{"api_definition": map[string]any{"api_id": seededAPI, "org_id": orgB, "name": "seeded-b",
			"proxy": map[string]any{"listen_path": "/seeded-b/", "target_url": "http://upstream.example"}}}},
		"policies": []any{map[string]any{"id": "gold-b", "name": "gold-b", "org_id": orgB, "access_rights": rights(seededAPI)}},
		"keys":     []any{keyB("key-b", map[string]any{"apply_policies": []string{"gold-b"}})},
	}
	want(t, call(t, srv, "POST", "/_memserver/seed", ok), http.StatusOK)
	var k model.KeyData
	a = callAs(t, srv, "b-admin", "GET", "/api/keys/key-b", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &k)
	if ar, found := k.Data.AccessRights[seededAPI]; !found || ar.APIName != "seeded-b" || len(k.Data.AccessRights) != 1 {
		t.Fatalf("the seeded key's rights: %+v", k.Data.AccessRights)
	}
}

// anySlice is v as a list, or an empty list when v is nil.
func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// remarshal decodes the JSON encoding of in into out.
func remarshal(t testing.TB, in, out any) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
}

// TestSSONonceRecheckedAtTap: a nonce carries no more than its maker could
// hand out when it is taken, not only when it was made. Between POST
// /api/sso and GET /tap the maker may lose users write (its own rights or
// its group's), be deleted, the nonce's group may gain rights its maker
// lacks or go, and the registered user it logs in as may become an admin:
// each refuses the login (403), uses the nonce up and changes no user. The
// Dashboard records no maker (the Tyk Identity Broker's docs: any active
// account may make a nonce); the memserver's stricter rule is its own.
func TestSSONonceRecheckedAtTap(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	managerPerms := map[string]string{"users": "write", "apis": "write"}
	writers := newGroup(t, srv, "writers", map[string]string{"apis": "write"})
	users := func() int {
		var list model.UserListResponse
		call(t, srv, "GET", "/api/users?p=-1", nil).Into(t, &list)
		return len(list.Users)
	}
	nonceAs := func(secret string, body map[string]any) string {
		body["ForSection"] = "dashboard"
		a := callAs(t, srv, secret, "POST", "/api/sso", body)
		want(t, a, http.StatusOK)
		return a.JSON(t)["Meta"].(string)
	}
	refusedTap := func(name, nonce, msg string) {
		t.Helper()
		before := users()
		wantError(t, tap(t, srv, nonce), http.StatusForbidden, msg)
		if users() != before {
			t.Errorf("%s: the refused login made a user", name)
		}
		wantError(t, tap(t, srv, nonce), http.StatusUnauthorized, "unknown, used or expired")
	}
	for i, maker := range []string{"direct", "grouped"} {
		var makerID, secret, makerGroup string
		if maker == "direct" {
			makerID, secret = newUser(t, srv, fmt.Sprintf("maker-%d@example.com", i), managerPerms)
		} else {
			makerGroup = newGroup(t, srv, "managers", managerPerms)
			makerID, secret = newGroupUser(t, srv, fmt.Sprintf("maker-%d@example.com", i), makerGroup)
		}
		setMaker := func(perms map[string]string) {
			if makerGroup == "" {
				want(t, call(t, srv, "PUT", "/api/users/"+makerID, map[string]any{"user_permissions": perms}), http.StatusOK)
			} else {
				want(t, call(t, srv, "PUT", "/api/usergroups/"+makerGroup, map[string]any{"name": "managers", "user_permissions": perms}), http.StatusOK)
			}
		}
		// Nothing changed: the login works.
		ok := nonceAs(secret, map[string]any{"EmailAddress": maker + "-ok@example.com", "GroupID": writers})
		want(t, tap(t, srv, ok), http.StatusFound)

		// The maker loses users write.
		n := nonceAs(secret, map[string]any{"EmailAddress": maker + "-1@example.com", "GroupID": writers})
		setMaker(map[string]string{"users": "read", "apis": "write"})
		refusedTap(maker+": users write lost", n, "no longer has users write")
		setMaker(managerPerms)

		// The group gains a right the maker does not hold.
		n = nonceAs(secret, map[string]any{"EmailAddress": maker + "-2@example.com", "GroupID": writers})
		want(t, call(t, srv, "PUT", "/api/usergroups/"+writers, map[string]any{"name": "writers", "user_permissions": map[string]string{"apis": "write", "keys": "write"}}), http.StatusOK)
		refusedTap(maker+": group grew", n, `only an admin may grant keys "write"`)
		want(t, call(t, srv, "PUT", "/api/usergroups/"+writers, map[string]any{"name": "writers", "user_permissions": map[string]string{"apis": "write"}}), http.StatusOK)

		// The registered user the nonce logs in as becomes an admin.
		targetID, _ := newUser(t, srv, maker+"-target@example.com", map[string]string{"apis": "read"})
		n = nonceAs(secret, map[string]any{"EmailAddress": maker + "-target@example.com", "GroupID": writers})
		want(t, call(t, srv, "PUT", "/api/users/"+targetID, map[string]any{"user_permissions": map[string]string{"IsAdmin": "admin"}}), http.StatusOK)
		refusedTap(maker+": target promoted", n, "only an admin may change an admin user")
		var target model.User
		call(t, srv, "GET", "/api/users/"+targetID, nil).Into(t, &target)
		if target.GroupID != "" || target.LastLoginDate != "" {
			t.Errorf("%s: the promoted user was logged in or moved: group %q, last login %q", maker, target.GroupID, target.LastLoginDate)
		}

		// The maker is deleted.
		n = nonceAs(secret, map[string]any{"EmailAddress": maker + "-3@example.com", "GroupID": writers})
		want(t, call(t, srv, "DELETE", "/api/users/"+makerID, nil), http.StatusOK)
		refusedTap(maker+": maker deleted", n, "no longer an active user")
	}
	// The nonce's group goes, whoever made the nonce (the Admin API too).
	doomed := newGroup(t, srv, "doomed", map[string]string{"apis": "read"})
	a := adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "OrgID": srv.OrgID, "EmailAddress": "late@example.com", "GroupID": doomed})
	want(t, a, http.StatusOK)
	want(t, call(t, srv, "DELETE", "/api/usergroups/"+doomed, nil), http.StatusOK)
	refusedTap("group deleted", a.JSON(t)["Meta"].(string), "group "+doomed+" is gone")
}
