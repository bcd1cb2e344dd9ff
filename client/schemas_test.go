package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// compileSchema compiles a JSON Schema the Dashboard served, refusing any
// reference outside it.
func compileSchema(t *testing.T, schema json.RawMessage, draft *jsonschema.Draft) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = draft
	c.LoadURL = func(s string) (io.ReadCloser, error) { return nil, errors.New("no remote schema: " + s) }
	if err := c.AddResource("mem://schema.json", bytes.NewReader(schema)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem://schema.json")
	if err != nil {
		t.Fatalf("compile the served schema: %v", err)
	}
	return s
}

func TestSchemas(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	created, err := c.OAS.Create(ctx, tykOAS("Orders", "/orders/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := c.OAS.Get(ctx, created.APIID)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}

	schema, err := c.Schemas.OAS(ctx, "3.0.3")
	if err != nil {
		t.Fatal(err)
	}
	s := compileSchema(t, schema, jsonschema.Draft4)
	if err := s.Validate(doc); err != nil {
		t.Fatalf("the API the Dashboard stored fails its schema: %v", err)
	}
	doc["x-tyk-api-gateway"].(map[string]any)["upstream"] = "not an object"
	if err := s.Validate(doc); err == nil {
		t.Fatal("an upstream that is not an object passes")
	}

	old, err := c.Schemas.DeprecatedOAS(ctx, "")
	if err != nil || !bytes.Equal(old, schema) {
		t.Fatalf("deprecated route: %v", err)
	}
	mcp, err := c.Schemas.MCP(ctx, "")
	if err != nil || !bytes.Equal(mcp, schema) {
		t.Fatalf("MCP schema: %v", err)
	}
	streams, err := c.Schemas.StreamsOAS(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.Schemas.All(ctx, "3.0")
	if err != nil || !bytes.Equal(all.StreamsOAS, streams) || !bytes.Equal(all.OAS, schema) {
		t.Fatalf("all schemas: %v", err)
	}
	compileSchema(t, streams, jsonschema.Draft4)
	v31, err := c.Schemas.OAS(ctx, "3.1")
	if err != nil {
		t.Fatal(err)
	}
	compileSchema(t, v31, jsonschema.Draft2020)

	// A version without a schema: the Dashboard's 500, with the version.
	var apiErr *client.APIError
	if _, err := c.Schemas.OAS(ctx, "4.0"); !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("version 4.0: %v", err)
	}
	// Reading schemas needs read on apis.
	reader := userClient(t, srv, model.UserPermissions{"apis": "read"})
	if _, err := reader.Schemas.StreamsOAS(ctx, ""); err != nil {
		t.Fatalf("apis read: %v", err)
	}
	other := userClient(t, srv, model.UserPermissions{"keys": "write"})
	if _, err := other.Schemas.All(ctx, ""); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("without apis: %v", err)
	}
}
