// Package pgstore is a store.Definitions on PostgreSQL, with
// github.com/jackc/pgx/v5: every collection but keys, which sit beside it in
// any store.Sessions (store/memstore's, or Redis):
//
//	defs, err := pgstore.New(ctx, "postgres://dashkit@127.0.0.1/dashkit")
//	s := store.Combine(defs, memstore.NewSessions())
//
// How it keeps the promises of package store:
//
//   - A table per collection (table.go describes its columns): the object
//     as jsonb (and its exact JSON, which reads decode), and a real, indexed
//     column for every look-up and order the interface needs. Identifiers
//     are unique by unique indexes; breaking one is store.ErrConflict.
//   - UpdateDefinitions is one SERIALIZABLE transaction, run again from the
//     start when PostgreSQL reports a serialization failure or a deadlock:
//     concurrent writers lose no update, and fn must be safe to run more
//     than once (it is, when it only reads and writes through tx). Views are
//     REPEATABLE READ READ ONLY transactions: one consistent state.
//   - Lists are paginated in SQL (LIMIT and OFFSET on the index of the
//     order); totals come from counters kept in the same transactions.
//   - The schema is migrated at start (New), under an advisory lock so that
//     several processes may start at once; dashkit_schema holds its version.
//   - Snapshot is an export held in memory, Restore an import of it: cheap
//     for the few objects of a test's baseline, linear in the state.
//
// Several processes may share one database: every read goes to it.
package pgstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultPageSize is the page size of a list whose ListOptions.PageSize is 0.
const DefaultPageSize = 10

// Store is the PostgreSQL store.Definitions; it also implements
// store.Stateful. Close it when done.
type Store struct {
	pool *pgxpool.Pool
	name string // in snapshots and errors
}

var (
	_ store.Definitions = (*Store)(nil)
	_ store.Stateful    = (*Store)(nil)
)

// Option configures New.
type Option func(*config)

type config struct {
	schema   string
	maxConns int32
}

// WithSchema keeps the tables in this PostgreSQL schema (created when
// missing) instead of the connection's default: several stores in one
// database, as tests use.
func WithSchema(name string) Option { return func(c *config) { c.schema = name } }

// WithMaxConns sets the most connections the store opens (default: pgx's,
// or pool_max_conns of the DSN).
func WithMaxConns(n int32) Option { return func(c *config) { c.maxConns = n } }

