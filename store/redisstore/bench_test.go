package redisstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// BenchmarkKeys reads one key by id and page 1 of the org's keys at 1,000
// and 100,000 keys in one redis-server: both should cost about the same at
// either size (a GET chain and a page of a sorted set).
func BenchmarkKeys(b *testing.B) {
	rs := redistest.Start(b)
	ctx := context.Background()
	for _, n := range []int{1000, 100000} {
		c := rs.Client(b)
		if err := c.FlushDB(ctx).Err(); err != nil {
			b.Fatal(err)
		}
		s := redisstore.New(c)
		const org = "org1"
		for done := 0; done < n; done += 5000 {
			err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
				for i := done; i < min(done+5000, n); i++ {
					id := fmt.Sprintf("%s%032x", org, i)
					k := &store.Key{ID: id, Hash: model.KeyHash(id), OrgID: org, Session: model.SessionState{
						OrgID: org, Rate: 10, Per: 60,
						AccessRights: map[string]model.AccessDefinition{"api1": {APIID: "api1", Versions: []string{"Default"}}},
					}}
					if err := tx.InsertKey(k); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		mid := fmt.Sprintf("%s%032x", org, n/2)
		b.Run(fmt.Sprintf("get/keys=%d", n), func(b *testing.B) {
			for b.Loop() {
				err := s.ViewSessions(ctx, func(tx store.SessionsReader) error {
					_, err := tx.GetKey(mid)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("list-page1/keys=%d", n), func(b *testing.B) {
			for b.Loop() {
				err := s.ViewSessions(ctx, func(tx store.SessionsReader) error {
					p, err := tx.ListKeys(org, store.KeyQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10}})
					if err == nil && (len(p.Items) != 10 || p.Total != n) {
						err = fmt.Errorf("page 1: %d items of %d, want 10 of %d", len(p.Items), p.Total, n)
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
