package memserver_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// createHook creates a webhook and returns its id, found by listing: the
// Dashboard does not answer it.
func createHook(t testing.TB, srv *memserver.Server, name string) string {
	t.Helper()
	a := call(t, srv, "POST", "/api/hooks", map[string]any{
		"name": name, "method": "POST", "target_path": "http://httpbin.org/post", "header_map": map[string]string{"x-test": "y-answer"},
	})
	want(t, a, http.StatusOK)
	var list model.WebHookListResponse
	call(t, srv, "GET", "/api/hooks?p=-1", nil).Into(t, &list)
	for _, h := range list.Hooks {
		if h.Name == name {
			return h.ID
		}
	}
	t.Fatalf("webhook %s is not listed", name)
	return ""
}

// handlers returns the webhook handlers of an API's event.
func handlers(t testing.TB, srv *memserver.Server, dbID, event string) []model.EventHandlerTriggerConfig {
	t.Helper()
	var w model.APIDefinitionWrapper
	a := call(t, srv, "GET", "/api/apis/"+dbID, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &w)
	return w.APIDefinition.EventHandlers.Events[event]
}

func TestWebhookLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := call(t, srv, "POST", "/api/hooks", map[string]any{
		"name": "New Post Test", "method": "POST", "target_path": "http://httpbin.org/post", "header_map": map[string]string{"x-test": "y-answer"},
	})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Webhook created" || m["Status"] != "OK" {
		t.Fatalf("create envelope: %s", a.Body)
	}
	var list model.WebHookListResponse
	call(t, srv, "GET", "/api/hooks", nil).Into(t, &list)
	if len(list.Hooks) != 1 || list.Pages != 1 {
		t.Fatalf("list: %+v", list)
	}
	h := list.Hooks[0]
	if !objectID.MatchString(h.ID) || h.OrgID != srv.OrgID || h.HeaderList["x-test"] != "y-answer" || h.WebhookID == "" {
		t.Fatalf("hook: %+v", h)
	}
	a = call(t, srv, "GET", "/api/hooks/"+h.ID, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["api_model"] == nil || m["name"] != "New Post Test" {
		t.Fatalf("get: %s", a.Body)
	}

	// The guide's Update hook: the whole object back, with its id.
	a = call(t, srv, "PUT", "/api/hooks/"+h.ID, map[string]any{
		"api_model": map[string]any{}, "id": h.ID, "org_id": srv.OrgID, "name": "New Post Test", "method": "PUT",
		"target_path": "http://httpbin.org/post", "template_path": "", "header_map": map[string]string{"x-test": "y-answer"}, "event_timeout": 0,
	})
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Webhook updated" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	var got model.WebHookHandlerConf
	call(t, srv, "GET", "/api/hooks/"+h.ID, nil).Into(t, &got)
	if got.Method != "PUT" || got.WebhookID != h.WebhookID {
		t.Fatalf("after update: %+v", got)
	}

	a = call(t, srv, "DELETE", "/api/hooks/"+h.ID, nil)
	want(t, a, http.StatusOK)
	if m := a.JSON(t); m["Message"] != "Webhook deleted" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	// 400 for a missing webhook on GET, as the Dashboard.
	wantError(t, call(t, srv, "GET", "/api/hooks/"+h.ID, nil), http.StatusBadRequest, "Could not retrieve webhook detail")
	wantError(t, call(t, srv, "DELETE", "/api/hooks/"+h.ID, nil), http.StatusNotFound, "Could not retrieve webhook detail")
	wantError(t, call(t, srv, "PUT", "/api/hooks/"+h.ID, map[string]any{"method": "POST", "target_path": "http://x.example/"}), http.StatusBadRequest, "Webhook not found")
}

