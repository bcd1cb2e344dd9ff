package model

import "encoding/json"

// MCPListResponse is GET /api/mcps: a page of MCP proxies, each its Tyk OAS
// document as stored.
type MCPListResponse struct {
	MCPs  []json.RawMessage `json:"mcps"`
	Pages int64             `json:"pages"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}
