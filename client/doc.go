// Package client is a typed Go client for the Tyk Dashboard API and the
// Dashboard Admin API.
//
// # Getting started
//
//	c, err := client.New("http://localhost:3000",
//		client.WithSecret(os.Getenv("TYK_SECRET")),            // a user's API secret
//		client.WithAdminSecret(os.Getenv("TYK_ADMIN_SECRET")), // for the Admin API only
//	)
//	if err != nil { ... }
//	api, err := c.APIs.Get(ctx, apiID)
//
// Each group of routes is a service, a field of Client: APIs, OAS,
// Templates, Categories, Keys, Policies, OAuth, Users, UserGroups, Webhooks,
// Permissions, OPA, SSO, Analytics and AuditLogs for the Dashboard API;
// Orgs, AdminUsers, Import and System for the Admin API. Every method takes
// a context.Context, and its doc comment ends with the route it calls, as
// the official OpenAPI descriptions name it:
//
//	// PUT /api/keys/{keyId}
//
// # Data
//
// Results decode into the types of package model. Those types keep the
// JSON members they have no field for (model.Extra) and write them back, so
// that reading an object, changing a field and writing it back loses
// nothing a newer Dashboard added:
//
//	p, err := c.Policies.Get(ctx, id)
//	p.Rate = 200
//	err = c.Policies.Update(ctx, id, p)
//
// OAS API documents travel as raw JSON (json.RawMessage), whole.
//
// # Lists
//
// A list has two methods: List returns one page (Page, with Items and the
// number of Pages); All returns an iterator over every item of every page,
// fetching pages as the loop needs them:
//
//	for api, err := range c.APIs.All(ctx, client.ListAPIsOptions{Category: "payments"}) {
//		if err != nil { return err }
//		fmt.Println(api.APIDefinition.Name)
//	}
//
// # Errors
//
// An answer outside 2xx is an *APIError with the HTTP status and the
// Dashboard's envelope (Status, Message, Meta). Test it with errors.Is
// against ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict and
// ErrInvalid. Some routes of the Dashboard answer 400 for an object that
// does not exist (GET /api/apis/{id}, GET /api/hooks/{id}...); those are
// ErrNotFound too, never ErrInvalid:
//
//	if _, err := c.Policies.Get(ctx, id); errors.Is(err, client.ErrNotFound) {
//		// create it
//	}
//
// An answer that is not JSON (a proxy's error page) matches ErrNotJSON and
// quotes the start of the body; a request that got no answer is a
// *NetworkError. A call whose context ends returns the context's error.
//
// # Keys
//
// Keys.Update changes a key by its id alone; Keys.UpdateForAPI does the
// same through one of the key's APIs. Either way the key keeps its id and
// its token, so applications holding it are not disturbed.
//
// # Retries
//
// Nothing is retried unless WithRetry says so. Then GET, PUT and DELETE
// requests answered 429, 502, 503 or 504 are sent again after an
// exponential backoff or the server's Retry-After; POST and PATCH never
// are, since the first attempt may have taken effect.
//
// # Testing
//
// Package memserver is an in-memory Dashboard; memserver.NewTest(t).Client()
// returns a Client of it, ready to use in a test.
package client
