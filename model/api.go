package model

import (
	"encoding/json"
	"time"
)

// APIDefinitionWrapper is how the Dashboard stores and lists an API, classic
// or OAS (schema ApiDefinitionWrapper, Admin API schema ApiDefinition). For an
// OAS API, APIDefinition.IsOAS is true and OAS holds the whole Tyk OAS
// document: clients crash without it.
type APIDefinitionWrapper struct {
	APIDefinition *APIDefinition `json:"api_definition"`
	// APIModel is an always-empty object ({}) the Dashboard keeps for old
	// clients.
	APIModel       json.RawMessage `json:"api_model,omitempty"`
	HookReferences []HookReference `json:"hook_references"`
	IsSite         bool            `json:"is_site"`
	SortBy         int64           `json:"sort_by"`
	// Categories are the categories of an OAS API; a classic API keeps its
	// categories as "#" words in its name (see ClassicCategories).
	Categories      []string   `json:"categories"`
	CreatedAt       *time.Time `json:"created_at"`
	UpdatedAt       *time.Time `json:"updated_at"`
	UserOwners      []string   `json:"user_owners"`
	UserGroupOwners []string   `json:"user_group_owners"`
	// IsStreams marks a Tyk Streams API (Admin API only; newer Dashboards).
	IsStreams bool `json:"is_streams"`
	// OAS is the Tyk OAS document of an OAS API, kept as its raw JSON so that
	// nothing in it is lost; nil for a classic API.
	OAS json.RawMessage `json:"oas,omitempty"`

	Extra Extra `json:"-"`
}

