package memstore

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/google/btree"
)

// The store's engine: tables of rows, each with indexes that are sorted
// maps from a string key to a row, every map a copy-on-write B-tree
// (github.com/google/btree). A committed state is never written again: a
// write transaction clones each tree it writes, which is O(1) and shares
// every node until one is written, and then copies only the nodes on the
// path of each write. So readers need no lock, a snapshot is the state
// itself, and a write costs a few node copies per index.
//
// go-memdb did this job before, on immutable radix trees. Its trees hold a
// channel in every node for watches the store never used, and a write
// transaction keeps an LRU cache of the nodes it copied; a radix path is
// also much longer than a B-tree's. Inserting a key into its three indexes
// and two counters (BenchmarkInsertKey) allocated 246 times and 15.9 KB
// there, 79 times and 14.2 KB here, and the collector marks far fewer
// objects for as long as the key lives (see BENCHMARKS.md).

// treeDegree is the B-tree's minimum degree: a node holds up to
// 2*treeDegree-1 entries, and a write copies one node per level, five at a
// million rows. Measured at load 11 (BenchmarkInsertKey, gets of 100,000
// and 1,000,000 keys and APIs): degree 16 inserted in 83 µs against 118 µs
// for 4 and 8, and got in 10-13 µs of CPU against 10-18 µs; its nodes cost
// more bytes to copy (14 KB per key insert against 9-12 KB).
const treeDegree = 16

// entry is one key of an index and the row it maps to.
type entry struct {
	key string
	row any
}

func entryLess(a, b entry) bool { return a.key < b.key }

// tree is one index's B-tree and the epoch of the write transaction that
// made it (see transaction.epoch).
type tree struct {
	*btree.BTreeG[entry]
	epoch uint64
}

func newTree(epoch uint64) *tree {
	return &tree{BTreeG: btree.NewG(treeDegree, entryLess), epoch: epoch}
}

// indexSchema is one index of a table. Every index is unique: a key maps to
// one row (indexes of non-unique values end in the row's creation order).
// A row is in the index under one key (one), under none (one returns false)
// or under several (many, set instead of one).
type indexSchema struct {
	name string
	one  func(row any) (string, bool)
	many func(row any) []string
	// unique says that the index's keys are values that no two rows may
	// share (not ended in the creation order): Insert refuses a row whose
	// key another holds. Unique indexes come right after id.
	unique bool
}

func (x *indexSchema) keys(row any, buf []string) []string {
	if x.many != nil {
		return x.many(row)
	}
	if k, ok := x.one(row); ok {
		return append(buf, k)
	}
	return buf
}

// tableSchema is a table: its first index is "id", the primary one, then
// its unique indexes up to uniqueEnd, then the others.
type tableSchema struct {
	name      string
	indexes   []indexSchema
	byName    map[string]int
	uniqueEnd int
}

func newTableSchema(name string, indexes ...indexSchema) *tableSchema {
	t := &tableSchema{name: name, indexes: indexes, byName: map[string]int{}}
	for i, x := range indexes {
		if _, dup := t.byName[x.name]; dup {
			panic(fmt.Sprintf("memstore: table %s: index %s twice", name, x.name))
		}
		t.byName[x.name] = i
	}
	if len(indexes) == 0 || indexes[0].name != "id" || indexes[0].one == nil {
		panic(fmt.Sprintf("memstore: table %s: the first index must be a single-key id", name))
	}
	t.uniqueEnd = 1
	for t.uniqueEnd < len(indexes) && indexes[t.uniqueEnd].unique {
		t.uniqueEnd++
	}
	for _, x := range indexes[t.uniqueEnd:] {
		if x.unique {
			panic(fmt.Sprintf("memstore: table %s: unique index %s after one that is not", name, x.name))
		}
	}
	return t
}

func (t *tableSchema) index(name string) int {
	i, ok := t.byName[name]
	if !ok {
		// Index names are the package's own: a miss is a bug in it.
		panic(fmt.Sprintf("memstore: table %s has no index %s", t.name, name))
	}
	return i
}

// dbSchema is every table of one database.
type dbSchema struct {
	tables map[string]*tableSchema
}

