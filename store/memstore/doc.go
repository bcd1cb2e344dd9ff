// Package memstore is the in-memory store.Store, on github.com/hashicorp/go-memdb.
package memstore
