package model

import "testing"

func TestKeyHash(t *testing.T) {
	// Reference values of MurmurHash3 x86_32 with seed 0.
	for in, want := range map[string]uint32{
		"":             0,
		"hello":        0x248bfa47,
		"hello, world": 0x149bbb7f,
		"The quick brown fox jumps over the lazy dog": 0x2e4ff723,
	} {
		if got := murmur3x32([]byte(in), 0); got != want {
			t.Errorf("murmur3x32(%q) = %#x, want %#x", in, got, want)
		}
	}
	if h := KeyHash("5e9d9544a1dcd60001d0ed20e7f75f9e"); len(h) != 8 {
		t.Errorf("KeyHash length %d, want 8", len(h))
	}
}
