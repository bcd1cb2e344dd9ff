package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/store/pgstore/pgtest"
)

// childArgs, in the environment, makes the test binary run as the
// memserver command with these arguments (one per line): a child process a
// test can kill -9.
const childArgs = "DASHKIT_TEST_MEMSERVER_ARGS"

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(childArgs); ok {
		if err := run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "memserver:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}

// startChild runs the memserver command in a child process and returns its
// URL.
func startChild(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childArgs+"="+strings.Join(args, "\n"))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		t.Fatalf("child printed no banner")
	}
	url := strings.TrimPrefix(sc.Text(), "memserver listening on ")
	go func() {
		for sc.Scan() {
		}
	}()
	return cmd, url
}

// TestDataFileSurvivesKill kills a memserver with -data in the middle of a
// stream of writes from 8 clients (keys, which live in the sessions half,
// and policies, in the definitions half) and starts it again on the same
// file: every write it answered is there. The data file is compacted every
// few writes, so kills land during compactions too.
func TestDataFileSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	args := []string{"-addr", "127.0.0.1:0", "-secret", "s3cret", "-admin-secret", "adm1n", "-data", path,
		"-data-compact-after", "8192"}
	const total, killAfter = 600, 250
	for round := range 2 { // the second round starts from the file the first left
		child, url := startChild(t, args...)
		var (
			mu        sync.Mutex
			keys      []string // ids of acknowledged keys
			policies  []string // ids of acknowledged policies
			acked     atomic.Int64
			next      atomic.Int64
			killOnce  sync.Once
			clientErr atomic.Int64
		)
		hc := &http.Client{Timeout: 10 * time.Second}
		post := func(path, body string) (map[string]any, bool) {
			req, _ := http.NewRequest("POST", url+path, strings.NewReader(body))
			req.Header.Set("Authorization", "s3cret")
			resp, err := hc.Do(req)
			if err != nil {
				clientErr.Add(1)
				return nil, false // the server is gone: not acknowledged
			}
			defer resp.Body.Close()
			var out map[string]any
			if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&out) != nil {
				return nil, false
			}
			return out, true
		}
		// A key needs access rights or a policy (the memserver refuses one
		// without, as the Dashboard does): the keys apply this one.
		base := fmt.Sprintf("base%d", round)
		if _, ok := post("/api/portal/policies", `{"name":"`+base+`","id":"`+base+`","rate":100,"per":60}`); !ok {
			t.Fatalf("round %d: the keys' policy was refused", round)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for {
					n := next.Add(1)
					if n > total {
						return
					}
					if n%2 == 0 {
						out, ok := post("/api/keys", `{"apply_policies":["`+base+`"],"alias":"k`+fmt.Sprint(round, "-", n)+`"}`)
						if !ok {
							continue
						}
						mu.Lock()
						keys = append(keys, out["key_id"].(string))
						mu.Unlock()
					} else {
						id := fmt.Sprintf("p%d-%d", round, n)
						if _, ok := post("/api/portal/policies", `{"name":"`+id+`","id":"`+id+`","rate":10,"per":60}`); !ok {
							continue
						}
						mu.Lock()
						policies = append(policies, id)
						mu.Unlock()
					}
					if acked.Add(1) == killAfter {
						killOnce.Do(func() { child.Process.Kill() }) // SIGKILL: no shutdown
					}
				}
			})
		}
		wg.Wait()
		child.Wait()
		if acked.Load() < killAfter || clientErr.Load() == 0 {
			t.Fatalf("round %d: %d writes acknowledged, %d refused: the kill did not land mid-stream", round, acked.Load(), clientErr.Load())
		}
		if len(keys) == 0 || len(policies) == 0 {
			t.Fatalf("round %d: %d keys and %d policies acknowledged: both halves of the store must be written", round, len(keys), len(policies))
		}
		t.Logf("round %d: %d writes acknowledged before the kill (%d keys)", round, acked.Load(), len(keys))

		// Start again, in process, on the same file.
		url2, _, stop := startRun(t, args...)
		get := func(path string) int {
			req, _ := http.NewRequest("GET", url2+path, nil)
			req.Header.Set("Authorization", "s3cret")
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		for _, id := range keys {
			if code := get("/api/keys/" + id); code != 200 {
				t.Errorf("round %d: acknowledged key %s: GET %d after restart", round, id, code)
			}
		}
		for _, id := range policies {
			if code := get("/api/portal/policies/" + id); code != 200 {
				t.Errorf("round %d: acknowledged policy %s: GET %d after restart", round, id, code)
			}
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		// After a clean stop the file is a whole export: what Import reads.
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			t.Fatal("data file does not end with a whole line")
		}
	}
}

func TestDataFileBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	os.WriteFile(path, []byte(`{"collection":"organisations","object":{"id":"a"}}`+"\n"+`{"collection":"apis","object":[]}`+"\n"), 0o600)
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-data", path}, new(bytes.Buffer), new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), path+": line 2") {
		t.Fatalf("start on a bad data file: %v, want an error naming %s: line 2", err, path)
	}
}
