package memserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
)

// Start serves a Server on a socket for programs that have no testing.TB,
// and Close stops it.
func TestStartServesOnASocketUntilClose(t *testing.T) {
	srv := memserver.New()
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q, want http://127.0.0.1:<port>", srv.URL)
	}
	if err := srv.Start("127.0.0.1:0"); err == nil {
		t.Error("second Start succeeded, want an error saying the server is already serving")
	}

	page, err := srv.Client().APIs.List(context.Background(), client.ListAPIsOptions{})
	if err != nil {
		t.Fatalf("list APIs over the socket: %v", err)
	}
	if len(page.Items) != 0 {
		t.Errorf("a new server lists %d APIs, want 0", len(page.Items))
	}

	srv.Close()
	resp, err := http.Get(srv.URL + "/_memserver/health")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("after Close the server still answers: %s", resp.Status)
	}
}

func TestStartReportsABadAddress(t *testing.T) {
	srv := memserver.New()
	err := srv.Start("127.0.0.1:notaport")
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:notaport") {
		t.Fatalf("Start on a bad address: %v, want an error naming the address", err)
	}
}
