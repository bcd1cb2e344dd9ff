package oas_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/oas"
)

const referenceDir = "../../shared/reference/tyk-oas"

func readReference(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(referenceDir, name))
	if err != nil {
		t.Skipf("reference schema not available (%v): run from a checkout with ../shared beside it", err)
	}
	return data
}

// baseExtension is a valid x-tyk-api-gateway using much of the schema.
const baseExtension = `{
  "info": {"id": "a1", "dbId": "d1", "orgId": "o1", "name": "pets", "state": {"active": true, "internal": false}},
  "upstream": {"url": "http://pets.internal:8080", "rateLimit": {"enabled": true, "rate": 10, "per": "1s"}},
  "server": {
    "listenPath": {"value": "/pets/", "strip": true},
    "customDomain": {"enabled": true, "name": "pets.example.com"},
    "authentication": {
      "enabled": true,
      "securitySchemes": {
        "key": {"enabled": true, "header": {"enabled": true, "name": "X-Key"}},
        "jwt": {"enabled": true, "header": {"enabled": true, "name": "Authorization"}, "signingMethod": "rsa"}
      },
      "baseIdentityProvider": "auth_token"
    },
    "gatewayTags": {"enabled": true, "tags": ["edge"]}
  },
  "middleware": {
    "global": {
      "cache": {"enabled": true, "timeout": 60, "cacheResponseCodes": [200]},
      "contextVariables": {"enabled": true},
      "trafficLogs": {"enabled": true},
      "cors": {"enabled": true, "allowedOrigins": ["*"]}
    },
    "operations": {
      "listPets": {
        "allow": {"enabled": true},
        "validateRequest": {"enabled": true, "errorResponseCode": 422},
        "mockResponse": {"enabled": false, "fromOASExamples": {"enabled": false}},
        "requestSizeLimit": {"enabled": true, "value": 100}
      }
    }
  }
}`

type extCase struct {
	name string
	// pointer and value change the base; a nil value with del deletes.
	pointer string
	value   any
	del     bool
	// the verdicts expected, normal and strict.
	valid, validStrict bool
}

var extCases = []extCase{
	{name: "base", valid: true, validStrict: true},
	{name: "unknown top-level member", pointer: "/futureFeature", value: map[string]any{"on": true}, valid: true},
	{name: "unknown member in info", pointer: "/info/colour", value: "blue", valid: true},
	{name: "unknown member in an operation", pointer: "/middleware/operations/listPets/teleport", value: map[string]any{"enabled": true}, valid: true},
	{name: "unknown member in a security scheme", pointer: "/server/authentication/securitySchemes/key/extra", value: 1, valid: true},
	{name: "info.name missing", pointer: "/info/name", del: true},
	{name: "info.name blank", pointer: "/info/name", value: " "},
	{name: "info.state missing", pointer: "/info/state", del: true},
	{name: "state.active a string", pointer: "/info/state/active", value: "yes"},
	{name: "upstream missing", pointer: "/upstream", del: true},
	{name: "server missing", pointer: "/server", del: true},
	{name: "listen path a number", pointer: "/server/listenPath/value", value: 5},
	{name: "listen path empty", pointer: "/server/listenPath/value", value: ""},
	{name: "listen path without value", pointer: "/server/listenPath/value", del: true},
	{name: "custom domain without name", pointer: "/server/customDomain/name", del: true},
	{name: "identity provider not in enum", pointer: "/server/authentication/baseIdentityProvider", value: "magic"},
	{name: "cache timeout a string", pointer: "/middleware/global/cache/timeout", value: "60"},
	{name: "request size limit negative", pointer: "/middleware/operations/listPets/requestSizeLimit/value", value: -1},
	{name: "request size limit without value", pointer: "/middleware/operations/listPets/requestSizeLimit/value", del: true},
	{name: "operation not an object", pointer: "/middleware/operations/listPets", value: true},
	{name: "allow without enabled", pointer: "/middleware/operations/listPets/allow", value: map[string]any{}},
	{name: "validate request code a float", pointer: "/middleware/operations/listPets/validateRequest/errorResponseCode", value: 422.5},
	{name: "context variables null", pointer: "/middleware/global/contextVariables", value: nil},
	{name: "integers written as 1.0", pointer: "/middleware/global/cache/timeout", value: json.Number("60.0"), valid: true, validStrict: true},
	{name: "extension an array", pointer: "", value: []any{1}},
}

