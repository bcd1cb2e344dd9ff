package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"golang.org/x/crypto/bcrypt"
)

func TestUsersCRUD(t *testing.T) {
	t.Parallel()
	// The cheapest bcrypt: this test sets passwords, not strong ones.
	srv, c := start(t, memserver.WithPasswordCost(bcrypt.MinCost))
	ctx := context.Background()

	me, err := c.Users.Me(ctx)
	if err != nil {
		t.Fatalf("Me: %v", err)
	}
	if me.AccessKey != srv.Secret || me.OrgID != srv.OrgID {
		t.Errorf("Me = %+v", me)
	}

	id, err := c.Users.Create(ctx, &model.User{FirstName: "Ada", LastName: "Lovelace", EmailAddress: "ada@example.org",
		Active: true, Password: "first-password", UserPermissions: model.UserPermissions{"apis": model.PermRead}})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !model.IsObjectID(id) {
		t.Fatalf("Create returned %q", id)
	}
	u, err := c.Users.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if u.EmailAddress != "ada@example.org" || u.Password != "" || u.AccessKey == "" {
		t.Errorf("Get = %+v (the password must never come back)", u)
	}

	// The new user's own client works with what its permissions allow.
	ada, err := client.New(srv.URL, client.WithSecret(u.AccessKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ada.APIs.List(ctx, client.ListAPIsOptions{}); err != nil {
		t.Errorf("Ada lists APIs: %v", err)
	}
	if _, err := ada.Users.List(ctx, client.ListOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("Ada lists users: %v, want ErrForbidden", err)
	}
	// Nor may she give herself more.
	self, err := ada.Users.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	self.UserPermissions = model.UserPermissions{model.PermIsAdmin: model.PermAdmin}
	if err := ada.Users.Update(ctx, self.ID, self); err == nil {
		t.Error("a user raised its own permissions")
	}

	u.LastName = "King"
	u.Extra = model.Extra{"x_future": json.RawMessage(`1`)}
	if err := c.Users.Update(ctx, id, u); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if u, err = c.Users.Get(ctx, id); err != nil || u.LastName != "King" {
		t.Errorf("after Update: %+v, %v", u, err)
	}

	found, err := c.Users.Search(ctx, "ada@", client.ListOptions{})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(found.Items) != 1 || found.Items[0].ID != id {
		t.Errorf("Search = %d users", len(found.Items))
	}
	found, err = c.Users.SearchFilters(ctx, "ada@", client.ListOptions{})
	if err != nil {
		t.Fatalf("SearchFilters: %v", err)
	}
	if len(found.Items) != 1 {
		t.Errorf("SearchFilters = %d users", len(found.Items))
	}

	// Passwords: changing one needs the current one.
	if err := c.Users.SetPassword(ctx, id, "wrong-password", "second-password"); err == nil {
		t.Error("password changed with a wrong current password")
	}
	if err := c.Users.SetPassword(ctx, id, "first-password", "second-password"); err != nil {
		t.Errorf("SetPassword: %v", err)
	}

	// A new secret: the old one stops working at once.
	old := u.AccessKey
	if err := c.Users.ResetKey(ctx, id); err != nil {
		t.Fatalf("ResetKey: %v", err)
	}
	if _, err := ada.APIs.List(ctx, client.ListAPIsOptions{}); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("old secret after ResetKey: %v, want ErrUnauthorized", err)
	}
	if u, err = c.Users.Get(ctx, id); err != nil || u.AccessKey == old || u.AccessKey == "" {
		t.Errorf("after ResetKey: key %q (was %q), %v", u.AccessKey, old, err)
	}

	if err := c.Users.Revoke(ctx, id); err != nil {
		t.Errorf("Revoke: %v", err)
	}
	if err := c.Users.Delete(ctx, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Users.Get(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := c.Users.Delete(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Delete twice: %v, want ErrNotFound", err)
	}
	if _, err := c.Users.Create(ctx, &model.User{FirstName: "No email"}); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Create without an email: %v, want ErrInvalid", err)
	}
}

func TestUsersPagination(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	for i := range 4 {
		if _, err := c.Users.Create(ctx, &model.User{FirstName: "U", LastName: fmt.Sprint(i),
			EmailAddress: fmt.Sprintf("u%d@example.org", i), Active: true,
			UserPermissions: model.UserPermissions{"apis": model.PermRead}}); err != nil {
			t.Fatal(err)
		}
	}
	// The default admin and the four.
	if n := len(collect(t, c.Users.All(ctx, client.ListOptions{}))); n != 5 {
		t.Errorf("All: %d users, want 5", n)
	}
}

func TestUserGroups(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	gid, err := c.UserGroups.Create(ctx, &model.UserGroup{Name: "Readers", Description: "read APIs",
		UserPermissions: model.UserPermissions{"apis": model.PermRead}})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	g, err := c.UserGroups.Get(ctx, gid)
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "Readers" {
		t.Errorf("Get = %+v", g)
	}

	// A user in the group has the group's permissions.
	// The user's own permissions give way to its group's.
	uid, err := c.Users.Create(ctx, &model.User{FirstName: "G", LastName: "M", EmailAddress: "member@example.org",
		Active: true, GroupID: gid, UserPermissions: model.UserPermissions{"keys": model.PermRead}})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.Users.Get(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	member, err := client.New(srv.URL, client.WithSecret(u.AccessKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := member.APIs.List(ctx, client.ListAPIsOptions{}); err != nil {
		t.Errorf("member lists APIs: %v", err)
	}
	g.UserPermissions = model.UserPermissions{"apis": model.PermDeny}
	if err := c.UserGroups.Update(ctx, gid, g); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if _, err := member.APIs.List(ctx, client.ListAPIsOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("member after the group lost apis: %v, want ErrForbidden", err)
	}

	if n := len(collect(t, c.UserGroups.All(ctx, client.ListOptions{}))); n != 1 {
		t.Errorf("All: %d groups", n)
	}
	if err := c.UserGroups.Delete(ctx, gid); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.UserGroups.Get(ctx, gid); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, err := member.UserGroups.List(ctx, client.ListOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("member lists groups: %v, want ErrForbidden", err)
	}
}

func TestWebhooks(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	if _, err := c.Webhooks.Create(ctx, &model.WebHookHandlerConf{Name: "Quota alert", Method: "POST",
		TargetPath: "https://hooks.example.org/quota", HeaderList: map[string]string{"X-Secret": "s"}}); err != nil {
		t.Fatalf("Create: %v", err)
	}
	// The Dashboard does not answer the new id: find the hook by name.
	var id string
	for _, h := range collect(t, c.Webhooks.All(ctx, client.ListOptions{})) {
		if h.Name == "Quota alert" {
			id = h.ID
		}
	}
	if id == "" {
		t.Fatal("created webhook not listed")
	}
	h, err := c.Webhooks.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	h.TargetPath = "https://hooks.example.org/v2/quota"
	if err := c.Webhooks.Update(ctx, id, h); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if h, err = c.Webhooks.Get(ctx, id); err != nil || h.TargetPath != "https://hooks.example.org/v2/quota" {
		t.Errorf("after Update: %+v, %v", h, err)
	}
	reader := userClient(t, srv, model.UserPermissions{"hooks": model.PermRead})
	if err := reader.Webhooks.Delete(ctx, id); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Delete: %v, want ErrForbidden", err)
	}
	if err := c.Webhooks.Delete(ctx, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// A missing hook is a 400 at the Dashboard: ErrNotFound here.
	if _, err := c.Webhooks.Get(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
}

func TestPermissionsAndOPA(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	perms := map[string]string{"api_developer": "API Developer", "api_manager": "API Manager"}
	if err := c.Permissions.Set(ctx, perms); err != nil {
		t.Fatalf("Permissions.Set: %v", err)
	}
	got, err := c.Permissions.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["api_manager"] != "API Manager" {
		t.Errorf("Permissions.Get = %v", got)
	}

	rules := "package dashboard_users\ndefault request_intent = \"read\"\n"
	if err := c.OPA.Set(ctx, rules); err != nil {
		t.Fatalf("OPA.Set: %v", err)
	}
	if got, err := c.OPA.Get(ctx); err != nil || got != rules {
		t.Errorf("OPA.Get = %q, %v", got, err)
	}

	// Admin users only.
	user := userClient(t, srv, model.UserPermissions{"apis": model.PermWrite})
	if err := user.OPA.Set(ctx, "package x"); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("non-admin OPA.Set: %v, want ErrForbidden", err)
	}
	if err := user.Permissions.Set(ctx, map[string]string{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("non-admin Permissions.Set: %v, want ErrForbidden", err)
	}
}

func TestAuditLogs(t *testing.T) {
	t.Parallel()
	srv, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	for i := range 3 {
		mustCreateAPI(t, c, fmt.Sprintf("Audited %d", i), fmt.Sprintf("/audited-%d/", i))
	}
	var posts []model.AuditLog
	for _, l := range collect(t, c.AuditLogs.All(ctx, client.ListAuditLogsOptions{Method: "POST"})) {
		if l.URL == "/api/apis" || l.URL == srv.URL+"/api/apis" {
			posts = append(posts, l)
		}
	}
	if len(posts) != 3 {
		t.Fatalf("audit log has %d POSTs of /api/apis, want 3", len(posts))
	}
	one, err := c.AuditLogs.Get(ctx, posts[0].MID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if one.Method != "POST" || one.Status != 200 || one.OrgID != srv.OrgID {
		t.Errorf("Get = %+v", one)
	}
	if _, err := c.AuditLogs.Get(ctx, "0123456789abcdef01234567"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("missing record: %v, want ErrNotFound", err)
	}
	reader := userClient(t, srv, model.UserPermissions{"apis": model.PermRead})
	if _, err := reader.AuditLogs.List(ctx, client.ListAuditLogsOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("user without audit_logs: %v, want ErrForbidden", err)
	}
}
