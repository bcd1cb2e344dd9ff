package memstore_test

import (
	"testing"

	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func() store.Store { return memstore.New() })
}

// TestConformanceCombined joins the definitions of one store with the
// sessions of another, as a user with a session store of their own would.
func TestConformanceCombined(t *testing.T) {
	storetest.Run(t, func() store.Store {
		return store.Combine(memstore.New(), memstore.NewSessions())
	})
}
