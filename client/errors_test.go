package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// missing is a well-formed id that names nothing.
const missing = "0123456789abcdef01234567"

// calls lists one call of every method that reads or changes one object,
// each naming the object by id.
func calls(c *client.Client, id string) map[string]func(context.Context) error {
	ignore := func(_ any, err error) error { return err }
	session := &model.SessionState{}
	return map[string]func(ctx context.Context) error{
		"APIs.Get":    func(ctx context.Context) error { return ignore(c.APIs.Get(ctx, id)) },
		"APIs.Update": func(ctx context.Context) error { return c.APIs.Update(ctx, id, classicAPI("x", "/x/")) },
		"APIs.Delete": func(ctx context.Context) error { return c.APIs.Delete(ctx, id) },

		"OAS.Get":           func(ctx context.Context) error { return ignore(c.OAS.Get(ctx, id)) },
		"OAS.Update":        func(ctx context.Context) error { return c.OAS.Update(ctx, id, tykOAS("x", "/x/")) },
		"OAS.Patch":         func(ctx context.Context) error { return c.OAS.Patch(ctx, id, []byte(petstore), nil) },
		"OAS.Delete":        func(ctx context.Context) error { return c.OAS.Delete(ctx, id) },
		"OAS.Export":        func(ctx context.Context) error { return ignore(c.OAS.Export(ctx, id, nil)) },
		"OAS.Categories":    func(ctx context.Context) error { return ignore(c.OAS.Categories(ctx, id)) },
		"OAS.SetCategories": func(ctx context.Context) error { return c.OAS.SetCategories(ctx, id, []string{"a"}) },
		"OAS.Versions": func(ctx context.Context) error {
			return ignore(c.OAS.Versions(ctx, id, client.ListVersionsOptions{}))
		},

		"Templates.Get": func(ctx context.Context) error { return ignore(c.Templates.Get(ctx, id)) },
		"Templates.Update": func(ctx context.Context) error {
			return c.Templates.Update(ctx, id, &model.Asset{Name: "n", Description: "d", Data: json.RawMessage(`{}`)})
		},
		"Templates.Delete": func(ctx context.Context) error { return c.Templates.Delete(ctx, id) },

		"Keys.Get":          func(ctx context.Context) error { return ignore(c.Keys.Get(ctx, id)) },
		"Keys.GetForAPI":    func(ctx context.Context) error { return ignore(c.Keys.GetForAPI(ctx, id, id)) },
		"Keys.Update":       func(ctx context.Context) error { return ignore(c.Keys.Update(ctx, id, session)) },
		"Keys.UpdateForAPI": func(ctx context.Context) error { return ignore(c.Keys.UpdateForAPI(ctx, id, id, session)) },
		"Keys.Delete":       func(ctx context.Context) error { return c.Keys.Delete(ctx, id) },
		"Keys.DeleteForAPI": func(ctx context.Context) error { return c.Keys.DeleteForAPI(ctx, id, id) },

		"Policies.Get":    func(ctx context.Context) error { return ignore(c.Policies.Get(ctx, id)) },
		"Policies.Update": func(ctx context.Context) error { return c.Policies.Update(ctx, id, &model.Policy{Name: "p"}) },
		"Policies.Delete": func(ctx context.Context) error { return c.Policies.Delete(ctx, id) },

		"OAuth.List": func(ctx context.Context) error { return ignore(c.OAuth.List(ctx, id, client.ListOptions{})) },
		"OAuth.Create": func(ctx context.Context) error {
			return ignore(c.OAuth.Create(ctx, id, &model.OAuthClient{ClientRedirectURI: "https://x.example.org"}))
		},
		"OAuth.Get":    func(ctx context.Context) error { return ignore(c.OAuth.Get(ctx, id, id)) },
		"OAuth.Delete": func(ctx context.Context) error { return c.OAuth.Delete(ctx, id, id) },
		"OAuth.Tokens": func(ctx context.Context) error { return ignore(c.OAuth.Tokens(ctx, id, id)) },

		"Users.Get": func(ctx context.Context) error { return ignore(c.Users.Get(ctx, id)) },
		"Users.Update": func(ctx context.Context) error {
			return c.Users.Update(ctx, id, &model.User{EmailAddress: "x@example.org"})
		},
		"Users.Delete":   func(ctx context.Context) error { return c.Users.Delete(ctx, id) },
		"Users.ResetKey": func(ctx context.Context) error { return c.Users.ResetKey(ctx, id) },
		"Users.Revoke":   func(ctx context.Context) error { return c.Users.Revoke(ctx, id) },

		"UserGroups.Get": func(ctx context.Context) error { return ignore(c.UserGroups.Get(ctx, id)) },
		"UserGroups.Update": func(ctx context.Context) error {
			return c.UserGroups.Update(ctx, id, &model.UserGroup{Name: "g"})
		},
		"UserGroups.Delete": func(ctx context.Context) error { return c.UserGroups.Delete(ctx, id) },

		"Webhooks.Get": func(ctx context.Context) error { return ignore(c.Webhooks.Get(ctx, id)) },
		"Webhooks.Update": func(ctx context.Context) error {
			return c.Webhooks.Update(ctx, id, &model.WebHookHandlerConf{Name: "h", Method: "POST", TargetPath: "https://x.example.org"})
		},
		"Webhooks.Delete": func(ctx context.Context) error { return c.Webhooks.Delete(ctx, id) },

		"AuditLogs.Get": func(ctx context.Context) error { return ignore(c.AuditLogs.Get(ctx, id)) },
	}
}

