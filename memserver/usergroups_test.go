package memserver_test

import (
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/model"
)

func TestUserGroups(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	// The guide's Add User Group.
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{
		"name": "Logs team", "description": "Logs team description", "user_permissions": map[string]string{"apis": "read"},
	})
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	gid, _ := m["Meta"].(string)
	if m["Message"] != "User group created" || !objectID.MatchString(gid) {
		t.Fatalf("create envelope: %s", a.Body)
	}
	var g model.UserGroup
	call(t, srv, "GET", "/api/usergroups/"+gid, nil).Into(t, &g)
	if g.Name != "Logs team" || g.OrgID != srv.OrgID || !g.Active || g.UserPermissions["apis"] != "read" {
		t.Fatalf("group: %+v", g)
	}
	var list model.UserGroupListResponse
	call(t, srv, "GET", "/api/usergroups", nil).Into(t, &list)
	if len(list.Groups) != 1 || list.Pages != 1 {
		t.Fatalf("list: %+v", list)
	}

	// A user in the group has the group's permissions, not its own.
	uid, secret := newUser(t, srv, "member@example.com", map[string]string{"keys": "read"})
	want(t, call(t, srv, "PUT", "/api/users/"+uid, map[string]any{"group_id": gid}), http.StatusOK)
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusOK)
	wantError(t, callAs(t, srv, secret, "POST", "/api/apis", classicAPI("x", "/x/")), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, secret, "GET", "/api/apis/keys", nil), http.StatusForbidden, "access denied")

	// The guide's Update User Group: only name and description; the
	// permissions stay. A change of permissions applies at once.
	a = call(t, srv, "PUT", "/api/usergroups/"+gid, map[string]any{"name": "Certificates Team 2", "description": "Another certificates team"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User group updated" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusOK)
	want(t, call(t, srv, "PUT", "/api/usergroups/"+gid, map[string]any{"user_permissions": map[string]string{"apis": "write"}}), http.StatusOK)
	want(t, callAs(t, srv, secret, "POST", "/api/apis", classicAPI("x", "/x/")), http.StatusOK)

	// A member cannot move itself into another group, nor raise its group.
	wantError(t, callAs(t, srv, secret, "PUT", "/api/users/"+uid, map[string]any{"group_id": ""}), http.StatusForbidden, "")

	// Deleting the group takes its users out of it: back to their own.
	a = call(t, srv, "DELETE", "/api/usergroups/"+gid, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User group deleted" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	if u := getUserAs(t, srv, uid); u.GroupID != "" {
		t.Fatalf("user still in the deleted group: %+v", u)
	}
	wantError(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusForbidden, "access denied")
	want(t, callAs(t, srv, secret, "GET", "/api/apis/keys", nil), http.StatusOK)
}

func TestUserGroupErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, secret := newUser(t, srv, "groups@example.com", map[string]string{"user_groups": "write", "apis": "read"})
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "G", "user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	gid := a.JSON(t)["Meta"].(string)
	const missing = "0123456789abcdef0123abcd"
	cases := []struct {
		secret, method, path string
		body                 any
		status               int
		msg                  string
	}{
		{srv.Secret, "POST", "/api/usergroups", "{", 400, "malformed JSON"},
		{srv.Secret, "POST", "/api/usergroups", map[string]any{"description": "no name"}, 400, "name is required"},
		{srv.Secret, "POST", "/api/usergroups", `{"name":"G","user_permissions":{"apis":1}}`, 400, "wrong type"},
		{srv.Secret, "POST", "/api/usergroups", map[string]any{"name": "G", "user_permissions": map[string]string{"apis": "all"}}, 400, "read, write or deny"},
		{srv.Secret, "GET", "/api/usergroups/" + missing, nil, 404, "Could not retrieve user group detail"},
		{srv.Secret, "PUT", "/api/usergroups/" + missing, map[string]any{"name": "x"}, 400, "Group ID does not exist"},
		{srv.Secret, "PUT", "/api/usergroups/" + gid, map[string]any{"id": missing, "name": "x"}, 400, "does not match"},
		{srv.Secret, "PUT", "/api/usergroups/" + gid, map[string]any{"name": ""}, 400, "name is required"},
		{srv.Secret, "DELETE", "/api/usergroups/" + missing, nil, 404, "Could not retrieve user group detail"},
		// A group writer grants no more than it has.
		{secret, "POST", "/api/usergroups", map[string]any{"name": "Admins", "user_permissions": map[string]string{"IsAdmin": "admin"}}, 403, "only an admin"},
		{secret, "PUT", "/api/usergroups/" + gid, map[string]any{"user_permissions": map[string]string{"apis": "write"}}, 403, "only an admin"},
	}
	for _, tc := range cases {
		wantError(t, callAs(t, srv, tc.secret, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	var g model.UserGroup
	call(t, srv, "GET", "/api/usergroups/"+gid, nil).Into(t, &g)
	if g.Name != "G" || g.UserPermissions["apis"] != "read" {
		t.Fatalf("failed requests changed the group: %+v", g)
	}
	var list model.UserGroupListResponse
	call(t, srv, "GET", "/api/usergroups", nil).Into(t, &list)
	if len(list.Groups) != 1 {
		t.Fatalf("failed requests stored groups: %+v", list.Groups)
	}
}

func TestOrgPermissionsAndOPA(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, writer := newUser(t, srv, "w@example.com", map[string]string{"apis": "write", "users": "write"})

	a := call(t, srv, "GET", "/api/org/permissions", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != `{"additional_permissions":{}}` {
		t.Fatalf("initial permissions: %s", a.Body)
	}
	perms := map[string]any{"additional_permissions": map[string]string{"api_developer": "API Developer", "custom_permission": "Custom Permission"}}
	a = call(t, srv, "PUT", "/api/org/permissions", perms)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Additional Permissions updated in org level" {
		t.Fatalf("envelope: %s", a.Body)
	}
	var got model.NewAdditionalPermissions
	call(t, srv, "GET", "/api/org/permissions", nil).Into(t, &got)
	if got.AdditionalPermissions["custom_permission"] != "Custom Permission" || len(got.AdditionalPermissions) != 2 {
		t.Fatalf("permissions: %+v", got)
	}
	wantError(t, call(t, srv, "PUT", "/api/org/permissions", `{"additional_permissions":{"x":1}}`), http.StatusBadRequest, "wrong type")
	wantError(t, call(t, srv, "PUT", "/api/org/permissions", `{}`), http.StatusBadRequest, "additional_permissions is required")

	opa := map[string]any{"open_policy": map[string]any{"enabled": true, "rules": "default hello = false"}}
	a = call(t, srv, "PUT", "/api/org/opa", opa)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "OPA rules has been updated on org level" {
		t.Fatalf("envelope: %s", a.Body)
	}
	var rules model.NewOPARules
	call(t, srv, "GET", "/api/org/opa", nil).Into(t, &rules)
	if !rules.OpenPolicy.Enabled || rules.OpenPolicy.Rules != "default hello = false" {
		t.Fatalf("rules: %+v", rules)
	}
	wantError(t, call(t, srv, "PUT", "/api/org/opa", `{"open_policy":{"enabled":true}}`), http.StatusBadRequest, "Invalid OPA rules")
	wantError(t, call(t, srv, "PUT", "/api/org/opa", `{}`), http.StatusBadRequest, "Invalid OPA rules")

	// The guide's table names PUT /api/org/permission for both.
	want(t, call(t, srv, "PUT", "/api/org/permission", map[string]any{"additional_permissions": map[string]string{"only": "Only"}}), http.StatusOK)
	want(t, call(t, srv, "PUT", "/api/org/permission", map[string]any{"open_policy": map[string]any{"enabled": false, "rules": "r"}}), http.StatusOK)
	var single model.NewAdditionalPermissions
	var singleRules model.NewOPARules
	call(t, srv, "GET", "/api/org/permissions", nil).Into(t, &single)
	call(t, srv, "GET", "/api/org/opa", nil).Into(t, &singleRules)
	if len(single.AdditionalPermissions) != 1 || singleRules.OpenPolicy.Rules != "r" || singleRules.OpenPolicy.Enabled {
		t.Fatalf("after PUT /api/org/permission: %+v %+v", single, singleRules)
	}
	want(t, call(t, srv, "PUT", "/api/org/permissions", perms), http.StatusOK)

	// Admins only, whatever the other rights.
	for _, r := range []struct{ method, path string }{{"GET", "/api/org/permissions"}, {"PUT", "/api/org/permissions"}, {"GET", "/api/org/opa"}, {"PUT", "/api/org/opa"}, {"PUT", "/api/org/permission"}} {
		wantError(t, callAs(t, srv, writer, r.method, r.path, perms), http.StatusForbidden, "access denied")
	}
	var after model.NewAdditionalPermissions
	call(t, srv, "GET", "/api/org/permissions", nil).Into(t, &after)
	if len(after.AdditionalPermissions) != 2 {
		t.Fatalf("refused requests changed the permissions: %+v", after)
	}
}
