package pgstore_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/pgstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

// TestCategoriesOfAKindReadOnlyMCPProxies: APICategories of one kind is
// answered from the counters and the MCP proxies, a few among many APIs,
// read from their partial index: the counters of PostgreSQL's statistics
// views show each proxy read once per call and no row of the other APIs,
// by the table or any other index.
func TestCategoriesOfAKindReadOnlyMCPProxies(t *testing.T) {
	ctx := context.Background()
	schema := fmt.Sprintf("dashkit_categories_%d", os.Getpid())
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

	// 2000 classic APIs, in categories by the "#" words of their names,
	// and 5 MCP proxies among them, all in "ai", one also in "pets".
	const n, mcps = 2000, 5
	var stream bytes.Buffer
	for i := range n {
		name, mark, cats := fmt.Sprintf("API %d #pets", i), "", "[]"
		if i%2 == 1 {
			name = fmt.Sprintf("API %d #shop", i)
		}
		if i%(n/mcps) == 7 {
			name, mark, cats = fmt.Sprintf("MCP %d", i), `"is_oas":true,"application_protocol":"mcp",`, `["ai"]`
			if i == 7 {
				cats = `["ai","pets"]`
			}
		}
		fmt.Fprintf(&stream, `{"collection":%q,"object":{"categories":%s,"api_definition":{"id":"%024x","api_id":"%032x","org_id":%q,`+
			`"name":%q,"active":true,"use_standard_auth":true,%s"proxy":{"listen_path":"/api%d/","target_url":"http://upstream.example"}}}}`+"\n",
			store.CollectionAPIs, cats, i, i, benchOrg, name, mark, i)
	}
	s, err := pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	// Analysed (Import does) as a database in use is.
	err = s.Import(ctx, &stream)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	conn, err := pgx.Connect(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	settled, read := apiReadCounter(ctx, t, conn, schema, app)
	settled()
	before := read()

	s, err = pgstore.New(ctx, dsn, pgstore.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	type cc = model.CategoryCount
	want := map[string][]cc{
		store.APIKindAPI: {{Name: "pets", Count: n / 2}, {Name: "shop", Count: n/2 - mcps}},
		store.APIKindMCP: {{Name: "ai", Count: mcps}, {Name: "pets", Count: 1}},
	}
	err = s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		for _, kind := range []string{store.APIKindAPI, store.APIKindMCP} {
			got, err := tx.APICategories(benchOrg, kind)
			if err != nil {
				return err
			}
			if fmt.Sprint(got) != fmt.Sprint(want[kind]) {
				t.Errorf("categories of kind %s: %v, want %v", kind, got, want[kind])
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
	if got, want := after.mcp-before.mcp, int64(2*mcps); got != want {
		t.Errorf("index entries of MCP proxies read: %d, want %d (each proxy once per call)", got, want)
	}
	if after.table != before.table || after.others != before.others {
		t.Errorf("rows of other APIs read: %d by the table, %d by other indexes; want none", after.table-before.table, after.others-before.others)
	}
}
