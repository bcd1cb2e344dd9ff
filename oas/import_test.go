package oas_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/oas"
)

// petstore is a plain document with most of what import looks at.
const petstore = `{
  "openapi": "3.0.3",
  "info": {"title": "Petstore", "version": "1.0.0"},
  "servers": [
    {"url": "https://{env}.pets.example.com:{port}/v1", "variables": {"env": {"default": "api", "enum": ["api", "staging"]}, "port": {"default": "8443"}}},
    {"url": "https://backup.pets.example.com/v1"}
  ],
  "security": [{"api_key": [], "jwt": []}],
  "components": {
    "securitySchemes": {
      "api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
      "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
      "basic": {"type": "http", "scheme": "basic"},
      "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {}}}},
      "cookie": {"type": "apiKey", "in": "cookie", "name": "session"},
      "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration"}
    }
  },
  "paths": {
    "/pets": {
      "get": {
        "operationId": "listPets",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "pets", "content": {"application/json": {"schema": {"type": "array"}}}}}
      },
      "post": {
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"201": {"description": "made"}}
      }
    },
    "/pets/{id}": {
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "delete": {"responses": {"204": {"description": "gone"}}}
    },
    "/health": {
      "get": {"responses": {"200": {"description": "ok", "content": {"text/plain": {"example": "ok"}}}}},
      "put": {"requestBody": {"content": {"text/plain": {}}}, "responses": {"200": {"description": "ok"}}}
    }
  }
}`

