package memstore

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dashkit/dashkit/store"
)

// sep separates the parts of an index key. Identifiers and names never hold
// a NUL byte, so a prefix ending in sep selects exactly one org (or one org
// and one facet).
const sep = "\x00"

// row is what a table holds: the object, packed (see codec.go), and the
// sequence number of its creation, which orders lists "in the order of
// creation" and breaks ties in every other order.
type row[T any] struct {
	seq  uint64
	data []byte
	// facets are the object's facets, kept unpacked so that a list walking
	// an index can skip the objects without a facet at the cost of a
	// comparison rather than of unpacking each one.
	facets []string
	// obj is the object while the row is being inserted, so that its
	// indexes need not unpack it; it is nil once the row is stored.
	obj *T
}

// view returns the row's object for the store's own reading; it must not
// reach a caller, who gets copy instead.
func (r *row[T]) view() *T {
	if r.obj != nil {
		return r.obj
	}
	return unpack[T](r.data)
}

// unpacked returns a copy of the row that holds obj, its object unpacked,
// for computing its index keys more than once.
func (r *row[T]) unpacked(obj *T) *row[T] {
	if r.obj != nil {
		return r
	}
	u := *r
	u.obj = obj
	return &u
}

// copy returns a new object, the caller's own.
func (r *row[T]) copy() *T { return unpack[T](r.data) }

// seqKey encodes a sequence number so that byte order is numeric order: 16
// hex digits. Only the order of the keys matters: nothing decodes them.
func seqKey(seq uint64) string {
	var b [16]byte
	const digits = "0123456789abcdef"
	for i := 15; i >= 0; i-- {
		b[i] = digits[seq&0xf]
		seq >>= 4
	}
	return string(b[:])
}

// orgSeqKey is org + sep + seqKey(seq), in one allocation: every insert
// and delete makes one.
func orgSeqKey(org string, seq uint64) string {
	var digits [16]byte
	for i := 15; i >= 0; i-- {
		digits[i] = "0123456789abcdef"[seq&0xf]
		seq >>= 4
	}
	var b strings.Builder
	b.Grow(len(org) + len(sep) + len(digits))
	b.WriteString(org)
	b.WriteString(sep)
	b.Write(digits[:])
	return b.String()
}

// orgSortKey is org + sep + key + sep + seqKey(seq), in one allocation:
// the key of an org_<sort> index.
func orgSortKey(org, key string, seq uint64) string {
	var digits [16]byte
	for i := 15; i >= 0; i-- {
		digits[i] = "0123456789abcdef"[seq&0xf]
		seq >>= 4
	}
	var b strings.Builder
	b.Grow(len(org) + len(key) + 2*len(sep) + len(digits))
	b.WriteString(org)
	b.WriteString(sep)
	b.WriteString(key)
	b.WriteString(sep)
	b.Write(digits[:])
	return b.String()
}

// unique is an index whose key at most one object may hold.
type unique[T any] struct {
	index string // index name
	what  string // the identifier, in errors: "api_id"
	// key returns the index key of an object, false when the object has
	// none (an optional identifier left empty).
	key func(*T) (string, bool)
}

// sortKey is an order a list can take: key returns a string whose byte
// order is the wanted order. indexed says whether an index keeps that
// order per org (otherwise the list sorts in memory).
type sortKey[T any] struct {
	key     func(*T) string
	indexed bool
}

// coll describes one collection: how to find its objects' identifiers, org,
// name, facets and orders. Every table gets the indexes:
//
//	id           the object's primary id
//	org_seq      org, creation order
//	org_<sort>   org, sort key, creation order (for each indexed sort)
//	facet        org, facet, creation order (when facets is set and indexed)
//	<unique>     for each unique
//	<extra>      key, creation order (for each extra)
//
// Every index is unique (the sequence number makes it so), so an index entry
// costs no copy of the primary id, and an exact look-up is one tree search.
type coll[T any] struct {
	table string // table, also the collection of export records
	noun  string // what one object is called in errors: "policy"
	id    func(*T) string
	org   func(*T) string
	// text is what ListOptions.Query matches; nil means the name.
	text func(*T) string
	// sorts maps a ListOptions.Sort field to its order. "created" missing
	// from it means the order of creation.
	sorts map[string]sortKey[T]
	// facets are the values list filters select on ("c"+sep+category,
	// ...); counts are kept per facet so that a filtered list knows its
	// total without a walk.
	facets func(*T) []string
	// facetsUnindexed keeps the facets' counters but no facet index: a
	// filtered list then walks the org's objects, skipping the others (see
	// list). For a collection that grows to millions, an index entry costs
	// more memory than the object itself.
	facetsUnindexed bool
	uniques         []unique[T]
	// extras are further non-unique look-ups: key, then creation order.
	extras map[string]func(*T) string
	// assignID, when set, gives an object without an id of its own one
	// made from its sequence number.
	assignID func(obj *T, seq uint64)
	// idSeq is the sequence number an id assignID gave encodes, so that a
	// store loading objects with such ids hands out none of them again.
	idSeq func(id string) uint64
}

