package model_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

func TestIDFormats(t *testing.T) {
	now := time.Date(2024, 3, 13, 10, 20, 30, 0, time.UTC)
	g := model.NewIDGenerator(nil, func() time.Time { return now })
	oid := g.ObjectID()
	if secs := fmt.Sprintf("%08x", now.Unix()); !model.IsObjectID(oid) || oid[:8] != secs {
		t.Errorf("ObjectID %q: want 24 hex starting with the seconds %s", oid, secs)
	}
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	if id := g.APIID(); !hex32.MatchString(id) {
		t.Errorf("APIID %q, want 32 hex", id)
	}
	if s := g.Secret(); !hex32.MatchString(s) {
		t.Errorf("Secret %q, want 32 hex", s)
	}
	org := g.ObjectID()
	if k := g.KeyID(org); len(k) != 56 || k[:24] != org || !hex32.MatchString(k[24:]) {
		t.Errorf("KeyID %q, want the org id then 32 hex", k)
	}
	if got := model.BasicAuthKeyID(org, "jane"); got != org+"jane" {
		t.Errorf("BasicAuthKeyID = %q", got)
	}
	for _, bad := range []string{"", "65f17f06", "65F17F06AABBCCDDEEFF0011", "65f17f06aabbccddeeff001g", "65f17f06aabbccddeeff00112"} {
		if model.IsObjectID(bad) {
			t.Errorf("IsObjectID(%q) = true", bad)
		}
	}
}

func TestIDGeneratorSeeded(t *testing.T) {
	seed := uint64(42)
	clock := func() time.Time { return time.Unix(1_700_000_000, 0) }
	a, b := model.NewIDGenerator(&seed, clock), model.NewIDGenerator(&seed, clock)
	for i := 0; i < 5; i++ {
		x, y := a.ObjectID()+a.APIID(), b.ObjectID()+b.APIID()
		if x != y {
			t.Fatalf("seeded generators differ at %d: %s %s", i, x, y)
		}
	}
	other := uint64(43)
	if model.NewIDGenerator(&other, clock).APIID() == model.NewIDGenerator(&seed, clock).APIID() {
		t.Error("different seeds gave the same id")
	}
	// Safe for concurrent use, and ids do not repeat.
	g := model.NewIDGenerator(nil, nil)
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				id := g.ObjectID()
				mu.Lock()
				if seen[id] {
					t.Errorf("repeated id %s", id)
				}
				seen[id] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func TestClassicCategories(t *testing.T) {
	// The guide's example: categories global and staging of my-classic-api.
	name := "my-classic-api #global #staging"
	if diff := cmp.Diff([]string{"global", "staging"}, model.ClassicCategories(name)); diff != "" {
		t.Errorf("ClassicCategories (-want +got):\n%s", diff)
	}
	if got := model.ClassicCategories("a #x b #x # #"); len(got) != 1 || got[0] != "x" {
		t.Errorf("repeats and bare #: %v", got)
	}
	if got := model.SetClassicCategories(name, []string{"prod"}); got != "my-classic-api #prod" {
		t.Errorf("SetClassicCategories = %q", got)
	}
	if got := model.SetClassicCategories(name, nil); got != "my-classic-api" {
		t.Errorf("SetClassicCategories(nil) = %q", got)
	}
	classic := &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{Name: "pay #b #a"}}
	if diff := cmp.Diff([]string{"a", "b"}, model.APICategories(classic)); diff != "" {
		t.Errorf("classic APICategories (-want +got):\n%s", diff)
	}
	oas := &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{Name: "pay #ignored", IsOAS: true}, Categories: []string{"z", "y"}}
	if diff := cmp.Diff([]string{"y", "z"}, model.APICategories(oas)); diff != "" {
		t.Errorf("OAS APICategories (-want +got):\n%s", diff)
	}
}

func TestAPIAuthType(t *testing.T) {
	cases := []struct {
		json string
		want string
	}{
		{`{"use_keyless":true,"use_standard_auth":true}`, model.AuthKeyless},
		{`{"use_standard_auth":true}`, model.AuthToken},
		{`{}`, model.AuthToken},
		{`{"use_basic_auth":true}`, model.AuthBasic},
		{`{"enable_jwt":true}`, model.AuthJWT},
		{`{"use_oauth2":true}`, model.AuthOAuth},
		{`{"enable_jwt":true,"use_basic_auth":true}`, model.AuthMultiple},
	}
	for _, c := range cases {
		var a model.APIDefinition
		if err := json.Unmarshal([]byte(c.json), &a); err != nil {
			t.Fatal(err)
		}
		if got := model.APIAuthType(&a); got != c.want {
			t.Errorf("APIAuthType(%s) = %s, want %s", c.json, got, c.want)
		}
	}
	if got := model.APIAuthType(nil); got != model.AuthKeyless {
		t.Errorf("APIAuthType(nil) = %s", got)
	}
	if got := model.DefaultListenPath("abc"); got != "/abc/" {
		t.Errorf("DefaultListenPath = %q", got)
	}
}

// TestDuration: an uptime check's timeout decodes from nanoseconds or a
// duration string and encodes back in the form it came in.
func TestDuration(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{
		{`{"timeout":2000000000}`, 2 * time.Second},
		{`{"timeout":"30s"}`, 30 * time.Second},
		{`{"timeout":"1m30s"}`, 90 * time.Second},
		{`{"timeout":0}`, 0},
	} {
		var h model.HostCheckObject
		if err := json.Unmarshal([]byte(c.in), &h); err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if h.Timeout.Duration != c.want {
			t.Errorf("%s: %v, want %v", c.in, h.Timeout.Duration, c.want)
		}
		out, _ := json.Marshal(h)
		var back map[string]json.RawMessage
		_ = json.Unmarshal(out, &back)
		var in map[string]json.RawMessage
		_ = json.Unmarshal([]byte(c.in), &in)
		if string(back["timeout"]) != string(in["timeout"]) {
			t.Errorf("%s: encoded timeout %s", c.in, back["timeout"])
		}
	}
	var h model.HostCheckObject
	_ = json.Unmarshal([]byte(`{"timeout":"30s"}`), &h)
	h.Timeout.Duration = time.Second
	out, _ := json.Marshal(h.Timeout)
	if string(out) != "1000000000" {
		t.Errorf("changed duration encodes as %s, want nanoseconds", out)
	}
	for _, bad := range []string{`"soon"`, `1.5`, `true`} {
		var d model.Duration
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("Duration %s decoded without error", bad)
		}
	}
}

func TestIsMCPProxy(t *testing.T) {
	cases := []struct {
		json string
		want bool
	}{
		{`{"name":"a"}`, false},
		{`{"application_protocol":"mcp","json_rpc_version":"2.0"}`, true},
		{`{"application_protocol":"MCP"}`, false},
		{`{"application_protocol":""}`, false},
		{`{"application_protocol":7}`, false},
	}
	for _, c := range cases {
		var a model.APIDefinition
		if err := json.Unmarshal([]byte(c.json), &a); err != nil {
			t.Fatal(err)
		}
		if got := model.IsMCPProxy(&a); got != c.want {
			t.Errorf("IsMCPProxy(%s) = %v, want %v", c.json, got, c.want)
		}
	}
	if model.IsMCPProxy(nil) {
		t.Error("IsMCPProxy(nil) = true")
	}
}