func importPetstore(t *testing.T, opts oas.ImportOptions) *oas.Document {
	t.Helper()
	doc := mustParse(t, petstore)
	before := compact(t, doc)
	api, err := oas.Import(doc, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if compact(t, doc) != before {
		t.Fatal("Import changed its input")
	}
	if err := oas.Validate(api, oas.Strict()); err != nil {
		t.Fatalf("the imported API is not valid: %v", err)
	}
	return api
}

func get(t *testing.T, doc *oas.Document, pointer string) string {
	t.Helper()
	v, ok := doc.Get(pointer)
	if !ok {
		return "<missing>"
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := oas.NewObject(oas.Member{Key: "v", Value: v}).MarshalJSON()
	return strings.TrimSuffix(strings.TrimPrefix(string(b), `{"v":`), "}")
}

func TestImportDefaults(t *testing.T) {
	t.Parallel()
	api := importPetstore(t, oas.ImportOptions{})
	want := map[string]string{
		"/x-tyk-api-gateway/info/name":                                  "Petstore",
		"/x-tyk-api-gateway/info/id":                                    "<missing>",
		"/x-tyk-api-gateway/info/state":                                 `{"active":true,"internal":false}`,
		"/x-tyk-api-gateway/server/listenPath":                          `{"value":"/","strip":true}`,
		"/x-tyk-api-gateway/upstream/url":                               "https://api.pets.example.com:8443/v1",
		"/x-tyk-api-gateway/middleware/global/contextVariables/enabled": "true",
		"/x-tyk-api-gateway/middleware/global/trafficLogs/enabled":      "true",
		"/x-tyk-api-gateway/server/authentication":                      "<missing>",
		"/x-tyk-api-gateway/middleware/operations":                      "<missing>",
		"/x-tyk-api-gateway/server/customDomain":                        "<missing>",
		// Without a gateway URL, servers stay as they were.
		"/servers/0/url": "https://{env}.pets.example.com:{port}/v1",
	}
	for ptr, w := range want {
		if got := get(t, api, ptr); got != w {
			t.Errorf("%s = %s, want %s", ptr, got, w)
		}
	}
	ext, _ := api.Extension()
	if diff := cmp.Diff([]string{"info", "upstream", "server", "middleware"}, ext.Keys()); diff != "" {
		t.Errorf("extension members (-want +got):\n%s", diff)
	}
}

func TestImportOptions(t *testing.T) {
	t.Parallel()
	api := importPetstore(t, oas.ImportOptions{
		ListenPath:   "/pets/",
		UpstreamURL:  "http://pets.internal:8080",
		CustomDomain: "pets.example.com",
		APIID:        "my-api-id",
		GatewayURL:   "https://gw.example.com:8080",
	})
	want := map[string]string{
		"/x-tyk-api-gateway/info/id":               "my-api-id",
		"/x-tyk-api-gateway/server/listenPath":     `{"value":"/pets/","strip":true}`,
		"/x-tyk-api-gateway/upstream/url":          "http://pets.internal:8080",
		"/x-tyk-api-gateway/server/customDomain":   `{"enabled":true,"name":"pets.example.com"}`,
		"/servers/0":                               `{"url":"https://pets.example.com/pets/"}`,
		"/servers/1/url":                           "https://{env}.pets.example.com:{port}/v1",
		"/servers/2/url":                           "https://backup.pets.example.com/v1",
		"/servers/3":                               "<missing>",
		"/x-tyk-api-gateway/server/authentication": "<missing>",
	}
	for ptr, w := range want {
		if got := get(t, api, ptr); got != w {
			t.Errorf("%s = %s, want %s", ptr, got, w)
		}
	}

	// Importing again over the result does not add the gateway twice.
	again, err := oas.ApplyImportDefaults(api, oas.ImportOptions{GatewayURL: "https://gw.example.com:8080"})
	if err != nil {
		t.Fatal(err)
	}
	servers, _ := again.Root().Array("servers")
	if len(servers) != 3 {
		t.Errorf("servers after a second import: %s", get(t, again, "/servers"))
	}
	// Existing settings are kept where no option overrides them.
	if got := get(t, again, "/x-tyk-api-gateway/server/listenPath/value"); got != "/pets/" {
		t.Errorf("listen path after a second import: %s", got)
	}
	if got := get(t, again, "/x-tyk-api-gateway/upstream/url"); got != "http://pets.internal:8080" {
		t.Errorf("upstream after a second import: %s", got)
	}
}

func TestImportAuthentication(t *testing.T) {
	t.Parallel()
	for _, enable := range []bool{true, false} {
		api := importPetstore(t, oas.ImportOptions{Authentication: &enable})
		on := "true"
		if !enable {
			on = "false"
		}
		want := map[string]string{
			"/x-tyk-api-gateway/server/authentication/enabled":                        on,
			"/x-tyk-api-gateway/server/authentication/securitySchemes/api_key":        `{"enabled":` + on + `,"header":{"enabled":true}}`,
			"/x-tyk-api-gateway/server/authentication/securitySchemes/jwt":            `{"enabled":` + on + `,"header":{"enabled":true,"name":"Authorization"}}`,
			"/x-tyk-api-gateway/server/authentication/baseIdentityProvider":           "auth_token",
			"/x-tyk-api-gateway/server/authentication/securitySchemes/basic":          "<missing>",
			"/x-tyk-api-gateway/server/authentication/securitySchemes/oauth":          "<missing>",
			"/x-tyk-api-gateway/server/authentication/securitySchemes/api_key/cookie": "<missing>",
		}
		for ptr, w := range want {
			if got := get(t, api, ptr); got != w {
				t.Errorf("enable=%v: %s = %s, want %s", enable, ptr, got, w)
			}
		}
	}

	// One scheme of each kind, one at a time.
	schemes := map[string]string{
		"basic":  `{"enabled":true,"header":{"enabled":true,"name":"Authorization"}}`,
		"oauth":  `{"enabled":true,"header":{"enabled":true,"name":"Authorization"}}`,
		"cookie": `{"enabled":true,"cookie":{"enabled":true}}`,
	}
	for name, want := range schemes {
		doc := mustParse(t, petstore)
		doc.Root().Set("security", []any{oas.NewObject(oas.Member{Key: name, Value: []any{}})})
		api, err := oas.Import(doc, oas.ImportOptions{Authentication: new(true)})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := get(t, api, "/x-tyk-api-gateway/server/authentication/securitySchemes/"+name); got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
		if got := get(t, api, "/x-tyk-api-gateway/server/authentication/baseIdentityProvider"); got != "<missing>" {
			t.Errorf("%s: one scheme needs no base identity provider, got %s", name, got)
		}
	}
}

func TestImportOperations(t *testing.T) {
	t.Parallel()
	api := importPetstore(t, oas.ImportOptions{AllowList: new(true), ValidateRequest: new(true), MockResponse: new(true)})
	ops, _ := api.Get("/x-tyk-api-gateway/middleware/operations")
	got := map[string]string{}
	for key, v := range ops.(*oas.Object).All() {
		b, _ := v.(*oas.Object).MarshalJSON()
		got[key] = string(b)
	}
	allow := `"allow":{"enabled":true}`
	validate := `"validateRequest":{"enabled":true,"errorResponseCode":422}`
	mock := `"mockResponse":{"enabled":true,"fromOASExamples":{"enabled":true}}`
	want := map[string]string{
		// operationId when there is one, else path less "/" and METHOD.
		"listPets":        "{" + allow + "," + validate + "," + mock + "}", // parameters, schema
		"petsPOST":        "{" + allow + "," + validate + "}",              // JSON body, no response content
		"pets/{id}DELETE": "{" + allow + "," + validate + "}",              // path-level parameter
		"healthGET":       "{" + allow + "," + mock + "}",                  // example, no parameters
		"healthPUT":       "{" + allow + "}",                               // a body, but not JSON
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}

	off := importPetstore(t, oas.ImportOptions{AllowList: new(false)})
	if got := get(t, off, "/x-tyk-api-gateway/middleware/operations/listPets"); got != `{"allow":{"enabled":false}}` {
		t.Errorf("allowList=false: %s", got)
	}
}

func TestImportPrunesOperationsGoneFromPaths(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, petstore)
	api, err := oas.Import(doc, oas.ImportOptions{AllowList: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := api.Root().Object("paths")
	paths.Delete("/health")
	if err := api.Set("/x-tyk-api-gateway/middleware/operations/listPets/requestSizeLimit", map[string]any{"enabled": true, "value": 10}); err != nil {
		t.Fatal(err)
	}
	again, err := oas.ApplyImportDefaults(api, oas.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ops, _ := again.Get("/x-tyk-api-gateway/middleware/operations")
	if diff := cmp.Diff([]string{"listPets", "petsPOST", "pets/{id}DELETE"}, ops.(*oas.Object).Keys()); diff != "" {
		t.Errorf("operations kept (-want +got):\n%s", diff)
	}
	if got := get(t, again, "/x-tyk-api-gateway/middleware/operations/listPets/requestSizeLimit/value"); got != "10" {
		t.Errorf("the settings of a kept operation changed: %s", got)
	}
}

func TestImportErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(*oas.Document)
		opts    oas.ImportOptions
		want    error
		pointer string
		message string
	}{
		{
			name:    "extension in the payload",
			change:  func(d *oas.Document) { d.Root().Set("x-tyk-api-gateway", oas.NewObject()) },
			want:    oas.ErrHasExtension,
			pointer: "/x-tyk-api-gateway",
			message: "The import payload should not contain x-tyk-api-gateway.",
		},
		{
			name:    "no servers",
			change:  func(d *oas.Document) { d.Root().Delete("servers") },
			want:    oas.ErrEmptyServers,
			pointer: "/servers",
			message: "servers object is empty in OAS",
		},
		{
			name:    "empty servers",
			change:  func(d *oas.Document) { d.Root().Set("servers", []any{}) },
			want:    oas.ErrEmptyServers,
			pointer: "/servers",
			message: "servers object is empty in OAS",
		},
		{
			name: "relative server",
			change: func(d *oas.Document) {
				d.Root().Set("servers", []any{oas.NewObject(oas.Member{Key: "url", Value: "/v1"})})
			},
			want:    oas.ErrRelativeUpstream,
			pointer: "/servers/0/url",
			message: `error validating servers entry in OAS: Please update "/v1" to be a valid url or pass a valid url with upstreamURL query param`,
		},
		{
			name:    "relative upstream option",
			opts:    oas.ImportOptions{UpstreamURL: "pets.internal"},
			want:    oas.ErrRelativeUpstream,
			message: `invalid upstream URL: "pets.internal" is not an absolute URL`,
		},
		{
			name:    "no security",
			change:  func(d *oas.Document) { d.Root().Delete("security") },
			opts:    oas.ImportOptions{Authentication: new(true)},
			want:    oas.ErrEmptySecurity,
			pointer: "/security",
			message: "security object is empty in OAS",
		},
		{
			name:    "no security, authentication off",
			change:  func(d *oas.Document) { d.Root().Set("security", []any{}) },
			opts:    oas.ImportOptions{Authentication: new(false)},
			want:    oas.ErrEmptySecurity,
			pointer: "/security",
			message: "security object is empty in OAS",
		},
		{
			name: "openIdConnect",
			change: func(d *oas.Document) {
				d.Root().Set("security", []any{oas.NewObject(oas.Member{Key: "oidc", Value: []any{}})})
			},
			opts:    oas.ImportOptions{Authentication: new(true)},
			want:    oas.ErrUnsupportedSecurity,
			pointer: "/components/securitySchemes/oidc",
			message: "unsupported security scheme: oidc",
		},
		{
			name: "scheme not defined",
			change: func(d *oas.Document) {
				d.Root().Set("security", []any{oas.NewObject(oas.Member{Key: "ghost", Value: []any{}})})
			},
			opts:    oas.ImportOptions{Authentication: new(true)},
			want:    oas.ErrUnsupportedSecurity,
			pointer: "/security/0/ghost",
			message: "unsupported security scheme: ghost (no such scheme in components.securitySchemes)",
		},
		{
			name:    "relative gateway URL",
			opts:    oas.ImportOptions{GatewayURL: "gw:8080"},
			want:    oas.ErrRelativeUpstream,
			message: `invalid gateway URL "gw:8080": it must be absolute`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, petstore)
			if tc.change != nil {
				tc.change(doc)
			}
			_, err := oas.Import(doc, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var ie *oas.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("want an *ImportError, got %T", err)
			}
			if ie.Pointer != tc.pointer || err.Error() != tc.message {
				t.Errorf("got pointer %q message %q\nwant pointer %q message %q", ie.Pointer, err.Error(), tc.pointer, tc.message)
			}
		})
	}
}

