package model

import (
	"encoding/binary"
	"math/bits"
)

// KeyHash returns the short hash under which a key can be looked up
// (?hashed=true) and which lists show instead of a hashed key, computed as
// the gateway does: with the algorithm a key token names (a Dashboard with
// hash_key_function murmur64 gives 16 hex characters, as the guide's
// "567b9a5419c3a9ef"), and with 32-bit MurmurHash3 (8 hex characters) for a
// plain key such as "<org_id><32 hex>". A token naming an unknown algorithm
// is hashed with murmur64, the gateway's fallback.
func KeyHash(keyID string) string {
	h, err := HashKey(keyID, KeyHashAlgorithm(keyID))
	if err != nil {
		h, _ = HashKey(keyID, HashMurmur64)
	}
	return h
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
