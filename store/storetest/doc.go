// Package storetest is the conformance suite of store.Store implementations.
//
// A backend proves itself with one call from a test:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func() store.Store { return mystore.New() })
//	}
//
// Run checks, through the public interface only, everything package store
// promises: CRUD of every collection, every look-up index, every uniqueness
// rule, pagination, filters and orders of lists, org isolation, atomic
// transactions, snapshot isolation, concurrent writers that lose nothing,
// copies in and out, cancelled contexts, snapshots and export/import.
package storetest
