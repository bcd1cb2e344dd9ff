package main

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

func post(b *testing.B, srv *memserver.Server, path string, body []byte) {
	if err := tryPost(srv, path, body); err != nil {
		b.Fatal(err)
	}
}

// tryPost is post for goroutines other than the benchmark's, which may not
// stop it.
func tryPost(srv *memserver.Server, path string, body []byte) error {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Authorization", srv.Secret)
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		return fmt.Errorf("POST %s: %d %s", path, rec.Code, rec.Body)
	}
	return nil
}

// BenchmarkPostAPI creates classic APIs through the in-memory store and
// through PostgreSQL (definitions in pgstore, on the test server), in the
// same run.
//
//	go test -run '^$' -bench PostAPI -benchtime 2000x ./memserver/cmd/memserver/
func BenchmarkPostAPI(b *testing.B) {
	for _, backend := range []string{"memstore", "pgstore"} {
		b.Run(backend, func(b *testing.B) {
			opt := memserver.WithStore(memstore.New())
			if backend == "pgstore" {
				opt = memserver.WithSharedStore(store.Combine(pgtest.NewStore(b), memstore.NewSessions()))
			}
			srv, err := memserver.NewServer(opt, memserver.WithRequestLogSize(0))
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			var n atomic.Int64
			b.ResetTimer()
			for b.Loop() {
				i := n.Add(1)
				post(b, srv, "/api/apis", fmt.Appendf(nil, `{"api_definition":{"name":"Bench %d","use_keyless":true,"active":true,`+
					`"proxy":{"listen_path":"/bench%d/","target_url":"http://upstream.example"},`+
					`"version_data":{"not_versioned":true,"versions":{"Default":{"name":"Default"}}}}}`, i, i))
			}
		})
	}
}

// BenchmarkPostKeysDataFile creates keys from 8 goroutines at once, with the
// data file off and on, in the same run: with group commit (writers that
// commit while the file is being written share the next write and fsync)
// the file costs at most twice the time of a key.
//
//	go test -run '^$' -bench PostKeysDataFile -benchtime 20000x ./memserver/cmd/memserver/
func BenchmarkPostKeysDataFile(b *testing.B) {
	const writers = 8
	for _, mode := range []string{"off", "on"} {
		b.Run("data="+mode, func(b *testing.B) {
			opts := []memserver.Option{memserver.WithRequestLogSize(0)}
			var file *memstore.FileStore
			if mode == "on" {
				f, err := memstore.Open(filepath.Join(b.TempDir(), "state.jsonl"))
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				file = f
				opts = append(opts, memserver.WithStore(f))
			}
			srv, err := memserver.NewServer(opts...)
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			post(b, srv, "/api/apis", []byte(`{"api_definition":{"name":"Bench API","api_id":"bench-api","use_standard_auth":true,"active":true,`+
				`"proxy":{"listen_path":"/bench/","target_url":"http://upstream.example","strip_listen_path":true},`+
				`"version_data":{"not_versioned":true,"versions":{"Default":{"name":"Default"}}}}}`))
			body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
			var left atomic.Int64
			left.Store(int64(b.N))
			errs := make(chan error, writers)
			b.ResetTimer()
			var wg sync.WaitGroup
			for range writers {
				wg.Go(func() {
					for left.Add(-1) >= 0 {
						if err := tryPost(srv, "/api/keys", body); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
			if file != nil {
				b.ReportMetric(float64(b.N)/float64(file.Syncs()), "writes/fsync")
			}
		})
	}
}
