package client_test

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/getkin/kin-openapi/openapi3"
)

// shared is the project's shared reference material, beside the module.
const shared = "../../shared"

// routeComment is the last line of a method's doc comment: the route it
// calls.
var routeComment = regexp.MustCompile(`^// (GET|POST|PUT|PATCH|DELETE) (/\S+)$`)

// templateVar matches a path parameter, whatever its name.
var templateVar = regexp.MustCompile(`\{[^}]+\}`)

// normalRoute names an operation independently of its parameter names:
// "GET /api/apis/{}/keys/{}".
func normalRoute(method, path string) string {
	return method + " " + templateVar.ReplaceAllString(strings.TrimSuffix(path, "/"), "{}")
}

// clientRoutes reads the routes the client's methods name, with where each
// is named.
func clientRoutes(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for line := 1; sc.Scan(); line++ {
			if m := routeComment.FindStringSubmatch(sc.Text()); m != nil {
				routes[normalRoute(m[1], m[2])] = fmt.Sprintf("%s:%d: %s %s", f, line, m[1], m[2])
			}
		}
		fh.Close()
	}
	return routes
}

// describedRoutes reads the operations of the official descriptions:
// normalised route -> the route as the description writes it.
func describedRoutes(t *testing.T) map[string]string {
	t.Helper()
	ops, err := loadDescribed()
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

// loadDescribed parses the descriptions once for every test that needs them.
var loadDescribed = sync.OnceValues(func() (map[string]string, error) {
	ops := map[string]string{}
	for _, name := range []string{"dashboard-api.yml", "dashboard-admin-api.yml"} {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile(filepath.Join(shared, "reference", "tyk-dashboard", name))
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", name, err)
		}
		for path, item := range doc.Paths.Map() {
			for method := range item.Operations() {
				ops[normalRoute(method, path)] = method + " " + path
			}
		}
	}
	return ops, nil
})

// guideRoutes reads the operations the Dashboard guide documents (a
// "Resource URL" row, then its "Method" row): a few routes, such as the
// per-endpoint analytics, are in the guide and not in the descriptions.
func guideRoutes(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(shared, "seeds", "002_488b596f1d28383d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^Resource URL \| (/\S+) \|\s*\n(?:.*\n){0,2}?Method \| (GET|POST|PUT|PATCH|DELETE) \|`)
	routes := map[string]bool{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		p := strings.ReplaceAll(strings.ReplaceAll(m[1], "{{", "{"), "}}", "}")
		routes[normalRoute(m[2], p)] = true
	}
	if len(routes) < 10 {
		t.Fatalf("read only %d routes from the guide", len(routes))
	}
	return routes
}

// classicPortalRoutes are the classic developer portal's operations: in
// neither description nor the guide, they are documented on Tyk's classic
// portal API pages (portal-documentation, portal-configuration,
// portal-developers, portal-keys).
var classicPortalRoutes = map[string]bool{}

func init() {
	for _, r := range []string{
		"GET /api/portal/catalogue", "POST /api/portal/catalogue", "PUT /api/portal/catalogue",
		"POST /api/portal/documentation", "DELETE /api/portal/documentation/{}",
		"GET /api/portal/configuration", "POST /api/portal/configuration", "PUT /api/portal/configuration",
		"GET /api/portal/menus", "POST /api/portal/menus", "PUT /api/portal/menus",
		"GET /api/portal/css", "POST /api/portal/css", "PUT /api/portal/css",
		"GET /api/portal/js", "POST /api/portal/js", "PUT /api/portal/js",
		"GET /api/portal/pages", "POST /api/portal/pages", "GET /api/portal/pages/{}", "PUT /api/portal/pages/{}", "DELETE /api/portal/pages/{}",
		"GET /api/portal/developers", "POST /api/portal/developers", "GET /api/portal/developers/{}",
		"PUT /api/portal/developers/{}", "DELETE /api/portal/developers/{}", "GET /api/portal/developers/email/{}",
		"POST /api/portal/developers/verify_credentials", "POST /api/portal/developers/password/{}",
		"GET /api/portal/requests", "POST /api/portal/requests", "GET /api/portal/requests/{}",
		"PUT /api/portal/requests/{}", "DELETE /api/portal/requests/{}", "PUT /api/portal/requests/approve/{}",
	} {
		method, path, _ := strings.Cut(r, " ")
		classicPortalRoutes[normalRoute(method, path)] = true
	}
}

// TestRoutesExist checks that every route a method of the client names is
// an operation of the official descriptions (or, for the few the
// descriptions lack, a resource of the Dashboard guide or of the classic
// portal), and that every operation of the descriptions has a method.
func TestRoutesExist(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference material not found at %s", shared)
	}
	t.Parallel()
	named := clientRoutes(t)
	described := describedRoutes(t)
	guide := guideRoutes(t)

	if len(named) < 50 {
		t.Errorf("only %d routes named; the route comments are not being read", len(named))
	}
	for route, where := range named {
		if _, ok := described[route]; ok {
			continue
		}
		if guide[route] {
			t.Logf("in the Dashboard guide, not in the descriptions: %s", where)
			continue
		}
		if classicPortalRoutes[route] {
			continue
		}
		t.Errorf("%s: no such operation in the official descriptions", where)
	}

	var missing []string
	for route, op := range described {
		if _, ok := named[route]; !ok {
			missing = append(missing, op)
		}
	}
	sort.Strings(missing)
	for _, op := range missing {
		t.Errorf("the client has no method for the described operation %s", op)
	}
	t.Logf("client covers %d of %d described operations", len(described)-len(missing), len(described))
	for route := range classicPortalRoutes {
		if _, ok := named[route]; !ok {
			t.Errorf("the client has no method for the classic portal's %s", route)
		}
	}
}

// served reports whether the memserver has a route for the operation
// method path, by asking it (with every parameter "1") and reading which
// route answered from its journal, which holds an exchange by the time its
// answer arrives. Another route may answer the probe (GET /api/apis/groups
// reaches GET /api/apis/{id}); only the operation itself counts.
func served(t *testing.T, srv *memserver.Server, method, path string) bool {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+templateVar.ReplaceAllString(path, "1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", srv.Secret)
	req.Header.Set("admin-auth", srv.AdminSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	reqs := srv.Requests()
	m, p, ok := strings.Cut(reqs[len(reqs)-1].Route, " ")
	return ok && normalRoute(m, p) == normalRoute(method, path)
}

// TestServedRoutesAreCovered asks the memserver for every described
// operation the client does not cover: any it serves is a method the client
// lacks. Every route the client names must be served by the memserver.
func TestServedRoutesAreCovered(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("reference material not found at %s", shared)
	}
	t.Parallel()
	srv, _ := start(t)
	named := clientRoutes(t)
	described := describedRoutes(t)
	for route, op := range described {
		if _, ok := named[route]; ok {
			continue
		}
		method, path, _ := strings.Cut(op, " ")
		if served(t, srv, method, path) {
			t.Errorf("the memserver serves %s but the client has no method for it", op)
		}
	}
	var unserved []string
	for _, where := range named {
		_, op, _ := strings.Cut(where, ": ")
		method, path, _ := strings.Cut(op, " ")
		if !served(t, srv, method, path) {
			unserved = append(unserved, where)
		}
	}
	sort.Strings(unserved)
	for _, where := range unserved {
		t.Errorf("%s: the memserver does not serve this route", where)
	}
	t.Logf("the memserver serves %d of the %d routes the client names", len(named)-len(unserved), len(named))
}
