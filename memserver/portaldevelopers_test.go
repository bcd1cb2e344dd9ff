package memserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// TestPortalDevelopers: developers are created, listed, read by id and by
// email (without case), replaced and deleted with the envelopes of Tyk's
// classic portal developers documentation; their credentials verify (200)
// or not (401); their password is set by the password route. No answer,
// and no list, carries a password or its hash.
func TestPortalDevelopers(t *testing.T) {
	t.Parallel()
	srv, them := otherOrgServer(t)
	const pw = "correct horse battery"

	id := wantOK(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{
		"email": "Ann@Developers.example", "password": pw, "org_id": "ignored",
		"fields": map[string]string{"Name": "Ann", "company": "Acme"}, "PWHistory": []string{"leaked"},
	}), "").Message
	noSecret := func(a answer) {
		t.Helper()
		body := string(a.Body)
		if strings.Contains(body, pw) || strings.Contains(body, "$2a$") || strings.Contains(body, `"password"`) || strings.Contains(body, "leaked") {
			t.Fatalf("an answer shows the password: %s", body)
		}
	}

	var d model.PortalDeveloper
	a := call(t, srv, "GET", "/api/portal/developers/"+id, nil)
	want(t, a, http.StatusOK)
	noSecret(a)
	a.Into(t, &d)
	if d.ID != id || d.OrgID != srv.OrgID || d.Email != "Ann@Developers.example" || d.Fields["company"] != "Acme" ||
		d.DateCreated == "" || d.PasswordUpdated == "" || d.Keys == nil || d.Subscriptions == nil || len(d.PWHistory) != 0 {
		t.Fatalf("developer read back: %s", a.Body)
	}
	for _, email := range []string{"ann@developers.example", "ANN@DEVELOPERS.EXAMPLE"} {
		a = call(t, srv, "GET", "/api/portal/developers/email/"+url.PathEscape(email), nil)
		want(t, a, http.StatusOK)
		noSecret(a)
	}
	bob := wantOK(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{"email": "bob@developers.example"}), "").Message
	var list model.PortalDeveloperList
	a = call(t, srv, "GET", "/api/portal/developers", nil)
	noSecret(a)
	a.Into(t, &list)
	if len(list.Data) != 2 || list.Data[0].ID != id || list.Data[1].ID != bob || list.Pages != 1 {
		t.Fatalf("list: %s", a.Body)
	}

	// Credentials: the right ones verify, anything else is 401 whatever
	// was wrong.
	r := wantOK(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ANN@developers.example", "password": pw}), "Credentials verified")
	if r.Meta != id {
		t.Fatalf("verified developer %v, want %s", r.Meta, id)
	}
	for _, creds := range []map[string]any{
		{"username": "ann@developers.example", "password": pw + "x"},
		{"username": "nobody@developers.example", "password": pw},
		{"username": "bob@developers.example", "password": "anything"}, // no password set
	} {
		wantError(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", creds), http.StatusUnauthorized, "Credentials do not match.")
	}
	wantError(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example"}), http.StatusBadRequest, "password are required")
	// Another org's admin cannot verify our developers.
	wantError(t, callAs(t, srv, them, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": pw}), http.StatusUnauthorized, "")

	// A replace without a password keeps the password, and the keys.
	d.Fields["company"] = "Acme Ltd"
	d.Keys = nil
	wantOK(t, call(t, srv, "PUT", "/api/portal/developers/"+id, &d), "Data updated")
	wantOK(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": pw}), "")
	call(t, srv, "GET", "/api/portal/developers/"+id, nil).Into(t, &d)
	if d.Fields["company"] != "Acme Ltd" || d.ID != id || d.Keys == nil {
		t.Fatalf("after PUT: %+v", d)
	}
	// An inactive developer's credentials do not verify.
	d.Inactive = true
	wantOK(t, call(t, srv, "PUT", "/api/portal/developers/"+id, &d), "")
	wantError(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": pw}), http.StatusUnauthorized, "")
	d.Inactive = false
	wantOK(t, call(t, srv, "PUT", "/api/portal/developers/"+id, &d), "")

	// The password route sets a new one; the old one stops verifying.
	wantOK(t, call(t, srv, "POST", "/api/portal/developers/password/"+id, map[string]any{"password": "new secret"}), "Password changed")
	wantError(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": pw}), http.StatusUnauthorized, "")
	wantOK(t, call(t, srv, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": "new secret"}), "")
	wantError(t, call(t, srv, "POST", "/api/portal/developers/password/"+id, map[string]any{"password": ""}), http.StatusBadRequest, "Developer password validation failed.")
	const missing = "0123456789abcdef0123ffff"
	wantError(t, call(t, srv, "POST", "/api/portal/developers/password/"+missing, map[string]any{"password": "x"}), http.StatusNotFound, "Developer password validation failed.")
	wantError(t, callAs(t, srv, them, "POST", "/api/portal/developers/password/"+id, map[string]any{"password": "theirs"}), http.StatusNotFound, "")

	// Bad input; an email is unique in its org without case.
	for body, msg := range map[string]string{
		`{"password":"x"}`:                               "email is required",
		`{"email":"not-an-email"}`:                       "is not an email address",
		`{"email":"a b@x.example"}`:                      "is not an email address",
		`{"email":"c@x.example","password_max_days":-1}`: "password_max_days",
		`{"email":7}`:                                    "",
	} {
		wantError(t, call(t, srv, "POST", "/api/portal/developers", body), http.StatusBadRequest, msg)
		wantError(t, call(t, srv, "PUT", "/api/portal/developers/"+bob, body), http.StatusBadRequest, msg)
	}
	wantError(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{"email": "ANN@developers.example"}), http.StatusConflict, "already exists")
	wantError(t, call(t, srv, "PUT", "/api/portal/developers/"+bob, map[string]any{"email": "ann@DEVELOPERS.example"}), http.StatusConflict, "already exists")
	call(t, srv, "GET", "/api/portal/developers", nil).Into(t, &list)
	if len(list.Data) != 2 {
		t.Fatalf("a refused developer was stored: %d", len(list.Data))
	}

	// Not found; another org sees none of ours and may use the same email.
	wantError(t, call(t, srv, "GET", "/api/portal/developers/"+missing, nil), http.StatusNotFound, "Could not retrieve developer.")
	wantError(t, call(t, srv, "GET", "/api/portal/developers/email/nobody@x.example", nil), http.StatusNotFound, "")
	wantError(t, call(t, srv, "PUT", "/api/portal/developers/"+missing, map[string]any{"email": "z@x.example"}), http.StatusNotFound, "")
	wantError(t, call(t, srv, "DELETE", "/api/portal/developers/"+missing, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/developers/"+id, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/developers/email/ann@developers.example", nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "DELETE", "/api/portal/developers/"+id, nil), http.StatusNotFound, "")
	callAs(t, srv, them, "GET", "/api/portal/developers", nil).Into(t, &list)
	if len(list.Data) != 0 {
		t.Fatalf("the other org lists our developers: %+v", list)
	}
	wantOK(t, callAs(t, srv, them, "POST", "/api/portal/developers", map[string]any{"email": "ann@developers.example"}), "")

	// A reader reads and verifies, and cannot write.
	_, reader := newUser(t, srv, "devs-reader@example.com", map[string]string{"portal": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/portal/developers/"+id, nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/portal/developers", nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "POST", "/api/portal/developers/verify_credentials", map[string]any{"username": "ann@developers.example", "password": "new secret"}), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/developers", map[string]any{"email": "r@x.example"}), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "PUT", "/api/portal/developers/"+id, &d), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/developers/password/"+id, map[string]any{"password": "x"}), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/portal/developers/"+id, nil), http.StatusForbidden, "access denied")

	wantOK(t, call(t, srv, "DELETE", "/api/portal/developers/"+id, nil), "Data deleted")
	wantError(t, call(t, srv, "GET", "/api/portal/developers/"+id, nil), http.StatusNotFound, "")
	wantOK(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{"email": "ann@developers.example"}), "")

	// The journal does not keep the passwords that were sent either.
	for _, ex := range srv.Requests() {
		if strings.Contains(string(ex.Body)+string(ex.ResponseBody), pw) {
			t.Fatalf("the journal shows a password: %s %s", ex.Method, ex.Path)
		}
	}
}
