package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// startRun runs the command in process and returns its URL, its output
// lines so far, and a function that stops it and returns run's error.
func startRun(t *testing.T, args ...string) (string, []string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 4 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 4 {
		cancel()
		t.Fatalf("banner: %q, run: %v", lines, <-done)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimPrefix(lines[0], "memserver listening on ")
	return url, lines, func() error { cancel(); return <-done }
}

func TestRunServesAndStops(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "fixtures.json")
	fixtures := `{"policies":[{"name":"seeded","id":"seeded-policy"}]}`
	if err := os.WriteFile(seed, []byte(fixtures), 0o600); err != nil {
		t.Fatal(err)
	}
	url, lines, stop := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-admin-secret", "adm1n",
		"-org-id", "5e9d9544a1dcd60001d0ed20", "-seed", seed, "-page-size", "5", "-key-hash", "sha256")
	if !strings.Contains(lines[1], "5e9d9544a1dcd60001d0ed20") || !strings.Contains(lines[2], "s3cret") || !strings.Contains(lines[3], "adm1n") {
		t.Fatalf("banner: %q", lines)
	}

	get := func(path string) (int, string) {
		req, _ := http.NewRequest("GET", url+path, nil)
		req.Header.Set("Authorization", "s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/_memserver/health"); code != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("health: %d %s", code, body)
	}
	code, body := get("/api/portal/policies/seeded-policy")
	if code != 200 {
		t.Fatalf("seeded policy: %d %s", code, body)
	}
	var p map[string]any
	json.Unmarshal([]byte(body), &p)
	if p["org_id"] != "5e9d9544a1dcd60001d0ed20" {
		t.Fatalf("seeded policy org: %v", p["org_id"])
	}
	// -key-hash sha256: a generated key is a sha256 token with a 64-hex hash.
	req, _ := http.NewRequest("POST", url+"/api/keys", strings.NewReader(`{"apply_policies":["seeded-policy"]}`))
	req.Header.Set("Authorization", "s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var key struct {
		KeyID   string `json:"key_id"`
		KeyHash string `json:"key_hash"`
	}
	json.NewDecoder(resp.Body).Decode(&key)
	resp.Body.Close()
	if len(key.KeyHash) != 64 || !strings.HasPrefix(key.KeyID, "ey") {
		t.Fatalf("key with -key-hash sha256: %d %+v", resp.StatusCode, key)
	}
	if err := stop(); err != nil {
		t.Fatalf("run returned %v after stop", err)
	}
	if _, err := http.Get(url + "/_memserver/health"); err == nil {
		t.Fatal("still serving after stop")
	}
}

// TestRunWithRedis: -redis keeps keys where the gateway reads them; an
// unreachable Redis fails the start with a message naming it.
func TestRunWithRedis(t *testing.T) {
	rs := redistest.Start(t)
	url, _, stop := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-redis", rs.URL, "-node-secret", "ns")
	defer stop()
	req, _ := http.NewRequest("POST", url+"/api/portal/policies", strings.NewReader(`{"name":"p","rate":1,"per":1}`))
	req.Header.Set("Authorization", "s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var pol struct{ Message string }
	json.NewDecoder(resp.Body).Decode(&pol)
	resp.Body.Close()
	req, _ = http.NewRequest("POST", url+"/api/keys", strings.NewReader(`{"apply_policies":["`+pol.Message+`"]}`))
	req.Header.Set("Authorization", "s3cret")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var key struct {
		KeyHash string `json:"key_hash"`
	}
	json.NewDecoder(resp.Body).Decode(&key)
	resp.Body.Close()
	if n := rs.Client(t).Exists(context.Background(), "apikey-"+key.KeyHash).Val(); key.KeyHash == "" || n != 1 {
		t.Fatalf("key %+v not at apikey-<hash> in Redis", key)
	}
	req, _ = http.NewRequest("GET", url+"/register/node", nil)
	req.Header.Set("Authorization", "ns")
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("register with -node-secret: %v %v", resp, err)
	}
	resp.Body.Close()

	err = run(context.Background(), []string{"-addr", "127.0.0.1:0", "-redis", "redis://127.0.0.1:1/0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "Redis does not answer at 127.0.0.1:1") {
		t.Fatalf("unreachable Redis: %v", err)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-page-size", "x"}, {"extra"}, {"-seed", "/does/not/exist.json"}, {"-key-hash", "md5"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run %v: no error", args)
		}
	}
}