// state is one committed state of a database. A table or tree missing from
// it is empty.
//
// Once any reader has it (observed), a state is never written again: the
// next write transaction clones each tree it writes. Until then no one but
// the writers can have it, and the next write transaction changes its trees
// in place (writing), which saves copying a path of nodes per index per
// transaction: the cost of most of a key's insert. A reader and a writer
// meet on these two flags as in Dekker's algorithm (db.current): the writer
// sets writing and then looks at observed, a reader sets observed and then
// looks at writing, so that at least one sees the other. A reader that
// finds writing set waits for the writer and reads the state it leaves.
type state struct {
	schema   *dbSchema
	tables   map[string][]*tree // by table, one tree per index in schema order
	observed atomic.Bool
	// writing stays set once a transaction has changed the state in
	// place and committed: the state is then a dead one, and its trees
	// are the next state's.
	writing atomic.Bool
}

func newState(schema *dbSchema) *state {
	return &state{schema: schema, tables: map[string][]*tree{}}
}

// transaction is a transaction on a state. A read transaction reads base; a write
// transaction reads its own writes and, on commit, returns the new state.
type transaction struct {
	base  *state
	write bool
	// written holds, per table the transaction wrote, its trees: each one
	// cloned from base when first written (cloned says which).
	written map[string]*writtenTable
	track   bool
	changes []rowChange
	done    bool
	// epoch is the write transaction's, and a tree it may write in place
	// is one of the same epoch: a transaction on an observed state begins
	// a new epoch, so that every tree made before is only read; one on a
	// state no one has observed goes on with the epoch of the transaction
	// that made that state (db.commit).
	epoch uint64
	// inPlace says that the transaction may change base's trees of its
	// epoch in place; undo then holds what they held before, for Abort.
	inPlace bool
	undo    []undoEntry
}

// undoEntry is one write of a tree changed in place: the entry the key had
// before (had false: none); or, with count set, a counter changed in place
// and the n it had before.
type undoEntry struct {
	tree  *tree
	key   string
	old   entry
	had   bool
	count *counter
	n     int
}

type writtenTable struct {
	trees []*tree
	// own says the transaction may write the tree as it is: the
	// transaction's clone, or a tree of base that it may change in place.
	own []bool
}

// rowChange is one write of a row: Before is the row it replaced or
// deleted, After the row it stored; either may be nil.
type rowChange struct {
	Table         string
	Before, After any
	id            string
}

func (s *state) txn(write bool) *transaction { return &transaction{base: s, write: write} }

// TrackChanges makes Changes report the transaction's writes.
func (t *transaction) TrackChanges() { t.track = true }

func (t *transaction) schemaOf(table string) *tableSchema {
	ts, ok := t.base.schema.tables[table]
	if !ok {
		panic(fmt.Sprintf("memstore: no table %s", table))
	}
	return ts
}

// readTree is the tree of one index as the transaction sees it; nil is an
// empty index.
func (t *transaction) readTree(table string, index int) *tree {
	if w, ok := t.written[table]; ok {
		return w.trees[index]
	}
	if trees := t.base.tables[table]; trees != nil {
		return trees[index]
	}
	return nil
}

// writeTree is the tree of one index for the transaction to write: the
// first write clones base's, so that base is never written.
func (t *transaction) writeTree(ts *tableSchema, index int) *tree {
	if !t.write || t.done {
		panic("memstore: write outside a live write transaction")
	}
	w, ok := t.written[ts.name]
	if !ok {
		if t.written == nil {
			t.written = map[string]*writtenTable{}
		}
		w = &writtenTable{trees: make([]*tree, len(ts.indexes)), own: make([]bool, len(ts.indexes))}
		copy(w.trees, t.base.tables[ts.name])
		if t.inPlace {
			for i, tr := range w.trees {
				w.own[i] = tr != nil && tr.epoch == t.epoch
			}
		}
		t.written[ts.name] = w
	}
	if !w.own[index] {
		if w.trees[index] == nil {
			w.trees[index] = newTree(t.epoch)
		} else {
			w.trees[index] = &tree{BTreeG: w.trees[index].Clone(), epoch: t.epoch}
		}
		w.own[index] = true
	}
	return w.trees[index]
}

// owns says whether the transaction may write tr, the index's tree it
// reads, as it is (writeTree would return it, not a clone).
func (t *transaction) owns(ts *tableSchema, index int, tr *tree) bool {
	if w, ok := t.written[ts.name]; ok {
		return w.own[index]
	}
	return t.inPlace && tr.epoch == t.epoch
}

