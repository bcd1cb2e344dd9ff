package model

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"io"
	mrand "math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// seededStream is the stream a generator seeded with seed reads.
func seededStream(seed uint64) io.Reader {
	var s [32]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	return mrand.NewChaCha8(s)
}

// TestIDsAreTheSourcesBytes: a seeded generator's ids are made of its
// stream's bytes in order, whatever the lengths asked (read takes them in
// pieces), and its UUIDs are uuid.NewRandomFromReader's of the same bytes.
func TestIDsAreTheSourcesBytes(t *testing.T) {
	seed := uint64(7)
	clock := func() time.Time { return time.Unix(1700000000, 0) }
	g := NewIDGenerator(&seed, clock)
	ref := seededStream(seed)
	next := func(n int) []byte {
		b := make([]byte, n)
		if _, err := io.ReadFull(ref, b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, n := range []int{1, 16, 31, 32, 33, 64, 100, 7} {
		if got, want := g.Hex(n), hex.EncodeToString(next(n)); got != want {
			t.Errorf("Hex(%d) = %s, the stream's %s", n, got, want)
		}
	}
	for range 50 {
		u, err := uuid.NewRandomFromReader(ref)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := g.UUIDHex(), hex.EncodeToString(u[:]); got != want {
			t.Fatalf("UUIDHex = %s, uuid.NewRandomFromReader %s", got, want)
		}
		u, _ = uuid.NewRandomFromReader(ref)
		want := NewKeyToken("5e9d9544a1dcd60001d0ed20", hex.EncodeToString(u[:]), HashMurmur64)
		if got := g.NewKey("5e9d9544a1dcd60001d0ed20", HashMurmur64); got != want {
			t.Fatalf("NewKey = %s, the token of the UUID %s", got, want)
		}
	}
	if got, want := g.ObjectID(), "6553f100"+hex.EncodeToString(next(8)); got != want {
		t.Errorf("ObjectID = %s, the stream's %s", got, want)
	}
}

// TestNewKeyTokenIsTheFormat: NewKeyToken is base64 of the JSON the gateway
// formats, for names of every length (past the buffers on the stack) and
// for an algorithm it replaces.
func TestNewKeyTokenIsTheFormat(t *testing.T) {
	for _, name := range []string{"", "hello-world", "a<b>&c\"", strings.Repeat("n", 80), strings.Repeat("long", 100)} {
		for _, algo := range append([]string{"", "crc"}, KeyHashAlgorithms...) {
			h := algo
			if !knownAlgorithm(h) {
				h = DefaultHashAlgorithm
			}
			want := base64.StdEncoding.EncodeToString([]byte(`{"org":"org1","id":"` + name + `","h":"` + h + `"}`))
			if got := NewKeyToken("org1", name, algo); got != want {
				t.Errorf("NewKeyToken(%d bytes, %q) = %s, want %s", len(name), algo, got, want)
			}
			if got := encodeKeyToken("org1", []byte(name), algo); got != want {
				t.Errorf("encodeKeyToken of bytes (%d bytes, %q) = %s, want %s", len(name), algo, got, want)
			}
		}
	}
}
