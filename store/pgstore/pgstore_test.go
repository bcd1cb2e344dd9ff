package pgstore_test

import (
	"os"
	"testing"

	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
	"github.com/dashkit/dashkit/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestConformance(t *testing.T) {
	storetest.Run(t, func() store.Store {
		return store.Combine(pgtest.NewStore(t), memstore.NewSessions())
	})
}
