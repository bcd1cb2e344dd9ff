package memserver_test

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// BenchmarkCreateKeySessions answers POST /api/keys with the sessions in
// memory and in a real redis-server, in the same run (the handler called
// directly, without sockets on the client side), so their ratio shows what
// keeping keys where the gateway reads them costs.
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
	for _, s := range servers {
		benchAPI(b, s.srv)
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/api/keys", bytes.NewReader(body))
				req.Header.Set("Authorization", s.srv.Secret)
				s.srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("POST /api/keys: %d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