// adminCalls is calls for the Admin API.
func adminCalls(c *client.Client, id string) map[string]func(context.Context) error {
	ignore := func(_ any, err error) error { return err }
	return map[string]func(ctx context.Context) error{
		"Orgs.Get":    func(ctx context.Context) error { return ignore(c.Orgs.Get(ctx, id)) },
		"Orgs.Update": func(ctx context.Context) error { return c.Orgs.Update(ctx, id, &model.Organisation{OwnerName: "o"}) },
		"Orgs.Delete": func(ctx context.Context) error { return c.Orgs.Delete(ctx, id) },

		"AdminUsers.Get": func(ctx context.Context) error { return ignore(c.AdminUsers.Get(ctx, id)) },
		"AdminUsers.Update": func(ctx context.Context) error {
			return ignore(c.AdminUsers.Update(ctx, id, &model.User{EmailAddress: "x@example.org"}))
		},
		"AdminUsers.AllowResetPasswords":    func(ctx context.Context) error { return c.AdminUsers.AllowResetPasswords(ctx, id) },
		"AdminUsers.DisallowResetPasswords": func(ctx context.Context) error { return c.AdminUsers.DisallowResetPasswords(ctx, id) },
	}
}

// TestEveryMethodNotFound calls every method that names an object with an
// id that names nothing: each says ErrNotFound, whichever status the
// Dashboard uses for it.
func TestEveryMethodNotFound(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	all := calls(c, missing)
	for name, call := range adminCalls(c, missing) {
		all[name] = call
	}
	for name, call := range all {
		err := call(ctx)
		if !errors.Is(err, client.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", name, err)
		}
		if errors.Is(err, client.ErrInvalid) {
			t.Errorf("%s: %v is ErrInvalid as well", name, err)
		}
	}
}

// TestEveryMethodForbidden calls every method of the Dashboard API as a
// user whose permissions name no section: each says ErrForbidden. The Admin
// API, called without the admin secret, says ErrUnauthorized.
func TestEveryMethodForbidden(t *testing.T) {
	t.Parallel()
	srv, admin := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, admin, "Forbidden", "/forbidden/")
	nobody := userClient(t, srv, model.UserPermissions{"portal": model.PermRead})

	all := calls(nobody, api.ID)
	ignore := func(_ any, err error) error { return err }
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	lists := map[string]func(ctx context.Context) error{
		"APIs.List":   func(ctx context.Context) error { return ignore(nobody.APIs.List(ctx, client.ListAPIsOptions{})) },
		"APIs.Search": func(ctx context.Context) error { return ignore(nobody.APIs.Search(ctx, "x", client.ListOptions{})) },
		"APIs.Create": func(ctx context.Context) error { return ignore(nobody.APIs.Create(ctx, classicAPI("x", "/x/"))) },
		"Categories.List": func(ctx context.Context) error {
			return ignore(nobody.Categories.List(ctx))
		},
		"OAS.Create": func(ctx context.Context) error { return ignore(nobody.OAS.Create(ctx, tykOAS("x", "/x/"), nil)) },
		"OAS.Import": func(ctx context.Context) error { return ignore(nobody.OAS.Import(ctx, []byte(petstore), nil)) },
		"Templates.List": func(ctx context.Context) error {
			return ignore(nobody.Templates.List(ctx))
		},
		"Templates.Create": func(ctx context.Context) error {
			return ignore(nobody.Templates.Create(ctx, &model.Asset{Name: "n", Description: "d", Data: json.RawMessage(`{}`)}))
		},
		"Keys.Create":  func(ctx context.Context) error { return ignore(nobody.Keys.Create(ctx, &model.SessionState{})) },
		"Keys.Preview": func(ctx context.Context) error { return ignore(nobody.Keys.Preview(ctx, &model.SessionState{})) },
		"Keys.List":    func(ctx context.Context) error { return ignore(nobody.Keys.List(ctx, client.ListOptions{})) },
		"Keys.ListDetailed": func(ctx context.Context) error {
			return ignore(nobody.Keys.ListDetailed(ctx, client.ListDetailedOptions{}))
		},
		"Keys.ListForAPI": func(ctx context.Context) error {
			return ignore(nobody.Keys.ListForAPI(ctx, api.ID, client.ListOptions{}))
		},
		"Keys.Search": func(ctx context.Context) error {
			return ignore(nobody.Keys.Search(ctx, api.ID, "x", client.ListOptions{}))
		},
		"Policies.List": func(ctx context.Context) error {
			return ignore(nobody.Policies.List(ctx, client.ListPoliciesOptions{}))
		},
		"Policies.Search": func(ctx context.Context) error {
			return ignore(nobody.Policies.Search(ctx, client.SearchPoliciesOptions{}))
		},
		"Policies.Create": func(ctx context.Context) error { return ignore(nobody.Policies.Create(ctx, &model.Policy{Name: "p"})) },
		"Users.List":      func(ctx context.Context) error { return ignore(nobody.Users.List(ctx, client.ListOptions{})) },
		"Users.Search":    func(ctx context.Context) error { return ignore(nobody.Users.Search(ctx, "x", client.ListOptions{})) },
		"Users.Create": func(ctx context.Context) error {
			return ignore(nobody.Users.Create(ctx, &model.User{EmailAddress: "x@example.org"}))
		},
		"UserGroups.List": func(ctx context.Context) error { return ignore(nobody.UserGroups.List(ctx, client.ListOptions{})) },
		"UserGroups.Create": func(ctx context.Context) error {
			return ignore(nobody.UserGroups.Create(ctx, &model.UserGroup{Name: "g"}))
		},
		"Webhooks.List": func(ctx context.Context) error { return ignore(nobody.Webhooks.List(ctx, client.ListOptions{})) },
		"Webhooks.Create": func(ctx context.Context) error {
			return ignore(nobody.Webhooks.Create(ctx, &model.WebHookHandlerConf{Name: "h"}))
		},
		"Permissions.Get": func(ctx context.Context) error { return ignore(nobody.Permissions.Get(ctx)) },
		"Permissions.Set": func(ctx context.Context) error { return nobody.Permissions.Set(ctx, map[string]string{}) },
		"OPA.Get":         func(ctx context.Context) error { return ignore(nobody.OPA.Get(ctx)) },
		"OPA.Set":         func(ctx context.Context) error { return nobody.OPA.Set(ctx, "package x") },
		"AuditLogs.List": func(ctx context.Context) error {
			return ignore(nobody.AuditLogs.List(ctx, client.ListAuditLogsOptions{}))
		},
		"Analytics.Key": func(ctx context.Context) error { return ignore(nobody.Analytics.Key(ctx, "k", day, day)) },
		"Analytics.OAuthClient": func(ctx context.Context) error {
			return ignore(nobody.Analytics.OAuthClient(ctx, "c", day, day))
		},
	}
	for name, call := range lists {
		all[name] = call
	}
	for name, call := range all {
		if err := call(ctx); !errors.Is(err, client.ErrForbidden) {
			t.Errorf("%s: %v, want ErrForbidden", name, err)
		}
	}

	// The Admin API without the admin secret.
	for name, call := range adminCalls(nobody, missing) {
		if err := call(ctx); !errors.Is(err, client.ErrUnauthorized) {
			t.Errorf("%s without the admin secret: %v, want ErrUnauthorized", name, err)
		}
	}
}

