package model_test

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math/bits"
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
	// MurmurHash3 x64_128 reference values (seed 0), SHA-256 of "hello",
	// and the gateway's murmur32 (see TestMurmur32IsTheGatewaysUnfinalisedSum).
	cases := []struct{ algo, in, want string }{
		{model.HashMurmur32, "hello", unfinalisedMurmur32("hello")},
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
	// A token naming an unknown algorithm is made with murmur64
	// (storage.GenerateToken); one that says "crc" all the same is hashed
	// with murmur32 (storage.hashFunction's fallback).
	if _, _, algo, _ := model.ParseKeyToken(model.NewKeyToken("org", "name", "crc")); algo != model.HashMurmur64 {
		t.Errorf("token made with an unknown algorithm names %q, want murmur64", algo)
	}
	crc := base64.StdEncoding.EncodeToString([]byte(`{"org":"o","id":"n","h":"crc"}`))
	if h, want := model.KeyHash(crc), unfinalisedMurmur32(crc); h != want {
		t.Errorf("hash of a token naming crc = %s, want murmur32 %s", h, want)
	}
	for algo, n := range map[string]int{model.HashMurmur64: 16, model.HashMurmur128: 32, model.HashSHA256: 64} {
		tok := model.NewKeyToken("org", "name", algo)
		if h := model.KeyHash(tok); len(h) != n {
			t.Errorf("%s token hash %q, want %d hex", algo, h, n)
		}
	}
}

// unfinalisedMurmur32 is what the gateway's murmur32 names a key with: the
// running MurmurHash3 x86_32 state after the whole 4-byte blocks, seed 0,
// big-endian, without the tail bytes, the length and the final mix that
// the textbook algorithm adds (github.com/TykTechnologies/murmur3's
// digest32.Sum returns its h1 as it stands; GATEWAY-PROTOCOL.md).
func unfinalisedMurmur32(s string) string {
	const c1, c2 = 0xcc9e2d51, 0x1b873593
	var h uint32
	for b := []byte(s); len(b) >= 4; b = b[4:] {
		k := binary.LittleEndian.Uint32(b) * c1
		k = bits.RotateLeft32(k, 15) * c2
		h ^= k
		h = bits.RotateLeft32(h, 13)*5 + 0xe6546b64
	}
	var out [4]byte
	binary.BigEndian.PutUint32(out[:], h)
	return hex.EncodeToString(out[:])
}

func TestMurmur32IsTheGatewaysUnfinalisedSum(t *testing.T) {
	// The textbook MurmurHash3 x86_32 of "hello" is 248bfa47; the gateway
	// names the key differently.
	got, err := model.HashKey("hello", model.HashMurmur32)
	if err != nil || got != unfinalisedMurmur32("hello") || got == "248bfa47" {
		t.Errorf("murmur32(hello) = %s, %v; want the unfinalised %s", got, err, unfinalisedMurmur32("hello"))
	}
	// Keys of the same blocks and another tail share a hash: the collisions
	// a Dashboard on murmur32 must survive.
	a, _ := model.HashKey("abcd1", model.HashMurmur32)
	b, _ := model.HashKey("abcd2", model.HashMurmur32)
	if a != b {
		t.Errorf("murmur32 of abcd1 %s and abcd2 %s differ: the tail is hashed", a, b)
	}
	plain := "5e9d9544a1dcd60001d0ed20e7f75f9e03534825b7aef9df749582e5"
	if h := model.KeyHash(plain); h != unfinalisedMurmur32(plain) {
		t.Errorf("plain key hash %s, want %s", h, unfinalisedMurmur32(plain))
	}
}

func TestNewKeyTokenIsTheGatewaysBytes(t *testing.T) {
	// storage.GenerateToken formats the JSON itself: no escaping, this order.
	tok := model.NewKeyToken("5e9d9544a1dcd60001d0ed20", "a<b>&c", model.HashSHA256)
	raw, _ := base64.StdEncoding.DecodeString(tok)
	if want := `{"org":"5e9d9544a1dcd60001d0ed20","id":"a<b>&c","h":"sha256"}`; string(raw) != want {
		t.Errorf("token JSON %s, want %s", raw, want)
	}
}

