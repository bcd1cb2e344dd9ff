package client_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

func TestMCPAnalytics(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	api := mustCreateAPI(t, c, "MCP keys", "/mcp-keys/")
	key, err := c.Keys.Create(ctx, &model.SessionState{AccessRights: map[string]model.AccessDefinition{api.APIID: {APIID: api.APIID, Versions: []string{"Default"}}}})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	rec := func(apiID, method, ptype, name string, code int64, tags ...string) model.AnalyticsRecord {
		return model.AnalyticsRecord{Method: "POST", Path: "/mcp", ResponseCode: code, APIKey: key.KeyHash, APIID: apiID, TimeStamp: day, RequestTime: 10, Tags: tags,
			MCPStats: &model.MCPStats{IsMCP: true, JSONRPCMethod: method, PrimitiveType: ptype, PrimitiveName: name}}
	}
	if err := srv.RecordTraffic(
		rec("p1", "tools/call", model.MCPPrimitiveTool, "forecast", 200, "weather"),
		rec("p1", "tools/call", model.MCPPrimitiveTool, "forecast", 429),
		rec("p2", "resources/read", model.MCPPrimitiveResource, "manual", 200),
	); err != nil {
		t.Fatal(err)
	}
	from, to := day, day

	byPrimitive, err := c.Analytics.MCPPrimitives(ctx, from, to, client.MCPActivityOptions{GroupByPrimitive: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(byPrimitive.Data) != 2 || byPrimitive.Data[0].ID.MCPPrimitiveName != "forecast" || byPrimitive.Data[0].Hits != 2 || byPrimitive.Data[0].Error != 1 {
		t.Fatalf("by primitive: %+v", byPrimitive.Data)
	}
	resources, err := c.Analytics.MCPPrimitives(ctx, from, to, client.MCPActivityOptions{PrimitiveType: model.MCPPrimitiveResource, APIID: "p2"})
	if err != nil || len(resources.Data) != 1 || resources.Data[0].Hits != 1 || resources.Data[0].ID.Day != 1 {
		t.Fatalf("resources by day: %+v, %v", resources, err)
	}
	failed, err := c.Analytics.MCPPrimitiveErrors(ctx, from, to, client.MCPActivityOptions{GroupByPrimitive: true})
	if err != nil || len(failed.Data) != 1 || failed.Data[0].Error != 1 || failed.Data[0].Success != 0 {
		t.Fatalf("errors: %+v, %v", failed, err)
	}
	ofKey, err := c.Analytics.MCPKey(ctx, key.KeyHash, from, to, client.MCPActivityOptions{Method: "tools/call"})
	if err != nil || len(ofKey.Data) != 1 || ofKey.Data[0].Hits != 2 {
		t.Fatalf("key: %+v, %v", ofKey, err)
	}
	if _, err := c.Analytics.MCPKey(ctx, "unknown", from, to, client.MCPActivityOptions{}); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
	usage, err := c.Analytics.MCPUsage(ctx, from, to, client.MCPUsageOptions{})
	if err != nil || len(usage.Data) != 2 || usage.Data[0].ID.APIID != "p1" || usage.Data[0].Hits != 2 {
		t.Fatalf("usage: %+v, %v", usage, err)
	}
	tagged, err := c.Analytics.MCPUsage(ctx, from, to, client.MCPUsageOptions{Tags: []string{"weather"}})
	if err != nil || len(tagged.Data) != 1 || tagged.Data[0].Hits != 1 {
		t.Fatalf("usage by tag: %+v, %v", tagged, err)
	}
	if _, err := c.Analytics.MCPPrimitives(ctx, from, to, client.MCPActivityOptions{PrimitiveType: "widget"}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("unknown primitive type: %v", err)
	}
	if _, err := c.Analytics.MCPUsage(ctx, to.AddDate(0, 0, 1), from, client.MCPUsageOptions{}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("reversed range: %v", err)
	}

	// analytics read is needed.
	reader := userClient(t, srv, model.UserPermissions{"analytics": "read"})
	if _, err := reader.Analytics.MCPUsage(ctx, from, to, client.MCPUsageOptions{}); err != nil {
		t.Fatalf("analytics read: %v", err)
	}
	other := userClient(t, srv, model.UserPermissions{"apis": "write"})
	if _, err := other.Analytics.MCPPrimitives(ctx, from, to, client.MCPActivityOptions{}); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("without analytics: %v", err)
	}
}