// APIDefinition is a classic API definition (schema APIDefinition): the
// gateway configuration of one API. Every member the Dashboard writes has a
// field; members of newer Dashboards land in Extra.
type APIDefinition struct {
	// ID is the database id (24 hex); APIID the API's public id.
	ID    string `json:"id,omitempty"`
	APIID string `json:"api_id"`
	OrgID string `json:"org_id"`
	// Name is the API's name; "#" words in it are the API's categories.
	Name   string `json:"name"`
	Slug   string `json:"slug"`
	Active bool   `json:"active"`
	// Internal APIs are reachable only from other APIs, never from outside.
	Internal bool `json:"internal"`
	// IsOAS marks the classic view of an OAS API.
	IsOAS bool `json:"is_oas,omitempty"`
	// Protocol and ListenPort serve TCP/TLS APIs; empty and 0 for HTTP.
	Protocol   string `json:"protocol"`
	ListenPort int64  `json:"listen_port"`
	Domain     string `json:"domain"`
	// DomainDisabled keeps Domain but ignores it.
	DomainDisabled bool `json:"domain_disabled,omitempty"`

	// Authentication. At most one of the use_* / enable_* switches is usual;
	// several at once form a chain (see APIAuthType).
	UseKeylessAccess                     bool                  `json:"use_keyless"`
	UseStandardAuth                      bool                  `json:"use_standard_auth"`
	UseBasicAuth                         bool                  `json:"use_basic_auth"`
	UseOauth2                            bool                  `json:"use_oauth2"`
	UseOpenID                            bool                  `json:"use_openid"`
	UseMutualTLSAuth                     bool                  `json:"use_mutual_tls_auth"`
	UseGoPluginAuth                      bool                  `json:"use_go_plugin_auth"`
	EnableJWT                            bool                  `json:"enable_jwt"`
	EnableCoProcessAuth                  bool                  `json:"enable_coprocess_auth"`
	EnableSignatureChecking              bool                  `json:"enable_signature_checking"`
	CustomPluginAuthEnabled              bool                  `json:"custom_plugin_auth_enabled"`
	ExternalOAuth                        ExternalOAuth         `json:"external_oauth"`
	BaseIdentityProvidedBy               string                `json:"base_identity_provided_by"`
	Auth                                 AuthConfig            `json:"auth"`
	AuthConfigs                          map[string]AuthConfig `json:"auth_configs"`
	AuthProvider                         AuthProviderMeta      `json:"auth_provider"`
	SessionProvider                      SessionProviderMeta   `json:"session_provider"`
	BasicAuth                            BasicAuthMeta         `json:"basic_auth"`
	OauthMeta                            OAuthMeta             `json:"oauth_meta"`
	Notifications                        NotificationsManager  `json:"notifications"`
	OpenIDOptions                        OpenIDOptions         `json:"openid_options"`
	StripAuthData                        bool                  `json:"strip_auth_data"`
	IDPClientIDMappingDisabled           bool                  `json:"idp_client_id_mapping_disabled"`
	HmacAllowedClockSkew                 float64               `json:"hmac_allowed_clock_skew"`
	HmacAllowedAlgorithms                []string              `json:"hmac_allowed_algorithms"`
	RequestSigning                       RequestSigningMeta    `json:"request_signing"`
	Scopes                               Scopes                `json:"scopes,omitempty"`
	UpstreamAuth                         UpstreamAuth          `json:"upstream_auth"`
	ClientCertificates                   []string              `json:"client_certificates"`
	Certificates                         []string              `json:"certificates"`
	UpstreamCertificates                 map[string]string     `json:"upstream_certificates"`
	UpstreamCertificatesDisabled         bool                  `json:"upstream_certificates_disabled,omitempty"`
	PinnedPublicKeys                     map[string]string     `json:"pinned_public_keys"`
	CertificatePinningDisabled           bool                  `json:"certificate_pinning_disabled,omitempty"`
	SessionLifetime                      int64                 `json:"session_lifetime"`
	SessionLifetimeRespectsKeyExpiration bool                  `json:"session_lifetime_respects_key_expiration,omitempty"`

	// JWT authentication (enable_jwt).
	JWTSigningMethod           string                `json:"jwt_signing_method"`
	JWTSource                  string                `json:"jwt_source"`
	JWTIdentityBaseField       string                `json:"jwt_identity_base_field"`
	JWTClientIDBaseField       string                `json:"jwt_client_base_field"`
	JWTPolicyFieldName         string                `json:"jwt_policy_field_name"`
	JWTDefaultPolicies         []string              `json:"jwt_default_policies"`
	JWTIssuedAtValidationSkew  int64                 `json:"jwt_issued_at_validation_skew"`
	JWTExpiresAtValidationSkew int64                 `json:"jwt_expires_at_validation_skew"`
	JWTNotBeforeValidationSkew int64                 `json:"jwt_not_before_validation_skew"`
	JWTSkipKid                 bool                  `json:"jwt_skip_kid"`
	JWTScopeToPolicyMapping    map[string]string     `json:"jwt_scope_to_policy_mapping"`
	JWTScopeClaimName          string                `json:"jwt_scope_claim_name"`
	EnableProxyProtocol        bool                  `json:"enable_proxy_protocol"`
	EnableBatchRequestSupport  bool                  `json:"enable_batch_request_support"`
	EnableIPWhiteListing       bool                  `json:"enable_ip_whitelisting"`
	AllowedIPs                 []string              `json:"allowed_ips"`
	EnableIPBlacklisting       bool                  `json:"enable_ip_blacklisting"`
	BlacklistedIPs             []string              `json:"blacklisted_ips"`
	IPAccessControlDisabled    bool                  `json:"ip_access_control_disabled"`
	DontSetQuotaOnCreate       bool                  `json:"dont_set_quota_on_create"`
	DisableRateLimit           bool                  `json:"disable_rate_limit"`
	DisableQuota               bool                  `json:"disable_quota"`
	GlobalRateLimit            GlobalRateLimit       `json:"global_rate_limit"`
	ExpireAnalyticsAfter       int64                 `json:"expire_analytics_after"`
	DoNotTrack                 bool                  `json:"do_not_track"`
	EnableDetailedRecording    bool                  `json:"enable_detailed_recording"`
	DetailedTracing            bool                  `json:"detailed_tracing"`
	AnalyticsPlugin            AnalyticsPluginConfig `json:"analytics_plugin,omitempty"`
	EnableContextVars          bool                  `json:"enable_context_vars"`
	ConfigData                 map[string]any        `json:"config_data"`
	ConfigDataDisabled         bool                  `json:"config_data_disabled"`
	TagHeaders                 []string              `json:"tag_headers"`
	Tags                       []string              `json:"tags"`
	TagsDisabled               bool                  `json:"tags_disabled,omitempty"`
	Expiration                 string                `json:"expiration,omitempty"`

	Proxy                          ProxyConfig            `json:"proxy"`
	VersionDefinition              VersionDefinition      `json:"definition"`
	VersionData                    VersionData            `json:"version_data"`
	UptimeTests                    UptimeTests            `json:"uptime_tests"`
	CORS                           CORSConfig             `json:"CORS"`
	CacheOptions                   CacheOptions           `json:"cache_options"`
	CustomMiddleware               MiddlewareSection      `json:"custom_middleware"`
	CustomMiddlewareBundle         string                 `json:"custom_middleware_bundle"`
	CustomMiddlewareBundleDisabled bool                   `json:"custom_middleware_bundle_disabled"`
	ResponseProcessors             []ResponseProcessor    `json:"response_processors"`
	EventHandlers                  EventHandlerMetaConfig `json:"event_handlers"`
	GraphQL                        GraphQLConfig          `json:"graphql"`

	Extra Extra `json:"-"`
}

