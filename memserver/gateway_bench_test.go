package memserver_test

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// BenchmarkCreateKeySessions answers POST /api/keys with the sessions in
// memory and in a real redis-server, in the same run (the handler called
// directly, without sockets on the client side), so their ratio shows what
// keeping keys where the gateway reads them costs. "alternating" sends one
// request to each in turn and reports both times and their ratio, which a
// machine whose load changes during the run skews least.
func BenchmarkCreateKeySessions(b *testing.B) {
	rs := redistest.Start(b)
	servers := []struct {
		name string
		srv  *memserver.Server
	}{
		{"memstore", memserver.New()},
		{"redisstore", memserver.New(memserver.WithSessions(redisstore.New(rs.Client(b))))},
	}
	body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
	create := func(b *testing.B, srv *memserver.Server) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/keys", bytes.NewReader(body))
		req.Header.Set("Authorization", srv.Secret)
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("POST /api/keys: %d %s", rec.Code, rec.Body)
		}
	}
	for _, s := range servers {
		benchAPI(b, s.srv)
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				create(b, s.srv)
			}
		})
	}
	b.Run("alternating", func(b *testing.B) {
		var took [2]time.Duration
		for b.Loop() {
			for i, s := range servers {
				start := time.Now()
				create(b, s.srv)
				took[i] += time.Since(start)
			}
		}
		n := float64(b.N)
		b.ReportMetric(float64(took[0].Nanoseconds())/n, "memstore-ns/op")
		b.ReportMetric(float64(took[1].Nanoseconds())/n, "redisstore-ns/op")
		b.ReportMetric(float64(took[1])/float64(took[0]), "redis/mem")
	})
}
