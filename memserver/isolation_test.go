package memserver_test

import (
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// TestOtherOrgsObjects: an org's groups, webhooks and users are out of
// another org's reach, by id and by reference, and its lists hold none.
func TestOtherOrgsObjects(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "ours", "user_permissions": map[string]string{"IsAdmin": "admin"}})
	want(t, a, http.StatusOK)
	group := a.JSON(t)["Meta"].(string)
	hook := createHook(t, srv, "ours")
	user, _ := newUser(t, srv, "ours@example.com", map[string]string{"apis": "read"})

	const them = "their-admin"
	cases := []struct {
		method, path string
		body         any
		status       int
	}{
		{"GET", "/api/usergroups/" + group, nil, 404},
		{"PUT", "/api/usergroups/" + group, map[string]any{"name": "taken"}, 400},
		{"DELETE", "/api/usergroups/" + group, nil, 404},
		{"GET", "/api/hooks/" + hook, nil, 400},
		{"PUT", "/api/hooks/" + hook, map[string]any{"method": "POST", "target_path": "http://x.example/"}, 400},
		{"DELETE", "/api/hooks/" + hook, nil, 404},
		{"PUT", "/api/users/" + user + "/actions/revoke", nil, 400},
		{"POST", "/api/users/" + user + "/actions/reset", map[string]string{"new_password": "taken-over"}, 404},
		// References to our objects are refused as unknown.
		{"POST", "/api/users", map[string]any{"email_address": "spy@x.example", "group_id": group, "user_permissions": map[string]string{"apis": "read"}}, 400},
		{"POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "spy@x.example", "GroupID": group}, 400},
	}
	for _, tc := range cases {
		wantError(t, callAs(t, srv, them, tc.method, tc.path, tc.body), tc.status, "")
	}
	hooked := classicAPI("theirs", "/theirs/")
	hooked["hook_references"] = []any{map[string]any{"event_name": "KeyExpired", "hook": map[string]any{"id": hook}}}
	wantError(t, callAs(t, srv, them, "POST", "/api/apis", hooked), http.StatusBadRequest, "does not exist")

	var groups model.UserGroupListResponse
	callAs(t, srv, them, "GET", "/api/usergroups", nil).Into(t, &groups)
	var hooks model.WebHookListResponse
	callAs(t, srv, them, "GET", "/api/hooks", nil).Into(t, &hooks)
	if len(groups.Groups) != 0 || len(hooks.Hooks) != 0 {
		t.Fatalf("another org lists ours: %+v %+v", groups.Groups, hooks.Hooks)
	}
	// Ours are untouched.
	var g model.UserGroup
	call(t, srv, "GET", "/api/usergroups/"+group, nil).Into(t, &g)
	if g.Name != "ours" {
		t.Fatalf("group: %+v", g)
	}
	if u := getUserAs(t, srv, user); !u.Active {
		t.Fatalf("user revoked by another org: %+v", u)
	}
	want(t, call(t, srv, "GET", "/api/hooks/"+hook, nil), http.StatusOK)
}

// TestListsPaginate: the lists of users, groups, webhooks and
// organisations follow p and the page size, and p of 0 or below returns
// everything.
func TestListsPaginate(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithPageSize(2))
	for i := range 3 {
		newUser(t, srv, "page"+string(rune('a'+i))+"@example.com", map[string]string{"apis": "read"})
		want(t, call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "g" + string(rune('a'+i))}), http.StatusOK)
		createHook(t, srv, "h"+string(rune('a'+i)))
		want(t, adminCall(t, srv, "POST", "/admin/organisations", map[string]any{"owner_name": "o" + string(rune('a'+i))}), http.StatusOK)
	}
	var users model.UserListResponse
	call(t, srv, "GET", "/api/users?p=2", nil).Into(t, &users)
	if len(users.Users) != 2 || users.Pages != 2 {
		t.Fatalf("users page 2: %d of %d pages", len(users.Users), users.Pages)
	}
	call(t, srv, "GET", "/api/users?p=-2", nil).Into(t, &users)
	if len(users.Users) != 4 || users.Pages != 1 {
		t.Fatalf("all users: %d of %d pages", len(users.Users), users.Pages)
	}
	var groups model.UserGroupListResponse
	call(t, srv, "GET", "/api/usergroups?p=2", nil).Into(t, &groups)
	if len(groups.Groups) != 1 || groups.Pages != 2 {
		t.Fatalf("groups page 2: %d of %d pages", len(groups.Groups), groups.Pages)
	}
	var hooks model.WebHookListResponse
	call(t, srv, "GET", "/api/hooks?p=1", nil).Into(t, &hooks)
	if len(hooks.Hooks) != 2 || hooks.Pages != 2 {
		t.Fatalf("hooks page 1: %d of %d pages", len(hooks.Hooks), hooks.Pages)
	}
	var orgs model.OrganisationListResponse
	adminCall(t, srv, "GET", "/admin/organisations?p=2", nil).Into(t, &orgs)
	if len(orgs.Organisations) != 2 || orgs.Pages != 2 {
		t.Fatalf("orgs page 2: %d of %d pages", len(orgs.Organisations), orgs.Pages)
	}
	wantError(t, call(t, srv, "GET", "/api/users?p=two", nil), http.StatusBadRequest, "page number")
	wantError(t, adminCall(t, srv, "GET", "/admin/organisations?p=two", nil), http.StatusBadRequest, "page number")
}
