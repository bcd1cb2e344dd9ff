package memserver_test

import (
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestSSONonce(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now))
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "sso", "user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	group := a.JSON(t)["Meta"].(string)
	body := map[string]any{"ForSection": "dashboard", "OrgID": srv.OrgID, "EmailAddress": "sso@example.com", "GroupID": group}

	a = call(t, srv, "POST", "/api/sso", body)
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	nonce, _ := m["Meta"].(string)
	// The 5.x description's answer of POST /api/sso ends with a full stop;
	// the Admin API's does not.
	if m["Status"] != "OK" || m["Message"] != "SSO Nonce created." || nonce == "" {
		t.Fatalf("envelope: %s", a.Body)
	}
	// Used once, within 60 seconds of the Server's clock.
	clk.Advance(59 * time.Second)
	a = tap(t, srv, nonce)
	want(t, a, http.StatusFound)
	if a.Header.Get("Location") != "/" {
		t.Fatalf("redirect to %q", a.Header.Get("Location"))
	}
	wantError(t, tap(t, srv, nonce), http.StatusUnauthorized, "unknown, used or expired")
	// The login created the user, in the nonce's group.
	var users model.UserListResponse
	call(t, srv, "POST", "/api/users/search", map[string]any{"filters": map[string]string{"query": "sso@example.com"}}).Into(t, &users)
	if len(users.Users) != 1 || users.Users[0].GroupID != group || !users.Users[0].Active || users.Users[0].LastLoginDate == "" {
		t.Fatalf("SSO user: %+v", users.Users)
	}
	// Registered users only; users not allowed.
	for _, tc := range []struct {
		body map[string]any
		msg  string
	}{
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "stranger@example.com", "SSOOnlyForRegisteredUsers": true}, "not a registered user"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "sso@example.com", "UserNotAllowed": true}, "not allowed"},
	} {
		a := call(t, srv, "POST", "/api/sso", tc.body)
		want(t, a, http.StatusOK)
		wantError(t, tap(t, srv, a.JSON(t)["Meta"].(string)), http.StatusForbidden, tc.msg)
	}

	a = adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "portal", "OrgID": srv.OrgID, "EmailAddress": "dev@example.com"})
	want(t, a, http.StatusOK)
	late := a.JSON(t)["Meta"].(string)
	clk.Advance(60 * time.Second)
	wantError(t, tap(t, srv, late), http.StatusUnauthorized, "unknown, used or expired")

	cases := []struct {
		body   any
		status int
		msg    string
	}{
		{"{", 400, "malformed JSON"},
		{map[string]any{"ForSection": "admin", "EmailAddress": "x@example.com"}, 400, "ForSection"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "GroupID": "0123456789abcdef0123abcd"}, 400, "not a user group"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "OrgID": "0123456789abcdef0123abcd"}, 403, "not the organisation of the caller"},
	}
	for _, tc := range cases {
		wantError(t, call(t, srv, "POST", "/api/sso", tc.body), tc.status, tc.msg)
	}
	wantError(t, adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com"}), http.StatusBadRequest, "OrgID is required")
	wantError(t, adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "OrgID": "0123456789abcdef0123abcd"}), http.StatusBadRequest, "not an organisation")
	_, reader := newUser(t, srv, "sso-reader@example.com", map[string]string{"users": "read"})
	wantError(t, callAs(t, srv, reader, "POST", "/api/sso", body), http.StatusForbidden, "access denied")
	// A non-admin hands out no admin: a nonce whose new user would be one
	// (no group) is refused; one with a group it may give is not.
	_, manager := newUser(t, srv, "sso-manager@example.com", map[string]string{"users": "write", "apis": "read"})
	wantError(t, callAs(t, srv, manager, "POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "new@example.com"}), http.StatusForbidden, "only an admin")
	want(t, callAs(t, srv, manager, "POST", "/api/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "new@example.com", "SSOOnlyForRegisteredUsers": true}), http.StatusOK)
}

// POST /admin/sso with an empty EmailAddress, as the Admin API guide's body
// {"ForSection", "OrgID", "GroupID"} sends it: 200 "SSO Nonce created"
// (dashboard-admin-api.yml, generateAuthToken). The SSO docs say a valid
// nonce logs in a temporary user, an admin unless a group is given; without
// an email that user is the Tyk Identity Broker's default SSO identity,
// ssoSession@ssoSession.com, which a second such login reuses.
func TestSSONonceWithoutEmail(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	login := func(body map[string]any) {
		t.Helper()
		a := adminCall(t, srv, "POST", "/admin/sso", body)
		want(t, a, http.StatusOK)
		m := a.JSON(t)
		if m["Status"] != "OK" || m["Message"] != "SSO Nonce created" {
			t.Fatalf("answer: %s", a.Body)
		}
		a = tap(t, srv, m["Meta"].(string))
		want(t, a, http.StatusFound)
		if got := a.JSON(t)["Meta"]; got != "ssosession@ssosession.com" {
			t.Fatalf("logged in as %v", got)
		}
	}
	login(map[string]any{"ForSection": "dashboard", "OrgID": srv.OrgID, "GroupID": ""})
	login(map[string]any{"ForSection": "dashboard", "OrgID": srv.OrgID, "EmailAddress": "", "DisplayName": "Again"})
	var users model.UserListResponse
	call(t, srv, "GET", "/api/users/search?q=ssosession", nil).Into(t, &users)
	if len(users.Users) != 1 {
		t.Fatalf("%d SSO session users, want 1: %+v", len(users.Users), users.Users)
	}
	u := users.Users[0]
	if u.OrgID != srv.OrgID || !u.Active || u.UserPermissions["IsAdmin"] != "admin" || u.LastLoginDate == "" {
		t.Fatalf("SSO session user: %+v", u)
	}
}

// tap takes a nonce at the Dashboard's login page, without following its
// redirect.
func tap(t testing.TB, srv *memserver.Server, nonce string) answer {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(srv.URL + "/tap?nonce=" + url.QueryEscape(nonce))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: body}
}
