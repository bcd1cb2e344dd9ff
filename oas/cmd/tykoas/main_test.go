package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/oas"
)

const (
	guideTemplate = "../../../template/testdata/guide/template.json"
	guideDocument = "../../../template/testdata/guide/document.json"
	guideWant     = "../../../template/testdata/guide/want.json"
	corpus        = "../../../../shared/corpus/github-api.json"
)

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestGuideExampleFromTheCommandLine(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "", "import", "-template", guideTemplate, "-gateway", "http://localhost:8080", guideDocument)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile(guideWant)
	if err != nil {
		t.Fatal(err)
	}
	wantDoc, err := oas.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(wantDoc.JSON()) {
		t.Errorf("import with the guide's template:\n%s", out)
	}

	// The same through stdin, as YAML, then validated from stdin.
	doc, _ := os.ReadFile(guideDocument)
	code, yamlOut, errOut := runCmd(t, string(doc), "import", "-template", guideTemplate, "-gateway", "http://localhost:8080", "-o", "yaml")
	if code != 0 || !strings.Contains(yamlOut, "requestSizeLimit:") {
		t.Fatalf("exit %d: %s\n%s", code, errOut, yamlOut)
	}
	code, out, errOut = runCmd(t, yamlOut, "validate", "-strict")
	if code != 0 || out != "<stdin>: valid\n" {
		t.Errorf("validate of the YAML output: exit %d %q %q", code, out, errOut)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "", "validate", "-strict", "testdata/invalid-api.yaml", guideWant)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantErr := `testdata/invalid-api.yaml: /info/title: required, but missing
testdata/invalid-api.yaml: /x-tyk-api-gateway/info/state/active: must be boolean, not string
testdata/invalid-api.yaml: /x-tyk-api-gateway/server/colour: unknown member, not allowed here
`
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant\n%s", errOut, wantErr)
	}
	if out != guideWant+": valid\n" {
		t.Errorf("stdout %q", out)
	}

	if code, _, errOut := runCmd(t, "", "validate", guideDocument); code != 1 || !strings.Contains(errOut, "missing x-tyk-api-gateway") {
		t.Errorf("a plain document as an API: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "validate", "-plain", guideDocument); code != 0 {
		t.Errorf("-plain: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "validate", "-template", guideTemplate); code != 0 {
		t.Errorf("-template on an asset: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, `{"kind":"oas-template","data":{}}`, "validate", "-template"); code != 1 || !strings.Contains(errOut, "/name: a template needs a name") {
		t.Errorf("-template on an asset without a name: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, `{"openapi": }`, "validate"); code != 1 || !strings.Contains(errOut, "<stdin>: parse OpenAPI document: invalid JSON at offset 12") {
		t.Errorf("malformed input: exit %d %s", code, errOut)
	}
}

func TestImportErrors(t *testing.T) {
	t.Parallel()
	code, _, errOut := runCmd(t, `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`, "import")
	if code != 1 || errOut != "<stdin>: /servers: servers object is empty in OAS\n" {
		t.Errorf("exit %d %q", code, errOut)
	}
	code, _, errOut = runCmd(t, `{"x-tyk-api-gateway":{}}`, "import")
	if code != 1 || !strings.Contains(errOut, "The import payload should not contain x-tyk-api-gateway.") {
		t.Errorf("exit %d %q", code, errOut)
	}
	code, _, errOut = runCmd(t, `{"openapi":"3.0.3","servers":[{"url":"http://u"}],"paths":{}}`, "import", "-upstreamURL", "relative")
	if code != 1 || !strings.Contains(errOut, "invalid upstream URL") {
		t.Errorf("exit %d %q", code, errOut)
	}
}

func TestImportFlags(t *testing.T) {
	t.Parallel()
	doc := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"http://u"}],
		"security":[{"k":[]}],"components":{"securitySchemes":{"k":{"type":"apiKey","in":"query","name":"key"}}},
		"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`
	code, out, errOut := runCmd(t, doc, "import", "-listenPath", "/a/", "-apiID", "id1", "-authentication", "-allowList=false", "-customDomain", "a.example.com")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	api, err := oas.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]any{
		"/x-tyk-api-gateway/info/id":                                               "id1",
		"/x-tyk-api-gateway/server/listenPath/value":                               "/a/",
		"/x-tyk-api-gateway/server/authentication/securitySchemes/k/query/enabled": true,
		"/x-tyk-api-gateway/middleware/operations/aGET/allow/enabled":              false,
		"/x-tyk-api-gateway/server/customDomain/name":                              "a.example.com",
	} {
		if got, _ := api.Get(ptr); got != want {
			t.Errorf("%s = %v, want %v", ptr, got, want)
		}
	}
	if _, ok := api.Get("/x-tyk-api-gateway/middleware/operations/aGET/validateRequest"); ok {
		t.Error("validateRequest set without its flag")
	}
}

