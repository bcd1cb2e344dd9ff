package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/dashkit/dashkit/memserver"
)

func TestKeyUpdate(t *testing.T) {
	for _, via := range []bool{false, true} {
		srv := memserver.NewTest(t)
		*dashboardURL, *secret, *viaAPI = srv.URL, srv.Secret, via
		var out bytes.Buffer
		err := run(context.Background(), &out)
		*dashboardURL, *secret, *viaAPI = "", "", false
		if err != nil {
			t.Fatalf("via-api=%v: %v\n%s", via, err, out.String())
		}
		// Both API ids are listed under the unchanged key.
		re := regexp.MustCompile(`(?s)API 1: (\w+).*API 2: (\w+).*kept its token; it reaches:\n  (\w+)\n  (\w+)\n$`)
		m := re.FindStringSubmatch(out.String())
		if m == nil || m[1] != m[3] || m[2] != m[4] {
			t.Errorf("via-api=%v: output:\n%s", via, out.String())
		}
	}
}

func TestKeyUpdateInMemory(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
}
