package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// rights returns access rights to the given APIs, all versions "Default".
func rights(apis ...*client.CreatedAPI) map[string]model.AccessDefinition {
	r := map[string]model.AccessDefinition{}
	for _, a := range apis {
		r[a.APIID] = model.AccessDefinition{APIID: a.APIID, Versions: []string{"Default"}}
	}
	return r
}

// TestKeyUpdateReachesASecondAPI is the scenario of a user who automated
// deployments through the Dashboard API: API 1, a key for API 1, API 2, then
// an update of the key so that it reaches both. The key keeps its id and
// its token, whether the update names an API or not.
func TestKeyUpdateReachesASecondAPI(t *testing.T) {
	t.Parallel()
	for _, byAPI := range []bool{false, true} {
		t.Run(fmt.Sprintf("byAPI=%v", byAPI), func(t *testing.T) {
			t.Parallel()
			_, c := start(t)
			ctx := context.Background()

			api1 := mustCreateAPI(t, c, "Service 1", "/service1/")
			key, err := c.Keys.Create(ctx, &model.SessionState{
				Rate: 100, Per: 60, QuotaMax: -1, AccessRights: rights(api1),
			})
			if err != nil {
				t.Fatalf("create key: %v", err)
			}
			if key.KeyID == "" {
				t.Fatal("no key id")
			}
			api2 := mustCreateAPI(t, c, "Service 2", "/service2/")

			got, err := c.Keys.Get(ctx, key.KeyID)
			if err != nil {
				t.Fatal(err)
			}
			session := got.Data
			session.AccessRights = rights(api1, api2)
			var updated *model.KeyData
			if byAPI {
				updated, err = c.Keys.UpdateForAPI(ctx, api1.APIID, key.KeyID, &session)
			} else {
				updated, err = c.Keys.Update(ctx, key.KeyID, &session)
			}
			if err != nil {
				t.Fatalf("update key: %v", err)
			}
			// Where keys are hashed the Dashboard names a key by its hash
			// after creation; either way it is the same key.
			sameKey := func(what string, k *model.KeyData) {
				t.Helper()
				if k.KeyHash != key.KeyHash || (k.KeyID != key.KeyID && k.KeyID != key.KeyHash) {
					t.Errorf("%s: key %q (hash %q), want %q (hash %q)", what, k.KeyID, k.KeyHash, key.KeyID, key.KeyHash)
				}
			}
			sameKey("update", updated)

			// The token the client holds still works.
			after, err := c.Keys.Get(ctx, key.KeyID)
			if err != nil {
				t.Fatalf("get key by its token after update: %v", err)
			}
			sameKey("get", after)
			for _, a := range []*client.CreatedAPI{api1, api2} {
				if _, ok := after.Data.AccessRights[a.APIID]; !ok {
					t.Errorf("key does not reach %s", a.APIID)
				}
				if _, err := c.Keys.GetForAPI(ctx, a.APIID, key.KeyID); err != nil {
					t.Errorf("GetForAPI(%s): %v", a.APIID, err)
				}
			}
			ids := collect(t, c.Keys.AllForAPI(ctx, api2.APIID, client.ListOptions{}))
			if len(ids) != 1 {
				t.Errorf("API 2 has %d keys, want 1", len(ids))
			}
		})
	}
}

func TestKeysCRUD(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "Keyed", "/keyed/")

	custom, err := c.Keys.CreateCustom(ctx, "my-custom-key", &model.SessionState{AccessRights: rights(api)})
	if err != nil {
		t.Fatalf("CreateCustom: %v", err)
	}
	// A custom name becomes the token of its org and name, as the gateway
	// makes it (GATEWAY-PROTOCOL.md).
	if _, name, _, ok := model.ParseKeyToken(custom.KeyID); !ok || name != "my-custom-key" {
		t.Errorf("custom key id = %q", custom.KeyID)
	}
	if _, err := c.Keys.CreateCustom(ctx, "my-custom-key", &model.SessionState{AccessRights: rights(api)}); err == nil {
		t.Error("CreateCustom of an existing key: no error")
	}

	preview, err := c.Keys.Preview(ctx, &model.SessionState{Rate: 5, Per: 1, AccessRights: rights(api)})
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	if preview.Data.Rate != 5 {
		t.Errorf("preview rate = %v", preview.Data.Rate)
	}

	// Unknown members of a session survive an update.
	got, err := c.Keys.Get(ctx, custom.KeyID)
	if err != nil {
		t.Fatal(err)
	}
	s := got.Data
	s.Extra = model.Extra{"x_future": json.RawMessage(`"kept"`)}
	s.Alias = "renamed"
	if _, err := c.Keys.Update(ctx, custom.KeyID, &s, client.KeySuppressReset()); err != nil {
		t.Fatalf("Update: %v", err)
	}
	got, err = c.Keys.Get(ctx, custom.KeyID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Data.Alias != "renamed" || string(got.Data.Extra["x_future"]) != `"kept"` {
		t.Errorf("after update: alias %q, extra %v", got.Data.Alias, got.Data.Extra)
	}

	// By hash.
	if got.KeyHash != "" {
		byHash, err := c.Keys.Get(ctx, got.KeyHash, client.KeyHashed())
		if err != nil {
			t.Errorf("Get by hash: %v", err)
		} else if byHash.Data.Alias != "renamed" {
			t.Errorf("Get by hash: alias %q", byHash.Data.Alias)
		}
		for _, id := range []string{custom.KeyID, got.KeyHash} {
			if _, err := c.Keys.Get(ctx, id, client.KeyAutoGuess()); err != nil {
				t.Errorf("Get(%s) with auto_guess: %v", id, err)
			}
		}
	}

	detailed := collect(t, c.Keys.AllDetailed(ctx, client.ListDetailedOptions{}))
	if len(detailed) != 1 || detailed[0].Data.Alias != "renamed" {
		t.Errorf("AllDetailed = %d keys", len(detailed))
	}
	if ids := collect(t, c.Keys.All(ctx, client.ListOptions{})); len(ids) != 1 {
		t.Errorf("All = %v", ids)
	}
	if page, err := c.Keys.Search(ctx, api.APIID, "my-custom", client.ListOptions{}); err != nil {
		t.Errorf("Search: %v", err)
	} else if len(page.Items) != 1 {
		t.Errorf("Search = %v", page.Items)
	}

	if err := c.Keys.DeleteForAPI(ctx, api.APIID, custom.KeyID); err != nil {
		t.Fatalf("DeleteForAPI: %v", err)
	}
	if _, err := c.Keys.Get(ctx, custom.KeyID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after delete: %v, want ErrNotFound", err)
	}
	if err := c.Keys.Delete(ctx, custom.KeyID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Delete of a deleted key: %v, want ErrNotFound", err)
	}
	if _, err := c.Keys.Update(ctx, custom.KeyID, &s); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Update of a deleted key: %v, want ErrNotFound", err)
	}
}

