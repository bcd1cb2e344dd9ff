package model

import "encoding/json"

// SessionState is a key: its access rights, limits and metadata
// (schema SessionState).
type SessionState struct {
	// LastCheck and Allowance are the gateway's rate-limiter state.
	LastCheck int64   `json:"last_check"`
	Allowance float64 `json:"allowance"`
	// Rate requests are allowed every Per seconds; -1 and -1 disable the
	// rate limit.
	Rate               float64 `json:"rate"`
	Per                float64 `json:"per"`
	ThrottleInterval   float64 `json:"throttle_interval"`
	ThrottleRetryLimit int64   `json:"throttle_retry_limit"`
	// MaxQueryDepth limits GraphQL queries; -1 is unlimited.
	MaxQueryDepth int64  `json:"max_query_depth"`
	DateCreated   string `json:"date_created"`
	// Expires is when the key stops working, in Unix seconds; 0 is never.
	Expires int64 `json:"expires"`
	// QuotaMax requests are allowed every QuotaRenewalRate seconds; -1 is
	// unlimited. QuotaRenews is the Unix time of the next renewal.
	QuotaMax         int64 `json:"quota_max"`
	QuotaRenews      int64 `json:"quota_renews"`
	QuotaRemaining   int64 `json:"quota_remaining"`
	QuotaRenewalRate int64 `json:"quota_renewal_rate"`
	// AccessRights maps an api_id to the key's right to that API.
	AccessRights  map[string]AccessDefinition `json:"access_rights"`
	OrgID         string                      `json:"org_id"`
	OauthClientID string                      `json:"oauth_client_id"`
	OauthKeys     map[string]string           `json:"oauth_keys"`
	// Certificate is the id of the client certificate of an mTLS key.
	Certificate                   string        `json:"certificate"`
	BasicAuthData                 BasicAuthData `json:"basic_auth_data"`
	JWTData                       JWTData       `json:"jwt_data"`
	HMACEnabled                   bool          `json:"hmac_enabled"`
	EnableHTTPSignatureValidation bool          `json:"enable_http_signature_validation"`
	HmacSecret                    string        `json:"hmac_string"`
	IsInactive                    bool          `json:"is_inactive"`
	// ApplyPolicies are the ids (_id or custom id) of the policies the key
	// inherits from; ApplyPolicyID is the older single-policy form.
	ApplyPolicyID string   `json:"apply_policy_id"`
	ApplyPolicies []string `json:"apply_policies"`
	// DataExpires is how long, in seconds, the key's analytics are kept.
	DataExpires             int64          `json:"data_expires"`
	Monitor                 Monitor        `json:"monitor"`
	EnableDetailedRecording bool           `json:"enable_detailed_recording"`
	MetaData                map[string]any `json:"meta_data"`
	Tags                    []string       `json:"tags"`
	// Alias is a human name for the key, shown in analytics.
	Alias               string `json:"alias"`
	LastUpdated         string `json:"last_updated"`
	IDExtractorDeadline int64  `json:"id_extractor_deadline"`
	// SessionLifetime, in seconds, is how long the gateway keeps the key.
	SessionLifetime int64 `json:"session_lifetime"`
	// KeyID is written only when set, as the gateway's key_id,omitempty.
	KeyID                         string              `json:"key_id,omitempty"`
	Smoothing                     *RateLimitSmoothing `json:"smoothing"`
	MTLSStaticCertificateBindings []string            `json:"mtls_static_certificate_bindings"`

	Extra Extra `json:"-"`
}

// AccessDefinition is a key's or policy's right to one API
// (schema AccessDefinition).
type AccessDefinition struct {
	APIName         string        `json:"api_name"`
	APIID           string        `json:"api_id"`
	Versions        []string      `json:"versions"`
	AllowedURLs     []AccessSpec  `json:"allowed_urls"`
	RestrictedTypes []GraphqlType `json:"restricted_types"`
	AllowedTypes    []GraphqlType `json:"allowed_types"`
	// Limit is null in a right that sets no per-API limit: the Dashboard
	// stores it as a pointer (the gateway's DBAccessDefinition) and writes
	// null back.
	Limit                *APILimit               `json:"limit"`
	FieldAccessRights    []FieldAccessDefinition `json:"field_access_rights"`
	DisableIntrospection bool                    `json:"disable_introspection"`
	AllowanceScope       string                  `json:"allowance_scope"`
	Endpoints            []SessionEndpoint       `json:"endpoints"`

	Extra Extra `json:"-"`
}

