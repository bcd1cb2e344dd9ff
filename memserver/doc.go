// Package memserver is an in-memory Tyk Dashboard: it answers the Dashboard
// and Admin HTTP APIs from a store.Store, for tests that need a Dashboard
// without a licensed server and a database.
package memserver
