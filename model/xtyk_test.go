package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oasdiff/yaml"
)

// xtykShared returns the bytes of a file of the shared reference material, or
// skips the test when the material is absent (a plain clone).
func xtykShared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", rel))
	if os.IsNotExist(err) {
		t.Skipf("reference material ../shared/%s is absent; skipping", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xtykTree decodes JSON into a tree whose numbers keep their text, so that a
// comparison sees 10 and 10.0 or a large integer exactly as written.
func xtykTree(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// xtykRoundTrip decodes raw into XTykAPIGateway, encodes it again and fails
// on any difference between the two JSON trees.
func xtykRoundTrip(t *testing.T, name string, raw []byte) {
	t.Helper()
	var x XTykAPIGateway
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Errorf("%s: decode: %v", name, err)
		return
	}
	out, err := json.Marshal(x)
	if err != nil {
		t.Errorf("%s: encode: %v", name, err)
		return
	}
	if diff := cmp.Diff(xtykTree(t, raw), xtykTree(t, out)); diff != "" {
		t.Errorf("%s: round trip changed the document (-in +out):\n%s", name, diff)
	}
}

// xtykFind collects every x-tyk-api-gateway member of a JSON tree, except
// those that are property declarations of a schema.
func xtykFind(v any, path string, found map[string]any) {
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			p := path + "/" + k
			if k == "x-tyk-api-gateway" && !strings.HasSuffix(path, "/properties") {
				if _, ok := c.(map[string]any); ok {
					found[p] = c
					continue
				}
			}
			xtykFind(c, p, found)
		}
	case []any:
		for i, c := range v {
			xtykFind(c, fmt.Sprintf("%s/%d", path, i), found)
		}
	}
}

func TestXTykRoundTripDashboardExamples(t *testing.T) {
	t.Parallel()
	y := xtykShared(t, "reference/tyk-dashboard/dashboard-api.yml")
	j, err := yaml.YAMLToJSON(y)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]any{}
	xtykFind(xtykTree(t, j), "", found)
	if len(found) == 0 {
		t.Fatal("no x-tyk-api-gateway example found in dashboard-api.yml")
	}
	paths := make([]string, 0, len(found))
	for p := range found {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		raw, err := json.Marshal(found[p])
		if err != nil {
			t.Fatal(err)
		}
		xtykRoundTrip(t, p, raw)
	}
	t.Logf("round-tripped %d x-tyk-api-gateway examples of dashboard-api.yml", len(paths))
}

// TestXTykRoundTripGuide decodes every JSON object of the seed guide and
// round-trips each x-tyk-api-gateway member it holds. The guide as stored
// lost its code blocks, so it may hold none; the count is logged.
func TestXTykRoundTripGuide(t *testing.T) {
	t.Parallel()
	text := xtykShared(t, "seeds/002_488b596f1d28383d.txt")
	found := map[string]any{}
	for i := 0; i < len(text); i++ {
		if text[i] != '{' || (i > 0 && text[i-1] != '\n') {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(text[i:]))
		d.UseNumber()
		var v any
		if d.Decode(&v) != nil {
			continue
		}
		xtykFind(v, fmt.Sprintf("guide@%d", i), found)
	}
	for p, v := range found {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		xtykRoundTrip(t, p, raw)
	}
	t.Logf("round-tripped %d x-tyk-api-gateway objects of the seed guide", len(found))
}

