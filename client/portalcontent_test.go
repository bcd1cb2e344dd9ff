package client_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// TestPortalPagesClient: pages through the client, each route once, the
// list walked across pages.
func TestPortalPagesClient(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	var ids []string
	for i := range 12 {
		id, err := c.Portal.CreatePage(ctx, &model.PortalPage{Title: fmt.Sprintf("Page %d", i), Slug: fmt.Sprintf("page-%d", i),
			TemplateName: "default_page", Fields: map[string]string{"MainBody": "text"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	first, err := c.Portal.Pages(ctx, client.ListOptions{})
	if err != nil || len(first.Items) != 10 || !first.HasNext() {
		t.Fatalf("first page: %+v, %v", first, err)
	}
	n := 0
	for p, err := range c.Portal.AllPages(ctx, client.ListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != ids[n] {
			t.Fatalf("page %d is %s, want %s", n, p.ID, ids[n])
		}
		n++
	}
	if n != 12 {
		t.Fatalf("AllPages walked %d pages", n)
	}
	p, err := c.Portal.Page(ctx, ids[0])
	if err != nil || p.Slug != "page-0" {
		t.Fatalf("Page: %+v, %v", p, err)
	}
	p.Title = "Renamed"
	if err := c.Portal.UpdatePage(ctx, p.ID, p); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Portal.CreatePage(ctx, &model.PortalPage{Title: "Dup", Slug: "page-1"}); !errors.Is(err, client.ErrConflict) {
		t.Fatalf("a second page-1: %v, want ErrConflict", err)
	}
	if _, err := c.Portal.CreatePage(ctx, &model.PortalPage{Slug: "no-title"}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("a page without a title: %v, want ErrInvalid", err)
	}
	if err := c.Portal.DeletePage(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Portal.Page(ctx, p.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("deleted page: %v", err)
	}
}

// TestPortalDevelopersAndKeyRequestsClient: a developer signs up, asks for
// a key to a published policy, and the request is approved; the key the
// approval answers is a key of the Dashboard with the request's policy.
func TestPortalDevelopersAndKeyRequestsClient(t *testing.T) {
	t.Parallel()
	srv, c := start(t, memserver.WithPasswordCost(4))
	ctx := context.Background()

	api, err := c.APIs.Create(ctx, classicAPI("portal-api", "/portal-api/"))
	if err != nil {
		t.Fatal(err)
	}
	polID, err := c.Policies.Create(ctx, &model.Policy{Name: "portal", Active: true, Rate: 3, Per: 1,
		AccessRights: map[string]model.AccessDefinition{api.APIID: {APIID: api.APIID, Versions: []string{"Default"}}}})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := c.Policies.Get(ctx, polID)
	if err != nil {
		t.Fatal(err)
	}

	devID, err := c.Portal.CreateDeveloper(ctx, &model.PortalDeveloper{Email: "dev@portal.example", Password: "s3cret-pass",
		Fields: map[string]string{"Name": "Dev"}})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := c.Portal.DeveloperByEmail(ctx, "DEV@portal.example")
	if err != nil || dev.ID != devID || dev.Password != "" {
		t.Fatalf("DeveloperByEmail: %+v, %v", dev, err)
	}
	if err := c.Portal.VerifyDeveloperCredentials(ctx, "dev@portal.example", "s3cret-pass"); err != nil {
		t.Fatalf("right credentials: %v", err)
	}
	if err := c.Portal.VerifyDeveloperCredentials(ctx, "dev@portal.example", "wrong"); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("wrong credentials: %v, want ErrUnauthorized", err)
	}
	if err := c.Portal.SetDeveloperPassword(ctx, devID, "new-pass"); err != nil {
		t.Fatal(err)
	}
	if err := c.Portal.VerifyDeveloperCredentials(ctx, "dev@portal.example", "new-pass"); err != nil {
		t.Fatalf("new password: %v", err)
	}
	dev.Fields["Name"] = "Developer"
	if err := c.Portal.UpdateDeveloper(ctx, devID, dev); err != nil {
		t.Fatal(err)
	}
	if err := c.Portal.VerifyDeveloperCredentials(ctx, "dev@portal.example", "new-pass"); err != nil {
		t.Fatalf("an update without a password changed it: %v", err)
	}
	if _, err := c.Portal.CreateDeveloper(ctx, &model.PortalDeveloper{Email: "dev@PORTAL.example"}); !errors.Is(err, client.ErrConflict) {
		t.Fatalf("a second developer with the email: %v", err)
	}
	n := 0
	for d, err := range c.Portal.AllDevelopers(ctx, client.ListOptions{}) {
		if err != nil || d.Password != "" {
			t.Fatalf("%+v, %v", d, err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("%d developers", n)
	}

	reqID, err := c.Portal.CreateKeyRequest(ctx, &model.PortalKeyRequest{ByUser: devID, ApplyPolicies: []string{pol.MID}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := c.Portal.KeyRequest(ctx, reqID)
	if err != nil || req.Approved || req.PortalDeveloper == nil || req.PortalDeveloper.ID != devID {
		t.Fatalf("KeyRequest: %+v, %v", req, err)
	}
	req.Fields = map[string]string{"reason": "testing"}
	if err := c.Portal.UpdateKeyRequest(ctx, reqID, req); err != nil {
		t.Fatal(err)
	}
	page, err := c.Portal.KeyRequests(ctx, client.ListOptions{})
	if err != nil || len(page.Items) != 1 || page.Items[0].Fields["reason"] != "testing" {
		t.Fatalf("KeyRequests: %+v, %v", page, err)
	}

	// Approval needs write on keys: a portal-only writer is refused.
	portalOnly := userClient(t, srv, model.UserPermissions{"portal": "write"})
	if _, err := portalOnly.Portal.ApproveKeyRequest(ctx, reqID); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("approval by a portal-only writer: %v", err)
	}
	approval, err := c.Portal.ApproveKeyRequest(ctx, reqID)
	if err != nil || approval.RawKey == "" {
		t.Fatalf("approve: %+v, %v", approval, err)
	}
	key, err := c.Keys.Get(ctx, approval.RawKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(key.Data.ApplyPolicies) != 1 || key.Data.ApplyPolicies[0] != pol.MID || key.Data.Rate != 3 ||
		key.Data.MetaData["tyk_developer_id"] != devID {
		t.Fatalf("the issued key: %+v", key.Data)
	}
	if _, err := c.Portal.ApproveKeyRequest(ctx, reqID); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("a second approval: %v", err)
	}
	dev, err = c.Portal.Developer(ctx, devID)
	if err != nil || len(dev.Keys) != 1 {
		t.Fatalf("the developer's keys after approval: %+v, %v", dev, err)
	}

	if err := c.Portal.DeleteKeyRequest(ctx, reqID); err != nil {
		t.Fatal(err)
	}
	for r, err := range c.Portal.AllKeyRequests(ctx, client.ListOptions{}) {
		t.Fatalf("a key request after delete: %+v, %v", r, err)
	}
	if err := c.Portal.DeleteDeveloper(ctx, devID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Portal.Developer(ctx, devID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("deleted developer: %v", err)
	}
}