// TestImportCorpus imports the large real document with every option.
func TestImportCorpus(t *testing.T) {
	t.Parallel()
	doc, err := oas.Parse(readCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	api, err := oas.Import(doc, oas.ImportOptions{ListenPath: "/github/", AllowList: new(true), ValidateRequest: new(true), MockResponse: new(true), GatewayURL: "http://localhost:8080"})
	if err != nil {
		t.Fatal(err)
	}
	if err := oas.Validate(api, oas.ExtensionOnly(), oas.Strict()); err != nil {
		t.Fatal(err)
	}
	ops, _ := api.Get("/x-tyk-api-gateway/middleware/operations")
	if n := ops.(*oas.Object).Len(); n != 1223 {
		t.Errorf("%d operations configured, the corpus has 1,223", n)
	}
	if got := get(t, api, "/servers/0/url"); got != "http://localhost:8080/github/" {
		t.Errorf("first server %s", got)
	}
	if got := get(t, api, "/x-tyk-api-gateway/upstream/url"); got != "https://api.github.com" {
		t.Errorf("upstream %s", got)
	}
}

func TestImportOptionsFromQuery(t *testing.T) {
	t.Parallel()
	q, err := url.ParseQuery("listenPath=%20/pets/%20&upstreamURL=http://u&customDomain=d.example.com&apiID=id1" +
		"&authentication=true&allowList=0&validateRequest=maybe&templateID=t1")
	if err != nil {
		t.Fatal(err)
	}
	got := oas.ImportOptionsFromQuery(q)
	want := oas.ImportOptions{
		ListenPath: "/pets/", UpstreamURL: "http://u", CustomDomain: "d.example.com", APIID: "id1",
		Authentication: new(true), AllowList: new(false),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestImportOperationsFollowReferences(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{
  "openapi": "3.0.3",
  "info": {"title": "Refs", "version": "1"},
  "servers": [{"url": "http://u"}],
  "paths": {
    "/orders": {
      "post": {"operationId": "createOrder", "requestBody": {"$ref": "#/components/requestBodies/Order"}, "responses": {"201": {"$ref": "#/components/responses/Made"}}},
      "put": {"operationId": "replaceOrder", "requestBody": {"$ref": "#/components/requestBodies/Text"}, "responses": {"204": {"$ref": "#/components/responses/Nothing"}}},
      "patch": {"operationId": "patchOrder", "requestBody": {"content": {"application/json; charset=utf-8": {}}}, "responses": {"200": {"$ref": "#/components/responses/Missing"}}},
      "delete": {"operationId": "deleteOrder", "requestBody": {"content": {"*/*": {}}}, "responses": {"204": {"description": "gone"}}}
    }
  },
  "components": {
    "requestBodies": {
      "Order": {"content": {"application/json": {"schema": {"type": "object"}}}},
      "Text": {"content": {"text/plain": {}}}
    },
    "responses": {
      "Made": {"description": "made", "content": {"application/json": {"example": {"id": 1}}}},
      "Nothing": {"description": "nothing"}
    }
  }
}`)
	api, err := oas.Import(doc, oas.ImportOptions{ValidateRequest: new(true), MockResponse: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	ops, _ := api.Get("/x-tyk-api-gateway/middleware/operations")
	got := map[string]string{}
	for key, v := range ops.(*oas.Object).All() {
		b, _ := v.(*oas.Object).MarshalJSON()
		got[key] = string(b)
	}
	validate := `"validateRequest":{"enabled":true,"errorResponseCode":422}`
	mock := `"mockResponse":{"enabled":true,"fromOASExamples":{"enabled":true}}`
	want := map[string]string{
		"createOrder": "{" + validate + "," + mock + "}", // both through references
		"deleteOrder": "{" + validate + "}",              // */* stands for JSON
		// replaceOrder: a text body and a response with nothing to mock from;
		// patchOrder: the gateway looks for application/json itself, and the
		// response reference leads nowhere.
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
}

func TestImportAllowListUnblocks(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, petstore)
	api, err := oas.Import(doc, oas.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := api.Set("/x-tyk-api-gateway/middleware/operations/listPets/block", map[string]any{"enabled": true}); err != nil {
		t.Fatal(err)
	}
	again, err := oas.ApplyImportDefaults(api, oas.ImportOptions{AllowList: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, again, "/x-tyk-api-gateway/middleware/operations/listPets"); got != `{"block":{"enabled":false},"allow":{"enabled":true}}` {
		t.Errorf("allow list over a blocked operation: %s", got)
	}
}

func TestImportAuthenticationKeepsSettings(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, petstore)
	doc.Root().Set("security", []any{oas.NewObject(
		oas.Member{Key: "jwt", Value: []any{}},
		oas.Member{Key: "basic", Value: []any{}},
	)})
	// As a template would have it: the JWT scheme's own settings.
	if err := doc.Set("/x-tyk-api-gateway/server/authentication/securitySchemes/jwt", map[string]any{
		"enabled": false, "signingMethod": "rsa", "header": map[string]any{"enabled": false, "name": "X-Old"},
	}); err != nil {
		t.Fatal(err)
	}
	api, err := oas.ApplyImportDefaults(doc, oas.ImportOptions{Authentication: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"/x-tyk-api-gateway/server/authentication/securitySchemes/jwt":   `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},"signingMethod":"rsa"}`,
		"/x-tyk-api-gateway/server/authentication/securitySchemes/basic": `{"enabled":true,"header":{"enabled":true,"name":"Authorization"}}`,
		"/x-tyk-api-gateway/server/authentication/baseIdentityProvider":  "jwt_claim",
	}
	for ptr, w := range want {
		if got := get(t, api, ptr); got != w {
			t.Errorf("%s = %s, want %s", ptr, got, w)
		}
	}

	doc.Root().Set("security", []any{oas.NewObject(oas.Member{Key: "oauth", Value: []any{}}, oas.Member{Key: "basic", Value: []any{}})})
	doc.DeleteExtension()
	api, err = oas.Import(doc, oas.ImportOptions{Authentication: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, api, "/x-tyk-api-gateway/server/authentication/baseIdentityProvider"); got != "oauth_key" {
		t.Errorf("oauth and basic: base identity provider %s", got)
	}
}
