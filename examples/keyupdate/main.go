// Keyupdate gives an existing key access to a second API without changing
// the key: the client application keeps its token.
//
// It replays a scenario users of the Dashboard API have long tripped on:
// create API 1, create a key for API 1, create API 2, then update the key
// so that it reaches both. Old Dashboards refused the update unless it went
// through /api/apis/{apiId}/keys/{keyId}; Keys.Update needs no API id.
//
// With no flags it starts an in-memory Dashboard (memserver) of its own:
//
//	go run ./examples/keyupdate
//	go run ./examples/keyupdate -url http://localhost:3000 -secret <secret>
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

var (
	dashboardURL = flag.String("url", "", "Dashboard URL; empty starts an in-memory Dashboard")
	secret       = flag.String("secret", "", "API secret of a Dashboard user (with -url)")
	viaAPI       = flag.Bool("via-api", false, "update through /api/apis/{apiId}/keys/{keyId}, as old Dashboards required")
)

func main() {
	flag.Parse()
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// connect returns a client of the Dashboard the flags name, or of an
// in-memory Dashboard started here, and a function that stops it.
func connect() (*client.Client, func(), error) {
	if *dashboardURL != "" {
		c, err := client.New(*dashboardURL, client.WithSecret(*secret))
		return c, func() {}, err
	}
	srv := memserver.New()
	if err := srv.Start("127.0.0.1:0"); err != nil {
		return nil, nil, err
	}
	return srv.Client(), srv.Close, nil
}

// service returns a keyed classic API listening on listenPath.
func service(name, listenPath string) *model.APIDefinitionWrapper {
	return &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name:            name,
		Active:          true,
		UseStandardAuth: true,
		Proxy:           model.ProxyConfig{ListenPath: listenPath, TargetURL: "http://" + name + ".internal", StripListenPath: true},
		VersionData: model.VersionData{NotVersioned: true, DefaultVersion: "Default",
			Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}},
	}}
}

func access(apiIDs ...string) map[string]model.AccessDefinition {
	r := map[string]model.AccessDefinition{}
	for _, id := range apiIDs {
		r[id] = model.AccessDefinition{APIID: id, Versions: []string{"Default"}}
	}
	return r
}

func run(ctx context.Context, w io.Writer) error {
	c, stop, err := connect()
	if err != nil {
		return err
	}
	defer stop()

	api1, err := c.APIs.Create(ctx, service("service1", "/service1/"))
	if err != nil {
		return fmt.Errorf("create API 1: %w", err)
	}
	fmt.Fprintf(w, "API 1: %s\n", api1.APIID)

	key, err := c.Keys.Create(ctx, &model.SessionState{Rate: 1000, Per: 60, QuotaMax: -1, AccessRights: access(api1.APIID)})
	if err != nil {
		return fmt.Errorf("create key for API 1: %w", err)
	}
	fmt.Fprintf(w, "key for API 1: %s\n", key.KeyID)

	api2, err := c.APIs.Create(ctx, service("service2", "/service2/"))
	if err != nil {
		return fmt.Errorf("create API 2: %w", err)
	}
	fmt.Fprintf(w, "API 2: %s\n", api2.APIID)

	// Read the key, add API 2 to its access rights, write it back. Members
	// of the session this client does not know are sent back unchanged.
	current, err := c.Keys.Get(ctx, key.KeyID)
	if err != nil {
		return fmt.Errorf("read key: %w", err)
	}
	session := current.Data
	session.AccessRights = access(api1.APIID, api2.APIID)
	if *viaAPI {
		_, err = c.Keys.UpdateForAPI(ctx, api1.APIID, key.KeyID, &session)
	} else {
		_, err = c.Keys.Update(ctx, key.KeyID, &session)
	}
	if err != nil {
		return fmt.Errorf("update key: %w", err)
	}

	// The application's token is unchanged and now reaches both APIs.
	after, err := c.Keys.Get(ctx, key.KeyID)
	if err != nil {
		return fmt.Errorf("read key after the update: %w", err)
	}
	if after.KeyHash != key.KeyHash {
		return fmt.Errorf("the update replaced the key: hash %s, was %s", after.KeyHash, key.KeyHash)
	}
	fmt.Fprintf(w, "key %s kept its token; it reaches:\n", key.KeyID)
	for _, id := range []string{api1.APIID, api2.APIID} {
		if _, ok := after.Data.AccessRights[id]; !ok {
			return fmt.Errorf("the key does not reach %s", id)
		}
		fmt.Fprintf(w, "  %s\n", id)
	}
	return nil
}
