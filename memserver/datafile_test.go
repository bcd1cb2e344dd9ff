package memserver_test

import (
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
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

// TestDataFileAuditLogBounded: the audit log's bound holds across restarts
// on a data file: a Server started again counts the records the file
// brought, and trims them, oldest first, as its own.
func TestDataFileAuditLogBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	first := memserver.NewTest(t, memserver.WithDataFile(path), memserver.WithAuditLogSize(5))
	for i := range 8 {
		want(t, call(t, first, "GET", "/api/apis?q=a"+strconv.Itoa(i), nil), http.StatusOK)
	}
	auditLogs(t, first, "") // writes the queued records
	first.Close()

	second := memserver.NewTest(t, memserver.WithDataFile(path), memserver.WithAuditLogSize(5))
	for i := range 3 {
		want(t, call(t, second, "GET", "/api/apis?q=b"+strconv.Itoa(i), nil), http.StatusOK)
	}
	logs := auditLogs(t, second, "?p=-1")
	if n := len(logs.AuditLogs); n == 0 || n > 5 {
		t.Fatalf("%d audit records after a restart with a bound of 5", n)
	}
	if !strings.Contains(logs.AuditLogs[0].URL, "q=b2") {
		t.Fatalf("the newest record is not kept: %+v", logs.AuditLogs[0])
	}
}