func TestKeysBasicAuth(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "Basic", "/basic/")
	key, err := c.Keys.CreateBasic(ctx, "alice", &model.SessionState{
		AccessRights: rights(api), BasicAuthData: model.BasicAuthData{Password: "s3cret-pass"},
	})
	if err != nil {
		t.Fatalf("CreateBasic: %v", err)
	}
	if want := model.BasicAuthKeyID(srv.OrgID, "alice"); key.KeyID != want {
		t.Errorf("basic key id = %q, want %q", key.KeyID, want)
	}
	if _, err := c.Keys.Get(ctx, "alice", client.KeyUsername()); err != nil {
		t.Errorf("Get by username: %v", err)
	}
}

func TestKeysPolicyApplied(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "Policed", "/policed/")
	polID, err := c.Policies.Create(ctx, &model.Policy{Name: "Gold", Active: true, Rate: 1000, Per: 1,
		QuotaMax: -1, AccessRights: rights(api)})
	if err != nil {
		t.Fatal(err)
	}
	key, err := c.Keys.Create(ctx, &model.SessionState{ApplyPolicies: []string{polID}})
	if err != nil {
		t.Fatalf("create key with a policy: %v", err)
	}
	if key.Data.Rate != 1000 {
		t.Errorf("rate = %v, want the policy's 1000", key.Data.Rate)
	}
	if _, ok := key.Data.AccessRights[api.APIID]; !ok {
		t.Errorf("key lacks the policy's access rights: %v", key.Data.AccessRights)
	}
}

func TestKeysPermissionsAndInvalid(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "K", "/k/")
	key, err := c.Keys.Create(ctx, &model.SessionState{AccessRights: rights(api)})
	if err != nil {
		t.Fatal(err)
	}
	reader := userClient(t, srv, model.UserPermissions{"keys": model.PermRead})
	if _, err := reader.Keys.Get(ctx, key.KeyID); err != nil {
		t.Errorf("reader Get: %v", err)
	}
	if _, err := reader.Keys.Update(ctx, key.KeyID, &key.Data); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Update: %v, want ErrForbidden", err)
	}
	if _, err := reader.Keys.Create(ctx, &model.SessionState{}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Create: %v, want ErrForbidden", err)
	}
	// A policy that does not exist.
	if _, err := c.Keys.Create(ctx, &model.SessionState{ApplyPolicies: []string{"0123456789abcdef01234567"}}); !errors.Is(err, client.ErrInvalid) && !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Create with an unknown policy: %v, want ErrInvalid or ErrNotFound", err)
	}
}

func TestKeysPagination(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(3))
	ctx := context.Background()
	api := mustCreateAPI(t, c, "Many keys", "/many/")
	for range 7 {
		if _, err := c.Keys.Create(ctx, &model.SessionState{AccessRights: rights(api)}); err != nil {
			t.Fatal(err)
		}
	}
	first, err := c.Keys.List(ctx, client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Items) != 3 || first.Pages != 3 {
		t.Errorf("first page: %d ids of %d pages", len(first.Items), first.Pages)
	}
	seen := map[string]bool{}
	for _, id := range collect(t, c.Keys.All(ctx, client.ListOptions{})) {
		seen[id] = true
	}
	if len(seen) != 7 {
		t.Errorf("All: %d distinct ids, want 7", len(seen))
	}
	if n := len(collect(t, c.Keys.AllDetailed(ctx, client.ListDetailedOptions{}))); n != 7 {
		t.Errorf("AllDetailed: %d keys, want 7", n)
	}
	if n := len(collect(t, c.Keys.AllForAPI(ctx, api.APIID, client.ListOptions{}))); n != 7 {
		t.Errorf("AllForAPI: %d keys, want 7", n)
	}
}
