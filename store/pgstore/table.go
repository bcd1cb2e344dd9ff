package pgstore

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/store"
	"github.com/jackc/pgx/v5"
)

// A collection is one table:
//
//	seq     bigint, from one sequence for all tables: the order of creation
//	id      text primary key
//	org     text: the org the object belongs to ("" for none)
//	raw     text: the object's JSON exactly as it was encoded, which is what
//	        reads decode, so that member order and numbers survive
//	obj     jsonb: the same object, for SQL
//	meta    jsonb: what the store keeps beside the object (see store.Record)
//	txt     text: the lower-cased text ListOptions.Query matches
//	facets  text[]: the values list filters select on, GIN-indexed
//	s_<x>   bytea: the key of each order ListOptions.Sort takes, indexed
//	        with org and seq; bytes compare in the order wanted
//	u_<x>   bytea: each unique identifier, under a unique index
//	x_<x>   bytea: further non-unique look-ups, indexed with seq
//
// Totals of lists come from the counts table, kept in the same transactions
// (per table, org and facet), so that page 1 costs the same at any size.

// table describes one collection; its SQL follows from it.
type table[T any] struct {
	name string // SQL table, and the collection of export records
	noun string // what one object is called in errors
	id   func(*T) string
	org  func(*T) string
	// text is what ListOptions.Query matches; nil means the name order's
	// key.
	text    func(*T) string
	sorts   map[string]func(*T) []byte
	facets  func(*T) []string
	uniques []unique[T]
	extras  map[string]func(*T) []byte
	// enc and dec turn an object into a record's object and meta and back;
	// nil means its JSON, no meta.
	enc func(*T) (any, map[string]string)
	dec func(*T, store.Record) error
	// assignID gives an object without an id of its own one made from its
	// sequence number.
	assignID func(*T, int64)
	// countBytes keeps, beside the table's counters, the bytes of its rows
	// per org (under bytesFacet, as rowSize counts them), so that a bound
	// on its bytes costs no scan of the table.
	countBytes bool
}

// bytesFacet is the counter of a table's bytes; no list selects on it.
const bytesFacet = "#bytes"

// rowSize is what a row of a table that counts its bytes costs, about:
// its JSON twice (as text and as jsonb) and the rest of the row and its
// index entries. rowSizeSQL is the same, of a row in SQL.
func rowSize(raw string) int64 { return 2*int64(len(raw)) + rowOverhead }

const (
	rowOverhead = 256
	rowSizeSQL  = "(2 * octet_length(raw) + 256)"
)

// sizeOf is the size of a row of t whose JSON is raw: 0 for a table that
// does not count its bytes.
func (t *table[T]) sizeOf(raw string) int64 {
	if !t.countBytes {
		return 0
	}
	return rowSize(raw)
}

// sizeCol is the SQL of a row's size in t, for RETURNING.
func (t *table[T]) sizeCol() string {
	if !t.countBytes {
		return "0::bigint"
	}
	return rowSizeSQL
}

type unique[T any] struct {
	col  string // column u_<col>
	what string // the identifier, in errors
	key  func(*T) ([]byte, bool)
}

// collection is what the store does with every table alike, whatever its
// type: create it, empty it, export and import it.
type collection interface {
	tableName() string
	ddl() []string
	exportRows(x *tx, emit func(store.Record) error) error
	importRow(rec store.Record) (importRow, error)
	copyColumns() []string
	recount(x *tx) error
	deleteOrg(x *tx, org string) error
}

func (t *table[T]) tableName() string { return t.name }

