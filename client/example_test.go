package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// The examples run against an in-memory Dashboard; against a real one, make
// the client with New instead.
func exampleClient() *client.Client {
	return memserver.New(memserver.WithIDSeed(1)).Client()
}

func ExampleNew() {
	c, err := client.New("http://localhost:3000",
		client.WithSecret("<a user's API secret>"),
		client.WithAdminSecret("<the admin secret>"),
		client.WithRetry(client.RetryPolicy{MaxRetries: 3}),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.BaseURL())
	// Output: http://localhost:3000
}

func ExampleAPIsService_All() {
	c := exampleClient()
	ctx := context.Background()
	for _, name := range []string{"Orders #shop", "Payments #shop", "Search"} {
		if _, err := c.APIs.Create(ctx, classicAPI(name, "/"+name[:3]+"/")); err != nil {
			log.Fatal(err)
		}
	}
	// Every API of the category, whatever the number of pages.
	for api, err := range c.APIs.All(ctx, client.ListAPIsOptions{Category: "shop"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(api.APIDefinition.Name)
	}
	// Unordered output:
	// Orders #shop
	// Payments #shop
}

func ExampleKeysService_Update() {
	c := exampleClient()
	ctx := context.Background()
	api1, _ := c.APIs.Create(ctx, classicAPI("Service 1", "/one/"))
	api2, _ := c.APIs.Create(ctx, classicAPI("Service 2", "/two/"))
	key, err := c.Keys.Create(ctx, &model.SessionState{AccessRights: map[string]model.AccessDefinition{
		api1.APIID: {APIID: api1.APIID, Versions: []string{"Default"}},
	}})
	if err != nil {
		log.Fatal(err)
	}

	// Give the key a second API: no API id needed, and the token stays.
	session := key.Data
	session.AccessRights[api2.APIID] = model.AccessDefinition{APIID: api2.APIID, Versions: []string{"Default"}}
	if _, err := c.Keys.Update(ctx, key.KeyID, &session); err != nil {
		log.Fatal(err)
	}
	after, err := c.Keys.Get(ctx, key.KeyID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(after.Data.AccessRights), after.KeyHash == key.KeyHash)
	// Output: 2 true
}

func ExampleAPIError() {
	c := exampleClient()
	_, err := c.Policies.Get(context.Background(), "gold")
	if errors.Is(err, client.ErrNotFound) {
		fmt.Println("not found; create it")
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode)
	}
	// Output:
	// not found; create it
	// 404
}

func ExampleOASService_Import() {
	c := exampleClient()
	ctx := context.Background()
	doc := []byte(`openapi: 3.0.3
info: {title: Petstore, version: "1.0"}
servers: [{url: "https://pets.example.org"}]
paths: {}
`)
	api, err := c.OAS.Import(ctx, doc, &client.ImportOptions{ListenPath: "/pets/", AllowList: new(true)})
	if err != nil {
		log.Fatal(err)
	}
	public, err := c.OAS.Export(ctx, api.ID, &client.ExportOptions{Public: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(api.APIID), len(public) > 0)
	// Output: 32 true
}

// A developer signs up on the classic portal, asks for a key to a policy,
// and the request is approved: the approval answers the new key, a key of
// the Dashboard with the policy applied.
func ExamplePortalService_ApproveKeyRequest() {
	c := exampleClient()
	ctx := context.Background()
	api, err := c.APIs.Create(ctx, classicAPI("Orders", "/orders/"))
	if err != nil {
		log.Fatal(err)
	}
	policyID, err := c.Policies.Create(ctx, &model.Policy{Name: "Orders plan", Active: true, Rate: 10, Per: 1,
		AccessRights: map[string]model.AccessDefinition{api.APIID: {APIID: api.APIID, Versions: []string{"Default"}}}})
	if err != nil {
		log.Fatal(err)
	}
	policy, err := c.Policies.Get(ctx, policyID)
	if err != nil {
		log.Fatal(err)
	}
	developerID, err := c.Portal.CreateDeveloper(ctx, &model.PortalDeveloper{Email: "dev@example.com", Password: "a long secret"})
	if err != nil {
		log.Fatal(err)
	}
	requestID, err := c.Portal.CreateKeyRequest(ctx, &model.PortalKeyRequest{ByUser: developerID, ApplyPolicies: []string{policy.MID}})
	if err != nil {
		log.Fatal(err)
	}
	approval, err := c.Portal.ApproveKeyRequest(ctx, requestID)
	if err != nil {
		log.Fatal(err)
	}
	key, err := c.Keys.Get(ctx, approval.RawKey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(key.Data.ApplyPolicies[0] == policy.MID, key.Data.Rate, key.Data.MetaData["tyk_developer_id"] == developerID)
	// Output: true 10 true
}