func extCaseDocument(t *testing.T, c extCase) *oas.Document {
	t.Helper()
	doc := mustParse(t, `{"openapi":"3.0.3","info":{"title":"Pets","version":"1"},"paths":{}}`)
	ext := mustParse(t, baseExtension)
	switch {
	case c.pointer == "" && c.value != nil:
		doc.Root().Set(oas.ExtensionKey, c.value)
		return doc
	case c.del:
		parent, key := splitLast(c.pointer)
		obj, _ := ext.Get(parent)
		obj.(*oas.Object).Delete(key)
	case c.pointer != "":
		if err := ext.Set(c.pointer, c.value); err != nil {
			t.Fatal(err)
		}
	}
	if err := doc.SetExtension(ext.Root()); err != nil {
		t.Fatal(err)
	}
	return doc
}

func splitLast(p string) (string, string) {
	i := strings.LastIndex(p, "/")
	return p[:i], p[i+1:]
}

// TestExtensionSchemaAgreesWithReference validates good and bad extensions
// with the schemas this package maintains and with the gateway's reference
// schemas, in normal and strict modes, and requires the same verdicts.
func TestExtensionSchemaAgreesWithReference(t *testing.T) {
	t.Parallel()
	ref, err := oas.CompileSchema("file:///reference/x-tyk-api-gateway.json", readReference(t, "x-tyk-api-gateway.json"))
	if err != nil {
		t.Fatal(err)
	}
	refStrict, err := oas.CompileSchema("file:///reference/x-tyk-api-gateway.strict.json", readReference(t, "x-tyk-api-gateway.strict.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range extCases {
		t.Run(c.name, func(t *testing.T) {
			doc := extCaseDocument(t, c)
			extJSON, _ := doc.Get("/" + oas.ExtensionKey)
			raw, _ := json.Marshal(extJSON)
			var plain any
			dec := json.NewDecoder(strings.NewReader(string(raw)))
			dec.UseNumber()
			if err := dec.Decode(&plain); err != nil {
				t.Fatal(err)
			}
			for _, mode := range []struct {
				name   string
				opts   []oas.ValidateOption
				ref    interface{ Validate(any) error }
				expect bool
			}{
				{"normal", []oas.ValidateOption{oas.ExtensionOnly()}, ref, c.valid},
				{"strict", []oas.ValidateOption{oas.ExtensionOnly(), oas.Strict()}, refStrict, c.validStrict},
			} {
				ours := oas.Validate(doc, mode.opts...)
				theirs := mode.ref.Validate(plain)
				if (ours == nil) != (theirs == nil) {
					t.Errorf("%s: ours says %v, the reference says %v", mode.name, ours, theirs)
				}
				if (ours == nil) != mode.expect {
					t.Errorf("%s: valid = %v, the case expects %v (%v)", mode.name, ours == nil, mode.expect, ours)
				}
				var ve *oas.ValidationError
				if ours != nil && (!errors.As(ours, &ve) || len(ve.Problems) == 0) {
					t.Errorf("%s: want a *ValidationError with problems, got %#v", mode.name, ours)
				}
				for _, p := range problemsOf(ours) {
					if !strings.HasPrefix(p.Pointer, "/"+oas.ExtensionKey) {
						t.Errorf("%s: problem outside the extension: %v", mode.name, p)
					}
				}
			}
		})
	}
}

func problemsOf(err error) []oas.Problem {
	var ve *oas.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	return nil
}

// TestSchemasDerivedFromReference checks the schemas this package embeds
// against the gateway's: the same schema, less the notes we add.
func TestSchemasDerivedFromReference(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"x-tyk-api-gateway.json", "x-tyk-api-gateway.strict.json", "openapi-3.0.json", "openapi-3.1.json"} {
		ours, err := oas.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		var o, r map[string]any
		if err := json.Unmarshal(ours, &o); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(readReference(t, name), &r); err != nil {
			t.Fatal(err)
		}
		delete(o, "$comment")
		delete(r, "$comment")
		if !reflect.DeepEqual(o, r) {
			t.Errorf("%s has drifted from the reference:\n%s", name, cmp.Diff(r, o))
		}
	}
}

