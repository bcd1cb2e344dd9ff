package storetest

import (
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// crud is one collection's Insert, Get, Update and Delete, each in its own
// transaction.
type crud[T any] struct {
	make   func(n int) *T
	id     func(*T) string
	change func(*T) // makes a visible change for Update
	insert func(s store.Store, o *T) error
	get    func(s store.Store, id string) (*T, error)
	update func(s store.Store, o *T) error
	delete func(s store.Store, id string) error
}

func inDefs(s store.Store, fn func(store.DefinitionsTx) error) error {
	return s.UpdateDefinitions(ctx, fn)
}

func readDefs[T any](s store.Store, fn func(store.DefinitionsReader) (*T, error)) (*T, error) {
	var out *T
	err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		var err error
		out, err = fn(tx)
		return err
	})
	return out, err
}

func runCRUD[T any](t *testing.T, s store.Store, c crud[T]) {
	t.Helper()
	a, b := c.make(1), c.make(2)
	noErr(t, "insert", c.insert(s, a))
	noErr(t, "insert second", c.insert(s, b))

	got, err := c.get(s, c.id(a))
	noErr(t, "get", err)
	if d := diff(a, got); d != "" {
		t.Errorf("get after insert (-want +got):\n%s", d)
	}

	wantErr(t, "insert of an existing id", c.insert(s, c.make(1)), store.ErrConflict)

	changed := c.make(1)
	c.change(changed)
	noErr(t, "update", c.update(s, changed))
	got, err = c.get(s, c.id(a))
	noErr(t, "get after update", err)
	if d := diff(changed, got); d != "" {
		t.Errorf("get after update (-want +got):\n%s", d)
	}
	got, err = c.get(s, c.id(b))
	noErr(t, "get the other", err)
	if d := diff(b, got); d != "" {
		t.Errorf("update changed another object (-want +got):\n%s", d)
	}

	missing := c.make(99)
	wantErr(t, "update of a missing object", c.update(s, missing), store.ErrNotFound)

	noErr(t, "delete", c.delete(s, c.id(a)))
	_, err = c.get(s, c.id(a))
	wantErr(t, "get after delete", err, store.ErrNotFound)
	wantErr(t, "delete again", c.delete(s, c.id(a)), store.ErrNotFound)
	wantErr(t, "get of an id never stored", func() error { _, err := c.get(s, c.id(missing)); return err }(), store.ErrNotFound)
	if _, err := c.get(s, c.id(b)); err != nil {
		t.Errorf("delete removed another object: %v", err)
	}
}

