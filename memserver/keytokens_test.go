package memserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Keys are made as the gateway makes them (GATEWAY-PROTOCOL.md, "Key
// tokens"; storage.GenerateToken and storage.HashStr of the gateway).
func TestGeneratedKeysAreGatewayTokens(t *testing.T) {
	t.Parallel()
	for algo, hexLen := range map[string]int{"": 16, model.HashMurmur32: 8, model.HashMurmur64: 16, model.HashMurmur128: 32, model.HashSHA256: 64} {
		t.Run("hash="+algo, func(t *testing.T) {
			t.Parallel()
			var opts []memserver.Option
			wantAlgo := model.HashMurmur64 // the default
			if algo != "" {
				opts, wantAlgo = append(opts, memserver.WithKeyHashFunction(algo)), algo
			}
			srv := newServer(t, opts...)
			_, api := createClassic(t, srv, "svc")
			a := call(t, srv, "POST", "/api/keys", session(api))
			want(t, a, http.StatusOK)
			var k model.KeyData
			a.Into(t, &k)
			org, id, h, ok := model.ParseKeyToken(k.KeyID)
			if !ok || org != srv.OrgID || h != wantAlgo || len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
				t.Fatalf("key %s: org %q id %q h %q", k.KeyID, org, id, h)
			}
			if len(k.KeyHash) != hexLen || k.KeyHash != model.KeyHash(k.KeyID) {
				t.Fatalf("hash %s of %s, want %d hex of the token's algorithm", k.KeyHash, k.KeyID, hexLen)
			}
			want200(t, call(t, srv, "GET", "/api/keys/"+k.KeyID, nil))
			want200(t, call(t, srv, "GET", "/api/keys/"+k.KeyHash+"?hashed=true", nil))
		})
	}
}

func TestUnknownKeyHashFunctionFailsAtStart(t *testing.T) {
	t.Parallel()
	_, err := memserver.NewServer(memserver.WithKeyHashFunction("md5"))
	if err == nil || !strings.Contains(err.Error(), `"md5"`) || !strings.Contains(err.Error(), "murmur64") {
		t.Fatalf("err = %v, want one naming md5 and the functions there are", err)
	}
}

// TestCustomKeysOfTwoOrgs: a custom name is the token of its org and name,
// so two orgs each have their own key of that name, found by the name.
func TestCustomKeysOfTwoOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	_, ours := createClassic(t, srv, "ours")
	_, theirs := createClassicAs(t, srv, "their-admin", "theirs")

	var mine, their model.KeyData
	a := call(t, srv, "POST", "/api/keys/shared-name", session(ours))
	want(t, a, http.StatusOK)
	a.Into(t, &mine)
	a = callAs(t, srv, "their-admin", "POST", "/api/keys/shared-name", session(theirs))
	want(t, a, http.StatusOK)
	a.Into(t, &their)
	if mine.KeyID == their.KeyID || mine.KeyHash == their.KeyHash {
		t.Fatalf("two orgs' keys share id %s / hash %s", mine.KeyID, mine.KeyHash)
	}
	if mine.KeyID != model.NewKeyToken(srv.OrgID, "shared-name", model.HashMurmur64) {
		t.Fatalf("custom key %s is not the token of the org and name", mine.KeyID)
	}
	// Each finds its own by the name alone.
	var got model.KeyData
	callAs(t, srv, "their-admin", "GET", "/api/keys/shared-name", nil).Into(t, &got)
	if got.KeyHash != their.KeyHash || got.Data.AccessRights[theirs].APIID != theirs {
		t.Fatalf("their key by name: %+v", got)
	}
	call(t, srv, "GET", "/api/keys/shared-name", nil).Into(t, &got)
	if got.KeyHash != mine.KeyHash {
		t.Fatalf("our key by name: hash %s, want %s", got.KeyHash, mine.KeyHash)
	}
	wantError(t, call(t, srv, "POST", "/api/keys/shared-name", session(ours)), http.StatusConflict, "exists")
	want200(t, call(t, srv, "DELETE", "/api/keys/shared-name", nil))
	want200(t, callAs(t, srv, "their-admin", "GET", "/api/keys/shared-name", nil))
}

// TestGeneratedKeyNeverFailsOnCollision: a generated key whose hash is taken
// is made again instead of answering 409. Two servers with one seed make the
// same ids; the second one's store already holds another org's key with the
// hash of its next key.
func TestGeneratedKeyNeverFailsOnCollision(t *testing.T) {
	t.Parallel()
	opts := []memserver.Option{memserver.WithIDSeed(7), memserver.WithKeyHashFunction(model.HashMurmur32)}
	first := newServer(t, opts...)
	_, api := createClassic(t, first, "svc")
	var next model.KeyData
	call(t, first, "POST", "/api/keys", session(api)).Into(t, &next)

	srv := newServer(t, opts...)
	_, api2 := createClassic(t, srv, "svc")
	if api2 != api {
		t.Fatalf("seeded servers made api ids %s and %s", api, api2)
	}
	taken := &store.Key{ID: "another-orgs-key", Hash: next.KeyHash, OrgID: "0123456789abcdef01234567",
		Session: model.SessionState{OrgID: "0123456789abcdef01234567"}}
	if err := srv.Store().UpdateSessions(context.Background(), func(tx store.SessionsTx) error { return tx.InsertKey(taken) }); err != nil {
		t.Fatal(err)
	}
	a := call(t, srv, "POST", "/api/keys", session(api2))
	want(t, a, http.StatusOK)
	var k model.KeyData
	a.Into(t, &k)
	if k.KeyHash == next.KeyHash || k.KeyID == next.KeyID || k.KeyHash != model.KeyHash(k.KeyID) {
		t.Fatalf("key %s hash %s: the taken hash %s reached the caller", k.KeyID, k.KeyHash, next.KeyHash)
	}
	want200(t, call(t, srv, "GET", "/api/keys/"+k.KeyID, nil))
}

func want200(t testing.TB, a answer) {
	t.Helper()
	want(t, a, http.StatusOK)
}
