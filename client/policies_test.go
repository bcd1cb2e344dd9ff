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
)

func TestPoliciesCRUD(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "Policy target", "/target/")

	id, err := c.Policies.Create(ctx, &model.Policy{Name: "Silver", Active: true, Rate: 10, Per: 1,
		QuotaMax: 1000, AccessRights: rights(api)})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !model.IsObjectID(id) {
		t.Fatalf("Create returned %q, want a database id", id)
	}
	p, err := c.Policies.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Silver" || p.MID != id || p.QuotaMax != 1000 {
		t.Errorf("Get = %+v", p)
	}

	// Read-modify-write keeps unknown members.
	p.Extra = model.Extra{"x_future": json.RawMessage(`[1,2]`)}
	p.Rate = 20
	if err := c.Policies.Update(ctx, id, p); err != nil {
		t.Fatalf("Update: %v", err)
	}
	p, err = c.Policies.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Rate != 20 || string(p.Extra["x_future"]) != `[1,2]` {
		t.Errorf("after update: rate %v, extra %v", p.Rate, p.Extra)
	}

	// A custom id reaches the policy too.
	customID, err := c.Policies.Create(ctx, &model.Policy{ID: "bronze", Name: "Bronze", Active: true, AccessRights: rights(api)})
	if err != nil {
		t.Fatal(err)
	}
	byCustom, err := c.Policies.Get(ctx, "bronze")
	if err != nil {
		t.Fatalf("Get by custom id: %v", err)
	}
	if byCustom.MID != customID {
		t.Errorf("Get(bronze)._id = %q, want %q", byCustom.MID, customID)
	}

	found, err := c.Policies.Search(ctx, client.SearchPoliciesOptions{Query: "Silv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Items) != 1 || found.Items[0].MID != id {
		t.Errorf("Search(Silv) = %d policies", len(found.Items))
	}

	if err := c.Policies.Delete(ctx, id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// A missing policy must be a 404: clients re-create on it.
	_, err = c.Policies.Get(ctx, id)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want a 404", err)
	}
	if err := c.Policies.Update(ctx, id, p); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Update of a deleted policy: %v, want ErrNotFound", err)
	}
	if err := c.Policies.Delete(ctx, id); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Delete twice: %v, want ErrNotFound", err)
	}
}

func TestPoliciesPermissionsAndInvalid(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	id, err := c.Policies.Create(ctx, &model.Policy{Name: "P", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	reader := userClient(t, srv, model.UserPermissions{"policies": model.PermRead})
	if _, err := reader.Policies.Get(ctx, id); err != nil {
		t.Errorf("reader Get: %v", err)
	}
	if _, err := reader.Policies.Create(ctx, &model.Policy{Name: "No"}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Create: %v, want ErrForbidden", err)
	}
	if err := reader.Policies.Delete(ctx, id); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Delete: %v, want ErrForbidden", err)
	}
	// A body whose _id is another policy's.
	other, err := c.Policies.Create(ctx, &model.Policy{Name: "Other", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Policies.Get(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Policies.Update(ctx, id, p); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Update with another policy's _id: %v, want ErrInvalid", err)
	}
}

func TestPoliciesPagination(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	for i := range 5 {
		if _, err := c.Policies.Create(ctx, &model.Policy{Name: fmt.Sprintf("P%d", i), Active: i%2 == 0}); err != nil {
			t.Fatal(err)
		}
	}
	first, err := c.Policies.List(ctx, client.ListPoliciesOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Items) != 2 || first.Pages != 3 {
		t.Errorf("first page: %d of %d pages", len(first.Items), first.Pages)
	}
	if n := len(collect(t, c.Policies.All(ctx, client.ListPoliciesOptions{}))); n != 5 {
		t.Errorf("All: %d policies, want 5", n)
	}
	if n := len(collect(t, c.Policies.SearchAll(ctx, client.SearchPoliciesOptions{Query: "P"}))); n != 5 {
		t.Errorf("SearchAll: %d policies, want 5", n)
	}
}
