package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
)

func TestQuickstart(t *testing.T) {
	srv := memserver.NewTest(t)
	*dashboardURL, *secret = srv.URL, srv.Secret
	t.Cleanup(func() { *dashboardURL, *secret = "", "" })

	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"API created: api_id ",
		"policy created: ",
		"key created: ey", // a key token, base64 of {"org":...}
		"key limits: 100 requests per 60s, quota 10000",
		"listed API: httpbin on /httpbin/",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestQuickstartInMemory runs the program as it runs with no flags: on a
// Dashboard of its own.
func TestQuickstartInMemory(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "key created: ") {
		t.Errorf("output:\n%s", out.String())
	}
}
