package memserver_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// objectsOf is one of each object, created over HTTP, for routes that name
// one in their path.
type objectsOf struct {
	apiDB, apiID, oasDB, asset, key, policy, user, group, hook, client, audit, cert, streams, mcp string
	// portal is the classic portal's objects (portal_test.go).
	portal portalIDs
}

func createObjects(t *testing.T, srv *memserver.Server) objectsOf {
	t.Helper()
	var o objectsOf
	o.apiDB, o.apiID = createClassic(t, srv, "walked")
	o.oasDB, _ = createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Walked OAS", "/walked-oas/")))
	want(t, call(t, srv, "POST", "/api/assets", template("walked-template")), http.StatusCreated)
	o.asset = "walked-template"
	var k model.KeyData
	a := call(t, srv, "POST", "/api/keys", session(o.apiID))
	want(t, a, http.StatusOK)
	a.Into(t, &k)
	o.key = k.KeyID
	a = call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "walked", "active": true,
		"access_rights": map[string]any{o.apiID: map[string]any{"api_id": o.apiID, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	o.policy = a.JSON(t)["Message"].(string)
	o.user, _ = newUser(t, srv, "walked@example.com", map[string]string{"apis": "read"})
	a = call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "walked", "user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	o.group = a.JSON(t)["Meta"].(string)
	o.hook = createHook(t, srv, "walked")
	a = call(t, srv, "POST", "/api/apis/oauth/"+o.apiID, map[string]any{"redirect_uri": "http://client.example/cb"})
	want(t, a, http.StatusOK)
	o.client = a.JSON(t)["client_id"].(string)
	var logs model.AuditLogListResponse
	call(t, srv, "GET", "/api/audit-logs", nil).Into(t, &logs)
	if len(logs.AuditLogs) == 0 {
		t.Fatal("no audit record")
	}
	o.audit = logs.AuditLogs[0].MID
	o.cert = uploadCert(t, srv, newTestCert(t, "walked.example", time.Now().Add(time.Hour), false).certPEM)
	_, o.streams = createOAS(t, srv, call(t, srv, "POST", "/api/apis/streams", streamsDoc("Walked streams", "/walked-streams/")))
	o.mcp = createMCPProxy(t, srv, mcpDoc("Walked MCP", "/walked-mcp/"))
	o.portal = createPortalObjects(t, srv, o.policy)
	return o
}

// fill gives the wildcards of a route's path the ids of real objects.
func (o objectsOf) fill(path string) string {
	var id string
	switch {
	case strings.HasPrefix(path, "/api/apis/oas/"):
		id = o.oasDB
	case strings.HasPrefix(path, "/api/apis/oauth/"), strings.HasPrefix(path, "/api/activity/"):
		id = o.apiID
	case strings.HasPrefix(path, "/api/apis/"):
		id = o.apiDB
	case strings.HasPrefix(path, "/api/assets/"):
		id = o.asset
	case strings.HasPrefix(path, "/api/portal/policies/"):
		id = o.policy
	case strings.HasPrefix(path, "/api/portal/"):
		return o.portal.fill(path)
	case strings.HasPrefix(path, "/api/users/"):
		id = o.user
	case strings.HasPrefix(path, "/api/usergroups/"):
		id = o.group
	case strings.HasPrefix(path, "/api/hooks/"):
		id = o.hook
	case strings.HasPrefix(path, "/api/audit-logs/"):
		id = o.audit
	}
	apiID := o.apiID
	switch {
	case strings.HasPrefix(path, "/api/apis/streams/"):
		apiID = o.streams
	case strings.HasPrefix(path, "/api/mcps/"):
		apiID = o.mcp
	}
	r := strings.NewReplacer("{id}", id, "{apiId}", apiID, "{clientId}", o.client, "{keyId}", o.key,
		"{username}", "walker", "{certId}", o.cert, "{startDay}", "1", "{startMonth}", "1", "{startYear}", "2020",
		"{endDay}", "31", "{endMonth}", "12", "{endYear}", "2030", "{location}", "oas%2Fhttpbin-keyless", "{next}", o.oasDB)
	return r.Replace(path)
}

// TestPermissionsEveryRoute walks every route of the Dashboard API with
// three users for its section: one that may read it, one that may write
// it, one denied it. Denied: 403 everywhere; read: 403 on writes, 200 on
// reads; write: never 403, 200 on reads. Each call starts from the same
// state, so that a delete does not change what the next route finds.
func TestPermissionsEveryRoute(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	objs := createObjects(t, srv)

	sections := map[string]bool{}
	for _, r := range memserver.Routes() {
		if r.User && r.Section != "" {
			sections[r.Section] = true
		}
	}
	secrets := map[string]string{} // section/level -> secret
	for s := range sections {
		for _, level := range []string{"read", "write", "deny"} {
			_, secret := newUser(t, srv, fmt.Sprintf("%s-%s@example.com", s, level), map[string]string{s: level})
			secrets[s+"/"+level] = secret
		}
	}
	// Routes that also need write on a second section, because they do
	// what that section's routes do: approving a key request creates a key
	// (portalrequests.go). Their writer has both; the writer of the route's
	// section alone is refused.
	alsoNeeds := map[string]string{"PUT /api/portal/requests/approve/{id}": "keys"}
	bothWriters := map[string]string{}
	for route, extra := range alsoNeeds {
		r := strings.Fields(route)
		for _, rt := range memserver.Routes() {
			if rt.Method == r[0] && rt.Path == r[1] {
				_, secret := newUser(t, srv, fmt.Sprintf("%s-%s-write@example.com", rt.Section, extra),
					map[string]string{rt.Section: "write", extra: "write"})
				bothWriters[route] = secret
			}
		}
		if bothWriters[route] == "" {
			t.Fatalf("no route %s", route)
		}
	}
	ctx := context.Background()
	snap, err := srv.Store().Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}

	walked := 0
	for _, r := range memserver.Routes() {
		if !r.User || r.Section == "" {
			continue
		}
		walked++
		path := objs.filled(t, r)
		var body any
		if r.Method != "GET" && r.Method != "DELETE" {
			body = "{}"
		}
		for _, level := range []string{"read", "write", "deny"} {
			if err := srv.Store().Restore(ctx, snap); err != nil {
				t.Fatal(err)
			}
			secret := secrets[r.Section+"/"+level]
			if both := bothWriters[r.Method+" "+r.Path]; both != "" && level == "write" {
				wantError(t, callAs(t, srv, secret, r.Method, path, body), http.StatusForbidden, "access denied")
				secret = both
			}
			a := callAs(t, srv, secret, r.Method, path, body)
			denied := level == "deny" || (level == "read" && r.Write)
			switch {
			case denied && a.Status != http.StatusForbidden:
				t.Errorf("%s %s as %s %s: status %d, want 403; %s", r.Method, path, r.Section, level, a.Status, a.Body)
			case !denied && (a.Status == http.StatusForbidden || a.Status == http.StatusUnauthorized):
				t.Errorf("%s %s as %s %s: status %d; %s", r.Method, path, r.Section, level, a.Status, a.Body)
			case !denied && r.Method == "GET" && a.Status != http.StatusOK:
				t.Errorf("%s %s as %s %s: status %d, want 200; %s", r.Method, path, r.Section, level, a.Status, a.Body)
			}
		}
	}
	if walked < 75 {
		t.Fatalf("walked %d routes; the route tables have more", walked)
	}

	// Routes of no section: any user of the org may call them, the
	// org-level settings only its admins.
	_, reader := newUser(t, srv, "anyone@example.com", map[string]string{"apis": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/users/me", nil), http.StatusOK)
	for _, p := range []string{"/api/org/permissions", "/api/org/opa"} {
		wantError(t, callAs(t, srv, reader, "GET", p, nil), http.StatusForbidden, "access denied")
		wantError(t, callAs(t, srv, reader, "PUT", p, "{}"), http.StatusForbidden, "access denied")
		want(t, call(t, srv, "GET", p, nil), http.StatusOK)
	}
	// Every Admin API route wants the admin secret.
	for _, r := range memserver.Routes() {
		if !r.Admin {
			continue
		}
		path := strings.NewReplacer("{id}", objs.user).Replace(r.Path)
		wantError(t, adminCallAs(t, srv, "", r.Method, path, "{}"), http.StatusUnauthorized, "Not authorised")
		wantError(t, adminCallAs(t, srv, srv.Secret, r.Method, path, "{}"), http.StatusUnauthorized, "Not authorised")
	}
}

// TestMalformedBodiesEveryRoute sends a malformed body and a body of the
// wrong type to every route that takes one, as an admin: never a 5xx, and
// never a change. Routes that read a JSON body answer 400.
func TestMalformedBodiesEveryRoute(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	objs := createObjects(t, srv)
	ctx := context.Background()
	var before strings.Builder
	if err := srv.Store().Export(ctx, &before); err != nil {
		t.Fatal(err)
	}
	// Routes that take no body act whatever is sent; they are left out.
	noBody := map[string]bool{
		"PUT /api/users/{id}/actions/revoke":                     true,
		"PUT /admin/users/{id}/actions/allow_reset_passwords":    true,
		"PUT /admin/users/{id}/actions/disallow_reset_passwords": true,
		"PATCH /api/apis/oas/{id}/rebase/{next}":                 true,
		"PUT /api/portal/requests/approve/{id}":                  true,
	}
	// Routes whose body is not only JSON (a form; YAML or a file of an
	// import) answer 400 by their own rules, or 415.
	notJSON := map[string]bool{
		"POST /api/apis/oauth/{apiId}/authorize-client": true,
		"POST /api/apis/oas/import":                     true,
		"PUT /api/apis/oas/{id}":                        true,
		"PATCH /api/apis/oas/{id}":                      true,
		"POST /api/apis/oas":                            true,
		"POST /api/apis/oas/dry-run":                    true,
		"POST /api/certs":                               true, // a PEM file
	}
	// Routes whose description names another status for a malformed body:
	// importPolicies lists 403 "Request body malformed" as its one client
	// error (dashboard-admin-api.yml).
	malformedStatus := map[string]int{
		"POST /admin/policies/import": http.StatusForbidden,
	}
	for _, r := range memserver.Routes() {
		if r.Method != "POST" && r.Method != "PUT" && r.Method != "PATCH" {
			continue
		}
		pattern := r.Method + " " + r.Path
		if strings.HasPrefix(r.Path, "/_memserver/") || noBody[pattern] || r.Node {
			continue
		}
		path := objs.fill(r.Path)
		if r.Admin {
			path = strings.NewReplacer("{id}", objs.user).Replace(r.Path)
		}
		for _, body := range []string{`{"name":`, `[1,2`} {
			var a answer
			if r.Admin {
				a = adminCall(t, srv, r.Method, path, body)
			} else {
				a = call(t, srv, r.Method, path, body)
			}
			wantStatus := http.StatusBadRequest
			if s, ok := malformedStatus[pattern]; ok {
				wantStatus = s
			}
			switch {
			case a.Status >= 500:
				t.Errorf("%s with %q: %d %s", pattern, body, a.Status, a.Body)
			case !notJSON[pattern] && a.Status != wantStatus:
				t.Errorf("%s with %q: %d, want %d; %s", pattern, body, a.Status, wantStatus, a.Body)
			}
		}
	}
	var after strings.Builder
	if err := srv.Store().Export(ctx, &after); err != nil {
		t.Fatal(err)
	}
	// The audit log grows with every request; nothing else may change.
	if b, a := strip(before.String()), strip(after.String()); b != a {
		t.Fatalf("malformed bodies changed the state:\n%s", lineDiff(b, a))
	}
}

// strip drops the audit records of an export.
func strip(export string) string {
	var keep []string
	for _, line := range strings.Split(export, "\n") {
		if !strings.Contains(line, `"collection":"audit_logs"`) {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// lineDiff lists the lines of b that a lacks and the other way round.
func lineDiff(b, a string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	bm, am := in(b), in(a)
	var out []string
	for l := range bm {
		if !am[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range am {
		if !bm[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// Section names: the 5.x description's own user example (addUser) names 15
// sections, among them log and api_assets; the Tyk docs' user roles page
// says policy and audit_logs; all name the sections the routes check. And,
// as the same page says, an empty user_permissions is an admin, and so is
// "IsAdmin": "true".
func TestPermissionSectionNames(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	example := []string{"analytics", "api_assets", "apis", "certs", "hooks", "idm", "keys", "log", "oauth",
		"policies", "portal", "system", "user_groups", "users", "websockets"}
	perms := map[string]string{}
	for _, s := range example {
		perms[s] = "read"
	}
	_, reader := newUser(t, srv, "reader@example.com", perms)
	for _, path := range []string{"/api/assets", "/api/audit-logs", "/api/apis", "/api/portal/policies", "/api/users", "/api/usergroups", "/api/hooks"} {
		want(t, callAs(t, srv, reader, "GET", path, nil), http.StatusOK)
	}
	// read is not write, under any name.
	wantError(t, callAs(t, srv, reader, "POST", "/api/assets", map[string]any{"name": "t", "kind": "oas-template", "description": "d", "data": map[string]any{}}), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/policies", map[string]any{"name": "p"}), http.StatusForbidden, "access denied")

	// The docs' names: policy and audit_logs.
	_, docs := newUser(t, srv, "docs@example.com", map[string]string{"IsAdmin": "false", "policy": "write", "audit_logs": "read"})
	want(t, callAs(t, srv, docs, "POST", "/api/portal/policies", map[string]any{"name": "by policy"}), http.StatusOK)
	want(t, callAs(t, srv, docs, "GET", "/api/audit-logs", nil), http.StatusOK)
	wantError(t, callAs(t, srv, docs, "GET", "/api/apis", nil), http.StatusForbidden, "access denied")

	// Empty user_permissions, and "IsAdmin": "true", are admins.
	for i, p := range []map[string]string{{}, {"IsAdmin": "true"}} {
		_, admin := newUser(t, srv, fmt.Sprintf("admin%d@example.com", i), p)
		want(t, callAs(t, srv, admin, "GET", "/api/apis", nil), http.StatusOK)
		want(t, callAs(t, srv, admin, "GET", "/api/org/permissions", nil), http.StatusOK)
		want(t, callAs(t, srv, admin, "POST", "/api/portal/policies", map[string]any{"name": fmt.Sprintf("admin policy %d", i)}), http.StatusOK)
	}
	// Which a non-admin can give nobody.
	_, manager := newUser(t, srv, "manager@example.com", map[string]string{"users": "write", "apis": "read", "policy": "write"})
	// What it holds under one name it may grant under another.
	want(t, callAs(t, srv, manager, "POST", "/api/users", map[string]any{"email_address": "granted@example.com", "user_permissions": map[string]string{"policies": "write"}}), http.StatusOK)
	wantError(t, callAs(t, srv, manager, "POST", "/api/users", map[string]any{"email_address": "more@example.com", "user_permissions": map[string]string{"apis": "write"}}), http.StatusForbidden, "only an admin")
	for _, p := range []map[string]string{{}, {"IsAdmin": "true"}} {
		wantError(t, callAs(t, srv, manager, "POST", "/api/users", map[string]any{"email_address": "escalate@example.com", "user_permissions": p}), http.StatusForbidden, "only an admin")
	}
	id, _ := newUser(t, srv, "target@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, manager, "PUT", "/api/users/"+id, map[string]any{"user_permissions": map[string]string{}}), http.StatusForbidden, "only an admin")
	// And an admin by an empty object is an admin a non-admin does not manage.
	adminID, _ := newUser(t, srv, "empty-admin@example.com", map[string]string{})
	wantError(t, callAs(t, srv, manager, "DELETE", "/api/users/"+adminID, nil), http.StatusForbidden, "only an admin")
}