func (t *table[T]) sortNames() []string {
	names := make([]string, 0, len(t.sorts))
	for n := range t.sorts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func (t *table[T]) uniqueCols() []string {
	var cols []string
	for _, u := range t.uniques {
		cols = append(cols, "u_"+u.col)
	}
	return cols
}

func (t *table[T]) extraNames() []string {
	names := make([]string, 0, len(t.extras))
	for n := range t.extras {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ddl creates the table and its indexes.
func (t *table[T]) ddl() []string {
	cols := []string{
		"seq bigint NOT NULL DEFAULT nextval('dashkit_seq')",
		"id text PRIMARY KEY",
		"org text NOT NULL",
		"raw text NOT NULL",
		"obj jsonb NOT NULL",
		"meta jsonb",
		"txt text NOT NULL DEFAULT ''",
		"facets text[] NOT NULL DEFAULT '{}'",
	}
	stmts := []string{}
	idx := []string{
		fmt.Sprintf("CREATE UNIQUE INDEX %[1]s_org_seq ON %[1]s (org, seq)", t.name),
		fmt.Sprintf("CREATE INDEX %[1]s_seq ON %[1]s (seq)", t.name),
	}
	for _, s := range t.sortNames() {
		cols = append(cols, "s_"+s+" bytea NOT NULL")
		idx = append(idx, fmt.Sprintf("CREATE INDEX %[1]s_s_%[2]s ON %[1]s (org, s_%[2]s, seq)", t.name, s))
	}
	if t.facets != nil {
		idx = append(idx, fmt.Sprintf("CREATE INDEX %[1]s_facets ON %[1]s USING gin (facets)", t.name))
	}
	for _, u := range t.uniques {
		cols = append(cols, "u_"+u.col+" bytea")
		idx = append(idx, fmt.Sprintf("CREATE UNIQUE INDEX %[1]s_u_%[2]s ON %[1]s (u_%[2]s)", t.name, u.col))
	}
	for _, x := range t.extraNames() {
		cols = append(cols, "x_"+x+" bytea NOT NULL")
		idx = append(idx, fmt.Sprintf("CREATE INDEX %[1]s_x_%[2]s ON %[1]s (x_%[2]s, seq)", t.name, x))
	}
	stmts = append(stmts, fmt.Sprintf("CREATE TABLE %s (%s)", t.name, strings.Join(cols, ", ")))
	return append(stmts, idx...)
}

func (t *table[T]) encode(o *T) (raw []byte, meta map[string]string, err error) {
	var v any = o
	if t.enc != nil {
		v, meta = t.enc(o)
	}
	raw, err = json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("encode %s %q: %w", t.noun, t.id(o), err)
	}
	return raw, meta, nil
}

func (t *table[T]) decode(raw []byte, meta map[string]string) (*T, error) {
	o := new(T)
	if t.dec != nil {
		if err := t.dec(o, store.Record{Collection: t.name, Object: raw, Meta: meta}); err != nil {
			return nil, err
		}
		return o, nil
	}
	if err := json.Unmarshal(raw, o); err != nil {
		return nil, fmt.Errorf("%s: %v: %w", t.noun, err, store.ErrInvalid)
	}
	return o, nil
}

func (t *table[T]) textOf(o *T) string {
	if t.text != nil {
		return strings.ToLower(t.text(o))
	}
	if s, ok := t.sorts["name"]; ok {
		return string(s(o))
	}
	return ""
}

func (t *table[T]) facetsOf(o *T) []string {
	if t.facets == nil {
		return []string{}
	}
	fs := t.facets(o)
	if fs == nil {
		return []string{}
	}
	return fs
}

// get returns the object whose column col holds key; what names the
// look-up in the error.
func (t *table[T]) get(x *tx, col string, key any, what string) (*T, error) {
	var raw []byte
	var meta map[string]string
	err := x.tx.QueryRow(x.ctx, "SELECT raw, meta FROM "+t.name+" WHERE "+col+" = $1", key).Scan(&raw, &meta)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("%s %s: %w", t.noun, what, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", t.noun, what, err)
	}
	return t.decode(raw, meta)
}

func (t *table[T]) byID(x *tx, id string) (*T, error) { return t.get(x, "id", id, strconv.Quote(id)) }

// checkUniques fails with ErrConflict when another object holds one of
// o's unique identifiers and, with isNew, when id itself is taken. The
// unique indexes hold in any case; the check is there so that a conflict
// is an error of the call, not an aborted transaction. It is one query,
// one round trip, whatever the number of identifiers.
func (t *table[T]) checkUniques(x *tx, o *T, id string, isNew bool) error {
	var cols []string
	var args []any
	var keys [][]byte
	var whats []string
	if isNew {
		args = append(args, id)
		cols = append(cols, "(SELECT id FROM "+t.name+" WHERE id = $1)")
		keys, whats = append(keys, nil), append(whats, "")
	}
	for _, u := range t.uniques {
		k, ok := u.key(o)
		if !ok {
			continue
		}
		args = append(args, k)
		cols = append(cols, "(SELECT id FROM "+t.name+" WHERE u_"+u.col+" = $"+strconv.Itoa(len(args))+")")
		keys, whats = append(keys, k), append(whats, u.what)
	}
	if len(cols) == 0 {
		return nil
	}
	holders := make([]*string, len(cols))
	dest := make([]any, len(cols))
	for i := range holders {
		dest[i] = &holders[i]
	}
	if err := x.tx.QueryRow(x.ctx, "SELECT "+strings.Join(cols, ", "), args...).Scan(dest...); err != nil {
		return fmt.Errorf("%s %q: check identifiers: %w", t.noun, id, err)
	}
	for i, other := range holders {
		switch {
		case other == nil:
		case keys[i] == nil: // the id itself
			return fmt.Errorf("%s %q: already exists: %w", t.noun, id, store.ErrConflict)
		case *other != id:
			return fmt.Errorf("%s %q: %s %q already used by %s %q: %w",
				t.noun, id, whats[i], displayKey(keys[i]), t.noun, *other, store.ErrConflict)
		}
	}
	return nil
}

func displayKey(k []byte) string { return strings.ReplaceAll(string(k), sep, "/") }

// columns are the values of every column but seq of o.
func (t *table[T]) columns(o *T) (names []string, vals []any, err error) {
	raw, meta, err := t.encode(o)
	if err != nil {
		return nil, nil, err
	}
	return t.copyColumns(), t.columnValues(o, string(raw), meta), nil
}

// copyColumns names the columns of columnValues, in its order.
func (t *table[T]) copyColumns() []string {
	names := []string{"id", "org", "raw", "obj", "meta", "txt", "facets"}
	for _, s := range t.sortNames() {
		names = append(names, "s_"+s)
	}
	for _, u := range t.uniques {
		names = append(names, "u_"+u.col)
	}
	for _, x := range t.extraNames() {
		names = append(names, "x_"+x)
	}
	return names
}

// columnValues are the values of every column but seq of o, whose JSON is
// raw.
func (t *table[T]) columnValues(o *T, raw string, meta map[string]string) []any {
	vals := []any{t.id(o), t.org(o), raw, raw, meta, t.textOf(o), t.facetsOf(o)}
	for _, s := range t.sortNames() {
		vals = append(vals, nonNil(t.sorts[s](o)))
	}
	for _, u := range t.uniques {
		if k, ok := u.key(o); ok {
			vals = append(vals, k)
		} else {
			vals = append(vals, nil)
		}
	}
	for _, x := range t.extraNames() {
		vals = append(vals, nonNil(t.extras[x](o)))
	}
	return vals
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (t *table[T]) insert(x *tx, o *T) error {
	if o == nil {
		return fmt.Errorf("insert %s: nil: %w", t.noun, store.ErrInvalid)
	}
	var seq int64
	if t.assignID != nil && t.id(o) == "" {
		if err := x.tx.QueryRow(x.ctx, "SELECT nextval('dashkit_seq')").Scan(&seq); err != nil {
			return fmt.Errorf("insert %s: %w", t.noun, err)
		}
		cp, err := t.copyOf(o)
		if err != nil {
			return err
		}
		o = cp // the caller's object stays as it was
		t.assignID(o, seq)
	}
	id := t.id(o)
	if id == "" {
		return fmt.Errorf("insert %s: empty id: %w", t.noun, store.ErrInvalid)
	}
	if err := t.checkUniques(x, o, id, true); err != nil {
		return err
	}
	names, vals, err := t.columns(o)
	if err != nil {
		return err
	}
	if seq != 0 {
		names, vals = append(names, "seq"), append(vals, seq)
	}
	ph := make([]string, len(names))
	for i := range names {
		ph[i] = "$" + strconv.Itoa(i+1)
		if names[i] == "obj" {
			ph[i] += "::jsonb"
		}
	}
	// The row and its counters in one round trip.
	d := countDelta{}
	d.add(&placement{t.org(o), t.facetsOf(o), t.sizeOf(vals[2].(string))}, 1)
	batch := &pgx.Batch{}
	batch.Queue("INSERT INTO "+t.name+" ("+strings.Join(names, ", ")+") VALUES ("+strings.Join(ph, ", ")+")", vals...)
	countSQL, countArgs := countsStatement(t.name, d)
	batch.Queue(countSQL, countArgs...)
	br := x.tx.SendBatch(x.ctx, batch)
	_, err = br.Exec()
	if err != nil {
		br.Close()
		return fmt.Errorf("store %s %q: %w", t.noun, id, mapErr(err))
	}
	_, err = br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("count %s: %w", t.name, err)
	}
	return nil
}

func (t *table[T]) copyOf(o *T) (*T, error) {
	raw, meta, err := t.encode(o)
	if err != nil {
		return nil, err
	}
	return t.decode(raw, meta)
}

// update replaces o's row, in one statement (one round trip): it checks
// that the row exists and that no other object holds one of o's unique
// identifiers, writes the row only then, and moves the counters from the
// row's old placement to its new one, computed in SQL from the row as it
// was. A conflict is an error of the call, as checkUniques makes it for an
// insert, not an aborted transaction: the row is not written.
func (t *table[T]) update(x *tx, o *T) error {
	if o == nil {
		return fmt.Errorf("update %s: nil: %w", t.noun, store.ErrInvalid)
	}
	id := t.id(o)
	names, vals, err := t.columns(o)
	if err != nil {
		return err
	}
	args := vals // $1 is the id, then every other column
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	sets := make([]string, 0, len(names))
	for i, n := range names[1:] {
		v := "$" + strconv.Itoa(i+2)
		if n == "obj" {
			v += "::jsonb"
		}
		sets = append(sets, n+" = "+v)
	}
	// The holders of o's unique identifiers other than o, if any.
	var holders []string
	var keys [][]byte
	var whats []string
	for _, u := range t.uniques {
		k, ok := u.key(o)
		if !ok {
			continue
		}
		holders = append(holders, "(SELECT id FROM "+t.name+" WHERE u_"+u.col+" = "+arg(k)+" AND id <> $1)")
		keys, whats = append(keys, k), append(whats, u.what)
	}
	free := "true"
	held := "NULL::text[]"
	if len(holders) > 0 {
		held = "ARRAY[" + strings.Join(holders, ", ") + "]"
		free = "cardinality(array_remove(held.ids, NULL)) = 0"
	}
	size := t.sizeOf(vals[2].(string))
	tbl, newOrg, newFacets, newSize := arg(t.name), arg(t.org(o)), arg(t.facetsOf(o)), arg(size)
	sql := `WITH held AS (SELECT ` + held + ` AS ids),
	old AS (SELECT org, facets, ` + t.sizeCol() + ` AS size FROM ` + t.name + `, held WHERE id = $1 AND ` + free + `),
	upd AS (UPDATE ` + t.name + ` SET ` + strings.Join(sets, ", ") + ` WHERE id = $1 AND EXISTS (SELECT FROM old)),
	moves AS (
		SELECT o, f, sum(n) AS n FROM (
			SELECT org AS o, ''::text AS f, -1::bigint AS n FROM old
			UNION ALL SELECT org, unnest(facets), -1 FROM old
			UNION ALL SELECT org, '` + bytesFacet + `', -size FROM old WHERE size <> 0
			UNION ALL SELECT ` + newOrg + `::text, '', 1 FROM old
			UNION ALL SELECT ` + newOrg + `::text, unnest(` + newFacets + `::text[]), 1 FROM old
			UNION ALL SELECT ` + newOrg + `::text, '` + bytesFacet + `', ` + newSize + `::bigint FROM old WHERE ` + newSize + `::bigint <> 0
		) AS m GROUP BY o, f HAVING sum(n) <> 0),
	counted AS (INSERT INTO dashkit_counts (tbl, org, facet, n) SELECT ` + tbl + `::text, o, f, n FROM moves
		ON CONFLICT (tbl, org, facet) DO UPDATE SET n = dashkit_counts.n + EXCLUDED.n)
	SELECT EXISTS (SELECT FROM ` + t.name + ` WHERE id = $1), held.ids FROM held`
	var exists bool
	var holderIDs []*string
	if err := x.tx.QueryRow(x.ctx, sql, args...).Scan(&exists, &holderIDs); err != nil {
		return fmt.Errorf("store %s %q: %w", t.noun, id, mapErr(err))
	}
	if !exists {
		return fmt.Errorf("%s %q: %w", t.noun, id, store.ErrNotFound)
	}
	for i, other := range holderIDs {
		if other != nil {
			return fmt.Errorf("%s %q: %s %q already used by %s %q: %w",
				t.noun, id, whats[i], displayKey(keys[i]), t.noun, *other, store.ErrConflict)
		}
	}
	return nil
}

func (t *table[T]) delete(x *tx, id string) error {
	var gone placement
	err := x.tx.QueryRow(x.ctx, "DELETE FROM "+t.name+" WHERE id = $1 RETURNING org, facets, "+t.sizeCol(), id).Scan(&gone.org, &gone.facets, &gone.size)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s %q: %w", t.noun, id, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("delete %s %q: %w", t.noun, id, err)
	}
	return x.moveCounts(t.name, &gone, nil)
}

// deleteWhere deletes the objects matching cond and takes them off the
// counters; it returns how many went.
func (t *table[T]) deleteWhere(x *tx, cond string, args ...any) (int, error) {
	rows, err := x.tx.Query(x.ctx, "DELETE FROM "+t.name+" WHERE "+cond+" RETURNING org, facets, "+t.sizeCol(), args...)
	if err != nil {
		return 0, fmt.Errorf("delete %s: %w", t.name, err)
	}
	d := countDelta{}
	n := 0
	for rows.Next() {
		var g placement
		if err := rows.Scan(&g.org, &g.facets, &g.size); err != nil {
			rows.Close()
			return 0, err
		}
		d.add(&g, -1)
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("delete %s: %w", t.name, err)
	}
	return n, x.applyCounts(t.name, d)
}

func (t *table[T]) deleteOrg(x *tx, org string) error {
	// The org's counters go with its objects.
	if _, err := x.tx.Exec(x.ctx, "DELETE FROM "+t.name+" WHERE org = $1", org); err != nil {
		return fmt.Errorf("delete %s of org %q: %w", t.name, org, err)
	}
	if _, err := x.tx.Exec(x.ctx, "DELETE FROM dashkit_counts WHERE tbl = $1 AND org = $2", t.name, org); err != nil {
		return fmt.Errorf("delete counts of %s of org %q: %w", t.name, org, err)
	}
	return nil
}

// scan reads the objects of rows of (raw, meta).
func (t *table[T]) scan(rows pgx.Rows) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var raw []byte
		var meta map[string]string
		if err := rows.Scan(&raw, &meta); err != nil {
			return nil, err
		}
		o, err := t.decode(raw, meta)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, rows.Err()
}

