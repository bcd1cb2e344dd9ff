package memserver_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestPolicyLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "p1", "id": "custom", "rate": 10, "per": 1, "_id": "stale"})
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	mid, _ := m["Message"].(string)
	if m["Status"] != "OK" || !objectID.MatchString(mid) {
		t.Fatalf("create envelope: %s", a.Body)
	}
	for _, id := range []string{mid, "custom"} {
		a = call(t, srv, "GET", "/api/portal/policies/"+id, nil)
		want(t, a, http.StatusOK)
		var p model.Policy
		a.Into(t, &p)
		if p.MID != mid || p.OrgID != srv.OrgID || p.Name != "p1" {
			t.Fatalf("GET %s: %+v", id, p)
		}
	}
	wantError(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "dup", "id": "custom"}), http.StatusConflict, "already exists")
	wantError(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{"rate": 1}), http.StatusBadRequest, "name is required")

	want(t, call(t, srv, "PUT", "/api/portal/policies/custom", map[string]any{"name": "p1 renamed", "id": "custom", "_id": mid}), http.StatusOK)
	wantError(t, call(t, srv, "PUT", "/api/portal/policies/custom", map[string]any{"name": "x", "_id": "000000000000000000000000"}), http.StatusBadRequest, "does not match")

	a = call(t, srv, "GET", "/api/portal/policies", nil)
	want(t, a, http.StatusOK)
	var l model.PolicyListResponse
	a.Into(t, &l)
	if len(l.Data) != 1 || l.Data[0].Name != "p1 renamed" || l.Pages != 1 {
		t.Fatalf("list: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/portal/policies/search?q=renamed", nil)
	a.Into(t, &l)
	if len(l.Data) != 1 {
		t.Fatalf("search: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/portal/policies/search?q=nothing", nil)
	if string(a.Body) != `{"Data":[],"Pages":1}` {
		t.Fatalf("empty search: %s", a.Body)
	}

	want(t, call(t, srv, "DELETE", "/api/portal/policies/"+mid, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/portal/policies/"+mid, nil), http.StatusNotFound, "")
	wantError(t, call(t, srv, "GET", "/api/portal/policies/custom", nil), http.StatusNotFound, "")
	wantError(t, call(t, srv, "DELETE", "/api/portal/policies/custom", nil), http.StatusNotFound, "")
}

// A policy created with a database id keeps it, as bootstrap scripts of
// Tyk's demo environment expect (they name the policy by that _id in the
// keys and OAuth clients they create next); an empty or malformed _id is
// replaced. date_created is an RFC 3339 time and last_updated Unix seconds
// in a string, as in every policy example of the official descriptions
// (policiesExample: "date_created": "2024-05-27T10:24:31.099Z",
// "last_updated": "1716980105").
func TestPolicyCreateKeepsObjectID(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2024, 5, 27, 10, 24, 31, 99e6, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now))
	const given = "5f2b1c3d4e5f60718293a4b5"
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"_id": given, "name": "bootstrap",
		"date_created": "2001-01-01T00:00:00Z", "last_updated": "1"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != given {
		t.Fatalf("create answers %s, want Message %s", a.Body, given)
	}
	var p model.Policy
	a = call(t, srv, "GET", "/api/portal/policies/"+given, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &p)
	if p.MID != given || p.Name != "bootstrap" {
		t.Fatalf("GET %s: %s", given, a.Body)
	}
	if p.DateCreated != "2024-05-27T10:24:31.099Z" || p.LastUpdated != "1716805471" {
		t.Fatalf("dates: date_created %q, last_updated %q", p.DateCreated, p.LastUpdated)
	}
	// A key names the policy by that _id at once.
	want(t, call(t, srv, "POST", "/api/keys", map[string]any{"apply_policies": []string{given}}), http.StatusOK)

	// Taken: refused, and the first policy is unchanged.
	wantError(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{"_id": given, "name": "again"}), http.StatusConflict, given)
	for _, bad := range []string{"", "nope", "5F2B1C3D4E5F60718293A4B5", given + "00"} {
		a = call(t, srv, "POST", "/api/portal/policies", map[string]any{"_id": bad, "name": "fresh " + bad})
		want(t, a, http.StatusOK)
		mid, _ := a.JSON(t)["Message"].(string)
		if !objectID.MatchString(mid) || mid == given || mid == bad {
			t.Fatalf("_id %q: got id %q", bad, mid)
		}
	}
	// An update keeps date_created and moves last_updated.
	clk.Advance(time.Hour)
	want(t, call(t, srv, "PUT", "/api/portal/policies/"+given, map[string]any{"name": "renamed", "date_created": "2001-01-01T00:00:00Z"}), http.StatusOK)
	call(t, srv, "GET", "/api/portal/policies/"+given, nil).Into(t, &p)
	if p.Name != "renamed" || p.DateCreated != "2024-05-27T10:24:31.099Z" || p.LastUpdated != "1716809071" {
		t.Fatalf("after update: name %q, date_created %q, last_updated %q", p.Name, p.DateCreated, p.LastUpdated)
	}
}
