package memserver_test

import (
	"net/http"
	"testing"

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