// inBase says whether tr is one of base's trees, which a write changes in
// place only in an in-place transaction (and must then be undone on Abort).
func (t *transaction) inBase(ts *tableSchema, index int, tr *tree) bool {
	trees := t.base.tables[ts.name]
	return t.inPlace && trees != nil && trees[index] == tr
}

// set stores e in tr, keeping what it replaces for Abort when tr is base's,
// and returns what it replaced.
func (t *transaction) set(tr *tree, logged bool, e entry) (old entry, had bool) {
	old, had = tr.ReplaceOrInsert(e)
	if logged {
		t.undo = append(t.undo, undoEntry{tree: tr, key: e.key, old: old, had: had})
	}
	return old, had
}

// unset deletes key from tr, keeping what it held for Abort when tr is
// base's.
func (t *transaction) unset(tr *tree, logged bool, key string) (old entry, had bool) {
	old, had = tr.Delete(entry{key: key})
	if logged && had {
		t.undo = append(t.undo, undoEntry{tree: tr, key: key, old: old, had: true})
	}
	return old, had
}

// mayChange says whether the transaction may change, in place, a row it
// read that was made in epoch: one made in its own epoch is in no state a
// reader has had.
func (t *transaction) mayChange(epoch uint64) bool {
	return t.write && !t.done && epoch == t.epoch
}

// setCount sets c.n, a counter mayChange allows, keeping what it held for
// Abort when an in-place transaction may have found c in base.
func (t *transaction) setCount(c *counter, n int) {
	if t.inPlace {
		t.undo = append(t.undo, undoEntry{count: c, n: c.n})
	}
	c.n = n
}

// First returns the row index maps key to, or nil.
func (t *transaction) First(table, index, key string) any {
	tr := t.readTree(table, t.schemaOf(table).index(index))
	if tr == nil {
		return nil
	}
	e, ok := tr.Get(entry{key: key})
	if !ok {
		return nil
	}
	return e.row
}

// Put stores row in place of old, the row the table holds under row's id,
// or nil when it holds none: the caller has looked old up (and checked
// what it must) in the same transaction.
func (t *transaction) Put(table string, row, old any) error {
	ts := t.schemaOf(table)
	id, ok := ts.indexes[0].one(row)
	if !ok || id == "" {
		return fmt.Errorf("table %s: a row without an id", table)
	}
	t.put(ts, id, row, old)
	return nil
}

func (t *transaction) put(ts *tableSchema, id string, row, old any) {
	t.putIndexes(ts, 0, row, old)
	t.changed(ts.name, id, old, row)
}

// putIndexes writes row in place of old in the indexes from the from'th.
func (t *transaction) putIndexes(ts *tableSchema, from int, row, old any) {
	var oldBuf, newBuf [2]string
	for i := from; i < len(ts.indexes); i++ {
		x := &ts.indexes[i]
		var was []string
		if old != nil {
			was = x.keys(old, oldBuf[:0])
		}
		now := x.keys(row, newBuf[:0])
		if len(was) == 0 && len(now) == 0 {
			continue // not in this index before or after: its tree stays shared
		}
		tr := t.writeTree(ts, i)
		logged := t.inBase(ts, i, tr)
		if len(was) == 1 && len(now) == 1 && was[0] == now[0] {
			t.set(tr, logged, entry{key: now[0], row: row}) // one walk, not two
			continue
		}
		for _, k := range was {
			t.unset(tr, logged, k)
		}
		for _, k := range now {
			t.set(tr, logged, entry{key: k, row: row})
		}
	}
}

