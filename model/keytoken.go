package model

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strings"

	"github.com/TykTechnologies/murmur3"
)

// Key hash algorithms: the values of a key token's "h" member and of the
// gateway's hash_key_function setting.
const (
	HashMurmur32  = "murmur32"
	HashMurmur64  = "murmur64"
	HashMurmur128 = "murmur128"
	HashSHA256    = "sha256"
)

// DefaultHashAlgorithm is the hash function of a gateway and a Dashboard
// whose hash_key_function is not set to another one, and what a token
// naming an unknown function is made with instead.
const DefaultHashAlgorithm = HashMurmur64

// KeyHashAlgorithms lists the algorithms HashKey knows.
var KeyHashAlgorithms = []string{HashMurmur32, HashMurmur64, HashMurmur128, HashSHA256}

// keyToken is the JSON inside a key token.
type keyToken struct {
	Org  string `json:"org"`
	ID   string `json:"id"`
	Hash string `json:"h"`
}

// NewKeyToken returns a key in the token format that gateways and Dashboards
// configured with a hash algorithm hand out: standard base64 of
// {"org":..,"id":..,"h":..}. The JSON is written as the gateway writes it
// (storage.GenerateToken: a format string, not an encoder), so that a token
// made here is byte for byte the one the gateway makes for the same org and
// name, and hashes to the same Redis key. An unknown algorithm is replaced
// by DefaultHashAlgorithm, as the gateway does. The guide's custom key
// "hello-world" is such a token. KeyHash reads the algorithm back from it.
func NewKeyToken(orgID, keyID, algorithm string) string {
	if !knownAlgorithm(algorithm) {
		algorithm = DefaultHashAlgorithm
	}
	return base64.StdEncoding.EncodeToString([]byte(`{"org":"` + orgID + `","id":"` + keyID + `","h":"` + algorithm + `"}`))
}

// ParseKeyToken returns the org, key name and hash algorithm of a key in the
// token format; ok is false for a plain key such as "<org_id><32 hex>".
func ParseKeyToken(key string) (orgID, keyID, algorithm string, ok bool) {
	// A token is base64 of a JSON object, so it starts with "ey" ("{\"").
	if !strings.HasPrefix(key, "ey") {
		return "", "", "", false
	}
	var buf [192]byte
	raw := buf[:0]
	if n := base64.StdEncoding.DecodedLen(len(key)); n <= len(buf) {
		n, err := base64.StdEncoding.Decode(buf[:n], []byte(key))
		if err != nil {
			return "", "", "", false
		}
		raw = buf[:n]
	} else {
		var err error
		if raw, err = base64.StdEncoding.DecodeString(key); err != nil {
			return "", "", "", false
		}
	}
	if org, id, algo, ok := parsePlainToken(raw); ok {
		return org, id, algo, true
	}
	var t keyToken
	if json.Unmarshal(raw, &t) != nil {
		return "", "", "", false
	}
	return t.Org, t.ID, t.Hash, true
}

// parsePlainToken reads a token's JSON when it is exactly what NewKeyToken
// and the gateway write, {"org":"..","id":"..","h":".."}, with values of
// printable ASCII other than '"' and '\', for which json.Unmarshal would
// give the same strings: every key the Dashboard makes, read on every key
// created and every key looked up. Anything else is left to json.Unmarshal.
func parsePlainToken(raw []byte) (org, id, algo string, ok bool) {
	rest := raw
	member := func(prefix string) (string, bool) {
		if len(rest) < len(prefix) || string(rest[:len(prefix)]) != prefix {
			return "", false
		}
		rest = rest[len(prefix):]
		for i, c := range rest {
			switch {
			case c == '"':
				v := string(rest[:i])
				rest = rest[i+1:]
				return v, true
			case c < 0x20 || c >= 0x7f || c == '\\':
				return "", false
			}
		}
		return "", false
	}
	if org, ok = member(`{"org":"`); !ok {
		return "", "", "", false
	}
	if id, ok = member(`,"id":"`); !ok {
		return "", "", "", false
	}
	if algo, ok = member(`,"h":"`); !ok || string(rest) != "}" {
		return "", "", "", false
	}
	return org, id, algo, true
}

// KeyHashAlgorithm returns the algorithm that hashes key, as the gateway
// decides (storage.TokenHashAlgo): the one its token names, or
// HashMurmur32 for a plain key and for a token naming none.
func KeyHashAlgorithm(key string) string {
	if _, _, algo, ok := ParseKeyToken(key); ok && algo != "" {
		return algo
	}
	return HashMurmur32
}

func knownAlgorithm(algorithm string) bool {
	switch algorithm {
	case HashMurmur32, HashMurmur64, HashMurmur128, HashSHA256:
		return true
	}
	return false
}

// hashFunction is the gateway's choice of digest for an algorithm name.
func hashFunction(algorithm string) (hash.Hash, error) {
	switch algorithm {
	case "", HashMurmur32:
		return murmur3.New32(), nil
	case HashMurmur64:
		return murmur3.New64(), nil
	case HashMurmur128:
		return murmur3.New128(), nil
	case HashSHA256:
		return sha256.New(), nil
	}
	return nil, fmt.Errorf("hash key: unknown algorithm %q (want %s)", algorithm, strings.Join(KeyHashAlgorithms, ", "))
}

// HashKey returns the hash of key with the named algorithm as lowercase
// hex, byte for byte as the gateway computes it (storage.HashStr): 8
// characters for murmur32, 16 for murmur64 (the guide's
// "567b9a5419c3a9ef"), 32 for murmur128, 64 for sha256. The digests are
// those of github.com/TykTechnologies/murmur3, the gateway's own package,
// whose 32-bit sum is the running hash before MurmurHash3's tail and
// finalisation steps: a textbook murmur32 would name other Redis keys. An
// empty algorithm is murmur32; an unknown one is an error.
func HashKey(key, algorithm string) (string, error) {
	h, err := hashFunction(algorithm)
	if err != nil {
		return "", err
	}
	h.Write([]byte(key))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ValidHashAlgorithm returns an error naming the algorithms there are when
// algorithm is none of them; "" (legacy keys) is valid.
func ValidHashAlgorithm(algorithm string) error {
	if algorithm == "" {
		return nil
	}
	_, err := hashFunction(algorithm)
	return err
}
