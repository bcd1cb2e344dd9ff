package memserver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// fastPasswords keeps bcrypt cheap in tests; the hashes are still bcrypt.
var fastPasswords = memserver.WithPasswordCost(bcrypt.MinCost)

// adminCall sends a request to the Admin API with the admin secret.
func adminCall(t testing.TB, srv *memserver.Server, method, path string, body any) answer {
	t.Helper()
	return adminCallAs(t, srv, srv.AdminSecret, method, path, body)
}

// adminCallAs sends a request to the Admin API with the given admin-auth
// value ("" sends none).
func adminCallAs(t testing.TB, srv *memserver.Server, secret, method, path string, body any) answer {
	t.Helper()
	req := newRequest(t, srv, method, path, body)
	if secret != "" {
		req.Header.Set("admin-auth", secret)
	}
	return send(t, req)
}

// newRequest builds a request like callAs does, without credentials.
func newRequest(t testing.TB, srv *memserver.Server, method, path string, body any) *http.Request {
	t.Helper()
	var data []byte
	switch b := body.(type) {
	case nil:
	case string:
		data = []byte(b)
	case []byte:
		data = b
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// newUser creates a user of the default org with perms and returns its id
// and API secret.
func newUser(t testing.TB, srv *memserver.Server, email string, perms map[string]string) (id, secret string) {
	t.Helper()
	a := call(t, srv, "POST", "/api/users", map[string]any{
		"first_name": "Test", "last_name": "User", "email_address": email, "active": true, "user_permissions": perms,
	})
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	id, _ = r.Meta.(string)
	var u model.User
	call(t, srv, "GET", "/api/users/"+id, nil).Into(t, &u)
	if u.AccessKey == "" {
		t.Fatalf("user %s has no access_key", id)
	}
	return id, u.AccessKey
}

func getUserAs(t testing.TB, srv *memserver.Server, id string) model.User {
	t.Helper()
	a := call(t, srv, "GET", "/api/users/"+id, nil)
	want(t, a, http.StatusOK)
	var u model.User
	a.Into(t, &u)
	return u
}

func TestUserLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t, fastPasswords)

	// The guide's Add User.
	a := call(t, srv, "POST", "/api/users", map[string]any{
		"first_name": "Jason", "last_name": "Jasonson", "email_address": "jason@example.com",
		"active": true, "password": "thisisatest", "user_permissions": map[string]string{"IsAdmin": "admin"},
	})
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	id, _ := m["Meta"].(string)
	if m["Status"] != "OK" || m["Message"] != "User and session have been created" || !objectID.MatchString(id) {
		t.Fatalf("create envelope: %s", a.Body)
	}

	a = call(t, srv, "GET", "/api/users/"+id, nil)
	want(t, a, http.StatusOK)
	got := a.JSON(t)
	for _, k := range []string{"user_permissions", "email_address", "first_name", "last_name", "access_key", "org_id"} {
		if _, ok := got[k]; !ok {
			t.Errorf("user JSON lacks %s: %s", k, a.Body)
		}
	}
	if _, has := got["password"]; has || strings.Contains(string(a.Body), "$2a$") {
		t.Fatalf("a password or its hash is shown: %s", a.Body)
	}
	if got["org_id"] != srv.OrgID || got["active"] != true {
		t.Fatalf("user: %s", a.Body)
	}

	// List, search and me.
	var list model.UserListResponse
	call(t, srv, "GET", "/api/users", nil).Into(t, &list)
	if len(list.Users) != 2 || list.Pages != 1 {
		t.Fatalf("list: %+v", list)
	}
	call(t, srv, "GET", "/api/users/search?q=jason", nil).Into(t, &list)
	if len(list.Users) != 1 || list.Users[0].ID != id {
		t.Fatalf("GET search: %+v", list)
	}
	call(t, srv, "POST", "/api/users/search", map[string]any{"filters": map[string]string{"query": "JASON@example"}}).Into(t, &list)
	if len(list.Users) != 1 || list.Users[0].ID != id {
		t.Fatalf("POST search: %+v", list)
	}
	call(t, srv, "POST", "/api/users/search", map[string]any{"filters": map[string]string{"query": "nobody"}}).Into(t, &list)
	if list.Users == nil || len(list.Users) != 0 {
		t.Fatalf("empty search must be []: %+v", list)
	}
	var me model.User
	call(t, srv, "GET", "/api/users/me", nil).Into(t, &me)
	if me.ID != srv.UserID {
		t.Fatalf("me is %s, want %s", me.ID, srv.UserID)
	}

	// The guide's Update User; members left out keep their value.
	a = call(t, srv, "PUT", "/api/users/"+id, map[string]any{"first_name": "Jason", "last_name": "File", "email_address": "jason@example.com", "active": true})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User updated" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	u := getUserAs(t, srv, id)
	if u.LastName != "File" || u.UserPermissions["IsAdmin"] != "admin" {
		t.Fatalf("after update: %+v", u)
	}

	// Delete: the user's secret stops working at once.
	want(t, callAs(t, srv, u.AccessKey, "GET", "/api/users/me", nil), http.StatusOK)
	a = call(t, srv, "DELETE", "/api/users/"+id, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User deleted" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	wantError(t, callAs(t, srv, u.AccessKey, "GET", "/api/users/me", nil), http.StatusUnauthorized, "Not authorised")
	wantError(t, call(t, srv, "GET", "/api/users/"+id, nil), http.StatusNotFound, "Could not retrieve user detail")
}

func TestUserPassword(t *testing.T) {
	t.Parallel()
	srv := newServer(t, fastPasswords)
	a := call(t, srv, "POST", "/api/users", map[string]any{
		"first_name": "P", "last_name": "W", "email_address": "pw@example.com", "active": true,
		"password": "first-pass", "user_permissions": map[string]string{"apis": "read"},
	})
	want(t, a, http.StatusOK)
	id := a.JSON(t)["Meta"].(string)
	self := getUserAs(t, srv, id).AccessKey
	reset := "/api/users/" + id + "/actions/reset"

	// The user changes its own password: the current one is required.
	wantError(t, callAs(t, srv, self, "POST", reset, map[string]string{"new_password": "second-pass"}), http.StatusForbidden, "current_password is required")
	wantError(t, callAs(t, srv, self, "POST", reset, map[string]string{"current_password": "wrong-pass", "new_password": "second-pass"}), http.StatusForbidden, "not the user's password")
	wantError(t, callAs(t, srv, self, "POST", reset, map[string]string{"current_password": "first-pass", "new_password": "short"}), http.StatusBadRequest, "at least 6")
	wantError(t, callAs(t, srv, self, "POST", reset, map[string]string{"current_password": "first-pass", "new_password": "first-pass"}), http.StatusBadRequest, "must differ")
	a = callAs(t, srv, self, "POST", reset, map[string]string{"current_password": "first-pass", "new_password": "second-pass"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User password updated" {
		t.Fatalf("envelope: %s", a.Body)
	}
	// The old password no longer counts as the current one.
	wantError(t, callAs(t, srv, self, "POST", reset, map[string]string{"current_password": "first-pass", "new_password": "third-pass"}), http.StatusForbidden, "not the user's password")
	wantError(t, callAs(t, srv, self, "POST", reset, "{not json"), http.StatusBadRequest, "malformed JSON")

	// A user created without a password gets one without a current one
	// (the guide's Set User Password).
	other, otherSecret := newUser(t, srv, "nopw@example.com", map[string]string{"apis": "read"})
	want(t, callAs(t, srv, otherSecret, "POST", "/api/users/"+other+"/actions/reset", map[string]string{"new_password": "brand-new"}), http.StatusOK)

	// Another user's password takes write on users; an admin still needs
	// the current password unless allowed to reset passwords.
	wantError(t, callAs(t, srv, otherSecret, "POST", reset, map[string]string{"current_password": "second-pass", "new_password": "x-pass-1"}), http.StatusForbidden, "access denied")
	wantError(t, call(t, srv, "POST", reset, map[string]string{"new_password": "x-pass-1"}), http.StatusForbidden, "current_password is required")
	want(t, adminCall(t, srv, "PUT", "/admin/users/"+srv.UserID+"/actions/allow_reset_passwords", nil), http.StatusOK)
	want(t, call(t, srv, "POST", reset, map[string]string{"new_password": "x-pass-1"}), http.StatusOK)
	want(t, adminCall(t, srv, "PUT", "/admin/users/"+srv.UserID+"/actions/disallow_reset_passwords", nil), http.StatusOK)
	wantError(t, call(t, srv, "POST", reset, map[string]string{"new_password": "x-pass-2"}), http.StatusForbidden, "current_password is required")
	wantError(t, call(t, srv, "POST", "/api/users/0123456789abcdef01234567/actions/reset", map[string]string{"new_password": "x-pass-2"}), http.StatusNotFound, "Could not retrieve user detail")

	// Passwords are stored as bcrypt hashes, never in the user's JSON.
	var exported strings.Builder
	if err := srv.Store().Export(t.Context(), &exported); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(exported.String(), "x-pass-1") || !strings.Contains(exported.String(), "$2a$") {
		t.Fatal("the password is not stored as a bcrypt hash")
	}
}

func TestUserKeyResetAndRevoke(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id, old := newUser(t, srv, "keys@example.com", map[string]string{"apis": "read"})
	want(t, callAs(t, srv, old, "GET", "/api/apis", nil), http.StatusOK)

	a := call(t, srv, "PUT", "/api/users/"+id+"/actions/key/reset", map[string]string{"userId": id})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User session renewed" {
		t.Fatalf("envelope: %s", a.Body)
	}
	wantError(t, callAs(t, srv, old, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	fresh := getUserAs(t, srv, id).AccessKey
	if fresh == old || fresh == "" {
		t.Fatalf("new key %q", fresh)
	}
	want(t, callAs(t, srv, fresh, "GET", "/api/apis", nil), http.StatusOK)
	wantError(t, call(t, srv, "PUT", "/api/users/"+id+"/actions/key/reset", map[string]string{"userId": srv.UserID}), http.StatusBadRequest, "does not match")
	wantError(t, call(t, srv, "PUT", "/api/users/0123456789abcdef01234567/actions/key/reset", nil), http.StatusNotFound, "Could not retrieve user detail")

	a = call(t, srv, "PUT", "/api/users/"+id+"/actions/revoke", nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User revoked" {
		t.Fatalf("envelope: %s", a.Body)
	}
	wantError(t, callAs(t, srv, fresh, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	if getUserAs(t, srv, id).Active {
		t.Fatal("a revoked user is active")
	}
}

func TestUserEscalation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id, secret := newUser(t, srv, "mgr@example.com", map[string]string{"users": "write", "apis": "read"})

	// Raising its own permissions is refused, and nothing is written.
	wantError(t, callAs(t, srv, secret, "PUT", "/api/users/"+id, map[string]any{"user_permissions": map[string]string{"IsAdmin": "admin"}}), http.StatusForbidden, "only an admin")
	wantError(t, callAs(t, srv, secret, "PUT", "/api/users/"+id, map[string]any{"user_permissions": map[string]string{"users": "write", "apis": "write"}}), http.StatusForbidden, "only an admin")
	if u := getUserAs(t, srv, id); u.UserPermissions["apis"] != "read" || u.UserPermissions["IsAdmin"] != "" {
		t.Fatalf("permissions changed: %+v", u.UserPermissions)
	}
	// Nor through a new user, a group, or another user.
	wantError(t, callAs(t, srv, secret, "POST", "/api/users", map[string]any{"email_address": "pawn@example.com", "user_permissions": map[string]string{"IsAdmin": "admin"}}), http.StatusForbidden, "only an admin")
	wantError(t, callAs(t, srv, secret, "POST", "/api/users", map[string]any{"email_address": "pawn@example.com", "user_permissions": map[string]string{"keys": "write"}}), http.StatusForbidden, "only an admin")
	other, _ := newUser(t, srv, "other@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, secret, "PUT", "/api/users/"+other, map[string]any{"user_permissions": map[string]string{"policies": "write"}}), http.StatusForbidden, "only an admin")
	// Within its own rights, it may manage others; its other members it may
	// change itself.
	want(t, callAs(t, srv, secret, "PUT", "/api/users/"+other, map[string]any{"user_permissions": map[string]string{"apis": "read", "users": "read"}}), http.StatusOK)
	want(t, callAs(t, srv, secret, "PUT", "/api/users/"+id, map[string]any{"first_name": "Manager", "user_permissions": map[string]string{"users": "write", "apis": "read"}}), http.StatusOK)
	// Nor take over an admin: an admin's secret is not shown to it, and it
	// changes no admin.
	var admin model.User
	callAs(t, srv, secret, "GET", "/api/users/"+srv.UserID, nil).Into(t, &admin)
	if admin.AccessKey != "" {
		t.Fatal("a non-admin reads an admin's API secret")
	}
	var list model.UserListResponse
	callAs(t, srv, secret, "GET", "/api/users", nil).Into(t, &list)
	for _, u := range list.Users {
		if u.AccessKey != "" && u.ID != id {
			t.Fatalf("a non-admin lists %s's API secret", u.EmailAddress)
		}
	}
	var me model.User
	callAs(t, srv, secret, "GET", "/api/users/"+id, nil).Into(t, &me)
	if me.AccessKey != secret {
		t.Fatal("a user does not see its own secret")
	}
	for _, r := range []struct {
		method, path string
		body         any
	}{
		{"PUT", "/api/users/" + srv.UserID, map[string]any{"first_name": "Owned"}},
		{"PUT", "/api/users/" + srv.UserID + "/actions/key/reset", nil},
		{"PUT", "/api/users/" + srv.UserID + "/actions/revoke", nil},
		{"DELETE", "/api/users/" + srv.UserID, nil},
		{"POST", "/api/users/" + srv.UserID + "/actions/reset", map[string]string{"new_password": "owned-admin"}},
	} {
		wantError(t, callAs(t, srv, secret, r.method, r.path, r.body), http.StatusForbidden, "only an admin")
	}
	want(t, call(t, srv, "GET", "/api/users/me", nil), http.StatusOK)

	// The admin may.
	want(t, call(t, srv, "PUT", "/api/users/"+id, map[string]any{"user_permissions": map[string]string{"IsAdmin": "admin"}}), http.StatusOK)
	want(t, callAs(t, srv, secret, "GET", "/api/org/permissions", nil), http.StatusOK)
}

func TestUserBadInput(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "theirs@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	id, _ := newUser(t, srv, "mine@example.com", map[string]string{"apis": "read"})
	cases := []struct {
		name, method, path string
		body               any
		status             int
		msg                string
	}{
		{"malformed", "POST", "/api/users", "{", 400, "malformed JSON"},
		{"wrong type", "POST", "/api/users", `{"email_address":"a@b.c","active":"yes"}`, 400, `field "active"`},
		{"no email", "POST", "/api/users", map[string]any{"first_name": "x", "user_permissions": map[string]string{"apis": "read"}}, 400, "email_address is required"},
		{"bad email", "POST", "/api/users", map[string]any{"email_address": "not an email", "user_permissions": map[string]string{"apis": "read"}}, 400, "not an email address"},
		{"bad level", "POST", "/api/users", map[string]any{"email_address": "a@b.c", "user_permissions": map[string]string{"apis": "wirte"}}, 400, "read, write or deny"},
		{"short password", "POST", "/api/users", map[string]any{"email_address": "a@b.c", "password": "abc", "user_permissions": map[string]string{"apis": "read"}}, 400, "at least 6"},
		{"unknown group", "POST", "/api/users", map[string]any{"email_address": "a@b.c", "group_id": "0123456789abcdef0123abcd", "user_permissions": map[string]string{"apis": "read"}}, 400, "not a user group"},
		{"duplicate email", "POST", "/api/users", map[string]any{"email_address": "MINE@example.com", "user_permissions": map[string]string{"apis": "read"}}, 403, "already exists"},
		{"unknown id", "GET", "/api/users/0123456789abcdef0123abcd", nil, 404, "Could not retrieve user detail"},
		{"id mismatch", "PUT", "/api/users/" + id, map[string]any{"id": srv.UserID, "first_name": "x"}, 400, "does not match"},
		{"password by PUT", "PUT", "/api/users/" + id, map[string]any{"password": "sneaky-pass"}, 400, "actions/reset"},
		{"update unknown", "PUT", "/api/users/0123456789abcdef0123abcd", map[string]any{"first_name": "x"}, 404, "Could not retrieve user detail"},
		{"update wrong type", "PUT", "/api/users/" + id, `{"user_permissions":["apis"]}`, 400, "wrong type"},
		{"delete unknown", "DELETE", "/api/users/0123456789abcdef0123abcd", nil, 404, "Could not retrieve user detail"},
		{"search malformed", "POST", "/api/users/search", "[", 400, "malformed JSON"},
	}
	for _, tc := range cases {
		wantError(t, call(t, srv, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	// Another org's admin sees none of our users and changes none.
	wantError(t, callAs(t, srv, "their-admin", "GET", "/api/users/"+id, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, "their-admin", "PUT", "/api/users/"+id, map[string]any{"first_name": "x"}), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, "their-admin", "DELETE", "/api/users/"+id, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, "their-admin", "PUT", "/api/users/"+id+"/actions/key/reset", nil), http.StatusNotFound, "")
	var list model.UserListResponse
	callAs(t, srv, "their-admin", "GET", "/api/users", nil).Into(t, &list)
	if len(list.Users) != 1 || list.Users[0].OrgID != otherOrg {
		t.Fatalf("other org lists %+v", list.Users)
	}
	// Nothing of the failed requests was stored.
	call(t, srv, "GET", "/api/users", nil).Into(t, &list)
	if len(list.Users) != 2 {
		t.Fatalf("%d users after failed requests, want 2", len(list.Users))
	}
	if u := getUserAs(t, srv, id); u.FirstName != "Test" {
		t.Fatalf("user changed by failed requests: %+v", u)
	}
}

// BenchmarkUserGetAndUpdate measures a user's GET and PUT over loopback;
// a PUT also reads the user twice for its audit record's diff.
func BenchmarkUserGetAndUpdate(b *testing.B) {
	srv := memserver.NewTest(b)
	id, _ := newUser(b, srv, "bench@example.com", map[string]string{"apis": "read"})
	b.Run("GET", func(b *testing.B) {
		for b.Loop() {
			want(b, call(b, srv, "GET", "/api/users/"+id, nil), http.StatusOK)
		}
	})
	b.Run("PUT", func(b *testing.B) {
		body := map[string]any{"first_name": "Bench"}
		for b.Loop() {
			want(b, call(b, srv, "PUT", "/api/users/"+id, body), http.StatusOK)
		}
	})
	b.Run("PUT without a GET at its path", func(b *testing.B) {
		for b.Loop() {
			want(b, call(b, srv, "PUT", "/api/users/"+id+"/actions/key/reset", nil), http.StatusOK)
		}
	})
}

// BenchmarkPasswordCost shows why tests set WithPasswordCost: the cost of
// setting a password at the default bcrypt cost and at the minimum.
func BenchmarkPasswordCost(b *testing.B) {
	for _, cost := range []int{bcrypt.MinCost, bcrypt.DefaultCost} {
		b.Run(fmt.Sprintf("cost=%d", cost), func(b *testing.B) {
			srv := memserver.NewTest(b, memserver.WithPasswordCost(cost))
			id, secret := newUser(b, srv, "pw-bench@example.com", map[string]string{"apis": "read"})
			reset := "/api/users/" + id + "/actions/reset"
			want(b, callAs(b, srv, secret, "POST", reset, map[string]string{"new_password": "password-0"}), http.StatusOK)
			i := 0
			for b.Loop() {
				i++
				body := map[string]string{"current_password": fmt.Sprintf("password-%d", i-1), "new_password": fmt.Sprintf("password-%d", i)}
				want(b, callAs(b, srv, secret, "POST", reset, body), http.StatusOK)
			}
		})
	}
}

// What real clients found: the generated dashboard-sdk decodes users
// strictly and refuses a password member (the 5.x description's User has
// none); emails are stored lower-cased, as real exports show; a user may
// delete itself.
func TestUserAnswersFidelity(t *testing.T) {
	t.Parallel()
	srv := newServer(t, fastPasswords)
	noPassword := func(what string, a answer) {
		t.Helper()
		if bytes.Contains(a.Body, []byte(`"password"`)) {
			t.Fatalf("%s answers a password member: %s", what, a.Body)
		}
	}
	a := call(t, srv, "POST", "/api/users", map[string]any{
		"first_name": "Mixed", "last_name": "Case", "email_address": " Mixed.Case@Example.COM ", "active": true,
		"password": "secret-pass", "user_permissions": map[string]string{"apis": "read", "users": "write"},
	})
	want(t, a, http.StatusOK)
	id, _ := a.JSON(t)["Meta"].(string)
	noPassword("POST /api/users", a)
	a = call(t, srv, "GET", "/api/users/"+id, nil)
	want(t, a, http.StatusOK)
	noPassword("GET /api/users/{id}", a)
	u := a.JSON(t)
	if u["email_address"] != "mixed.case@example.com" {
		t.Fatalf("email stored as %v, want lower case", u["email_address"])
	}
	secret, _ := u["access_key"].(string)
	for _, path := range []string{"/api/users", "/api/users/search?q=mixed", "/api/users/me"} {
		a = callAs(t, srv, secret, "GET", path, nil)
		want(t, a, http.StatusOK)
		noPassword("GET "+path, a)
	}
	a = call(t, srv, "POST", "/api/users/search", map[string]any{"filters": map[string]any{"query": "mixed"}})
	want(t, a, http.StatusOK)
	noPassword("POST /api/users/search", a)
	var found model.UserListResponse
	a.Into(t, &found)
	if len(found.Users) != 1 || found.Users[0].ID != id {
		t.Fatalf("search: %s", a.Body)
	}
	a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": srv.OrgID, "email_address": "Admin.Made@Example.com", "password": "secret-pass"})
	want(t, a, http.StatusOK)
	noPassword("POST /admin/users", a)
	var made struct{ Meta model.User }
	a.Into(t, &made)
	if made.Meta.EmailAddress != "admin.made@example.com" {
		t.Fatalf("admin-made user's email %q", made.Meta.EmailAddress)
	}
	for _, path := range []string{"/admin/users/" + made.Meta.ID, "/admin/users/" + made.Meta.ID + "/actions/allow_reset_passwords"} {
		method := "GET"
		if strings.HasSuffix(path, "passwords") {
			method = "PUT"
		}
		a = adminCall(t, srv, method, path, nil)
		want(t, a, http.StatusOK)
		noPassword(method+" "+path, a)
	}

	// Another case of the same email is the same email.
	wantError(t, call(t, srv, "POST", "/api/users", map[string]any{"email_address": "MIXED.case@example.com", "user_permissions": map[string]string{"apis": "read"}}), http.StatusForbidden, "already exists")
	want(t, call(t, srv, "PUT", "/api/users/"+id, map[string]any{"email_address": "Renamed@Example.com"}), http.StatusOK)
	if got := getUserAs(t, srv, id).EmailAddress; got != "renamed@example.com" {
		t.Fatalf("updated email %q, want lower case", got)
	}

	// A user deletes itself; its secret stops working.
	a = callAs(t, srv, secret, "DELETE", "/api/users/"+id, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "User deleted" {
		t.Fatalf("self delete: %s", a.Body)
	}
	wantError(t, callAs(t, srv, secret, "GET", "/api/users/me", nil), http.StatusUnauthorized, "Not authorised")
	wantError(t, call(t, srv, "GET", "/api/users/"+id, nil), http.StatusNotFound, "")
}

// WithMultiOrgUsers, as the Dashboard's enable_multi_org_users: the same
// email may be a user once in each org. Off by default, as on a real
// Dashboard, where an email is one user across every org.
func TestMultiOrgUsers(t *testing.T) {
	t.Parallel()
	for _, multi := range []bool{false, true} {
		srv := newServer(t, memserver.WithMultiOrgUsers(multi))
		a := adminCall(t, srv, "POST", "/admin/organisations", map[string]any{"owner_name": "Second"})
		want(t, a, http.StatusOK)
		second := a.JSON(t)["Meta"].(string)
		_, _ = newUser(t, srv, "Shared@Example.com", map[string]string{"apis": "read"})
		a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": second, "email_address": "shared@example.com"})
		if !multi {
			wantError(t, a, http.StatusForbidden, "already exists")
			// Nor may a user of the second org take it by a change.
			a = adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": second, "email_address": "other@example.com"})
			want(t, a, http.StatusOK)
			var made struct{ Meta model.User }
			a.Into(t, &made)
			wantError(t, adminCall(t, srv, "PUT", "/admin/users/"+made.Meta.ID, map[string]any{"email_address": "SHARED@example.com"}), http.StatusForbidden, "already exists")
			continue
		}
		want(t, a, http.StatusOK)
		var made struct {
			Message string
			Meta    model.User
		}
		a.Into(t, &made)
		if made.Meta.OrgID != second || made.Meta.EmailAddress != "shared@example.com" {
			t.Fatalf("second org's user: %+v", made.Meta)
		}
		// Each org's user is its own; still once per org.
		var list model.UserListResponse
		callAs(t, srv, made.Message, "GET", "/api/users", nil).Into(t, &list)
		if len(list.Users) != 1 || list.Users[0].ID != made.Meta.ID {
			t.Fatalf("second org's users: %+v", list.Users)
		}
		wantError(t, adminCall(t, srv, "POST", "/admin/users", map[string]any{"org_id": second, "email_address": "SHARED@example.com"}), http.StatusForbidden, "already exists")
		// SSO into the second org logs in its own user.
		a = adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "OrgID": second, "EmailAddress": "shared@example.com"})
		want(t, a, http.StatusOK)
		want(t, tap(t, srv, a.JSON(t)["Meta"].(string)), http.StatusFound)
		callAs(t, srv, made.Message, "GET", "/api/users", nil).Into(t, &list)
		if len(list.Users) != 1 || list.Users[0].LastLoginDate == "" {
			t.Fatalf("after SSO, second org's users: %+v", list.Users)
		}
	}
}