// Insert stores row unless the table holds a row of its id or of one of
// its keys in a unique index: then it changes nothing and returns the row
// held and the index that holds it. It is Put after look-ups of the id and
// the unique keys, in one walk of each of their trees rather than two:
// the id and the unique keys are written first, and taken back on a
// conflict.
func (t *transaction) Insert(table string, row any) (held any, index string, err error) {
	ts := t.schemaOf(table)
	id, ok := ts.indexes[0].one(row)
	if !ok || id == "" {
		return nil, "", fmt.Errorf("table %s: a row without an id", table)
	}
	tr := t.writeTree(ts, 0)
	logged := t.inBase(ts, 0, tr)
	if old, had := t.set(tr, logged, entry{key: id, row: row}); had {
		t.set(tr, logged, old) // put it back
		return old.row, ts.indexes[0].name, nil
	}
	var buf [2]string
	for i := 1; i < ts.uniqueEnd; i++ {
		x := &ts.indexes[i]
		for _, k := range x.keys(row, buf[:0]) {
			tr := t.writeTree(ts, i)
			logged := t.inBase(ts, i, tr)
			old, had := t.set(tr, logged, entry{key: k, row: row})
			if !had || old.row == row {
				continue
			}
			t.set(tr, logged, old)
			t.unwrite(ts, i, k, row)
			return old.row, x.name, nil
		}
	}
	t.putIndexes(ts, ts.uniqueEnd, row, nil)
	t.changed(ts.name, id, nil, row)
	return nil, "", nil
}

// unwrite takes row's keys back out of the indexes before the upto'th, and
// out of that index those before key, all of which Insert wrote before it
// met a conflict at key.
func (t *transaction) unwrite(ts *tableSchema, upto int, key string, row any) {
	var buf [2]string
	for i := 0; i <= upto; i++ {
		x := &ts.indexes[i]
		tr := t.writeTree(ts, i)
		logged := t.inBase(ts, i, tr)
		for _, k := range x.keys(row, buf[:0]) {
			if i == upto && k == key {
				break
			}
			t.unset(tr, logged, k)
		}
	}
}

// Take deletes the row the table holds under id and returns it, or nil
// when it holds none: a look-up and a Remove in one walk of the id's tree
// fewer. keyed is the row the other indexes' keys are read from (the row
// itself, or a form of it they read faster).
func (t *transaction) Take(table, id string, keyed func(row any) any) any {
	ts := t.schemaOf(table)
	tr := t.readTree(table, 0)
	if tr == nil {
		return nil
	}
	if !t.owns(ts, 0, tr) {
		if _, ok := tr.Get(entry{key: id}); !ok {
			return nil // no clone of a tree for nothing
		}
	}
	tr = t.writeTree(ts, 0)
	old, had := t.unset(tr, t.inBase(ts, 0, tr), id)
	if !had {
		return nil
	}
	t.removeIndexes(ts, 1, keyed(old.row))
	t.changed(table, id, old.row, nil)
	return old.row
}

// Remove deletes old, a row the table holds.
func (t *transaction) Remove(table string, old any) {
	ts := t.schemaOf(table)
	id, _ := ts.indexes[0].one(old)
	t.removeIndexes(ts, 0, old)
	t.changed(table, id, old, nil)
}

// removeIndexes deletes row's keys from the indexes from the from'th.
func (t *transaction) removeIndexes(ts *tableSchema, from int, row any) {
	var buf [2]string
	for i := from; i < len(ts.indexes); i++ {
		was := ts.indexes[i].keys(row, buf[:0])
		if len(was) == 0 {
			continue
		}
		tr := t.writeTree(ts, i)
		logged := t.inBase(ts, i, tr)
		for _, k := range was {
			t.unset(tr, logged, k)
		}
	}
}

func (t *transaction) changed(table, id string, before, after any) {
	if t.track {
		t.changes = append(t.changes, rowChange{Table: table, Before: before, After: after, id: id})
	}
}