func TestWebhookErrors(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	id := createHook(t, srv, "one")
	_, reader := newUser(t, srv, "hooks-reader@example.com", map[string]string{"hooks": "read"})
	cases := []struct {
		method, path string
		body         any
		status       int
		msg          string
	}{
		{"POST", "/api/hooks", "{", 400, "malformed JSON"},
		{"POST", "/api/hooks", `{"method":"POST","target_path":"http://x.example/","event_timeout":"soon"}`, 400, `field "event_timeout"`},
		{"POST", "/api/hooks", map[string]any{"target_path": "http://x.example/"}, 400, "method is required"},
		{"POST", "/api/hooks", map[string]any{"method": "FETCH", "target_path": "http://x.example/"}, 400, "not an HTTP method"},
		{"POST", "/api/hooks", map[string]any{"method": "POST"}, 400, "target_path is required"},
		{"POST", "/api/hooks", map[string]any{"method": "POST", "target_path": "/relative"}, 400, "not an absolute"},
		{"PUT", "/api/hooks/" + id, map[string]any{"id": "0123456789abcdef0123abcd", "method": "POST", "target_path": "http://x.example/"}, 400, "does not match"},
		{"PUT", "/api/hooks/" + id, map[string]any{"method": "POST", "target_path": "ftp://x.example/"}, 400, "not an absolute"},
	}
	for _, tc := range cases {
		wantError(t, call(t, srv, tc.method, tc.path, tc.body), tc.status, tc.msg)
	}
	// A webhook_id is unique in its org.
	want(t, call(t, srv, "POST", "/api/hooks", map[string]any{"name": "a", "method": "POST", "target_path": "http://x.example/", "webhook_id": "wh-1"}), http.StatusOK)
	wantError(t, call(t, srv, "POST", "/api/hooks", map[string]any{"name": "b", "method": "POST", "target_path": "http://x.example/", "webhook_id": "wh-1"}), http.StatusConflict, "Duplicate webhook_id")
	wantError(t, callAs(t, srv, reader, "POST", "/api/hooks", map[string]any{"method": "POST", "target_path": "http://x.example/"}), http.StatusForbidden, "access denied")
	want(t, callAs(t, srv, reader, "GET", "/api/hooks/"+id, nil), http.StatusOK)
	var list model.WebHookListResponse
	call(t, srv, "GET", "/api/hooks", nil).Into(t, &list)
	if len(list.Hooks) != 2 {
		t.Fatalf("failed requests stored webhooks: %d", len(list.Hooks))
	}
}

// TestWebhookReferences: an API's hook_references are embedded into its
// event handlers as the guide describes, and follow the webhook.
func TestWebhookReferences(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	hookID := createHook(t, srv, "Test Post")
	body := classicAPI("hooked", "/hooked/")
	body["hook_references"] = []any{map[string]any{
		"event_name": "QuotaExceeded", "event_timeout": 60, "hook": map[string]any{"id": hookID, "name": "stale name"},
	}}
	a := call(t, srv, "POST", "/api/apis", body)
	want(t, a, http.StatusOK)
	dbID := a.JSON(t)["Meta"].(string)

	hs := handlers(t, srv, dbID, "QuotaExceeded")
	if len(hs) != 1 || hs[0].Handler != "eh_web_hook_handler" {
		t.Fatalf("handlers: %+v", hs)
	}
	meta := hs[0].HandlerMeta
	if meta["_id"] != hookID || meta["name"] != "Test Post" || meta["method"] != "POST" || meta["target_path"] != "http://httpbin.org/post" || meta["org_id"] != srv.OrgID {
		t.Fatalf("handler_meta: %+v", meta)
	}
	if fmt.Sprint(meta["event_timeout"]) != "60" {
		t.Fatalf("event_timeout %v, want the reference's 60", meta["event_timeout"])
	}
	var w model.APIDefinitionWrapper
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if len(w.HookReferences) != 1 || w.HookReferences[0].Hook.Name != "Test Post" {
		t.Fatalf("hook_references: %+v", w.HookReferences)
	}

	// Changing the webhook changes the API.
	want(t, call(t, srv, "PUT", "/api/hooks/"+hookID, map[string]any{"name": "Renamed", "method": "PATCH", "target_path": "https://hooks.example/new"}), http.StatusOK)
	hs = handlers(t, srv, dbID, "QuotaExceeded")
	if len(hs) != 1 || hs[0].HandlerMeta["name"] != "Renamed" || hs[0].HandlerMeta["target_path"] != "https://hooks.example/new" {
		t.Fatalf("handlers after the webhook changed: %+v", hs)
	}
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if w.HookReferences[0].Hook.Method != "PATCH" {
		t.Fatalf("hook_references after the webhook changed: %+v", w.HookReferences)
	}

	// Updating the API keeps one handler per reference.
	w.APIDefinition.Name = "hooked v2"
	want(t, call(t, srv, "PUT", "/api/apis/"+dbID, w), http.StatusOK)
	if hs = handlers(t, srv, dbID, "QuotaExceeded"); len(hs) != 1 {
		t.Fatalf("handlers after the API changed: %+v", hs)
	}

	// Deleting the webhook takes it out of the API.
	want(t, call(t, srv, "DELETE", "/api/hooks/"+hookID, nil), http.StatusOK)
	if hs = handlers(t, srv, dbID, "QuotaExceeded"); len(hs) != 0 {
		t.Fatalf("handlers after the webhook went: %+v", hs)
	}
	call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
	if len(w.HookReferences) != 0 {
		t.Fatalf("hook_references after the webhook went: %+v", w.HookReferences)
	}

	// A reference to a webhook that does not exist is refused, and nothing
	// is stored.
	body["hook_references"] = []any{map[string]any{"event_name": "KeyExpired", "hook": map[string]any{"id": hookID}}}
	wantError(t, call(t, srv, "POST", "/api/apis", body), http.StatusBadRequest, "does not exist")
	var list model.APIListResponse
	call(t, srv, "GET", "/api/apis", nil).Into(t, &list)
	if len(list.APIs) != 1 {
		t.Fatalf("%d APIs after a refused create", len(list.APIs))
	}
}

