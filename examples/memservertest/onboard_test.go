package memservertest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// routesCalled counts the requests the Dashboard answered, per route.
func routesCalled(srv *memserver.Server) map[string]int {
	n := map[string]int{}
	for _, ex := range srv.Requests() {
		n[ex.Route]++
	}
	return n
}

func TestOnboardCreatesTheAPIOnce(t *testing.T) {
	t.Parallel()
	srv := memserver.NewTest(t) // an in-memory Dashboard, closed when the test ends
	c := srv.Client()           // a client authenticated as the Dashboard's admin user
	ctx := context.Background()

	first, err := Onboard(ctx, c, "payments", "acme")
	if err != nil {
		t.Fatal(err)
	}
	second, err := Onboard(ctx, c, "payments", "globex")
	if err != nil {
		t.Fatal(err)
	}
	if org, _, _, ok := model.ParseKeyToken(first); first == second || !ok || org != srv.OrgID {
		t.Fatalf("keys %q and %q", first, second)
	}

	// What the Dashboard received...
	called := routesCalled(srv)
	if called["POST /api/apis"] != 1 || called["POST /api/keys"] != 2 {
		t.Fatalf("routes called: %v", called)
	}
	// ...and what it holds.
	apis, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(apis.Items) != 1 || apis.Items[0].APIDefinition.Name != "payments" {
		t.Fatalf("APIs: %+v", apis.Items)
	}
	key, err := c.Keys.Get(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if key.Data.Alias != "globex" || len(key.Data.AccessRights) != 1 {
		t.Fatalf("key: %+v", key.Data)
	}
}

func TestOnboardUsesAnExistingAPI(t *testing.T) {
	t.Parallel()
	// The Dashboard starts with the API in place.
	srv := memserver.NewTest(t, memserver.WithFixtures(memserver.Fixtures{
		APIs: []model.APIDefinitionWrapper{{APIDefinition: &model.APIDefinition{
			Name: "billing", APIID: "billing-api", Active: true,
			Proxy: model.ProxyConfig{ListenPath: "/billing/", TargetURL: "http://billing.internal"},
		}}},
	}))
	if _, err := Onboard(context.Background(), srv.Client(), "billing", "acme"); err != nil {
		t.Fatal(err)
	}
	if n := routesCalled(srv)["POST /api/apis"]; n != 0 {
		t.Fatalf("created the API %d times", n)
	}
}

func TestOnboardReportsADashboardFailure(t *testing.T) {
	t.Parallel()
	srv := memserver.NewTest(t)
	c := srv.Client()
	ctx := context.Background()

	// The next key creation fails as an overloaded Dashboard would.
	srv.InjectFault(memserver.Match{Method: "POST", Path: "/api/keys"}, memserver.Fault{Status: http.StatusServiceUnavailable, Count: 1})
	if _, err := Onboard(ctx, c, "payments", "acme"); err == nil || !strings.Contains(err.Error(), "create key") {
		t.Fatalf("err = %v, want the failed key creation", err)
	}
	// Running again recovers: the API is found, the key is created.
	if _, err := Onboard(ctx, c, "payments", "acme"); err != nil {
		t.Fatal(err)
	}
	if n := routesCalled(srv)["POST /api/apis"]; n != 1 {
		t.Fatalf("created the API %d times", n)
	}

	// Reset brings the Dashboard back to its empty state for the next case.
	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	page, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("after reset: %v %v", page, err)
	}
}
