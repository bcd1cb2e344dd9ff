package memstore_test

// Benchmarks of the in-memory store at the sizes the Dashboard meets. They
// only run under -bench; the 1,000,000-key store takes about a minute to
// build.
//
//	go test ./store/memstore -run '^$' -bench . -benchmem -cpu 2
//
// Figures of 2026-11-22 on 2 shared virtual CPUs (BENCHMARKS.md has them
// all, with the load they ran under), CPU time per operation:
//
//	get key        1,000: 4.7 µs   100,000: 5.9-9.8 µs   1,000,000: 6.2 µs
//	list keys p1   1,000: 51 µs    100,000: 75 µs        1,000,000: 89 µs
//	get API        1,000: 8.8 µs   100,000: 23 µs (2.6x: garbage collection of the larger heap)
//	list APIs p1   1,000: 85 µs    100,000: 104 µs (by name 90 -> 131, category 116 -> 170)
//	parallel get at 100,000 keys, -cpu 2: 1.49x the serial one (2.9 µs against 4.4 µs wall)
//	memory of 1,000,000 keys with one access right: 1,609 MiB, 1,687 B per key
//	insert one key into 10,000 (ns/op): 31-33 µs, 16.1 kB (39 µs, 24.6 kB before seqKey, moveCounts and packBufs)

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

const benchOrg = "5e9d9544a1dcd60001d0ed20"

// benchKey is a key of typical size: one access right, a few limits.
func benchKey(i int) *store.Key {
	id := fmt.Sprintf("%s%032x", benchOrg, i)
	return &store.Key{
		ID:    id,
		Hash:  fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15),
		OrgID: benchOrg,
		Session: model.SessionState{
			Rate: 1000, Per: 60, QuotaMax: -1, QuotaRenewalRate: 3600, OrgID: benchOrg,
			DateCreated: "2024-01-01T00:00:00Z",
			AccessRights: map[string]model.AccessDefinition{
				"b84fe1a04e5648927971c0557971565c": {
					APIName: "Payments", APIID: "b84fe1a04e5648927971c0557971565c", Versions: []string{"Default"},
				},
			},
			MetaData: map[string]any{},
			Tags:     []string{},
		},
	}
}

func benchAPI(i int) *model.APIDefinitionWrapper {
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	return &model.APIDefinitionWrapper{
		APIDefinition: &model.APIDefinition{
			ID: fmt.Sprintf("%024x", i), APIID: fmt.Sprintf("%032x", i), OrgID: benchOrg,
			Name: fmt.Sprintf("API %07d #cat%d", (i*7919)%1000003, i%10), Active: true, UseStandardAuth: true,
			Proxy: model.ProxyConfig{ListenPath: fmt.Sprintf("/api%d/", i), TargetURL: "http://upstream:8080", StripListenPath: true},
			VersionData: model.VersionData{NotVersioned: true, DefaultVersion: "Default",
				Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}},
		},
		CreatedAt: &created, UpdatedAt: &created,
	}
}

