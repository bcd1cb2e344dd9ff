package client_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestOrgs(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	id, err := c.Orgs.Create(ctx, &model.Organisation{OwnerName: "Acme", OwnerSlug: "acme"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !model.IsObjectID(id) {
		t.Fatalf("Create returned %q", id)
	}
	org, err := c.Orgs.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if org.OwnerName != "Acme" || org.ID != id {
		t.Errorf("Get = %+v", org)
	}
	org.CNAME = "api.acme.example.org"
	org.CNAMEEnabled = true
	if err := c.Orgs.Update(ctx, id, org); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if org, err = c.Orgs.Get(ctx, id); err != nil || org.CNAME != "api.acme.example.org" {
		t.Errorf("after Update: %+v, %v", org, err)
	}

	imported, err := c.Orgs.Import(ctx, &model.Organisation{ID: "5e9d9544a1dcd60001d0ed20", OwnerName: "Moved"})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if imported != "5e9d9544a1dcd60001d0ed20" {
		t.Errorf("Import kept id %q", imported)
	}

	ids := map[string]bool{}
	for _, o := range collect(t, c.Orgs.All(ctx, client.ListOptions{})) {
		ids[o.ID] = true
	}
	if !ids[srv.OrgID] || !ids[id] || !ids[imported] {
		t.Errorf("All = %v", ids)
	}

	if err := c.Orgs.Delete(ctx, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Orgs.Get(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}

	// The Admin API answers to the admin secret alone.
	noAdmin, err := client.New(srv.URL, client.WithSecret(srv.Secret))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noAdmin.Orgs.List(ctx, client.ListOptions{}); !errors.Is(err, client.ErrUnauthorized) && !errors.Is(err, client.ErrForbidden) {
		t.Errorf("Orgs.List without the admin secret: %v", err)
	}
}

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	u, err := c.AdminUsers.Create(ctx, &model.User{OrgID: srv.OrgID, FirstName: "Op", LastName: "Erator", Active: true,
		EmailAddress: "operator@example.org", UserPermissions: model.UserPermissions{model.PermIsAdmin: model.PermAdmin}})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if u.ID == "" || u.AccessKey == "" {
		t.Fatalf("created = %+v", u)
	}
	got, err := c.AdminUsers.Get(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.EmailAddress != "operator@example.org" {
		t.Errorf("Get = %+v", got)
	}
	got.LastName = "Renamed"
	updated, err := c.AdminUsers.Update(ctx, u.ID, got)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.LastName != "Renamed" {
		t.Errorf("Update answered %+v", updated)
	}
	if err := c.AdminUsers.AllowResetPasswords(ctx, u.ID); err != nil {
		t.Errorf("AllowResetPasswords: %v", err)
	}
	if err := c.AdminUsers.DisallowResetPasswords(ctx, u.ID); err != nil {
		t.Errorf("DisallowResetPasswords: %v", err)
	}
	if _, err := c.AdminUsers.Get(ctx, "0123456789abcdef01234567"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("missing user: %v, want ErrNotFound", err)
	}

	// The new user's secret works on the Dashboard API.
	op, err := client.New(srv.URL, client.WithSecret(u.AccessKey))
	if err != nil {
		t.Fatal(err)
	}
	if me, err := op.Users.Me(ctx); err != nil || me.ID != u.ID {
		t.Errorf("Me of the admin-created user: %+v, %v", me, err)
	}
}

// TestImportRoundTrip exports one Dashboard through the ordinary lists and
// imports it into another: the APIs and policies keep their ids.
func TestImportRoundTrip(t *testing.T) {
	t.Parallel()
	src, from := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, from, "Exported", "/exported/")
	polID, err := from.Policies.Create(ctx, &model.Policy{Name: "Exported policy", Active: true, AccessRights: rights(api)})
	if err != nil {
		t.Fatal(err)
	}
	apis := collect(t, from.APIs.All(ctx, client.ListAPIsOptions{}))
	policies := collect(t, from.Policies.All(ctx, client.ListPoliciesOptions{}))

	_, to := start(t, memserver.WithOrgID(src.OrgID))
	res, err := to.Import.APIs(ctx, apis)
	if err != nil {
		t.Fatalf("Import.APIs: %v", err)
	}
	// The Dashboard says, in Meta, which ids it imported; where it does
	// not, the map is empty, never wrong.
	for id, ok := range res {
		if id != api.APIID && id != api.ID || !ok {
			t.Errorf("Import.APIs answered %v", res)
		}
	}
	if _, err := to.Import.Policies(ctx, policies); err != nil {
		t.Fatalf("Import.Policies: %v", err)
	}
	got, err := to.APIs.Get(ctx, api.ID)
	if err != nil {
		t.Fatalf("imported API by its old db id: %v", err)
	}
	if got.APIDefinition.APIID != api.APIID {
		t.Errorf("imported api_id = %q, want %q", got.APIDefinition.APIID, api.APIID)
	}
	p, err := to.Policies.Get(ctx, polID)
	if err != nil {
		t.Fatalf("imported policy by its old id: %v", err)
	}
	if _, ok := p.AccessRights[api.APIID]; !ok {
		t.Errorf("imported policy lost its access rights")
	}
}

func TestSSOAndSystem(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	me, err := c.Users.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data := &model.SSOAccessData{ForSection: "dashboard", OrgID: srv.OrgID, EmailAddress: me.EmailAddress}
	nonce, err := c.SSO.Generate(ctx, data)
	if err != nil || nonce == "" {
		t.Errorf("SSO.Generate: %q, %v", nonce, err)
	}
	nonce, err = c.SSO.GenerateAdmin(ctx, data)
	if err != nil || nonce == "" {
		t.Errorf("SSO.GenerateAdmin: %q, %v", nonce, err)
	}
	if status, err := c.System.Reload(ctx); err != nil || status != "ok" {
		t.Errorf("System.Reload: %q, %v", status, err)
	}
}

func TestAnalytics(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	day := time.Date(2020, 10, 13, 12, 0, 0, 0, time.UTC)
	if err := srv.RecordTraffic(
		model.AnalyticsRecord{Method: "GET", Path: "/anything", ResponseCode: 200, APIKey: "7f3c3ca8", APIID: "api-1", TimeStamp: day, RequestTime: 200},
		model.AnalyticsRecord{Method: "GET", Path: "/anything", ResponseCode: 500, APIKey: "7f3c3ca8", APIID: "api-1", TimeStamp: day, RequestTime: 400},
		model.AnalyticsRecord{Method: "GET", Path: "/get", ResponseCode: 200, OauthID: "27b35a9e", APIID: "api-2", TimeStamp: day, RequestTime: 100},
		// Outside the range.
		model.AnalyticsRecord{Method: "GET", Path: "/anything", ResponseCode: 200, APIKey: "7f3c3ca8", APIID: "api-1", TimeStamp: day.AddDate(0, 1, 0)},
	); err != nil {
		t.Fatal(err)
	}
	from, to := day, day.Add(24*time.Hour)
	type activity func(context.Context, string, time.Time, time.Time) (*model.AggregateAnalyticsData, error)
	for _, tc := range []struct {
		name          string
		call          activity
		id            string
		hits, success int64
	}{
		{"Key", c.Analytics.Key, "7f3c3ca8", 2, 1},
		{"KeyEndpoints", c.Analytics.KeyEndpoints, "7f3c3ca8", 2, 1},
		{"OAuthClient", c.Analytics.OAuthClient, "27b35a9e", 1, 1},
		{"OAuthClientEndpoints", c.Analytics.OAuthClientEndpoints, "27b35a9e", 1, 1},
	} {
		data, err := tc.call(ctx, tc.id, from, to)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var hits, success int64
		for _, u := range data.Data {
			hits += u.Hits
			success += u.Success
		}
		if hits != tc.hits || success != tc.success {
			t.Errorf("%s: %d hits, %d successes; want %d, %d", tc.name, hits, success, tc.hits, tc.success)
		}
	}
	if data, err := c.Analytics.Key(ctx, "no-traffic", from, to); err != nil || len(data.Data) != 0 {
		t.Errorf("a key without traffic: %+v, %v", data, err)
	}
	if _, err := c.Analytics.Key(ctx, "k", to, from); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("reversed range: %v, want ErrInvalid", err)
	}
}
