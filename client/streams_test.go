package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

func tykOASDoc(title, listenPath string) map[string]any {
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": title, "version": "1.0.0"},
		"paths":   map[string]any{},
		"x-tyk-api-gateway": map[string]any{
			"info":     map[string]any{"name": title, "state": map[string]any{"active": true}},
			"upstream": map[string]any{"url": "http://upstream.example"},
			"server":   map[string]any{"listenPath": map[string]any{"value": listenPath, "strip": true}},
		},
	}
}

func TestStreams(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	doc := tykOASDoc("Prices", "/prices/")
	doc["x-tyk-streaming"] = map[string]any{"streams": map[string]any{"s1": map[string]any{"input": map[string]any{"kafka": map[string]any{"topics": []string{"t"}}}}}}
	created, err := c.Streams.Create(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Streams.Get(ctx, created.APIID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `"s1"`) {
		t.Fatalf("Get: %s", got)
	}
	if err := c.Streams.Update(ctx, created.APIID, tykOASDoc("Prices 2", "/prices/")); err != nil {
		t.Fatal(err)
	}
	listen := "/prices-patched/"
	if err := c.Streams.Patch(ctx, created.ID, map[string]any{"openapi": "3.0.3", "info": map[string]any{"title": "Patched", "version": "2"}, "paths": map[string]any{}},
		&client.ImportOptions{ListenPath: listen}); err != nil {
		t.Fatal(err)
	}
	got, _ = c.Streams.Get(ctx, created.APIID)
	if !strings.Contains(string(got), `"s1"`) || !strings.Contains(string(got), listen) || !strings.Contains(string(got), "Patched") {
		t.Fatalf("after Update and Patch: %s", got)
	}
	api, err := c.APIs.Get(ctx, created.ID)
	if err != nil || !api.IsStreams {
		t.Fatalf("the Streams API as an API: %+v %v", api, err)
	}
	if _, err := c.Streams.Create(ctx, tykOASDoc("No streams", "/n/")); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("create without streams: %v", err)
	}
	reader := userClient(t, srv, model.UserPermissions{"apis": "read"})
	if _, err := reader.Streams.Get(ctx, created.APIID); err != nil {
		t.Fatal(err)
	}
	if err := reader.Streams.Delete(ctx, created.APIID); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("reader delete: %v", err)
	}
	if err := c.Streams.Delete(ctx, created.APIID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Streams.Get(ctx, created.APIID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
}

func TestMCP(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"weather", "search", "files"} {
		doc := tykOASDoc(name+" MCP", "/"+name+"-mcp/")
		doc["x-tyk-api-gateway"].(map[string]any)["middleware"] = map[string]any{"mcpTools": map[string]any{"t": map[string]any{"allow": map[string]any{"enabled": true}}}}
		created, err := c.MCP.Create(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, created.APIID)
	}
	n := 0
	for doc, err := range c.MCP.All(ctx, client.MCPListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if json.Unmarshal(doc, &m) != nil || m["x-tyk-api-gateway"] == nil {
			t.Fatalf("listed document: %s", doc)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("All: %d proxies", n)
	}
	page, err := c.MCP.List(ctx, client.MCPListOptions{Query: "search"})
	if err != nil || len(page.Items) != 1 || !strings.Contains(string(page.Items[0]), ids[1]) {
		t.Fatalf("List q=search: %+v %v", page, err)
	}
	if err := c.MCP.Update(ctx, ids[0], tykOASDoc("weather MCP v2", "/weather-mcp/")); err != nil {
		t.Fatal(err)
	}
	got, err := c.MCP.Get(ctx, ids[0])
	if err != nil || !strings.Contains(string(got), "weather MCP v2") {
		t.Fatalf("Get after Update: %s %v", got, err)
	}
	if err := c.MCP.Delete(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.MCP.Get(ctx, ids[0]); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if _, err := c.MCP.Create(ctx, map[string]any{"openapi": "3.0.3", "info": map[string]any{"title": "x", "version": "1"}, "paths": map[string]any{}}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("create without extension: %v", err)
	}
}
