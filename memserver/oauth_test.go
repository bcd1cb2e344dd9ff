package memserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// authorize posts the form of authorize-client.
func authorize(t testing.TB, srv *memserver.Server, apiID string, form url.Values) answer {
	t.Helper()
	req := newRequest(t, srv, "POST", "/api/apis/oauth/"+apiID+"/authorize-client/", form.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", srv.Secret)
	return send(t, req)
}

func TestOAuthClients(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dbID, apiID := createClassic(t, srv, "oauth-api")
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "gold", "active": true, "rate": 50, "per": 1, "quota_max": 500,
		"access_rights": map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	policyID := a.JSON(t)["Message"].(string)

	// The guide's create: the client itself in the answer.
	a = call(t, srv, "POST", "/api/apis/oauth/"+apiID, map[string]any{"redirect_uri": "http://oauth.com/redirect", "policy_id": policyID, "meta_data": map[string]any{"team": "a", "n": 1}})
	want(t, a, http.StatusOK)
	var cl model.OAuthClient
	a.Into(t, &cl)
	if !apiIDRe.MatchString(cl.ClientID) || cl.ClientSecret == "" || cl.PolicyID != policyID || cl.ClientRedirectURI != "http://oauth.com/redirect" {
		t.Fatalf("client: %s", a.Body)
	}
	if cl.MetaData["team"] != "a" || cl.MetaData["n"] != "1" {
		t.Fatalf("meta_data: %+v", cl.MetaData)
	}
	// The API is found by its db id too.
	var apps model.OAuthClientListResponse
	call(t, srv, "GET", "/api/apis/oauth/"+dbID, nil).Into(t, &apps)
	if len(apps.Apps) != 1 || apps.Apps[0].ClientID != cl.ClientID || apps.Pages != 1 {
		t.Fatalf("apps: %+v", apps)
	}
	var got model.OAuthClient
	call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID, nil).Into(t, &got)
	if got.ClientSecret != cl.ClientSecret {
		t.Fatalf("get: %+v", got)
	}
	a = call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID+"/tokens", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != "[]" {
		t.Fatalf("tokens of a new client: %s", a.Body)
	}

	// authorize-client: form-encoded; the redirect URI must be the client's.
	form := url.Values{"response_type": {"code"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://oauth.com/redirect"},
		"key_rules": {`{"allowance":999,"rate":1000,"per":60,"quota_max":-1,"org_id":"` + srv.OrgID + `"}`}}
	a = authorize(t, srv, apiID, form)
	want(t, a, http.StatusOK)
	var auth model.OAuthAuthorizeResponse
	a.Into(t, &auth)
	if auth.Code == "" || auth.RedirectTo != "http://oauth.com/redirect?code="+auth.Code {
		t.Fatalf("authorize: %s", a.Body)
	}
	bad := url.Values{"response_type": {"code"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://evil.example/cb"}}
	wantError(t, authorize(t, srv, apiID, bad), http.StatusForbidden, "redirect_uri does not match")
	bad = url.Values{"response_type": {"password"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://oauth.com/redirect"}}
	wantError(t, authorize(t, srv, apiID, bad), http.StatusBadRequest, "response_type")
	bad = url.Values{"response_type": {"code"}, "client_id": {"nobody"}, "redirect_uri": {"http://oauth.com/redirect"}}
	wantError(t, authorize(t, srv, apiID, bad), http.StatusNotFound, "not a client of this API")
	bad = url.Values{"response_type": {"code"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://oauth.com/redirect"}, "key_rules": {"{"}}
	wantError(t, authorize(t, srv, apiID, bad), http.StatusBadRequest, "key_rules")
	wantError(t, call(t, srv, "POST", "/api/apis/oauth/"+apiID+"/authorize-client", map[string]string{"client_id": cl.ClientID}), http.StatusBadRequest, "form-encoded")

	// The token is listed and is a session with the client's policy.
	var toks []model.OAuthClientToken
	call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID+"/tokens", nil).Into(t, &toks)
	if len(toks) != 1 || toks[0].Code != auth.Code || toks[0].Expires == 0 {
		t.Fatalf("tokens: %+v", toks)
	}
	var key model.KeyData
	a = call(t, srv, "GET", "/api/keys/"+auth.Code, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &key)
	if len(key.Data.ApplyPolicies) != 1 || key.Data.ApplyPolicies[0] != policyID || key.Data.Rate != 50 || key.Data.QuotaMax != 500 || key.Data.OauthClientID != cl.ClientID {
		t.Fatalf("token session: %+v", key.Data)
	}
	if _, ok := key.Data.AccessRights[apiID]; !ok {
		t.Fatalf("token session has no access to the API: %+v", key.Data.AccessRights)
	}

	// Revoke one token (the guide's body); the secret, when given, is checked.
	a2 := authorize(t, srv, apiID, url.Values{"response_type": {"token"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://oauth.com/redirect"}})
	want(t, a2, http.StatusOK)
	var auth2 model.OAuthAuthorizeResponse
	a2.Into(t, &auth2)
	if !strings.Contains(auth2.RedirectTo, "#access_token="+auth2.Code) {
		t.Fatalf("implicit grant redirect: %s", auth2.RedirectTo)
	}
	revoke := "/api/apis/oauth/" + cl.ClientID + "/revoke"
	wantError(t, call(t, srv, "POST", revoke, map[string]string{"token": auth.Code, "client_secret": "wrong"}), http.StatusUnauthorized, "client_secret")
	wantError(t, call(t, srv, "POST", revoke, map[string]string{"token_type_hint": "access_token"}), http.StatusBadRequest, "token is required")
	a = call(t, srv, "POST", revoke, map[string]string{"token": auth.Code, "token_type_hint": "access_token"})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "token revoked successfully" {
		t.Fatalf("revoke envelope: %s", a.Body)
	}
	call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID+"/tokens", nil).Into(t, &toks)
	if len(toks) != 1 || toks[0].Code != auth2.Code {
		t.Fatalf("tokens after revoke: %+v", toks)
	}
	wantError(t, call(t, srv, "GET", "/api/keys/"+auth.Code, nil), http.StatusNotFound, "")

	// Revoke all: the secret is required and checked; the API id in the
	// path finds the client by its secret.
	revokeAll := "/api/apis/oauth/" + cl.ClientID + "/revoke_all"
	wantError(t, call(t, srv, "POST", revokeAll, map[string]string{}), http.StatusBadRequest, "client_secret is required")
	wantError(t, call(t, srv, "POST", revokeAll, map[string]string{"client_secret": "wrong"}), http.StatusUnauthorized, "client_secret")
	wantError(t, call(t, srv, "POST", "/api/apis/oauth/"+apiID+"/revoke_all", map[string]string{"client_secret": "wrong"}), http.StatusUnauthorized, "client_secret")
	a = call(t, srv, "POST", "/api/apis/oauth/"+apiID+"/revoke_all", map[string]string{"client_secret": cl.ClientSecret})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "tokens revoked successfully" {
		t.Fatalf("revoke_all envelope: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID+"/tokens", nil)
	if string(a.Body) != "[]" {
		t.Fatalf("tokens after revoke_all: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/keys/"+auth2.Code, nil), http.StatusNotFound, "")

	// The gateway's form-encoded revoke works as well.
	a3 := authorize(t, srv, apiID, url.Values{"response_type": {"code"}, "client_id": {cl.ClientID}, "redirect_uri": {"http://oauth.com/redirect"}})
	want(t, a3, http.StatusOK)
	var auth3 model.OAuthAuthorizeResponse
	a3.Into(t, &auth3)
	req := newRequest(t, srv, "POST", revoke, url.Values{"token": {auth3.Code}, "client_secret": {cl.ClientSecret}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", srv.Secret)
	want(t, send(t, req), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/keys/"+auth3.Code, nil), http.StatusNotFound, "")

	// Update keeps id and secret; delete.
	clientPath := "/api/apis/oauth/" + apiID + "/" + cl.ClientID
	wantError(t, call(t, srv, "PUT", clientPath, map[string]any{"client_id": "other"}), http.StatusBadRequest, "does not match")
	wantError(t, call(t, srv, "PUT", clientPath, map[string]any{"secret": "new-secret"}), http.StatusBadRequest, "cannot be changed")
	wantError(t, call(t, srv, "PUT", clientPath, map[string]any{"policy_id": "nope"}), http.StatusBadRequest, "does not exist")
	wantError(t, call(t, srv, "PUT", clientPath, map[string]any{"redirect_uri": "nope"}), http.StatusBadRequest, "not an absolute URL")
	wantError(t, call(t, srv, "PUT", "/api/apis/oauth/"+apiID+"/missing", map[string]any{}), http.StatusNotFound, "Could not retrieve app detail")
	a = call(t, srv, "PUT", "/api/apis/oauth/"+apiID+"/"+cl.ClientID, map[string]any{"client_name": "renamed", "redirect_uri": "http://oauth.com/other"})
	want(t, a, http.StatusOK)
	a.Into(t, &got)
	if got.ClientName != "renamed" || got.ClientSecret != cl.ClientSecret || got.PolicyID != "" {
		t.Fatalf("updated: %+v", got)
	}
	a = call(t, srv, "DELETE", "/api/apis/oauth/"+apiID+"/"+cl.ClientID, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "OAuth Client deleted successfully" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+cl.ClientID, nil), http.StatusNotFound, "Could not retrieve app detail")
}

func TestOAuthClientErrors(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	_, apiID := createClassic(t, srv, "oauth-errors")
	_, otherAPI := createClassic(t, srv, "other-api")
	a := call(t, srv, "POST", "/api/apis/oauth/"+apiID, map[string]any{"redirect_uri": "http://cb.example/"})
	want(t, a, http.StatusOK)
	clientID := a.JSON(t)["client_id"].(string)
	_, reader := newUser(t, srv, "oauth-reader@example.com", map[string]string{"oauth": "read"})
	const missing = "0123456789abcdef0123456789abcdef"
	cases := []struct {
		secret, method, path string
		body                 any
		status               int
		msg                  string
	}{
		{srv.Secret, "POST", "/api/apis/oauth/" + missing, map[string]any{}, 400, "API reference not found"},
		{srv.Secret, "GET", "/api/apis/oauth/" + missing, nil, 400, "API reference not found"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, "{", 400, "malformed JSON"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, `{"redirect_uri":5}`, 400, "wrong type"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, map[string]any{"policy_id": "nope"}, 400, "policy nope does not exist"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, map[string]any{"redirect_uri": "not a url"}, 400, "not an absolute URL"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, map[string]any{"client_id": clientID}, 409, "exists"},
		{srv.Secret, "POST", "/api/apis/oauth/" + apiID, map[string]any{"api_id": otherAPI}, 400, "does not match"},
		{srv.Secret, "GET", "/api/apis/oauth/" + apiID + "/" + missing, nil, 404, "Could not retrieve app detail"},
		// A client is reached through its own API only.
		{srv.Secret, "GET", "/api/apis/oauth/" + otherAPI + "/" + clientID, nil, 404, "Could not retrieve app detail"},
		{srv.Secret, "DELETE", "/api/apis/oauth/" + otherAPI + "/" + clientID, nil, 404, "Could not retrieve app detail"},
		{srv.Secret, "GET", "/api/apis/oauth/" + apiID + "/" + missing + "/tokens", nil, 404, "Could not retrieve tokens"},
		{srv.Secret, "POST", "/api/apis/oauth/" + missing + "/revoke_all", map[string]string{"client_secret": "x"}, 404, "Could not retrieve app detail"},
		{reader, "POST", "/api/apis/oauth/" + apiID, map[string]any{}, 403, "access denied"},
		{reader, "DELETE", "/api/apis/oauth/" + apiID + "/" + clientID, nil, 403, "access denied"},
		// Another org sees neither the API nor its clients.
		{"their-admin", "GET", "/api/apis/oauth/" + apiID, nil, 400, "API reference not found"},
		{"their-admin", "POST", "/api/apis/oauth/" + clientID + "/revoke_all", map[string]string{"client_secret": "x"}, 404, ""},
	}
	for _, tc := range cases {
		wantError(t, callAs(t, srv, tc.secret, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	var apps model.OAuthClientListResponse
	call(t, srv, "GET", "/api/apis/oauth/"+apiID, nil).Into(t, &apps)
	if len(apps.Apps) != 1 {
		t.Fatalf("failed requests stored clients: %+v", apps.Apps)
	}
	want(t, callAs(t, srv, reader, "GET", "/api/apis/oauth/"+apiID+"/"+clientID, nil), http.StatusOK)
}

func TestPurgeLapsedOAuthTokens(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now))
	_, apiID := createClassic(t, srv, "purge")
	a := call(t, srv, "POST", "/api/apis/oauth/"+apiID, map[string]any{"redirect_uri": "http://cb.example/"})
	want(t, a, http.StatusOK)
	clientID := a.JSON(t)["client_id"].(string)
	issue := func() string {
		a := authorize(t, srv, apiID, url.Values{"response_type": {"token"}, "client_id": {clientID}, "redirect_uri": {"http://cb.example/"}})
		want(t, a, http.StatusOK)
		return a.JSON(t)["code"].(string)
	}
	old := issue()
	clk.Advance(2 * time.Hour)
	fresh := issue()

	wantError(t, adminCall(t, srv, "DELETE", "/admin/oauth/tokens", nil), http.StatusUnprocessableEntity, "scope parameter is required")
	wantError(t, adminCall(t, srv, "DELETE", "/admin/oauth/tokens?scope=all", nil), http.StatusBadRequest, "unknown scope")
	a = adminCall(t, srv, "DELETE", "/admin/oauth/tokens?scope=lapsed", nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "success" {
		t.Fatalf("envelope: %s", a.Body)
	}
	var toks []model.OAuthClientToken
	call(t, srv, "GET", "/api/apis/oauth/"+apiID+"/"+clientID+"/tokens", nil).Into(t, &toks)
	if len(toks) != 1 || toks[0].Code != fresh {
		t.Fatalf("tokens after the purge: %+v", toks)
	}
	wantError(t, call(t, srv, "GET", "/api/keys/"+old, nil), http.StatusNotFound, "")
	want(t, call(t, srv, "GET", "/api/keys/"+fresh, nil), http.StatusOK)
}