func (c *coll[T]) schema() *tableSchema {
	one := func(name string, fn func(*row[T]) (string, bool)) indexSchema {
		return indexSchema{name: name, one: func(raw any) (string, bool) { return fn(raw.(*row[T])) }}
	}
	xs := []indexSchema{one("id", func(r *row[T]) (string, bool) { return c.id(r.view()), true })}
	for _, u := range c.uniques {
		key := u.key
		x := one(u.index, func(r *row[T]) (string, bool) { return key(r.view()) })
		x.unique = true
		xs = append(xs, x)
	}
	xs = append(xs, one("org_seq", func(r *row[T]) (string, bool) { return orgSeqKey(c.org(r.view()), r.seq), true }))
	for _, name := range slices.Sorted(maps.Keys(c.sorts)) {
		if !c.sorts[name].indexed {
			continue
		}
		key := c.sorts[name].key
		xs = append(xs, one("org_"+name, func(r *row[T]) (string, bool) {
			o := r.view()
			return orgSortKey(c.org(o), key(o), r.seq), true
		}))
	}
	if c.facets != nil && !c.facetsUnindexed {
		xs = append(xs, indexSchema{name: "facet", many: func(raw any) []string { return c.facetKeys(raw.(*row[T])) }})
	}
	for _, name := range slices.Sorted(maps.Keys(c.extras)) {
		key := c.extras[name]
		xs = append(xs, one(name, func(r *row[T]) (string, bool) { return key(r.view()) + sep + seqKey(r.seq), true }))
	}
	return newTableSchema(c.table, xs...)
}

// facetKeys are a row's keys in the facet index: org, facet, creation
// order, one per facet.
func (c *coll[T]) facetKeys(r *row[T]) []string {
	o := r.view()
	fs := c.facets(o)
	if len(fs) == 0 {
		return nil
	}
	org, seq := c.org(o), seqKey(r.seq)
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = org + sep + f + sep + seq
	}
	return keys
}

// counter is a row of the counts table: how many objects a collection holds
// per org and per org and facet. Counts change in the same
// transaction as the objects, so they are always exact.
type counter struct {
	key string
	n   int
	// epoch is that of the transaction that made the counter: one of the
	// same epoch is in no state a reader has had, so a write changes it in
	// place rather than storing a new one (transaction.mayChange).
	epoch uint64
}

const countsTable = "counts"

func countsSchema() *tableSchema {
	return newTableSchema(countsTable, indexSchema{name: "id", one: func(raw any) (string, bool) {
		return raw.(*counter).key, true
	}})
}

func count(txn *transaction, key string) int {
	if c := counterOf(txn, key); c != nil {
		return c.n
	}
	return 0
}

func counterOf(txn *transaction, key string) *counter {
	raw := txn.First(countsTable, "id", key)
	if raw == nil {
		return nil
	}
	return raw.(*counter)
}

// countKeys are the counters an object adds to.
func (c *coll[T]) countKeys(obj *T) []string {
	org := c.org(obj)
	keys := []string{c.table + sep + org}
	if c.facets != nil {
		for _, f := range c.facets(obj) {
			keys = append(keys, c.table+sep+org+sep+f)
		}
	}
	return keys
}

// moveCounts takes old (when not nil) off its counters and adds obj (when
// not nil) to its own. A counter that both touch by the same amount, as when
// an update keeps the org and facets, is not written at all.
func (c *coll[T]) moveCounts(txn *transaction, old, obj *T) error {
	type change struct {
		key   string
		delta int
	}
	var chs []change
	add := func(o *T, delta int) {
		if o == nil {
			return
		}
	keys:
		for _, k := range c.countKeys(o) {
			for i := range chs {
				if chs[i].key == k {
					chs[i].delta += delta
					continue keys
				}
			}
			chs = append(chs, change{key: k, delta: delta})
		}
	}
	add(old, -1)
	add(obj, 1)
	for _, ch := range chs {
		if err := c.addCount(txn, ch.key, ch.delta); err != nil {
			return err
		}
	}
	return nil
}

