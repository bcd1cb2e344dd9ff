package memstore_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/dashkit/dashkit/model"

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

// TestPageBeyondIntRange: a page whose first item lies beyond what an int
// holds is an empty page, not an overflow into a negative index (which
// panicked, or walked from the start).
func TestPageBeyondIntRange(t *testing.T) {
	s := memstore.New()
	ctx := context.Background()
	err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i := 0; i < 3; i++ {
			if err := tx.InsertOrg(&model.Organisation{ID: fmt.Sprintf("org%d", i), OwnerName: "o"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []store.ListOptions{
		{Page: math.MaxInt, PageSize: 10},
		{Page: math.MaxInt / 3, PageSize: 7},
		{Page: 2, PageSize: math.MaxInt},
		{Page: math.MaxInt, PageSize: 10, Query: "o", Sort: "-name"},
	} {
		err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
			p, err := tx.ListOrgs(o)
			if err != nil {
				return err
			}
			if len(p.Items) != 0 || p.Total != 3 {
				t.Errorf("%+v: %d items of %d, want 0 of 3", o, len(p.Items), p.Total)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
