package model

import (
	"encoding/binary"
	"encoding/hex"
	"math/bits"
)

// KeyHash returns the short hash under which a key can be looked up
// (?hashed=true) and which lists show instead of a hashed key: the 32-bit
// MurmurHash3 of the key id as 8 lowercase hex characters, the gateway's
// default hash function.
func KeyHash(keyID string) string {
	var out [4]byte
	binary.BigEndian.PutUint32(out[:], murmur3x32([]byte(keyID), 0))
	return hex.EncodeToString(out[:])
}

// murmur3x32 is MurmurHash3's x86 32-bit variant.
func murmur3x32(data []byte, seed uint32) uint32 {
	const c1, c2 = 0xcc9e2d51, 0x1b873593
	h := seed
	n := len(data)
	for len(data) >= 4 {
		k := binary.LittleEndian.Uint32(data)
		k *= c1
		k = bits.RotateLeft32(k, 15)
		k *= c2
		h ^= k
		h = bits.RotateLeft32(h, 13)
		h = h*5 + 0xe6546b64
		data = data[4:]
	}
	var k uint32
	switch len(data) {
	case 3:
		k ^= uint32(data[2]) << 16
		fallthrough
	case 2:
		k ^= uint32(data[1]) << 8
		fallthrough
	case 1:
		k ^= uint32(data[0])
		k *= c1
		k = bits.RotateLeft32(k, 15)
		k *= c2
		h ^= k
	}
	h ^= uint32(n)
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}
