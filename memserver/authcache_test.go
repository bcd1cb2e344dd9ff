package memserver_test

import (
	"context"
	"net/http"
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
