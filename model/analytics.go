package model

import "time"

// AnalyticsRecord is one request a gateway recorded: what the Dashboard's
// activity routes aggregate. The memserver receives these from tests, since
// no gateway sends any.
type AnalyticsRecord struct {
	Method       string    `json:"method"`
	Path         string    `json:"path"`
	ResponseCode int64     `json:"response_code"`
	APIKey       string    `json:"api_key"`
	TimeStamp    time.Time `json:"timestamp"`
	APIName      string    `json:"api_name"`
	APIID        string    `json:"api_id"`
	OrgID        string    `json:"org_id"`
	OauthID      string    `json:"oauth_id"`
	RequestTime  int64     `json:"request_time"`
	// Tags are the API's and the key's tags, which the usage routes filter
	// by.
	Tags []string `json:"tags,omitempty"`
	// MCPStats is set on the records of MCP traffic: which JSON-RPC method
	// and which primitive (tool, resource, prompt) a request called.
	MCPStats *MCPStats `json:"mcp_stats,omitempty"`

	Extra Extra `json:"-"`
}

// MCP primitive types, as a gateway records them in MCPStats.PrimitiveType.
const (
	MCPPrimitiveTool     = "tool"
	MCPPrimitiveResource = "resource"
	MCPPrimitivePrompt   = "prompt"
)

// MCPStats is what a gateway records of an MCP request, the "mcp_stats"
// member of an analytics record (as Tyk Pump reads it).
type MCPStats struct {
	IsMCP         bool   `json:"is_mcp"`
	JSONRPCMethod string `json:"jsonrpc_method"`
	PrimitiveType string `json:"primitive_type"`
	PrimitiveName string `json:"primitive_name"`
	// JSONRPCErrorCode is the gateway's JSON-RPC error code when it refused
	// or failed the call (-32001 authentication, -32002 access, -32003 rate
	// limit, -32004 upstream), 0 on success.
	JSONRPCErrorCode         int64  `json:"jsonrpc_error_code"`
	EffectiveProtocolVersion string `json:"effective_protocol_version,omitempty"`
	DeclaredProtocolVersion  string `json:"declared_protocol_version,omitempty"`
	ProtocolVersionSource    string `json:"protocol_version_source,omitempty"`

	Extra Extra `json:"-"`
}

// AggregateAnalyticsData is the answer of the activity routes
// (/api/activity/...): one AnalyticsResultUnit per group (schema
// AggregateAnalyticsData).
type AggregateAnalyticsData struct {
	Data  []AnalyticsResultUnit `json:"data"`
	Pages int64                 `json:"pages"`

	Extra Extra `json:"-"`
}

// AnalyticsResultUnit is the traffic of one group of requests: hits, errors
// and latencies in milliseconds (schema ResultUnit).
type AnalyticsResultUnit struct {
	ID                 AnalyticsResultID `json:"id"`
	Hits               int64             `json:"hits"`
	Success            int64             `json:"success"`
	Error              int64             `json:"error"`
	LastHit            time.Time         `json:"last_hit"`
	RequestTime        float64           `json:"request_time"`
	Latency            float64           `json:"latency"`
	UpstreamLatency    float64           `json:"upstream_latency"`
	MaxLatency         int64             `json:"max_latency"`
	MinLatency         int64             `json:"min_latency"`
	MaxUpstreamLatency int64             `json:"max_upstream_latency"`
	MinUpstreamLatency int64             `json:"min_upstream_latency"`

	Extra Extra `json:"-"`
}

// AnalyticsResultID says which requests an AnalyticsResultUnit groups: the
// members that apply to the route (a day, an API, a key, a path...) are set
// (schema ResultId).
type AnalyticsResultID struct {
	Day        int64            `json:"day"`
	Month      int64            `json:"month"`
	Year       int64            `json:"year"`
	Hour       int64            `json:"hour"`
	Code       int64            `json:"code"`
	Path       string           `json:"path"`
	Key        string           `json:"key"`
	Alias      string           `json:"alias"`
	URL        string           `json:"url"`
	ISOCountry string           `json:"iso_country"`
	APIID      string           `json:"api_id"`
	APIName    string           `json:"api_name"`
	Queries    map[string]int64 `json:"queries"`
	// MCPPrimitiveType and MCPPrimitiveName name the primitive of a group
	// when the MCP activity routes group by primitive
	// (group_by=mcp_primitive).
	MCPPrimitiveType string `json:"mcp_primitive_type,omitempty"`
	MCPPrimitiveName string `json:"mcp_primitive_name,omitempty"`

	Extra Extra `json:"-"`
}