// TestOpenAPISchemaAgreesWithReference validates whole documents with our
// Validate and with the reference OpenAPI meta-schemas.
func TestOpenAPISchemaAgreesWithReference(t *testing.T) {
	t.Parallel()
	ref30, err := oas.CompileSchema("file:///reference/openapi-3.0.json", readReference(t, "openapi-3.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	ref31, err := oas.CompileSchema("file:///reference/openapi-3.1.json", readReference(t, "openapi-3.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]struct {
		doc   string
		valid bool
	}{
		"3.0 minimal":                          {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`, true},
		"3.1 minimal":                          {`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}`, true},
		"3.1 no paths, components or webhooks": {`{"openapi":"3.1.0","info":{"title":"t","version":"1"}}`, false},
		"3.1 webhooks only":                    {`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"webhooks":{}}`, true},
		"3.0 without paths":                    {`{"openapi":"3.0.3","info":{"title":"t","version":"1"}}`, false},
		"3.0 info without title":               {`{"openapi":"3.0.3","info":{"version":"1"},"paths":{}}`, false},
		"3.0 unknown top-level":                {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"extra":1}`, false},
		"3.0 bad path key":                     {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"pets":{}}}`, false},
		"3.0 parameter without in":             {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/p":{"get":{"parameters":[{"name":"a"}],"responses":{"200":{"description":"ok"}}}}}}`, false},
		"3.0 response without description":     {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/p":{"get":{"responses":{"200":{}}}}}}`, false},
		"3.1 bad server":                       {`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"servers":[{"description":"no url"}],"paths":{}}`, false},
		"3.0 with extension":                   {`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-anything":[1]}`, true},
	}
	for name, c := range docs {
		t.Run(name, func(t *testing.T) {
			doc := mustParse(t, c.doc)
			ours := oas.Validate(doc, oas.OptionalExtension())
			var plain any
			dec := json.NewDecoder(strings.NewReader(c.doc))
			dec.UseNumber()
			if err := dec.Decode(&plain); err != nil {
				t.Fatal(err)
			}
			ref := ref30
			if strings.HasPrefix(doc.OpenAPIVersion(), "3.1") {
				ref = ref31
			}
			theirs := ref.Validate(plain)
			if (ours == nil) != (theirs == nil) || (ours == nil) != c.valid {
				t.Errorf("ours: %v; reference: %v; expected valid=%v", ours, theirs, c.valid)
			}
		})
	}
}

// TestValidateReportsEveryProblem checks that a document with several faults
// gets one problem each, with a pointer and a message a person can act on.
func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{
  "openapi": "3.0.3",
  "info": {"version": "1", "colour": "red"},
  "paths": {
    "/pets": {
      "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "objekt"}}}}}},
      "post": {"parameters": [{"name": "q", "in": "body"}], "responses": {"201": {"description": "made"}}},
      "put": {"requestBody": {"$ref": 5}, "responses": {"204": {"description": "done"}}}
    }
  },
  "components": {"securitySchemes": {"key": {"type": "apiKey", "name": "X-Key"}, "odd": {"type": "magic"}}},
  "x-tyk-api-gateway": {
    "info": {"state": {"active": "yes"}},
    "upstream": {},
    "server": {"listenPath": {"value": "/pets/", "strip": "true"}},
    "middleware": {"operations": {"x": {"requestSizeLimit": {"enabled": true, "value": -5}}}}
  }
}`)
	err := oas.Validate(doc)
	want := []oas.Problem{
		// A security scheme's type picks the rules that apply to it.
		{Pointer: "/components/securitySchemes/key/in", Message: "required, but missing"},
		{Pointer: "/components/securitySchemes/odd/type", Message: `value must be one of "apiKey", "http", "oauth2", "openIdConnect"`},
		{Pointer: "/info/colour", Message: "unknown member, not allowed here"},
		{Pointer: "/info/title", Message: "required, but missing"},
		{Pointer: "/paths/~1pets/get/responses/200/content/application~1json/schema/type", Message: `value must be one of "array", "boolean", "integer", "number", "object", "string"`},
		{Pointer: "/paths/~1pets/post/parameters/0", Message: "needs one of: schema, content"},
		{Pointer: "/paths/~1pets/post/parameters/0/in", Message: `value must be one of "path", "query", "header", "cookie"`},
		// With a $ref, what is wrong is the reference.
		{Pointer: "/paths/~1pets/put/requestBody/$ref", Message: "must be string, not number"},
		{Pointer: "/x-tyk-api-gateway/info/name", Message: "required, but missing"},
		{Pointer: "/x-tyk-api-gateway/info/state/active", Message: "must be boolean, not string"},
		{Pointer: "/x-tyk-api-gateway/middleware/operations/x/requestSizeLimit/value", Message: "must be >= 0 but found -5"},
		{Pointer: "/x-tyk-api-gateway/server/listenPath/strip", Message: "must be boolean, not string"},
		{Pointer: "/x-tyk-api-gateway/upstream", Message: "needs at least one of: url, loadBalancing"},
	}
	if diff := cmp.Diff(want, problemsOf(err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s\nerror: %v", diff, err)
	}
}

func TestValidateModes(t *testing.T) {
	t.Parallel()
	plain := mustParse(t, `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`)
	if err := oas.Validate(plain); err == nil || !strings.Contains(err.Error(), "missing x-tyk-api-gateway") {
		t.Errorf("a plain document passed as a Tyk OAS API: %v", err)
	}
	if err := oas.Validate(plain, oas.OptionalExtension()); err != nil {
		t.Errorf("OptionalExtension: %v", err)
	}

	// A template: partial document, extension without its required members.
	tmpl := mustParse(t, `{"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"enabled":true}}}}}`)
	if err := oas.Validate(tmpl, oas.ForTemplate()); err != nil {
		t.Errorf("ForTemplate: %v", err)
	}
	if err := oas.Validate(tmpl, oas.ExtensionOnly()); err == nil {
		t.Error("a template's partial extension passed the full rules")
	}
	// Relaxed is not lax: types still count, and strict still applies.
	bad := mustParse(t, `{"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"enabled":"on"}}}}}`)
	if err := oas.Validate(bad, oas.ForTemplate()); err == nil {
		t.Error("ForTemplate accepted a string for a boolean")
	}
	unknown := mustParse(t, `{"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"enabled":true,"colour":1}}}}}`)
	if err := oas.Validate(unknown, oas.ForTemplate()); err != nil {
		t.Errorf("ForTemplate rejected an unknown member: %v", err)
	}
	if err := oas.Validate(unknown, oas.ForTemplate(), oas.Strict()); err == nil {
		t.Error("ForTemplate with Strict accepted an unknown member")
	}

	for version, want := range map[string]string{"2.0": "unsupported OpenAPI version", "": "unsupported OpenAPI version"} {
		doc := mustParse(t, `{"openapi":"`+version+`","info":{"title":"t","version":"1"},"paths":{}}`)
		if err := oas.Validate(doc, oas.OptionalExtension()); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("openapi %q: %v", version, err)
		}
	}
	if err := oas.Validate(mustParse(t, `{"info":{}}`), oas.OptionalExtension()); err == nil || !strings.Contains(err.Error(), `missing "openapi"`) {
		t.Errorf("no openapi member: %v", err)
	}
}

func TestValidateCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("validates 13 MB")
	}
	doc, err := oas.Parse(readCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := oas.Validate(doc, oas.OptionalExtension()); err != nil {
		t.Fatal(err)
	}
}

// TestRealExtensionsAgreeWithReference validates the extensions of real APIs
// (the guide's example, imports with every option) with our schemas and the
// reference ones.
func TestRealExtensionsAgreeWithReference(t *testing.T) {
	t.Parallel()
	ref, err := oas.CompileSchema("file:///reference/x-tyk-api-gateway.json", readReference(t, "x-tyk-api-gateway.json"))
	if err != nil {
		t.Fatal(err)
	}
	refStrict, err := oas.CompileSchema("file:///reference/x-tyk-api-gateway.strict.json", readReference(t, "x-tyk-api-gateway.strict.json"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*oas.Document{}
	guide, err := os.ReadFile("../template/testdata/guide/want.json")
	if err != nil {
		t.Fatal(err)
	}
	docs["guide"] = mustParse(t, string(guide))
	for name, opts := range map[string]oas.ImportOptions{
		"petstore, defaults": {},
		"petstore, every option": {ListenPath: "/p/", UpstreamURL: "http://u", CustomDomain: "d.example.com", APIID: "id",
			Authentication: new(true), AllowList: new(true), ValidateRequest: new(true), MockResponse: new(true), GatewayURL: "http://gw"},
		"petstore, every option off": {Authentication: new(false), AllowList: new(false), ValidateRequest: new(false), MockResponse: new(false)},
	} {
		api, err := oas.Import(mustParse(t, petstore), opts)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = api
	}
	for name, doc := range docs {
		ext, _ := doc.Get("/" + oas.ExtensionKey)
		raw, _ := json.Marshal(ext)
		var plain any
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		if err := dec.Decode(&plain); err != nil {
			t.Fatal(err)
		}
		if err := ref.Validate(plain); err != nil {
			t.Errorf("%s: the reference schema rejects it: %v", name, err)
		}
		if err := refStrict.Validate(plain); err != nil {
			t.Errorf("%s: the reference strict schema rejects it: %v", name, err)
		}
		if err := oas.Validate(doc, oas.Strict()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
