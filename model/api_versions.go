package model

// VersionData lists the versions of a classic API (schema VersionData).
type VersionData struct {
	NotVersioned   bool                   `json:"not_versioned"`
	DefaultVersion string                 `json:"default_version"`
	Versions       map[string]VersionInfo `json:"versions"`

	Extra Extra `json:"-"`
}

// VersionInfo is one version of a classic API: its expiry, global headers and
// per-endpoint middleware (schema VersionInfo).
type VersionInfo struct {
	Name string `json:"name"`
	// Expires is a date "2006-01-02 15:04" or empty for never.
	Expires string `json:"expires"`
	// Paths is the legacy, pre-extended-paths form of the allow and block
	// lists.
	Paths            VersionPaths     `json:"paths"`
	UseExtendedPaths bool             `json:"use_extended_paths"`
	ExtendedPaths    ExtendedPathsSet `json:"extended_paths"`

	GlobalHeaders                 map[string]string `json:"global_headers"`
	GlobalHeadersRemove           []string          `json:"global_headers_remove"`
	GlobalHeadersDisabled         bool              `json:"global_headers_disabled"`
	GlobalResponseHeaders         map[string]string `json:"global_response_headers"`
	GlobalResponseHeadersRemove   []string          `json:"global_response_headers_remove"`
	GlobalResponseHeadersDisabled bool              `json:"global_response_headers_disabled"`
	IgnoreEndpointCase            bool              `json:"ignore_endpoint_case"`
	// GlobalSizeLimit is the largest request body, in bytes; 0 is no limit.
	GlobalSizeLimit         int64 `json:"global_size_limit"`
	GlobalSizeLimitDisabled bool  `json:"global_size_limit_disabled"`
	// OverrideTarget sends this version to another upstream.
	OverrideTarget string `json:"override_target"`

	Extra Extra `json:"-"`
}

// VersionPaths is VersionInfo.paths: plain path lists.
type VersionPaths struct {
	Ignored   []string `json:"ignored"`
	WhiteList []string `json:"white_list"`
	BlackList []string `json:"black_list"`

	Extra Extra `json:"-"`
}

// ExtendedPathsSet is the per-endpoint middleware of a version, one list per
// kind of middleware (schema ExtendedPathsSet).
type ExtendedPathsSet struct {
	Ignored                 []EndPointMeta        `json:"ignored,omitempty"`
	WhiteList               []EndPointMeta        `json:"white_list,omitempty"`
	BlackList               []EndPointMeta        `json:"black_list,omitempty"`
	MockResponse            []MockResponseMeta    `json:"mock_response,omitempty"`
	Cached                  []string              `json:"cache,omitempty"`
	AdvanceCacheConfig      []CacheMeta           `json:"advance_cache_config,omitempty"`
	Transform               []TemplateMeta        `json:"transform,omitempty"`
	TransformResponse       []TemplateMeta        `json:"transform_response,omitempty"`
	TransformJQ             []TransformJQMeta     `json:"transform_jq,omitempty"`
	TransformJQResponse     []TransformJQMeta     `json:"transform_jq_response,omitempty"`
	TransformHeader         []HeaderInjectionMeta `json:"transform_headers,omitempty"`
	TransformResponseHeader []HeaderInjectionMeta `json:"transform_response_headers,omitempty"`
	HardTimeouts            []HardTimeoutMeta     `json:"hard_timeouts,omitempty"`
	CircuitBreaker          []CircuitBreakerMeta  `json:"circuit_breakers,omitempty"`
	URLRewrite              []URLRewriteMeta      `json:"url_rewrites,omitempty"`
	Virtual                 []VirtualMeta         `json:"virtual,omitempty"`
	SizeLimit               []RequestSizeMeta     `json:"size_limits,omitempty"`
	MethodTransforms        []MethodTransformMeta `json:"method_transforms,omitempty"`
	TrackEndpoints          []TrackEndpointMeta   `json:"track_endpoints,omitempty"`
	DoNotTrackEndpoints     []TrackEndpointMeta   `json:"do_not_track_endpoints,omitempty"`
	ValidateJSON            []ValidatePathMeta    `json:"validate_json,omitempty"`
	ValidateRequest         []ValidateRequestMeta `json:"validate_request,omitempty"`
	Internal                []InternalMeta        `json:"internal,omitempty"`
	GoPlugin                []GoPluginMeta        `json:"go_plugin,omitempty"`
	PersistGraphQL          []PersistGraphQLMeta  `json:"persist_graphql"`
	RateLimit               []RateLimitMeta       `json:"rate_limit"`

	Extra Extra `json:"-"`
}

// EndPointMeta is an allow-list, block-list or ignore entry: a path, a
// method and, in older definitions, per-method actions (schema EndPointMeta).
type EndPointMeta struct {
	Disabled      bool                          `json:"disabled"`
	Path          string                        `json:"path"`
	Method        string                        `json:"method"`
	IgnoreCase    bool                          `json:"ignore_case"`
	MethodActions map[string]EndpointMethodMeta `json:"method_actions,omitempty"`

	Extra Extra `json:"-"`
}