// APILimit is a per-API rate and quota (schema APILimit).
type APILimit struct {
	Rate               float64 `json:"rate"`
	Per                float64 `json:"per"`
	ThrottleInterval   float64 `json:"throttle_interval"`
	ThrottleRetryLimit int64   `json:"throttle_retry_limit"`
	MaxQueryDepth      int64   `json:"max_query_depth"`
	QuotaMax           int64   `json:"quota_max"`
	QuotaRenews        int64   `json:"quota_renews"`
	QuotaRemaining     int64   `json:"quota_remaining"`
	QuotaRenewalRate   int64   `json:"quota_renewal_rate"`
	// SetBy says that a policy set this limit.
	SetBy     bool                `json:"set_by_policy"`
	Smoothing *RateLimitSmoothing `json:"smoothing"`

	Extra Extra `json:"-"`
}

// RateLimitSmoothing is the smoothing of a rate limit (schema RateLimitSmoothing).
type RateLimitSmoothing struct {
	Enabled   bool    `json:"enabled"`
	Threshold int64   `json:"threshold"`
	Trigger   float64 `json:"trigger"`
	Step      int64   `json:"step"`
	Delay     int64   `json:"delay"`

	Extra Extra `json:"-"`
}

// AccessSpec allows some methods on one URL (schema AccessSpec).
type AccessSpec struct {
	URL     string   `json:"url"`
	Methods []string `json:"methods"`

	Extra Extra `json:"-"`
}

// GraphqlType names a GraphQL type and some of its fields (schema GraphqlType).
type GraphqlType struct {
	Name   string   `json:"name"`
	Fields []string `json:"fields"`

	Extra Extra `json:"-"`
}

// FieldAccessDefinition limits one GraphQL field (schema FieldAccessDefinition).
type FieldAccessDefinition struct {
	TypeName  string      `json:"type_name"`
	FieldName string      `json:"field_name"`
	Limits    FieldLimits `json:"limits"`

	Extra Extra `json:"-"`
}

// FieldLimits are the limits of a GraphQL field (schema FieldLimits).
type FieldLimits struct {
	MaxQueryDepth int64 `json:"max_query_depth"`

	Extra Extra `json:"-"`
}

// SessionEndpoint rate-limits one path of an API (schema SessionEndpoint).
type SessionEndpoint struct {
	Path    string                  `json:"path"`
	Methods []SessionEndpointMethod `json:"methods"`

	Extra Extra `json:"-"`
}

// SessionEndpointMethod is a rate limit on one method of an endpoint.
type SessionEndpointMethod struct {
	Name  string                   `json:"name"`
	Limit SessionEndpointRateLimit `json:"limit"`

	Extra Extra `json:"-"`
}

// SessionEndpointRateLimit is an endpoint's rate (schema SessionEndpointRateLimit).
type SessionEndpointRateLimit struct {
	Rate float64 `json:"rate"`
	Per  float64 `json:"per"`

	Extra Extra `json:"-"`
}

// BasicAuthData is the password of a basic-auth key
// (SessionState.basic_auth_data). Hash names how Password is stored:
// "" (plain) or "bcrypt".
type BasicAuthData struct {
	Password string `json:"password"`
	Hash     string `json:"hash_type"`
	// User is the basic-auth user name, where the Dashboard reports it; the
	// gateway's BasicAuthData has no such member, so it is written only when
	// set.
	User string `json:"user,omitempty"`

	Extra Extra `json:"-"`
}

// JWTData is the JWT secret of a key (SessionState.jwt_data).
type JWTData struct {
	Secret string `json:"secret"`

	Extra Extra `json:"-"`
}

// Monitor lists the quota percentages at which the gateway fires a
// trigger event for a key (SessionState.monitor).
type Monitor struct {
	TriggerLimits []float64 `json:"trigger_limits"`

	Extra Extra `json:"-"`
}

// KeyData is a key as the Dashboard returns it: its id, hash and session
// (schema KeyData).
type KeyData struct {
	KeyID    string          `json:"key_id"`
	KeyHash  string          `json:"key_hash"`
	Data     SessionState    `json:"data"`
	APIModel json.RawMessage `json:"api_model,omitempty"`

	Extra Extra `json:"-"`
}

// AppendJSON appends to b what MarshalJSON returns, for an answer that
// writes a session inside bytes of its own (a key's envelope) without a
// buffer for the session alone.
func (v *SessionState) AppendJSON(b []byte) ([]byte, error) {
	if fastJSON {
		if out, ok := v.appendFast(b, false); ok {
			return out, nil
		}
	}
	j, err := v.marshalReflective()
	if err != nil {
		return b, err
	}
	return append(b, j...), nil
}