// listQuery is a list after its options are read.
type listQuery struct {
	org     string
	allOrgs bool
	page    int
	size    int
	sort    string // a key of table.sorts, or "" for creation order
	desc    bool
	facets  []string
	// fixedFacets filter as facets do, but are constants of this package
	// (never a caller's value), written into the SQL as literals
	// (facetCond), so that a partial index whose predicate is the same
	// condition serves every plan of the statement: of a parameter the
	// planner knows the value only in a custom plan, not in the generic
	// plan a prepared statement may switch to.
	fixedFacets []string
	text        string // lower-case
	// conds are further SQL conditions, with args numbered from 1 after
	// every other argument (see list).
	conds []func(arg func(any) string) string
}

func (t *table[T]) query(org string, o store.ListOptions) (listQuery, error) {
	q := listQuery{org: org, page: max(o.Page, 0), size: o.PageSize, text: strings.ToLower(o.Query)}
	if q.size <= 0 {
		q.size = DefaultPageSize
	}
	field, desc := strings.CutPrefix(o.Sort, "-")
	q.desc = desc
	if field != "" {
		if _, ok := t.sorts[field]; ok {
			q.sort = field
		} else if field != "created" {
			return q, fmt.Errorf("list %s: cannot sort by %q: %w", t.name, o.Sort, store.ErrInvalid)
		}
	}
	return q, nil
}