// New connects to the database of dsn (a postgres:// URL or key=value
// string), applies the migrations it lacks, and returns the store.
func New(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	pc, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	if cfg.maxConns > 0 {
		pc.MaxConns = cfg.maxConns
	}
	name := "pgstore " + pc.ConnConfig.Host + ":" + strconv.Itoa(int(pc.ConnConfig.Port)) + "/" + pc.ConnConfig.Database
	if cfg.schema != "" {
		pc.ConnConfig.RuntimeParams["search_path"] = cfg.schema
		name += " schema " + cfg.schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	s := &Store{pool: pool, name: name}
	if cfg.schema != "" {
		if _, err := pool.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{cfg.schema}.Sanitize()); err != nil {
			pool.Close()
			return nil, fmt.Errorf("pgstore: create schema %s: %w", cfg.schema, err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the store's connections.
func (s *Store) Close() { s.pool.Close() }

// migrations are applied in order; dashkit_schema holds how many are. A
// new collection is a new migration: its table's ddl.
var migrations = []func() []string{
	func() []string {
		stmts := []string{
			"CREATE SEQUENCE dashkit_seq",
			// Counters of lists: per table, org and facet ("" for the
			// whole org).
			"CREATE TABLE dashkit_counts (tbl text NOT NULL, org text NOT NULL, facet text NOT NULL, n bigint NOT NULL, PRIMARY KEY (tbl, org, facet))",
		}
		for _, c := range collections {
			stmts = append(stmts, c.ddl()...)
		}
		return stmts
	},
	// The audit log counts its bytes (TrimAuditLogs): the counters of a
	// database made before start from its rows.
	func() []string {
		return []string{"INSERT INTO dashkit_counts (tbl, org, facet, n) SELECT '" + auditLogs.name + "', org, '" + bytesFacet +
			"', sum(" + rowSizeSQL + ") FROM " + auditLogs.name + " GROUP BY org"}
	},
	// APIs carry their kind, an MCP proxy or another API (APIQuery.Kind):
	// the facet is added to the rows of a database made before, as
	// model.IsMCPProxy tells them apart, and counted.
	func() []string {
		return []string{
			"UPDATE " + apis.name + " SET facets = array_append(facets, CASE WHEN jsonb_typeof(obj->'api_definition'->'application_protocol') = 'string' AND obj->'api_definition'->>'application_protocol' = '" +
				model.MCPProtocol + "' THEN '" + apiKindFacet(true) + "' ELSE '" + apiKindFacet(false) + "' END)",
			"INSERT INTO dashkit_counts (tbl, org, facet, n) SELECT '" + apis.name + "', org, f, count(*) FROM " + apis.name +
				", unnest(facets) AS f WHERE starts_with(f, '" + facetAPIKind + "') GROUP BY org, f",
		}
	},
	// The MCP proxies, a few among many APIs, in indexes of their own, one
	// per order of the APIs (mcpIndexes).
	func() []string { return mcpIndexes() },
}

// mcpIndexes are the partial indexes of the MCP proxies: in creation order
// and in each order of ListOptions.Sort, each holding only the proxies.
// Without them the planner, which cannot know how rare the kind facet is
// (for a value of an array it has no statistics of it guesses 0.5% of the
// rows), reads the index of the order and filters out every other API; the
// partial index of the order holds only the proxies, and its condition is
// the one a list of MCP proxies writes (listQuery.fixedFacets), which is
// how the planner knows it applies. A new order of the APIs needs its own
// in a new migration.
func mcpIndexes() []string {
	cond := " WHERE " + facetCond(apiKindFacet(true))
	stmts := []string{"CREATE INDEX " + apis.name + "_mcp ON " + apis.name + " (org, seq)" + cond}
	for _, s := range apis.sortNames() {
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX %[1]s_mcp_s_%[2]s ON %[1]s (org, s_%[2]s, seq)", apis.name, s)+cond)
	}
	return stmts
}

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	// One process migrates at a time; the others wait and find it done.
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7307450105)"); err != nil {
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS dashkit_schema (version int NOT NULL)"); err != nil {
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	var version int
	err = tx.QueryRow(ctx, "SELECT version FROM dashkit_schema").Scan(&version)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if _, err := tx.Exec(ctx, "INSERT INTO dashkit_schema (version) VALUES (0)"); err != nil {
			return fmt.Errorf("pgstore: migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("pgstore: the database's schema is version %d, newer than this program's %d", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		for _, stmt := range migrations[i]() {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("pgstore: migration %d: %s: %w", i+1, stmt, err)
			}
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE dashkit_schema SET version = $1", len(migrations)); err != nil {
		return fmt.Errorf("pgstore: migrate: %w", err)
	}
	return tx.Commit(ctx)
}

// tx is one transaction.
type tx struct {
	ctx context.Context
	tx  pgx.Tx
}

// retryable says whether PostgreSQL refused a transaction only because of
// a concurrent one, so that running it again may succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// ViewDefinitions runs fn in a read-only transaction on one snapshot.
func (s *Store) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("pgstore: begin: %w", err)
	}
	defer t.Rollback(context.WithoutCancel(ctx))
	return fn(&defTx{tx: tx{ctx: ctx, tx: t}})
}

