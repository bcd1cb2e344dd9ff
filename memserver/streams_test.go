package memserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// streamsDoc is a Tyk Streams API in the shape of the description's
// streamsExample: a Tyk OAS API with x-tyk-streaming.
func streamsDoc(title, listenPath string) map[string]any {
	doc := tykOAS(title, listenPath)
	doc["x-tyk-streaming"] = map[string]any{"streams": map[string]any{
		"stream1": map[string]any{
			"input":  map[string]any{"kafka": map[string]any{"addresses": []string{"localhost:9093"}, "topics": []string{"instrument.json.AMZN"}, "consumer_group": "group1"}},
			"output": map[string]any{"http_server": map[string]any{"path": "/get", "ws_path": "/get/ws"}},
		},
	}}
	return doc
}

func TestStreamsLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dbID, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/streams", streamsDoc("Prices", "/prices/")))

	a := call(t, srv, "GET", "/api/apis/streams/"+apiID, nil)
	want(t, a, http.StatusOK)
	doc := a.JSON(t)
	streams := doc["x-tyk-streaming"].(map[string]any)["streams"].(map[string]any)
	if _, ok := streams["stream1"]; !ok {
		t.Fatalf("streams lost: %s", a.Body)
	}
	if doc["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["id"] != apiID {
		t.Fatalf("the document does not carry its id: %s", a.Body)
	}
	// Listed with the other APIs, marked as streams.
	var list model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &list)
	found := false
	for _, w := range list.APIs {
		if w.APIDefinition.APIID == apiID {
			found = w.IsStreams && w.APIDefinition.IsOAS && w.APIDefinition.ID == dbID
		}
	}
	if !found {
		t.Fatalf("the Streams API is not listed as one: %+v", list.APIs)
	}

	// PUT with x-tyk-api-gateway only keeps the stored streams.
	upd := tykOAS("Prices v2", "/prices/")
	a = call(t, srv, "PUT", "/api/apis/streams/"+apiID, upd)
	want(t, a, http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/streams/"+dbID, nil)
	want(t, a, http.StatusOK)
	if !strings.Contains(string(a.Body), "stream1") || !strings.Contains(string(a.Body), "Prices v2") {
		t.Fatalf("after PUT: %s", a.Body)
	}
	// PUT with new streams replaces them.
	next := streamsDoc("Prices v3", "/prices/")
	next["x-tyk-streaming"] = map[string]any{"streams": map[string]any{"quotes": map[string]any{"input": map[string]any{"generate": map[string]any{"mapping": "root = now()"}}}}}
	want(t, call(t, srv, "PUT", "/api/apis/streams/"+apiID, next), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/streams/"+apiID, nil)
	if strings.Contains(string(a.Body), "stream1") || !strings.Contains(string(a.Body), "quotes") {
		t.Fatalf("after second PUT: %s", a.Body)
	}
	// PATCH replaces the OpenAPI part and keeps the Tyk parts.
	patch := plainOAS("Prices patched")
	want(t, call(t, srv, "PATCH", "/api/apis/streams/"+apiID, patch), http.StatusOK)
	a = call(t, srv, "GET", "/api/apis/streams/"+apiID, nil)
	if !strings.Contains(string(a.Body), "quotes") || !strings.Contains(string(a.Body), "Prices patched") {
		t.Fatalf("after PATCH: %s", a.Body)
	}

	want(t, call(t, srv, "DELETE", "/api/apis/streams/"+apiID, nil), http.StatusOK)
	wantError(t, call(t, srv, "GET", "/api/apis/streams/"+apiID, nil), http.StatusBadRequest, "Could not retrieve API detail.")
	wantError(t, call(t, srv, "DELETE", "/api/apis/streams/"+apiID, nil), http.StatusNotFound, "Could not retrieve API detail.")
}

func TestStreamsBadInput(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	_, classicID := createClassic(t, srv, "plain")
	_, oasID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Plain OAS", "/plain-oas/")))

	noStreams := tykOAS("No streams", "/no-streams/")
	wantError(t, call(t, srv, "POST", "/api/apis/streams", noStreams), http.StatusBadRequest, "x-tyk-streaming is required")
	wantError(t, call(t, srv, "POST", "/api/apis/streams", plainOAS("nothing")), http.StatusBadRequest, "x-tyk-api-gateway and/or x-tyk-streaming")
	bad := streamsDoc("Bad", "/bad/")
	bad["x-tyk-streaming"] = map[string]any{"streams": map[string]any{"s": "not an object"}}
	wantError(t, call(t, srv, "POST", "/api/apis/streams", bad), http.StatusBadRequest, "x-tyk-streaming.streams.s must be an object")
	invalid := streamsDoc("Invalid", "")
	invalid["x-tyk-api-gateway"].(map[string]any)["server"] = map[string]any{"listenPath": map[string]any{"value": 12}}
	want(t, call(t, srv, "POST", "/api/apis/streams", invalid), http.StatusBadRequest)
	wantError(t, call(t, srv, "POST", "/api/apis/streams", `{"openapi":`), http.StatusBadRequest, "")

	// Other kinds of API are not Streams APIs.
	wantError(t, call(t, srv, "GET", "/api/apis/streams/"+classicID, nil), http.StatusBadRequest, "Could not retrieve API detail.")
	wantError(t, call(t, srv, "GET", "/api/apis/streams/"+oasID, nil), http.StatusBadRequest, "Could not retrieve API detail.")
	wantError(t, call(t, srv, "PUT", "/api/apis/streams/"+oasID, streamsDoc("x", "/x/")), http.StatusNotFound, "")
	wantError(t, call(t, srv, "DELETE", "/api/apis/streams/"+oasID, nil), http.StatusNotFound, "")
	want(t, call(t, srv, "GET", "/api/apis/oas/"+oasID, nil), http.StatusOK)

	// A read-only user reads and cannot write.
	_, apiID := createOAS(t, srv, call(t, srv, "POST", "/api/apis/streams", streamsDoc("Ro", "/ro/")))
	_, reader := newUser(t, srv, "streams-reader@example.com", map[string]string{"apis": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/apis/streams/"+apiID, nil), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "POST", "/api/apis/streams", streamsDoc("No", "/no/")), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/apis/streams/"+apiID, nil), http.StatusForbidden, "access denied")
	// The same api_id twice is a conflict, and nothing is half-written.
	dup := streamsDoc("Dup", "/dup/")
	dup["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["id"] = apiID
	wantError(t, call(t, srv, "POST", "/api/apis/streams", dup), http.StatusConflict, "same ID")
}
