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

func TestAPIsCRUD(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()

	created := mustCreateAPI(t, c, "Pets #animals", "/pets/")
	if !model.IsObjectID(created.ID) || created.APIID == "" {
		t.Fatalf("created = %+v: want a 24-hex db id and an api_id", created)
	}

	// Get by either id.
	for _, id := range []string{created.ID, created.APIID} {
		api, err := c.APIs.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if api.APIDefinition.APIID != created.APIID || api.APIDefinition.ID != created.ID ||
			api.APIDefinition.Proxy.ListenPath != "/pets/" {
			t.Errorf("Get(%s) = %+v", id, api.APIDefinition)
		}
	}

	// Read, change one field, write back: members this package does not
	// know survive.
	api, err := c.APIs.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	api.APIDefinition.Extra = model.Extra{"x_future_field": json.RawMessage(`{"kept":true}`)}
	api.APIDefinition.Proxy.TargetURL = "http://changed.example.org"
	if err := c.APIs.Update(ctx, created.ID, api); err != nil {
		t.Fatalf("Update: %v", err)
	}
	api, err = c.APIs.Get(ctx, created.APIID)
	if err != nil {
		t.Fatal(err)
	}
	if got := api.APIDefinition.Proxy.TargetURL; got != "http://changed.example.org" {
		t.Errorf("target = %q", got)
	}
	if got := string(api.APIDefinition.Extra["x_future_field"]); got != `{"kept":true}` {
		t.Errorf("unknown member after a round trip = %q", got)
	}

	// Search and categories.
	mustCreateAPI(t, c, "Stores #shops", "/stores/")
	page, err := c.APIs.Search(ctx, "Pets", client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].APIDefinition.APIID != created.APIID {
		t.Errorf("Search(Pets) = %d APIs", len(page.Items))
	}
	page, err = c.APIs.List(ctx, client.ListAPIsOptions{Category: "shops"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].APIDefinition.Proxy.ListenPath != "/stores/" {
		t.Errorf("List(category shops) = %d APIs", len(page.Items))
	}
	cats, err := c.Categories.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int64{}
	for _, cc := range cats {
		names[cc.Name] = cc.Count
	}
	if names["animals"] != 1 || names["shops"] != 1 {
		t.Errorf("categories = %+v", cats)
	}

	if err := c.APIs.Delete(ctx, created.APIID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.APIs.Get(ctx, created.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := c.APIs.Delete(ctx, created.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Delete twice: %v, want ErrNotFound", err)
	}
	if err := c.APIs.Update(ctx, created.ID, api); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Update of a deleted API: %v, want ErrNotFound", err)
	}
}

func TestAPIsInvalid(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	a := mustCreateAPI(t, c, "A", "/a/")
	b := mustCreateAPI(t, c, "B", "/b/")

	// A body whose id is another API's.
	api, err := c.APIs.Get(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.APIs.Update(ctx, a.ID, api); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Update with another API's id: %v, want ErrInvalid", err)
	}
	// No api_definition at all.
	if _, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{}); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Create without a definition: %v, want ErrInvalid", err)
	}
	// The same api_id twice.
	dup := classicAPI("Dup", "/dup/")
	dup.APIDefinition.APIID = a.APIID
	if _, err := c.APIs.Create(ctx, dup); !errors.Is(err, client.ErrConflict) {
		t.Errorf("Create with a taken api_id: %v, want ErrConflict", err)
	}
}

func TestAPIsPermissions(t *testing.T) {
	t.Parallel()
	srv, admin := start(t)
	ctx := context.Background()
	created := mustCreateAPI(t, admin, "Guarded", "/guarded/")

	reader := userClient(t, srv, model.UserPermissions{"apis": model.PermRead})
	if _, err := reader.APIs.Get(ctx, created.ID); err != nil {
		t.Errorf("reader Get: %v", err)
	}
	if _, err := reader.APIs.Create(ctx, classicAPI("No", "/no/")); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Create: %v, want ErrForbidden", err)
	}
	if err := reader.APIs.Delete(ctx, created.ID); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Delete: %v, want ErrForbidden", err)
	}
	denied := userClient(t, srv, model.UserPermissions{"apis": model.PermDeny, "keys": model.PermWrite})
	if _, err := denied.APIs.List(ctx, client.ListAPIsOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("denied List: %v, want ErrForbidden", err)
	}
}

func TestAPIsPagination(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	want := map[string]bool{}
	for i := range 5 {
		created := mustCreateAPI(t, c, fmt.Sprintf("Paged %d", i), fmt.Sprintf("/paged-%d/", i))
		want[created.APIID] = true
	}

	first, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Items) != 2 || first.Page != 1 || first.Pages != 3 || !first.HasNext() {
		t.Errorf("first page: %d items, page %d of %d", len(first.Items), first.Page, first.Pages)
	}
	last, err := c.APIs.List(ctx, client.ListAPIsOptions{ListOptions: client.ListOptions{Page: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(last.Items) != 1 || last.HasNext() {
		t.Errorf("last page: %d items, HasNext %v", len(last.Items), last.HasNext())
	}
	every, err := c.APIs.List(ctx, client.ListAPIsOptions{ListOptions: client.ListOptions{Page: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(every.Items) != 5 {
		t.Errorf("Page -1: %d items, want all 5", len(every.Items))
	}

	got := map[string]bool{}
	for _, api := range collect(t, c.APIs.All(ctx, client.ListAPIsOptions{})) {
		if got[api.APIDefinition.APIID] {
			t.Errorf("All yielded %s twice", api.APIDefinition.APIID)
		}
		got[api.APIDefinition.APIID] = true
	}
	if len(got) != len(want) {
		t.Errorf("All yielded %d APIs, want %d", len(got), len(want))
	}

	// Breaking out of the loop stops the walk.
	n := 0
	for _, err := range c.APIs.All(ctx, client.ListAPIsOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("n = %d", n)
	}
}

func TestAllYieldsTheError(t *testing.T) {
	t.Parallel()
	srv, c := start(t, memserver.WithPageSize(1))
	ctx := context.Background()
	mustCreateAPI(t, c, "One", "/one/")
	mustCreateAPI(t, c, "Two", "/two/")
	// The second page fails.
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis"}, memserver.Fault{Status: 500, Count: 1})
	var errs, items int
	for _, err := range c.APIs.All(ctx, client.ListAPIsOptions{}) {
		if err != nil {
			errs++
			continue
		}
		items++
	}
	if errs != 1 || items != 0 {
		t.Errorf("%d errors and %d items, want the error alone", errs, items)
	}
}