// UpdateDefinitions runs fn in a serializable transaction, again while
// PostgreSQL reports a conflict with a concurrent one.
func (s *Store) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.update(ctx, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
		// A short, growing pause so that the writers that collided do not
		// collide again at once.
		pause := time.Duration(min(attempt+1, 20)) * 200 * time.Microsecond
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
}

func (s *Store) update(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return fmt.Errorf("pgstore: begin: %w", err)
	}
	defer t.Rollback(context.WithoutCancel(ctx))
	if err := fn(&defTx{tx: tx{ctx: ctx, tx: t}}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := t.Commit(ctx); err != nil {
		return fmt.Errorf("pgstore: commit: %w", err)
	}
	return nil
}

// mapErr turns a violated unique index into store.ErrConflict.
func mapErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%s: %w", pe.ConstraintName, store.ErrConflict)
	}
	return err
}

// placement is where an object counts: its org and facets, and for a table
// that counts its bytes (table.countBytes), its size.
type placement struct {
	org    string
	facets []string
	size   int64
}

// countDelta is how the counters of one table move: by org and facet.
type countDelta map[[2]string]int64

// add counts p (when not nil) sign times.
func (d countDelta) add(p *placement, sign int64) {
	if p == nil {
		return
	}
	d[[2]string{p.org, ""}] += sign
	for _, f := range p.facets {
		d[[2]string{p.org, f}] += sign
	}
	if p.size != 0 {
		d[[2]string{p.org, bytesFacet}] += sign * p.size
	}
}

// moveCounts takes old (when not nil) off its counters and adds cur (when
// not nil) to its own, in one statement.
func (x *tx) moveCounts(tbl string, old, cur *placement) error {
	d := countDelta{}
	d.add(old, -1)
	d.add(cur, 1)
	return x.applyCounts(tbl, d)
}

// applyCounts moves the counters of tbl by d, in one statement.
func (x *tx) applyCounts(tbl string, d countDelta) error {
	moves := false
	for _, n := range d {
		moves = moves || n != 0
	}
	if !moves {
		return nil
	}
	sql, args := countsStatement(tbl, d)
	if _, err := x.tx.Exec(x.ctx, sql, args...); err != nil {
		return fmt.Errorf("count %s: %w", tbl, err)
	}
	return nil
}

// countsStatement is the statement that moves the counters of tbl by d
// (none when d moves nothing: the arrays are empty).
func countsStatement(tbl string, d countDelta) (string, []any) {
	orgs, facets, ns := []string{}, []string{}, []int64{}
	for k, n := range d {
		if n != 0 {
			orgs, facets, ns = append(orgs, k[0]), append(facets, k[1]), append(ns, n)
		}
	}
	return `INSERT INTO dashkit_counts (tbl, org, facet, n)
		SELECT $1, o, f, n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(o, f, n)
		ON CONFLICT (tbl, org, facet) DO UPDATE SET n = dashkit_counts.n + EXCLUDED.n`, []any{tbl, orgs, facets, ns}
}

// count reads a counter: of one org, or of every org.
func (x *tx) count(tbl, org string, allOrgs bool, facet string) (int, error) {
	var n int64
	var err error
	if allOrgs {
		err = x.tx.QueryRow(x.ctx, "SELECT coalesce(sum(n), 0) FROM dashkit_counts WHERE tbl = $1 AND facet = $2", tbl, facet).Scan(&n)
	} else {
		err = x.tx.QueryRow(x.ctx, "SELECT coalesce(sum(n), 0) FROM dashkit_counts WHERE tbl = $1 AND org = $2 AND facet = $3", tbl, org, facet).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", tbl, err)
	}
	return int(n), nil
}

// snapshot is an export of the whole state.
type snapshot struct {
	owner *Store
	data  []byte
}

func (s *snapshot) SnapshotOf() string { return s.owner.name }

// Snapshot exports the state into memory.
func (s *Store) Snapshot(ctx context.Context) (store.Snapshot, error) {
	var b bytes.Buffer
	if err := s.Export(ctx, &b); err != nil {
		return nil, err
	}
	return &snapshot{owner: s, data: b.Bytes()}, nil
}

