package memserver_test

import (
	"net/http"
	"testing"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	wantError(t, callAs(t, srv, "", "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	wantError(t, callAs(t, srv, "wrong", "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	want(t, callAs(t, srv, srv.Secret, "GET", "/api/apis", nil), http.StatusOK)
	want(t, callAs(t, srv, "Bearer "+srv.Secret, "GET", "/api/apis", nil), http.StatusOK)
	want(t, callAs(t, srv, "bearer "+srv.Secret, "GET", "/api/apis", nil), http.StatusOK)
}

func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	wantError(t, call(t, srv, "GET", "/api/nothing-here", nil), http.StatusNotFound, "Not found")
	a := call(t, srv, "PATCH", "/api/apis", nil)
	wantError(t, a, http.StatusMethodNotAllowed, "Method not allowed")
	if got := a.Header.Get("Allow"); got != "GET, POST" {
		t.Errorf("Allow = %q", got)
	}
}
