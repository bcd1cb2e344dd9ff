package pgstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

const benchOrg = "5e9d9544a1dcd60001d0ed20"

// apiStream is an export of n classic APIs, each with an id, api_id, name and
// proxy and no more: the members a client sends, not the 6 KB of defaults the
// model's encoder writes. Decoding 6 KB costs the same at any number of
// APIs, so small objects only make the ratio of the benchmark stricter,
// and they let 100,000 be imported in seconds instead of minutes.
func apiStream(n int) io.Reader { return apiStreamWithMCP(n, 0) }

// apiStreamWithMCP is apiStream with mcp of the n APIs MCP proxies (marked
// as the gateway marks them: an OAS API of application_protocol "mcp"),
// spread evenly over the stream, so that a scan in creation or name order
// meets them apart.
func apiStreamWithMCP(n, mcp int) io.Reader {
	var stream bytes.Buffer
	for i := range n {
		mark := ""
		if mcp > 0 && i%(n/mcp) == n/mcp/2 && i/(n/mcp) < mcp {
			mark = `"is_oas":true,"application_protocol":"mcp","json_rpc_version":"2.0",`
		}
		fmt.Fprintf(&stream, `{"collection":%q,"object":{"api_definition":{"id":"%024x","api_id":"%032x","org_id":%q,`+
			`"name":"API %d","active":true,"use_standard_auth":true,%s`+
			`"proxy":{"listen_path":"/api%d/","target_url":"http://upstream.example","strip_listen_path":true}}}}`+"\n",
			store.CollectionAPIs, i, i, benchOrg, i, mark, i)
	}
	return &stream
}

// BenchmarkAPIs reads one API by id, the first page of the org's APIs
// (as GET /api/apis lists them: every API that is not an MCP proxy) and
// the first page of its MCP proxies (as GET /api/mcps lists them, in
// creation order and by name) from stores of 1,000 and 100,000 APIs, 5 of
// them MCP proxies: none should cost more with the larger, and the few MCP
// proxies no more than the page of the many APIs.
//
//	go test -run '^$' -bench APIs -benchtime 2000x ./store/pgstore/
func BenchmarkAPIs(b *testing.B) {
	ctx := context.Background()
	const mcps = 5
	for _, n := range []int{1000, 100000} {
		s := pgtest.NewStore(b)
		// Seeded through Import, which copies its rows in bulk.
		start := time.Now()
		if err := s.Import(ctx, apiStreamWithMCP(n, mcps)); err != nil {
			b.Fatal(err)
		}
		b.Logf("%d APIs imported in %v", n, time.Since(start).Round(time.Millisecond))
		b.Run(fmt.Sprintf("n=%d/get", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				id := fmt.Sprintf("%024x", (i*7919)%n)
				err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
					_, err := tx.GetAPI(id)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/list", n), func(b *testing.B) {
			for b.Loop() {
				err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
					p, err := tx.ListAPIs(benchOrg, store.APIQuery{Kind: store.APIKindAPI, ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: "name"}})
					if err == nil && (len(p.Items) != 10 || p.Total != n-mcps) {
						err = fmt.Errorf("page of %d items of %d", len(p.Items), p.Total)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, sort := range []string{"", "name"} {
			name := "mcps"
			if sort != "" {
				name += "-by-" + sort
			}
			b.Run(fmt.Sprintf("n=%d/%s", n, name), func(b *testing.B) {
				for b.Loop() {
					err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
						p, err := tx.ListAPIs(benchOrg, store.APIQuery{Kind: store.APIKindMCP, ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: sort}})
						if err == nil && (len(p.Items) != mcps || p.Total != mcps) {
							err = fmt.Errorf("page of %d MCP proxies of %d", len(p.Items), p.Total)
						}
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkAPIUpdate updates one API of 1,000 per transaction: renamed
// (its facets stay, so no counter moves), and made inactive and active in
// turn (its facets change, so two counters move), beside a get by id in the
// same run as the baseline. The round trips of an update are counted with
// log_statement=all (BENCHMARKS.md).
//
//	go test -run '^$' -bench APIUpdate -benchtime 2000x ./store/pgstore/
func BenchmarkAPIUpdate(b *testing.B) {
	ctx := context.Background()
	const n = 1000
	s := pgtest.NewStore(b)
	if err := s.Import(ctx, apiStream(n)); err != nil {
		b.Fatal(err)
	}
	load := func(id string) *model.APIDefinitionWrapper {
		var w *model.APIDefinitionWrapper
		err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) (err error) {
			w, err = tx.GetAPI(id)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		return w
	}
	b.Run("get", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			load(fmt.Sprintf("%024x", (i*7919)%n))
		}
	})
	for _, name := range []string{"rename", "toggle-active"} {
		b.Run(name, func(b *testing.B) {
			apis := make([]*model.APIDefinitionWrapper, 100)
			for i := range apis {
				apis[i] = load(fmt.Sprintf("%024x", (i*7919)%n))
			}
			for i := 0; b.Loop(); i++ {
				w := apis[i%len(apis)]
				if name == "rename" {
					w.APIDefinition.Name = fmt.Sprintf("API renamed %d", i)
				} else {
					w.APIDefinition.Active = !w.APIDefinition.Active
				}
				if err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error { return tx.UpdateAPI(w) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
