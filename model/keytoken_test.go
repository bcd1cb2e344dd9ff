package model_test

import (
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// The guide creates the custom key "hello-world" on a Dashboard that hashes
// with murmur64 and shows the key token and its key_hash.
const (
	guideKeyToken = "eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImhlbGxvLXdvcmxkIiwiaCI6Im11cm11cjY0In0="
	guideKeyHash  = "567b9a5419c3a9ef"
)

func TestKeyHashOfGuideToken(t *testing.T) {
	if got := model.KeyHash(guideKeyToken); got != guideKeyHash {
		t.Errorf("KeyHash(guide token) = %s, want the guide's %s", got, guideKeyHash)
	}
	org, id, algo, ok := model.ParseKeyToken(guideKeyToken)
	if !ok || org != "5e9d9544a1dcd60001d0ed20" || id != "hello-world" || algo != model.HashMurmur64 {
		t.Errorf("ParseKeyToken = %q %q %q %v", org, id, algo, ok)
	}
	if got := model.NewKeyToken(org, id, algo); got != guideKeyToken {
		t.Errorf("NewKeyToken = %s, want the guide's token", got)
	}
}

func TestHashKeyReferenceValues(t *testing.T) {
	// MurmurHash3 reference values (seed 0) and SHA-256 of "hello".
	cases := []struct{ algo, in, want string }{
		{model.HashMurmur32, "hello", "248bfa47"},
		{"", "", "00000000"},
		{model.HashMurmur128, "hello", "cbd8a7b341bd9b025b1e906a48ae1d19"},
		{model.HashMurmur64, "hello", "cbd8a7b341bd9b02"},
		{model.HashMurmur128, "", "00000000000000000000000000000000"},
		{model.HashSHA256, "hello", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"},
	}
	for _, c := range cases {
		got, err := model.HashKey(c.in, c.algo)
		if err != nil || got != c.want {
			t.Errorf("HashKey(%q, %q) = %s, %v; want %s", c.in, c.algo, got, err, c.want)
		}
	}
	// Every tail length of the 128-bit variant takes its own branch.
	seen := map[string]bool{}
	for n := 0; n <= 33; n++ {
		h, err := model.HashKey(strings.Repeat("k", n), model.HashMurmur128)
		if err != nil || len(h) != 32 || seen[h] {
			t.Errorf("HashKey(%d bytes) = %s, %v: want 32 hex characters, distinct", n, h, err)
		}
		seen[h] = true
	}
	if _, err := model.HashKey("k", "md5"); err == nil || !strings.Contains(err.Error(), `"md5"`) {
		t.Errorf("unknown algorithm: err = %v, want one naming it", err)
	}
}

func TestKeyHashPlainAndTokenKeys(t *testing.T) {
	plain := "5e9d9544a1dcd60001d0ed20e7f75f9e03534825b7aef9df749582e5"
	if h := model.KeyHash(plain); len(h) != 8 {
		t.Errorf("plain key hash %q, want 8 hex (murmur32)", h)
	}
	if _, _, _, ok := model.ParseKeyToken(plain); ok {
		t.Error("a plain key parsed as a token")
	}
	for algo, n := range map[string]int{model.HashMurmur64: 16, model.HashMurmur128: 32, model.HashSHA256: 64, "crc": 16} {
		tok := model.NewKeyToken("org", "name", algo)
		if h := model.KeyHash(tok); len(h) != n {
			t.Errorf("%s token hash %q, want %d hex", algo, h, n)
		}
	}
}