// EndpointMethodMeta is what the gateway does with one method of an
// endpoint: "no_action", "reply" (with Code, Data, Headers)
// (schema EndpointMethodMeta).
type EndpointMethodMeta struct {
	Action  string            `json:"action"`
	Code    int64             `json:"code"`
	Data    string            `json:"data"`
	Headers map[string]string `json:"headers"`

	Extra Extra `json:"-"`
}

// MockResponseMeta answers an endpoint without calling the upstream
// (schema MockResponseMeta).
type MockResponseMeta struct {
	Disabled   bool              `json:"disabled"`
	Path       string            `json:"path"`
	Method     string            `json:"method"`
	IgnoreCase bool              `json:"ignore_case"`
	Code       int64             `json:"code"`
	Body       string            `json:"body"`
	Headers    map[string]string `json:"headers"`

	Extra Extra `json:"-"`
}

// CacheMeta caches one endpoint (schema CacheMeta).
type CacheMeta struct {
	Disabled               bool    `json:"disabled"`
	Method                 string  `json:"method"`
	Path                   string  `json:"path"`
	CacheKeyRegex          string  `json:"cache_key_regex"`
	CacheOnlyResponseCodes []int64 `json:"cache_response_codes"`
	// Timeout is in seconds.
	Timeout int64 `json:"timeout"`

	Extra Extra `json:"-"`
}

// TemplateMeta transforms an endpoint's request or response body with a Go
// template (schema TemplateMeta).
type TemplateMeta struct {
	Disabled     bool         `json:"disabled"`
	TemplateData TemplateData `json:"template_data"`
	Path         string       `json:"path"`
	Method       string       `json:"method"`

	Extra Extra `json:"-"`
}

// TemplateData is a body transform's template (schema TemplateData).
type TemplateData struct {
	// InputType is "json" or "xml".
	Input string `json:"input_type"`
	// Mode is "blob" (TemplateSource is base64) or "file".
	Mode           string `json:"template_mode"`
	EnableSession  bool   `json:"enable_session"`
	TemplateSource string `json:"template_source"`

	Extra Extra `json:"-"`
}

// TransformJQMeta transforms an endpoint's body with a jq filter
// (schema TransformJQMeta).
type TransformJQMeta struct {
	Filter string `json:"filter"`
	Path   string `json:"path"`
	Method string `json:"method"`

	Extra Extra `json:"-"`
}

// HeaderInjectionMeta adds and removes headers on an endpoint
// (schema HeaderInjectionMeta).
type HeaderInjectionMeta struct {
	Disabled      bool              `json:"disabled"`
	DeleteHeaders []string          `json:"delete_headers"`
	AddHeaders    map[string]string `json:"add_headers"`
	Path          string            `json:"path"`
	Method        string            `json:"method"`
	ActOnResponse bool              `json:"act_on"`

	Extra Extra `json:"-"`
}

// HardTimeoutMeta ends an endpoint's upstream call after TimeOut seconds
// (schema HardTimeoutMeta).
type HardTimeoutMeta struct {
	Disabled bool   `json:"disabled"`
	Path     string `json:"path"`
	Method   string `json:"method"`
	TimeOut  int64  `json:"timeout"`

	Extra Extra `json:"-"`
}

// CircuitBreakerMeta trips an endpoint when too many upstream calls fail
// (schema CircuitBreakerMeta).
type CircuitBreakerMeta struct {
	Disabled             bool    `json:"disabled"`
	Path                 string  `json:"path"`
	Method               string  `json:"method"`
	ThresholdPercent     float64 `json:"threshold_percent"`
	Samples              int64   `json:"samples"`
	ReturnToServiceAfter int64   `json:"return_to_service_after"`
	DisableHalfOpenState bool    `json:"disable_half_open_state"`

	Extra Extra `json:"-"`
}

// URLRewriteMeta rewrites an endpoint's URL, optionally by trigger
// (schema URLRewriteMeta).
type URLRewriteMeta struct {
	Disabled     bool             `json:"disabled"`
	Path         string           `json:"path"`
	Method       string           `json:"method"`
	MatchPattern string           `json:"match_pattern"`
	RewriteTo    string           `json:"rewrite_to"`
	Triggers     []RoutingTrigger `json:"triggers"`

	Extra Extra `json:"-"`
}

// RoutingTrigger rewrites to RewriteTo when any ("any") or all ("all") of
// its options match (schema RoutingTrigger).
type RoutingTrigger struct {
	On        string                `json:"on"`
	Options   RoutingTriggerOptions `json:"options"`
	RewriteTo string                `json:"rewrite_to"`

	Extra Extra `json:"-"`
}

