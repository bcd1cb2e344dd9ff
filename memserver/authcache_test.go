package memserver_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

// A secret that authenticated once is still looked at afresh after any
// write of definitions: a user deactivated, given fewer rights or moved to
// a group with fewer rights is refused from the next request on, whichever
// way the write reached the store.
func TestAuthenticationFollowsStoreWrites(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id, secret := newUser(t, srv, "cache@example.com", map[string]string{"apis": "read"})
	updateUser := func(change func(u *model.User)) {
		t.Helper()
		err := srv.Store().UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
			u, err := tx.GetUser(id)
			if err != nil {
				return err
			}
			change(u)
			return tx.UpdateUser(u)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for range 2 { // the second one answers from what the first one found
		want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusOK)
	}

	updateUser(func(u *model.User) { u.Active = false })
	wantError(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
	updateUser(func(u *model.User) { u.Active = true })
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusOK)

	updateUser(func(u *model.User) { u.UserPermissions = model.UserPermissions{"keys": "read"} })
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusForbidden)

	// A group's rights are its members' rights: changing the group
	// changes what the member may do at once.
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{
		"name": "Readers", "user_permissions": map[string]string{"apis": "read"},
	})
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	gid, _ := r.Meta.(string)
	updateUser(func(u *model.User) { u.GroupID = gid })
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusOK)
	want(t, call(t, srv, "PUT", "/api/usergroups/"+gid, map[string]any{"user_permissions": map[string]string{"keys": "read"}}), http.StatusOK)
	want(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusForbidden)

	want(t, call(t, srv, "DELETE", "/api/users/"+id, nil), http.StatusOK)
	wantError(t, callAs(t, srv, secret, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
}

// Servers sharing a store each see the other's writes to users at once:
// with WithSharedStore nothing of an authentication is kept.
func TestAuthenticationSharedStore(t *testing.T) {
	t.Parallel()
	shared := memstore.New()
	a := memserver.NewTest(t, memserver.WithSharedStore(shared))
	b := memserver.NewTest(t, memserver.WithSharedStore(shared))
	id, secret := newUser(t, a, "shared@example.com", map[string]string{"apis": "read"})
	for range 2 {
		want(t, callAs(t, b, secret, "GET", "/api/apis", nil), http.StatusOK)
	}
	want(t, call(t, a, "PUT", "/api/users/"+id+"/actions/revoke", nil), http.StatusOK)
	wantError(t, callAs(t, b, secret, "GET", "/api/apis", nil), http.StatusUnauthorized, "Not authorised")
}

// secretCountingStore is a real memstore that counts the lookups of a user
// by secret, the read a kept authentication saves.
type secretCountingStore struct {
	store.Store
	lookups atomic.Int64
}

type secretCountingReader struct {
	store.DefinitionsReader
	s *secretCountingStore
}

func (r secretCountingReader) GetUserByAccessKey(secret string) (*model.User, error) {
	r.s.lookups.Add(1)
	return r.DefinitionsReader.GetUserByAccessKey(secret)
}

func (s *secretCountingStore) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	return s.Store.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		return fn(secretCountingReader{DefinitionsReader: tx, s: s})
	})
}

// Writes that change nothing a secret authenticates (an API, a policy, the
// audit log's own writes) keep the authentications: the next request does
// not look its user up again. A write of a user does, at once.
func TestAuthenticationKeptAcrossOtherWrites(t *testing.T) {
	t.Parallel()
	cs := &secretCountingStore{Store: memstore.New()}
	srv := newServer(t, memserver.WithStore(cs))
	lookups := func() int64 { return cs.lookups.Load() }
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	first := lookups()
	if first == 0 {
		t.Fatal("the first request did not look its user up in the store")
	}
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	if n := lookups(); n != first {
		t.Fatalf("a second request looked its user up again (%d lookups, want %d)", n, first)
	}

	// An API written, a policy written, the audit log read (which writes
	// the queued records first): none of them is a user.
	want(t, call(t, srv, "POST", "/api/apis", map[string]any{"api_definition": map[string]any{
		"name": "Kept", "api_id": "kept-api", "use_keyless": true, "active": true,
		"proxy":        map[string]any{"listen_path": "/kept/", "target_url": "http://upstream.example"},
		"version_data": map[string]any{"not_versioned": true, "versions": map[string]any{"Default": map[string]any{"name": "Default"}}},
	}}), http.StatusOK)
	want(t, call(t, srv, "POST", "/api/portal/policies", map[string]any{
		"name": "Kept", "rate": 10, "per": 1, "quota_max": -1,
		"access_rights": map[string]any{"kept-api": map[string]any{"api_id": "kept-api", "versions": []string{"Default"}}},
	}), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/audit-logs", nil), http.StatusOK)
	want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	if n := lookups(); n != first {
		t.Fatalf("writes of an API, a policy and the audit log made requests look their user up again (%d lookups, want %d)", n, first)
	}

	// A user written (any change to a user): the next request reads its
	// user afresh, and the one after answers from memory again.
	err := srv.Store().UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
		u, err := tx.GetUser(srv.UserID)
		if err != nil {
			return err
		}
		u.FirstName = "Renamed"
		return tx.UpdateUser(u)
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		want(t, call(t, srv, "GET", "/api/apis", nil), http.StatusOK)
	}
	if n := lookups(); n != first+1 {
		t.Fatalf("after a user was written the next two requests looked %d times, want once", n-first)
	}
}
