package model

// KeyHash returns the short hash under which a key can be looked up
// (?hashed=true), which lists show instead of a hashed key, and which names
// the key's session in the gateway's Redis (apikey-<hash>). It is computed
// as the gateway does: with the algorithm a key token names (a Dashboard
// with hash_key_function murmur64 gives 16 hex characters, as the guide's
// "567b9a5419c3a9ef"), and with murmur32 (8 hex characters) for a plain key
// such as "<org_id><32 hex>" and for a token naming an unknown algorithm,
// the gateway's fallback (storage.hashFunction).
func KeyHash(keyID string) string {
	h, err := HashKey(keyID, KeyHashAlgorithm(keyID))
	if err != nil {
		h, _ = HashKey(keyID, HashMurmur32)
	}
	return h
}