// addCount adds delta to the counter of key; a counter at 0 is removed.
func (c *coll[T]) addCount(txn *transaction, key string, delta int) error {
	if delta == 0 {
		return nil
	}
	n := delta
	var was any // stays nil, not a nil *counter, when there is none
	if cur := counterOf(txn, key); cur != nil {
		n += cur.n
		was = cur
		if n != 0 && txn.mayChange(cur.epoch) {
			// No walk of the counts tree, and no garbage: most writes
			// follow one another with no read between.
			txn.setCount(cur, n)
			return nil
		}
	}
	switch {
	case n == 0 && was != nil:
		txn.Remove(countsTable, was)
	case n != 0:
		if err := txn.Put(countsTable, &counter{key: key, n: n, epoch: txn.epoch}, was); err != nil {
			return fmt.Errorf("%s: count %q: %w", c.noun, key, err)
		}
	}
	return nil
}

// first returns the row an index maps key to, or nil.
func (c *coll[T]) first(txn *transaction, index, key string) (*row[T], error) {
	raw := txn.First(c.table, index, key)
	if raw == nil {
		return nil, nil
	}
	return raw.(*row[T]), nil
}

// get returns a copy of the object an index maps key to; what names the
// look-up in the error, and "" names it by the key itself (formatted only
// when needed: Get by id is the hottest path of the store).
func (c *coll[T]) get(txn *transaction, index, key, what string) (*T, error) {
	r, err := c.first(txn, index, key)
	if err != nil {
		return nil, err
	}
	if r == nil {
		if what == "" {
			what = strconv.Quote(key)
		}
		return nil, fmt.Errorf("%s %s: %w", c.noun, what, store.ErrNotFound)
	}
	return r.copy(), nil
}

func (c *coll[T]) byID(txn *transaction, id string) (*T, error) { return c.get(txn, "id", id, "") }

// checkUniques fails with ErrConflict when another object holds one of
// obj's unique keys.
func (c *coll[T]) checkUniques(txn *transaction, obj *T, id string) error {
	for _, u := range c.uniques {
		k, ok := u.key(obj)
		if !ok {
			continue
		}
		r, err := c.first(txn, u.index, k)
		if err != nil {
			return err
		}
		if r == nil {
			continue
		}
		if other := c.id(r.view()); other != id {
			return c.taken(id, u, k, other)
		}
	}
	return nil
}

func (c *coll[T]) taken(id string, u unique[T], key, other string) error {
	return fmt.Errorf("%s %q: %s %q already used by %s %q: %w",
		c.noun, id, u.what, displayKey(key), c.noun, other, store.ErrConflict)
}

// displayKey shows an index key in an error: org-scoped keys print as
// "org/key".
func displayKey(k string) string { return strings.ReplaceAll(k, sep, "/") }

func (c *coll[T]) insert(txn *transaction, seq uint64, obj *T) error {
	r, err := c.newRow(txn, seq, obj)
	if err != nil {
		return err
	}
	return c.put(txn, r, nil)
}

// newRow is the row that inserts obj, once obj is checked: an id no other
// object holds, and no unique key another holds.
func (c *coll[T]) newRow(txn *transaction, seq uint64, obj *T) (*row[T], error) {
	if obj == nil {
		return nil, fmt.Errorf("insert %s: nil: %w", c.noun, store.ErrInvalid)
	}
	if c.assignID != nil && c.id(obj) == "" {
		obj = unpack[T](pack(obj)) // the caller's object stays as it was
		c.assignID(obj, seq)
	}
	id := c.id(obj)
	if id == "" {
		return nil, fmt.Errorf("insert %s: empty id: %w", c.noun, store.ErrInvalid)
	}
	// store finds a duplicate id or unique key as it inserts, in one walk
	// of each one's tree rather than a look-up and a write.
	return &row[T]{seq: seq, data: pack(obj), obj: obj}, nil
}

func (c *coll[T]) exists(id string) error {
	return fmt.Errorf("%s %q: already exists: %w", c.noun, id, store.ErrConflict)
}

// insertAll inserts objs as insert would one after the other, numbered by
// next, and moves each counter once: the counters of a batch of one org's
// objects are one tree write rather than one per object.
func (c *coll[T]) insertAll(txn *transaction, next func() uint64, objs []*T) error {
	counts := map[string]int{}
	for _, obj := range objs {
		r, err := c.newRow(txn, next(), obj)
		if err == nil {
			err = c.store(txn, r, nil)
		}
		if err != nil {
			// What went in before the failure stays, counted, as it
			// would after one-record inserts.
			return errors.Join(err, c.addCounts(txn, counts))
		}
		c.countInto(counts, r.obj, 1)
		r.obj = nil
	}
	return c.addCounts(txn, counts)
}

// countInto adds delta to obj's counters in counts, keyed by org alone
// for a collection without facets: a batch of one org's objects then makes
// no key per object (addCounts makes the counters' keys).
func (c *coll[T]) countInto(counts map[string]int, obj *T, delta int) {
	if c.facets == nil {
		counts[c.org(obj)] += delta
		return
	}
	for _, k := range c.countKeys(obj) {
		counts[k] += delta
	}
}

