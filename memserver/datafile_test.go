package memserver_test

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store/memstore"
)

// TestDataFileRestart: a Server started again on the data file of an
// earlier one has its org, its admin user's secret and what was written;
// Reset goes back to the state it started with, and that, too, reaches the
// file.
func TestDataFileRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	first := memserver.NewTest(t, memserver.WithDataFile(path))
	dbID, _ := createClassic(t, first, "kept")
	first.Close()

	second := memserver.NewTest(t, memserver.WithDataFile(path))
	if second.OrgID != first.OrgID || second.Secret != first.Secret || second.UserID != first.UserID {
		t.Fatalf("restarted server: org %s secret %s user %s, want %s %s %s",
			second.OrgID, second.Secret, second.UserID, first.OrgID, first.Secret, first.UserID)
	}
	want(t, call(t, second, "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	gone, _ := createClassic(t, second, "reset-away")
	if err := second.Reset(); err != nil {
		t.Fatal(err)
	}
	want(t, call(t, second, "GET", "/api/apis/"+gone, nil), http.StatusBadRequest) // the Dashboard's answer for a missing API
	second.Close()

	// A new secret given at start replaces the stored one.
	third := memserver.NewTest(t, memserver.WithDataFile(path), memserver.WithSecret("n3w-secret"))
	if third.OrgID != first.OrgID || third.Secret != "n3w-secret" {
		t.Fatalf("third server: org %s secret %s", third.OrgID, third.Secret)
	}
	want(t, call(t, third, "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	want(t, call(t, third, "GET", "/api/apis/"+gone, nil), http.StatusBadRequest) // the Dashboard's answer for a missing API

	if _, err := memserver.NewServer(memserver.WithDataFile(filepath.Join(t.TempDir(), "x")), memserver.WithStore(memstore.New())); err == nil {
		t.Fatal("WithDataFile with WithStore: no error")
	}
}
