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

type xTykMiddlewareAlias XTykMiddleware

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykMiddleware) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykMiddlewareAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykMiddleware) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykMiddlewareAlias)(&x), x.Extra)
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

type xTykGlobalAlias XTykGlobal

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykGlobal) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykGlobalAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykGlobal) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykGlobalAlias)(&x), x.Extra)
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

type xTykOperationAlias XTykOperation

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOperation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOperationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOperation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOperationAlias)(&x), x.Extra)
}

// XTykPluginConfig says how the API's custom plugins are loaded: driver, bundle and configuration data.
type XTykPluginConfig struct {
	Driver string                `json:"driver,omitempty"`
	Bundle *XTykPluginBundle     `json:"bundle,omitempty"`
	Data   *XTykPluginConfigData `json:"data,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykPluginConfigAlias XTykPluginConfig

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykPluginConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykPluginConfigAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykPluginConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykPluginConfigAlias)(&x), x.Extra)
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

type xTykCORSAlias XTykCORS

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCORS) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCORSAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCORS) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCORSAlias)(&x), x.Extra)
}

// XTykCustomPluginConfig is the older, single-object form of a list of custom plugins.
type XTykCustomPluginConfig struct {
	Plugins []XTykCustomPlugin `json:"plugins,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykCustomPluginConfigAlias XTykCustomPluginConfig

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCustomPluginConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCustomPluginConfigAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCustomPluginConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCustomPluginConfigAlias)(&x), x.Extra)
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

type xTykCustomPluginAlias XTykCustomPlugin

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCustomPlugin) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCustomPluginAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCustomPlugin) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCustomPluginAlias)(&x), x.Extra)
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

type xTykCacheAlias XTykCache

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCache) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCacheAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCache) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCacheAlias)(&x), x.Extra)
}

// XTykTransformHeaders adds and removes request or response headers.
type XTykTransformHeaders struct {
	Enabled bool         `json:"enabled"`
	Remove  []string     `json:"remove,omitzero"`
	Add     []XTykHeader `json:"add,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykTransformHeadersAlias XTykTransformHeaders

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykTransformHeaders) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykTransformHeadersAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykTransformHeaders) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykTransformHeadersAlias)(&x), x.Extra)
}

// XTykIgnoreCase matches operation paths case-insensitively.
type XTykIgnoreCase struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIgnoreCaseAlias XTykIgnoreCase

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIgnoreCase) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIgnoreCaseAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIgnoreCase) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIgnoreCaseAlias)(&x), x.Extra)
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

type xTykTrafficLogsAlias XTykTrafficLogs

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykTrafficLogs) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykTrafficLogsAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykTrafficLogs) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykTrafficLogsAlias)(&x), x.Extra)
}

// XTykGlobalRequestSizeLimit bounds the size of request bodies, for every request.
type XTykGlobalRequestSizeLimit struct {
	Enabled bool  `json:"enabled"`
	Value   int64 `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykGlobalRequestSizeLimitAlias XTykGlobalRequestSizeLimit

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykGlobalRequestSizeLimit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykGlobalRequestSizeLimitAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykGlobalRequestSizeLimit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykGlobalRequestSizeLimitAlias)(&x), x.Extra)
}

// XTykAllowance switches an allow list, block list or authentication bypass on for an operation.
type XTykAllowance struct {
	Enabled    bool  `json:"enabled"`
	IgnoreCase *bool `json:"ignoreCase,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykAllowanceAlias XTykAllowance

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykAllowance) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykAllowanceAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykAllowance) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykAllowanceAlias)(&x), x.Extra)
}

// XTykInternal makes an operation reachable only from other APIs.
type XTykInternal struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykInternalAlias XTykInternal

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykInternal) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykInternalAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykInternal) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykInternalAlias)(&x), x.Extra)
}

// XTykTransformRequestMethod changes the method of the upstream request.
type XTykTransformRequestMethod struct {
	Enabled  bool   `json:"enabled"`
	ToMethod string `json:"toMethod"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykTransformRequestMethodAlias XTykTransformRequestMethod

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykTransformRequestMethod) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykTransformRequestMethodAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykTransformRequestMethod) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykTransformRequestMethodAlias)(&x), x.Extra)
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

type xTykTransformBodyAlias XTykTransformBody

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykTransformBody) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykTransformBodyAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykTransformBody) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykTransformBodyAlias)(&x), x.Extra)
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

type xTykVirtualEndpointAlias XTykVirtualEndpoint

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykVirtualEndpoint) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykVirtualEndpointAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykVirtualEndpoint) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykVirtualEndpointAlias)(&x), x.Extra)
}

// XTykTrackEndpoint includes an operation in, or excludes it from, endpoint analytics.
type XTykTrackEndpoint struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykTrackEndpointAlias XTykTrackEndpoint

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykTrackEndpoint) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykTrackEndpointAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykTrackEndpoint) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykTrackEndpointAlias)(&x), x.Extra)
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

