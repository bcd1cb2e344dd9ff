package client_test

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

func TestPortalCatalogueAndDocumentation(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	polID, err := c.Policies.Create(ctx, &model.Policy{Name: "gold", Active: true, Rate: 10, Per: 1})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := c.Policies.Get(ctx, polID)
	if err != nil {
		t.Fatal(err)
	}

	cat, err := c.Portal.Catalogue(ctx)
	if err != nil {
		t.Fatalf("the default org's catalogue: %v", err)
	}
	docID, err := c.Portal.CreateDocumentation(ctx, &model.PortalDocumentation{APIID: pol.MID, DocType: model.PortalDocSwagger,
		Documentation: base64.StdEncoding.EncodeToString([]byte(`{"openapi":"3.0.3"}`))})
	if err != nil || docID == "" {
		t.Fatalf("create documentation: %q, %v", docID, err)
	}
	cat.APIs = append(cat.APIs, model.PortalCatalogueEntry{Name: "Gold", PolicyID: pol.MID, Documentation: docID, Show: true, AuthType: "authToken"})
	if err := c.Portal.UpdateCatalogue(ctx, cat); err != nil {
		t.Fatal(err)
	}
	got, err := c.Portal.Catalogue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != cat.ID || len(got.APIs) != 1 || got.APIs[0].PolicyID != pol.MID || got.APIs[0].Documentation != docID {
		t.Fatalf("catalogue read back: %+v", got)
	}
	id, err := c.Portal.CreateCatalogue(ctx, &model.PortalCatalogue{})
	if err != nil || id != cat.ID {
		t.Fatalf("CreateCatalogue of a set-up portal: %q, %v; want the same id %q", id, err, cat.ID)
	}

	bad := &model.PortalCatalogue{APIs: []model.PortalCatalogueEntry{{Name: "x", PolicyID: "5e9d9544a1dcd60001d0ed99"}}}
	if err := c.Portal.UpdateCatalogue(ctx, bad); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("catalogue with an unknown policy: %v, want ErrInvalid", err)
	}
	if err := c.Portal.DeleteDocumentation(ctx, docID); err != nil {
		t.Fatal(err)
	}
	if err := c.Portal.DeleteDocumentation(ctx, docID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("delete of deleted documentation: %v, want ErrNotFound", err)
	}
	if err := c.Portal.DeleteDocumentation(ctx, ""); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("delete without an id: %v", err)
	}

	reader := userClient(t, srv, model.UserPermissions{"portal": "read"})
	if _, err := reader.Portal.Catalogue(ctx); err != nil {
		t.Fatalf("a reader reads the catalogue: %v", err)
	}
	if err := reader.Portal.UpdateCatalogue(ctx, cat); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("a reader updates the catalogue: %v, want ErrForbidden", err)
	}
	if _, err := reader.Portal.CreateDocumentation(ctx, &model.PortalDocumentation{DocType: "swagger", Documentation: "eyJ9"}); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("a reader creates documentation: %v, want ErrForbidden", err)
	}
}

func TestPortalSettingsClient(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	conf, err := c.Portal.Configuration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conf.RequireKeyApproval, conf.OAuthUsageLimit = true, 3
	if err := c.Portal.UpdateConfiguration(ctx, conf); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Portal.Configuration(ctx); err != nil || !got.RequireKeyApproval || got.OAuthUsageLimit != 3 || got.ID != conf.ID {
		t.Fatalf("configuration read back: %+v, %v", got, err)
	}
	if _, err := c.Portal.CreateConfiguration(ctx, &model.PortalConfig{OAuthUsageLimit: -9}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("configuration with oauth_usage_limit -9: %v, want ErrInvalid", err)
	}

	if _, err := c.Portal.CSS(ctx); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("CSS before it is set up: %v, want ErrNotFound", err)
	}
	if err := c.Portal.UpdateJS(ctx, &model.PortalJS{PageJS: "x"}); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("update of JavaScript never set up: %v, want ErrNotFound", err)
	}
	cssID, err := c.Portal.CreateCSS(ctx, &model.PortalCSS{PageCSS: "body{}"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Portal.UpdateCSS(ctx, &model.PortalCSS{PageCSS: "h1{}"}); err != nil {
		t.Fatal(err)
	}
	if css, err := c.Portal.CSS(ctx); err != nil || css.ID != cssID || css.PageCSS != "h1{}" {
		t.Fatalf("CSS read back: %+v, %v", css, err)
	}
	if _, err := c.Portal.CreateJS(ctx, &model.PortalJS{PageJS: "console.log(1)"}); err != nil {
		t.Fatal(err)
	}
	if js, err := c.Portal.JS(ctx); err != nil || js.PageJS != "console.log(1)" {
		t.Fatalf("JavaScript read back: %+v, %v", js, err)
	}
	if _, err := c.Portal.CreateMenus(ctx, &model.PortalMenus{Menus: []byte(`{"main":[]}`), IsActive: true}); err != nil {
		t.Fatal(err)
	}
	if err := c.Portal.UpdateMenus(ctx, &model.PortalMenus{Menus: []byte(`{"main":["Docs"]}`)}); err != nil {
		t.Fatal(err)
	}
	if m, err := c.Portal.Menus(ctx); err != nil || string(m.Menus) != `{"main":["Docs"]}` {
		t.Fatalf("menus read back: %+v, %v", m, err)
	}
	if err := c.Portal.UpdateCatalogue(ctx, nil); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("UpdateCatalogue(nil): %v", err)
	}
}