// xtykRich is an extension exercising most of the schema, written the way a
// Dashboard stores it: sparse, with explicit false, zero and empty lists
// where a user set them.
const xtykRich = `{
  "info": {
    "id": "4d1f8b2a9c6e4f0b8a7d3e2c1b0a9f8e",
    "dbId": "65e8c4f4cb71918520ff660d",
    "orgId": "5e9d9544a1dcd60001d0ed20",
    "name": "payments",
    "expiration": "2030-01-02 15:04",
    "state": {"active": true, "internal": false},
    "versioning": {
      "enabled": true, "name": "v1", "default": "self", "location": "header", "key": "x-api-version",
      "versions": [{"name": "v2", "id": "9f8e7d6c5b4a39281706f5e4d3c2b1a0"}],
      "stripVersioningData": false, "fallbackToDefault": true
    }
  },
  "upstream": {
    "url": "http://payments.internal:8080/",
    "serviceDiscovery": {"enabled": false, "queryEndpoint": "http://consul/v1/health", "cache": {"enabled": true, "timeout": 60}, "cacheTimeout": 60},
    "uptimeTests": {"enabled": true, "hostDownRetestPeriod": "10s", "tests": [{"url": "http://payments.internal:8080/health", "method": "GET", "timeout": "2s", "headers": {"X-Check": "1"}, "commands": [{"name": "send", "message": "PING"}]}]},
    "mutualTLS": {"enabled": true, "domainToCertificateMapping": [{"domain": "payments.internal", "certificate": "5e9d9544a1dcd60001d0ed20cert"}]},
    "certificatePinning": {"enabled": false, "domainToPublicKeysMapping": [{"domain": "*.example.com", "publicKeys": ["pk1", "pk2"]}]},
    "rateLimit": {"enabled": true, "rate": 100, "per": "1s"},
    "authentication": {
      "enabled": true,
      "basicAuth": {"enabled": false, "header": {"enabled": true, "name": "Authorization"}, "username": "u", "password": "p"},
      "oauth": {"enabled": true, "allowedAuthorizeTypes": ["clientCredentials"], "clientCredentials": {"clientId": "c", "clientSecret": "s", "tokenUrl": "https://idp/token", "scopes": ["read"]}},
      "requestSigning": {"enabled": false, "signatureHeader": "Signature", "algorithm": "hmac-sha256", "keyId": "k", "headers": ["date"], "secret": "x"}
    },
    "loadBalancing": {"enabled": true, "skipUnavailableHosts": true, "targets": [{"url": "http://a:80", "weight": 3}, {"url": "http://b:80", "weight": 1}]},
    "preserveHostHeader": {"enabled": false},
    "preserveTrailingSlash": {"enabled": true},
    "tlsTransport": {"insecureSkipVerify": false, "ciphers": [], "minVersion": "1.2", "maxVersion": "1.3", "forceCommonNameCheck": true},
    "proxy": {"enabled": false, "url": "http://proxy:3128"},
    "enforceTimeout": {"enabled": true, "duration": "2s"}
  },
  "server": {
    "listenPath": {"value": "/payments/", "strip": true},
    "slug": "payments",
    "authentication": {
      "enabled": true,
      "stripAuthorizationData": true,
      "securitySchemes": {
        "authToken": {"enabled": true, "header": {"enabled": true, "name": "Authorization"}, "query": {"enabled": false, "name": "key"}, "enableClientCertificate": false, "signatureValidation": {"enabled": false, "algorithm": "MasherySHA256", "header": "Signature", "allowedClockSkew": 0}},
        "jwt": {"enabled": true, "header": {"enabled": true, "name": "Authorization"}, "source": "aHR0cHM6Ly9pZHAvLndlbGwta25vd24vandrcy5qc29u", "signingMethod": "rsa", "identityBaseField": "sub", "policyFieldName": "pol", "defaultPolicies": ["p1"], "issuedAtValidationSkew": 0, "notBeforeValidationSkew": 2, "expiresAtValidationSkew": 2, "jwksURIs": [{"url": "https://idp/jwks", "cacheTimeout": "5m"}], "customClaimValidation": {"type": "exact_match", "allowedValues": ["a", 1, true]}},
        "basic": {"enabled": true, "disableCaching": false, "cacheTTL": 60, "extractCredentialsFromBody": {"enabled": true, "userRegexp": "u=(\\w+)", "passwordRegexp": "p=(\\w+)"}},
        "oauth": {"enabled": true, "allowedAuthorizeTypes": ["code", "token"], "refreshToken": true, "authLoginRedirect": "https://login", "notifications": {"sharedSecret": "s", "onKeyChangeUrl": "https://hook"}}
      },
      "hmac": {"enabled": false, "allowedAlgorithms": ["hmac-sha256"], "allowedClockSkew": 1.5},
      "custom": {"enabled": false, "config": {"enabled": false, "functionName": "Auth", "path": "/plugins/auth.so", "idExtractor": {"enabled": true, "source": "header", "with": "value", "config": {"headerName": "X-Id"}}}},
      "customKeyLifetime": {"enabled": true, "value": "1h", "respectValidity": true},
      "securityProcessingMode": "compliant",
      "security": [["authToken"], ["jwt", "basic"]]
    },
    "clientCertificates": {"enabled": false, "allowlist": []},
    "gatewayTags": {"enabled": true, "tags": ["edge", "eu"]},
    "customDomain": {"enabled": true, "name": "api.example.com", "certificates": []},
    "detailedActivityLogs": {"enabled": false},
    "detailedTracing": {"enabled": true},
    "eventHandlers": [
      {"enabled": true, "trigger": "QuotaExceeded", "type": "webhook", "name": "quota", "url": "https://hooks/q", "method": "POST", "cooldownPeriod": "1m", "bodyTemplate": "t.json", "headers": [{"name": "X-A", "value": "1"}]},
      {"enabled": true, "trigger": "AuthFailure", "type": "log", "name": "auth", "logPrefix": "auth-failure"}
    ],
    "contextVariables": {"enabled": true},
    "ipAccessControl": {"enabled": true, "allow": ["10.0.0.0/8"], "block": []},
    "batchProcessing": {"enabled": false},
    "port": 8443,
    "protocol": "https"
  },
  "middleware": {
    "global": {
      "pluginConfig": {"driver": "goplugin", "bundle": {"enabled": false, "path": "bundle.zip"}, "data": {"enabled": true, "value": {"limit": 9007199254740993, "nested": {"a": [1, 2.50]}}}},
      "cors": {"enabled": true, "maxAge": 24, "allowCredentials": false, "exposedHeaders": [], "allowedHeaders": ["Authorization"], "optionsPassthrough": false, "debug": false, "allowedOrigins": ["*"], "allowedMethods": ["GET", "POST"]},
      "prePlugins": [{"enabled": true, "functionName": "Pre", "path": "/plugins/pre.so", "rawBodyOnly": false}],
      "postPlugins": [{"enabled": true, "functionName": "Post", "path": "/plugins/post.so", "requireSession": true}],
      "cache": {"enabled": true, "timeout": 60, "cacheAllSafeRequests": true, "cacheResponseCodes": [200, 404], "cacheByHeaders": [], "enableUpstreamCacheControl": false},
      "transformRequestHeaders": {"enabled": true, "remove": ["X-Internal"], "add": [{"name": "X-Gateway", "value": "tyk"}]},
      "contextVariables": {"enabled": false},
      "ignoreCase": {"enabled": true},
      "trafficLogs": {"enabled": true, "tagHeaders": ["X-Team"], "customRetentionPeriod": "720h", "plugins": [{"enabled": true, "functionName": "Mask", "path": "/plugins/mask.so"}]},
      "requestSizeLimit": {"enabled": true, "value": 1048576},
      "skipRateLimit": false,
      "skipQuota": true
    },
    "operations": {
      "createPayment": {
        "allow": {"enabled": true, "ignoreCase": false},
        "ignoreAuthentication": {"enabled": false},
        "transformRequestMethod": {"enabled": true, "toMethod": "PUT"},
        "transformRequestBody": {"enabled": true, "format": "json", "body": "e30="},
        "validateRequest": {"enabled": true, "errorResponseCode": 422},
        "requestSizeLimit": {"enabled": true, "value": 0},
        "rateLimit": {"enabled": true, "rate": 0.5, "per": "1m"},
        "enforceTimeout": {"enabled": true, "value": 3},
        "circuitBreaker": {"enabled": true, "threshold": 0.5, "sampleSize": 10, "coolDownPeriod": 30, "halfOpenStateEnabled": false},
        "urlRewrite": {"enabled": true, "pattern": "/payments/(.*)", "rewriteTo": "/v2/$1", "triggers": [{"condition": "all", "rewriteTo": "/v3/$1", "rules": [{"in": "header", "name": "X-V", "pattern": "3", "negate": false}, {"in": "requestBody", "pattern": "v3"}]}]},
        "postPlugins": [{"enabled": true, "name": "p", "functionName": "Fn", "path": "/plugins/p.so"}],
        "trackEndpoint": {"enabled": true}
      },
      "getPayment": {
        "block": {"enabled": false},
        "internal": {"enabled": false},
        "cache": {"enabled": true, "cacheResponseCodes": [], "timeout": 0},
        "mockResponse": {"enabled": true, "code": 200, "body": "{}", "headers": [{"name": "Content-Type", "value": "application/json"}], "fromOASExamples": {"enabled": false, "code": 200, "contentType": "application/json", "exampleName": "ok"}},
        "virtualEndpoint": {"enabled": false, "functionName": "handle", "body": "ZnVuY3Rpb24gaGFuZGxlKCl7fQ==", "proxyOnError": false, "requireSession": false},
        "doNotTrackEndpoint": {"enabled": true},
        "transformResponseHeaders": {"enabled": false, "remove": []}
      }
    }
  },
  "errorOverrides": {"enabled": true, "value": {"4XX": [{"match": {"flag": "AMF", "messagePattern": "missing"}, "response": {"statusCode": 401, "body": "{\"error\":\"auth\"}", "headers": {"Content-Type": "application/json"}}}]}}
}`