func TestGeneratedKeys(t *testing.T) {
	ids := model.NewIDGenerator(nil, nil)
	u := ids.UUIDHex()
	// A version 4, variant 10 UUID without its dashes.
	if len(u) != 32 || strings.Trim(u, "0123456789abcdef") != "" || u[12] != '4' || !strings.ContainsRune("89ab", rune(u[16])) {
		t.Errorf("UUIDHex %q is not a random UUID's 32 hex", u)
	}
	org := "5e9d9544a1dcd60001d0ed20"
	key := ids.NewKey(org, model.HashMurmur64)
	gotOrg, id, algo, ok := model.ParseKeyToken(key)
	if !ok || gotOrg != org || len(id) != 32 || algo != model.HashMurmur64 || len(model.KeyHash(key)) != 16 {
		t.Errorf("generated key %s: %q %q %q %v, hash %s", key, gotOrg, id, algo, ok, model.KeyHash(key))
	}
	if legacy := ids.NewKey(org, ""); !strings.HasPrefix(legacy, org) || len(legacy) != 24+32 || len(model.KeyHash(legacy)) != 8 {
		t.Errorf("legacy key %s", legacy)
	}
	if a, b := model.NamedKey("org-a", "shared", model.HashMurmur64), model.NamedKey("org-b", "shared", model.HashMurmur64); a == b || model.KeyHash(a) == model.KeyHash(b) {
		t.Errorf("two orgs' keys named alike share %s / %s", a, model.KeyHash(a))
	}
	if tok := model.NewKeyToken(org, "x", model.HashMurmur64); model.NamedKey(org, tok, model.HashMurmur64) != tok {
		t.Error("a name that is already a token was wrapped again")
	}
	if model.NamedKey(org, "plain", "") != "plain" {
		t.Error("a legacy custom key lost its name")
	}
}

// TestMillionGeneratedHashesAreDistinct: a million keys made as the memserver
// makes them by default (murmur64 tokens) have a million hashes, so no
// generated key can be refused for a collision at that scale.
func TestMillionGeneratedHashesAreDistinct(t *testing.T) {
	if testing.Short() {
		t.Skip("a million hashes: not in -short")
	}
	seed := uint64(13)
	ids := model.NewIDGenerator(&seed, nil)
	org := "5e9d9544a1dcd60001d0ed20"
	const n = 1_000_000
	seen := make(map[uint64]struct{}, n)
	for i := range n {
		// HashKey with the token's algorithm is KeyHash (checked above)
		// without reading the token back.
		h, _ := model.HashKey(ids.NewKey(org, model.HashMurmur64), model.HashMurmur64)
		v, err := hex.DecodeString(h)
		if err != nil || len(v) != 8 {
			t.Fatalf("hash %q", h)
		}
		x := binary.BigEndian.Uint64(v)
		if _, dup := seen[x]; dup {
			t.Fatalf("key %d: murmur64 hash %s seen before", i, h)
		}
		seen[x] = struct{}{}
	}
}

// ParseKeyToken reads the tokens it makes without encoding/json; whatever
// the shortcut takes, it must read as json.Unmarshal does, and whatever
// it does not take must still be read by json.Unmarshal.
func TestParseKeyTokenAsJSONReadsIt(t *testing.T) {
	jsons := []string{
		`{"org":"5e9d9544a1dcd60001d0ed20","id":"hello-world","h":"murmur64"}`,
		`{"org":"","id":"","h":""}`,
		`{"org":"o","id":"a b","h":"sha256"}`,
		`{"org":"o","id":"a\"b","h":"murmur64"}`,
		`{"org":"o","id":"a\\b","h":"murmur64"}`,
		`{"org":"o","id":"a\u0041","h":"murmur64"}`,
		`{"org":"o","id":"é","h":"murmur64"}`,
		"{\"org\":\"o\",\"id\":\"a\x01\",\"h\":\"murmur64\"}",
		"{\"org\":\"o\",\"id\":\"\xff\",\"h\":\"murmur64\"}",
		`{"id":"x","org":"o","h":"murmur64"}`,
		`{"org":"o","id":"x"}`,
		`{"org":"o","id":"x","h":"murmur64","extra":1}`,
		`{"org":"o","id":"x","h":"murmur64"} `,
		`{ "org":"o","id":"x","h":"murmur64"}`,
		`{"org":"o","id":"x","h":"murmur64"`,
		`{"org":"o","id":"x","h":murmur64}`,
		`{"org":"o","id":"` + strings.Repeat("k", 300) + `","h":"murmur128"}`,
	}
	for _, j := range jsons {
		key := base64.StdEncoding.EncodeToString([]byte(j))
		var want keyTokenJSON
		wantOK := strings.HasPrefix(key, "ey") && json.Unmarshal([]byte(j), &want) == nil
		org, id, algo, ok := model.ParseKeyToken(key)
		if ok != wantOK || org != want.Org || id != want.ID || algo != want.Hash {
			t.Errorf("ParseKeyToken(base64 of %q) = %q, %q, %q, %v; json.Unmarshal reads %+v, %v", j, org, id, algo, ok, want, wantOK)
		}
	}
	for _, key := range []string{"", "ey", "eyJ!", "5e9d9544a1dcd60001d0ed20abc", "ey" + strings.Repeat("A", 400)} {
		if _, _, _, ok := model.ParseKeyToken(key); ok {
			t.Errorf("ParseKeyToken(%q) reads a token", key)
		}
	}
}

// keyTokenJSON is what a token holds, as the gateway's storage package
// reads it (encoding/json into org, id and h).
type keyTokenJSON struct {
	Org  string `json:"org"`
	ID   string `json:"id"`
	Hash string `json:"h"`
}
