package memserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// keyCount is the number of keys of the caller's org.
func keyCount(t *testing.T, srv *memserver.Server, secret string) int {
	t.Helper()
	var l model.KeyListResponse
	a := callAs(t, srv, secret, "GET", "/api/apis/keys?p=-1", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &l)
	return len(l.Data.Keys)
}

// TestPortalKeyRequests: a developer's key request is stored with its
// developer (no password) and the catalogue entries of its policies;
// approving it issues one key, as POST /api/keys would, with the
// request's policies applied and the developer named in its meta data, and
// records the key on the developer and the request (Tyk's classic portal
// keys documentation: the approval answers RawKey and Password). Approving
// needs write on keys besides portal; nothing crosses orgs.
func TestPortalKeyRequests(t *testing.T) {
	t.Parallel()
	srv, them := otherOrgServer(t)

	_, apiID := createClassic(t, srv, "requested")
	pol := wantOK(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "requested", "active": true, "rate": 5, "per": 1,
		"access_rights": map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}}), "").Message
	other := createPortalPolicy(t, srv, "unpublished")
	var cat model.PortalCatalogue
	call(t, srv, "GET", "/api/portal/catalogue", nil).Into(t, &cat)
	cat.APIs = []model.PortalCatalogueEntry{{Name: "Requested API", PolicyID: pol, Show: true, AuthType: "authToken"}}
	wantOK(t, call(t, srv, "PUT", "/api/portal/catalogue", &cat), "")
	var conf model.PortalConfig
	call(t, srv, "GET", "/api/portal/configuration", nil).Into(t, &conf)
	conf.SignUpFields = []string{"company"}
	wantOK(t, call(t, srv, "PUT", "/api/portal/configuration", &conf), "")
	dev := wantOK(t, call(t, srv, "POST", "/api/portal/developers", map[string]any{"email": "dev@developers.example", "password": "dev-secret-pw",
		"fields": map[string]string{"company": "Acme", "private": "not a signup field"}}), "").Message

	// Create: approved and key are the approval's, not the body's.
	req := wantOK(t, call(t, srv, "POST", "/api/portal/requests", map[string]any{"by_user": dev, "apply_policies": []string{pol},
		"approved": true, "key": "forged", "fields": map[string]string{"use": "testing"}, "org_id": "ignored"}), "").Message
	var r model.PortalKeyRequest
	a := call(t, srv, "GET", "/api/portal/requests/"+req, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &r)
	if r.ID != req || r.OrgID != srv.OrgID || r.Approved || r.Key != "" || r.Version != "v2" || r.DateCreated == "" ||
		r.PortalDeveloper == nil || r.PortalDeveloper.ID != dev || r.CatalogueEntry == nil || r.CatalogueEntry.PolicyID != pol ||
		len(r.Catalogues) != 1 || r.Fields["use"] != "testing" {
		t.Fatalf("request read back: %s", a.Body)
	}
	if strings.Contains(string(a.Body), "dev-secret-pw") || strings.Contains(string(a.Body), "$2a$") {
		t.Fatalf("the request shows the developer's password: %s", a.Body)
	}
	// What the store keeps of a request holds no password nor password
	// history of its developer, not only what answers show.
	wantOK(t, call(t, srv, "POST", "/api/portal/developers/password/"+dev, map[string]any{"password": "second-secret-pw"}), "Password changed")
	histReq := wantOK(t, call(t, srv, "POST", "/api/portal/requests", map[string]any{"by_user": dev, "apply_policies": []string{pol}}), "").Message
	err := srv.Store().ViewDefinitions(t.Context(), func(tx store.DefinitionsReader) error {
		for _, id := range []string{req, histReq} {
			o, err := tx.GetPortalObject(store.PortalKeyRequest, id)
			if err != nil {
				return err
			}
			if strings.Contains(string(o.Data), "$2a$") || strings.Contains(string(o.Data), "secret-pw") {
				t.Errorf("the stored request %s keeps its developer's password or history: %s", id, o.Data)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantOK(t, call(t, srv, "DELETE", "/api/portal/requests/"+histReq, nil), "")
	// for_plan alone names the policy.
	planReq := wantOK(t, call(t, srv, "POST", "/api/portal/requests", map[string]any{"by_user": dev, "for_plan": other}), "").Message
	var list model.PortalKeyRequestList
	a = call(t, srv, "GET", "/api/portal/requests", nil)
	a.Into(t, &list)
	if len(list.Data) != 2 || list.Data[0].ID != req || list.Data[1].ID != planReq || len(list.Data[1].ApplyPolicies) != 1 ||
		list.Data[1].ApplyPolicies[0] != other || list.Data[1].CatalogueEntry != nil || strings.Contains(string(a.Body), "$2a$") {
		t.Fatalf("list: %s", a.Body)
	}

	// Update answers the id and keeps the approval state.
	r.Fields["use"] = "production"
	r.Approved = true
	if got := wantOK(t, call(t, srv, "PUT", "/api/portal/requests/"+req, &r), "").Message; got != req {
		t.Fatalf("PUT answered %q", got)
	}
	call(t, srv, "GET", "/api/portal/requests/"+req, nil).Into(t, &r)
	if r.Approved || r.Fields["use"] != "production" {
		t.Fatalf("after PUT: %+v", r)
	}

	// Approving needs write on keys as well as portal.
	_, portalOnly := newUser(t, srv, "portal-writer@example.com", map[string]string{"portal": "write", "keys": "read"})
	wantError(t, callAs(t, srv, portalOnly, "PUT", "/api/portal/requests/approve/"+req, nil), http.StatusForbidden, "needs write on keys")
	_, keysOnly := newUser(t, srv, "keys-writer@example.com", map[string]string{"keys": "write"})
	wantError(t, callAs(t, srv, keysOnly, "PUT", "/api/portal/requests/approve/"+req, nil), http.StatusForbidden, "access denied")
	_, approver := newUser(t, srv, "approver@example.com", map[string]string{"portal": "write", "keys": "write"})
	before := keyCount(t, srv, srv.Secret)

	var approval model.PortalKeyApproval
	a = callAs(t, srv, approver, "PUT", "/api/portal/requests/approve/"+req, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &approval)
	if approval.RawKey == "" || approval.Password != "" {
		t.Fatalf("approval: %s", a.Body)
	}
	var key model.KeyData
	a = call(t, srv, "GET", "/api/keys/"+approval.RawKey, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &key)
	s := key.Data
	if len(s.ApplyPolicies) != 1 || s.ApplyPolicies[0] != pol || s.AccessRights[apiID].APIID != apiID || s.Rate != 5 || s.OrgID != srv.OrgID ||
		s.MetaData["tyk_developer_id"] != dev || s.MetaData["tyk_developer_email"] != "dev@developers.example" ||
		s.MetaData["company"] != "Acme" || s.MetaData["private"] != nil {
		t.Fatalf("the issued key: %s", a.Body)
	}
	if n := keyCount(t, srv, srv.Secret); n != before+1 {
		t.Fatalf("%d keys after approval, want %d", n, before+1)
	}
	// The request and the developer record the key.
	call(t, srv, "GET", "/api/portal/requests/"+req, nil).Into(t, &r)
	var d model.PortalDeveloper
	call(t, srv, "GET", "/api/portal/developers/"+dev, nil).Into(t, &d)
	if !r.Approved || r.Key == "" || len(d.Keys[r.Key]) != 1 || d.Keys[r.Key][0] != pol || d.Subscriptions[pol] != r.Key {
		t.Fatalf("after approval: request %+v, developer keys %v subscriptions %v", r, d.Keys, d.Subscriptions)
	}
	// Approving again issues nothing.
	wantError(t, callAs(t, srv, approver, "PUT", "/api/portal/requests/approve/"+req, nil), http.StatusBadRequest, "already approved")
	if n := keyCount(t, srv, srv.Secret); n != before+1 {
		t.Fatalf("a second approval made a key: %d keys", n)
	}

	// A request whose policy is gone is not approved, and no key is made.
	wantOK(t, call(t, srv, "DELETE", "/api/portal/policies/"+other, nil), "")
	wantError(t, call(t, srv, "PUT", "/api/portal/requests/approve/"+planReq, nil), http.StatusBadRequest, "does not exist")
	call(t, srv, "GET", "/api/portal/requests/"+planReq, nil).Into(t, &r)
	if r.Approved || keyCount(t, srv, srv.Secret) != before+1 {
		t.Fatalf("a refused approval changed something: %+v", r)
	}

	// Bad input.
	theirPol := createPortalPolicyAs(t, srv, them, "theirs")
	for body, msg := range map[string]string{
		`{"apply_policies":["` + pol + `"]}`:                                       "by_user",
		`{"by_user":"0123456789abcdef0123ffff","apply_policies":["` + pol + `"]}`:  "does not exist",
		`{"by_user":"` + dev + `"}`:                                                "apply_policies (or for_plan)",
		`{"by_user":"` + dev + `","apply_policies":["nope"]}`:                      `policy "nope" does not exist`,
		`{"by_user":"` + dev + `","apply_policies":["` + theirPol + `"]}`:          "does not exist",
		`{"by_user":"` + dev + `","apply_policies":["` + pol + `","` + pol + `"]}`: "named twice",
		`{"by_user":7}`: "",
	} {
		wantError(t, call(t, srv, "POST", "/api/portal/requests", body), http.StatusBadRequest, msg)
		wantError(t, call(t, srv, "PUT", "/api/portal/requests/"+req, body), http.StatusBadRequest, msg)
	}

	// Not found.
	const missing = "0123456789abcdef0123ffff"
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		wantError(t, call(t, srv, m, "/api/portal/requests/"+missing, map[string]any{"by_user": dev, "apply_policies": []string{pol}}), http.StatusNotFound, "Could not retrieve key request.")
	}
	wantError(t, call(t, srv, "PUT", "/api/portal/requests/approve/"+missing, nil), http.StatusNotFound, "")

	// Another org sees none of ours, cannot approve ours nor ask for our
	// developer or policy.
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/requests/"+req, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "PUT", "/api/portal/requests/approve/"+planReq, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "DELETE", "/api/portal/requests/"+req, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "POST", "/api/portal/requests", map[string]any{"by_user": dev, "apply_policies": []string{theirPol}}), http.StatusBadRequest, "does not exist")
	theirDev := wantOK(t, callAs(t, srv, them, "POST", "/api/portal/developers", map[string]any{"email": "t@x.example"}), "").Message
	wantError(t, callAs(t, srv, them, "POST", "/api/portal/requests", map[string]any{"by_user": theirDev, "apply_policies": []string{pol}}), http.StatusBadRequest, "does not exist")
	callAs(t, srv, them, "GET", "/api/portal/requests", nil).Into(t, &list)
	if len(list.Data) != 0 {
		t.Fatalf("the other org lists our requests: %+v", list)
	}

	// A reader reads, and cannot write or approve.
	_, reader := newUser(t, srv, "requests-reader@example.com", map[string]string{"portal": "read", "keys": "write"})
	want(t, callAs(t, srv, reader, "GET", "/api/portal/requests", nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/portal/requests/"+req, nil), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/requests", map[string]any{"by_user": dev, "apply_policies": []string{pol}}), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "PUT", "/api/portal/requests/approve/"+planReq, nil), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/portal/requests/"+req, nil), http.StatusForbidden, "access denied")

	wantOK(t, call(t, srv, "DELETE", "/api/portal/requests/"+req, nil), "Data deleted")
	wantError(t, call(t, srv, "GET", "/api/portal/requests/"+req, nil), http.StatusNotFound, "")
	// The key it issued stays.
	want(t, call(t, srv, "GET", "/api/keys/"+approval.RawKey, nil), http.StatusOK)
}

// createPortalPolicyAs creates a policy with the given secret's user.
func createPortalPolicyAs(t *testing.T, srv *memserver.Server, secret, name string) string {
	t.Helper()
	return wantOK(t, callAs(t, srv, secret, "POST", "/api/portal/policies", map[string]any{"name": name, "active": true, "rate": 1, "per": 1,
		"access_rights": map[string]any{}}), "").Message
}