// RoutingTriggerOptions are the matches of a RoutingTrigger, each keyed by
// the header, query value, path part, session meta or context name it reads
// (schema RoutingTriggerOptions).
type RoutingTriggerOptions struct {
	HeaderMatches         map[string]StringRegexMap `json:"header_matches"`
	QueryValMatches       map[string]StringRegexMap `json:"query_val_matches"`
	PathPartMatches       map[string]StringRegexMap `json:"path_part_matches"`
	SessionMetaMatches    map[string]StringRegexMap `json:"session_meta_matches"`
	RequestContextMatches map[string]StringRegexMap `json:"request_context_matches"`
	PayloadMatches        StringRegexMap            `json:"payload_matches"`

	Extra Extra `json:"-"`
}

// StringRegexMap is a regular expression to match, or with Reverse to not
// match (schema StringRegexMap).
type StringRegexMap struct {
	MatchPattern string `json:"match_rx"`
	Reverse      bool   `json:"reverse"`

	Extra Extra `json:"-"`
}

// VirtualMeta answers an endpoint with a JavaScript function
// (schema VirtualMeta).
type VirtualMeta struct {
	Disabled             bool   `json:"disabled"`
	ResponseFunctionName string `json:"response_function_name"`
	FunctionSourceType   string `json:"function_source_type"`
	FunctionSourceURI    string `json:"function_source_uri"`
	Path                 string `json:"path"`
	Method               string `json:"method"`
	UseSession           bool   `json:"use_session"`
	ProxyOnError         bool   `json:"proxy_on_error"`

	Extra Extra `json:"-"`
}

// RequestSizeMeta limits an endpoint's request body to SizeLimit bytes
// (schema RequestSizeMeta).
type RequestSizeMeta struct {
	Disabled  bool   `json:"disabled"`
	Path      string `json:"path"`
	Method    string `json:"method"`
	SizeLimit int64  `json:"size_limit"`

	Extra Extra `json:"-"`
}

// MethodTransformMeta changes an endpoint's request method
// (schema MethodTransformMeta).
type MethodTransformMeta struct {
	Disabled bool   `json:"disabled"`
	Path     string `json:"path"`
	Method   string `json:"method"`
	ToMethod string `json:"to_method"`

	Extra Extra `json:"-"`
}

// TrackEndpointMeta turns endpoint tracking in analytics on or off
// (schema TrackEndpointMeta).
type TrackEndpointMeta struct {
	Disabled bool   `json:"disabled"`
	Path     string `json:"path"`
	Method   string `json:"method"`

	Extra Extra `json:"-"`
}

// ValidatePathMeta validates an endpoint's JSON body against a JSON Schema
// (schema ValidatePathMeta). Schema is the schema itself, SchemaB64 the same
// base64-encoded.
type ValidatePathMeta struct {
	Disabled          bool           `json:"disabled"`
	Path              string         `json:"path"`
	Method            string         `json:"method"`
	Schema            map[string]any `json:"schema"`
	SchemaB64         string         `json:"schema_b64,omitempty"`
	ErrorResponseCode int64          `json:"error_response_code"`

	Extra Extra `json:"-"`
}

// ValidateRequestMeta validates an endpoint's request against the API's
// OpenAPI description (schema ValidateRequestMeta).
type ValidateRequestMeta struct {
	Enabled           bool   `json:"enabled"`
	Path              string `json:"path"`
	Method            string `json:"method"`
	ErrorResponseCode int64  `json:"error_response_code"`

	Extra Extra `json:"-"`
}

// InternalMeta makes an endpoint reachable only from other APIs
// (schema InternalMeta).
type InternalMeta struct {
	Disabled bool   `json:"disabled"`
	Path     string `json:"path"`
	Method   string `json:"method"`

	Extra Extra `json:"-"`
}

// GoPluginMeta runs a Go plugin on an endpoint (schema GoPluginMeta).
type GoPluginMeta struct {
	Disabled   bool   `json:"disabled"`
	Path       string `json:"path"`
	Method     string `json:"method"`
	PluginPath string `json:"plugin_path"`
	SymbolName string `json:"func_name"`

	Extra Extra `json:"-"`
}

// PersistGraphQLMeta turns a REST endpoint into a stored GraphQL operation
// (schema PersistGraphQLMeta).
type PersistGraphQLMeta struct {
	Path      string         `json:"path"`
	Method    string         `json:"method"`
	Operation string         `json:"operation"`
	Variables map[string]any `json:"variables"`

	Extra Extra `json:"-"`
}

// RateLimitMeta rate-limits one endpoint across keys (schema RateLimitMeta).
type RateLimitMeta struct {
	Disabled bool    `json:"disabled"`
	Path     string  `json:"path"`
	Method   string  `json:"method"`
	Rate     float64 `json:"rate"`
	Per      float64 `json:"per"`

	Extra Extra `json:"-"`
}
