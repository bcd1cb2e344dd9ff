package client_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// start returns a memserver for t and a client of it, authenticated as the
// default admin user.
func start(t *testing.T, opts ...memserver.Option) (*memserver.Server, *client.Client) {
	t.Helper()
	srv := memserver.NewTest(t, opts...)
	return srv, srv.Client()
}

var userSeq atomic.Int64

// userClient seeds a user of the default org with perms and returns a
// client that calls with its secret.
func userClient(t *testing.T, srv *memserver.Server, perms model.UserPermissions) *client.Client {
	t.Helper()
	n := userSeq.Add(1)
	secret := fmt.Sprintf("secret-%d", n)
	u := model.User{OrgID: srv.OrgID, EmailAddress: fmt.Sprintf("limited-%d@example.org", n), FirstName: "Limited", LastName: "User",
		AccessKey: secret, UserPermissions: perms}
	if err := srv.Seed(memserver.Fixtures{Users: []model.User{u}}); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(srv.URL, client.WithSecret(secret))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// classicAPI returns a minimal keyed classic API named name listening on
// listenPath.
func classicAPI(name, listenPath string) *model.APIDefinitionWrapper {
	return &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name:            name,
		Active:          true,
		UseStandardAuth: true,
		Proxy:           model.ProxyConfig{ListenPath: listenPath, TargetURL: "http://upstream.example.org", StripListenPath: true},
		VersionData: model.VersionData{NotVersioned: true, DefaultVersion: "Default",
			Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}},
	}}
}

// mustCreateAPI creates a classic API and returns its ids.
func mustCreateAPI(t *testing.T, c *client.Client, name, listenPath string) *client.CreatedAPI {
	t.Helper()
	created, err := c.APIs.Create(context.Background(), classicAPI(name, listenPath))
	if err != nil {
		t.Fatalf("create API %q: %v", name, err)
	}
	return created
}

// collect gathers every element of an All iterator, failing t on an error.
func collect[T any](t *testing.T, seq func(yield func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("iterate: %v", err)
		}
		out = append(out, v)
	}
	return out
}
