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
	"strconv"
	"time"

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

// placement is where an object counts: its org and facets.
type placement struct {
	org    string
	facets []string
}

// moveCounts takes old (when not nil) off its counters and adds cur (when
// not nil) to its own, in one statement.
func (x *tx) moveCounts(tbl string, old, cur *placement) error {
	delta := map[[2]string]int{}
	add := func(p *placement, d int) {
		if p == nil {
			return
		}
		delta[[2]string{p.org, ""}] += d
		for _, f := range p.facets {
			delta[[2]string{p.org, f}] += d
		}
	}
	add(old, -1)
	add(cur, 1)
	var orgs, facets []string
	var ns []int64
	for k, d := range delta {
		if d != 0 {
			orgs, facets, ns = append(orgs, k[0]), append(facets, k[1]), append(ns, int64(d))
		}
	}
	if len(ns) == 0 {
		return nil
	}
	_, err := x.tx.Exec(x.ctx, `INSERT INTO dashkit_counts (tbl, org, facet, n)
		SELECT $1, o, f, n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(o, f, n)
		ON CONFLICT (tbl, org, facet) DO UPDATE SET n = dashkit_counts.n + EXCLUDED.n`, tbl, orgs, facets, ns)
	if err != nil {
		return fmt.Errorf("count %s: %w", tbl, err)
	}
	return nil
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
func (s *Store) Import(ctx context.Context, r io.Reader) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	byName := map[string]collection{}
	for _, c := range collections {
		byName[c.tableName()] = c
	}
	// The stream is read once, before the transaction, so that a retry
	// can run it again.
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("import definitions: %w", err)
	}
	for attempt := 0; ; attempt++ {
		err := s.importOnce(ctx, byName, data)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
	}
}

func (s *Store) importOnce(ctx context.Context, byName map[string]collection, data []byte) error {
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
	// Inserts go in batches: one round trip for many rows.
	batch := &pgx.Batch{}
	flush := func() error {
		if batch.Len() == 0 {
			return nil
		}
		err := t.SendBatch(ctx, batch).Close()
		batch = &pgx.Batch{}
		if err != nil {
			if retryable(err) {
				return err
			}
			return fmt.Errorf("import definitions: %w", mapErr(err))
		}
		return nil
	}
	br := bufio.NewReader(bytes.NewReader(data))
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			if n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var rec store.Record
			if err := json.Unmarshal(line, &rec); err != nil {
				return fmt.Errorf("import definitions: line %d: %v: %w", n, err, store.ErrInvalid)
			}
			c, ok := byName[rec.Collection]
			if !ok {
				return fmt.Errorf("import definitions: line %d: collection %s is not one of the definitions: %w", n, strconv.Quote(rec.Collection), store.ErrInvalid)
			}
			if err := c.importRecord(x, batch, rec); err != nil {
				if retryable(err) {
					return err
				}
				return fmt.Errorf("import definitions: line %d: %w", n, err)
			}
			if batch.Len() >= 500 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if rerr == io.EOF {
			break
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
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := t.Commit(ctx); err != nil {
		return fmt.Errorf("pgstore: import: commit: %w", err)
	}
	return nil
}
