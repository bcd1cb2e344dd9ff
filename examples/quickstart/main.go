// Quickstart creates an API, a policy for it and a key that the policy
// governs, on a Tyk Dashboard.
//
// With no flags it starts an in-memory Dashboard (memserver) of its own, so
// it runs anywhere:
//
//	go run ./examples/quickstart
//
// Against a real Dashboard, give its URL and a user's API secret:
//
//	go run ./examples/quickstart -url http://localhost:3000 -secret <secret>
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

func run(ctx context.Context, w io.Writer) error {
	c, stop, err := connect()
	if err != nil {
		return err
	}
	defer stop()

	// 1. An API: requests to /httpbin/ on the gateway go to httpbin.org,
	// with a key.
	api, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name:            "httpbin",
		Active:          true,
		UseStandardAuth: true,
		Proxy:           model.ProxyConfig{ListenPath: "/httpbin/", TargetURL: "https://httpbin.org", StripListenPath: true},
		VersionData: model.VersionData{NotVersioned: true, DefaultVersion: "Default",
			Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}},
	}})
	if err != nil {
		return fmt.Errorf("create API: %w", err)
	}
	fmt.Fprintf(w, "API created: api_id %s (db id %s)\n", api.APIID, api.ID)

	// 2. A policy: 100 requests a minute and 10,000 a month on that API.
	access := map[string]model.AccessDefinition{
		api.APIID: {APIID: api.APIID, APIName: "httpbin", Versions: []string{"Default"}},
	}
	policyID, err := c.Policies.Create(ctx, &model.Policy{
		Name: "Standard plan", Active: true, Rate: 100, Per: 60,
		QuotaMax: 10000, QuotaRenewalRate: 30 * 24 * 3600, AccessRights: access,
	})
	if err != nil {
		return fmt.Errorf("create policy: %w", err)
	}
	fmt.Fprintf(w, "policy created: %s\n", policyID)

	// 3. A key that the policy governs: its rate, quota and access rights
	// come from the policy.
	key, err := c.Keys.Create(ctx, &model.SessionState{ApplyPolicies: []string{policyID}, Alias: "quickstart"})
	if err != nil {
		return fmt.Errorf("create key: %w", err)
	}
	fmt.Fprintf(w, "key created: %s\n", key.KeyID)
	fmt.Fprintf(w, "key limits: %.0f requests per %.0fs, quota %d\n", key.Data.Rate, key.Data.Per, key.Data.QuotaMax)

	// Every API of the organisation, across all pages.
	for a, err := range c.APIs.All(ctx, client.ListAPIsOptions{}) {
		if err != nil {
			return fmt.Errorf("list APIs: %w", err)
		}
		fmt.Fprintf(w, "listed API: %s on %s\n", a.APIDefinition.Name, a.APIDefinition.Proxy.ListenPath)
	}
	return nil
}
