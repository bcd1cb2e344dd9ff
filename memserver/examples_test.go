package memserver_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
)

// callHeaders is callAs with extra request headers.
func callHeaders(t *testing.T, srv *memserver.Server, secret, method, path string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", secret)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return send(t, req)
}

// TestExamples: the example catalogue lists every example in the shape of
// the description (location, name, shortDescription); each one answers its
// details, its readme on readme=true and on apiDef=true a definition the
// memserver itself accepts (a Tyk OAS document through POST /api/apis/oas,
// a classic one through POST /api/apis). The headers and query parameters
// of the description are checked (400 when they are not what it says),
// an unknown location is 404, and the section is apis.
func TestExamples(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	var list []model.ExampleAPIMetadata
	a := call(t, srv, "GET", "/api/examples", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &list)
	if len(list) < 3 {
		t.Fatalf("the catalogue lists %d examples: %s", len(list), a.Body)
	}
	var sawOAS, sawClassic bool
	for _, e := range list {
		if e.Location == "" || e.Name == "" || e.ShortDescription == "" {
			t.Fatalf("an incomplete entry: %+v", e)
		}
		var d model.DetailedExampleAPIMetadata
		a := call(t, srv, "GET", "/api/examples/"+url.PathEscape(e.Location), nil)
		want(t, a, http.StatusOK)
		a.Into(t, &d)
		if d.Location != e.Location || d.Name != e.Name || d.Description != e.ShortDescription || len(d.Features) == 0 || d.MinVersion == "" {
			t.Fatalf("%s: details %+v do not match the entry %+v", e.Location, d, e)
		}
		if d.Readme != "" || d.APIDefinition != nil || d.OAS != nil {
			t.Fatalf("%s: readme or definition answered unasked: %s", e.Location, a.Body)
		}

		a = call(t, srv, "GET", "/api/examples/"+url.PathEscape(e.Location)+"?readme=true&apiDef=true", nil)
		want(t, a, http.StatusOK)
		d = model.DetailedExampleAPIMetadata{}
		a.Into(t, &d)
		if !strings.HasPrefix(d.Readme, "# ") {
			t.Fatalf("%s: readme %q", e.Location, d.Readme)
		}
		switch {
		case d.OAS != nil && d.APIDefinition == nil:
			sawOAS = true
			doc, err := oas.Parse(d.OAS)
			if err != nil {
				t.Fatalf("%s: %v", e.Location, err)
			}
			if err := oas.Validate(doc); err != nil {
				t.Fatalf("%s: the example's document is not valid: %v", e.Location, err)
			}
			want(t, call(t, srv, "POST", "/api/apis/oas", []byte(d.OAS)), http.StatusOK)
		case d.APIDefinition != nil && d.OAS == nil:
			sawClassic = true
			want(t, call(t, srv, "POST", "/api/apis", map[string]any{"api_definition": d.APIDefinition}), http.StatusOK)
		default:
			t.Fatalf("%s: want exactly one of api_definition and oas: %s", e.Location, a.Body)
		}
	}
	if !sawOAS || !sawClassic {
		t.Fatalf("the catalogue should hold Tyk OAS and classic examples: oas %v, classic %v", sawOAS, sawClassic)
	}
	// The APIs of the examples were created: every example is importable as is.
	var apis model.APIListResponse
	call(t, srv, "GET", "/api/apis?p=-1", nil).Into(t, &apis)
	if len(apis.APIs) != len(list) {
		t.Fatalf("%d examples imported as %d APIs", len(list), len(apis.APIs))
	}

	loc := url.PathEscape(list[0].Location)
	// The default index and repository are this catalogue; explicit false is
	// as good as absent.
	want(t, callHeaders(t, srv, srv.Secret, "GET", "/api/examples", map[string]string{
		"x-tyk-examples-index": "https://raw.githubusercontent.com/TykTechnologies/tyk-examples/main/repository.json"}), http.StatusOK)
	a = callHeaders(t, srv, srv.Secret, "GET", "/api/examples/"+loc+"?readme=false&apiDef=0", map[string]string{
		"x-tyk-repo-url": "https://github.com/TykTechnologies/tyk-examples.git"})
	want(t, a, http.StatusOK)
	if strings.Contains(string(a.Body), `"readme"`) || strings.Contains(string(a.Body), `"oas"`) {
		t.Fatalf("readme=false and apiDef=0 answered them: %s", a.Body)
	}

	// Not found.
	wantError(t, call(t, srv, "GET", "/api/examples/"+url.PathEscape("oas/no-such-example"), nil), http.StatusNotFound, "Example API definition not found.")
	wantError(t, call(t, srv, "GET", "/api/examples/oas", nil), http.StatusBadRequest, "is not <category>/<name>")

	// Bad input: query parameters and headers.
	wantError(t, call(t, srv, "GET", "/api/examples/"+loc+"?readme=yes", nil), http.StatusBadRequest, "readme must be true or false")
	wantError(t, call(t, srv, "GET", "/api/examples/"+loc+"?apiDef=2", nil), http.StatusBadRequest, "apiDef must be true or false")
	wantError(t, call(t, srv, "GET", "/api/examples/"+url.PathEscape("oas/../classic"), nil), http.StatusBadRequest, "Invalid parameters.")
	wantError(t, callHeaders(t, srv, srv.Secret, "GET", "/api/examples", map[string]string{"x-tyk-examples-index": "not a url"}),
		http.StatusBadRequest, "Invalid examples index file or root path.")
	wantError(t, callHeaders(t, srv, srv.Secret, "GET", "/api/examples/"+loc, map[string]string{"x-tyk-repo-url": "ftp://example.com/x.git"}),
		http.StatusBadRequest, "x-tyk-repo-url")
	// Another index is a fetch the memserver does not make.
	wantError(t, callHeaders(t, srv, srv.Secret, "GET", "/api/examples", map[string]string{"x-tyk-examples-index": "https://example.com/repository.json"}),
		http.StatusInternalServerError, "Failed to fetch examples index file.")
	wantError(t, callHeaders(t, srv, srv.Secret, "GET", "/api/examples/"+loc, map[string]string{"x-tyk-examples-index": "https://example.com/repository.json"}),
		http.StatusInternalServerError, "Failed to fetch example API definitions.")

	// Section apis: read is enough, nothing else is.
	_, reader := newUser(t, srv, "examples-reader@example.com", map[string]string{"apis": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/examples", nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/examples/"+loc, nil), http.StatusOK)
	_, other := newUser(t, srv, "examples-other@example.com", map[string]string{"keys": "write"})
	wantError(t, callAs(t, srv, other, "GET", "/api/examples", nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, other, "GET", "/api/examples/"+loc, nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, "", "GET", "/api/examples", nil), http.StatusUnauthorized, "")
}

// TestExamplesClassicDefinition: a classic example's definition decodes as
// the model's APIDefinition whole, nothing lost (every member is a field or
// kept).
func TestExamplesClassicDefinition(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := call(t, srv, "GET", "/api/examples/"+url.PathEscape("classic/header-versions")+"?apiDef=true", nil)
	want(t, a, http.StatusOK)
	var raw struct {
		APIDefinition json.RawMessage `json:"api_definition"`
	}
	a.Into(t, &raw)
	var def model.APIDefinition
	if err := json.Unmarshal(raw.APIDefinition, &def); err != nil {
		t.Fatal(err)
	}
	if def.VersionDefinition.Location != "header" || def.VersionDefinition.Key != "x-api-version" || len(def.VersionData.Versions) != 2 {
		t.Fatalf("not the header-versioned example: %s", raw.APIDefinition)
	}
	if len(def.Extra) != 0 {
		t.Fatalf("members the model does not know: %v", def.Extra)
	}
}
