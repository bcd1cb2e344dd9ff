package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// templateData is a partial Tyk OAS document: what a template holds.
const templateData = `{"x-tyk-api-gateway":{"middleware":{"global":{"cors":{"enabled":true}}}},
 "components":{"securitySchemes":{"key":{"type":"apiKey","in":"header","name":"X-Key"}}}}`

func TestTemplatesCRUD(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()

	created, err := c.Templates.Create(ctx, &model.Asset{ID: "cors-template", Name: "CORS", Description: "CORS on",
		Data: json.RawMessage(templateData)})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID != "cors-template" || !model.IsObjectID(created.MID) {
		t.Errorf("created = %+v", created)
	}
	for _, id := range []string{created.ID, created.MID} {
		got, err := c.Templates.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if got.Name != "CORS" || got.Kind != model.AssetKindOASTemplate {
			t.Errorf("Get(%s) = %+v", id, got)
		}
	}

	generated, err := c.Templates.Create(ctx, &model.Asset{Name: "Gen", Description: "generated id", Data: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if generated.ID == "" {
		t.Error("no generated id")
	}

	if _, err := c.Templates.Create(ctx, &model.Asset{ID: "cors-template", Name: "Again", Description: "d",
		Data: json.RawMessage(`{}`)}); !errors.Is(err, client.ErrConflict) {
		t.Errorf("duplicate id: %v, want ErrConflict", err)
	}
	var apiErr *client.APIError
	_, err = c.Templates.Create(ctx, &model.Asset{Kind: "picture", Name: "P", Description: "d", Data: json.RawMessage(`{}`)})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity || !errors.Is(err, client.ErrInvalid) {
		t.Errorf("wrong kind: %v, want a 422 ErrInvalid", err)
	}
	if _, err := c.Templates.Create(ctx, &model.Asset{Data: json.RawMessage(`{}`)}); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("no name: %v, want ErrInvalid", err)
	}

	got, err := c.Templates.Get(ctx, "cors-template")
	if err != nil {
		t.Fatal(err)
	}
	got.Description = "CORS for every API"
	if err := c.Templates.Update(ctx, "cors-template", got); err != nil {
		t.Fatalf("Update: %v", err)
	}
	page, err := c.Templates.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 || page.HasNext() {
		t.Errorf("List: %d templates", len(page.Items))
	}
	if n := len(collect(t, c.Templates.All(ctx))); n != 2 {
		t.Errorf("All: %d templates", n)
	}

	if err := c.Templates.Delete(ctx, "cors-template"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Templates.Get(ctx, "cors-template"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := c.Templates.Update(ctx, "cors-template", got); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Update after Delete: %v, want ErrNotFound", err)
	}
}

func TestTemplatesPermissions(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	ctx := context.Background()
	denied := userClient(t, srv, model.UserPermissions{"apis": model.PermWrite, "assets": model.PermDeny})
	if _, err := denied.Templates.List(ctx); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("List: %v, want ErrForbidden", err)
	}
	reader := userClient(t, srv, model.UserPermissions{"assets": model.PermRead})
	if _, err := reader.Templates.Create(ctx, &model.Asset{Name: "n", Description: "d", Data: json.RawMessage(`{}`)}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Create: %v, want ErrForbidden", err)
	}
}