// list answers one page in SQL: the page is cut by LIMIT and OFFSET on an
// index in the wanted order; the total is a kept counter when at most one
// facet filters the list, and a count of the matches otherwise.
func (t *table[T]) list(x *tx, q listQuery) (store.Page[T], error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	var where []string
	if !q.allOrgs {
		where = append(where, "org = "+arg(q.org))
	}
	for _, f := range q.facets {
		where = append(where, "facets @> ARRAY["+arg(f)+"::text]")
	}
	for _, f := range q.fixedFacets {
		where = append(where, facetCond(f))
	}
	if q.text != "" {
		where = append(where, "strpos(txt, "+arg(q.text)+") > 0")
	}
	for _, c := range q.conds {
		where = append(where, c(arg))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}

	var total int
	if facets := append(slices.Clip(q.facets), q.fixedFacets...); q.text == "" && len(q.conds) == 0 && len(facets) <= 1 {
		facet := ""
		if len(facets) == 1 {
			facet = facets[0]
		}
		n, err := x.count(t.name, q.org, q.allOrgs, facet)
		if err != nil {
			return store.Page[T]{}, err
		}
		total = n
	} else if err := x.tx.QueryRow(x.ctx, "SELECT count(*) FROM "+t.name+cond, args...).Scan(&total); err != nil {
		return store.Page[T]{}, fmt.Errorf("list %s: %w", t.name, err)
	}

	dir := ""
	if q.desc {
		dir = " DESC"
	}
	order := " ORDER BY seq" + dir
	if q.sort != "" {
		order = " ORDER BY s_" + q.sort + dir + ", seq" + dir
	}
	limit := ""
	if q.page > 0 {
		start := store.PageStart(q.page, q.size, total)
		if start >= total {
			return page(q, []T{}, total), nil
		}
		limit = " LIMIT " + strconv.Itoa(q.size) + " OFFSET " + strconv.Itoa(start)
	}
	rows, err := x.tx.Query(x.ctx, "SELECT raw, meta FROM "+t.name+cond+order+limit, args...)
	if err != nil {
		return store.Page[T]{}, fmt.Errorf("list %s: %w", t.name, err)
	}
	items, err := t.scan(rows)
	if err != nil {
		return store.Page[T]{}, fmt.Errorf("list %s: %w", t.name, err)
	}
	return page(q, items, total), nil
}

