package memserver_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dashkit/dashkit/model"
)

// compile compiles a served JSON Schema as a client would, without loading
// anything from the network.
func compile(t *testing.T, schema []byte, draft *jsonschema.Draft) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = draft
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		t.Fatalf("the schema refers to %s, outside itself", s)
		return nil, nil
	}
	if err := c.AddResource("mem://schema.json", bytes.NewReader(schema)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("mem://schema.json")
	if err != nil {
		t.Fatalf("the served schema does not compile: %v", err)
	}
	return s
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSchemasValidateRealAPIs(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	// A document the memserver stored, so a valid Tyk OAS API by its own
	// checks: the served schema must accept it.
	_, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Pets", "/pets/")))
	a := call(t, srv, "GET", "/api/apis/oas/"+apiID, nil)
	want(t, a, http.StatusOK)
	stored := decodeAny(t, a.Body)
	broken := decodeAny(t, a.Body)
	// The gateway's schema requires info.name in the extension.
	delete(broken.(map[string]any)["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any), "name")

	var resp model.OASSchemaResponse
	a = call(t, srv, "GET", "/api/schemas/apidefs/oas", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &resp)
	if resp.Status != "Success" || resp.Message != "" || len(resp.Schema) == 0 {
		t.Fatalf("envelope: %.300s", a.Body)
	}
	s := compile(t, resp.Schema, jsonschema.Draft4)
	if err := s.Validate(stored); err != nil {
		t.Fatalf("a stored API fails the served schema: %v", err)
	}
	if err := s.Validate(broken); err == nil || !strings.Contains(err.Error(), "name") {
		t.Fatalf("an extension without info.name passes: %v", err)
	}
	if err := s.Validate(map[string]any{"openapi": "3.0.3"}); err == nil {
		t.Fatal("a document without info and paths passes")
	}

	// The deprecated alias, the version forms of the same minor version and
	// the MCP schema (bare, without the envelope) are the same schema.
	for _, path := range []string{"/api/schema", "/api/schemas/apidefs/oas?oasVersion=3.0.3", "/api/schemas/apidefs/oas?oasVersion=3"} {
		var other model.OASSchemaResponse
		call(t, srv, "GET", path, nil).Into(t, &other)
		if !bytes.Equal(other.Schema, resp.Schema) {
			t.Errorf("%s answers another schema", path)
		}
	}
	a = call(t, srv, "GET", "/api/schemas/apidefs/mcp", nil)
	want(t, a, http.StatusOK)
	if !bytes.Equal(a.Body, resp.Schema) {
		t.Errorf("the MCP schema is not the OAS schema: %.200s", a.Body)
	}

	// pretty indents the same JSON.
	a = call(t, srv, "GET", "/api/schemas/apidefs/oas?pretty=true", nil)
	want(t, a, http.StatusOK)
	var compact bytes.Buffer
	if err := json.Compact(&compact, a.Body); err != nil || !bytes.Contains(a.Body, []byte("\n  \"message\"")) {
		t.Fatalf("not indented JSON: %v %.100s", err, a.Body)
	}
	var pretty model.OASSchemaResponse
	a.Into(t, &pretty)
	if !jsonEqual(pretty.Schema, resp.Schema) {
		t.Error("pretty changes the schema")
	}

	// OpenAPI 3.1: the 2020-12 meta-schema with the same extension.
	var v31 model.OASSchemaResponse
	a = call(t, srv, "GET", "/api/schemas/apidefs/oas?oasVersion=3.1.0", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &v31)
	s31 := compile(t, v31.Schema, jsonschema.Draft2020)
	doc31 := decodeAny(t, mustJSON(t, stored))
	doc31.(map[string]any)["openapi"] = "3.1.0"
	if err := s31.Validate(doc31); err != nil {
		t.Fatalf("a 3.1 API fails the 3.1 schema: %v", err)
	}
	broken31 := decodeAny(t, mustJSON(t, broken))
	broken31.(map[string]any)["openapi"] = "3.1.0"
	if err := s31.Validate(broken31); err == nil {
		t.Fatal("the 3.1 schema does not check the extension")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return bytes.Equal(mustMarshal(x), mustMarshal(y))
}

func mustMarshal(v any) []byte { b, _ := json.Marshal(v); return b }

func TestStreamsSchema(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var resp model.OASSchemaResponse
	a := call(t, srv, "GET", "/api/schemas/apidefs/streams-oas", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &resp)
	s := compile(t, resp.Schema, jsonschema.Draft4)
	doc := tykOAS("Events", "/events/")
	doc["x-tyk-streaming"] = map[string]any{"streams": map[string]any{"default": map[string]any{
		"input": map[string]any{"http_server": map[string]any{"path": "/post"}}, "output": map[string]any{"stdout": map[string]any{}}}}}
	if err := s.Validate(decodeAny(t, mustJSON(t, doc))); err != nil {
		t.Fatalf("a streams API fails: %v", err)
	}
	for name, bad := range map[string]any{
		"no streams":     map[string]any{},
		"streams number": map[string]any{"streams": 5},
		"unknown member": map[string]any{"streams": map[string]any{}, "brokers": 1},
	} {
		doc["x-tyk-streaming"] = bad
		if err := s.Validate(decodeAny(t, mustJSON(t, doc))); err == nil {
			t.Errorf("%s: passes", name)
		}
	}

	// All schemas at once: the same two.
	var all model.AllAPIDefSchemasResponse
	a = call(t, srv, "GET", "/api/schemas/apidefs", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &all)
	var oasResp model.OASSchemaResponse
	call(t, srv, "GET", "/api/schemas/apidefs/oas", nil).Into(t, &oasResp)
	if all.Status != "Success" || !jsonEqual(all.Schemas.StreamsOAS, resp.Schema) || !jsonEqual(all.Schemas.OAS, oasResp.Schema) {
		t.Fatalf("all schemas: %.300s", a.Body)
	}
}

func TestSchemaErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	// The description answers a version without a schema with 500 and
	// "Could not retrieve schema. schema not found for version."; the
	// message here names the version.
	for _, path := range []string{"/api/schema", "/api/schemas/apidefs", "/api/schemas/apidefs/oas", "/api/schemas/apidefs/streams-oas"} {
		wantError(t, call(t, srv, "GET", path+"?oasVersion=4.0", nil), http.StatusInternalServerError, `Could not retrieve schema. schema not found for version "4.0"`)
		wantError(t, call(t, srv, "GET", path+"?oasVersion=three", nil), http.StatusInternalServerError, `malformed version: "three"`)
	}
	wantError(t, call(t, srv, "GET", "/api/schemas/apidefs/mcp?mcpVersion=2.0", nil), http.StatusInternalServerError, `Failed to load MCP schema: schema not found for version "2.0"`)

	// Schemas are part of the APIs section: reading them needs apis read.
	_, reader := newUser(t, srv, "schema-reader@example.com", map[string]string{"apis": "read"})
	_, other := newUser(t, srv, "no-apis@example.com", map[string]string{"keys": "write"})
	for _, path := range []string{"/api/schema", "/api/schemas/apidefs", "/api/schemas/apidefs/oas", "/api/schemas/apidefs/streams-oas", "/api/schemas/apidefs/mcp"} {
		want(t, callAs(t, srv, reader, "GET", path, nil), http.StatusOK)
		wantError(t, callAs(t, srv, other, "GET", path, nil), http.StatusForbidden, "access denied")
		wantError(t, callAs(t, srv, "", "GET", path, nil), http.StatusUnauthorized, "Not authorised")
	}
}
