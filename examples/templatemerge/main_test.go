package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"encoding/json"

	"github.com/dashkit/dashkit/oas"
)

func TestRunGuideExample(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, nil); err != nil {
		t.Fatal(err)
	}
	api, err := oas.Parse(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]any{
		"/paths/~1xml/get/operationId":                                                 "xmlget",
		"/paths/~1anything/post/operationId":                                           "anythingpost",
		"/x-tyk-api-gateway/middleware/global/cache/enabled":                           true,
		"/x-tyk-api-gateway/middleware/operations/anythingpost/requestSizeLimit/value": json.Number("100"),
		"/servers/0/url": "http://localhost:8080/",
		"/servers/1/url": "http://httpbin.org",
	} {
		if got, _ := api.Get(ptr); got != want {
			t.Errorf("%s = %#v, want %#v", ptr, got, want)
		}
	}
}

func TestRunFiles(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "t.json")
	doc := filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(tmpl, []byte(`{"x-tyk-api-gateway":{"server":{"listenPath":{"value":"/from-template/"}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, []byte("openapi: 3.1.0\ninfo: {title: pets, version: '1'}\nservers: [{url: 'http://pets'}]\npaths: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(&out, []string{"-template", tmpl, "-gateway", "https://gw", doc}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"url": "https://gw/from-template/"`) {
		t.Errorf("output:\n%s", out.String())
	}
	if err := run(&out, []string{doc, doc}); err == nil {
		t.Error("two documents were accepted")
	}
	if err := run(&out, []string{"-nosuchflag"}); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