func testCRUD(t *testing.T, s store.Store) {
	t.Run("organisations", func(t *testing.T) {
		runCRUD(t, s, crud[model.Organisation]{
			make:   func(n int) *model.Organisation { return newOrg(oid(n), "org") },
			id:     func(o *model.Organisation) string { return o.ID },
			change: func(o *model.Organisation) { o.OwnerName = "renamed"; o.AdditionalPermissions["x"] = "X" },
			insert: func(s store.Store, o *model.Organisation) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertOrg(o) })
			},
			get: func(s store.Store, id string) (*model.Organisation, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.Organisation, error) { return tx.GetOrg(id) })
			},
			update: func(s store.Store, o *model.Organisation) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateOrg(o) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteOrg(id) })
			},
		})
	})
	t.Run("users", func(t *testing.T) {
		runCRUD(t, s, crud[model.User]{
			make:   func(n int) *model.User { return newUser(orgA, n) },
			id:     func(u *model.User) string { return u.ID },
			change: func(u *model.User) { u.FirstName = "Renamed"; u.PasswordHash = "$2a$10$other" },
			insert: func(s store.Store, u *model.User) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertUser(u) })
			},
			get: func(s store.Store, id string) (*model.User, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.User, error) { return tx.GetUser(id) })
			},
			update: func(s store.Store, u *model.User) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateUser(u) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteUser(id) })
			},
		})
	})
	t.Run("user groups", func(t *testing.T) {
		runCRUD(t, s, crud[model.UserGroup]{
			make:   func(n int) *model.UserGroup { return newGroup(orgA, n) },
			id:     func(g *model.UserGroup) string { return g.ID },
			change: func(g *model.UserGroup) { g.UserPermissions["apis"] = model.PermDeny },
			insert: func(s store.Store, g *model.UserGroup) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertUserGroup(g) })
			},
			get: func(s store.Store, id string) (*model.UserGroup, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.UserGroup, error) { return tx.GetUserGroup(id) })
			},
			update: func(s store.Store, g *model.UserGroup) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateUserGroup(g) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteUserGroup(id) })
			},
		})
	})
	t.Run("APIs", func(t *testing.T) {
		runCRUD(t, s, crud[model.APIDefinitionWrapper]{
			make: func(n int) *model.APIDefinitionWrapper { return newAPI(orgA, n, "api") },
			id:   func(a *model.APIDefinitionWrapper) string { return a.APIDefinition.ID },
			change: func(a *model.APIDefinitionWrapper) {
				a.APIDefinition.Name = "renamed #cat"
				a.Categories = []string{"x"}
			},
			insert: func(s store.Store, a *model.APIDefinitionWrapper) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertAPI(a) })
			},
			get: func(s store.Store, id string) (*model.APIDefinitionWrapper, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.APIDefinitionWrapper, error) { return tx.GetAPI(id) })
			},
			update: func(s store.Store, a *model.APIDefinitionWrapper) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateAPI(a) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteAPI(id) })
			},
		})
	})
	t.Run("policies", func(t *testing.T) {
		runCRUD(t, s, crud[model.Policy]{
			make:   func(n int) *model.Policy { return newPolicy(orgA, n, "policy") },
			id:     func(p *model.Policy) string { return p.MID },
			change: func(p *model.Policy) { p.Rate = 5; p.AccessRights["api2"] = model.AccessDefinition{APIID: "api2"} },
			insert: func(s store.Store, p *model.Policy) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertPolicy(p) })
			},
			get: func(s store.Store, id string) (*model.Policy, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.Policy, error) { return tx.GetPolicy(id) })
			},
			update: func(s store.Store, p *model.Policy) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdatePolicy(p) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeletePolicy(id) })
			},
		})
	})
	t.Run("OAuth clients", func(t *testing.T) {
		runCRUD(t, s, crud[model.OAuthClient]{
			make:   func(n int) *model.OAuthClient { return newClient(orgA, "api1", n) },
			id:     func(c *model.OAuthClient) string { return c.ClientID },
			change: func(c *model.OAuthClient) { c.ClientRedirectURI = "http://other"; c.MetaData["m"] = "2" },
			insert: func(s store.Store, c *model.OAuthClient) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertOAuthClient(c) })
			},
			get: func(s store.Store, id string) (*model.OAuthClient, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.OAuthClient, error) { return tx.GetOAuthClient(id) })
			},
			update: func(s store.Store, c *model.OAuthClient) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateOAuthClient(c) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteOAuthClient(id) })
			},
		})
	})
	t.Run("webhooks", func(t *testing.T) {
		runCRUD(t, s, crud[model.WebHookHandlerConf]{
			make:   func(n int) *model.WebHookHandlerConf { return newWebhook(orgA, n) },
			id:     func(h *model.WebHookHandlerConf) string { return h.ID },
			change: func(h *model.WebHookHandlerConf) { h.HeaderList["Y"] = "2"; h.Method = "PUT" },
			insert: func(s store.Store, h *model.WebHookHandlerConf) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertWebhook(h) })
			},
			get: func(s store.Store, id string) (*model.WebHookHandlerConf, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.WebHookHandlerConf, error) { return tx.GetWebhook(id) })
			},
			update: func(s store.Store, h *model.WebHookHandlerConf) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateWebhook(h) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteWebhook(id) })
			},
		})
	})
	t.Run("assets", func(t *testing.T) {
		runCRUD(t, s, crud[model.Asset]{
			make:   func(n int) *model.Asset { return newAsset(orgA, n) },
			id:     func(a *model.Asset) string { return a.MID },
			change: func(a *model.Asset) { a.Data = []byte(`{"info":{"title":"changed"}}`) },
			insert: func(s store.Store, a *model.Asset) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertAsset(a) })
			},
			get: func(s store.Store, id string) (*model.Asset, error) {
				return readDefs(s, func(tx store.DefinitionsReader) (*model.Asset, error) { return tx.GetAsset(id) })
			},
			update: func(s store.Store, a *model.Asset) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdateAsset(a) })
			},
			delete: func(s store.Store, id string) error {
				return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteAsset(id) })
			},
		})
	})
	t.Run("keys", func(t *testing.T) {
		runCRUD(t, s, crud[store.Key]{
			make: func(n int) *store.Key { return newKey(orgA, n, "api1") },
			id:   func(k *store.Key) string { return k.ID },
			change: func(k *store.Key) {
				k.Session.QuotaRemaining = 7
				k.Session.AccessRights["api2"] = model.AccessDefinition{APIID: "api2"}
			},
			insert: func(s store.Store, k *store.Key) error {
				return s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(k) })
			},
			get: func(s store.Store, id string) (*store.Key, error) {
				var out *store.Key
				err := s.ViewSessions(ctx, func(tx store.SessionsReader) error {
					var err error
					out, err = tx.GetKey(id)
					return err
				})
				return out, err
			},
			update: func(s store.Store, k *store.Key) error {
				return s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.UpdateKey(k) })
			},
			delete: func(s store.Store, id string) error {
				return s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.DeleteKey(id) })
			},
		})
	})
	t.Run("portal objects", func(t *testing.T) { runCRUD(t, s, portalCRUD()) })
	t.Run("SSO nonces", func(t *testing.T) {
		n := &store.SSONonce{Nonce: "nonce1", OrgID: orgA, ExpiresAt: time.Date(2024, 1, 1, 0, 1, 0, 0, time.UTC),
			Data: model.SSOAccessData{ForSection: "dashboard", EmailAddress: "a@example.com"}}
		defs(t, s, func(tx store.DefinitionsTx) error { return tx.InsertSSONonce(n) })
		wantErr(t, "insert of a nonce again", inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertSSONonce(n) }), store.ErrConflict)
		got, err := readDefs(s, func(tx store.DefinitionsReader) (*store.SSONonce, error) { return tx.GetSSONonce("nonce1") })
		noErr(t, "get nonce", err)
		if d := diff(n, got); d != "" {
			t.Errorf("nonce (-want +got):\n%s", d)
		}
		defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteSSONonce("nonce1") })
		_, err = readDefs(s, func(tx store.DefinitionsReader) (*store.SSONonce, error) { return tx.GetSSONonce("nonce1") })
		wantErr(t, "get of a deleted nonce", err, store.ErrNotFound)
		wantErr(t, "delete of a deleted nonce", inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeleteSSONonce("nonce1") }), store.ErrNotFound)
	})
	t.Run("OAuth tokens", func(t *testing.T) {
		defs(t, s, func(tx store.DefinitionsTx) error {
			if err := tx.InsertOAuthClient(newClient(orgA, "api1", 50)); err != nil {
				return err
			}
			for i, c := range []string{"client50", "client50", "client51"} {
				tok := &model.OAuthClientToken{Code: "code" + string(rune('a'+i)), Expires: int64(i), ClientID: c, OrgID: orgA}
				if err := tx.InsertOAuthToken(tok); err != nil {
					return err
				}
			}
			return nil
		})
		toks, err := readList(s, func(tx store.DefinitionsReader) ([]model.OAuthClientToken, error) {
			return tx.ListOAuthTokens("client50")
		})
		noErr(t, "list tokens", err)
		want := []model.OAuthClientToken{{Code: "codea", Expires: 0, ClientID: "client50", OrgID: orgA}, {Code: "codeb", Expires: 1, ClientID: "client50", OrgID: orgA}}
		if d := diff(want, toks); d != "" {
			t.Errorf("tokens of client50 (-want +got):\n%s", d)
		}
		wantErr(t, "insert of the same token again", inDefs(s, func(tx store.DefinitionsTx) error {
			return tx.InsertOAuthToken(&model.OAuthClientToken{Code: "codea", ClientID: "client50", OrgID: orgA})
		}), store.ErrConflict)
		defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteOAuthClient("client50") })
		toks, err = readList(s, func(tx store.DefinitionsReader) ([]model.OAuthClientToken, error) {
			return tx.ListOAuthTokens("client50")
		})
		noErr(t, "list tokens after deleting the client", err)
		if len(toks) != 0 {
			t.Errorf("deleting a client kept its tokens: %v", toks)
		}
		toks, err = readList(s, func(tx store.DefinitionsReader) ([]model.OAuthClientToken, error) {
			return tx.ListOAuthTokens("client51")
		})
		noErr(t, "list tokens of another client", err)
		if len(toks) != 1 {
			t.Errorf("deleting client50 touched client51's tokens: %v", toks)
		}
		defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteOAuthTokens("client51") })
		toks, _ = readList(s, func(tx store.DefinitionsReader) ([]model.OAuthClientToken, error) {
			return tx.ListOAuthTokens("client51")
		})
		if len(toks) != 0 {
			t.Errorf("DeleteOAuthTokens kept %v", toks)
		}
	})
}

