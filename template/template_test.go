package template_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parse(t testing.TB, s string) *oas.Document {
	t.Helper()
	doc, err := oas.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func compact(t testing.TB, doc *oas.Document) string {
	t.Helper()
	b, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func guideAsset(t testing.TB) model.Asset {
	t.Helper()
	var a model.Asset
	if err := json.Unmarshal(readFile(t, filepath.Join("testdata", "guide", "template.json")), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestGuideExample is the worked example of the Dashboard guide: a template
// with a POST /anything operation limited to 100 bytes and an API-level
// cache, and an imported document with GET /xml. The API made has both
// endpoints, the request size limit, the cache, and the document's server
// after the gateway's URL.
func TestGuideExample(t *testing.T) {
	t.Parallel()
	a := guideAsset(t)
	if err := template.Validate(a); err != nil {
		t.Fatalf("the guide's template is not valid: %v", err)
	}
	tmpl, err := template.Data(a)
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, string(readFile(t, filepath.Join("testdata", "guide", "document.json"))))
	tmplBefore, docBefore := compact(t, tmpl), compact(t, doc)

	api, err := template.Import(tmpl, doc, oas.ImportOptions{GatewayURL: "http://localhost:8080"})
	if err != nil {
		t.Fatal(err)
	}
	want := parse(t, string(readFile(t, filepath.Join("testdata", "guide", "want.json"))))
	if got, w := string(api.JSON()), string(want.JSON()); got != w {
		t.Errorf("the API made from the guide's example:\n%s", cmp.Diff(w, got))
	}
	if err := oas.Validate(api, oas.Strict()); err != nil {
		t.Errorf("the API is not valid: %v", err)
	}
	if compact(t, tmpl) != tmplBefore || compact(t, doc) != docBefore {
		t.Error("the inputs were modified")
	}

	// What the guide points out, one by one.
	checks := map[string]string{
		"/paths/~1xml/get/operationId":                                                 "xmlget",
		"/paths/~1anything/post/operationId":                                           "anythingpost",
		"/x-tyk-api-gateway/middleware/operations/anythingpost/requestSizeLimit/value": "100",
		"/x-tyk-api-gateway/middleware/global/cache/enabled":                           "true",
		"/servers/1/url": "http://httpbin.org",
	}
	for ptr, want := range checks {
		v, ok := api.Get(ptr)
		if got := stringOf(v); !ok || got != want {
			t.Errorf("%s = %v, want %s", ptr, v, want)
		}
	}

	// The same document given with x-tyk-api-gateway is refused by import.
	withExt := doc.Clone()
	withExt.Root().Set(oas.ExtensionKey, oas.NewObject())
	if _, err := template.Import(tmpl, withExt, oas.ImportOptions{}); !errors.Is(err, oas.ErrHasExtension) {
		t.Errorf("import of a document with the extension: %v", err)
	}
}

func stringOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestGuideExampleFullAPI is the guide's second case: a complete Tyk OAS API
// (POST /api/apis/oas with templateID) laid over the same template.
func TestGuideExampleFullAPI(t *testing.T) {
	t.Parallel()
	tmpl, err := template.Data(guideAsset(t))
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, `{
  "openapi": "3.0.3",
  "info": {"title": "example-api", "version": "1.0.0"},
  "servers": [{"url": "http://localhost:8080/example-api/"}],
  "paths": {"/json": {"get": {"operationId": "jsonget", "responses": {"200": {"description": "JSON"}}}}},
  "x-tyk-api-gateway": {
    "info": {"name": "example-api", "state": {"active": true}},
    "upstream": {"url": "http://httpbin.org/"},
    "server": {"listenPath": {"value": "/example-api/", "strip": true}}
  }
}`)
	api, err := template.Merge(tmpl, doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := oas.Validate(api, oas.Strict()); err != nil {
		t.Fatal(err)
	}
	for _, ptr := range []string{"/paths/~1json/get", "/paths/~1anything/post", "/x-tyk-api-gateway/middleware/global/cache", "/x-tyk-api-gateway/middleware/operations/anythingpost/requestSizeLimit"} {
		if _, ok := api.Get(ptr); !ok {
			t.Errorf("missing %s", ptr)
		}
	}
	if v, _ := api.Get("/x-tyk-api-gateway/server/listenPath/value"); v != "/example-api/" {
		t.Errorf("listen path %v", v)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := guideAsset(t)
	tests := []struct {
		name   string
		change func(*model.Asset)
		want   []oas.Problem
	}{
		{name: "the guide's template", change: func(*model.Asset) {}},
		{name: "no data at all", change: func(a *model.Asset) { a.Data = nil }},
		{name: "empty kind is taken as a template", change: func(a *model.Asset) { a.Kind = "" }},
		{
			name:   "no name",
			change: func(a *model.Asset) { a.Name = "" },
			want:   []oas.Problem{{Pointer: "/name", Message: "a template needs a name"}},
		},
		{
			name:   "blank description and wrong kind",
			change: func(a *model.Asset) { a.Description = "  "; a.Kind = "theme" },
			want: []oas.Problem{
				{Pointer: "/kind", Message: `must be "oas-template", not "theme"`},
				{Pointer: "/description", Message: "a template needs a description"},
			},
		},
		{
			name:   "data not an object",
			change: func(a *model.Asset) { a.Data = json.RawMessage(`[1]`) },
			want:   []oas.Problem{{Pointer: "/data", Message: "parse OpenAPI document: the document must be an object, not array"}},
		},
		{
			name: "wrong type inside the extension",
			change: func(a *model.Asset) {
				a.Data = json.RawMessage(`{"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"enabled":"yes"}}}}}`)
			},
			want: []oas.Problem{{Pointer: "/data/x-tyk-api-gateway/middleware/global/cache/enabled", Message: "must be boolean, not string"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := good
			tc.change(&a)
			err := template.Validate(a)
			var got []oas.Problem
			var ve *oas.ValidationError
			if errors.As(err, &ve) {
				got = ve.Problems
			} else if err != nil {
				t.Fatalf("want a *oas.ValidationError, got %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	err := template.ValidateData([]byte(`{"x-tyk-api-gateway":{"info":{"state":{"active":1}}}}`))
	if err == nil || !strings.Contains(err.Error(), "/x-tyk-api-gateway/info/state/active: must be boolean") {
		t.Errorf("ValidateData: %v", err)
	}
}

func TestFromAPI(t *testing.T) {
	t.Parallel()
	api := parse(t, string(readFile(t, filepath.Join("testdata", "guide", "want.json"))))
	if err := api.SetAPIID("source-api"); err != nil {
		t.Fatal(err)
	}
	if err := api.SetDBID("65e8c4f4cb71918520ff660d"); err != nil {
		t.Fatal(err)
	}
	before := compact(t, api)
	a, err := template.FromAPI(api, "From example-api", "Cache and a size limit")
	if err != nil {
		t.Fatal(err)
	}
	if compact(t, api) != before {
		t.Error("FromAPI changed the API")
	}
	if a.Kind != model.AssetKindOASTemplate || a.Name != "From example-api" || a.Description != "Cache and a size limit" || a.ID != "" {
		t.Errorf("asset %+v", a)
	}
	data, err := template.Data(a)
	if err != nil {
		t.Fatal(err)
	}
	if data.APIID() != "" || data.DBID() != "" {
		t.Errorf("the template keeps the source API's ids: %q %q", data.APIID(), data.DBID())
	}
	// Everything else is there: a new API made from it gets the middleware.
	doc := parse(t, `{"openapi":"3.0.3","info":{"title":"other","version":"1"},"servers":[{"url":"http://other"}],"paths":{}}`)
	made, err := template.Import(data, doc, oas.ImportOptions{APIID: "new-api"})
	if err != nil {
		t.Fatal(err)
	}
	if made.APIID() != "new-api" || made.Name() != "example-api" {
		t.Errorf("API made from the template: id %q name %q", made.APIID(), made.Name())
	}
	if _, err := template.FromAPI(api, "", "d"); err == nil {
		t.Error("a template without a name was made")
	}
}

// TestMergeCorpus lays the guide's template under the large real document.
func TestMergeCorpus(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../shared/corpus/github-api.json")
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	doc, err := oas.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := template.Data(guideAsset(t))
	if err != nil {
		t.Fatal(err)
	}
	api, err := template.Import(tmpl, doc, oas.ImportOptions{ListenPath: "/github/"})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := api.Root().Object("paths")
	docPaths, _ := doc.Root().Object("paths")
	if paths.Len() != docPaths.Len()+1 {
		t.Errorf("%d paths, want the corpus's %d and /anything", paths.Len(), docPaths.Len())
	}
	if err := oas.Validate(api, oas.ExtensionOnly(), oas.Strict()); err != nil {
		t.Error(err)
	}
	// The document's part is unchanged.
	pub := oas.PublicExport(api).Clone()
	pubPaths, _ := pub.Root().Object("paths")
	pubPaths.Delete("/anything")
	a, _ := pub.MarshalJSON()
	b, _ := doc.MarshalJSON()
	if !bytes.Equal(a, b) {
		t.Error("merging changed the document's own members")
	}
}