// TestInvalidInput sends what the Dashboard refuses, one call per service
// that validates its body: each says ErrInvalid, and nothing is stored.
func TestInvalidInput(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	ignore := func(_ any, err error) error { return err }
	for name, call := range map[string]func(ctx context.Context) error{
		"APIs.Create without a definition": func(ctx context.Context) error {
			return ignore(c.APIs.Create(ctx, &model.APIDefinitionWrapper{}))
		},
		"OAS.Create of a plain OpenAPI document": func(ctx context.Context) error {
			return ignore(c.OAS.Create(ctx, []byte(petstore), nil))
		},
		"OAS.Import of a Tyk OAS document": func(ctx context.Context) error {
			return ignore(c.OAS.Import(ctx, tykOAS("x", "/x/"), nil))
		},
		"Templates.Create without a name": func(ctx context.Context) error {
			return ignore(c.Templates.Create(ctx, &model.Asset{Data: json.RawMessage(`{}`)}))
		},
		"UserGroups.Create without a name": func(ctx context.Context) error {
			return ignore(c.UserGroups.Create(ctx, &model.UserGroup{}))
		},
		"Users.Create without an email": func(ctx context.Context) error {
			return ignore(c.Users.Create(ctx, &model.User{FirstName: "x", UserPermissions: model.UserPermissions{"apis": "read"}}))
		},
		"Webhooks.Create without a target": func(ctx context.Context) error {
			return ignore(c.Webhooks.Create(ctx, &model.WebHookHandlerConf{Name: "h", Method: "POST"}))
		},
		"SSO.GenerateAdmin for an unknown org": func(ctx context.Context) error {
			return ignore(c.SSO.GenerateAdmin(ctx, &model.SSOAccessData{ForSection: "dashboard", OrgID: missing, EmailAddress: "x@example.org"}))
		},
		"AdminUsers.Create without an email": func(ctx context.Context) error {
			return ignore(c.AdminUsers.Create(ctx, &model.User{OrgID: srv.OrgID}))
		},
		"Import.APIs of an API without a definition": func(ctx context.Context) error {
			return ignore(c.Import.APIs(ctx, []model.APIDefinitionWrapper{{}}))
		},
	} {
		if err := call(ctx); !errors.Is(err, client.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if page, err := c.APIs.List(ctx, client.ListAPIsOptions{}); err != nil || len(page.Items) != 0 {
		t.Errorf("after refused calls: %d APIs, %v", len(page.Items), err)
	}
}
