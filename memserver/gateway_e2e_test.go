package memserver_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
	"github.com/redis/go-redis/v9"
)

// The open-source gateway of ../shared/gateway (README there): v5.11.1.
const (
	gatewayArchive = "tyk-gateway-v5.11.1-linux-amd64.xz"
	gatewaySHA256  = "b86b95dd7c6c63e2f3db8531bc8f53692106c74c79c6e5abfa5c59bcfa592220"
)

// gatewayBinary unpacks the gateway once into the user's cache folder and
// checks its sha256; without the archive the test skips (fails when
// DASHKIT_REQUIRE_SERVICES=1).
func gatewayBinary(t *testing.T) string {
	t.Helper()
	archive := os.Getenv("DASHKIT_GATEWAY_XZ")
	if archive == "" {
		archive = filepath.Join("..", "..", "shared", "gateway", gatewayArchive)
	}
	if _, err := os.Stat(archive); err != nil {
		msg := "the gateway binary is not here (" + archive + "; set DASHKIT_GATEWAY_XZ): " + err.Error()
		if redistest.Required() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "dashkit", "tyk-gateway-v5.11.1")
	bin := filepath.Join(dir, "tyk")
	if sum, err := fileSHA256(bin); err == nil && sum == gatewaySHA256 {
		return bin
	}
	if _, err := exec.LookPath("xz"); err != nil {
		t.Fatalf("xz is needed to unpack %s: %v", archive, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := bin + fmt.Sprintf(".%d", os.Getpid())
	out, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xz", "-dc", archive)
	cmd.Stdout = out
	err = cmd.Run()
	out.Close()
	if err != nil {
		t.Fatalf("unpack %s: %v", archive, err)
	}
	if sum, err := fileSHA256(tmp); err != nil || sum != gatewaySHA256 {
		os.Remove(tmp)
		t.Fatalf("unpacked gateway has sha256 %s, want %s (%v)", sum, gatewaySHA256, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startGateway runs the gateway against srv and rs, stopped in t.Cleanup.
func startGateway(t *testing.T, srv *memserver.Server, rs *redistest.Server) string {
	t.Helper()
	bin := gatewayBinary(t)
	dir := t.TempDir()
	for _, d := range []string{"apps", "middleware", "templates"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The gateway refuses to start without its error templates.
	os.WriteFile(filepath.Join(dir, "templates", "error.json"), []byte("{\n    \"error\": \"{{.Message}}\"\n}\n"), 0o644)
	host, port, _ := net.SplitHostPort(rs.Addr)
	gwPort := freeLoopbackPort(t)
	conf := fmt.Sprintf(`{
  "listen_address": "127.0.0.1", "listen_port": %d, "secret": "gateway-secret",
  "node_secret": %q,
  "use_db_app_configs": true,
  "db_app_conf_options": {"connection_string": %q},
  "policies": {"policy_source": "service", "policy_connection_string": %q},
  "storage": {"type": "redis", "host": %q, "port": %s},
  "hash_keys": true, "hash_key_function": "murmur64", "enforce_org_quotas": true,
  "app_path": %q, "middleware_path": %q, "template_path": %q
}`, gwPort, nodeSecret, srv.URL, srv.URL, host, port,
		filepath.Join(dir, "apps"), filepath.Join(dir, "middleware"), filepath.Join(dir, "templates"))
	confPath := filepath.Join(dir, "tyk.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "gateway.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--conf", confPath)
	cmd.Dir = dir // it writes files of its own (a tyk.conf) where it runs
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("gateway log:\n%s", b)
		}
	})
	return fmt.Sprintf("http://127.0.0.1:%d", gwPort)
}

// gatewayClient bounds every request through the gateway, so that a
// gateway that hangs fails the test instead of stalling it.
var gatewayClient = &http.Client{Timeout: 10 * time.Second}

// through sends GET path through the gateway with key (none when empty) and
// returns the status, 0 when the gateway did not answer.
func through(t *testing.T, gw, path, key string) int {
	t.Helper()
	code, _ := throughBody(t, gw, path, key)
	return code
}

func throughBody(t *testing.T, gw, path, key string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", gw+path, nil)
	if key != "" {
		req.Header.Set("Authorization", key)
	}
	resp, err := gatewayClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// eventually polls fn every 10 ms until it answers status, for at most
// within, and returns how long that took. The bounds are generous: on a
// loaded machine the gateway starts and reloads slowly, and a bound only
// says when to give up.
func eventually(t *testing.T, within time.Duration, what string, fn func() int, status int) time.Duration {
	t.Helper()
	start := time.Now()
	last := 0
	for {
		if last = fn(); last == status {
			return time.Since(start)
		}
		if time.Since(start) > within {
			t.Fatalf("%s: %d after %v, want %d", what, last, within, status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRealGateway runs Redis, the memserver and the real gateway together:
// APIs, policies and keys made through the Dashboard API are what the
// gateway serves and honours, and changes reach it within seconds.
func TestRealGateway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the gateway")
	}
	rs := redistest.Start(t)
	client := rs.Client(t)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Upstream", "yes")
		fmt.Fprint(w, "upstream "+r.URL.Path)
	}))
	t.Cleanup(upstream.Close)
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret),
		memserver.WithSessions(redisstore.New(client)), memserver.WithNotifier(redisstore.NewNotifier(client)))

	keyed := classicAPI("keyed", "/keyed/")
	def := keyed["api_definition"].(map[string]any)
	def["use_keyless"], def["use_standard_auth"] = false, true
	def["auth"] = map[string]any{"auth_header_name": "Authorization"}
	def["proxy"].(map[string]any)["target_url"] = upstream.URL + "/"
	a := call(t, srv, "POST", "/api/apis", keyed)
	want(t, a, http.StatusOK)
	var created model.APIResponse
	a.Into(t, &created)
	dbID, apiID := created.Meta.(string), created.ID

	open := tykOAS("open", "/open/")
	open["x-tyk-api-gateway"].(map[string]any)["upstream"] = map[string]any{"url": upstream.URL + "/"}
	createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", open))

	a = call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "low", "active": true, "rate": 2, "per": 60, "quota_max": -1,
		"access_rights": map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	policy := a.JSON(t)["Message"].(string)
	var limited, plain model.KeyData
	call(t, srv, "POST", "/api/keys", map[string]any{"apply_policies": []string{policy}}).Into(t, &limited)
	call(t, srv, "POST", "/api/keys", session(apiID)).Into(t, &plain)

	gw := startGateway(t, srv, rs)
	eventually(t, 90*time.Second, "keyless OAS API through the gateway", func() int { return through(t, gw, "/open/pets", "") }, 200)
	eventually(t, 30*time.Second, "keyed API without a key", func() int { return through(t, gw, "/keyed/x", "") }, 401)
	eventually(t, 10*time.Second, "keyed API with a wrong key", func() int { return through(t, gw, "/keyed/x", "wrong-key") }, 403)
	eventually(t, 10*time.Second, "keyed API with a good key", func() int { return through(t, gw, "/keyed/x", plain.KeyID) }, 200)
	if n := len(srv.Nodes()); n != 1 {
		t.Errorf("%d nodes registered, want 1", n)
	}
	// The policy's rate is 2 per 60 s: the first two requests pass, the
	// third is limited. (The key was not used before.)
	codes := []int{through(t, gw, "/keyed/x", limited.KeyID), through(t, gw, "/keyed/x", limited.KeyID), through(t, gw, "/keyed/x", limited.KeyID)}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 {
		t.Errorf("policy-limited key: %v, want 200 200 429", codes)
	}

	// A listen-path change moves the API.
	want(t, call(t, srv, "PUT", "/api/apis/"+dbID, classicAPIWithID(t, srv, dbID, "/moved/")), http.StatusOK)
	moved := eventually(t, 30*time.Second, "API at its new listen path", func() int { return through(t, gw, "/moved/x", plain.KeyID) }, 200)
	t.Logf("PUT /api/apis to served at the new path: %v", moved)
	eventually(t, 30*time.Second, "API gone from its old listen path", func() int { return through(t, gw, "/keyed/x", plain.KeyID) }, 404)

	// A deleted key is refused at once, not when the gateway's 10 s session
	// cache lets it go: a fresh key is cached by its first request, so that
	// only the announcement can make the gateway refuse it before 10 s.
	var fresh model.KeyData
	call(t, srv, "POST", "/api/keys", session(apiID)).Into(t, &fresh)
	cachedAt := time.Now()
	eventually(t, 10*time.Second, "a new key", func() int { return through(t, gw, "/moved/x", fresh.KeyID) }, 200)
	want(t, call(t, srv, "DELETE", "/api/keys/"+fresh.KeyID, nil), http.StatusOK)
	deletedAt := time.Now()
	eventually(t, max(cachedAt.Add(9*time.Second).Sub(deletedAt), 0), "deleted key before the gateway's cache expires",
		func() int { return through(t, gw, "/moved/x", fresh.KeyID) }, 403)
	t.Logf("deleted key refused %v after the DELETE", time.Since(deletedAt))

	// An org key's quota: the gateway reads the org's session at
	// orgkey.<org> (enforce_org_quotas) for an API it loads once the org
	// key exists (it remembers per loaded API that an org had none).
	const orgQuota = 3
	want(t, adminCall(t, srv, "POST", "/admin/org/keys", map[string]any{"org_id": srv.OrgID, "quota_max": orgQuota,
		"quota_renewal_rate": 3600}), http.StatusOK)
	measureAPIToServed(t, srv, client, gw, upstream.URL) // the request that finds it served is the quota's first
	passed := 1
	for {
		code, body := throughBody(t, gw, "/fresh/x", "")
		if code == 200 && passed <= orgQuota {
			passed++
			continue
		}
		if code != 403 || !strings.Contains(body, "organisation quota has been exceeded") {
			t.Fatalf("request %d under an org quota of %d: %d %s, want 403 and the org quota's message", passed+1, orgQuota, code, body)
		}
		break
	}
	if passed != orgQuota {
		t.Errorf("%d requests passed an org quota of %d", passed, orgQuota)
	}

	// A deleted API stops being served.
	want(t, call(t, srv, "DELETE", "/api/apis/"+dbID, nil), http.StatusOK)
	eventually(t, 30*time.Second, "deleted API", func() int { return through(t, gw, "/moved/x", limited.KeyID) }, 404)
}

// measureAPIToServed times POST /api/apis until the gateway serves the new
// API, and the memserver's share of it: the request up to its announcement
// (heard by a subscriber of the gateways' channel) and the answers to the
// reload the gateway makes (/system/policies and /system/apis). The rest is
// the gateway's: its reload tick of 1 s, and loading.
func measureAPIToServed(t *testing.T, srv *memserver.Server, client *redis.Client, gw, upstream string) {
	t.Helper()
	sub := client.Subscribe(context.Background(), model.GatewayChannel)
	defer sub.Close()
	if _, err := sub.Receive(context.Background()); err != nil {
		t.Fatal(err)
	}
	heard := make(chan struct {
		at  time.Time
		api string
	}, 16)
	go func() {
		for m := range sub.Channel() {
			var n model.GatewayNotification
			if json.Unmarshal([]byte(m.Payload), &n) == nil && n.Command == model.NoticeAPIUpdated {
				heard <- struct {
					at  time.Time
					api string
				}{time.Now(), n.Payload}
			}
		}
	}()
	api := classicAPI("fresh", "/fresh/")
	def := api["api_definition"].(map[string]any)
	def["use_keyless"], def["use_standard_auth"] = true, false
	def["proxy"].(map[string]any)["target_url"] = upstream + "/"
	posted := time.Now()
	a := call(t, srv, "POST", "/api/apis", api)
	answered := time.Since(posted)
	want(t, a, http.StatusOK)
	var created model.APIResponse
	a.Into(t, &created)
	served := eventually(t, 30*time.Second, "a new API", func() int { return through(t, gw, "/fresh/x", "") }, 200)
	var announced time.Duration
	select {
	case h := <-heard:
		if h.api != created.ID {
			t.Errorf("ApiUpdated for %q, want %s", h.api, created.ID)
		}
		announced = h.at.Sub(posted)
	case <-time.After(5 * time.Second):
		t.Fatal("no ApiUpdated heard for the new API")
	}
	// What the gateway's reload asks of the memserver, timed as it asks.
	reload := time.Duration(0)
	for _, path := range []string{"/system/policies", "/system/apis"} {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("authorization", nodeSecret)
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		reload += time.Since(start)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
	}
	t.Logf("POST /api/apis to served by the gateway: %v; memserver's share %v (announced %v after the POST began, "+
		"answered %v, reload requests %v)", served+answered, announced+reload, announced, answered, reload)
}
