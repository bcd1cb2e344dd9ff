package memserver_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

var (
	objectID = regexp.MustCompile(`^[0-9a-f]{24}$`)
	apiIDRe  = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

func classicAPI(name, listenPath string) map[string]any {
	return map[string]any{"api_definition": map[string]any{
		"name": name, "active": true, "use_keyless": false, "use_standard_auth": true,
		"proxy":        map[string]any{"listen_path": listenPath, "target_url": "http://upstream.example", "strip_listen_path": true},
		"version_data": map[string]any{"not_versioned": true, "versions": map[string]any{"Default": map[string]any{"name": "Default"}}},
	}}
}

// createClassic creates a classic API and returns its db id and api_id.
func createClassic(t testing.TB, srv *memserver.Server, name string) (dbID, apiID string) {
	t.Helper()
	a := call(t, srv, "POST", "/api/apis", classicAPI(name, "/"+name+"/"))
	want(t, a, http.StatusOK)
	var r model.APIResponse
	a.Into(t, &r)
	return r.Meta.(string), r.ID
}

func TestClassicAPILifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)

	a := call(t, srv, "POST", "/api/apis", classicAPI("Payments #billing", "/pay/"))
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	if m["Status"] != "OK" || m["Message"] != "API created" {
		t.Fatalf("create envelope: %s", a.Body)
	}
	dbID, apiID := m["Meta"].(string), m["ID"].(string)
	if !objectID.MatchString(dbID) || !apiIDRe.MatchString(apiID) {
		t.Fatalf("ids %q %q have the wrong shape", dbID, apiID)
	}

	for _, id := range []string{dbID, apiID} {
		a = call(t, srv, "GET", "/api/apis/"+id, nil)
		want(t, a, http.StatusOK)
		var w model.APIDefinitionWrapper
		a.Into(t, &w)
		if w.APIDefinition.ID != dbID || w.APIDefinition.APIID != apiID || w.APIDefinition.OrgID != srv.OrgID {
			t.Fatalf("GET by %s: ids %+v", id, w.APIDefinition)
		}
	}

	// Change the api_id with PUT.
	body := classicAPI("Payments v2 #billing #core", "/pay/")
	body["api_definition"].(map[string]any)["api_id"] = "custom-id"
	body["api_definition"].(map[string]any)["id"] = dbID
	want(t, call(t, srv, "PUT", "/api/apis/"+apiID, body), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/custom-id", nil)
	want(t, a, http.StatusOK)
	if a.JSON(t)["api_definition"].(map[string]any)["name"] != "Payments v2 #billing #core" {
		t.Fatalf("update not stored: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/"+apiID, nil), http.StatusBadRequest, "Could not retrieve")

	// A body id that is not the API's: 400, nothing stored.
	body["api_definition"].(map[string]any)["id"] = "000000000000000000000000"
	body["api_definition"].(map[string]any)["name"] = "Hijacked"
	wantError(t, call(t, srv, "PUT", "/api/apis/"+dbID, body), http.StatusBadRequest, "does not match")

	a = call(t, srv, "GET", "/api/apis/categories", nil)
	want(t, a, http.StatusOK)
	var cats model.AllCategoriesResponse
	a.Into(t, &cats)
	if len(cats.Categories) != 2 || cats.Categories[0].Name != "billing" || cats.Categories[1].Name != "core" {
		t.Fatalf("categories %+v", cats)
	}

	a = call(t, srv, "GET", "/api/apis?category=core", nil)
	want(t, a, http.StatusOK)
	if got := len(a.JSON(t)["apis"].([]any)); got != 1 {
		t.Fatalf("category filter: %d APIs", got)
	}

	want(t, call(t, srv, "DELETE", "/api/apis/"+dbID, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/apis/"+dbID, nil), http.StatusBadRequest, "Could not retrieve")
	wantError(t, call(t, srv, "DELETE", "/api/apis/"+dbID, nil), http.StatusNotFound, "Could not retrieve")
}

func TestAPIDuplicateID(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	body := classicAPI("One", "/one/")
	body["api_definition"].(map[string]any)["api_id"] = "same"
	want(t, call(t, srv, "POST", "/api/apis", body), http.StatusOK)
	wantError(t, call(t, srv, "POST", "/api/apis", body), http.StatusConflict, model.MsgDuplicateAPIID)
	a := call(t, srv, "GET", "/api/apis", nil)
	if n := len(a.JSON(t)["apis"].([]any)); n != 1 {
		t.Fatalf("%d APIs after a refused duplicate", n)
	}
}

func TestAPIListPagination(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithPageSize(2))
	a := call(t, srv, "GET", "/api/apis", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != `{"apis":[],"pages":1}` {
		t.Fatalf("empty list: %s", a.Body)
	}
	for i := range 5 {
		createClassic(t, srv, fmt.Sprintf("api%d", i))
	}
	for _, tc := range []struct {
		query       string
		items, page int
	}{
		{"", 2, 3}, {"?p=1", 2, 3}, {"?p=3", 1, 3}, {"?p=4", 0, 3}, {"?p=-2", 5, 1}, {"?p=0", 5, 1},
		{"?q=api3", 1, 1}, {"?p=1&accept_additional_properties=true", 2, 3},
	} {
		a := call(t, srv, "GET", "/api/apis"+tc.query, nil)
		want(t, a, http.StatusOK)
		var l model.APIListResponse
		a.Into(t, &l)
		if len(l.APIs) != tc.items || l.Pages != int64(tc.page) {
			t.Errorf("%s: %d items, %d pages; want %d, %d", tc.query, len(l.APIs), l.Pages, tc.items, tc.page)
		}
	}
	a = call(t, srv, "GET", "/api/apis/search?q=api1", nil)
	want(t, a, http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/apis?p=x", nil), http.StatusBadRequest, "page number")
	a = call(t, srv, "GET", "/api/apis?sort=-name&p=1", nil)
	var l model.APIListResponse
	a.Into(t, &l)
	if l.APIs[0].APIDefinition.Name != "api4" {
		t.Errorf("sort=-name starts with %q", l.APIs[0].APIDefinition.Name)
	}
}

func TestBadBodies(t *testing.T) {
	t.Parallel()
	srv := newServer(t, memserver.WithBodyLimit(1024))
	for _, tc := range []struct {
		name, body string
		status     int
		msg        string
	}{
		{"empty", "", http.StatusBadRequest, "empty"},
		{"malformed", `{"api_definition":`, http.StatusBadRequest, "malformed JSON"},
		{"wrong type", `{"api_definition":{"name":42}}`, http.StatusBadRequest, "expected string"},
		{"missing name", `{"api_definition":{"proxy":{"listen_path":"/x/"}}}`, http.StatusBadRequest, "name is required"},
		{"too large", `{"api_definition":{"name":"` + string(make([]byte, 2000)) + `"}}`, http.StatusRequestEntityTooLarge, "larger than the limit of 1024 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, call(t, srv, "POST", "/api/apis", tc.body), tc.status, tc.msg)
		})
	}
	a := call(t, srv, "GET", "/api/apis", nil)
	if n := len(a.JSON(t)["apis"].([]any)); n != 0 {
		t.Fatalf("%d APIs stored by failed requests", n)
	}
}

// TestKeptAnswerFollowsStoreWrites: the answer of GET /api/apis/{id} is
// kept between requests, and any write of an API, even one made directly
// in the store, makes it stale.
func TestKeptAnswerFollowsStoreWrites(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dbID, _ := createClassic(t, srv, "before")
	want(t, call(t, srv, "GET", "/api/apis/"+dbID, nil), http.StatusOK)
	err := srv.Store().UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
		w, err := tx.GetAPI(dbID)
		if err != nil {
			return err
		}
		w.APIDefinition.Name = "after"
		return tx.UpdateAPI(w)
	})
	if err != nil {
		t.Fatal(err)
	}
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if w.APIDefinition.Name != "after" {
		t.Fatalf("stale answer: %q", w.APIDefinition.Name)
	}
}
