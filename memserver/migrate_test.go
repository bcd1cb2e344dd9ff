package memserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

type migrateAnswer struct {
	Success struct {
		Count       int
		APIIDs      []string                                  `json:"apiIDs"`
		StagedAPIs  []struct{ ClassicAPIID, OASAPIID string } `json:"stagedAPIs"`
		Definitions []struct {
			APIID   string         `json:"apiID"`
			BaseAPI map[string]any `json:"baseAPI"`
		}
	}
	Failure struct {
		Count  int
		Errors []struct {
			APIID   string `json:"apiID"`
			Message []string
		}
	}
	Skipped struct {
		Count int
		APIs  []struct {
			APIID string `json:"apiID"`
			Key   string
		}
	}
	AbortedOnFailure bool `json:"abortedOnFailure"`
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dbID, apiID := createClassic(t, srv, "legacy")
	_, oasID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Modern", "/modern/")))

	// Dry run: the converted document, nothing changed.
	var ans migrateAnswer
	a := call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "dryRun", "apiIDs": []string{apiID, oasID, "missing"}})
	want(t, a, http.StatusOK)
	a.Into(t, &ans)
	if ans.Success.Count != 1 || ans.Success.Definitions[0].APIID != apiID || ans.Success.Definitions[0].BaseAPI["x-tyk-api-gateway"] == nil ||
		ans.Skipped.Count != 1 || ans.Skipped.APIs[0].Key != "already_migrated" || ans.Failure.Count != 1 || ans.Failure.Errors[0].APIID != "missing" {
		t.Fatalf("dry run: %s", a.Body)
	}
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if w.APIDefinition.IsOAS {
		t.Fatal("a dry run migrated the API")
	}

	// Stage, then promote: the staged copy replaces the classic API.
	a = call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "stage", "apiIDs": []string{apiID}})
	want(t, a, http.StatusOK)
	a.Into(t, &ans)
	if len(ans.Success.StagedAPIs) != 1 || ans.Success.StagedAPIs[0].ClassicAPIID != apiID {
		t.Fatalf("stage: %s", a.Body)
	}
	staged := ans.Success.StagedAPIs[0].OASAPIID
	want(t, call(t, srv, "GET", "/api/apis/oas/"+staged, nil), http.StatusOK)
	call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "stage", "apiIDs": []string{apiID}}).Into(t, &ans)
	if ans.Skipped.Count != 1 || ans.Skipped.APIs[0].Key != "already_staged" {
		t.Fatalf("stage again: %+v", ans.Skipped)
	}
	a = call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "promote", "apiIDs": []string{apiID}})
	want(t, a, http.StatusOK)
	a.Into(t, &ans)
	if ans.Success.Count != 1 {
		t.Fatalf("promote: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/apis/oas/"+dbID, nil)
	want(t, a, http.StatusOK)
	if !strings.Contains(string(a.Body), apiID) {
		t.Fatalf("the promoted API lost its api_id: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/apis/oas/"+staged, nil), http.StatusBadRequest, "")

	// Direct, with all, and abortOnFailure.
	_, second := createClassic(t, srv, "second")
	a = call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "direct", "all": true})
	want(t, a, http.StatusOK)
	a.Into(t, &ans)
	if strings.Join(ans.Success.APIIDs, ",") != second {
		t.Fatalf("direct all: %s", a.Body)
	}
	_, third := createClassic(t, srv, "third")
	call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "direct", "apiIDs": []string{"missing", third}, "abortOnFailure": true}).Into(t, &ans)
	if !ans.AbortedOnFailure || ans.Success.Count != 0 {
		t.Fatalf("abort on failure: %+v", ans)
	}

	wantError(t, call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "sideways", "all": true}), http.StatusBadRequest, "mode")
	wantError(t, call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "direct"}), http.StatusBadRequest, "apiIDs or all")
	wantError(t, call(t, srv, "POST", "/api/apis/migrate", map[string]any{"mode": "direct", "all": true, "apiIDs": []string{third}}), http.StatusBadRequest, "apiIDs or all")
	_, reader := newUser(t, srv, "migrate-reader@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, reader, "POST", "/api/apis/migrate", map[string]any{"mode": "dryRun", "all": true}), http.StatusForbidden, "access denied")
}

func TestRebase(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	baseDB, baseID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Users", "/users/")))
	childDB, childID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas?base_api_id="+baseID+"&new_version_name=v2&set_default=true", tykOAS("Users v2", "/users-v2/")))
	_, loneID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Lone", "/lone/")))

	wantError(t, call(t, srv, "PATCH", "/api/apis/oas/"+childID+"/rebase/"+baseID, nil), http.StatusBadRequest, "must be a base API")
	wantError(t, call(t, srv, "PATCH", "/api/apis/oas/"+baseID+"/rebase/"+loneID, nil), http.StatusBadRequest, "must be a child of")
	wantError(t, call(t, srv, "PATCH", "/api/apis/oas/5e9d9544a1dcd60001d0ed99/rebase/"+childID, nil), http.StatusNotFound, "current base API")
	wantError(t, call(t, srv, "PATCH", "/api/apis/oas/"+baseID+"/rebase/5e9d9544a1dcd60001d0ed99", nil), http.StatusNotFound, "next base API")
	_, reader := newUser(t, srv, "rebase-reader@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, reader, "PATCH", "/api/apis/oas/"+baseID+"/rebase/"+childID, nil), http.StatusForbidden, "access denied")

	a := call(t, srv, "PATCH", "/api/apis/oas/"+baseID+"/rebase/"+childID, nil)
	want(t, a, http.StatusOK)
	var doc map[string]any
	call(t, srv, "GET", "/api/apis/oas/"+childDB, nil).Into(t, &doc)
	v := doc["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["versioning"].(map[string]any)
	versions := v["versions"].([]any)
	if v["name"] != "v2" || v["default"] != "self" || len(versions) != 1 || versions[0].(map[string]any)["id"] != baseID {
		t.Fatalf("new base versioning: %+v", v)
	}
	call(t, srv, "GET", "/api/apis/oas/"+baseDB, nil).Into(t, &doc)
	if _, ok := doc["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["versioning"]; ok {
		t.Fatalf("the old base is still a base: %+v", doc["x-tyk-api-gateway"])
	}
}
