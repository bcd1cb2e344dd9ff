package redisstore_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// benchKeySizes are the store sizes BenchmarkKeys compares: 1,000 keys and
// DASHKIT_BENCH_KEYS keys (default 100,000, filled in seconds; 1000000 for
// the figure of BENCHMARKS.md, filled in one to three minutes).
func benchKeySizes(b *testing.B) []int {
	large := 100000
	if v := os.Getenv("DASHKIT_BENCH_KEYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("DASHKIT_BENCH_KEYS=%q: want a number of keys, at least 1000", v)
		}
		large = n
	}
	return []int{1000, large}
}

// fillKeys stores n keys of one org, as a restore writes them (see
// FillForBenchmark).
func fillKeys(b *testing.B, s *redisstore.Sessions, org string, n int) {
	start := time.Now()
	sess := &model.SessionState{OrgID: org, Rate: 10, Per: 60,
		AccessRights: map[string]model.AccessDefinition{"api1": {APIID: "api1", Versions: []string{"Default"}}}}
	err := redisstore.FillForBenchmark(context.Background(), s, org, n, sess, func(i int) string { return benchKeyID(org, i) })
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("filled %d keys in %v", n, time.Since(start))
}

// benchKeyID is a generated key's token (murmur64: no collisions among a
// million, where murmur32 would have about a hundred).
func benchKeyID(org string, i int) string {
	return model.NewKeyToken(org, fmt.Sprintf("%032x", i), model.HashMurmur64)
}

// BenchmarkKeys reads one key by id and page 1 of the org's keys from a
// store of 1,000 keys and one of 100,000 (or DASHKIT_BENCH_KEYS) in the same
// redis-server: both should cost about the same at either size (an index
// look-up and a page of a sorted set, one Lua script each). The stores are
// filled once, side by side under prefixes and orgs of their own; the
// "alternating" sub-benchmarks read both in turn and report the ratio of
// the larger's time to the smaller's, which a machine whose load changes
// during the run skews least.
func BenchmarkKeys(b *testing.B) {
	rs := redistest.Start(b)
	ctx := context.Background()
	c := rs.Client(b)
	if err := c.FlushDB(ctx).Err(); err != nil {
		b.Fatal(err)
	}
	sizes := benchKeySizes(b)
	type sized struct {
		n   int
		org string
		s   *redisstore.Sessions
	}
	var stores []sized
	for _, n := range sizes {
		org := fmt.Sprintf("org%d", n)
		s := redisstore.New(c, redisstore.WithPrefix(fmt.Sprintf("bench%d:", n)))
		fillKeys(b, s, org, n)
		stores = append(stores, sized{n, org, s})
	}
	get := func(b *testing.B, z sized) {
		id := benchKeyID(z.org, z.n/2)
		err := z.s.ViewSessions(ctx, func(tx store.SessionsReader) error {
			k, err := tx.GetKey(id)
			if err == nil && k.ID != id {
				err = fmt.Errorf("got key %s, want %s", k.ID, id)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	list := func(b *testing.B, z sized) {
		err := z.s.ViewSessions(ctx, func(tx store.SessionsReader) error {
			p, err := tx.ListKeys(z.org, store.KeyQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10}})
			if err == nil && (len(p.Items) != 10 || p.Total != z.n) {
				err = fmt.Errorf("page 1: %d items of %d, want 10 of %d", len(p.Items), p.Total, z.n)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	for _, op := range []struct {
		name string
		fn   func(*testing.B, sized)
	}{{"get", get}, {"list-page1", list}} {
		for _, z := range stores {
			b.Run(fmt.Sprintf("%s/keys=%d", op.name, z.n), func(b *testing.B) {
				for b.Loop() {
					op.fn(b, z)
				}
			})
		}
		b.Run(op.name+"/alternating", func(b *testing.B) {
			took := make([]time.Duration, len(stores))
			for b.Loop() {
				for i, z := range stores {
					start := time.Now()
					op.fn(b, z)
					took[i] += time.Since(start)
				}
			}
			small, large := stores[0], stores[len(stores)-1]
			b.ReportMetric(float64(took[0].Nanoseconds())/float64(b.N), fmt.Sprintf("keys=%d-ns/op", small.n))
			b.ReportMetric(float64(took[len(took)-1].Nanoseconds())/float64(b.N), fmt.Sprintf("keys=%d-ns/op", large.n))
			b.ReportMetric(float64(took[len(took)-1])/float64(took[0]), "large/small")
		})
	}
}