func fillKeys(b *testing.B, s store.Sessions, n int) {
	// Batches of a thousand: go-memdb tracks the nodes a transaction
	// changes, and a much larger transaction overflows that tracking and
	// commits more slowly.
	const batch = 1000
	for lo := 0; lo < n; lo += batch {
		err := s.UpdateSessions(context.Background(), func(tx store.SessionsTx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				if err := tx.InsertKey(benchKey(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func fillAPIs(b *testing.B, s store.Definitions, n int) {
	const batch = 1000
	for lo := 0; lo < n; lo += batch {
		err := s.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				if err := tx.InsertAPI(benchAPI(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// spread visits the ids of n objects in a scattered order, so that
// look-ups do not ride on a warm cache path.
func spread(i, n int) int { return int((uint64(i) * 2654435761) % uint64(n)) }

// measureCPU reports the CPU time per operation of the loop that follows,
// when the returned function is called after it.
func measureCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

// release drops a benchmark's store before the next size is built: a
// store left alive would make every later garbage collection mark it, and
// charge the smaller sizes for the larger.
func release() { runtime.GC() }

// BenchmarkKeys gets one key by id and lists page 1 (10 keys) of an org
// holding every key, at three sizes; at 100,000 keys it also gets with
// every CPU at once (compare get-parallel with get: readers take no lock).
func BenchmarkKeys(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 100_000, 1_000_000} {
		// Built by the first sub-benchmark that runs, so that a -bench
		// pattern selecting one size builds only that one.
		var s *memstore.Sessions
		build := func(b *testing.B) {
			if s == nil {
				s = memstore.NewSessions()
				fillKeys(b, s, n)
				runtime.GC() // measure the steady state, not the build's garbage
				b.ResetTimer()
			}
		}
		ids := make([]string, 4096)
		for i := range ids {
			ids[i] = benchKey(spread(i, n)).ID
		}
		get := func(i int) error {
			return s.ViewSessions(ctx, func(tx store.SessionsReader) error {
				_, err := tx.GetKey(ids[i%len(ids)])
				return err
			})
		}
		b.Run(fmt.Sprintf("keys=%d/get", n), func(b *testing.B) {
			build(b)
			b.ReportAllocs()
			defer measureCPU(b)()
			for i := 0; b.Loop(); i++ {
				if err := get(i); err != nil {
					b.Fatal(err)
				}
			}
		})
		if n == 100_000 {
			b.Run(fmt.Sprintf("keys=%d/get-parallel", n), func(b *testing.B) {
				build(b)
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for i := 0; pb.Next(); i++ {
						if err := get(i); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		}
		b.Run(fmt.Sprintf("keys=%d/list", n), func(b *testing.B) {
			build(b)
			q := store.KeyQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10}}
			b.ReportAllocs()
			defer measureCPU(b)()
			for b.Loop() {
				err := s.ViewSessions(ctx, func(tx store.SessionsReader) error {
					p, err := tx.ListKeys(benchOrg, q)
					if err == nil && (len(p.Items) != 10 || p.Total != n) {
						err = fmt.Errorf("page of %d keys, total %d", len(p.Items), p.Total)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		s = nil
		release()
	}
}

// BenchmarkAPIs gets one API by db id and lists page 1 (10 APIs) of an org
// holding every API, in creation order, by name, newest update first, and
// in one category of ten by name.
func BenchmarkAPIs(b *testing.B) {
	ctx := context.Background()
	queries := []struct {
		name string
		q    store.APIQuery
	}{
		{"list", store.APIQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10}}},
		{"list-by-name", store.APIQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: "name"}}},
		{"list-by-updated-desc", store.APIQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: "-updated"}}},
		{"list-category-by-name", store.APIQuery{Category: "cat3", ListOptions: store.ListOptions{Page: 1, PageSize: 10, Sort: "name"}}},
	}
	for _, n := range []int{1000, 100_000} {
		var s *memstore.Definitions
		build := func(b *testing.B) {
			if s == nil {
				s = memstore.NewDefinitions()
				fillAPIs(b, s, n)
				runtime.GC()
				b.ResetTimer()
			}
		}
		ids := make([]string, 4096)
		for i := range ids {
			ids[i] = fmt.Sprintf("%024x", spread(i, n))
		}
		b.Run(fmt.Sprintf("apis=%d/get", n), func(b *testing.B) {
			build(b)
			b.ReportAllocs()
			defer measureCPU(b)()
			for i := 0; b.Loop(); i++ {
				err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
					_, err := tx.GetAPI(ids[i%len(ids)])
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, q := range queries {
			b.Run(fmt.Sprintf("apis=%d/%s", n, q.name), func(b *testing.B) {
				build(b)
				b.ReportAllocs()
				defer measureCPU(b)()
				for b.Loop() {
					err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
						p, err := tx.ListAPIs(benchOrg, q.q)
						if err == nil && len(p.Items) != 10 {
							err = fmt.Errorf("page of %d APIs", len(p.Items))
						}
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		s = nil
		release()
	}
}

// BenchmarkKeysMemory measures the heap that 1,000,000 keys hold, after a
// garbage collection, and reports it per key. One iteration builds the
// whole store, so the benchmark runs it once.
func BenchmarkKeysMemory(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		before := heapInUse()
		s := memstore.NewSessions()
		fillKeys(b, s, n)
		after := heapInUse()
		runtime.KeepAlive(s)
		b.ReportMetric(float64(after-before)/n, "B/key")
		b.ReportMetric(float64(after-before)/(1<<20), "MiB")
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkInsertKey inserts one key per transaction into a store that
// already holds 10,000, as POST /api/keys does.
func BenchmarkInsertKey(b *testing.B) {
	ctx := context.Background()
	s := memstore.NewSessions()
	fillKeys(b, s, 10_000)
	keys := make([]*store.Key, b.N)
	for i := range keys {
		keys[i] = benchKey(10_000 + i)
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(keys[i]) }); err != nil {
			b.Fatal(err)
		}
	}
}

// benchAuditRecord is a request's audit record as the memserver writes it,
// a thousand a second. Its strings are made without fmt, whose cost would
// be a good part of the figure.
func benchAuditRecord(i int) *model.AuditLog {
	const t0 = 1704067200 // 2024-01-01
	mid := benchAuditID(i)
	return &model.AuditLog{MID: mid, ReqID: "4f3e2d1c-0000-4000-8000-" + mid[12:], OrgID: benchOrg,
		Date: "Mon, 01 Jan 2024 00:00:00 UTC", Timestamp: t0 + int64(i/1000), IP: "127.0.0.1", User: "admin@example.com",
		Action: "Get API", Method: "GET", URL: "/api/apis/b84fe1a04e5648927971c0557971565c", Status: 200}
}

// benchAuditID is the i'th record's id: 24 hex digits.
func benchAuditID(i int) string {
	const digits = "0123456789abcdef"
	var b [24]byte
	for j := 23; j >= 0; j-- {
		b[j] = digits[i&0xf]
		i >>= 4
	}
	return string(b[:])
}

// BenchmarkAuditWrite is one write of the memserver's audit queue: 1,024
// records in and the 1,024 oldest out of a log of 30,000, in one
// transaction, with the batch calls and with the one-record calls; the
// figure is CPU per batch.
func BenchmarkAuditWrite(b *testing.B) {
	const held, batch = 30000, 1024
	for _, mode := range []string{"batch", "one-at-a-time"} {
		b.Run(mode, func(b *testing.B) {
			s := memstore.New()
			next := 0
			write := func(n, drop int) {
				err := s.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
					ls := make([]*model.AuditLog, n)
					for i := range ls {
						ls[i] = benchAuditRecord(next + i)
					}
					gone := make([]string, 0, drop)
					for i := range drop {
						gone = append(gone, benchAuditID(next-held+i))
					}
					next += n
					bw := tx.(store.AuditLogBatchWriter)
					if mode == "batch" {
						if err := bw.InsertAuditLogs(ls); err != nil {
							return err
						}
						_, err := bw.DeleteAuditLogs(gone)
						return err
					}
					for _, l := range ls {
						if err := tx.InsertAuditLog(l); err != nil {
							return err
						}
					}
					for _, mid := range gone {
						if err := tx.(store.AuditLogDeleter).DeleteAuditLog(mid); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			for range held / batch {
				write(batch, 0)
			}
			write(held-next, 0)
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				write(batch, batch)
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkAuditList is the first page of an org's audit log, newest
// first, at 1,000 records and at the memserver's default bound of 100,000:
// the org_created index keeps it a walk of one page at any size (see
// auditLogs).
func BenchmarkAuditList(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := memstore.New()
			for lo := 0; lo < n; lo += 1000 {
				err := s.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
					ls := make([]*model.AuditLog, 0, 1000)
					for i := lo; i < min(lo+1000, n); i++ {
						ls = append(ls, benchAuditRecord(i))
					}
					return tx.(store.AuditLogBatchWriter).InsertAuditLogs(ls)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				err := s.ViewDefinitions(context.Background(), func(tx store.DefinitionsReader) error {
					p, err := tx.ListAuditLogs(benchOrg, store.AuditQuery{ListOptions: store.ListOptions{Sort: "-created", Page: 1, PageSize: 10}})
					if err == nil && (p.Total != n || len(p.Items) != 10) {
						err = fmt.Errorf("listed %d of %d records", len(p.Items), p.Total)
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