func TestMergeExportConvert(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "", "merge", "-template", guideTemplate, guideDocument)
	if code != 0 || !strings.Contains(out, `"/anything"`) || !strings.Contains(out, `"/xml"`) {
		t.Errorf("merge: exit %d %s\n%s", code, errOut, out)
	}

	code, out, errOut = runCmd(t, "", "export", guideWant)
	if code != 0 || strings.Contains(out, "x-tyk-api-gateway") || !strings.Contains(out, `"/anything"`) {
		t.Errorf("export: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = runCmd(t, "", "export", "-mode", "full", "-o", "yaml", guideWant)
	if code != 0 || !strings.Contains(out, "x-tyk-api-gateway:") {
		t.Errorf("export -mode full: exit %d\n%s", code, out)
	}

	code, out, errOut = runCmd(t, "", "convert", "-to", "oas", filepath.Join("testdata", "classic.json"))
	if code != 0 {
		t.Fatalf("convert -to oas: exit %d %s", code, errOut)
	}
	api, err := oas.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if api.APIID() != "classic-pets" {
		t.Errorf("converted API id %q", api.APIID())
	}
	code, back, errOut := runCmd(t, out, "convert", "-to", "classic")
	if code != 0 || !strings.Contains(back, `"api_id": "classic-pets"`) || !strings.Contains(back, `"listen_path": "/pets/"`) {
		t.Errorf("convert -to classic: exit %d %s\n%s", code, errOut, back)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"merge", guideDocument},
		{"convert", guideDocument},
		{"convert", "-to", "xml", guideDocument},
		{"export", "-mode", "secret", guideWant},
		{"import", "-o", "xml", guideDocument},
		{"import", "-allowList=maybe", guideDocument},
		{"import", guideDocument, guideDocument},
		{"validate", "-nosuchflag"},
		{"validate", "no/such/file.json"},
	} {
		if code, _, errOut := runCmd(t, "", args...); code != 2 || errOut == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	if code, out, _ := runCmd(t, "", "help"); code != 0 || !strings.Contains(out, "usage: tykoas") {
		t.Errorf("help: exit %d", code)
	}
}

// TestCorpus runs the commands on the large real document.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("13 MB through every command")
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	code, out, errOut := runCmd(t, "", "import", "-listenPath", "/github/", "-allowList", "-template", guideTemplate, "-gateway", "http://localhost:8080", corpus)
	if code != 0 {
		t.Fatalf("import: exit %d %s", code, errOut)
	}
	// The full validation of the corpus has its own test in package oas.
	if code, _, errOut := runCmd(t, out, "validate", "-strict", "-extension-only"); code != 0 {
		t.Fatalf("validate: exit %d %s", code, errOut)
	}
	if code, pub, errOut := runCmd(t, out, "export"); code != 0 || strings.Contains(pub, "x-tyk-api-gateway") {
		t.Fatalf("export: exit %d %s", code, errOut)
	}
}

func TestValidateJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, "", "validate", "-strict", "-json", "testdata/invalid-api.yaml", guideWant)
	if code != 1 || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	var report []struct {
		File     string        `json:"file"`
		Valid    bool          `json:"valid"`
		Problems []oas.Problem `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(report) != 2 || report[0].Valid || len(report[0].Problems) != 3 || !report[1].Valid || report[1].Problems == nil {
		t.Errorf("report: %+v", report)
	}
	if p := report[0].Problems[1]; p.Pointer != "/x-tyk-api-gateway/info/state/active" || p.Message != "must be boolean, not string" {
		t.Errorf("problem %+v", p)
	}
	code, out, _ = runCmd(t, "{", "validate", "-json")
	if code != 1 || !strings.Contains(out, `"pointer": ""`) || !strings.Contains(out, "invalid JSON") {
		t.Errorf("unreadable input: exit %d\n%s", code, out)
	}
}
