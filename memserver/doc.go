// Package memserver is an in-memory Tyk Dashboard: it answers the Dashboard
// and Admin HTTP APIs from a store.Store, for tests that need a Dashboard
// without a licensed server and a database.
//
// # In a Go test
//
//	srv := memserver.NewTest(t)        // listening on 127.0.0.1, closed by t.Cleanup
//	c := srv.Client()                  // a *client.Client with the admin user's secret
//	resp, _ := srv.HTTPClient().Get(srv.URL + "/api/apis") // or plain net/http
//
// A Server starts with one org (OrgID) and one admin user whose API secret is
// Secret; the Admin API answers to AdminSecret. Options set the store, the
// page size, the clock, an id seed (the same test makes the same ids on every
// run), a logger, the body limit, fixtures and more.
//
// Observation and control, in Go:
//   - InjectFault(match, fault): answer matching requests with a status and
//     body, delay them, for a number of requests or with a probability;
//   - Requests(): every exchange (request and answer) for assertions;
//   - Reset(): back to the state at start in O(1) (a store snapshot);
//   - Seed(fixtures): store objects at once.
//
// and over HTTP under /_memserver/ (no credentials), for other languages:
// GET health, POST reset, POST seed, GET|DELETE requests, GET|POST|DELETE
// faults, DELETE faults/{id}. The binary in cmd/memserver serves the same.
//
// # Fidelity
//
// The memserver answers as the real Dashboard does, down to what real
// clients depend on: the envelopes ({"Status","Message","Meta"}, "success"
// and 201 on assets, a new policy's id in Message), list shapes, status codes
// that look inconsistent but are real (400 for a missing API), 24-hex
// database ids, keys named <org id><32 hex>, hashed keys. Its test suite
// checks every answer it gives against the official description of the
// Dashboard API.
//
// # Inside
//
// One request: route (a tree built once per process, shared read-only by
// every Server) -> authenticate (Authorization, plain or Bearer; admin-auth
// for /admin) -> authorise (user_permissions per section, IsAdmin, org) ->
// read the body within the limit -> handler (decode, validate, one store
// transaction) -> the Dashboard's envelope. Servers share no lock: parallel
// tests never wait on each other. See router.go for how routes are added.
package memserver