// Changes returns the net change of every row the transaction wrote, in
// the order of each row's last write: a row written twice shows the row
// before the first write and after the last, and a row inserted and then
// deleted does not show.
func (t *transaction) Changes() []rowChange {
	type rowKey struct{ table, id string }
	first := make(map[rowKey]int, len(t.changes))
	last := make(map[rowKey]int, len(t.changes))
	for i, c := range t.changes {
		k := rowKey{c.Table, c.id}
		if _, ok := first[k]; !ok {
			first[k] = i
		}
		last[k] = i
	}
	if len(last) == len(t.changes) {
		return t.changes
	}
	out := make([]rowChange, 0, len(last))
	for i, c := range t.changes {
		k := rowKey{c.Table, c.id}
		if last[k] != i {
			continue
		}
		c.Before = t.changes[first[k]].Before
		if c.Before == nil && c.After == nil {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Commit ends a write transaction and returns its state, which shares
// every tree the transaction did not write with base.
func (t *transaction) Commit() *state {
	if !t.write || t.done {
		panic("memstore: commit outside a live write transaction")
	}
	t.done = true
	if len(t.written) == 0 {
		if t.inPlace {
			t.base.writing.Store(false) // unchanged: base stays current
		}
		return t.base
	}
	// An in-place transaction leaves base's writing set: base is dead.
	next := &state{schema: t.base.schema, tables: make(map[string][]*tree, len(t.base.tables)+len(t.written))}
	for name, trees := range t.base.tables {
		next.tables[name] = trees
	}
	for name, w := range t.written {
		next.tables[name] = w.trees
	}
	return next
}

// Abort ends a transaction without keeping anything it wrote: the trees
// it changed in place get back what they held, and base is current again.
func (t *transaction) Abort() {
	if t.done {
		return
	}
	t.done = true
	if !t.inPlace {
		return
	}
	for i := len(t.undo) - 1; i >= 0; i-- {
		u := t.undo[i]
		if u.count != nil {
			u.count.n = u.n
			continue
		}
		if u.had {
			u.tree.ReplaceOrInsert(u.old)
		} else {
			u.tree.Delete(entry{key: u.key})
		}
	}
	t.base.writing.Store(false)
}

// iterator walks the rows of one index in key order, or in reverse.
type iterator struct {
	tree   *tree
	prefix string
	desc   bool
	// from is where the next batch starts: the first key to look at
	// (ascending) or the key after the last one (descending, "" for the
	// end of the tree); skip says that from was already returned.
	from string
	skip bool
	end  bool
	buf  []any
	next int
}

// iterBatch is how many rows one descent of the tree collects: a walk that
// stops after a page of 10 reads one batch.
const iterBatch = 32

// Prefix walks the rows whose key in index begins with prefix, in key order
// (desc: reversed). A write transaction's walk sees the index as it was
// when the walk began.
func (t *transaction) Prefix(table, index, prefix string, desc bool) *iterator {
	return t.walk(table, index, prefix, prefix, desc)
}

// LowerBound walks the rows from the first whose key in index is at least
// key, in key order, to the end of the index.
func (t *transaction) LowerBound(table, index, key string) *iterator {
	return t.walk(table, index, "", key, false)
}

func (t *transaction) walk(table, index, prefix, from string, desc bool) *iterator {
	tr := t.readTree(table, t.schemaOf(table).index(index))
	if tr == nil {
		return &iterator{end: true}
	}
	if t.write && !t.done {
		// The transaction may go on writing this tree while the walk
		// lasts (a delete of every row it finds): the walk reads a clone,
		// and the transaction's next write copies what it touches.
		tr = &tree{BTreeG: tr.Clone()}
	}
	it := &iterator{tree: tr, prefix: prefix, desc: desc, from: from}
	if desc {
		it.from = prefixEnd(prefix) // "": from the end of the tree
	}
	return it
}

// prefixEnd returns the smallest key greater than every key that begins
// with prefix, or "" when there is none (the prefix is empty or all 0xff).
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}

// Next returns the next row, or nil after the last.
func (it *iterator) Next() any {
	if it.next < len(it.buf) {
		r := it.buf[it.next]
		it.buf[it.next] = nil
		it.next++
		return r
	}
	if it.end {
		return nil
	}
	it.fill()
	if len(it.buf) == 0 {
		it.end = true
		return nil
	}
	return it.Next()
}

func (it *iterator) fill() {
	it.buf, it.next = it.buf[:0], 0
	var last string
	visit := func(e entry) bool {
		if it.skip && e.key == it.from {
			return true
		}
		if !strings.HasPrefix(e.key, it.prefix) {
			if it.desc && it.from != "" && e.key >= it.from {
				return true // the bound itself, not under the prefix
			}
			it.end = true
			return false
		}
		it.buf = append(it.buf, e.row)
		last = e.key
		return len(it.buf) < iterBatch
	}
	switch {
	case !it.desc:
		it.tree.AscendGreaterOrEqual(entry{key: it.from}, visit)
	case it.from == "" && !it.skip:
		it.tree.Descend(visit)
	default:
		it.tree.DescendLessOrEqual(entry{key: it.from}, visit)
	}
	if len(it.buf) < iterBatch {
		it.end = true
	}
	if len(it.buf) > 0 {
		it.from, it.skip = last, true
	}
}
