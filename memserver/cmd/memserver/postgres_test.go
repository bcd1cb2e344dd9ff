package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/store/pgstore/pgtest"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
	"github.com/jackc/pgx/v5"
)

// postgresURL returns the URL of the test server with a schema of its own
// as the search path, dropped when t ends.
func postgresURL(t *testing.T) string {
	dsn := pgtest.DSN(t)
	schema := fmt.Sprintf("dashkit_cmd_%s", strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_")))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pgtest.DropSchema(t, schema) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestTwoServersShareDefinitions runs two memservers on one database: each
// sees the other's writes at once, including an API the other changed after
// this one had read it (the in-process cache of API answers must not serve
// it stale).
func TestTwoServersShareDefinitions(t *testing.T) {
	pg := postgresURL(t)
	urlA, linesA, stopA := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-postgres", pg)
	defer stopA()
	// The second adopts the first's default org and admin user.
	urlB, linesB, stopB := startRun(t, "-addr", "127.0.0.1:0", "-postgres", pg)
	defer stopB()
	if linesA[1] != linesB[1] || !strings.HasSuffix(linesB[2], "s3cret") {
		t.Fatalf("second server: %q, want the first's org and secret: %q", linesB, linesA)
	}

	do := func(method, base, path, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return resp.StatusCode, out
	}
	api := func(name string) string {
		return `{"api_definition":{"name":"` + name + `","active":true,"use_keyless":true,"proxy":{"listen_path":"/shared/","target_url":"http://upstream.example"},` +
			`"version_data":{"not_versioned":true,"versions":{"Default":{"name":"Default"}}}}}`
	}
	code, created := do("POST", urlA, "/api/apis", api("first"))
	if code != 200 {
		t.Fatalf("create on A: %d %v", code, created)
	}
	id := created["Meta"].(string)
	name := func(base string) string {
		code, got := do("GET", base, "/api/apis/"+id, "")
		if code != 200 {
			t.Fatalf("GET %s: %d %v", base, code, got)
		}
		return got["api_definition"].(map[string]any)["name"].(string)
	}
	if got := name(urlB); got != "first" {
		t.Fatalf("B reads %q, want the API A created", got)
	}
	for _, base := range []string{urlA, urlB} { // both have read it: a cache would hold it now
		name(base)
	}
	_, full := do("GET", urlA, "/api/apis/"+id, "")
	full["api_definition"].(map[string]any)["name"] = "renamed by B"
	body, _ := json.Marshal(full)
	if code, out := do("PUT", urlB, "/api/apis/"+id, string(body)); code != 200 {
		t.Fatalf("update on B: %d %v", code, out)
	}
	if got := name(urlA); got != "renamed by B" {
		t.Fatalf("A reads %q after B renamed the API", got)
	}
	if code, _ := do("DELETE", urlA, "/api/apis/"+id, ""); code != 200 {
		t.Fatalf("delete on A: %d", code)
	}
	if code, _ := do("GET", urlB, "/api/apis/"+id, ""); code == 200 {
		t.Fatal("B still serves the API A deleted")
	}
	// Policies too.
	if code, out := do("POST", urlB, "/api/portal/policies", `{"name":"shared","id":"shared-policy","rate":1,"per":1}`); code != 200 {
		t.Fatalf("policy on B: %d %v", code, out)
	}
	if code, _ := do("GET", urlA, "/api/portal/policies/shared-policy", ""); code != 200 {
		t.Fatalf("A does not see B's policy: %d", code)
	}
}

func TestPostgresFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-postgres", "postgres://nobody@127.0.0.1:1/none?connect_timeout=1"},
		{"-postgres", "postgres://x@127.0.0.1/db", "-data", "state.jsonl"},
	} {
		if err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestAuditLogBoundedAcrossServers: on PostgreSQL the audit log's bound
// holds for the log as a whole. A server started after another (a restart,
// or a second replica) trims the records the first wrote, which it never
// counted itself, oldest first.
func TestAuditLogBoundedAcrossServers(t *testing.T) {
	pg := postgresURL(t)
	get := func(base, path string) []byte {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		return b
	}
	urlA, _, stopA := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-postgres", pg, "-audit-size", "5")
	for i := range 8 {
		get(urlA, fmt.Sprintf("/api/apis?q=a%d", i))
	}
	get(urlA, "/api/audit-logs") // writes A's records
	if err := stopA(); err != nil {
		t.Fatal(err)
	}
	urlB, _, stopB := startRun(t, "-addr", "127.0.0.1:0", "-postgres", pg, "-audit-size", "5")
	defer stopB()
	for i := range 3 {
		get(urlB, fmt.Sprintf("/api/apis?q=b%d", i))
	}
	var logs struct {
		AuditLogs []struct {
			URL string `json:"url"`
		} `json:"audit_logs"`
	}
	if err := json.Unmarshal(get(urlB, "/api/audit-logs?p=-1"), &logs); err != nil {
		t.Fatal(err)
	}
	if n := len(logs.AuditLogs); n == 0 || n > 5 {
		t.Fatalf("%d audit records after two servers with a bound of 5: %v", n, logs.AuditLogs)
	}
	if !strings.Contains(logs.AuditLogs[0].URL, "q=b2") {
		t.Fatalf("the newest record is not kept: %v", logs.AuditLogs)
	}
}

// TestTwoServersShareKeysThroughRedis: with -postgres and -redis, two
// memservers share the definitions and the keys: a key created on one,
// under a policy also created there, is read, changed and deleted on the
// other.
func TestTwoServersShareKeysThroughRedis(t *testing.T) {
	pg := postgresURL(t)
	rs := redistest.Start(t)
	urlA, _, stopA := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-postgres", pg, "-redis", rs.URL)
	defer stopA()
	urlB, _, stopB := startRun(t, "-addr", "127.0.0.1:0", "-postgres", pg, "-redis", rs.URL)
	defer stopB()
	do := func(method, base, path, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return resp.StatusCode, out
	}
	if code, out := do("POST", urlA, "/api/portal/policies", `{"name":"shared","id":"shared-policy","rate":5,"per":1}`); code != 200 {
		t.Fatalf("policy on A: %d %v", code, out)
	}
	code, created := do("POST", urlA, "/api/keys", `{"apply_policies":["shared-policy"]}`)
	key, _ := created["key_id"].(string)
	if code != 200 || key == "" {
		t.Fatalf("key on A: %d %v", code, created)
	}
	// A member of the key's own, which its policy does not set.
	alias := func(base string) any {
		t.Helper()
		code, got := do("GET", base, "/api/keys/"+key, "")
		if code != 200 {
			t.Fatalf("GET the key on %s: %d %v", base, code, got)
		}
		data, _ := got["data"].(map[string]any)
		return data["alias"]
	}
	if got := alias(urlB); got != "" {
		t.Fatalf("B reads A's key with alias %v, want none", got)
	}
	_, got := do("GET", urlB, "/api/keys/"+key, "")
	session := got["data"].(map[string]any)
	session["alias"] = "renamed by B"
	body, _ := json.Marshal(session)
	if code, out := do("PUT", urlB, "/api/keys/"+key, string(body)); code != 200 {
		t.Fatalf("update on B: %d %v", code, out)
	}
	if got := alias(urlA); got != "renamed by B" {
		t.Fatalf("A reads the key with alias %v after B renamed it", got)
	}
	if code, out := do("DELETE", urlB, "/api/keys/"+key, ""); code != 200 {
		t.Fatalf("delete on B: %d %v", code, out)
	}
	if code, _ := do("GET", urlA, "/api/keys/"+key, ""); code == 200 {
		t.Fatal("A still serves the key B deleted")
	}
}