type xTykCircuitBreakerAlias XTykCircuitBreaker

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCircuitBreaker) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCircuitBreakerAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCircuitBreaker) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCircuitBreakerAlias)(&x), x.Extra)
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

type xTykURLRewriteAlias XTykURLRewrite

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykURLRewrite) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykURLRewriteAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykURLRewrite) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykURLRewriteAlias)(&x), x.Extra)
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

type xTykEndpointPostPluginAlias XTykEndpointPostPlugin

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykEndpointPostPlugin) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykEndpointPostPluginAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykEndpointPostPlugin) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykEndpointPostPluginAlias)(&x), x.Extra)
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

type xTykCachePluginAlias XTykCachePlugin

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCachePlugin) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCachePluginAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCachePlugin) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCachePluginAlias)(&x), x.Extra)
}

// XTykEnforceTimeout bounds the time the gateway waits for the upstream on one operation.
type XTykEnforceTimeout struct {
	Enabled  bool   `json:"enabled"`
	Value    *int64 `json:"value,omitempty"`
	Duration string `json:"duration,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykEnforceTimeoutAlias XTykEnforceTimeout

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykEnforceTimeout) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykEnforceTimeoutAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykEnforceTimeout) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykEnforceTimeoutAlias)(&x), x.Extra)
}

// XTykValidateRequest validates requests against the OpenAPI operation.
type XTykValidateRequest struct {
	Enabled           bool   `json:"enabled"`
	ErrorResponseCode *int64 `json:"errorResponseCode,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykValidateRequestAlias XTykValidateRequest

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykValidateRequest) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykValidateRequestAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykValidateRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykValidateRequestAlias)(&x), x.Extra)
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

type xTykMockResponseAlias XTykMockResponse

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykMockResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykMockResponseAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykMockResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykMockResponseAlias)(&x), x.Extra)
}

// XTykRequestSizeLimit bounds the size of request bodies on one operation.
type XTykRequestSizeLimit struct {
	Enabled bool  `json:"enabled"`
	Value   int64 `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykRequestSizeLimitAlias XTykRequestSizeLimit

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykRequestSizeLimit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykRequestSizeLimitAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykRequestSizeLimit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykRequestSizeLimitAlias)(&x), x.Extra)
}

// XTykScopeCheck enforces the OpenAPI security scopes of one operation.
type XTykScopeCheck struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykScopeCheckAlias XTykScopeCheck

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykScopeCheck) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykScopeCheckAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykScopeCheck) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykScopeCheckAlias)(&x), x.Extra)
}

// XTykOAuth2Exchange is the per-operation audience and scopes of token exchange.
type XTykOAuth2Exchange struct {
	Enabled  *bool    `json:"enabled,omitempty"`
	Audience string   `json:"audience,omitempty"`
	Scopes   []string `json:"scopes,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2ExchangeAlias XTykOAuth2Exchange

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2Exchange) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2ExchangeAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2Exchange) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2ExchangeAlias)(&x), x.Extra)
}

// XTykPluginBundle loads the custom plugins from a bundle.
type XTykPluginBundle struct {
	Enabled bool   `json:"enabled"`
	Path    string `json:"path"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykPluginBundleAlias XTykPluginBundle

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykPluginBundle) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykPluginBundleAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykPluginBundle) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykPluginBundleAlias)(&x), x.Extra)
}

// XTykPluginConfigData is configuration data handed to custom plugins.
type XTykPluginConfigData struct {
	Enabled bool `json:"enabled"`
	// Value is free-form configuration, kept as raw JSON so that numbers survive exactly.
	Value json.RawMessage `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykPluginConfigDataAlias XTykPluginConfigData

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykPluginConfigData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykPluginConfigDataAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykPluginConfigData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykPluginConfigDataAlias)(&x), x.Extra)
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

type xTykCustomAnalyticsPluginConfigAlias XTykCustomAnalyticsPluginConfig

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCustomAnalyticsPluginConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCustomAnalyticsPluginConfigAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCustomAnalyticsPluginConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCustomAnalyticsPluginConfigAlias)(&x), x.Extra)
}

// XTykURLRewriteTrigger rewrites the URL when any or all of its rules match.
type XTykURLRewriteTrigger struct {
	Condition string               `json:"condition"`
	RewriteTo string               `json:"rewriteTo"`
	Rules     []XTykURLRewriteRule `json:"rules,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykURLRewriteTriggerAlias XTykURLRewriteTrigger

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykURLRewriteTrigger) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykURLRewriteTriggerAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykURLRewriteTrigger) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykURLRewriteTriggerAlias)(&x), x.Extra)
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

type xTykMockResponseFromOASExamplesAlias XTykMockResponseFromOASExamples

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykMockResponseFromOASExamples) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykMockResponseFromOASExamplesAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykMockResponseFromOASExamples) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykMockResponseFromOASExamplesAlias)(&x), x.Extra)
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

type xTykURLRewriteRuleAlias XTykURLRewriteRule

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykURLRewriteRule) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykURLRewriteRuleAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykURLRewriteRule) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykURLRewriteRuleAlias)(&x), x.Extra)
}
