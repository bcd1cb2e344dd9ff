package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
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

// TestKeyInsertConflicts: an insert finds a duplicate id as it writes,
// after its unique keys are checked; the conflict it reports is the one it
// reported when the id was looked up first, and a transaction that goes on
// after each refused insert keeps none of it.
func TestKeyInsertConflicts(t *testing.T) {
	ctx := context.Background()
	s := memstore.NewSessions()
	held, other := benchKey(1), benchKey(4)
	other.Username = "alice"
	if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		return errors.Join(tx.InsertKey(held), tx.InsertKey(other))
	}); err != nil {
		t.Fatal(err)
	}
	sameIDOthersHash := benchKey(1)
	sameIDOthersHash.Hash = other.Hash
	sameID := benchKey(1)
	sameID.Hash = "another-hash"
	sameHash := benchKey(2)
	sameHash.Hash = held.Hash
	// Its id and hash are free and written before its user name is found
	// taken: both must be taken back.
	sameUser := benchKey(5)
	sameUser.Hash, sameUser.Username = "a-free-hash", "alice"
	cases := []struct {
		name string
		key  *store.Key
		want string
	}{
		{"the same key again", benchKey(1), fmt.Sprintf("key %q: already exists", held.ID)},
		{"its id with another hash", sameID, fmt.Sprintf("key %q: already exists", held.ID)},
		{"its id with another key's hash", sameIDOthersHash, fmt.Sprintf("key %q: already exists", held.ID)},
		{"another id with its hash", sameHash, fmt.Sprintf("key %q: hash %q already used by key %q", sameHash.ID, held.Hash, held.ID)},
		{"another id and hash with a user name taken", sameUser, fmt.Sprintf("key %q: basic-auth username %q already used by key %q", sameUser.ID, benchOrg+"/alice", other.ID)},
	}
	fresh := benchKey(3)
	err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		for _, c := range cases {
			err := tx.InsertKey(c.key)
			if !errors.Is(err, store.ErrConflict) || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("insert of %s: %v, want ErrConflict saying %q", c.name, err, c.want)
			}
		}
		return tx.InsertKey(fresh)
	})
	if err != nil {
		t.Fatal(err)
	}
	// The same refused inserts in a transaction that then fails: what they
	// wrote and took back is undone with the rest.
	errStop := errors.New("stop")
	err = s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		for _, c := range cases {
			if err := tx.InsertKey(c.key); !errors.Is(err, store.ErrConflict) {
				t.Errorf("insert of %s again: %v, want ErrConflict", c.name, err)
			}
		}
		if err := tx.InsertKey(benchKey(6)); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the failing write returned %v", err)
	}
	err = s.ViewSessions(ctx, func(tx store.SessionsReader) error {
		page, err := tx.ListKeys(benchOrg, store.KeyQuery{})
		if err != nil {
			return err
		}
		if page.Total != 3 || len(page.Items) != 3 {
			t.Errorf("the org has %d keys listed of %d, want 3", len(page.Items), page.Total)
		}
		if k, err := tx.GetKeyByHash(held.Hash); err != nil || k.ID != held.ID {
			t.Errorf("by its hash: %v, %v; want key %s", k, err, held.ID)
		}
		if _, err := tx.GetKeyByHash("another-hash"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the refused insert's hash: %v, want ErrNotFound", err)
		}
		for _, id := range []string{sameHash.ID, sameUser.ID} {
			if _, err := tx.GetKey(id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a refused insert's id %s: %v, want ErrNotFound", id, err)
			}
		}
		if _, err := tx.GetKeyByHash(sameUser.Hash); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the refused insert's free hash: %v, want ErrNotFound", err)
		}
		if k, err := tx.GetKeyByUsername(benchOrg, "alice"); err != nil || k.ID != other.ID {
			t.Errorf("by the user name: %v, %v; want key %s", k, err, other.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
