// Package storetest is the conformance suite of store.Store implementations.
package storetest
