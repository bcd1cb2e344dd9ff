package pgstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

const benchOrg = "5e9d9544a1dcd60001d0ed20"

func benchAPI(n int) *model.APIDefinitionWrapper {
	return &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		ID: fmt.Sprintf("%024x", n), APIID: fmt.Sprintf("%032x", n), OrgID: benchOrg, Name: fmt.Sprintf("API %d", n), Active: true,
		UseStandardAuth: true,
		Proxy:           model.ProxyConfig{ListenPath: fmt.Sprintf("/api%d/", n), TargetURL: "http://upstream.example", StripListenPath: true},
	}}
}

// BenchmarkAPIs reads one API by id and the first page of the org's APIs
// from stores of 1,000 and 100,000 APIs: neither should cost more with the
// larger.
//
//	go test -run '^$' -bench APIs -benchtime 2000x ./store/pgstore/
func BenchmarkAPIs(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 100000} {
		s := pgtest.NewStore(b)
		// Seeded through Import, which batches its inserts.
		var stream bytes.Buffer
		enc := json.NewEncoder(&stream)
		for i := range n {
			obj, _ := json.Marshal(benchAPI(i))
			enc.Encode(store.Record{Collection: store.CollectionAPIs, Object: obj})
		}
		if err := s.Import(ctx, &stream); err != nil {
			b.Fatal(err)
		}
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
					p, err := tx.ListAPIs(benchOrg, store.APIQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: "name"}})
					if err == nil && (len(p.Items) != 10 || p.Total != n) {
						err = fmt.Errorf("page of %d items of %d", len(p.Items), p.Total)
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
