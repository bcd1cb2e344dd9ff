package memserver

import (
	"encoding/json"
)

// streamingKey is the top-level member of a Tyk Streams API that holds its
// streams (schema XTykStreaming).
const streamingKey = "x-tyk-streaming"

// isStreamsDoc reports whether a stored OAS document is a Streams API's.
func isStreamsDoc(doc json.RawMessage) bool {
	if len(doc) == 0 {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(doc, &top) != nil {
		return false
	}
	_, ok := top[streamingKey]
	return ok
}
