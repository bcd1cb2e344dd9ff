package memserver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
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
// keep-alive connections (see race). It reports the requests per second of
// each and their ratio (memserver / bare), and the ratio of a second bare
// handler to the first (same-bytes-ratio): how far the harness alone moves
// a ratio in that run.
func throughput(b *testing.B, method string, setup func(*memserver.Server) (string, []byte)) {
	srv := memserver.New(memserver.WithRequestLogSize(0))
	path, body := setup(srv)
	answer := answerOf(b, srv, method, path, body)
	rates := race(b, method, path, body, srv.Secret, []http.Handler{sameBytes(answer), srv, sameBytes(answer)})
	b.ReportMetric(rates[0], "bare-req/s")
	b.ReportMetric(rates[1], "memserver-req/s")
	b.ReportMetric(rates[1]/rates[0], "ratio")
	b.ReportMetric(rates[2]/rates[0], "same-bytes-ratio")
}

// answerOf is the body the memserver answers the request with, for a bare
// handler to write.
func answerOf(b *testing.B, srv *memserver.Server, method, path string, body []byte) []byte {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", srv.Secret)
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

// sameBytes is the bare handler: it reads the request's body and writes
// answer, and does nothing else.
func sameBytes(answer []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{strconv.Itoa(len(answer))}
		w.Write(answer)
	}
}

// race sends b.N requests to each handler, each behind its own
// httptest.Server, from 2 client goroutines over keep-alive connections.
// The handlers take turns in rounds of 100 requests so that all see the
// same load on the machine, in a new order each round. It returns the requests per second of each.
func race(b *testing.B, method, path string, body []byte, auth string, handlers []http.Handler) []float64 {
	type target struct {
		ts      *httptest.Server
		client  *http.Client
		elapsed time.Duration
		done    int
	}
	var targets []*target
	for _, h := range handlers {
		ts := httptest.NewServer(h)
		targets = append(targets, &target{ts: ts, client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}})
	}
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
					req.Header.Set("Authorization", auth)
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
	// The targets go in a new order each round: work one leaves behind (the
	// collection of its garbage, its audit queue's writes) lands in the
	// round of whichever follows it, which in a fixed order would be the
	// same one every time.
	order := rand.New(rand.NewPCG(1, 2))
	for left := b.N; left > 0; left -= 100 {
		n := min(100, left)
		for _, i := range order.Perm(len(targets)) {
			round(targets[i], n)
		}
	}
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d requests failed", n)
	}
	rates := make([]float64, len(targets))
	for i, t := range targets {
		rates[i] = float64(t.done) / t.elapsed.Seconds()
	}
	return rates
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

// BenchmarkCreateKeyBudget answers what POST /api/keys may cost for its
// ratio to reach a goal on this machine. In the harness of
// BenchmarkCreateKey, the handlers below take turns with the bare handler:
//
//	same-bytes    a second bare handler: its ratio is the harness's own noise
//	cost-<n>µs    the bare handler after n µs of calibrated CPU work
//	floor         what any server creating a key must do, with a map for its
//	              store: decode the body into a model.SessionState, make a key
//	              and its hash, keep the session, encode the answer
//	memserver     the memserver
//
// Each reports its requests per second as a ratio of the bare handler's.
// The cost-<n>µs curve turns a ratio into CPU per request, and floor shows
// how much of that budget the work of any key creation already takes.
func BenchmarkCreateKeyBudget(b *testing.B) {
	srv := memserver.New(memserver.WithRequestLogSize(0))
	benchAPI(b, srv)
	body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
	answer := answerOf(b, srv, "POST", "/api/keys", body)
	names := []string{"same-bytes"}
	handlers := []http.Handler{sameBytes(answer), sameBytes(answer)}
	for _, us := range []int{10, 20, 30, 40} {
		names = append(names, fmt.Sprintf("cost-%dµs", us))
		handlers = append(handlers, costly(us, sameBytes(answer)))
	}
	names = append(names, "floor", "memserver")
	handlers = append(handlers, floorKeys(), srv)
	rates := race(b, "POST", "/api/keys", body, srv.Secret, handlers)
	for i, name := range names {
		b.ReportMetric(rates[i+1]/rates[0], name)
	}
}

// costly is h after us µs of CPU work, as calibrated by workPerMicrosecond.
func costly(us int, h http.Handler) http.HandlerFunc {
	n := us * workPerMicrosecond()
	return func(w http.ResponseWriter, r *http.Request) {
		work(n)
		h.ServeHTTP(w, r)
	}
}

// workSink keeps the compiler from dropping work's loop.
var workSink atomic.Uint64

// work is n rounds of a xorshift: CPU work that allocates nothing and
// touches no memory.
func work(n int) {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	workSink.Add(x)
}

// workPerMicrosecond is how many rounds of work take a microsecond: the
// fastest of several timings, the others having lost the CPU for a while.
var workPerMicrosecond = sync.OnceValue(func() int {
	const rounds = 1 << 22
	best := time.Duration(1 << 62)
	for range 7 {
		t0 := time.Now()
		work(rounds)
		best = min(best, time.Since(t0))
	}
	return max(1, int(rounds*int64(time.Microsecond)/int64(best)))
})

// floorKeys creates keys as cheaply as a server can while still doing
// what a creation must: decode and check the session, make the key and its
// hash, keep it, answer it. It keeps no index, no counters, no audit
// record, and checks no user or API.
func floorKeys() http.HandlerFunc {
	var mu sync.Mutex
	keys := map[string]*model.SessionState{}
	ids := model.NewIDGenerator(nil, nil)
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		sess := &model.SessionState{}
		if err != nil || !json.Valid(data) || sess.UnmarshalJSON(data) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		sess.OrgID = "bench-org"
		sess.DateCreated = time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00")
		id := ids.NewKey(sess.OrgID, model.DefaultHashAlgorithm)
		hash := model.KeyHash(id)
		mu.Lock()
		keys[hash] = sess
		mu.Unlock()
		out := make([]byte, 0, 1200)
		out = append(out, `{"key_id":`...)
		out = model.AppendJSONString(out, id)
		out = append(out, `,"key_hash":`...)
		out = model.AppendJSONString(out, hash)
		out = append(out, `,"data":`...)
		if out, err = sess.AppendJSON(out); err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		out = append(out, `,"api_model":{}}`...)
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{strconv.Itoa(len(out))}
		w.Write(out)
	}
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