// deleteAll deletes the objects of ids it holds, as delete would one after
// the other, and moves each counter once.
func (c *coll[T]) deleteAll(txn *transaction, ids []string) (int, error) {
	counts := map[string]int{}
	n := 0
	for _, id := range ids {
		o := c.take(txn, id)
		if o == nil {
			continue
		}
		c.countInto(counts, o, -1)
		n++
	}
	return n, c.addCounts(txn, counts)
}

// addCounts adds deltas (as countInto keeps them) to their counters.
func (c *coll[T]) addCounts(txn *transaction, deltas map[string]int) error {
	for key, delta := range deltas {
		if c.facets == nil {
			key = c.table + sep + key // an org
		}
		if err := c.addCount(txn, key, delta); err != nil {
			return err
		}
	}
	return nil
}

func (c *coll[T]) update(txn *transaction, obj *T) error {
	if obj == nil {
		return fmt.Errorf("update %s: nil: %w", c.noun, store.ErrInvalid)
	}
	id := c.id(obj)
	old, err := c.first(txn, "id", id)
	if err != nil {
		return err
	}
	if old == nil {
		return fmt.Errorf("%s %q: %w", c.noun, id, store.ErrNotFound)
	}
	if err := c.checkUniques(txn, obj, id); err != nil {
		return err
	}
	return c.put(txn, &row[T]{seq: old.seq, data: pack(obj), obj: obj}, old)
}

// put stores r, which replaces old when old is not nil, and moves the
// counters.
func (c *coll[T]) put(txn *transaction, r, old *row[T]) error {
	var oldObj *T
	if old != nil {
		// The engine reads old's keys from its object, one index at a
		// time: unpacked once here rather than once per index.
		oldObj = old.view()
		old = old.unpacked(oldObj)
	}
	if err := c.store(txn, r, old); err != nil {
		return err
	}
	if err := c.moveCounts(txn, oldObj, r.obj); err != nil {
		return err
	}
	// The caller keeps obj; the row keeps only its packed copy. No reader
	// sees r before the transaction commits, so this write races with none.
	r.obj = nil
	return nil
}

// store writes r in place of old (nil for an insert) in every index.
func (c *coll[T]) store(txn *transaction, r, old *row[T]) error {
	if c.facets != nil {
		r.facets = c.facets(r.obj)
	}
	if old == nil {
		held, index, err := txn.Insert(c.table, r)
		if err != nil {
			return fmt.Errorf("store %s %q: %w", c.noun, c.id(r.obj), err)
		}
		if held == nil {
			return nil
		}
		id := c.id(r.obj)
		for _, u := range c.uniques {
			if u.index == index {
				k, _ := u.key(r.obj)
				return c.taken(id, u, k, c.id(held.(*row[T]).view()))
			}
		}
		return c.exists(id)
	}
	var was any // stays nil, not a nil *row, for an insert
	if old != nil {
		was = old
	}
	if err := txn.Put(c.table, r, was); err != nil {
		return fmt.Errorf("store %s %q: %w", c.noun, c.id(r.obj), err)
	}
	return nil
}

func (c *coll[T]) delete(txn *transaction, id string) error {
	o := c.take(txn, id)
	if o == nil {
		return fmt.Errorf("%s %q: %w", c.noun, id, store.ErrNotFound)
	}
	return c.moveCounts(txn, o, nil)
}

// take deletes the object of id from the table and returns it, unpacked
// once for all its indexes, or nil when the table holds none; its counters
// are the caller's to move.
func (c *coll[T]) take(txn *transaction, id string) *T {
	var o *T
	txn.Take(c.table, id, func(raw any) any {
		r := raw.(*row[T])
		o = r.view()
		return r.unpacked(o)
	})
	return o
}

func (c *coll[T]) deleteRow(txn *transaction, r *row[T]) error {
	o := r.view()
	txn.Remove(c.table, r.unpacked(o))
	return c.moveCounts(txn, o, nil)
}

// rows returns the rows an index holds under prefix, in index order.
func (c *coll[T]) rows(txn *transaction, index, prefix string) ([]*row[T], error) {
	it := txn.Prefix(c.table, index, prefix, false)
	var out []*row[T]
	for raw := it.Next(); raw != nil; raw = it.Next() {
		out = append(out, raw.(*row[T]))
	}
	return out, nil
}

// deleteOrg deletes every object of org.
func (c *coll[T]) deleteOrg(txn *transaction, org string) error {
	rs, err := c.rows(txn, "org_seq", org+sep)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := c.deleteRow(txn, r); err != nil {
			return err
		}
	}
	return nil
}
