package memserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// TestNullBodyEveryRoute sends the JSON null as the body of every route
// that takes one: null is no object, so every route answers 400 and nothing
// changes. (encoding/json takes null into a struct as "no change": without
// the rule PUT /admin/org/keys/{org} with null emptied the org's limits.)
func TestNullBodyEveryRoute(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	objs := createObjects(t, srv)
	ctx := context.Background()
	var before strings.Builder
	if err := srv.Store().Export(ctx, &before); err != nil {
		t.Fatal(err)
	}
	walked := 0
	for _, r := range memserver.Routes() {
		if r.Method == "GET" || r.Node {
			continue
		}
		walked++
		path := objs.fill(r.Path)
		var a answer
		switch {
		case r.Admin:
			path = strings.NewReplacer("{id}", objs.user, "{keyId}", srv.OrgID).Replace(r.Path)
			a = adminCall(t, srv, r.Method, path, " null\n")
		default:
			a = call(t, srv, r.Method, path, " null\n")
		}
		if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Body), "request body is null") {
			t.Errorf("%s %s with null: %d %s, want 400 naming the null body", r.Method, r.Path, a.Status, a.Body)
		}
	}
	if walked < 60 {
		t.Fatalf("walked %d routes; the route tables have more", walked)
	}
	var after strings.Builder
	if err := srv.Store().Export(ctx, &after); err != nil {
		t.Fatal(err)
	}
	if b, a := strip(before.String()), strip(after.String()); b != a {
		t.Fatalf("null bodies changed the state:\n%s", lineDiff(b, a))
	}
}

// TestPageOutOfRangeEveryRoute asks every GET route for page
// 9000000000000000000: one rule for page numbers, so every route answers
// 400 naming p, where lists used to overflow (and drop the connection) or
// take it as page 1. A page beyond the last but in range stays an empty
// page.
func TestPageOutOfRangeEveryRoute(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	objs := createObjects(t, srv)
	walked := 0
	for _, r := range memserver.Routes() {
		if r.Method != "GET" || r.Path == "/tap" || r.Node {
			continue
		}
		walked++
		path := objs.fill(r.Path)
		for _, p := range []string{"9000000000000000000", "-9000000000000000000", "99999999999999999999999"} {
			var a answer
			switch {
			case r.Admin:
				a = adminCall(t, srv, "GET", strings.NewReplacer("{id}", objs.user, "{keyId}", srv.OrgID).Replace(r.Path)+"?p="+p, nil)
			default:
				a = call(t, srv, "GET", path+"?p="+p, nil)
			}
			if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Body), "p is out of range") {
				t.Errorf("GET %s?p=%s: %d %s, want 400 out of range", r.Path, p, a.Status, a.Body)
			}
		}
	}
	if walked < 40 {
		t.Fatalf("walked %d routes; the route tables have more", walked)
	}
	// The largest page in range is an empty page of every paginated list,
	// never a crash (page*size would overflow without the one rule).
	for _, path := range []string{"/api/apis", "/api/users", "/api/portal/policies", "/api/keys/detailed", "/api/apis/" + objs.apiID + "/keys",
		"/api/usergroups", "/api/hooks", "/api/audit-logs", "/api/apis/oauth/" + objs.apiID} {
		a := call(t, srv, "GET", path+"?p=2147483647", nil)
		want(t, a, http.StatusOK)
		if strings.Contains(string(a.Body), objs.apiID+`"`) && path != "/api/apis/oauth/"+objs.apiID {
			t.Errorf("GET %s?p=2147483647 lists the first page: %s", path, a.Body)
		}
	}
}

// TestSeedAllOrNothing: a seed the store refuses stores nothing: its
// policies (definitions) went in while its keys (sessions) failed, when
// the two were written in two transactions.
func TestSeedAllOrNothing(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithKeyHashFunction(""))
	_, apiID := createClassic(t, srv, "seeded")
	want(t, call(t, srv, "POST", "/api/keys/taken-key", session(apiID)), http.StatusOK)
	seed := map[string]any{
		"policies": []any{map[string]any{"name": "half-written", "access_rights": map[string]any{}}},
		"keys":     []any{map[string]any{"key_id": "taken-key", "data": session(apiID)}},
	}
	a := call(t, srv, "POST", "/_memserver/seed", seed)
	if a.Status < 400 {
		t.Fatalf("a seed with a taken key id: %d %s", a.Status, a.Body)
	}
	var pols model.PolicyListResponse
	call(t, srv, "GET", "/api/portal/policies?p=-1", nil).Into(t, &pols)
	for _, p := range pols.Data {
		if p.Name == "half-written" {
			t.Fatalf("the refused seed stored its policy: %+v", p)
		}
	}
}

// TestYAMLAliasBombImport: an alias bomb is refused with 400 saying why,
// by an absolute budget of what aliases may expand to: the budget once grew
// with the body (64 values a byte), so padding the body let a bomb build
// millions of values (a 9 MiB body grew the process to 6.4 GB). Here 100 KB
// of padding and 9^7 (4.8 million) values, and a 1 MiB scalar aliased 20
// times (20 MiB of text from a 1 MiB body).
func TestYAMLAliasBombImport(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: bomb, version: '1'}\npaths: {}\n")
	b.WriteString("x-pad: '" + strings.Repeat("p", 100<<10) + "'\n")
	b.WriteString("x-a: &a [x,x,x,x,x,x,x,x,x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g"} {
		b.WriteString("x-" + name + ": &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ",") + "]\n")
		prev = name
	}
	wide := "openapi: 3.0.3\ninfo: {title: wide, version: '1'}\npaths: {}\nx-big: &big '" + strings.Repeat("w", 1<<20) + "'\nx-many: [" +
		strings.TrimSuffix(strings.Repeat("*big,", 20), ",") + "]\n"
	for name, body := range map[string]string{"deep": b.String(), "wide": wide} {
		req := newRequest(t, srv, "POST", "/api/apis/oas/import", body)
		req.Header.Set("Authorization", srv.Secret)
		req.Header.Set("Content-Type", "application/x-yaml")
		a := send(t, req)
		if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Body), "aliases expand to more than") {
			t.Errorf("%s bomb: %d %.300s", name, a.Status, a.Body)
		}
	}
	var apis model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &apis)
	if len(apis.APIs) != 0 {
		t.Fatalf("a refused import stored %d APIs", len(apis.APIs))
	}
}
