package memstore

import "github.com/dashkit/dashkit/store"

// New returns an empty in-memory store: NewDefinitions and NewSessions
// joined by store.Combine.
func New() store.Store { return store.Combine(NewDefinitions(), NewSessions()) }
