package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// TestExamples lists the memserver's example catalogue, reads each example
// with its readme and definition, and creates an API from each definition
// through the client; the headers of ExamplesSource reach the server.
func TestExamples(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	list, err := c.Examples.List(ctx, client.ExamplesSource{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 3 {
		t.Fatalf("%d examples", len(list))
	}
	created := 0
	for _, e := range list {
		d, err := c.Examples.Get(ctx, e.Location, client.ExampleOptions{})
		if err != nil {
			t.Fatalf("%s: %v", e.Location, err)
		}
		if d.Name != e.Name || d.Readme != "" || d.APIDefinition != nil || d.OAS != nil {
			t.Fatalf("%s: %+v", e.Location, d)
		}
		d, err = c.Examples.Get(ctx, e.Location, client.ExampleOptions{Readme: true, APIDefinition: true})
		if err != nil {
			t.Fatal(err)
		}
		if d.Readme == "" {
			t.Fatalf("%s: no readme", e.Location)
		}
		switch {
		case d.OAS != nil:
			if _, err := c.OAS.Create(ctx, d.OAS, nil); err != nil {
				t.Fatalf("%s: create from the example: %v", e.Location, err)
			}
		case d.APIDefinition != nil:
			if _, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{APIDefinition: d.APIDefinition}); err != nil {
				t.Fatalf("%s: create from the example: %v", e.Location, err)
			}
		default:
			t.Fatalf("%s: no definition", e.Location)
		}
		created++
	}
	apis, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(apis.Items) != created {
		t.Fatalf("%d APIs from %d examples", len(apis.Items), created)
	}

	if _, err := c.Examples.Get(ctx, "oas/none-such", client.ExampleOptions{}); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("unknown location: %v", err)
	}
	if _, err := c.Examples.Get(ctx, "", client.ExampleOptions{}); err == nil {
		t.Fatal("an empty location was sent")
	}
	// The source headers are sent: a bad index is the server's 400, another
	// index one it cannot fetch.
	var apiErr *client.APIError
	_, err = c.Examples.List(ctx, client.ExamplesSource{Index: "not a url"})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || !strings.Contains(apiErr.Message, "x-tyk-examples-index") {
		t.Fatalf("bad index: %v", err)
	}
	_, err = c.Examples.Get(ctx, list[0].Location, client.ExampleOptions{ExamplesSource: client.ExamplesSource{RepoURL: "mailto:x"}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || !strings.Contains(apiErr.Message, "x-tyk-repo-url") {
		t.Fatalf("bad repository: %v", err)
	}
	if _, err := c.Examples.List(ctx, client.ExamplesSource{Index: "https://raw.githubusercontent.com/TykTechnologies/tyk-examples/main/repository.json"}); err != nil {
		t.Fatalf("the default index: %v", err)
	}

	// A user without the apis section may not read the catalogue.
	other := userClient(t, srv, model.UserPermissions{"keys": "read"})
	if _, err := other.Examples.List(ctx, client.ExamplesSource{}); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("keys-only user: %v", err)
	}
	reader := userClient(t, srv, model.UserPermissions{"apis": "read"})
	if _, err := reader.Examples.Get(ctx, list[0].Location, client.ExampleOptions{}); err != nil {
		t.Fatalf("apis reader: %v", err)
	}
}
