package store

import "encoding/json"

// Record is one line of the JSON stream that Export writes and Import reads:
// one object and the collection it belongs to. Objects appear in the order
// they were created, so that an import keeps the order of every list.
type Record struct {
	Collection string          `json:"collection"`
	Object     json.RawMessage `json:"object"`
	// Meta carries what a store keeps beside an object but the object's own
	// JSON leaves out: "password_hash" of a user, "api_id" and "org_id" of an
	// OAuth client, "client_id" and "org_id" of an OAuth token, "id" (the
	// store's) of an analytics record.
	Meta map[string]string `json:"meta,omitempty"`
}

// The collections of a Record.
const (
	CollectionOrgs         = "organisations"
	CollectionUsers        = "users"
	CollectionUserGroups   = "user_groups"
	CollectionAPIs         = "apis"
	CollectionPolicies     = "policies"
	CollectionOAuthClients = "oauth_clients"
	CollectionOAuthTokens  = "oauth_tokens"
	CollectionWebhooks     = "webhooks"
	CollectionAssets       = "assets"
	CollectionCertificates = "certificates"
	CollectionAuditLogs    = "audit_logs"
	CollectionAnalytics    = "analytics"
	CollectionSSONonces    = "sso_nonces"
	CollectionPortal       = "portal"
	CollectionKeys         = "keys"
)

// IsSessionCollection reports whether records of collection belong to
// [Sessions] rather than [Definitions].
func IsSessionCollection(collection string) bool { return collection == CollectionKeys }
