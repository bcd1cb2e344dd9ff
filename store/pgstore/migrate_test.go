package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
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