// TestRunRefusesSeedKeyOutsideOrg: a -seed key is checked as POST /api/keys
// checks one: a key to an API that is not its org's stops the start, and
// the error names the entry.
func TestRunRefusesSeedKeyOutsideOrg(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "fixtures.json")
	fixtures := `{"keys":[{"key_id":"stray","data":{"access_rights":{"0000000000000000000000000000dead":{"api_id":"0000000000000000000000000000dead"}}}}]}`
	if err := os.WriteFile(seed, []byte(fixtures), 0o600); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-seed", seed}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `keys[0] (key_id "stray"): access_rights: API 0000000000000000000000000000dead does not exist`) {
		t.Fatalf("run with a seed key to a missing API: %v", err)
	}
}

// TestBinaryStopsOnSignal builds the binary and stops it with SIGTERM and
// SIGINT.
func TestBinaryStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "memserver")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		sc.Scan()
		url := strings.TrimPrefix(sc.Text(), "memserver listening on ")
		resp, err := http.Get(url + "/_memserver/health")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cmd.Process.Signal(sig)
		var rest []string
		for sc.Scan() {
			rest = append(rest, sc.Text())
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case err := <-waited:
			if err != nil {
				t.Fatalf("%v: exit %v", sig, err)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: still running", sig)
		}
		if len(rest) == 0 || rest[len(rest)-1] != "memserver stopped" {
			t.Fatalf("%v: output %q", sig, rest)
		}
	}
}

// TestStopsWithinASecondDespiteAStalledUpload: a client that sends headers
// and half a body, then nothing, does not hold up a shutdown: run returns
// without an error within a second of the signal (it waited 10 s and
// failed). -control-secret guards the control routes.
func TestStopsWithinASecondDespiteAStalledUpload(t *testing.T) {
	url, _, stop := startRun(t, "-addr", "127.0.0.1:0", "-secret", "s3cret", "-control-secret", "ctl")
	resp, err := http.Get(url + "/_memserver/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("control route without the secret: %d", resp.StatusCode)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /api/apis HTTP/1.1\r\nHost: x\r\nAuthorization: s3cret\r\nContent-Length: 100000\r\n\r\n{\"name\":"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server start reading the body
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("shutdown took %v with a stalled upload", took)
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:3000": true, "[::1]:3000": true, "0.0.0.0:3000": false, "10.1.2.3:3000": false, "[::]:3000": false} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopback(a); got != want {
			t.Errorf("loopback(%s) = %v", addr, got)
		}
	}
}

// -multi-org-users: the same email is a user once in each org.
func TestRunMultiOrgUsers(t *testing.T) {
	for _, multi := range []bool{false, true} {
		args := []string{"-addr", "127.0.0.1:0", "-admin-secret", "adm1n"}
		if multi {
			args = append(args, "-multi-org-users")
		}
		url, _, stop := startRun(t, args...)
		post := func(path, body string) (int, map[string]any) {
			req, _ := http.NewRequest("POST", url+path, strings.NewReader(body))
			req.Header.Set("admin-auth", "adm1n")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var m map[string]any
			json.NewDecoder(resp.Body).Decode(&m)
			return resp.StatusCode, m
		}
		var orgs []string
		for _, name := range []string{"One", "Two"} {
			code, m := post("/admin/organisations", `{"owner_name":"`+name+`"}`)
			if code != 200 {
				t.Fatalf("create org: %d %v", code, m)
			}
			orgs = append(orgs, m["Meta"].(string))
		}
		codes := []int{}
		for _, org := range orgs {
			code, _ := post("/admin/users", `{"org_id":"`+org+`","email_address":"same@example.com"}`)
			codes = append(codes, code)
		}
		want := []int{200, 403}
		if multi {
			want = []int{200, 200}
		}
		if codes[0] != want[0] || codes[1] != want[1] {
			t.Fatalf("-multi-org-users=%v: user creation answered %v, want %v", multi, codes, want)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
}