func TestXTykRoundTripRich(t *testing.T) {
	t.Parallel()
	xtykRoundTrip(t, "rich", []byte(xtykRich))

	// The typed fields are really filled, not only carried as unknown members.
	var x XTykAPIGateway
	if err := json.Unmarshal([]byte(xtykRich), &x); err != nil {
		t.Fatal(err)
	}
	if x.Info.DBID != "65e8c4f4cb71918520ff660d" || !x.Info.State.Active || *x.Info.State.Internal {
		t.Errorf("info: %+v", x.Info)
	}
	if !*x.Server.ListenPath.Strip || x.Server.ListenPath.Value != "/payments/" {
		t.Errorf("listen path: %+v", x.Server.ListenPath)
	}
	if s := x.Server.Authentication.SecuritySchemes["jwt"]; s == nil || s.SigningMethod != "rsa" || len(s.JWKSURIs) != 1 {
		t.Errorf("jwt scheme: %+v", s)
	}
	if op := x.Middleware.Operations["createPayment"]; op == nil || op.RateLimit.Rate != 0.5 || op.URLRewrite.Triggers[0].Rules[1].In != "requestBody" {
		t.Errorf("createPayment: %+v", op)
	}
	if n := len(x.collectExtra()); n != 0 {
		t.Errorf("the rich document left %d members untyped: %v", n, x.collectExtra())
	}
}

