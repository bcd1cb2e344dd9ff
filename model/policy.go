package model

// Policy is a security policy (schema Policy): a template of rate, quota,
// expiry and access rights that keys inherit through apply_policies.
// MID is the database id ("_id"); ID is the optional custom id.
type Policy struct {
	MID                string  `json:"_id"`
	ID                 string  `json:"id"`
	Name               string  `json:"name"`
	OrgID              string  `json:"org_id"`
	Rate               float64 `json:"rate"`
	Per                float64 `json:"per"`
	QuotaMax           int64   `json:"quota_max"`
	QuotaRenewalRate   int64   `json:"quota_renewal_rate"`
	ThrottleInterval   float64 `json:"throttle_interval"`
	ThrottleRetryLimit int64   `json:"throttle_retry_limit"`
	MaxQueryDepth      int64   `json:"max_query_depth"`
	// AccessRights maps an api_id to the right the policy grants to it.
	AccessRights map[string]AccessDefinition `json:"access_rights"`
	HMACEnabled  bool                        `json:"hmac_enabled"`
	Active       bool                        `json:"active"`
	// IsInactive makes every key of the policy inactive.
	IsInactive bool     `json:"is_inactive"`
	Tags       []string `json:"tags"`
	// KeyExpiresIn, in seconds, sets the expiry of keys the policy is
	// applied to; 0 is never.
	KeyExpiresIn int64            `json:"key_expires_in"`
	Partitions   PolicyPartitions `json:"partitions"`
	// LastUpdated is Unix seconds as a string, as the Dashboard sends it.
	LastUpdated string              `json:"last_updated"`
	DateCreated string              `json:"date_created"`
	MetaData    map[string]any      `json:"meta_data"`
	Smoothing   *RateLimitSmoothing `json:"smoothing"`

	Extra Extra `json:"-"`
}

// PolicyPartitions says which parts of a policy apply to a key; with none
// set, all of them do.
type PolicyPartitions struct {
	Quota      bool `json:"quota"`
	RateLimit  bool `json:"rate_limit"`
	Complexity bool `json:"complexity"`
	Acl        bool `json:"acl"`
	PerAPI     bool `json:"per_api"`

	Extra Extra `json:"-"`
}
