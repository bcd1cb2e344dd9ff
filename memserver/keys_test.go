package memserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func session(apiIDs ...string) map[string]any {
	rights := map[string]any{}
	for _, id := range apiIDs {
		rights[id] = map[string]any{"api_id": id, "versions": []string{"Default"}}
	}
	return map[string]any{"rate": 1000, "per": 60, "quota_max": 100, "access_rights": rights}
}

// TestKeyUpdateKeepsIDAndToken is the scenario of the key-update thread:
// create API 1, a key for it, API 2, then update the key to reach both, by
// either update route.
func TestKeyUpdateKeepsIDAndToken(t *testing.T) {
	t.Parallel()
	for _, route := range []string{"/api/keys/%s", "/api/apis/%a/keys/%s"} {
		t.Run(route, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			_, api1 := createClassic(t, srv, "service1")
			a := call(t, srv, "POST", "/api/keys", session(api1))
			want(t, a, http.StatusOK)
			var created model.KeyData
			a.Into(t, &created)
			if org, id, algo, ok := model.ParseKeyToken(created.KeyID); !ok || org != srv.OrgID || len(id) != 32 || algo != model.HashMurmur64 {
				t.Fatalf("generated key %q is not a murmur64 token of the org", created.KeyID)
			}
			_, api2 := createClassic(t, srv, "service2")

			path := strings.NewReplacer("%a", api1, "%s", created.KeyID).Replace(route)
			a = call(t, srv, "PUT", path, session(api1, api2))
			want(t, a, http.StatusOK)
			var updated model.KeyData
			a.Into(t, &updated)
			if updated.KeyHash != created.KeyHash {
				t.Fatalf("hash changed from %s to %s", created.KeyHash, updated.KeyHash)
			}

			a = call(t, srv, "GET", "/api/keys/"+created.KeyID, nil)
			want(t, a, http.StatusOK)
			var got model.KeyData
			a.Into(t, &got)
			if len(got.Data.AccessRights) != 2 {
				t.Fatalf("access rights after update: %v", got.Data.AccessRights)
			}
			if got.Data.AccessRights[api2].APIName != "service2" {
				t.Errorf("api_name not filled in: %+v", got.Data.AccessRights[api2])
			}
			// Both APIs list the same key.
			for _, api := range []string{api1, api2} {
				a = call(t, srv, "GET", "/api/apis/"+api+"/keys", nil)
				var l model.KeyListResponse
				a.Into(t, &l)
				if len(l.Data.Keys) != 1 || l.Data.Keys[0] != created.KeyHash {
					t.Errorf("keys of %s: %v", api, l.Data.Keys)
				}
			}
		})
	}
}

func TestKeysLookupsAndLists(t *testing.T) {
	t.Parallel()
	// Legacy keys (no hash function): a custom key keeps its name.
	srv := newServer(t, memserver.WithHashKeys(false), memserver.WithKeyHashFunction(""))
	_, api := createClassic(t, srv, "svc")

	a := call(t, srv, "POST", "/api/keys/my-custom-key", session(api))
	want(t, a, http.StatusOK)
	var custom model.KeyData
	a.Into(t, &custom)
	if custom.KeyID != "my-custom-key" || len(custom.KeyHash) != 8 {
		t.Fatalf("custom key %q hash %q", custom.KeyID, custom.KeyHash)
	}
	wantError(t, call(t, srv, "POST", "/api/keys/my-custom-key", session(api)), http.StatusConflict, "exists")

	basic := session(api)
	basic["basic_auth_data"] = map[string]any{"password": "test123"}
	a = call(t, srv, "POST", "/api/apis/keys/basic/test-user", basic)
	want(t, a, http.StatusOK)
	var b model.KeyData
	a.Into(t, &b)
	if b.KeyID != srv.OrgID+"test-user" {
		t.Fatalf("basic auth key id %q", b.KeyID)
	}
	wantError(t, call(t, srv, "POST", "/api/apis/keys/basic/nopass", session(api)), http.StatusBadRequest, "password")

	for _, path := range []string{
		"/api/keys/" + custom.KeyHash + "?hashed=true",
		"/api/keys/" + custom.KeyHash + "?auto_guess=true",
		"/api/keys/my-custom-key?auto_guess=true",
		"/api/keys/test-user?username=true",
		"/api/apis/" + api + "/keys/my-custom-key",
	} {
		want(t, call(t, srv, "GET", path, nil), http.StatusOK)
	}
	wantError(t, call(t, srv, "GET", "/api/keys/"+custom.KeyHash, nil), http.StatusNotFound, "Key not found")
	wantError(t, call(t, srv, "GET", "/api/apis/nope/keys/my-custom-key", nil), http.StatusNotFound, "")

	a = call(t, srv, "GET", "/api/apis/keys", nil)
	var l model.KeyListResponse
	a.Into(t, &l)
	if len(l.Data.Keys) != 2 {
		t.Fatalf("keys: %v", l.Data.Keys)
	}
	a = call(t, srv, "GET", "/api/keys/detailed", nil)
	want(t, a, http.StatusOK)
	var d model.KeyDetailListResponse
	a.Into(t, &d)
	if len(d.Keys) != 2 {
		t.Fatalf("detailed keys: %d", len(d.Keys))
	}
	a = call(t, srv, "GET", "/api/apis/"+api+"/keys/search?q=custom", nil)
	a.Into(t, &l)
	if len(l.Data.Keys) != 1 || l.Data.Keys[0] != "my-custom-key" {
		t.Fatalf("search: %v", l.Data.Keys)
	}

	want(t, call(t, srv, "DELETE", "/api/apis/"+api+"/keys/my-custom-key", nil), http.StatusOK)
	want(t, call(t, srv, "DELETE", "/api/keys/test-user?username=true", nil), http.StatusOK)
	wantError(t, call(t, srv, "DELETE", "/api/keys/my-custom-key", nil), http.StatusNotFound, "Key not found")
}

