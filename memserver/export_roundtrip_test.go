package memserver_test

import (
	"context"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

// The objects of ../model/testdata/export are written in the shape a real
// Dashboard exports them: classic APIs with every middleware of
// extended_paths, OAuth, JWT, basic auth, GraphQL (a Universal Data Graph and
// a supergraph), webhooks in event_handlers, upstream certificates and
// upstream authentication; policies and a key with per-API limits, some
// null. Created through the API and read back, each comes back as the same
// JSON tree: nothing added, nothing lost, nothing changed but the members
// the Dashboard owns. (The shape is the gateway's apidef and user types:
// github.com/TykTechnologies/tyk apidef/api_definitions.go, gateway/policy.go.)
const exportDir = "../model/testdata/export"

func readExport(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(exportDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func exportNames(t *testing.T, prefix string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(exportDir, prefix+"*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s*.json in %s: %v", prefix, exportDir, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	sort.Strings(names)
	return names
}

// numberTree decodes b keeping numbers exact.
func numberTree(t *testing.T, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

var exactNumbers = cmp.Comparer(func(a, b json.Number) bool {
	x, ok1 := new(big.Rat).SetString(string(a))
	y, ok2 := new(big.Rat).SetString(string(b))
	if !ok1 || !ok2 {
		return a == b
	}
	return x.Cmp(y) == 0
})

// dropOwned removes the members at paths (/-separated) that the Dashboard
// owns from tree, failing when the server's answer lacks one.
func dropOwned(t *testing.T, what string, tree map[string]any, mustHave bool, paths ...string) {
	t.Helper()
	for _, p := range paths {
		parts := strings.Split(p, "/")
		cur := tree
		for _, part := range parts[:len(parts)-1] {
			next, _ := cur[part].(map[string]any)
			if next == nil {
				t.Fatalf("%s: no object at %s", what, p)
			}
			cur = next
		}
		last := parts[len(parts)-1]
		if _, ok := cur[last]; !ok && mustHave {
			t.Errorf("%s: the answer lacks %s", what, p)
		}
		delete(cur, last)
	}
}

func sameTree(t *testing.T, what string, sent, got map[string]any) {
	t.Helper()
	if diff := cmp.Diff(sent, got, exactNumbers); diff != "" {
		t.Errorf("%s: the Dashboard's answer differs from what was created (-sent +answer):\n%s", what, diff)
	}
}

func TestExportedObjectsRoundTripThroughTheAPI(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()

	apiOwned := []string{"created_at", "updated_at", "api_definition/id", "api_definition/org_id"}
	for _, name := range exportNames(t, "api-") {
		raw := readExport(t, name)
		var w model.APIDefinitionWrapper
		if err := json.Unmarshal(raw, &w); err != nil {
			t.Fatal(err)
		}
		created, err := c.APIs.Create(ctx, &w)
		if err != nil {
			t.Fatalf("%s: create: %v", name, err)
		}
		if created.APIID != w.APIDefinition.APIID {
			t.Errorf("%s: api_id %s, want the exported %s", name, created.APIID, w.APIDefinition.APIID)
		}
		sent := numberTree(t, raw)
		dropOwned(t, name, sent, false, apiOwned...)

		a := call(t, srv, "GET", "/api/apis/"+created.ID, nil)
		want(t, a, 200)
		got := numberTree(t, a.Body)
		dropOwned(t, name, got, true, apiOwned...)
		sameTree(t, name+" GET", sent, got)

		// What a client reads it writes back: the update changes nothing.
		back, err := c.APIs.Get(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.APIs.Update(ctx, created.ID, back); err != nil {
			t.Fatalf("%s: update: %v", name, err)
		}
		a = call(t, srv, "GET", "/api/apis/"+created.ID, nil)
		want(t, a, 200)
		got = numberTree(t, a.Body)
		dropOwned(t, name, got, true, apiOwned...)
		sameTree(t, name+" GET after PUT", sent, got)
	}

	policyOwned := []string{"_id", "org_id", "date_created", "last_updated"}
	for _, name := range exportNames(t, "policy-") {
		raw := readExport(t, name)
		var p model.Policy
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		id, err := c.Policies.Create(ctx, &p)
		if err != nil {
			t.Fatalf("%s: create: %v", name, err)
		}
		sent := numberTree(t, raw)
		dropOwned(t, name, sent, false, policyOwned...)
		a := call(t, srv, "GET", "/api/portal/policies/"+id, nil)
		want(t, a, 200)
		got := numberTree(t, a.Body)
		dropOwned(t, name, got, true, policyOwned...)
		sameTree(t, name, sent, got)
	}

	keyOwned := []string{"org_id", "date_created", "last_updated"}
	for _, name := range exportNames(t, "key-") {
		raw := readExport(t, name)
		var s model.SessionState
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		k, err := c.Keys.Create(ctx, &s)
		if err != nil {
			t.Fatalf("%s: create: %v", name, err)
		}
		sent := numberTree(t, raw)
		dropOwned(t, name, sent, false, keyOwned...)
		a := call(t, srv, "GET", "/api/keys/"+k.KeyID, nil)
		want(t, a, 200)
		data, _ := numberTree(t, a.Body)["data"].(map[string]any)
		if data == nil {
			t.Fatalf("%s: no data in %s", name, a.Body)
		}
		dropOwned(t, name, data, true, keyOwned...)
		sameTree(t, name, sent, data)
	}
}