// ProxyConfig is where and how the gateway proxies an API (schema ProxyConfig).
type ProxyConfig struct {
	ListenPath      string   `json:"listen_path"`
	TargetURL       string   `json:"target_url"`
	StripListenPath bool     `json:"strip_listen_path"`
	TargetList      []string `json:"target_list"`
	// EnableLoadBalancing round-robins over TargetList.
	EnableLoadBalancing         bool                          `json:"enable_load_balancing"`
	PreserveHostHeader          bool                          `json:"preserve_host_header"`
	DisableStripSlash           bool                          `json:"disable_strip_slash"`
	CheckHostAgainstUptimeTests bool                          `json:"check_host_against_uptime_tests"`
	ServiceDiscovery            ServiceDiscoveryConfiguration `json:"service_discovery"`
	Transport                   ProxyTransport                `json:"transport"`

	Extra Extra `json:"-"`
}

// ProxyTransport tunes the gateway's connection to the upstream
// (ProxyConfig.transport).
type ProxyTransport struct {
	SSLInsecureSkipVerify   bool     `json:"ssl_insecure_skip_verify"`
	SSLCipherSuites         []string `json:"ssl_ciphers"`
	SSLMinVersion           int64    `json:"ssl_min_version"`
	SSLMaxVersion           int64    `json:"ssl_max_version"`
	SSLForceCommonNameCheck bool     `json:"ssl_force_common_name_check"`
	ProxyURL                string   `json:"proxy_url"`

	Extra Extra `json:"-"`
}

// ServiceDiscoveryConfiguration makes the gateway find its upstream targets
// through a discovery service (schema ServiceDiscoveryConfiguration).
type ServiceDiscoveryConfiguration struct {
	UseDiscoveryService bool   `json:"use_discovery_service"`
	QueryEndpoint       string `json:"query_endpoint"`
	UseNestedQuery      bool   `json:"use_nested_query"`
	ParentDataPath      string `json:"parent_data_path"`
	DataPath            string `json:"data_path"`
	PortDataPath        string `json:"port_data_path"`
	TargetPath          string `json:"target_path"`
	UseTargetList       bool   `json:"use_target_list"`
	CacheDisabled       bool   `json:"cache_disabled"`
	CacheTimeout        int64  `json:"cache_timeout"`
	EndpointReturnsList bool   `json:"endpoint_returns_list"`

	Extra Extra `json:"-"`
}

// VersionDefinition says where a request names the API version it wants
// (schema VersionDefinition, member "definition").
type VersionDefinition struct {
	Enabled bool   `json:"enabled"`
	Name    string `json:"name"`
	Default string `json:"default"`
	// Location is "header", "url-param" or "url".
	Location             string `json:"location"`
	Key                  string `json:"key"`
	StripPath            bool   `json:"strip_path"`
	StripVersioningData  bool   `json:"strip_versioning_data"`
	URLVersioningPattern string `json:"url_versioning_pattern"`
	FallbackToDefault    bool   `json:"fallback_to_default"`
	// Versions maps a version name to the api_id of its API.
	Versions map[string]string `json:"versions"`

	Extra Extra `json:"-"`
}

// UptimeTests are the health checks the gateway runs against an API's
// upstream (schema UptimeTests).
type UptimeTests struct {
	CheckList []HostCheckObject `json:"check_list"`
	Config    UptimeTestsConfig `json:"config"`

	Extra Extra `json:"-"`
}

// HostCheckObject is one uptime check (schema HostCheckObject).
type HostCheckObject struct {
	CheckURL            string            `json:"url"`
	Protocol            string            `json:"protocol"`
	Timeout             Duration          `json:"timeout"`
	EnableProxyProtocol bool              `json:"enable_proxy_protocol"`
	Commands            []CheckCommand    `json:"commands"`
	Method              string            `json:"method"`
	Headers             map[string]string `json:"headers"`
	Body                string            `json:"body"`

	Extra Extra `json:"-"`
}

// CheckCommand is one step of a TCP uptime check (schema CheckCommand).
type CheckCommand struct {
	Name    string `json:"name"`
	Message string `json:"message"`

	Extra Extra `json:"-"`
}

// UptimeTestsConfig configures the uptime checker (schema UptimeTestsConfig).
type UptimeTestsConfig struct {
	ExpireUptimeAnalyticsAfter int64                         `json:"expire_utime_after"`
	ServiceDiscovery           ServiceDiscoveryConfiguration `json:"service_discovery"`
	RecheckWait                int64                         `json:"recheck_wait"`

	Extra Extra `json:"-"`
}