func TestKeyValidation(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	wantError(t, call(t, srv, "POST", "/api/keys", session("missing-api")), http.StatusBadRequest, "API missing-api does not exist")
	wantError(t, call(t, srv, "POST", "/api/keys", map[string]any{"rate": 1}), http.StatusBadRequest, "access_rights")
	wantError(t, call(t, srv, "POST", "/api/keys", `{"rate":"fast"}`), http.StatusBadRequest, "rate")
	s := session()
	s["apply_policies"] = []string{"nope"}
	wantError(t, call(t, srv, "POST", "/api/keys", s), http.StatusBadRequest, "policy nope does not exist")
	a := call(t, srv, "GET", "/api/apis/keys", nil)
	if string(a.Body) != `{"data":{"keys":[]},"pages":1}` {
		t.Fatalf("keys stored by failed requests: %s", a.Body)
	}
}

func TestKeyApplyPolicies(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, api := createClassic(t, srv, "svc")
	pol := map[string]any{
		"name": "gold", "id": "gold", "active": true, "rate": 50, "per": 1, "quota_max": 5000, "key_expires_in": 3600,
		"access_rights": map[string]any{api: map[string]any{"api_id": api, "versions": []string{"Default"}}},
	}
	a := call(t, srv, "POST", "/api/portal/policies", pol)
	want(t, a, http.StatusOK)
	polID := a.JSON(t)["Message"].(string)

	for _, ref := range []string{polID, "gold"} {
		s := map[string]any{"apply_policies": []string{ref}, "rate": 1, "per": 1, "quota_max": 1}
		a = call(t, srv, "POST", "/api/keys/preview", s)
		want(t, a, http.StatusOK)
		a = call(t, srv, "POST", "/api/keys", s)
		want(t, a, http.StatusOK)
		var k model.KeyData
		a.Into(t, &k)
		if k.Data.Rate != 50 || k.Data.QuotaMax != 5000 || k.Data.Expires == 0 {
			t.Fatalf("policy %s not applied: rate %v quota %d expires %d", ref, k.Data.Rate, k.Data.QuotaMax, k.Data.Expires)
		}
		if _, ok := k.Data.AccessRights[api]; !ok {
			t.Fatalf("policy %s access rights not applied: %v", ref, k.Data.AccessRights)
		}
		// An update applies the policies again over the body's own limits.
		s["rate"] = 2
		a = call(t, srv, "PUT", "/api/keys/"+k.KeyID, s)
		want(t, a, http.StatusOK)
		a.Into(t, &k)
		if k.Data.Rate != 50 {
			t.Fatalf("update: rate %v, want the policy's 50", k.Data.Rate)
		}
	}
}

func TestKeyAnswerEncoding(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithHashKeys(false), memserver.WithKeyHashFunction(""))
	_, api := createClassic(t, srv, "svc")
	a := call(t, srv, "POST", "/api/keys/cl%C3%A9-%22quoted%22-%3Cx%3E", session(api))
	want(t, a, http.StatusOK)
	var k model.KeyData
	a.Into(t, &k)
	if k.KeyID != `clé-"quoted"-<x>` || k.Data.Rate != 1000 || string(k.APIModel) != "{}" {
		t.Fatalf("key %q: %s", k.KeyID, a.Body)
	}
}
