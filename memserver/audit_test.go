package memserver_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func auditLogs(t testing.TB, srv *memserver.Server, query string) model.AuditLogListResponse {
	t.Helper()
	a := call(t, srv, "GET", "/api/audit-logs"+query, nil)
	want(t, a, http.StatusOK)
	var out model.AuditLogListResponse
	a.Into(t, &out)
	return out
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2024, 11, 5, 17, 45, 22, 0, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now), memserver.WithPageSize(3))
	id, secret := newUser(t, srv, "audited@example.com", map[string]string{"apis": "read"})
	clk.Advance(time.Second)

	want(t, callAs(t, srv, secret, "GET", "/api/apis?p=1", nil), http.StatusOK)
	clk.Advance(time.Second)
	want(t, callAs(t, srv, secret, "POST", "/api/apis", classicAPI("x", "/x/")), http.StatusForbidden)
	clk.Advance(time.Second)
	want(t, call(t, srv, "PUT", "/api/users/"+id, map[string]any{"last_name": "File"}), http.StatusOK)
	clk.Advance(time.Second)
	// A request nobody could be found for has no author: not recorded.
	want(t, callAs(t, srv, "wrong-secret", "GET", "/api/apis", nil), http.StatusUnauthorized)

	// Newest first, paginated by the page size.
	page := auditLogs(t, srv, "?p=1")
	if len(page.AuditLogs) != 3 || page.Pages != 2 {
		t.Fatalf("page 1: %d records, %d pages", len(page.AuditLogs), page.Pages)
	}
	put := page.AuditLogs[0]
	if put.Method != "PUT" || put.URL != "/api/users/"+id || put.Status != 200 || put.Action != "Update User" || put.User != "admin@"+srv.OrgID+".memserver.local" {
		t.Fatalf("PUT record: %+v", put)
	}
	if !strings.Contains(put.Diff, `last_name: "User" -> "File"`) || strings.Contains(put.Diff, "first_name") {
		t.Fatalf("diff: %q", put.Diff)
	}
	if !objectID.MatchString(put.MID) || !uuidRe.MatchString(put.ReqID) || put.OrgID != srv.OrgID || put.IP != "127.0.0.1" {
		t.Fatalf("ids: %+v", put)
	}
	if when, err := time.Parse(time.RFC1123, put.Date); err != nil || !when.Equal(clk.Now().Add(-time.Second)) || put.Timestamp != when.Unix() {
		t.Fatalf("date %q timestamp %d: %v", put.Date, put.Timestamp, err)
	}
	denied := page.AuditLogs[1]
	if denied.Status != 403 || denied.Method != "POST" || denied.User != "audited@example.com" || denied.Action != "Create API" || denied.Diff != "" {
		t.Fatalf("403 record: %+v", denied)
	}
	if list := page.AuditLogs[2]; list.URL != "/api/apis?p=1" || list.Action != "List APIs" {
		t.Fatalf("list record: %+v", list)
	}

	// Filters.
	if got := auditLogs(t, srv, "?p=-1&status=403"); len(got.AuditLogs) != 1 || got.AuditLogs[0].MID != denied.MID {
		t.Fatalf("status filter: %+v", got.AuditLogs)
	}
	if got := auditLogs(t, srv, "?p=-1&user=audited@example.com"); len(got.AuditLogs) != 2 {
		t.Fatalf("user filter: %+v", got.AuditLogs)
	}
	if got := auditLogs(t, srv, "?p=-1&method=put&url=/api/users/"); len(got.AuditLogs) != 1 {
		t.Fatalf("method and url filters: %+v", got.AuditLogs)
	}
	from := clk.Now().Add(-2 * time.Second).Format(time.RFC3339)
	if got := auditLogs(t, srv, "?p=-1&from_date="+from); len(got.AuditLogs) < 2 {
		t.Fatalf("from_date filter: %+v", got.AuditLogs)
	}
	wantError(t, call(t, srv, "GET", "/api/audit-logs?from_date=yesterday", nil), http.StatusBadRequest, "not a date")
	wantError(t, call(t, srv, "GET", "/api/audit-logs?status=ok", nil), http.StatusBadRequest, "status")

	// By id; unknown; another org's.
	a := call(t, srv, "GET", "/api/audit-logs/"+put.MID, nil)
	want(t, a, http.StatusOK)
	var one model.AuditLog
	a.Into(t, &one)
	if one.ReqID != put.ReqID || one.Diff != put.Diff {
		t.Fatalf("by id: %+v", one)
	}
	wantError(t, call(t, srv, "GET", "/api/audit-logs/0123456789abcdef0123abcd", nil), http.StatusNotFound, "could not retrieve audit record")

	// As a file.
	a = call(t, srv, "GET", "/api/audit-logs?download=true&method=PUT", nil)
	want(t, a, http.StatusOK)
	if a.Header.Get("Content-Type") != "application/octet-stream" || !strings.Contains(string(a.Body), `"req_id":"`+put.ReqID+`"`) {
		t.Fatalf("download: %s %s", a.Header.Get("Content-Type"), a.Body)
	}

	a = call(t, srv, "GET", "/api/audit-logs?download=true&type=text&method=PUT", nil)
	want(t, a, http.StatusOK)
	if lines := strings.Split(string(a.Body), "\n"); len(lines) < 11 || lines[0] != put.ReqID || lines[7] != "PUT" {
		t.Fatalf("text download: %q", a.Body)
	}
	// A forwarded address is believed only from a trusted proxy (see
	// TestAuditIPFromConnection): this Server trusts none.
	req := newRequest(t, srv, "GET", "/api/apis", nil)
	req.Header.Set("Authorization", srv.Secret)
	req.Header.Set("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
	want(t, send(t, req), http.StatusOK)
	if got := auditLogs(t, srv, "?p=-1&ip=203.0.113.7"); len(got.AuditLogs) != 0 {
		t.Fatalf("an untrusted forwarded address is in the log: %+v", got.AuditLogs)
	}

	// The audit log is a section of its own.
	wantError(t, callAs(t, srv, secret, "GET", "/api/audit-logs", nil), http.StatusForbidden, "access denied")
}

func TestAuditLogOfOtherOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	mine := auditLogs(t, srv, "?p=-1")
	a := callAs(t, srv, "their-admin", "GET", "/api/audit-logs?p=-1", nil)
	var theirs model.AuditLogListResponse
	a.Into(t, &theirs)
	for _, l := range theirs.AuditLogs {
		if l.OrgID != otherOrg {
			t.Fatalf("another org sees our record: %+v", l)
		}
	}
	wantError(t, callAs(t, srv, "their-admin", "GET", "/api/audit-logs/"+mine.AuditLogs[0].MID, nil), http.StatusNotFound, "")
}
