package memserver_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
)

// The benchmarks of BENCHMARKS.md. Each compares the memserver with a bare
// net/http handler measured in the same run.

// BenchmarkStartup measures NewTest's work (a Server, a listener on
// 127.0.0.1:0) up to the first answered request, against the same for a
// bare httptest.NewServer. It reports the median of the iterations.
func BenchmarkStartup(b *testing.B) {
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	run := func(b *testing.B, handler func() http.Handler, path string) {
		b.ReportAllocs()
		times := make([]time.Duration, 0, b.N)
		for b.Loop() {
			start := time.Now()
			ts := httptest.NewServer(handler())
			resp, err := ts.Client().Get(ts.URL + path)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			times = append(times, time.Since(start))
			ts.Close()
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		b.ReportMetric(float64(times[len(times)/2].Microseconds()), "median-µs")
	}
	b.Run("bare", func(b *testing.B) { run(b, func() http.Handler { return bare }, "/") })
	b.Run("memserver", func(b *testing.B) {
		run(b, func() http.Handler { return memserver.New() }, "/_memserver/health")
	})
}

// throughput drives path on both the memserver and a bare handler that
// writes the same bytes, from 2 client goroutines over keep-alive
// connections, and reports requests per second.
func throughput(b *testing.B, method, path string, body []byte, setup func(*memserver.Server) (string, []byte)) {
	srv := memserver.New(memserver.WithRequestLogSize(0))
	path, body = setup(srv)
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
	for _, tc := range []struct {
		name    string
		handler http.Handler
	}{{"bare", bare}, {"memserver", srv}} {
		b.Run(tc.name, func(b *testing.B) {
			ts := httptest.NewServer(tc.handler)
			defer ts.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: 4}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			var failed atomic.Int64
			b.ReportAllocs()
			b.SetParallelism(1) // GOMAXPROCS goroutines: 2 on the reference machine
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
					req.Header.Set("Authorization", srv.Secret)
					resp, err := client.Do(req)
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
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
			if n := failed.Load(); n > 0 {
				b.Fatalf("%d requests failed", n)
			}
		})
	}
}

func BenchmarkGetAPI(b *testing.B) {
	throughput(b, "GET", "", nil, func(srv *memserver.Server) (string, []byte) {
		dbID := benchAPI(b, srv)
		return "/api/apis/" + dbID, nil
	})
}

func BenchmarkCreateKey(b *testing.B) {
	throughput(b, "POST", "", nil, func(srv *memserver.Server) (string, []byte) {
		dbID := benchAPI(b, srv)
		_ = dbID
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
