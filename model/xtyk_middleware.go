package model

// This file holds the middleware section of the Tyk OAS extension.

import "encoding/json"

// XTykOperations holds the per-operation middleware, keyed by the operationId of the OpenAPI
// operation it applies to.
type XTykOperations map[string]*XTykOperation

// XTykMiddleware is the middleware of the API: API-wide (global) and per operation (middleware).
type XTykMiddleware struct {
	// Global holds the middleware applied to every request.
	Global *XTykGlobal `json:"global,omitempty"`
	// Operations holds per-operation middleware by operationId.
	Operations XTykOperations `json:"operations,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykGlobal is the middleware applied to every request of the API (middleware.global).
type XTykGlobal struct {
	// PluginConfig loads custom plugins (classic custom_middleware.driver, custom_middleware_bundle, config_data).
	PluginConfig *XTykPluginConfig `json:"pluginConfig,omitempty"`

	// CORS is the API's CORS handling (classic CORS).
	CORS                      *XTykCORS               `json:"cors,omitempty"`
	PrePlugin                 *XTykCustomPluginConfig `json:"prePlugin,omitempty"`
	PrePlugins                []XTykCustomPlugin      `json:"prePlugins,omitzero"`
	PostAuthenticationPlugin  *XTykCustomPluginConfig `json:"postAuthenticationPlugin,omitempty"`
	PostAuthenticationPlugins []XTykCustomPlugin      `json:"postAuthenticationPlugins,omitzero"`
	PostPlugin                *XTykCustomPluginConfig `json:"postPlugin,omitempty"`
	PostPlugins               []XTykCustomPlugin      `json:"postPlugins,omitzero"`
	ResponsePlugin            *XTykCustomPluginConfig `json:"responsePlugin,omitempty"`
	ResponsePlugins           []XTykCustomPlugin      `json:"responsePlugins,omitzero"`

	// Cache is the API-wide response cache (classic cache_options).
	Cache                    *XTykCache            `json:"cache,omitempty"`
	TransformRequestHeaders  *XTykTransformHeaders `json:"transformRequestHeaders,omitempty"`
	TransformResponseHeaders *XTykTransformHeaders `json:"transformResponseHeaders,omitempty"`

	// ContextVariables exposes request context variables (classic enable_context_vars).
	ContextVariables *XTykContextVariables `json:"contextVariables,omitempty"`
	IgnoreCase       *XTykIgnoreCase       `json:"ignoreCase,omitempty"`

	// TrafficLogs controls analytics records (classic do_not_track, tag_headers, expire_analytics_after).
	TrafficLogs      *XTykTrafficLogs            `json:"trafficLogs,omitempty"`
	RequestSizeLimit *XTykGlobalRequestSizeLimit `json:"requestSizeLimit,omitempty"`
	SkipRateLimit    *bool                       `json:"skipRateLimit,omitempty"`
	SkipQuota        *bool                       `json:"skipQuota,omitempty"`
	SkipQuotaReset   *bool                       `json:"skipQuotaReset,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykOperation is the middleware of one OpenAPI operation (middleware.operations[operationId]).
type XTykOperation struct {
	Allow                    *XTykAllowance              `json:"allow,omitempty"`
	Block                    *XTykAllowance              `json:"block,omitempty"`
	IgnoreAuthentication     *XTykAllowance              `json:"ignoreAuthentication,omitempty"`
	Internal                 *XTykInternal               `json:"internal,omitempty"`
	TransformRequestMethod   *XTykTransformRequestMethod `json:"transformRequestMethod,omitempty"`
	TransformRequestBody     *XTykTransformBody          `json:"transformRequestBody,omitempty"`
	TransformResponseBody    *XTykTransformBody          `json:"transformResponseBody,omitempty"`
	TransformRequestHeaders  *XTykTransformHeaders       `json:"transformRequestHeaders,omitempty"`
	TransformResponseHeaders *XTykTransformHeaders       `json:"transformResponseHeaders,omitempty"`
	VirtualEndpoint          *XTykVirtualEndpoint        `json:"virtualEndpoint,omitempty"`
	TrackEndpoint            *XTykTrackEndpoint          `json:"trackEndpoint,omitempty"`
	DoNotTrackEndpoint       *XTykTrackEndpoint          `json:"doNotTrackEndpoint,omitempty"`
	CircuitBreaker           *XTykCircuitBreaker         `json:"circuitBreaker,omitempty"`
	URLRewrite               *XTykURLRewrite             `json:"urlRewrite,omitempty"`
	PostPlugins              []XTykEndpointPostPlugin    `json:"postPlugins,omitzero"`
	Cache                    *XTykCachePlugin            `json:"cache,omitempty"`
	EnforceTimeout           *XTykEnforceTimeout         `json:"enforceTimeout,omitempty"`
	ValidateRequest          *XTykValidateRequest        `json:"validateRequest,omitempty"`
	MockResponse             *XTykMockResponse           `json:"mockResponse,omitempty"`
	RequestSizeLimit         *XTykRequestSizeLimit       `json:"requestSizeLimit,omitempty"`
	RateLimit                *XTykRateLimit              `json:"rateLimit,omitempty"`
	ScopeCheck               *XTykScopeCheck             `json:"scopeCheck,omitempty"`
	Exchange                 *XTykOAuth2Exchange         `json:"exchange,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPluginConfig says how the API's custom plugins are loaded: driver, bundle and configuration data.
type XTykPluginConfig struct {
	Driver string                `json:"driver,omitempty"`
	Bundle *XTykPluginBundle     `json:"bundle,omitempty"`
	Data   *XTykPluginConfigData `json:"data,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCORS is the CORS handling of the API.
type XTykCORS struct {
	Enabled            bool     `json:"enabled"`
	MaxAge             *int64   `json:"maxAge,omitempty"`
	AllowCredentials   *bool    `json:"allowCredentials,omitempty"`
	ExposedHeaders     []string `json:"exposedHeaders,omitzero"`
	AllowedHeaders     []string `json:"allowedHeaders,omitzero"`
	OptionsPassthrough *bool    `json:"optionsPassthrough,omitempty"`
	Debug              *bool    `json:"debug,omitempty"`
	AllowedOrigins     []string `json:"allowedOrigins,omitzero"`
	AllowedMethods     []string `json:"allowedMethods,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCustomPluginConfig is the older, single-object form of a list of custom plugins.
type XTykCustomPluginConfig struct {
	Plugins []XTykCustomPlugin `json:"plugins,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCustomPlugin is one custom plugin function.
type XTykCustomPlugin struct {
	Enabled        bool   `json:"enabled"`
	FunctionName   string `json:"functionName"`
	Path           string `json:"path,omitempty"`
	Code           string `json:"code,omitempty"`
	PluginID       string `json:"pluginId,omitempty"`
	PluginHash     string `json:"pluginHash,omitempty"`
	RawBodyOnly    *bool  `json:"rawBodyOnly,omitempty"`
	RequireSession *bool  `json:"requireSession,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCache is the API-wide response cache.
type XTykCache struct {
	Enabled                    *bool    `json:"enabled,omitempty"`
	Timeout                    *int64   `json:"timeout,omitempty"`
	CacheAllSafeRequests       *bool    `json:"cacheAllSafeRequests,omitempty"`
	CacheResponseCodes         []int64  `json:"cacheResponseCodes,omitzero"`
	CacheByHeaders             []string `json:"cacheByHeaders,omitzero"`
	EnableUpstreamCacheControl *bool    `json:"enableUpstreamCacheControl,omitempty"`
	ControlTTLHeaderName       string   `json:"controlTTLHeaderName,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTransformHeaders adds and removes request or response headers.
type XTykTransformHeaders struct {
	Enabled bool         `json:"enabled"`
	Remove  []string     `json:"remove,omitzero"`
	Add     []XTykHeader `json:"add,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykIgnoreCase matches operation paths case-insensitively.
type XTykIgnoreCase struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTrafficLogs controls the analytics records of the API.
type XTykTrafficLogs struct {
	Enabled               bool                              `json:"enabled"`
	TagHeaders            []string                          `json:"tagHeaders,omitzero"`
	CustomRetentionPeriod string                            `json:"customRetentionPeriod,omitempty"`
	Plugins               []XTykCustomAnalyticsPluginConfig `json:"plugins,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykGlobalRequestSizeLimit bounds the size of request bodies, for every request.
type XTykGlobalRequestSizeLimit struct {
	Enabled bool  `json:"enabled"`
	Value   int64 `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykAllowance switches an allow list, block list or authentication bypass on for an operation.
type XTykAllowance struct {
	Enabled    bool  `json:"enabled"`
	IgnoreCase *bool `json:"ignoreCase,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykInternal makes an operation reachable only from other APIs.
type XTykInternal struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTransformRequestMethod changes the method of the upstream request.
type XTykTransformRequestMethod struct {
	Enabled  bool   `json:"enabled"`
	ToMethod string `json:"toMethod"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTransformBody transforms a request or response body with a template, inline (body, base64) or from a file
// (path).
type XTykTransformBody struct {
	Enabled bool   `json:"enabled"`
	Format  string `json:"format"`
	Path    string `json:"path,omitempty"`
	// Body is the template, base64-encoded.
	Body string `json:"body,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykVirtualEndpoint answers an operation with a JavaScript function instead of the upstream.
type XTykVirtualEndpoint struct {
	Enabled        bool   `json:"enabled"`
	Name           string `json:"name,omitempty"`
	FunctionName   string `json:"functionName"`
	Path           string `json:"path,omitempty"`
	Body           string `json:"body,omitempty"`
	ProxyOnError   *bool  `json:"proxyOnError,omitempty"`
	RequireSession *bool  `json:"requireSession,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTrackEndpoint includes an operation in, or excludes it from, endpoint analytics.
type XTykTrackEndpoint struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCircuitBreaker stops calling a failing upstream for a while.
type XTykCircuitBreaker struct {
	Enabled              bool    `json:"enabled"`
	Threshold            float64 `json:"threshold"`
	SampleSize           int64   `json:"sampleSize"`
	CoolDownPeriod       int64   `json:"coolDownPeriod"`
	HalfOpenStateEnabled bool    `json:"halfOpenStateEnabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykURLRewrite rewrites the upstream URL of an operation, optionally under triggers.
type XTykURLRewrite struct {
	Enabled   bool                    `json:"enabled"`
	Pattern   string                  `json:"pattern"`
	RewriteTo string                  `json:"rewriteTo"`
	Triggers  []XTykURLRewriteTrigger `json:"triggers,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykEndpointPostPlugin is a custom plugin run for one operation.
type XTykEndpointPostPlugin struct {
	Enabled      bool   `json:"enabled"`
	Name         string `json:"name,omitempty"`
	FunctionName string `json:"functionName"`
	Path         string `json:"path"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCachePlugin caches the responses of one operation.
type XTykCachePlugin struct {
	Enabled            bool    `json:"enabled"`
	CacheByRegex       string  `json:"cacheByRegex,omitempty"`
	CacheResponseCodes []int64 `json:"cacheResponseCodes,omitzero"`
	Timeout            *int64  `json:"timeout,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykEnforceTimeout bounds the time the gateway waits for the upstream on one operation.
type XTykEnforceTimeout struct {
	Enabled  bool   `json:"enabled"`
	Value    *int64 `json:"value,omitempty"`
	Duration string `json:"duration,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykValidateRequest validates requests against the OpenAPI operation.
type XTykValidateRequest struct {
	Enabled           bool   `json:"enabled"`
	ErrorResponseCode *int64 `json:"errorResponseCode,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykMockResponse answers an operation with a fixed or example response instead of the upstream.
type XTykMockResponse struct {
	Enabled         bool                             `json:"enabled"`
	Code            *int64                           `json:"code,omitempty"`
	Body            string                           `json:"body,omitempty"`
	Headers         []XTykHeader                     `json:"headers,omitzero"`
	FromOASExamples *XTykMockResponseFromOASExamples `json:"fromOASExamples,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykRequestSizeLimit bounds the size of request bodies on one operation.
type XTykRequestSizeLimit struct {
	Enabled bool  `json:"enabled"`
	Value   int64 `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykScopeCheck enforces the OpenAPI security scopes of one operation.
type XTykScopeCheck struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykOAuth2Exchange is the per-operation audience and scopes of token exchange.
type XTykOAuth2Exchange struct {
	Enabled  *bool    `json:"enabled,omitempty"`
	Audience string   `json:"audience,omitempty"`
	Scopes   []string `json:"scopes,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPluginBundle loads the custom plugins from a bundle.
type XTykPluginBundle struct {
	Enabled bool   `json:"enabled"`
	Path    string `json:"path"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPluginConfigData is configuration data handed to custom plugins.
type XTykPluginConfigData struct {
	Enabled bool `json:"enabled"`
	// Value is free-form configuration, kept as raw JSON so that numbers survive exactly.
	Value json.RawMessage `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCustomAnalyticsPluginConfig is a plugin that rewrites analytics records (trafficLogs.plugins).
type XTykCustomAnalyticsPluginConfig struct {
	Enabled      bool   `json:"enabled"`
	FunctionName string `json:"functionName,omitempty"`
	Path         string `json:"path,omitempty"`
	Code         string `json:"code,omitempty"`
	PluginID     string `json:"pluginId,omitempty"`
	PluginHash   string `json:"pluginHash,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykURLRewriteTrigger rewrites the URL when any or all of its rules match.
type XTykURLRewriteTrigger struct {
	Condition string               `json:"condition"`
	RewriteTo string               `json:"rewriteTo"`
	Rules     []XTykURLRewriteRule `json:"rules,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykMockResponseFromOASExamples builds the mock response from the examples of the OpenAPI operation.
type XTykMockResponseFromOASExamples struct {
	Enabled     bool   `json:"enabled"`
	Code        *int64 `json:"code,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	ExampleName string `json:"exampleName,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykURLRewriteRule is one condition of a URL rewrite trigger, on the query, path, a header, session metadata,
// the request context or the request body.
type XTykURLRewriteRule struct {
	In      string `json:"in"`
	Name    string `json:"name,omitempty"`
	Pattern string `json:"pattern"`
	Negate  *bool  `json:"negate,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}