// An API in the shape real exports carry it: its event_handlers already
// hold the webhook (handler_meta naming it by id and webhook_id, not _id)
// and hook_references name the same webhook with an event_timeout of 60 in
// the hook itself. It keeps one handler per webhook, and the reference's
// hook keeps its own event_timeout rather than the stored webhook's zero.
func TestWebhookReferencesInExportedForm(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	hookID := createHook(t, srv, "Exported")
	var hook model.WebHookHandlerConf
	call(t, srv, "GET", "/api/hooks/"+hookID, nil).Into(t, &hook)
	for name, meta := range map[string]map[string]any{
		"by id":         {"id": hookID, "event_timeout": 60, "method": "POST", "name": "Exported", "target_path": "http://httpbin.org/post"},
		"by webhook_id": {"webhook_id": hook.WebhookID, "event_timeout": 60, "method": "POST", "name": "Exported", "target_path": "http://httpbin.org/post"},
	} {
		body := classicAPI("exported "+name, "/exported-"+fmt.Sprint(len(name))+"/")
		def := body["api_definition"].(map[string]any)
		def["event_handlers"] = map[string]any{"events": map[string]any{
			"QuotaExceeded": []any{map[string]any{"handler_name": "eh_web_hook_handler", "handler_meta": meta}},
			// Another event's handler of the same webhook is not a duplicate.
			"AuthFailure": []any{map[string]any{"handler_name": "eh_web_hook_handler", "handler_meta": meta}},
		}}
		body["hook_references"] = []any{map[string]any{
			"event_name": "QuotaExceeded", "event_timeout": 0,
			"hook": map[string]any{"id": hookID, "webhook_id": hook.WebhookID, "name": "Exported", "method": "POST",
				"target_path": "http://httpbin.org/post", "event_timeout": 60},
		}}
		a := call(t, srv, "POST", "/api/apis", body)
		want(t, a, http.StatusOK)
		dbID := a.JSON(t)["Meta"].(string)
		for round := 0; round < 2; round++ {
			hs := handlers(t, srv, dbID, "QuotaExceeded")
			if len(hs) != 1 || hs[0].HandlerMeta["_id"] != hookID || fmt.Sprint(hs[0].HandlerMeta["event_timeout"]) != "60" {
				t.Fatalf("%s, round %d: QuotaExceeded handlers %+v", name, round, hs)
			}
			if hs := handlers(t, srv, dbID, "AuthFailure"); len(hs) != 1 {
				t.Fatalf("%s: AuthFailure handlers %+v", name, hs)
			}
			var w model.APIDefinitionWrapper
			call(t, srv, "GET", "/api/apis/"+dbID, nil).Into(t, &w)
			if len(w.HookReferences) != 1 || w.HookReferences[0].Hook.EventTimeout != 60 {
				t.Fatalf("%s: hook_references %+v", name, w.HookReferences)
			}
			// Stored again as read: still one of each.
			want(t, call(t, srv, "PUT", "/api/apis/"+dbID, w), http.StatusOK)
		}
	}
}
