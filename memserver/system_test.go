package memserver_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestSystemStats(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now))
	createClassic(t, srv, "first")
	clk.Advance(48 * time.Hour) // 12 March
	_, second := createClassic(t, srv, "second")
	a := call(t, srv, "GET", "/api/apis/"+second, nil)
	want(t, a, http.StatusOK)

	var out model.SystemStatsResponse
	a = call(t, srv, "GET", "/api/system/stats?start_day=2026-03-09&end_day=2026-03-12&resolution=day", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &out)
	if out.Status != "Success" || out.Stats == nil || len(out.Stats.APIs) != 4 {
		t.Fatalf("daily: %s", a.Body)
	}
	for i, wantN := range []int64{0, 1, 1, 2} {
		s := out.Stats.APIs[i]
		if s.MaxUsage != wantN || s.MinUsage != wantN || s.AvgUsage != wantN || s.MaxActiveUsage != wantN {
			t.Errorf("day %s: %+v, want %d APIs", s.Date, s, wantN)
		}
	}
	if out.Stats.APIs[0].Date != "2026-03-09" {
		t.Errorf("first date %q", out.Stats.APIs[0].Date)
	}
	// Without dates: monthly, from January of the previous year.
	a = call(t, srv, "GET", "/api/system/stats", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &out)
	if n := len(out.Stats.APIs); n != 15 || out.Stats.APIs[0].Date != "2025-01-01" || out.Stats.APIs[n-1].Date != "2026-03-01" || out.Stats.APIs[n-1].MaxUsage != 2 {
		t.Fatalf("history: %s", a.Body)
	}
	// No data planes: a series of zeros.
	a = call(t, srv, "GET", "/api/system/stats?entity=dataplanes&start_day=2026-03-01&end_day=2026-03-31", nil)
	want(t, a, http.StatusOK)
	out = model.SystemStatsResponse{}
	a.Into(t, &out)
	if len(out.Stats.DataPlanes) != 1 || out.Stats.DataPlanes[0].MaxUsage != 0 || out.Stats.APIs != nil {
		t.Fatalf("data planes: %s", a.Body)
	}

	for q, msg := range map[string]string{
		"entity=nodes":                                           `entity must be apis, dataplanes or dataplanes.gateways, got "nodes"`,
		"resolution=week":                                        `resolution must be day, got "week"`,
		"start_day=2026-03-01":                                   "start_day and end_day go together",
		"start_day=03/01/2026&end_day=2026-03-02":                "start_day must be a date (YYYY-MM-DD)",
		"start_day=2026-03-02&end_day=2026-03-01":                "end_day 2026-03-01 is before start_day 2026-03-02",
		"start_day=2000-01-01&end_day=2026-01-01&resolution=day": "at most 3660 days",
	} {
		wantError(t, call(t, srv, "GET", "/api/system/stats?"+q, nil), http.StatusBadRequest, msg)
	}
	_, reader := newUser(t, srv, "system-reader@example.com", map[string]string{"system": "read"})
	_, other := newUser(t, srv, "no-system@example.com", map[string]string{"apis": "write"})
	want(t, callAs(t, srv, reader, "GET", "/api/system/stats", nil), http.StatusOK)
	wantError(t, callAs(t, srv, other, "GET", "/api/system/stats", nil), http.StatusForbidden, "access denied")
}

func TestOrgNotifications(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef0123456a"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "n@other.example", AccessKey: "their-notes-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	a := call(t, srv, "GET", "/api/org/notifications", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != "[]" {
		t.Fatalf("none yet: %s", a.Body)
	}
	cert := srv.OrgID + "0d545f3211d5a53684114dc8b3ebb2503edf6fabf2e5812425be2fa108f3fb4d"
	if err := srv.AddNotifications(model.OrganisationNotification{Kind: "warning", Topic: "certificate.expiry", Title: "Certificate will expire soon",
		Message: "Certificate with ID " + cert + " will expire in less than 18 days",
		Data:    &model.CertificateExpiryData{CertID: cert, ExpiryDate: "2025-08-31T08:41:53Z", DaysRemaining: 17}}); err != nil {
		t.Fatal(err)
	}
	// Over HTTP, for the other org, as a test in another language would.
	a = callAs(t, srv, "", "POST", "/_memserver/notifications", `{"org_id":"`+otherOrg+`","kind":"critical","topic":"certificate.expiry","title":"Certificate expired","data":{"cert_id":"x","expiry_date":"2025-01-01T00:00:00Z","days_remaining":0}}`)
	want(t, a, http.StatusCreated)

	var ns []model.OrganisationNotification
	a = call(t, srv, "GET", "/api/org/notifications?refresh=true", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &ns)
	if len(ns) != 1 || ns[0].OrgID != srv.OrgID || ns[0].Data.DaysRemaining != 17 || len(ns[0].ID) != 36 || ns[0].Hash == "" || ns[0].CreatedAt.IsZero() {
		t.Fatalf("ours: %s", a.Body)
	}
	callAs(t, srv, "their-notes-admin", "GET", "/api/org/notifications", nil).Into(t, &ns)
	if len(ns) != 1 || ns[0].Kind != "critical" {
		t.Fatalf("theirs: %+v", ns)
	}

	for body, msg := range map[string]string{
		`{"kind":"info","topic":"certificate.expiry","title":"t","data":{"cert_id":"c"}}`: `kind must be critical or warning, got "info"`,
		`{"kind":"warning","topic":"api.down","title":"t"}`:                               `topic must be certificate.expiry, got "api.down"`,
		`{"kind":"warning","topic":"certificate.expiry","title":"t"}`:                     "data.cert_id is required",
		`[{"kind":"warning","topic":"certificate.expiry","data":{"cert_id":"c"}}]`:        "notification 0: title is required",
	} {
		wantError(t, callAs(t, srv, "", "POST", "/_memserver/notifications", body), http.StatusBadRequest, msg)
	}
	wantError(t, callAs(t, srv, "", "POST", "/_memserver/notifications", `{"org_id":"ffffffffffffffffffffffff","kind":"warning","topic":"certificate.expiry","title":"t","data":{"cert_id":"c"}}`), http.StatusNotFound, "org")

	_, reader := newUser(t, srv, "certs-reader@example.com", map[string]string{"certs": "read"})
	_, other := newUser(t, srv, "no-certs@example.com", map[string]string{"apis": "write"})
	want(t, callAs(t, srv, reader, "GET", "/api/org/notifications", nil), http.StatusOK)
	wantError(t, callAs(t, srv, other, "GET", "/api/org/notifications", nil), http.StatusForbidden, "access denied")

	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	a = call(t, srv, "GET", "/api/org/notifications", nil)
	if string(a.Body) != "[]" {
		t.Fatalf("after Reset: %s", a.Body)
	}
}
