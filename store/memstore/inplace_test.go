package memstore_test

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

// A write transaction on a state that no reader has had changes its trees
// in place (engine.go, state). These tests hold it to what a transaction
// promised before: nothing of a failed one is kept, and a reader never sees
// a write half done.

func insertKeys(t *testing.T, s *memstore.Sessions, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if err := s.UpdateSessions(context.Background(), func(tx store.SessionsTx) error {
			return tx.InsertKey(benchKey(i))
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFailedWriteOnUnreadStateKeepsNothing: writes that follow each other
// with no read between change the trees in place; one that fails after an
// insert, an update and a delete leaves the keys as they were.
func TestFailedWriteOnUnreadStateKeepsNothing(t *testing.T) {
	ctx := context.Background()
	s := memstore.NewSessions()
	insertKeys(t, s, 0, 200) // no read yet: every write after the first is in place
	first, second, fresh := benchKey(0), benchKey(1), benchKey(500)
	errStop := errors.New("stop")
	err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		if err := tx.InsertKey(fresh); err != nil {
			return err
		}
		changed := *first
		changed.Session.Alias = "changed"
		changed.Hash = "another-hash"
		if err := tx.UpdateKey(&changed); err != nil {
			return err
		}
		if err := tx.DeleteKey(second.ID); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the failing write returned %v", err)
	}
	err = s.ViewSessions(ctx, func(tx store.SessionsReader) error {
		if _, err := tx.GetKey(fresh.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the failed write's insert is kept: %v", err)
		}
		got, err := tx.GetKey(first.ID)
		if err != nil {
			return err
		}
		if got.Session.Alias != "" || got.Hash != first.Hash {
			t.Errorf("the failed write's update is kept: alias %q, hash %q", got.Session.Alias, got.Hash)
		}
		if _, err := tx.GetKeyByHash(first.Hash); err != nil {
			t.Errorf("the key is no longer found by its hash: %v", err)
		}
		if _, err := tx.GetKeyByHash("another-hash"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the failed write's hash is kept: %v", err)
		}
		if _, err := tx.GetKey(second.ID); err != nil {
			t.Errorf("the failed write's delete is kept: %v", err)
		}
		page, err := tx.ListKeys(benchOrg, store.KeyQuery{})
		if err != nil {
			return err
		}
		if page.Total != 200 {
			t.Errorf("the org counts %d keys, want 200", page.Total)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The store goes on: a write after the failed one lands.
	insertKeys(t, s, 200, 201)
}

// TestReadersDuringInPlaceWrites runs readers beside a writer whose every
// write may be in place (under -race, a reader reaching a tree while it is
// changed would be reported); each reader's state is one whole state.
func TestReadersDuringInPlaceWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.NewSessions()
	const n = 600
	var done atomic.Bool
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for !done.Load() {
				err := s.ViewSessions(ctx, func(tx store.SessionsReader) error {
					page, err := tx.ListKeys(benchOrg, store.KeyQuery{})
					if err != nil {
						return err
					}
					if page.Total < last {
						t.Errorf("a reader saw %d keys after %d", page.Total, last)
					}
					last = page.Total
					// Every key the count says is there is there.
					for i := range page.Total {
						if _, err := tx.GetKey(benchKey(i).ID); err != nil {
							t.Errorf("%d keys counted, key %d: %v", page.Total, i, err)
							return nil
						}
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		}()
	}
	insertKeys(t, s, 0, n)
	done.Store(true)
	wg.Wait()
}

// TestInsertOnUnreadStateCopiesNoPath: a key's insert into 10,000 keys
// allocated some 16 KB when every transaction cloned the nodes on its
// paths, and some 3.3 KB in place.
func TestInsertOnUnreadStateCopiesNoPath(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 keys")
	}
	s := memstore.NewSessions()
	insertKeys(t, s, 0, 10_000)
	const inserts = 1000
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	insertKeys(t, s, 10_000, 10_000+inserts)
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / inserts; per > 8<<10 {
		t.Errorf("an insert allocated %d bytes, want at most 8 KiB", per)
	}
}

// TestAuditWritesInPlace: audit records (a table with no unique key, whose
// inserts find a duplicate id as they write, and whose deletes take the
// row as they find it) written in place: a refused duplicate leaves the
// record it collided with as it was, in a transaction that goes on and
// commits, and a transaction that fails after inserts, a refused duplicate
// and deletes keeps nothing.
func TestAuditWritesInPlace(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	batch := func(from, to int) []*model.AuditLog {
		var ls []*model.AuditLog
		for i := from; i < to; i++ {
			ls = append(ls, benchAuditRecord(i))
		}
		return ls
	}
	write := func(fn func(tx store.DefinitionsTx, bw store.AuditLogBatchWriter) error) error {
		return s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error { return fn(tx, tx.(store.AuditLogBatchWriter)) })
	}
	// No read between these writes: all but the first are in place.
	for lo := 0; lo < 300; lo += 100 {
		if err := write(func(_ store.DefinitionsTx, bw store.AuditLogBatchWriter) error {
			return bw.InsertAuditLogs(batch(lo, lo+100))
		}); err != nil {
			t.Fatal(err)
		}
	}
	dup := benchAuditRecord(7)
	dup.URL = "/the/duplicate"
	err := write(func(tx store.DefinitionsTx, bw store.AuditLogBatchWriter) error {
		if err := tx.InsertAuditLog(dup); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a duplicate id: %v, want ErrConflict", err)
		}
		if _, err := bw.DeleteAuditLogs([]string{benchAuditID(0), benchAuditID(1)}); err != nil {
			return err
		}
		return tx.InsertAuditLog(benchAuditRecord(300))
	})
	if err != nil {
		t.Fatal(err)
	}
	errStop := errors.New("stop")
	err = write(func(tx store.DefinitionsTx, bw store.AuditLogBatchWriter) error {
		if err := bw.InsertAuditLogs(batch(400, 450)); err != nil {
			return err
		}
		if err := tx.InsertAuditLog(dup); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a duplicate id: %v, want ErrConflict", err)
		}
		if n, err := bw.DeleteAuditLogs([]string{benchAuditID(2), benchAuditID(7), benchAuditID(410)}); n != 3 || err != nil {
			t.Errorf("deleting three held records: %d deleted, %v", n, err)
		}
		if err := tx.(store.AuditLogDeleter).DeleteAuditLog(benchAuditID(8)); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the failing write returned %v", err)
	}
	err = s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		p, err := tx.ListAuditLogs(benchOrg, store.AuditQuery{ListOptions: store.ListOptions{Page: -1}})
		if err != nil {
			return err
		}
		if p.Total != 299 || len(p.Items) != 299 {
			t.Errorf("%d records listed of a total of %d, want 299", len(p.Items), p.Total)
		}
		want := append(batch(2, 300), benchAuditRecord(300))
		for i := range min(len(want), len(p.Items)) {
			if !reflect.DeepEqual(p.Items[i], *want[i]) {
				t.Errorf("record %d listed is %+v, want %+v", i, p.Items[i], *want[i])
				break
			}
		}
		for _, w := range want { // by id, another index than the list's
			if l, err := tx.GetAuditLog(w.MID); err != nil || !reflect.DeepEqual(l, w) {
				t.Errorf("record %s: %+v, %v; want %+v", w.MID, l, err, w)
			}
		}
		for _, id := range []string{benchAuditID(0), benchAuditID(1), benchAuditID(400)} {
			if _, err := tx.GetAuditLog(id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("record %s: %v, want ErrNotFound", id, err)
			}
		}
		if l, err := tx.GetAuditLog(benchAuditID(7)); err != nil || l.URL != benchAuditRecord(7).URL {
			t.Errorf("the record a duplicate collided with: %+v, %v", l, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// keyCounts is the org's count of keys, as a list reports it.
func keyCounts(t *testing.T, s *memstore.Sessions) int {
	t.Helper()
	total := -1
	err := s.ViewSessions(context.Background(), func(tx store.SessionsReader) error {
		page, err := tx.ListKeys(benchOrg, store.KeyQuery{})
		total = page.Total
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// TestCountersChangedInPlace: a write with no read before it changes the
// org's counter in place (table.go, addCount). A failed write of ten keys
// leaves the count as it was; a snapshot keeps its count however many
// writes follow; and a snapshot restored twice counts the same both times.
func TestCountersChangedInPlace(t *testing.T) {
	ctx := context.Background()
	s := memstore.NewSessions()
	insertKeys(t, s, 0, 100) // no read between: every insert after the first is in place
	errStop := errors.New("stop")
	err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		for i := 100; i < 110; i++ {
			if err := tx.InsertKey(benchKey(i)); err != nil {
				return err
			}
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the failing write returned %v", err)
	}
	if n := keyCounts(t, s); n != 100 {
		t.Fatalf("after a failed write of ten keys the org counts %d keys, want 100", n)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	insertKeys(t, s, 100, 150) // the first clones; the rest are in place again
	if n := keyCounts(t, s); n != 150 {
		t.Errorf("after 50 more keys the org counts %d, want 150", n)
	}
	for round := range 2 {
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if n := keyCounts(t, s); n != 100 {
			t.Errorf("restore %d: the snapshot counts %d keys, want 100", round+1, n)
		}
		insertKeys(t, s, 100, 130)
		if n := keyCounts(t, s); n != 130 {
			t.Errorf("restore %d, then 30 keys: the org counts %d, want 130", round+1, n)
		}
	}
}
