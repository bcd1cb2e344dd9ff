// Package memservertest shows how to test code that talks to a Tyk
// Dashboard: the test starts an in-memory Dashboard with memserver.NewTest,
// hands the code a client of it, and checks what the Dashboard received and
// holds, including what happens when the Dashboard fails.
//
// The code under test is Onboard, which gives a partner a key to an API,
// creating the API the first time.
package memservertest

import (
	"context"
	"errors"
	"fmt"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

// Onboard makes sure the API named api exists (listening on /<api>/) and
// creates a key to it for a partner, returning the key.
func Onboard(ctx context.Context, c *client.Client, api, partner string) (string, error) {
	apiID, err := ensureAPI(ctx, c, api)
	if err != nil {
		return "", fmt.Errorf("onboard %s: %w", partner, err)
	}
	key, err := c.Keys.Create(ctx, &model.SessionState{
		Rate: 100, Per: 60, QuotaMax: -1,
		Alias:        partner,
		AccessRights: map[string]model.AccessDefinition{apiID: {APIID: apiID, Versions: []string{"Default"}}},
	})
	if err != nil {
		return "", fmt.Errorf("onboard %s: create key: %w", partner, err)
	}
	return key.KeyID, nil
}

// ensureAPI returns the api_id of the API named name, creating it when
// there is none.
func ensureAPI(ctx context.Context, c *client.Client, name string) (string, error) {
	for w, err := range c.APIs.All(ctx, client.ListAPIsOptions{}) {
		if err != nil {
			return "", fmt.Errorf("list APIs: %w", err)
		}
		if w.APIDefinition.Name == name {
			return w.APIDefinition.APIID, nil
		}
	}
	created, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name: name, Active: true, UseStandardAuth: true,
		Proxy: model.ProxyConfig{ListenPath: "/" + name + "/", TargetURL: "http://" + name + ".internal", StripListenPath: true},
		VersionData: model.VersionData{NotVersioned: true, Versions: map[string]model.VersionInfo{
			"Default": {Name: "Default"},
		}},
	}})
	if errors.Is(err, client.ErrConflict) {
		return "", fmt.Errorf("create API %s: another API has its id: %w", name, err)
	}
	if err != nil {
		return "", fmt.Errorf("create API %s: %w", name, err)
	}
	return created.APIID, nil
}