func readList[T any](s store.Store, fn func(store.DefinitionsReader) ([]T, error)) ([]T, error) {
	var out []T
	err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		var err error
		out, err = fn(tx)
		return err
	})
	return out, err
}

func testLookups(t *testing.T, s store.Store) {
	u := newUser(orgA, 1)
	u.EmailAddress = "Mixed.Case@Example.com"
	a := newAPI(orgA, 1, "api")
	pA, pB := newPolicy(orgA, 1, "p"), newPolicy(orgB, 2, "p")
	pB.ID = pA.ID // the same custom id in another org
	asA, asB := newAsset(orgA, 1), newAsset(orgB, 2)
	asB.ID = asA.ID
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, err := range []error{tx.InsertUser(u), tx.InsertAPI(a), tx.InsertPolicy(pA), tx.InsertPolicy(pB),
			tx.InsertAsset(asA), tx.InsertAsset(asB), tx.InsertOAuthClient(newClient(orgA, a.APIDefinition.APIID, 1))} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		for _, email := range []string{"Mixed.Case@Example.com", "mixed.case@example.com"} {
			got, err := tx.GetUserByEmail(orgA, email)
			if err != nil || got.ID != u.ID {
				t.Errorf("GetUserByEmail(%q) = %v, %v; want user %s", email, got, err, u.ID)
			}
		}
		_, err := tx.GetUserByEmail(orgA, "nobody@example.com")
		wantErr(t, "GetUserByEmail of a missing email", err, store.ErrNotFound)
		_, err = tx.GetUserByEmail(orgB, u.EmailAddress)
		wantErr(t, "GetUserByEmail of another org's email", err, store.ErrNotFound)

		wantErr(t, "GetUserByEmail of a missing email", err, store.ErrNotFound)
		if got, err := tx.GetUserByAccessKey(u.AccessKey); err != nil || got.ID != u.ID || got.PasswordHash != u.PasswordHash {
			t.Errorf("GetUserByAccessKey = %v, %v; want user %s with its password hash", got, err, u.ID)
		}
		_, err = tx.GetUserByAccessKey("wrong")
		wantErr(t, "GetUserByAccessKey of a wrong key", err, store.ErrNotFound)

		if got, err := tx.GetAPIByAPIID(a.APIDefinition.APIID); err != nil || got.APIDefinition.ID != a.APIDefinition.ID {
			t.Errorf("GetAPIByAPIID = %v, %v", got, err)
		}
		_, err = tx.GetAPIByAPIID(a.APIDefinition.ID) // a db id is not an api_id
		wantErr(t, "GetAPIByAPIID of a db id", err, store.ErrNotFound)

		for _, c := range []struct {
			org, mid string
		}{{orgA, pA.MID}, {orgB, pB.MID}} {
			got, err := tx.GetPolicyByID(c.org, pA.ID)
			if err != nil || got.MID != c.mid {
				t.Errorf("GetPolicyByID(%s, %s) = %v, %v; want policy %s", c.org, pA.ID, got, err, c.mid)
			}
		}
		_, err = tx.GetPolicyByID("otherorg", pA.ID)
		wantErr(t, "GetPolicyByID in an org without it", err, store.ErrNotFound)

		for _, c := range []struct {
			org, mid string
		}{{orgA, asA.MID}, {orgB, asB.MID}} {
			got, err := tx.GetAssetByID(c.org, asA.ID)
			if err != nil || got.MID != c.mid {
				t.Errorf("GetAssetByID(%s, %s) = %v, %v; want asset %s", c.org, asA.ID, got, err, c.mid)
			}
		}
		_, err = tx.GetAssetByID("otherorg", asA.ID)
		wantErr(t, "GetAssetByID in an org without it", err, store.ErrNotFound)

		if got, err := tx.GetOAuthClient("client1"); err != nil || got.APIID != a.APIDefinition.APIID || got.OrgID != orgA {
			t.Errorf("GetOAuthClient = %+v, %v; want its API id and org kept", got, err)
		}
		return nil
	})

	// Changing an api_id moves the look-up; changing an email frees the
	// old one.
	// The same email in another org is another user (emails are unique per
	// org).
	uB := newUser(orgB, 9)
	uB.EmailAddress = "MIXED.case@example.com"
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.InsertUser(uB) })
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		if got, err := tx.GetUserByEmail(orgB, u.EmailAddress); err != nil || got.ID != uB.ID {
			t.Errorf("GetUserByEmail(orgB) = %v, %v; want user %s", got, err, uB.ID)
		}
		if got, err := tx.GetUserByEmail(orgA, u.EmailAddress); err != nil || got.ID != u.ID {
			t.Errorf("GetUserByEmail(orgA) = %v, %v; want user %s", got, err, u.ID)
		}
		return nil
	})
	defs(t, s, func(tx store.DefinitionsTx) error {
		a2 := newAPI(orgA, 1, "api")
		a2.APIDefinition.APIID = "new-api-id"
		if err := tx.UpdateAPI(a2); err != nil {
			return err
		}
		u2 := newUser(orgA, 1)
		u2.EmailAddress = "new@example.com"
		return tx.UpdateUser(u2)
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		_, err := tx.GetAPIByAPIID(a.APIDefinition.APIID)
		wantErr(t, "GetAPIByAPIID of the old api_id", err, store.ErrNotFound)
		if got, err := tx.GetAPIByAPIID("new-api-id"); err != nil || got.APIDefinition.ID != a.APIDefinition.ID {
			t.Errorf("GetAPIByAPIID of the new api_id = %v, %v", got, err)
		}
		_, err = tx.GetUserByEmail(orgA, u.EmailAddress)
		wantErr(t, "GetUserByEmail of the old email", err, store.ErrNotFound)
		return nil
	})

	// Keys: by hash, by basic-auth username (given, or taken from the id).
	plain := newKey(orgA, 1, "api1")
	basic := newKey(orgA, 2, "api1")
	basic.ID = model.BasicAuthKeyID(orgA, "alice")
	basic.Session.BasicAuthData = model.BasicAuthData{Password: "$2a$hash", Hash: "bcrypt"}
	named := newKey(orgA, 3, "api1")
	named.Username = "bob"
	named.Session.BasicAuthData.Password = "pw"
	sess(t, s, func(tx store.SessionsTx) error {
		for _, k := range []*store.Key{plain, basic, named} {
			if err := tx.InsertKey(k); err != nil {
				return err
			}
		}
		return nil
	})
	viewSess(t, s, func(tx store.SessionsReader) error {
		if got, err := tx.GetKeyByHash(plain.Hash); err != nil || got.ID != plain.ID {
			t.Errorf("GetKeyByHash = %v, %v", got, err)
		}
		_, err := tx.GetKeyByHash(plain.ID)
		wantErr(t, "GetKeyByHash of a key id", err, store.ErrNotFound)
		if got, err := tx.GetKeyByUsername(orgA, "alice"); err != nil || got.ID != basic.ID {
			t.Errorf("GetKeyByUsername(alice) = %v, %v", got, err)
		}
		if got, err := tx.GetKeyByUsername(orgA, "bob"); err != nil || got.ID != named.ID {
			t.Errorf("GetKeyByUsername(bob) = %v, %v", got, err)
		}
		_, err = tx.GetKeyByUsername(orgB, "alice")
		wantErr(t, "GetKeyByUsername in another org", err, store.ErrNotFound)
		_, err = tx.GetKeyByUsername(orgA, plain.ID[len(orgA):])
		wantErr(t, "GetKeyByUsername of a key that is not basic-auth", err, store.ErrNotFound)
		return nil
	})
}
