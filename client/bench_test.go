package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// BenchmarkGetAPI measures what the client adds to one request: APIs.Get
// against the same request made with net/http and decoded into the same
// type, both over loopback with keep-alive.
func BenchmarkGetAPI(b *testing.B) {
	srv := memserver.NewTest(b)
	c := srv.Client()
	ctx := context.Background()
	created, err := c.APIs.Create(ctx, classicAPI("Bench", "/bench/"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.APIs.Get(ctx, created.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("net-http", func(b *testing.B) {
		b.ReportAllocs()
		hc := &http.Client{}
		for b.Loop() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/apis/"+created.ID, nil)
			req.Header.Set("Authorization", srv.Secret)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(resp.StatusCode, err)
			}
			var w model.APIDefinitionWrapper
			if err := json.Unmarshal(body, &w); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAllAPIs measures walking a list of 100 APIs, 10 to a page.
func BenchmarkAllAPIs(b *testing.B) {
	srv := memserver.NewTest(b)
	c := srv.Client()
	ctx := context.Background()
	for i := range 100 {
		if _, err := c.APIs.Create(ctx, classicAPI(fmt.Sprintf("API %d", i), fmt.Sprintf("/api-%d/", i))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.APIs.All(ctx, client.ListAPIsOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100 {
			b.Fatalf("%d APIs", n)
		}
	}
}
