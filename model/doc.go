// Package model holds the data of the Tyk Dashboard API: a typed struct for
// every object the Dashboard and Admin APIs carry (API definitions classic and
// OAS, keys, policies, OAuth clients, users, groups, webhooks, organisations,
// assets, audit and analytics records) and the envelopes they travel in, plus
// the pure rules on that data (id formats, applying policies to a session,
// validation).
//
// # Round trips never lose a member
//
// A newer Dashboard adds fields before this package knows them. Every
// top-level type, and every nested type a newer Dashboard is likely to extend,
// has an Extra field that keeps the JSON members the struct has no field for;
// encoding writes them back. A client that reads an object, changes one field
// and writes it back therefore never drops what it did not understand.
//
// Known members are matched by their exact JSON name. Integers are int64 and
// never pass through float64, so quota_max 9007199254740993 survives.
//
// The package does no I/O: it is shared by the client, the store and the
// in-memory Dashboard, so that a rule about the Dashboard's behaviour is
// written once.
package model
