package model

// SystemStatsResponse is the answer of GET /api/system/stats: usage of the
// licensed entities over time (schema SystemStatsResp).
type SystemStatsResponse struct {
	Status  string       `json:"status"`
	Message string       `json:"message"`
	Stats   *EntityStats `json:"stats"`

	Extra Extra `json:"-"`
}

// EntityStats holds the usage series of the entity that was asked for
// (schema EntityStats); the others are left out.
type EntityStats struct {
	APIs               []IndividualStats `json:"apis,omitempty"`
	DataPlanes         []IndividualStats `json:"dataplanes,omitempty"`
	DataPlanesGateways []IndividualStats `json:"dataplanes_gateways,omitempty"`

	Extra Extra `json:"-"`
}

// IndividualStats is the usage of one period (a day, or a month): how many
// entities existed and how many were active, with the licence's limits
// (schema IndividualStats).
type IndividualStats struct {
	Date                     string `json:"date"`
	MaxUsage                 int64  `json:"max_usage"`
	MaxActiveUsage           int64  `json:"max_active_usage"`
	MinUsage                 int64  `json:"min_usage"`
	MinActiveUsage           int64  `json:"min_active_usage"`
	AvgUsage                 int64  `json:"avg_usage"`
	AvgActiveUsage           int64  `json:"avg_active_usage"`
	LicenseEntitlement       int64  `json:"license_entitlement"`
	LicenseEntitlementActive int64  `json:"license_entitlement_active"`

	Extra Extra `json:"-"`
}
