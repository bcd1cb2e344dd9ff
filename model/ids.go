package model

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"io"
	mrand "math/rand/v2"
	"regexp"
	"sync"
	"time"
)

// IDGenerator makes the identifiers of the Dashboard in their real formats.
// It is safe for concurrent use. With a seed it is deterministic: the same
// sequence of calls gives the same ids on every run, which keeps tests that
// print or compare ids stable.
type IDGenerator struct {
	mu  sync.Mutex
	src io.Reader
	now func() time.Time
	// scratch is what read reads the source into, under mu: given the
	// caller's bytes, the source (an interface) would put every id's
	// random bytes on the heap.
	scratch [32]byte
}

// NewIDGenerator returns a generator reading from crypto/rand, or from a
// ChaCha8 stream seeded with *seed when seed is not nil. now gives the
// timestamp part of object ids; nil means time.Now.
func NewIDGenerator(seed *uint64, now func() time.Time) *IDGenerator {
	g := &IDGenerator{src: rand.Reader, now: now}
	if seed != nil {
		var s [32]byte
		binary.LittleEndian.PutUint64(s[:], *seed)
		g.src = mrand.NewChaCha8(s)
	}
	if g.now == nil {
		g.now = time.Now
	}
	return g
}

func (g *IDGenerator) read(p []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	// In pieces of scratch's size: both sources are streams, which give
	// the same bytes however they are asked for them.
	for len(p) > 0 {
		chunk := g.scratch[:min(len(p), len(g.scratch))]
		if _, err := io.ReadFull(g.src, chunk); err != nil {
			panic("model: id source failed: " + err.Error())
		}
		p = p[copy(p, chunk):]
	}
}

// Hex returns n random bytes as 2n lowercase hex characters.
func (g *IDGenerator) Hex(n int) string {
	b := make([]byte, n)
	g.read(b)
	return hex.EncodeToString(b)
}

// ObjectID returns a database id: 24 lowercase hex characters in the shape of
// a MongoDB ObjectId (4 bytes of seconds since the epoch, then 8 random
// bytes), because real clients parse these ids as ObjectIds.
func (g *IDGenerator) ObjectID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(g.now().Unix()))
	g.read(b[4:])
	var h [24]byte
	hex.Encode(h[:], b[:])
	return string(h[:])
}

// DashedHex returns 16 random bytes as 32 lowercase hex characters in a
// UUID's groups of 8, 4, 4, 4 and 12: the shape of the Dashboard's request
// ids. It reads what Hex(16) reads, and so continues a seeded sequence as
// Hex(16) would.
func (g *IDGenerator) DashedHex() string {
	var b [16]byte
	g.read(b[:])
	var h [36]byte
	hex.Encode(h[0:8], b[0:4])
	hex.Encode(h[9:13], b[4:6])
	hex.Encode(h[14:18], b[6:8])
	hex.Encode(h[19:23], b[8:10])
	hex.Encode(h[24:36], b[10:16])
	h[8], h[13], h[18], h[23] = '-', '-', '-', '-'
	return string(h[:])
}

// APIID returns a generated api_id: 32 lowercase hex characters.
func (g *IDGenerator) APIID() string { return g.Hex(16) }

// UUIDHex returns a random (version 4) UUID as 32 lowercase hex characters
// without dashes: the random part of a key the gateway generates.
func (g *IDGenerator) UUIDHex() string {
	var b [32]byte
	g.uuidHex(&b)
	return string(b[:])
}

// uuidHex writes a random (version 4) UUID into b as 32 lowercase hex
// characters: 16 bytes of the source with the version and variant bits
// set, as github.com/google/uuid's NewRandomFromReader makes one.
func (g *IDGenerator) uuidHex(b *[32]byte) {
	var u [16]byte
	g.read(u[:])
	u[6] = (u[6] & 0x0f) | 0x40 // version 4
	u[8] = (u[8] & 0x3f) | 0x80 // variant 10 (RFC 4122)
	hex.Encode(b[:], u[:])
}

// KeyID returns a generated key in the legacy format: the org id followed by
// a UUID's 32 hex characters.
func (g *IDGenerator) KeyID(orgID string) string { return orgID + g.UUIDHex() }

// NewKey returns a generated key as the gateway makes one
// (storage.GenerateToken with an empty name): with a hash algorithm, the
// token of the org, a UUID's 32 hex characters and the algorithm (see
// NewKeyToken); with none, the legacy "<org_id><32 hex>".
func (g *IDGenerator) NewKey(orgID, algorithm string) string {
	if algorithm == "" {
		return g.KeyID(orgID)
	}
	var id [32]byte
	g.uuidHex(&id)
	return encodeKeyToken(orgID, id[:], algorithm)
}

// NamedKey returns the key a custom key name becomes, as the gateway makes
// it: with a hash algorithm, the token of the org, the name and the
// algorithm, so that two orgs' keys of the same name are two keys with two
// hashes; with none, and for a name that is already a token, the name
// itself.
func NamedKey(orgID, name, algorithm string) string {
	if _, _, _, isToken := ParseKeyToken(name); algorithm == "" || isToken {
		return name
	}
	return NewKeyToken(orgID, name, algorithm)
}

// Secret returns a user's API secret (access key): 32 hex characters.
func (g *IDGenerator) Secret() string { return g.Hex(16) }

var objectIDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// IsObjectID reports whether s has the shape of a database id.
func IsObjectID(s string) bool { return objectIDPattern.MatchString(s) }

// BasicAuthKeyID is the key id under which a basic-auth user is stored.
func BasicAuthKeyID(orgID, username string) string { return orgID + username }