// CORSConfig is an API's CORS handling (schema CORSConfig, member "CORS").
type CORSConfig struct {
	Enable             bool     `json:"enable"`
	AllowedOrigins     []string `json:"allowed_origins"`
	AllowedMethods     []string `json:"allowed_methods"`
	AllowedHeaders     []string `json:"allowed_headers"`
	ExposedHeaders     []string `json:"exposed_headers"`
	AllowCredentials   bool     `json:"allow_credentials"`
	MaxAge             int64    `json:"max_age"`
	OptionsPassthrough bool     `json:"options_passthrough"`
	Debug              bool     `json:"debug"`

	Extra Extra `json:"-"`
}

// CacheOptions is an API's response cache (schema CacheOptions).
type CacheOptions struct {
	// CacheTimeout is in seconds.
	CacheTimeout               int64    `json:"cache_timeout"`
	EnableCache                bool     `json:"enable_cache"`
	CacheAllSafeRequests       bool     `json:"cache_all_safe_requests"`
	CacheOnlyResponseCodes     []int64  `json:"cache_response_codes"`
	EnableUpstreamCacheControl bool     `json:"enable_upstream_cache_control"`
	CacheControlTTLHeader      string   `json:"cache_control_ttl_header"`
	CacheByHeaders             []string `json:"cache_by_headers"`

	Extra Extra `json:"-"`
}

// GlobalRateLimit is a rate limit on the whole API, across keys
// (schema GlobalRateLimit).
type GlobalRateLimit struct {
	Disabled bool    `json:"disabled"`
	Rate     float64 `json:"rate"`
	Per      float64 `json:"per"`

	Extra Extra `json:"-"`
}

// AnalyticsPluginConfig is a Go plugin that edits analytics records
// (schema AnalyticsPluginConfig).
type AnalyticsPluginConfig struct {
	Enabled    bool   `json:"enable,omitempty"`
	PluginPath string `json:"plugin_path,omitempty"`
	FuncName   string `json:"func_name,omitempty"`

	Extra Extra `json:"-"`
}

// NotificationsManager says where the gateway reports OAuth key changes
// (schema NotificationsManager).
type NotificationsManager struct {
	SharedSecret      string `json:"shared_secret"`
	OAuthKeyChangeURL string `json:"oauth_on_keychange_url"`

	Extra Extra `json:"-"`
}

// ResponseProcessor is a response middleware and its options
// (schema ResponseProcessor). Options is free-form.
type ResponseProcessor struct {
	Name    string          `json:"name"`
	Options json.RawMessage `json:"options"`

	Extra Extra `json:"-"`
}

// EventHandlerMetaConfig maps an event name (e.g. "QuotaExceeded") to the
// handlers it triggers (schema EventHandlerMetaConfig).
type EventHandlerMetaConfig struct {
	Events map[string][]EventHandlerTriggerConfig `json:"events"`

	Extra Extra `json:"-"`
}

// EventHandlerTriggerConfig is one handler of an event: its name (e.g.
// "eh_web_hook_handler") and its free-form configuration
// (schema EventHandlerTriggerConfig).
type EventHandlerTriggerConfig struct {
	Handler     string         `json:"handler_name"`
	HandlerMeta map[string]any `json:"handler_meta"`

	Extra Extra `json:"-"`
}

// MiddlewareSection lists an API's custom plugins by hook
// (schema MiddlewareSection, member "custom_middleware").
type MiddlewareSection struct {
	Pre         []MiddlewareDefinition `json:"pre"`
	Post        []MiddlewareDefinition `json:"post"`
	PostKeyAuth []MiddlewareDefinition `json:"post_key_auth"`
	AuthCheck   MiddlewareDefinition   `json:"auth_check"`
	Response    []MiddlewareDefinition `json:"response"`
	// Driver is the plugin runtime: "otto", "python", "lua", "grpc", "goplugin".
	Driver      string                `json:"driver"`
	IDExtractor MiddlewareIDExtractor `json:"id_extractor"`

	Extra Extra `json:"-"`
}

// MiddlewareDefinition is one custom plugin (schema MiddlewareDefinition).
type MiddlewareDefinition struct {
	Disabled       bool   `json:"disabled"`
	Name           string `json:"name"`
	Path           string `json:"path"`
	RequireSession bool   `json:"require_session"`
	RawBodyOnly    bool   `json:"raw_body_only"`

	Extra Extra `json:"-"`
}

// MiddlewareIDExtractor caches a custom authenticator's result under an id
// taken from the request (schema MiddlewareIdExtractor).
type MiddlewareIDExtractor struct {
	Disabled        bool           `json:"disabled"`
	ExtractFrom     string         `json:"extract_from"`
	ExtractWith     string         `json:"extract_with"`
	ExtractorConfig map[string]any `json:"extractor_config"`

	Extra Extra `json:"-"`
}

// DefaultListenPath is the listen path the Dashboard gives a classic API
// created without one: "/<api_id>/".
func DefaultListenPath(apiID string) string { return "/" + apiID + "/" }