// Restore imports a snapshot of s back.
func (s *Store) Restore(ctx context.Context, snap store.Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sn, ok := snap.(*snapshot)
	if !ok || sn.owner != s {
		name := "<nil>"
		if snap != nil {
			name = snap.SnapshotOf()
		}
		return fmt.Errorf("restore %s: snapshot of %s was not made by this store: %w", s.name, name, store.ErrInvalid)
	}
	return s.Import(ctx, bytes.NewReader(sn.data))
}

// Export writes every definition as store.Record lines, each collection in
// creation order, from one snapshot of the database.
func (s *Store) Export(ctx context.Context, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("pgstore: export: %w", err)
	}
	defer t.Rollback(context.WithoutCancel(ctx))
	x := &tx{ctx: ctx, tx: t}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	for _, c := range collections {
		if err := c.exportRows(x, func(r store.Record) error { return enc.Encode(r) }); err != nil {
			return fmt.Errorf("export definitions: %w", err)
		}
	}
	return bw.Flush()
}

// Import replaces every definition with the records of r, in one
// transaction: on any error the state stays as it was.
//
// Records are decoded by several goroutines at once, and their rows reach
// the tables by COPY, many rows a round trip: an import of 100,000 APIs is
// bound by decoding them, not by PostgreSQL.
func (s *Store) Import(ctx context.Context, r io.Reader) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// The stream is read once, before the transaction, so that a retry
	// can run it again.
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("import definitions: %w", err)
	}
	lines := splitLines(data)
	for attempt := 0; ; attempt++ {
		err := s.importOnce(ctx, lines)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
	}
}

// importLine is a line of an import stream and its number.
type importLine struct {
	n    int
	text []byte
}

func splitLines(data []byte) []importLine {
	var lines []importLine
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			lines = append(lines, importLine{n, line})
		}
	}
	return lines
}

// importChunk is a run of lines turned into rows by one goroutine.
type importChunk struct {
	rows []importRow
	coll []collection // of each row
	err  error        // the first line that failed, with its number
}

const (
	importChunkLines = 512
	copyRows         = 2000 // rows a COPY sends at most
	// analyzeRows is the rows a table gets from an import beyond which
	// the import refreshes its statistics: the planner of a table it has
	// never analysed guesses a handful of rows, and sorts a large table
	// for a page instead of reading the index of the order.
	analyzeRows = 1000
)

var collectionsByName = func() map[string]collection {
	m := map[string]collection{}
	for _, c := range collections {
		m[c.tableName()] = c
	}
	return m
}()

func decodeChunk(lines []importLine) importChunk {
	ch := importChunk{rows: make([]importRow, 0, len(lines)), coll: make([]collection, 0, len(lines))}
	for _, l := range lines {
		var rec store.Record
		if err := json.Unmarshal(l.text, &rec); err != nil {
			ch.err = fmt.Errorf("import definitions: line %d: %v: %w", l.n, err, store.ErrInvalid)
			return ch
		}
		c, ok := collectionsByName[rec.Collection]
		if !ok {
			ch.err = fmt.Errorf("import definitions: line %d: collection %s is not one of the definitions: %w", l.n, strconv.Quote(rec.Collection), store.ErrInvalid)
			return ch
		}
		row, err := c.importRow(rec)
		if err != nil {
			ch.err = fmt.Errorf("import definitions: line %d: %w", l.n, err)
			return ch
		}
		ch.rows, ch.coll = append(ch.rows, row), append(ch.coll, c)
	}
	return ch
}

