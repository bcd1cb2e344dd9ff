package model

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestHashKeyIsTheDigest: the one-call sums of HashKey are the sums of the
// algorithms' hash.Hash, at every length of a block's tail and beyond.
func TestHashKeyIsTheDigest(t *testing.T) {
	for n := 0; n <= 300; n++ {
		key := strings.Repeat("k3y-", n/4+1)[:n]
		for _, algo := range append([]string{""}, KeyHashAlgorithms...) {
			got, err := HashKey(key, algo)
			want, wantErr := hashKeyDigest(key, algo)
			if got != want || !sameError(err, wantErr) {
				t.Errorf("HashKey(%d bytes, %q) = %s, %v; the digest %s, %v", n, algo, got, err, want, wantErr)
			}
		}
	}
	if got, err := HashKey("k", "md5"); got != "" || err == nil {
		t.Errorf("an unknown algorithm: %q, %v", got, err)
	}
}

// TestKeyHashAlgorithmIsTheTokens: KeyHashAlgorithm names what
// ParseKeyToken reads from a token, murmur32 for what names none.
func TestKeyHashAlgorithmIsTheTokens(t *testing.T) {
	token := func(json string) string { return base64.StdEncoding.EncodeToString([]byte(json)) }
	keys := []string{
		"", "plain", "5e9d9544a1dcd60001d0ed20e7f75f9e03534825b7aef9df749582e5", "eyJ", "ey!!", "eyJvcmciOiJ4In0=",
		token(`{"org":"o","id":"i","h":""}`),
		token(`{"org":"o","id":"i","h":"crc"}`),
		token(`{"org":"o","id":"i"}`),
		token(`{"org":"o","id":"i","h":"murmur64","x":1}`),
		token(`{"org":"o","id":"i","h":"murmur\u0036\u0034"}`),
		token(`{"id":"i","org":"o","h":"sha256"}`),
		token(`{ "org":"o","id":"i","h":"murmur128"}`),
		token(`{"org":"o","id":"i","h":"MURMUR64"}`),
		token(`{"org":"o","id":"` + strings.Repeat("long", 80) + `","h":"sha256"}`),
		token(`{"org":"o","id":"` + strings.Repeat("long", 80) + `","h":"odd"}`),
		token(`not json`),
		token(`{"org":"o","id":"i","h":"murmur64"}`)[:20],
	}
	for _, algo := range append([]string{""}, KeyHashAlgorithms...) {
		keys = append(keys, token(`{"org":"o","id":"i","h":"`+algo+`"}`), NewKeyToken("org", "name", algo))
	}
	for _, key := range keys {
		want := HashMurmur32
		if _, _, algo, ok := ParseKeyToken(key); ok && algo != "" {
			want = algo
		}
		if got := KeyHashAlgorithm(key); got != want {
			t.Errorf("KeyHashAlgorithm(%q) = %q, the token's %q", key, got, want)
		}
	}
}