// facetCond is the SQL condition that a row has facet f, with f as a
// literal: for the constants of fixedFacets and the predicates of partial
// indexes, which must be written the same for the planner to match them.
// f holds no character an array literal or a string literal would need to
// escape.
func facetCond(f string) string {
	if strings.ContainsAny(f, "'\\\"{},; ") {
		panic("pgstore: facet " + strconv.Quote(f) + " cannot be written as a literal")
	}
	return "facets @> '{" + f + "}'::text[]"
}

func page[T any](q listQuery, items []T, total int) store.Page[T] {
	pages := 1
	if q.page > 0 && total > 0 {
		pages = (total-1)/q.size + 1
	}
	return store.Page[T]{Items: items, Total: total, Pages: pages}
}

func (t *table[T]) exportRows(x *tx, emit func(store.Record) error) error {
	rows, err := x.tx.Query(x.ctx, "SELECT raw, meta FROM "+t.name+" ORDER BY seq")
	if err != nil {
		return fmt.Errorf("export %s: %w", t.name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		var meta map[string]string
		if err := rows.Scan(&raw, &meta); err != nil {
			return fmt.Errorf("export %s: %w", t.name, err)
		}
		if err := emit(store.Record{Collection: t.name, Object: raw, Meta: meta}); err != nil {
			return err
		}
	}
	return rows.Err()
}

// importRow turns a record into the values of its row, for COPY. An import
// writes into empty tables, in one transaction that fails whole, so a row
// needs no look-up of its own: Import checks identifiers within the stream,
// and counts the counters once at the end (recount). It touches no
// connection, so that many records are turned into rows at once.
//
// The row keeps the record's JSON as it came (compacted) instead of
// encoding the decoded object again: decoding either gives the same object,
// and an export of an import is then the stream imported.
func (t *table[T]) importRow(rec store.Record) (importRow, error) {
	o, err := t.decode(rec.Object, rec.Meta)
	if err != nil {
		return importRow{}, err
	}
	if t.assignID != nil && t.id(o) == "" {
		// It takes its id from the sequence, in the transaction.
		return importRow{insert: func(x *tx) error { return t.insert(x, o) }}, nil
	}
	id := t.id(o)
	if id == "" {
		return importRow{}, fmt.Errorf("insert %s: empty id: %w", t.noun, store.ErrInvalid)
	}
	var raw bytes.Buffer
	if err := json.Compact(&raw, rec.Object); err != nil {
		return importRow{}, fmt.Errorf("%s %q: %v: %w", t.noun, id, err, store.ErrInvalid)
	}
	var meta map[string]string
	if t.enc != nil {
		_, meta = t.enc(o)
	}
	row := importRow{vals: t.columnValues(o, raw.String(), meta), keys: []importKey{{"id", id, ""}}}
	for _, u := range t.uniques {
		if k, ok := u.key(o); ok {
			row.keys = append(row.keys, importKey{u.col, string(k), u.what})
		}
	}
	return row, nil
}

// importRow is one record of an import: the values of its row, in the
// order of copyColumns, and the identifiers it must hold alone; or, for a
// record that takes its id from the sequence, the insert that stores it.
type importRow struct {
	vals   []any
	keys   []importKey
	insert func(x *tx) error
}

// importKey is an identifier of a row: its column ("id", or a unique
// index's), its value and what it is called in errors.
type importKey struct{ col, key, what string }

// recount sets the table's counters from its rows.
func (t *table[T]) recount(x *tx) error {
	sql := `INSERT INTO dashkit_counts (tbl, org, facet, n)
		SELECT $1, org, '', count(*) FROM ` + t.name + ` GROUP BY org
		UNION ALL SELECT $1, org, f, count(*) FROM ` + t.name + `, unnest(facets) AS f GROUP BY org, f`
	if t.countBytes {
		sql += ` UNION ALL SELECT $1, org, '` + bytesFacet + `', sum(` + rowSizeSQL + `) FROM ` + t.name + ` GROUP BY org`
	}
	_, err := x.tx.Exec(x.ctx, sql, t.name)
	if err != nil {
		return fmt.Errorf("count %s: %w", t.name, err)
	}
	return nil
}

// sep separates the parts of a composite key.
const sep = "\x00"

// timeKey encodes t so that byte order is time order.
func timeKey(t time.Time) []byte {
	var n int64
	switch {
	case t.Before(minTime):
		n = math.MinInt64
	case t.After(maxTime):
		n = math.MaxInt64
	default:
		n = t.UnixNano()
	}
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(n)^(1<<63))
	return b
}

var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// stringTimeKey orders timestamps kept as strings: empty first, then every
// RFC 3339 time in time order, then anything unparsable in byte order.
func stringTimeKey(s string) []byte {
	if s == "" {
		return []byte{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return append([]byte{1}, timeKey(t)...)
	}
	return append([]byte{2}, s...)
}

func nameKey(s string) []byte { return []byte(strings.ToLower(s)) }

func optional(s string) ([]byte, bool) { return []byte(s), s != "" }

// orgEmailKey is the key of a user's email within its org, without case;
// none for a user without an email.
func orgEmailKey(org, email string) ([]byte, bool) {
	if email == "" {
		return nil, false
	}
	return []byte(org + sep + strings.ToLower(email)), true
}

func lower(s string) string { return strings.ToLower(s) }