// decodeChunks turns lines into rows on every CPU, and hands the chunks
// over in order. A few chunks at most are decoded ahead of the reader,
// which calls next after taking each one. Stop it with stop.
func decodeChunks(lines []importLine, stop <-chan struct{}) (out []chan importChunk, next func()) {
	n := (len(lines) + importChunkLines - 1) / importChunkLines
	out = make([]chan importChunk, n)
	for i := range out {
		out[i] = make(chan importChunk, 1)
	}
	workers := runtime.GOMAXPROCS(0)
	ahead := make(chan struct{}, 2*workers)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range n {
			// The place is taken in the order of the chunks, so that
			// the one the reader waits for always has one.
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range jobs {
				lo := i * importChunkLines
				out[i] <- decodeChunk(lines[lo:min(lo+importChunkLines, len(lines))])
			}
		}()
	}
	return out, func() { <-ahead }
}

func (s *Store) importOnce(ctx context.Context, lines []importLine) error {
	t, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return fmt.Errorf("pgstore: import: %w", err)
	}
	defer t.Rollback(context.WithoutCancel(ctx))
	x := &tx{ctx: ctx, tx: t}
	if _, err := t.Exec(ctx, "DELETE FROM dashkit_counts"); err != nil {
		return fmt.Errorf("import definitions: %w", err)
	}
	for _, c := range collections {
		if _, err := t.Exec(ctx, "DELETE FROM "+c.tableName()); err != nil {
			return fmt.Errorf("import definitions: %w", err)
		}
	}
	stop := make(chan struct{})
	defer close(stop)
	chunks, next := decodeChunks(lines, stop)

	// Rows go to their table by COPY, a run of rows of one table at a
	// time. The tables are empty: an identifier is taken only by an
	// earlier line of the stream, which seen names.
	type seenKey struct{ table, col, key string }
	seen := map[seenKey]int{}
	var run [][]any
	var runColl collection
	copied := map[string]int{}
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		_, err := t.CopyFrom(ctx, pgx.Identifier{runColl.tableName()}, runColl.copyColumns(), pgx.CopyFromRows(run))
		copied[runColl.tableName()] += len(run)
		run = run[:0]
		if err != nil {
			if retryable(err) {
				return err
			}
			return fmt.Errorf("import definitions: %w", mapErr(err))
		}
		return nil
	}
	for i, out := range chunks {
		ch := <-out
		next()
		if ch.err != nil {
			return ch.err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for j, row := range ch.rows {
			c := ch.coll[j]
			line := lines[i*importChunkLines+j].n
			if row.insert != nil {
				if err := flush(); err != nil {
					return err
				}
				if err := row.insert(x); err != nil {
					if retryable(err) {
						return err
					}
					return fmt.Errorf("import definitions: line %d: %w", line, err)
				}
				copied[c.tableName()]++
				continue
			}
			for _, k := range row.keys {
				sk := seenKey{c.tableName(), k.col, k.key}
				if first, dup := seen[sk]; dup {
					what := k.what
					if k.col == "id" {
						what = "id"
					}
					return fmt.Errorf("import definitions: line %d: %s %s %q is already that of line %d: %w",
						line, c.tableName(), what, displayKey([]byte(k.key)), first, store.ErrConflict)
				}
				seen[sk] = line
			}
			if c != runColl || len(run) >= copyRows {
				if err := flush(); err != nil {
					return err
				}
				runColl = c
			}
			run = append(run, row.vals)
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if _, err := t.Exec(ctx, "DELETE FROM dashkit_counts"); err != nil {
		return fmt.Errorf("import definitions: %w", err)
	}
	for _, c := range collections {
		if err := c.recount(x); err != nil {
			return fmt.Errorf("import definitions: %w", err)
		}
		if copied[c.tableName()] >= analyzeRows {
			if _, err := t.Exec(ctx, "ANALYZE "+c.tableName()); err != nil {
				return fmt.Errorf("import definitions: analyze %s: %w", c.tableName(), err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := t.Commit(ctx); err != nil {
		return fmt.Errorf("pgstore: import: commit: %w", err)
	}
	return nil
}
