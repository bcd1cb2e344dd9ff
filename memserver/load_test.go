package memserver_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store"
)

// The load tests of BENCHMARKS.md ("Tail latency", "Memory after 100,000
// keys"). They run only when asked, so that go test ./... stays short:
//
//	DASHKIT_LOAD_SECONDS=30 go test -run TestTailLatency -v ./memserver/
//	DASHKIT_MEMORY_KEYS=100000 go test -run TestMemoryTracksData -v ./memserver/
//
// Both serve on 127.0.0.1 only (NewTest) and end on their own.

// loadKeyBody is the key every load test creates: one access right, as in
// BenchmarkCreateKey and the store's memory benchmark.
const loadKeyBody = `{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`

type loadClient struct {
	srv    *memserver.Server
	client *http.Client
}

func newLoadClient(srv *memserver.Server, conns int) *loadClient {
	return &loadClient{srv: srv, client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns}}}
}

// do sends one request and returns the answer's status and body.
func (c *loadClient) do(method, path string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(method, c.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", c.srv.Secret)
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, b, err
}

// createKey creates a key and returns its id.
func (c *loadClient) createKey() (string, error) {
	st, b, err := c.do("POST", "/api/keys", []byte(loadKeyBody))
	if err != nil {
		return "", err
	}
	if st != 200 {
		return "", fmt.Errorf("POST /api/keys: %d %s", st, b)
	}
	const tag = `"key_id":"`
	i := bytes.Index(b, []byte(tag))
	if i < 0 {
		return "", fmt.Errorf("POST /api/keys: no key_id in %s", b)
	}
	id := b[i+len(tag):]
	return string(id[:bytes.IndexByte(id, '"')]), nil
}

func loadAPI(t *testing.T, c *loadClient) string {
	body := []byte(`{"api_definition":{"name":"Bench API #bench","api_id":"bench-api","use_standard_auth":true,"active":true,` +
		`"proxy":{"listen_path":"/bench/","target_url":"http://upstream.example","strip_listen_path":true},` +
		`"version_data":{"not_versioned":true,"versions":{"Default":{"name":"Default"}}}}}`)
	st, b, err := c.do("POST", "/api/apis", body)
	if err != nil || st != 200 {
		t.Fatalf("create API: %d %s %v", st, b, err)
	}
	i := bytes.Index(b, []byte(`"Meta":"`))
	if i < 0 {
		t.Fatalf("create API: no Meta in %s", b)
	}
	return string(b[i+8 : i+8+24])
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// readMetric reads one runtime/metrics sample.
func readMetric(name string) metrics.Value {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value
}

// histMax is the upper bound of the highest non-empty bucket of the
// difference of two cumulative histograms.
func histMax(before, after *metrics.Float64Histogram) float64 {
	for i := len(after.Counts) - 1; i >= 0; i-- {
		var b uint64
		if before != nil && i < len(before.Counts) {
			b = before.Counts[i]
		}
		if after.Counts[i] > b {
			return after.Buckets[i+1]
		}
	}
	return 0
}

type sample struct {
	op      int
	start   time.Duration // since the run began
	took    time.Duration
	seq     int64  // how many /api requests had been sent when this one was
	gcStart uint64 // GC cycles completed when it was sent
	gcEnd   uint64
}

var loadOps = []string{"GET /api/apis/{id}", "GET /api/apis/keys", "POST /api/keys", "PUT /api/keys/{id}"}

// TestTailLatency runs 8 client goroutines of mixed reads and writes against
// one server (the default options, as a user runs it) for
// DASHKIT_LOAD_SECONDS and reports the latency percentiles, the garbage
// collector's pauses and what the slowest requests had in common.
func TestTailLatency(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("DASHKIT_LOAD_SECONDS"))
	if secs <= 0 {
		t.Skip("set DASHKIT_LOAD_SECONDS (30 for BENCHMARKS.md) to run the tail latency test")
	}
	const workers = 8
	srv := memserver.NewTest(t)
	c := newLoadClient(srv, workers)
	apiID := loadAPI(t, c)
	// Keys for the PUTs to update and the list to page through.
	var keys []string
	for range 1000 {
		id, err := c.createKey()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, id)
	}
	putBody := []byte(strings.Replace(loadKeyBody, `"rate":1000`, `"rate":2000`, 1))
	paths := []func(i int) (string, string, []byte){
		func(int) (string, string, []byte) { return "GET", "/api/apis/" + apiID, nil },
		func(int) (string, string, []byte) { return "GET", "/api/apis/keys?p=1", nil },
		func(int) (string, string, []byte) { return "POST", "/api/keys", []byte(loadKeyBody) },
		func(i int) (string, string, []byte) { return "PUT", "/api/keys/" + keys[i%len(keys)], putBody },
	}
	// The mix: 4 GET by id, 2 list, 2 create, 2 update in every 10.
	mix := []int{0, 2, 0, 3, 1, 0, 2, 0, 3, 1}

	// A ticker in the same process: its lateness is how long the whole
	// process (load generator included) could not run, whatever the server.
	var tickMax atomic.Int64
	stopTick := make(chan struct{})
	var tickWG sync.WaitGroup
	tickWG.Add(1)
	go func() {
		defer tickWG.Done()
		for {
			t0 := time.Now()
			select {
			case <-stopTick:
				return
			case <-time.After(time.Millisecond):
			}
			if late := int64(time.Since(t0) - time.Millisecond); late > tickMax.Load() {
				tickMax.Store(late)
			}
		}
	}()

	runtime.GC()
	pauses0 := readMetric("/sched/pauses/total/gc:seconds").Float64Histogram()
	latency0 := readMetric("/sched/latencies:seconds").Float64Histogram()
	gc0 := readMetric("/gc/cycles/total:gc-cycles").Uint64()
	load0 := loadAverage()
	wait0 := runQueueWait()
	var seq atomic.Int64
	var failed atomic.Int64
	results := make([][]sample, workers)
	began := time.Now()
	deadline := began.Add(time.Duration(secs) * time.Second)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gcs := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
			for i := w; time.Now().Before(deadline); i++ {
				op := mix[i%len(mix)]
				method, path, body := paths[op](i)
				metrics.Read(gcs)
				s := sample{op: op, seq: seq.Add(1), gcStart: gcs[0].Value.Uint64()}
				t0 := time.Now()
				st, b, err := c.do(method, path, body)
				s.took = time.Since(t0)
				s.start = t0.Sub(began)
				metrics.Read(gcs)
				s.gcEnd = gcs[0].Value.Uint64()
				if err != nil || st != 200 {
					if failed.Add(1) == 1 {
						t.Errorf("%s %s: %d %.200s %v", method, path, st, b, err)
					}
					continue
				}
				results[w] = append(results[w], s)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	close(stopTick)
	tickWG.Wait()
	waited := runQueueWait() - wait0
	pauses1 := readMetric("/sched/pauses/total/gc:seconds").Float64Histogram()
	latency1 := readMetric("/sched/latencies:seconds").Float64Histogram()
	gc1 := readMetric("/gc/cycles/total:gc-cycles").Uint64()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	var all []sample
	for _, r := range results {
		all = append(all, r...)
	}
	if len(all) == 0 {
		t.Fatal("no request answered")
	}
	pct := func(s []sample, p float64) time.Duration {
		return s[min(len(s)-1, int(float64(len(s))*p))].took
	}
	byTook := func(s []sample) {
		slices.SortFunc(s, func(a, b sample) int { return int(a.took - b.took) })
	}
	byTook(all)
	t.Logf("load average before %s, after %s; GOMAXPROCS %d", load0, loadAverage(), runtime.GOMAXPROCS(0))
	t.Logf("%d requests in %v by %d workers: %.0f req/s", len(all), elapsed.Round(time.Millisecond), workers, float64(len(all))/elapsed.Seconds())
	t.Logf("all:  p50 %v  p99 %v  p99.9 %v  max %v", pct(all, .5), pct(all, .99), pct(all, .999), all[len(all)-1].took)
	for op, name := range loadOps {
		var s []sample
		for _, x := range all {
			if x.op == op {
				s = append(s, x)
			}
		}
		byTook(s)
		if len(s) > 0 {
			t.Logf("  %-20s n %6d  p50 %v  p99 %v  p99.9 %v  max %v", name, len(s), pct(s, .5), pct(s, .99), pct(s, .999), s[len(s)-1].took)
		}
	}
	t.Logf("GC: %d cycles, longest stop-the-world pause <= %.2g s, heap %d MiB after the run",
		gc1-gc0, histMax(pauses0, pauses1), ms.HeapAlloc>>20)
	t.Logf("scheduler: longest wait of a runnable goroutine <= %.2g s; 1 ms ticker in the process late by at most %v",
		histMax(latency0, latency1), time.Duration(tickMax.Load()).Round(time.Microsecond))
	t.Logf("kernel: the process's threads waited %v runnable for a CPU during the %v run",
		waited.Round(time.Millisecond), elapsed.Round(time.Millisecond))
	// The slowest requests: when they were sent, what the request count was
	// (the audit queue writes every 16,384 requests), and whether a garbage
	// collection ran while they waited.
	slowest := all[max(0, len(all)-12):]
	slices.SortFunc(slowest, func(a, b sample) int { return int(a.start - b.start) })
	for _, s := range slowest {
		t.Logf("  slow: %-20s %8v at %8v, request #%d (mod 16384 = %5d), GC cycles during it: %d",
			loadOps[s.op], s.took.Round(time.Microsecond), s.start.Round(time.Millisecond), s.seq, s.seq%16384, s.gcEnd-s.gcStart)
	}
}

// TestMemoryTracksData creates DASHKIT_MEMORY_KEYS keys through the API
// (2 client goroutines) and reports the live heap after a collection and
// the process's RSS, with the request journal on (the default) and off.
func TestMemoryTracksData(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DASHKIT_MEMORY_KEYS"))
	if n <= 0 {
		t.Skip("set DASHKIT_MEMORY_KEYS (100000 for BENCHMARKS.md) to run the memory test")
	}
	for _, journal := range []bool{true, false} {
		t.Run(fmt.Sprintf("journal=%v", journal), func(t *testing.T) {
			var opts []memserver.Option
			if !journal {
				opts = append(opts, memserver.WithRequestLogSize(0))
			}
			heap0 := liveHeap()
			srv := memserver.NewTest(t, opts...)
			c := newLoadClient(srv, 2)
			loadAPI(t, c)
			load0 := loadAverage()
			t0 := time.Now()
			var next atomic.Int64
			var wg sync.WaitGroup
			var failed atomic.Int64
			slow := make([][]sample, 2)
			for w := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := next.Add(1); i <= int64(n); i = next.Add(1) {
						t1 := time.Now()
						if _, err := c.createKey(); err != nil {
							if failed.Add(1) == 1 {
								t.Error(err)
							}
						}
						if d := time.Since(t1); d > 50*time.Millisecond {
							slow[w] = append(slow[w], sample{took: d, seq: i + 1, start: t1.Sub(t0)})
						}
					}
				}()
			}
			wg.Wait()
			took := time.Since(t0)
			c.client.CloseIdleConnections()
			heap := liveHeap()
			var audits int
			err := srv.Store().ViewDefinitions(context.Background(), func(tx store.DefinitionsReader) error {
				p, err := tx.ListAuditLogs(srv.OrgID, store.AuditQuery{})
				audits = p.Total
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			heapAudit := liveHeap()
			var journalBytes int
			exs := srv.Requests()
			for _, ex := range exs {
				journalBytes += len(ex.Body) + len(ex.ResponseBody)
			}
			t.Logf("%d keys in %v (load average %s before, %s after)", n, took.Round(time.Millisecond), load0, loadAverage())
			t.Logf("live heap: %.1f MiB more than before the server (%d B per key); %.1f MiB once the audit queue is written",
				float64(heap-heap0)/(1<<20), (heap-heap0)/uint64(n), float64(heapAudit-heap0)/(1<<20))
			all := append(slow[0], slow[1]...)
			slices.SortFunc(all, func(a, b sample) int { return int(b.took - a.took) })
			for _, x := range all[:min(len(all), 8)] {
				t.Logf("  slow: POST /api/keys %v at %v, request #%d (mod 16384 = %d)", x.took.Round(time.Microsecond), x.start.Round(time.Millisecond), x.seq, x.seq%16384)
			}
			t.Logf("requests over 50 ms: %d", len(all))
			t.Logf("audit records %d; journal %d exchanges, %d body bytes; RSS %s", audits, len(exs), journalBytes, rss())
		})
	}
}

func liveHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// rss is the process's resident set and its peak, from /proc/self/status.
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(out, ", ")
}

// runQueueWait is how long the process's threads have waited, runnable, for
// a CPU (the second field of each /proc/self/task/*/schedstat).
func runQueueWait() time.Duration {
	dirs, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0
	}
	var total int64
	for _, d := range dirs {
		b, err := os.ReadFile("/proc/self/task/" + d.Name() + "/schedstat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			total += n
		}
	}
	return time.Duration(total)
}
