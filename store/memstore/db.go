package memstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/dashkit/dashkit/store"
)

// db is one database of the engine (engine.go) with what both halves of the store need
// around it: a swappable current state (for Restore and Import), a writer
// lock and the sequence of creation.
type db struct {
	name   string // "definitions" or "sessions", in snapshots and errors
	schema *dbSchema

	// mu serialises writers and the swaps of Restore and Import, so that a
	// write never commits into a state that was just replaced. Readers
	// take no lock at all: a committed state is never written.
	mu  sync.Mutex
	cur atomic.Pointer[state]
	seq atomic.Uint64
	// epoch is the latest write transaction's (transaction.epoch); only
	// writers, under mu, read and change it. Trees made outside commit
	// (replace, a data file's parse) have epoch 0, which no transaction
	// has: a transaction clones them before it writes them.
	epoch uint64
	// spareUndo is the undo log of the last in-place transaction, emptied,
	// for the next: a transaction of a thousand writes (a batch of audit
	// records) would otherwise grow a new one by doubling, most of its
	// time spent copying entries the collector then scans.
	spareUndo []undoEntry

	// log is the data file's change log (datafile.go), nil for a store
	// in memory only; set before the store is shared.
	log   *dataLog
	ports map[string]port // by table, for the change log
}

func newDB(name string, tables ...*tableSchema) *db {
	s := &dbSchema{tables: map[string]*tableSchema{}}
	for _, t := range append(tables, countsSchema()) {
		s.tables[t.name] = t
	}
	d := &db{name: name, schema: s}
	// Epoch 0 is the trees made outside commit (see epoch).
	d.epoch = 1
	d.cur.Store(d.fresh())
	return d
}

// fresh returns an empty state: no table holds a tree until it is written.
func (d *db) fresh() *state { return newState(d.schema) }

func (d *db) nextSeq() uint64 { return d.seq.Add(1) }

// seenSeq makes sure nextSeq hands out only numbers above n.
func (d *db) seenSeq(n uint64) {
	for {
		cur := d.seq.Load()
		if cur >= n || d.seq.CompareAndSwap(cur, n) {
			return
		}
	}
}

// view runs fn on a read transaction of the current state. Readers never
// wait: a committed state is never written.
func (d *db) view(ctx context.Context, fn func(*transaction) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return fn(d.current().txn(false))
}

// current returns the current state for a reader, who may keep it as long
// as it likes: no write transaction changes a state after this (see
// state).
func (d *db) current() *state {
	s := d.cur.Load()
	if s.observed.Load() && !s.writing.Load() {
		return s
	}
	s.observed.Store(true)
	if !s.writing.Load() {
		return s
	}
	// A writer is changing s in place, or has and committed: wait for it,
	// and read the state it left.
	d.mu.Lock()
	s = d.cur.Load()
	s.observed.Store(true)
	d.mu.Unlock()
	return s
}

// currentLocked is current for a caller holding mu, when no writer can be
// changing the state.
func (d *db) currentLocked() *state {
	s := d.cur.Load()
	s.observed.Store(true)
	return s
}

// begin starts a write transaction under mu: in place on a state no reader
// has had, else one that clones what it writes, in a new epoch.
func (d *db) begin() *transaction {
	base := d.cur.Load()
	txn := base.txn(true)
	if !base.observed.Load() {
		base.writing.Store(true)
		if !base.observed.Load() {
			txn.inPlace, txn.epoch = true, d.epoch
			txn.undo, d.spareUndo = d.spareUndo, nil
			return txn
		}
		base.writing.Store(false) // a reader came first
	}
	d.epoch++
	txn.epoch = d.epoch
	return txn
}

// maxSpareUndo bounds the undo log kept for the next transaction: a
// transaction of more writes (an import) leaves its own to the collector.
const maxSpareUndo = 1 << 14

// end ends a write transaction begin started: it aborts what was not
// committed, and keeps its undo log, emptied, for the next one.
func (d *db) end(txn *transaction) {
	txn.Abort() // after Commit, a no-op
	if u := txn.undo; cap(u) > 0 && cap(u) <= maxSpareUndo {
		clear(u) // the entries hold rows and trees
		d.spareUndo = u[:0]
	}
	txn.undo = nil
}

// update runs fn on a write transaction and commits it when fn succeeds
// and ctx is still live; otherwise nothing fn wrote is kept. With a data
// file, update returns once the change is in the file.
func (d *db) update(ctx context.Context, fn func(*transaction) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.log != nil {
		d.log.committing(1)
	}
	logged, err := d.commit(ctx, fn)
	if d.log != nil {
		d.log.committing(-1)
	}
	if err != nil || logged == 0 {
		return err
	}
	// The writer lock is released: other writers commit while this one
	// waits, and one write of the file carries all of them (group commit).
	return d.log.wait(logged)
}

// commit runs fn under the writer lock and commits; with a data file it
// queues the transaction's changes and returns where they end in the log.
func (d *db) commit(ctx context.Context, fn func(*transaction) error) (uint64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.log != nil {
		if err := d.log.usable(); err != nil {
			return 0, err
		}
	}
	txn := d.begin()
	defer d.end(txn)
	if d.log != nil {
		txn.TrackChanges()
	}
	if err := fn(txn); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var line []byte
	if d.log != nil {
		var err error
		if line, err = d.changeLine(txn.Changes()); err != nil {
			return 0, err
		}
	}
	d.cur.Store(txn.Commit())
	if line == nil {
		return 0, nil
	}
	// Queued under the writer lock, so that the log holds transactions in
	// the order they committed.
	return d.log.enqueue(line), nil
}

// snapshot is a point-in-time state of one db.
type snapshot struct {
	owner *db
	state *state
}

func (s *snapshot) SnapshotOf() string { return "memstore " + s.owner.name }

// Snapshot is O(1): a committed state is never written, so a snapshot is
// the state itself, sharing every node with the live state.
func (d *db) snapshot(ctx context.Context) (store.Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &snapshot{owner: d, state: d.current()}, nil
}

func (d *db) restore(ctx context.Context, s store.Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	snap, ok := s.(*snapshot)
	if !ok || snap.owner != d {
		name := "<nil>"
		if s != nil {
			name = s.SnapshotOf()
		}
		return fmt.Errorf("restore %s: snapshot of %s was not made by this store: %w", d.name, name, store.ErrInvalid)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	// Writes after this restore clone what they write, so the snapshot
	// stays as it is and can be restored any number of times.
	d.cur.Store(snap.state)
	return nil
}

// replace builds a new state with fn and makes it current when fn
// succeeds. Writers wait meanwhile; readers go on reading the old state.
func (d *db) replace(ctx context.Context, fn func(*transaction) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	txn := d.fresh().txn(true)
	if err := fn(txn); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	d.cur.Store(txn.Commit())
	return nil
}
