package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/pgstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

// TestMigrationAddsAPIKinds: a database made before APIs had a kind (schema
// version 2: no kind facet on the rows, no counters of it) gets both when
// opened, so that the kind lists and their totals are right at once and
// follow later writes.
func TestMigrationAddsAPIKinds(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	schema := fmt.Sprintf("dashkit_migrate_%d", os.Getpid())
	t.Cleanup(func() { pgtest.DropSchema(t, schema) })
	api := func(n int, mcp bool) *model.APIDefinitionWrapper {
		d := &model.APIDefinition{ID: fmt.Sprintf("%024x", n), APIID: fmt.Sprintf("%032x", n), OrgID: benchOrg,
			Name: fmt.Sprintf("API %d", n), Active: true, UseStandardAuth: true,
			Proxy: model.ProxyConfig{ListenPath: fmt.Sprintf("/api%d/", n), TargetURL: "http://upstream.example"}}
		if mcp {
			d.IsOAS = true
			d.Extra = model.Extra{"application_protocol": json.RawMessage(`"mcp"`)}
		}
		return &model.APIDefinitionWrapper{APIDefinition: d}
	}
	s, err := pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i, mcp := range []bool{false, true, false, true, true} {
			if err := tx.InsertAPI(api(i+1, mcp)); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	// Back to version 2, as such a database was.
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"SET search_path TO " + pgx.Identifier{schema}.Sanitize(),
		"UPDATE apis SET facets = array_remove(array_remove(facets, 'p:mcp'), 'p:api')",
		"DELETE FROM dashkit_counts WHERE starts_with(facet, 'p:')",
		"DROP INDEX apis_mcp, apis_mcp_s_api_id, apis_mcp_s_created, apis_mcp_s_name, apis_mcp_s_updated",
		"UPDATE dashkit_schema SET version = 2",
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			conn.Close(ctx)
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	conn.Close(ctx)

	s, err = pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	totals := func(when string, wantAPIs, wantMCPs int) {
		t.Helper()
		err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
			for kind, want := range map[string]int{store.APIKindAPI: wantAPIs, store.APIKindMCP: wantMCPs} {
				// The total comes from the counters, the items from the
				// rows' facets.
				p, err := tx.ListAPIs(benchOrg, store.APIQuery{Kind: kind, ListOptions: store.ListOptions{Page: 1, PageSize: 10}})
				if err != nil {
					return err
				}
				if p.Total != want || len(p.Items) != want {
					t.Errorf("%s: kind %s: %d items of %d, want %d", when, kind, len(p.Items), p.Total, want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	totals("migrated", 2, 3)
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		if err := tx.UpdateAPI(api(2, false)); err != nil {
			return err
		}
		return tx.DeleteAPI(fmt.Sprintf("%024x", 4))
	})
	if err != nil {
		t.Fatal(err)
	}
	totals("after update and delete", 3, 1)
}

// TestMigrationAddsMCPIndexes: a database made before the MCP proxies had
// indexes of their own (schema version 3) gets them when opened, and a list
// of MCP proxies in any order then reads the proxies only, from them: the
// counters of PostgreSQL's statistics views show no row of the other APIs
// read, by the table or any other index.
func TestMigrationAddsMCPIndexes(t *testing.T) {
	ctx := context.Background()
	schema := fmt.Sprintf("dashkit_migrate_mcp_%d", os.Getpid())
	app := schema // the application_name of the store's connections
	u, err := url.Parse(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	dsn := u.String()
	t.Cleanup(func() { pgtest.DropSchema(t, schema) })

	const n, mcps = 2000, 5
	s, err := pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	// Enough APIs for the planner to prefer an index to the table, and
	// analysed (Import does) as a database in use is.
	err = s.Import(ctx, apiStreamWithMCP(n, mcps))
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	conn, err := pgx.Connect(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	exec := func(stmt string) {
		t.Helper()
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	exec("SET search_path TO " + pgx.Identifier{schema}.Sanitize())
	mcpIndexes := func() []string {
		t.Helper()
		rows, err := conn.Query(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'apis'
			AND indexdef LIKE '%WHERE (facets @> ''{p:mcp}''::text[])' ORDER BY indexname`, schema)
		if err != nil {
			t.Fatal(err)
		}
		names, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	made := mcpIndexes()
	if len(made) != 5 {
		t.Fatalf("partial indexes of MCP proxies in a new database: %v, want one for creation order and one per order of the APIs", made)
	}
	// Back to version 3, as such a database was.
	for _, name := range made {
		exec("DROP INDEX " + pgx.Identifier{name}.Sanitize())
	}
	exec("UPDATE dashkit_schema SET version = 3")

	s, err = pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	if got := mcpIndexes(); !slices.Equal(got, made) {
		s.Close()
		t.Fatalf("partial indexes after the migration: %v, want %v", got, made)
	}
	exec("ANALYZE apis")

	settled, read := apiReadCounter(ctx, t, conn, schema, app)
	s.Close()
	settled()
	before := read()

	s, err = pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	orders := []string{"", "-created", "name", "-name", "updated", "api_id"}
	err = s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		for _, sort := range orders {
			p, err := tx.ListAPIs(benchOrg, store.APIQuery{Kind: store.APIKindMCP, ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: sort}})
			if err != nil {
				return err
			}
			if len(p.Items) != mcps || p.Total != mcps {
				t.Errorf("MCP proxies sorted by %q: %d of %d, want %d", sort, len(p.Items), p.Total, mcps)
			}
			for _, w := range p.Items {
				if !model.IsMCPProxy(w.APIDefinition) {
					t.Errorf("MCP proxies sorted by %q: %s is not one", sort, w.APIDefinition.Name)
				}
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	settled()
	after := read()
	if got, want := after.mcp-before.mcp, int64(len(orders)*mcps); got != want {
		t.Errorf("index entries of MCP proxies read: %d, want %d (each proxy once per list)", got, want)
	}
	if after.table != before.table || after.others != before.others {
		t.Errorf("rows of other APIs read: %d by the table, %d by other indexes; want none", after.table-before.table, after.others-before.others)
	}
}
