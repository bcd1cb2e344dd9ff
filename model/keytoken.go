package model

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"
)

// Key hash algorithms: the values of a key token's "h" member and of the
// gateway's hash_key_function setting.
const (
	HashMurmur32  = "murmur32"
	HashMurmur64  = "murmur64"
	HashMurmur128 = "murmur128"
	HashSHA256    = "sha256"
)

// keyToken is the JSON inside a key token.
type keyToken struct {
	Org  string `json:"org"`
	ID   string `json:"id"`
	Hash string `json:"h"`
}

// NewKeyToken returns a key in the token format that Dashboards configured
// with a hash algorithm hand out: base64 of {"org":..,"id":..,"h":..}. The
// guide's custom key "hello-world" is such a token. KeyHash reads the
// algorithm back from it.
func NewKeyToken(orgID, keyID, algorithm string) string {
	b, _ := json.Marshal(keyToken{Org: orgID, ID: keyID, Hash: algorithm})
	return base64.StdEncoding.EncodeToString(b)
}

// ParseKeyToken returns the org, key name and hash algorithm of a key in the
// token format; ok is false for a plain key such as "<org_id><32 hex>".
func ParseKeyToken(key string) (orgID, keyID, algorithm string, ok bool) {
	// A token is base64 of a JSON object, so it starts with "ey" ("{\"").
	if !strings.HasPrefix(key, "ey") {
		return "", "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	if err != nil {
		return "", "", "", false
	}
	var t keyToken
	if json.Unmarshal(raw, &t) != nil {
		return "", "", "", false
	}
	return t.Org, t.ID, t.Hash, true
}

// KeyHashAlgorithm returns the algorithm that hashes key: the one its token
// names, or HashMurmur32 for a plain key, as the gateway decides.
func KeyHashAlgorithm(key string) string {
	if _, _, algo, ok := ParseKeyToken(key); ok && algo != "" {
		return algo
	}
	return HashMurmur32
}

// HashKey returns the hash of key with the named algorithm as lowercase
// hex: 8 characters for murmur32, 16 for murmur64 (the guide's
// "567b9a5419c3a9ef"), 32 for murmur128, 64 for sha256. An empty algorithm
// is murmur32; an unknown one is an error.
func HashKey(key, algorithm string) (string, error) {
	data := []byte(key)
	switch algorithm {
	case "", HashMurmur32:
		var out [4]byte
		binary.BigEndian.PutUint32(out[:], murmur3x32(data, 0))
		return hex.EncodeToString(out[:]), nil
	case HashMurmur64:
		h1, _ := murmur3x64x128(data, 0)
		var out [8]byte
		binary.BigEndian.PutUint64(out[:], h1)
		return hex.EncodeToString(out[:]), nil
	case HashMurmur128:
		h1, h2 := murmur3x64x128(data, 0)
		var out [16]byte
		binary.BigEndian.PutUint64(out[:8], h1)
		binary.BigEndian.PutUint64(out[8:], h2)
		return hex.EncodeToString(out[:]), nil
	case HashSHA256:
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:]), nil
	}
	return "", fmt.Errorf("hash key: unknown algorithm %q (want %s, %s, %s or %s)",
		algorithm, HashMurmur32, HashMurmur64, HashMurmur128, HashSHA256)
}

// murmur3x64x128 is MurmurHash3's x64 128-bit variant; its first half is
// what Go's murmur3 packages call the 64-bit hash.
func murmur3x64x128(data []byte, seed uint64) (uint64, uint64) {
	const c1, c2 = 0x87c37b91114253d5, 0x4cf5ad432745937f
	h1, h2 := seed, seed
	n := len(data)
	for len(data) >= 16 {
		k1 := binary.LittleEndian.Uint64(data)
		k2 := binary.LittleEndian.Uint64(data[8:])
		data = data[16:]

		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
		h1 = bits.RotateLeft64(h1, 27)
		h1 += h2
		h1 = h1*5 + 0x52dce729

		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
		h2 = bits.RotateLeft64(h2, 31)
		h2 += h1
		h2 = h2*5 + 0x38495ab5
	}
	var k1, k2 uint64
	for i := len(data) - 1; i >= 8; i-- {
		k2 = k2<<8 | uint64(data[i])
	}
	if len(data) > 8 {
		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
	}
	for i := min(len(data), 8) - 1; i >= 0; i-- {
		k1 = k1<<8 | uint64(data[i])
	}
	if len(data) > 0 {
		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
	}

	h1 ^= uint64(n)
	h2 ^= uint64(n)
	h1 += h2
	h2 += h1
	h1 = fmix64(h1)
	h2 = fmix64(h2)
	h1 += h2
	h2 += h1
	return h1, h2
}

func fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}