// collectExtra lists the paths of every member kept in an Extra below x; a
// document written with the schema's names only should leave none.
func (x XTykAPIGateway) collectExtra() []string {
	var out []string
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if f.Name == "Extra" {
					for k := range v.Field(i).Interface().(Extra) {
						out = append(out, path+"/"+k)
					}
					continue
				}
				walk(v.Field(i), path+"/"+f.Name)
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s/%d", path, i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k), path+"/"+k.String())
			}
		}
	}
	walk(reflect.ValueOf(x), "")
	sort.Strings(out)
	return out
}

// TestXTykEmptyOptionalMembers pins the one place where a round trip is not
// byte-for-byte: an optional string member that is empty, and an optional
// list or object that is null, are written as absent, which the gateway reads
// the same way. Empty lists and objects, false and zero are kept.
func TestXTykEmptyOptionalMembers(t *testing.T) {
	t.Parallel()
	in := `{"info": {"name": "n", "id": "", "state": {"active": false, "internal": false}, "versioning": null},
	  "middleware": {"global": {"cors": null, "cache": {}}},
	  "server": {"listenPath": {"value": "/", "strip": false}, "clientCertificates": {"enabled": false, "allowlist": null},
	    "gatewayTags": {"enabled": false, "tags": null}, "customDomain": {"enabled": false, "name": "", "certificates": []}},
	  "upstream": {"url": ""}}`
	want := `{"info": {"name": "n", "state": {"active": false, "internal": false}},
	  "middleware": {"global": {"cache": {}}},
	  "server": {"listenPath": {"value": "/", "strip": false}, "clientCertificates": {"enabled": false},
	    "gatewayTags": {"enabled": false, "tags": null}, "customDomain": {"enabled": false, "name": "", "certificates": []}},
	  "upstream": {}}`
	var x XTykAPIGateway
	if err := json.Unmarshal([]byte(in), &x); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(xtykTree(t, []byte(want)), xtykTree(t, out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestXTykUnknownMembersSurvive(t *testing.T) {
	t.Parallel()
	in := `{
	  "info": {"name": "n", "state": {"active": true, "futureState": 1}, "futureInfo": {"a": [1, 2]}},
	  "upstream": {"url": "http://u", "futureUpstream": "x", "loadBalancing": {"enabled": false, "futureLB": null}},
	  "server": {"listenPath": {"value": "/", "futureStrip": true}, "futureServer": 12345678901234567890,
	    "authentication": {"enabled": true, "securitySchemes": {"k": {"enabled": true, "futureScheme": {"deep": true}}}}},
	  "middleware": {"futureMiddleware": [], "global": {"futureGlobal": false, "cors": {"enabled": true, "futureCORS": "y"}},
	    "operations": {"op": {"futureOperation": {}, "allow": {"enabled": true, "futureAllow": 0}}}},
	  "futureTop": {"b": "c"}
	}`
	xtykRoundTrip(t, "unknown", []byte(in))

	var x XTykAPIGateway
	if err := json.Unmarshal([]byte(in), &x); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/Info/State/futureState", "/Info/futureInfo",
		"/Middleware/Global/CORS/futureCORS", "/Middleware/Global/futureGlobal",
		"/Middleware/Operations/op/Allow/futureAllow", "/Middleware/Operations/op/futureOperation",
		"/Middleware/futureMiddleware",
		"/Server/Authentication/SecuritySchemes/k/futureScheme", "/Server/ListenPath/futureStrip",
		"/Server/futureServer",
		"/Upstream/LoadBalancing/futureLB", "/Upstream/futureUpstream",
		"/futureTop",
	}
	if diff := cmp.Diff(want, x.collectExtra()); diff != "" {
		t.Errorf("unknown members (-want +got):\n%s", diff)
	}

	// A change to a known field is written out next to the unknown members.
	x.Info.Name = "renamed"
	out, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back["info"]["name"] != "renamed" || back["info"]["futureInfo"] == nil {
		t.Errorf("info after edit: %v", back["info"])
	}
}

// xtykSchemaWalker checks that every property of a JSON Schema (draft-04 of
// the gateway, or the OpenAPI schemas of the Dashboard description) has a
// field, following $ref, anyOf/allOf/oneOf, items, additionalProperties and
// patternProperties into the Go type that holds them.
type xtykSchemaWalker struct {
	resolve func(ref string) map[string]any
	missing map[string]bool
	seen    map[string]bool
}

func (w *xtykSchemaWalker) walk(s map[string]any, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if ref, ok := s["$ref"].(string); ok {
		key := ref + "@" + t.String()
		if w.seen[key] {
			return
		}
		w.seen[key] = true
		w.walk(w.resolve(ref), t, path)
		return
	}
	for _, k := range []string{"anyOf", "allOf", "oneOf"} {
		if alts, ok := s[k].([]any); ok {
			for _, a := range alts {
				if am, ok := a.(map[string]any); ok {
					w.walk(am, t, path)
				}
			}
		}
	}
	switch t.Kind() {
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // json.RawMessage: any JSON
			return
		}
		switch items := s["items"].(type) {
		case map[string]any:
			w.walk(items, t.Elem(), path+"[]")
		case []any:
			for _, it := range items {
				if im, ok := it.(map[string]any); ok {
					w.walk(im, t.Elem(), path+"[]")
				}
			}
		}
	case reflect.Map:
		if ap, ok := s["additionalProperties"].(map[string]any); ok {
			w.walk(ap, t.Elem(), path+"{}")
		}
		if pp, ok := s["patternProperties"].(map[string]any); ok {
			for _, v := range pp {
				if vm, ok := v.(map[string]any); ok {
					w.walk(vm, t.Elem(), path+"{}")
				}
			}
		}
	case reflect.Struct:
		props, _ := s["properties"].(map[string]any)
		fields := xtykFields(t)
		for name, p := range props {
			pm, _ := p.(map[string]any)
			// The Dashboard description renders the gateway's embedded Go
			// struct AuthSources as a property; its members (header, cookie,
			// query) sit on the object itself.
			if name == "AuthSources" {
				w.walk(pm, t, path)
				continue
			}
			ft, ok := fields[name]
			if !ok {
				w.missing[path+"."+name+" (in "+t.Name()+")"] = true
				continue
			}
			if pm != nil {
				w.walk(pm, ft, path+"."+name)
			}
		}
	}
}

// xtykFields maps the JSON names of t's fields to their types.
func xtykFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

func (w *xtykSchemaWalker) report(t *testing.T, what string) {
	t.Helper()
	var names []string
	for n := range w.missing {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Errorf("%s: property without a field: %s", what, n)
	}
}

func TestXTykCoversGatewaySchema(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"x-tyk-api-gateway.json", "x-tyk-api-gateway.strict.json"} {
		var schema map[string]any
		if err := json.Unmarshal(xtykShared(t, "reference/tyk-oas/"+file), &schema); err != nil {
			t.Fatal(err)
		}
		defs := schema["definitions"].(map[string]any)
		w := &xtykSchemaWalker{
			resolve: func(ref string) map[string]any {
				return defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
			},
			missing: map[string]bool{}, seen: map[string]bool{},
		}
		w.walk(schema, reflect.TypeFor[XTykAPIGateway](), "x-tyk-api-gateway")
		w.report(t, file)
		if len(w.seen) < len(defs)/2 {
			t.Errorf("%s: walked only %d references of %d definitions", file, len(w.seen), len(defs))
		}
	}
}

func TestXTykCoversDashboardSchema(t *testing.T) {
	t.Parallel()
	j, err := yaml.YAMLToJSON(xtykShared(t, "reference/tyk-dashboard/dashboard-api.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(j, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc.Components.Schemas
	w := &xtykSchemaWalker{
		resolve: func(ref string) map[string]any {
			return schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		},
		missing: map[string]bool{}, seen: map[string]bool{},
	}
	root := schemas["TykVendorExtension"]["properties"].(map[string]any)["x-tyk-api-gateway"].(map[string]any)
	w.walk(root, reflect.TypeFor[XTykAPIGateway](), "XTykAPIGateway")
	w.report(t, "dashboard-api.yml")
	t.Logf("walked %d schema references of the Dashboard description", len(w.seen))
}
