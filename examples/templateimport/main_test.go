package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
)

func TestTemplateImport(t *testing.T) {
	srv := memserver.NewTest(t)
	*dashboardURL, *secret = srv.URL, srv.Secret
	t.Cleanup(func() { *dashboardURL, *secret = "", "" })

	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"API imported: api_id ",
		"name: Inventory",
		"listen path: /inventory/",
		"upstream: https://inventory.internal.example.org",
		"CORS from the template: true",
		"public export: ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestTemplateImportFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "openapi.json")
	doc := `{"openapi":"3.0.3","info":{"title":"From a file","version":"1"},
	 "servers":[{"url":"https://file.example.org"}],"paths":{}}`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	*file = path
	t.Cleanup(func() { *file = "" })
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "name: From a file") || !strings.Contains(out.String(), "CORS from the template: true") {
		t.Errorf("output:\n%s", out.String())
	}
}
