package model

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
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
	return encodeKeyToken(orgID, keyID, algorithm)
}

// encodeKeyToken is NewKeyToken for a name of either kind, written in buffers on
// the stack (for the usual lengths) so that the token is the one string
// made: every generated key is one.
func encodeKeyToken[Name string | []byte](orgID string, keyID Name, algorithm string) string {
	if !knownAlgorithm(algorithm) {
		algorithm = DefaultHashAlgorithm
	}
	var jsonBuf [128]byte
	j := append(jsonBuf[:0], `{"org":"`...)
	j = append(j, orgID...)
	j = append(j, `","id":"`...)
	j = append(j, keyID...)
	j = append(j, `","h":"`...)
	j = append(j, algorithm...)
	j = append(j, `"}`...)
	var tokenBuf [172]byte // base64 of 128 bytes
	n := base64.StdEncoding.EncodedLen(len(j))
	var tok []byte
	if n <= len(tokenBuf) {
		tok = tokenBuf[:n]
	} else {
		tok = make([]byte, n)
	}
	base64.StdEncoding.Encode(tok, j)
	return string(tok)
}

// ParseKeyToken returns the org, key name and hash algorithm of a key in the
// token format; ok is false for a plain key such as "<org_id><32 hex>".
func ParseKeyToken(key string) (orgID, keyID, algorithm string, ok bool) {
	var buf [192]byte
	raw, ok := decodeToken(key, buf[:])
	if !ok {
		return "", "", "", false
	}
	if org, id, algo, ok := parsePlainToken(raw); ok {
		return string(org), string(id), string(algo), true
	}
	var t keyToken
	if json.Unmarshal(raw, &t) != nil {
		return "", "", "", false
	}
	return t.Org, t.ID, t.Hash, true
}

// decodeToken returns the JSON inside a key token, decoded into buf when it
// fits; ok is false for a key that is no token's base64.
func decodeToken(key string, buf []byte) (raw []byte, ok bool) {
	// A token is base64 of a JSON object, so it starts with "ey" ("{\"").
	if !strings.HasPrefix(key, "ey") {
		return nil, false
	}
	if n := base64.StdEncoding.DecodedLen(len(key)); n <= len(buf) {
		n, err := base64.StdEncoding.Decode(buf[:n], []byte(key))
		if err != nil {
			return nil, false
		}
		return buf[:n], true
	}
	raw, err := base64.StdEncoding.DecodeString(key)
	return raw, err == nil
}

// parsePlainToken reads a token's JSON when it is exactly what NewKeyToken
// and the gateway write, {"org":"..","id":"..","h":".."}, with values of
// printable ASCII other than '"' and '\', for which json.Unmarshal would
// give the same strings: every key the Dashboard makes, read on every key
// created and every key looked up. Anything else is left to json.Unmarshal.
func parsePlainToken(raw []byte) (org, id, algo []byte, ok bool) {
	rest := raw
	member := func(prefix string) ([]byte, bool) {
		if len(rest) < len(prefix) || string(rest[:len(prefix)]) != prefix {
			return nil, false
		}
		rest = rest[len(prefix):]
		for i, c := range rest {
			switch {
			case c == '"':
				v := rest[:i]
				rest = rest[i+1:]
				return v, true
			case c < 0x20 || c >= 0x7f || c == '\\':
				return nil, false
			}
		}
		return nil, false
	}
	if org, ok = member(`{"org":"`); !ok {
		return nil, nil, nil, false
	}
	if id, ok = member(`,"id":"`); !ok {
		return nil, nil, nil, false
	}
	if algo, ok = member(`,"h":"`); !ok || string(rest) != "}" {
		return nil, nil, nil, false
	}
	return org, id, algo, true
}

// KeyHashAlgorithm returns the algorithm that hashes key, as the gateway
// decides (storage.TokenHashAlgo): the one its token names, or
// HashMurmur32 for a plain key and for a token naming none.
func KeyHashAlgorithm(key string) string {
	// ParseKeyToken's reading, without the strings of the org and name:
	// every key created and looked up by its id is hashed.
	var buf [192]byte
	raw, ok := decodeToken(key, buf[:])
	if !ok {
		return HashMurmur32
	}
	if _, _, algo, ok := parsePlainToken(raw); ok {
		switch string(algo) { // the names there are, without a string of their own
		case "", HashMurmur32:
			return HashMurmur32
		case HashMurmur64:
			return HashMurmur64
		case HashMurmur128:
			return HashMurmur128
		case HashSHA256:
			return HashSHA256
		}
		return string(algo)
	}
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
	// The digests of hashFunction in one call each, but for murmur32's
	// (whose package has no call for the unfinalised sum).
	var sum [sha256.Size]byte
	var n int
	switch algorithm {
	case HashMurmur64:
		binary.BigEndian.PutUint64(sum[:], murmur3.Sum64([]byte(key)))
		n = 8
	case HashMurmur128:
		h1, h2 := murmur3.Sum128([]byte(key))
		binary.BigEndian.PutUint64(sum[:], h1)
		binary.BigEndian.PutUint64(sum[8:], h2)
		n = 16
	case HashSHA256:
		sum = sha256.Sum256([]byte(key))
		n = sha256.Size
	default:
		return hashKeyDigest(key, algorithm)
	}
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:n])
	return string(out[:2*n]), nil
}

// hashKeyDigest is HashKey through the algorithm's hash.Hash.
func hashKeyDigest(key, algorithm string) (string, error) {
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
