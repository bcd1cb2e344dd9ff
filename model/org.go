package model

// Organisation is a tenant of the Dashboard (Admin API schema
// OrganisationDocument). Every other object belongs to exactly one.
type Organisation struct {
	ID           string `json:"id"`
	OwnerName    string `json:"owner_name"`
	OwnerSlug    string `json:"owner_slug"`
	CNAMEEnabled bool   `json:"cname_enabled"`
	CNAME        string `json:"cname"`
	// APIs lists the APIs the organisation may use; empty means all.
	APIs           []OrgAPI `json:"apis"`
	DeveloperQuota int64    `json:"developer_quota"`
	DeveloperCount int64    `json:"developer_count"`
	// EventOptions maps an event ("key_event", "hashed_key_event") to
	// where the Dashboard reports it.
	EventOptions  map[string]EventConfig `json:"event_options"`
	HybridEnabled bool                   `json:"hybrid_enabled"`
	UI            ConfigUIOptions        `json:"ui"`
	// OrgOptionsMeta is free-form.
	OrgOptionsMeta map[string]any `json:"org_options_meta"`
	OpenPolicy     OpenPolicyConf `json:"open_policy"`
	// AdditionalPermissions maps a permission key to its display name; they
	// extend the sections of UserPermissions.
	AdditionalPermissions map[string]string `json:"additional_permissions"`
	SSOEnabled            bool              `json:"sso_enabled"`

	Extra Extra `json:"-"`
}

// OrgAPI is one entry of Organisation.APIs (Admin API schema ApiDocument).
type OrgAPI struct {
	APIHumanName string `json:"api_human_name"`
	APIID        string `json:"api_id"`

	Extra Extra `json:"-"`
}

// EventConfig is where the Dashboard reports an organisation event
// (Admin API schema EventConfig).
type EventConfig struct {
	Webhook string `json:"webhook"`
	Email   string `json:"email"`
	Redis   bool   `json:"redis"`

	Extra Extra `json:"-"`
}

// OpenPolicyConf holds an organisation's Open Policy Agent rules, written in
// Rego (Admin API schema OpenPolicyConf).
type OpenPolicyConf struct {
	Enabled bool   `json:"enabled"`
	Rules   string `json:"rules"`

	Extra Extra `json:"-"`
}

// ConfigUIOptions are an organisation's Dashboard UI settings
// (Admin API schema ConfigUIOptions). The map members are free-form.
type ConfigUIOptions struct {
	Languages                      map[string]string `json:"languages"`
	HideHelp                       bool              `json:"hide_help"`
	DefaultLang                    string            `json:"default_lang"`
	LoginPage                      map[string]any    `json:"login_page"`
	Nav                            map[string]any    `json:"nav"`
	Uptime                         map[string]any    `json:"uptime"`
	PortalSection                  map[string]any    `json:"portal_section"`
	Designer                       map[string]any    `json:"designer"`
	DontShowAdminSockets           bool              `json:"dont_show_admin_sockets"`
	DontAllowLicenseManagement     bool              `json:"dont_allow_license_management"`
	DontAllowLicenseManagementView bool              `json:"dont_allow_license_management_view"`
	Cloud                          bool              `json:"cloud"`
	CloudMenu                      bool              `json:"cloudmenu"`
	Dev                            bool              `json:"dev"`
	Labs                           *ConfigLabsConfig `json:"labs"`
	Onboarding                     ConfigOnboarding  `json:"onboarding"`
	Trial                          ConfigTrial       `json:"trial"`

	Extra Extra `json:"-"`
}

// ConfigLabsConfig holds experimental UI features (Admin API schema
// ConfigLabsConfig, nullable).
type ConfigLabsConfig struct {
	Streaming map[string]any `json:"streaming"`

	Extra Extra `json:"-"`
}

// ConfigOnboarding turns the Dashboard's onboarding on.
type ConfigOnboarding struct {
	Enabled bool `json:"enabled"`

	Extra Extra `json:"-"`
}

// ConfigTrial is a trial's end (Unix seconds) and sign-up form.
type ConfigTrial struct {
	EndDate     int64             `json:"end_date"`
	HubspotForm ConfigHubspotForm `json:"hubspot_form"`

	Extra Extra `json:"-"`
}

// ConfigHubspotForm identifies a HubSpot form.
type ConfigHubspotForm struct {
	FormID   string `json:"form_id"`
	PortalID string `json:"portal_id"`
	Region   string `json:"region"`

	Extra Extra `json:"-"`
}

// NewAdditionalPermissions is the body of PUT /api/org/permissions and the
// answer of its GET (schema NewAdditionalPermissions).
type NewAdditionalPermissions struct {
	AdditionalPermissions map[string]string `json:"additional_permissions"`

	Extra Extra `json:"-"`
}

// NewOPARules is the body of PUT /api/org/opa (schema NewOPARules); GET
// /api/org/opa answers with the organisation's OpenPolicyConf in the same
// envelope.
type NewOPARules struct {
	OpenPolicy OpenPolicyConf `json:"open_policy"`

	Extra Extra `json:"-"`
}
