package memserver_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
)

// The benchmarks of BENCHMARKS.md. Each compares the memserver with a bare
// net/http handler measured in the same run.

// BenchmarkStartup measures NewTest's work (a Server, a listener on
// 127.0.0.1:0) up to the first answered request, against the same for a
// bare httptest.NewServer. The two alternate within the run, so that both
// see the same load on the machine; it reports the median of each, their
// ratio, and the allocations of both together.
func BenchmarkStartup(b *testing.B) {
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	start := func(h http.Handler, path string) time.Duration {
		t0 := time.Now()
		ts := httptest.NewServer(h)
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		ts.Close()
		return d
	}
	var bareTimes, memTimes []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		bareTimes = append(bareTimes, start(bare, "/"))
		memTimes = append(memTimes, start(memserver.New(), "/_memserver/health"))
	}
	mb, mm := median(bareTimes), median(memTimes)
	b.ReportMetric(float64(mb.Microseconds()), "bare-median-µs")
	b.ReportMetric(float64(mm.Microseconds()), "memserver-median-µs")
	b.ReportMetric(float64(mm)/float64(mb), "ratio")
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// throughput drives one route on the memserver and on a bare net/http
// handler that writes the same bytes, from 2 client goroutines over
// keep-alive connections. The two servers take turns in rounds of 100
// requests so that both see the same load on the machine. It reports the
// requests per second of each and their ratio (memserver / bare).
func throughput(b *testing.B, method string, setup func(*memserver.Server) (string, []byte)) {
	srv := memserver.New(memserver.WithRequestLogSize(0))
	path, body := setup(srv)
	// The bytes the memserver answers, for the bare handler to write.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", srv.Secret)
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	answer := rec.Body.Bytes()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{strconv.Itoa(len(answer))}
		w.Write(answer)
	})
	type target struct {
		ts      *httptest.Server
		client  *http.Client
		elapsed time.Duration
		done    int
	}
	newTarget := func(h http.Handler) *target {
		ts := httptest.NewServer(h)
		return &target{ts: ts, client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}}
	}
	targets := []*target{newTarget(bare), newTarget(srv)}
	defer func() {
		for _, t := range targets {
			t.client.CloseIdleConnections()
			t.ts.Close()
		}
	}()
	var failed atomic.Int64
	round := func(t *target, n int) {
		var next atomic.Int64
		var wg sync.WaitGroup
		t0 := time.Now()
		for range 2 { // 2 client goroutines
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(n) {
					req, _ := http.NewRequest(method, t.ts.URL+path, bytes.NewReader(body))
					req.Header.Set("Authorization", srv.Secret)
					resp, err := t.client.Do(req)
					if err != nil {
						failed.Add(1)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						failed.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		t.elapsed += time.Since(t0)
		t.done += n
	}
	b.ReportAllocs()
	b.ResetTimer()
	for left := b.N; left > 0; left -= 100 {
		n := min(100, left)
		for _, t := range targets {
			round(t, n)
		}
	}
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d requests failed", n)
	}
	rate := func(t *target) float64 { return float64(t.done) / t.elapsed.Seconds() }
	b.ReportMetric(rate(targets[0]), "bare-req/s")
	b.ReportMetric(rate(targets[1]), "memserver-req/s")
	b.ReportMetric(rate(targets[1])/rate(targets[0]), "ratio")
}

func BenchmarkGetAPI(b *testing.B) {
	throughput(b, "GET", func(srv *memserver.Server) (string, []byte) {
		dbID := benchAPI(b, srv)
		return "/api/apis/" + dbID, nil
	})
}

func BenchmarkCreateKey(b *testing.B) {
	throughput(b, "POST", func(srv *memserver.Server) (string, []byte) {
		benchAPI(b, srv)
		body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
		return "/api/keys", body
	})
}

// benchAPI creates the classic API the benchmarks read, with api_id
// bench-api, and returns its db id.
func benchAPI(b *testing.B, srv *memserver.Server) string {
	body := []byte(`{"api_definition":{"name":"Bench API #bench","api_id":"bench-api","use_standard_auth":true,"active":true,` +
		`"proxy":{"listen_path":"/bench/","target_url":"http://upstream.example","strip_listen_path":true},` +
		`"version_data":{"not_versioned":true,"versions":{"Default":{"name":"Default"}}}}}`)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/apis", bytes.NewReader(body))
	req.Header.Set("Authorization", srv.Secret)
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("create API: %d %s", rec.Code, rec.Body)
	}
	var id string
	if i := bytes.Index(rec.Body.Bytes(), []byte(`"Meta":"`)); i >= 0 {
		id = string(rec.Body.Bytes()[i+8 : i+8+24])
	}
	return id
}

// BenchmarkParallelServers starts a server, answers a request and closes
// it, on every goroutine at once: with no lock shared between servers, ns/op
// falls as -cpu rises.
func BenchmarkParallelServers(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			srv := memserver.New()
			ts := httptest.NewServer(srv)
			req, _ := http.NewRequest("GET", ts.URL+"/api/apis", nil)
			req.Header.Set("Authorization", srv.Secret)
			resp, err := ts.Client().Do(req)
			if err != nil {
				b.Error(err)
				ts.Close()
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			ts.Close()
		}
	})
}

// BenchmarkHandlerCPU calls the server's handler directly (no sockets, no
// client) for POST /api/keys and GET /api/apis/{id}, and reports the CPU
// time of the process per request, the garbage collector's and the audit
// queue's writes included: on a shared machine a steadier figure than the
// requests per second of BenchmarkCreateKey and BenchmarkGetAPI.
func BenchmarkHandlerCPU(b *testing.B) {
	for _, bench := range []struct {
		name, method string
		body         []byte
		journal      bool // the request journal on, as New and NewTest have it
	}{
		{"create-key", "POST", []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`), false},
		{"get-api", "GET", nil, false},
		{"get-api-journal", "GET", nil, true},
	} {
		b.Run(bench.name, func(b *testing.B) {
			opts := []memserver.Option{memserver.WithRequestLogSize(0)}
			if bench.journal {
				opts = nil
			}
			srv := memserver.New(opts...)
			path := "/api/keys"
			if id := benchAPI(b, srv); bench.method == "GET" {
				path = "/api/apis/" + id
			}
			b.ReportAllocs()
			t0 := cpuTime()
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(bench.method, path, bytes.NewReader(bench.body))
				req.Header.Set("Authorization", srv.Secret)
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s %s: %d %s", bench.method, path, rec.Code, rec.Body)
				}
			}
			b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op")
		})
	}
}
