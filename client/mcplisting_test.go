package client_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
)

// TestMCPProxiesLeftOutOfAPIListings: MCP proxies are listed by
// GET /api/mcps only, paged there; GET /api/apis, its search and its groups
// list the other APIs, classic and OAS. Source: Tyk's "MCP API extensions"
// page (ai-management/mcp-gateway/mcp-api-extensions): "MCP proxies are
// stored and managed through their own resource paths and are excluded from
// the standard /tyk/apis and /api/apis listings."
func TestMCPProxiesLeftOutOfAPIListings(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	var mcps []string
	for _, name := range []string{"weather", "search", "files"} {
		created, err := c.MCP.Create(ctx, tagged(tykOASDoc(name+" MCP", "/"+name+"-mcp/")))
		if err != nil {
			t.Fatal(err)
		}
		mcps = append(mcps, created.APIID)
	}
	oasAPI, err := c.OAS.Create(ctx, tagged(tykOAS("pets OAS", "/pets/")), nil)
	if err != nil {
		t.Fatal(err)
	}
	classic := mustCreateAPI(t, c, "orders classic", "/orders/")

	// Two APIs in one page of two: with the three proxies there would be
	// five in three pages.
	page, err := c.APIs.List(ctx, client.ListAPIsOptions{ListOptions: client.ListOptions{Page: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, w := range page.Items {
		listed = append(listed, w.APIDefinition.APIID)
	}
	slices.Sort(listed)
	want := []string{oasAPI.APIID, classic.APIID}
	slices.Sort(want)
	if !slices.Equal(listed, want) || page.Pages != 1 {
		t.Fatalf("GET /api/apis p=1: %v in %d pages, want %v in 1", listed, page.Pages, want)
	}
	if page, err := c.APIs.List(ctx, client.ListAPIsOptions{Query: "MCP"}); err != nil || len(page.Items) != 0 {
		t.Fatalf("GET /api/apis q=MCP: %+v %v, want none", page, err)
	}
	groups, err := c.APIs.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Grouped by their gateway tag, as the other APIs are.
	if g := groups["tools"]; !slices.Equal(g, []string{oasAPI.APIID}) {
		t.Errorf("API group tools: %v, want only %s", g, oasAPI.APIID)
	}
	for g, ids := range groups {
		for _, id := range mcps {
			if slices.Contains(ids, id) {
				t.Errorf("MCP proxy %s in API group %s", id, g)
			}
		}
	}

	// The proxies, two to a page.
	var got []string
	for p := 1; p <= 3; p++ {
		page, err := c.MCP.List(ctx, client.MCPListOptions{ListOptions: client.ListOptions{Page: p}})
		if err != nil {
			t.Fatal(err)
		}
		wantItems := map[int]int{1: 2, 2: 1, 3: 0}[p]
		if len(page.Items) != wantItems || page.Pages != 2 {
			t.Fatalf("GET /api/mcps p=%d: %d items in %d pages, want %d in 2", p, len(page.Items), page.Pages, wantItems)
		}
		for _, doc := range page.Items {
			var d struct {
				X struct {
					Info struct {
						ID string `json:"id"`
					} `json:"info"`
				} `json:"x-tyk-api-gateway"`
			}
			if err := json.Unmarshal(doc, &d); err != nil {
				t.Fatal(err)
			}
			got = append(got, d.X.Info.ID)
		}
	}
	slices.Sort(got)
	slices.Sort(mcps)
	if !slices.Equal(got, mcps) {
		t.Fatalf("GET /api/mcps pages: %v, want %v", got, mcps)
	}
}

// tagged gives a Tyk OAS document the gateway tag "tools".
func tagged(doc map[string]any) map[string]any {
	server := doc["x-tyk-api-gateway"].(map[string]any)["server"].(map[string]any)
	server["gatewayTags"] = map[string]any{"enabled": true, "tags": []string{"tools"}}
	return doc
}

// TestMCPProxiesLeftOutOfCategories: GET /api/apis/categories counts the
// APIs of each category as GET /api/apis?category= lists them, so MCP
// proxies are not counted, and a category only MCP proxies are in is not
// one. Sources: Tyk's "MCP API extensions" page leaves MCP proxies out of
// "the standard /tyk/apis and /api/apis listings"; the Dashboard
// description's getAllApiCategories counts "the number(count) of APIs that
// are in each category" and fails with the listing's "Could not retrieve
// APIs".
func TestMCPProxiesLeftOutOfCategories(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	for _, name := range []string{"weather", "search"} {
		created, err := c.MCP.Create(ctx, tykOASDoc(name+" MCP", "/"+name+"-mcp/"))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.OAS.SetCategories(ctx, created.APIID, []string{"shared", "ai"}); err != nil {
			t.Fatal(err)
		}
		// The proxy holds its categories: only the count leaves it out.
		if cats, err := c.OAS.Categories(ctx, created.APIID); err != nil || !slices.Equal(cats, []string{"shared", "ai"}) {
			t.Fatalf("categories of MCP proxy %s: %v %v", name, cats, err)
		}
	}
	oasAPI, err := c.OAS.Create(ctx, tykOAS("pets OAS", "/pets/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.OAS.SetCategories(ctx, oasAPI.APIID, []string{"shared"}); err != nil {
		t.Fatal(err)
	}
	mustCreateAPI(t, c, "orders #shared #billing", "/orders/")

	cats, err := c.Categories.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, cc := range cats {
		got[cc.Name] = cc.Count
	}
	want := map[string]int64{"billing": 1, "shared": 2}
	if !maps.Equal(got, want) {
		t.Fatalf("GET /api/apis/categories: %v, want %v (no MCP proxy counted)", got, want)
	}
	for name, n := range want {
		page, err := c.APIs.List(ctx, client.ListAPIsOptions{Category: name})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(page.Items)) != n {
			t.Errorf("GET /api/apis?category=%s: %d APIs, the categories count %d", name, len(page.Items), n)
		}
	}
}
