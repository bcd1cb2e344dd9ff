package model

import "encoding/json"

// MCPProtocol is the application_protocol of an MCP proxy's classic form.
const MCPProtocol = "mcp"

// IsMCPProxy says whether a classic API definition is an MCP proxy: marked,
// as the gateway marks them (apidef MarkAsMCP), with application_protocol
// "mcp". Tyk's "MCP API extensions" page says MCP proxies are managed
// through their own paths and left out of the standard API listings.
func IsMCPProxy(a *APIDefinition) bool {
	if a == nil {
		return false
	}
	var p string
	return json.Unmarshal(a.Extra["application_protocol"], &p) == nil && p == MCPProtocol
}

// MCPJSONRPCVersion is the json_rpc_version the gateway gives an MCP proxy.
const MCPJSONRPCVersion = "2.0"

// MarkMCPProxy marks a classic API definition as an MCP proxy, as the
// gateway does (apidef MarkAsMCP): the mark IsMCPProxy reads.
func MarkMCPProxy(a *APIDefinition) {
	if a.Extra == nil {
		a.Extra = Extra{}
	}
	a.Extra["application_protocol"] = json.RawMessage(`"` + MCPProtocol + `"`)
	a.Extra["json_rpc_version"] = json.RawMessage(`"` + MCPJSONRPCVersion + `"`)
}
