package model_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// notFoundRoutes are the routes of each kind of object in the official
// descriptions.
var notFoundRoutes = map[model.ObjectKind]string{
	model.KindAPI:          "/api/apis/{apiId}",
	model.KindOASAPI:       "/api/apis/oas/{apiId}",
	model.KindHook:         "/api/hooks/{hookId}",
	model.KindPolicy:       "/api/portal/policies/{id}",
	model.KindKey:          "/api/keys/{keyId}",
	model.KindUser:         "/api/users/{userId}",
	model.KindUserGroup:    "/api/usergroups/{groupId}",
	model.KindAsset:        "/api/assets/{assetID}",
	model.KindOAuthClient:  "/api/apis/oauth/{apiId}/{clientId}",
	model.KindOrganisation: "/admin/organisations/{orgID}",
	model.KindAuditLog:     "/api/audit-logs/{audit-log-id}",
}

var allKinds = []model.ObjectKind{
	model.KindAPI, model.KindOASAPI, model.KindHook, model.KindPolicy, model.KindKey, model.KindUser,
	model.KindUserGroup, model.KindAsset, model.KindOAuthClient, model.KindOAuthAPI,
	model.KindOrganisation, model.KindAuditLog,
}

// TestNotFoundAnswersAreRecognised: whatever the in-memory Dashboard answers
// for a missing object, a client recognises as "not found".
func TestNotFoundAnswersAreRecognised(t *testing.T) {
	for _, kind := range allKinds {
		for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPost} {
			a := model.NotFoundAnswer(kind, m)
			if a.Status != http.StatusNotFound && a.Status != http.StatusBadRequest {
				t.Errorf("%s %s: status %d", m, kind, a.Status)
			}
			if !model.IsNotFound(a.Status, a.Message) {
				t.Errorf("%s %s: IsNotFound(%d, %q) is false", m, kind, a.Status, a.Message)
			}
		}
	}
	for _, c := range []struct {
		status int
		msg    string
		want   bool
	}{
		{http.StatusNotFound, "anything", true},
		{http.StatusBadRequest, "Could not retrieve API detail.", true},
		{http.StatusBadRequest, "could not retrieve api detail", true},
		{http.StatusBadRequest, "Invalid policy ID.", false},
		{http.StatusBadRequest, "The payload should contain x-tyk-api-gateway.", false},
		{http.StatusForbidden, "Could not retrieve API detail", false},
	} {
		if got := model.IsNotFound(c.status, c.msg); got != c.want {
			t.Errorf("IsNotFound(%d, %q) = %v, want %v", c.status, c.msg, got, c.want)
		}
	}
	env, _ := json.Marshal(model.NotFoundAnswer(model.KindKey, http.MethodGet).Response())
	if string(env) != `{"Status":"Error","Message":"Could not retrieve key detail.","Meta":null}` {
		t.Errorf("envelope %s", env)
	}
	if a := model.NotFoundAnswer(model.KindAPI, http.MethodGet); a.Status != http.StatusBadRequest {
		t.Errorf("GET of a missing API: %d, want the Dashboard's 400", a.Status)
	}
	if a := model.NotFoundAnswer(model.KindPolicy, http.MethodGet); a.Status != http.StatusNotFound {
		t.Errorf("GET of a missing policy: %d, want 404 (clients re-create on 404)", a.Status)
	}
}

// TestNotFoundAnswersMatchDescription compares each answer with the error
// example the official description gives for that route, method and status.
func TestNotFoundAnswersMatchDescription(t *testing.T) {
	norm := func(s string) string { return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".") }
	checked := 0
	for _, d := range officialDescriptions(t) {
		paths, _ := d.root["paths"].(map[string]any)
		for kind, route := range notFoundRoutes {
			item, ok := paths[route].(map[string]any)
			if !ok {
				continue
			}
			for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
				op, ok := item[strings.ToLower(m)].(map[string]any)
				if !ok {
					continue
				}
				a := model.NotFoundAnswer(kind, m)
				responses, _ := op["responses"].(map[string]any)
				r, ok := responses[strconv.Itoa(a.Status)].(map[string]any)
				if !ok {
					// The description documents no answer for this case
					// (PUT of an organisation); nothing to compare.
					continue
				}
				msgs := responseMessages(d, r)
				if len(msgs) == 0 {
					continue
				}
				found := false
				for _, msg := range msgs {
					found = found || norm(msg) == norm(a.Message)
				}
				if !found {
					t.Errorf("%s %s %s: answer %d %q, the description says %q", d.name, m, route, a.Status, a.Message, msgs)
				}
				checked++
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d answers compared with the description", checked)
	}
	t.Logf("%d not-found answers match the official description", checked)
}

// responseMessages returns the Message members of a response's examples.
func responseMessages(d description, r map[string]any) []string {
	r = resolve(d.root, r)
	content, _ := r["content"].(map[string]any)
	var out []string
	for _, mt := range content {
		media, _ := mt.(map[string]any)
		var values []any
		if ex, ok := media["example"]; ok {
			values = append(values, ex)
		}
		exs, _ := media["examples"].(map[string]any)
		for _, e := range exs {
			em, _ := e.(map[string]any)
			values = append(values, resolve(d.root, em)["value"])
		}
		for _, v := range values {
			if obj, ok := v.(map[string]any); ok {
				if msg, ok := obj["Message"].(string); ok {
					out = append(out, msg)
				}
			}
		}
	}
	return out
}
