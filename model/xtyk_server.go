package model

// This file holds the server section of the Tyk OAS extension, authentication included.

import "encoding/json"

// XTykServer is how clients reach the API on the gateway: listen path, domain, authentication, tags, logs and
// events (server).
type XTykServer struct {
	// ListenPath is where the API listens on the gateway (classic proxy.listen_path, strip_listen_path).
	ListenPath *XTykListenPath `json:"listenPath,omitempty"`
	// Slug is a legacy member, unused by gateways since 5.3.0.
	Slug string `json:"slug,omitempty"`

	// Authentication is how clients authenticate; absent or disabled means keyless (classic use_keyless, auth_configs, ...).
	Authentication *XTykAuthentication `json:"authentication,omitempty"`

	// ClientCertificates requires client certificates (classic use_mutual_tls_auth, client_certificates).
	ClientCertificates *XTykClientCertificates `json:"clientCertificates,omitempty"`

	// GatewayTags restricts the API to tagged gateways (classic tags, tags_disabled).
	GatewayTags *XTykGatewayTags `json:"gatewayTags,omitempty"`

	// CustomDomain serves the API on its own domain (classic domain, domain_disabled, certificates).
	CustomDomain *XTykCustomDomain `json:"customDomain,omitempty"`

	// DetailedActivityLogs records bodies in analytics (classic enable_detailed_recording).
	DetailedActivityLogs *XTykDetailedActivityLogs `json:"detailedActivityLogs,omitempty"`

	// DetailedTracing traces each middleware (classic detailed_tracing).
	DetailedTracing *XTykDetailedTracing `json:"detailedTracing,omitempty"`

	// EventHandlers react to gateway events (classic event_handlers).
	EventHandlers    []XTykEventHandler    `json:"eventHandlers,omitzero"`
	ContextVariables *XTykContextVariables `json:"contextVariables,omitempty"`

	// IPAccessControl allows or blocks client addresses (classic allowed_ips, blacklisted_ips).
	IPAccessControl *XTykIPAccessControl `json:"ipAccessControl,omitempty"`
	BatchProcessing *XTykBatchProcessing `json:"batchProcessing,omitempty"`
	Port            *int64               `json:"port,omitempty"`
	Protocol        string               `json:"protocol,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykServerAlias XTykServer

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykServer) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykServerAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykServer) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykServerAlias)(&x), x.Extra)
}

// XTykListenPath is the path the API listens on, and whether it is stripped before proxying.
type XTykListenPath struct {
	Value string `json:"value"`
	Strip *bool  `json:"strip,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykListenPathAlias XTykListenPath

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykListenPath) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykListenPathAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykListenPath) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykListenPathAlias)(&x), x.Extra)
}

// XTykAuthentication is the client authentication of the API. Enabled false makes the API keyless.
type XTykAuthentication struct {
	// Enabled protects the API; false makes it keyless (classic !use_keyless).
	Enabled bool `json:"enabled"`

	// StripAuthorizationData removes credentials before proxying (classic strip_auth_data).
	StripAuthorizationData *bool `json:"stripAuthorizationData,omitempty"`
	// BaseIdentityProvider names the scheme whose identity becomes the session when several are required
	// together.
	BaseIdentityProvider string `json:"baseIdentityProvider,omitempty"`

	// HMAC authenticates by request signatures (classic enable_signature_checking).
	HMAC   *XTykHMAC                       `json:"hmac,omitempty"`
	OIDC   *XTykOIDC                       `json:"oidc,omitempty"`
	Custom *XTykCustomPluginAuthentication `json:"custom,omitempty"`
	// SecuritySchemes holds the Tyk side of the OpenAPI security schemes, by scheme name.
	SecuritySchemes map[string]*XTykSecurityScheme `json:"securitySchemes,omitzero"`

	// CustomKeyLifetime bounds the lifetime of keys (classic session_lifetime).
	CustomKeyLifetime         *XTykAuthenticationCustomKeyLifetime `json:"customKeyLifetime,omitempty"`
	SecurityProcessingMode    string                               `json:"securityProcessingMode,omitempty"`
	Security                  [][]string                           `json:"security,omitzero"`
	ProtectedResourceMetadata *XTykProtectedResourceMetadata       `json:"protectedResourceMetadata,omitempty"`
	CertificateAuth           *XTykCertificateAuth                 `json:"certificateAuth,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykAuthenticationAlias XTykAuthentication

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykAuthentication) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykAuthenticationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykAuthentication) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykAuthenticationAlias)(&x), x.Extra)
}

// XTykClientCertificates requires clients to present one of the allowed certificates (mutual TLS).
type XTykClientCertificates struct {
	Enabled   *bool    `json:"enabled,omitempty"`
	Allowlist []string `json:"allowlist,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykClientCertificatesAlias XTykClientCertificates

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykClientCertificates) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykClientCertificatesAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykClientCertificates) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykClientCertificatesAlias)(&x), x.Extra)
}

// XTykGatewayTags restricts the API to gateways carrying these tags (segment tags).
type XTykGatewayTags struct {
	Enabled bool     `json:"enabled"`
	Tags    []string `json:"tags"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykGatewayTagsAlias XTykGatewayTags

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykGatewayTags) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykGatewayTagsAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykGatewayTags) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykGatewayTagsAlias)(&x), x.Extra)
}

// XTykCustomDomain serves the API only on a custom domain, with its certificates.
type XTykCustomDomain struct {
	Enabled      bool     `json:"enabled"`
	Name         string   `json:"name"`
	Certificates []string `json:"certificates,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykCustomDomainAlias XTykCustomDomain

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCustomDomain) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCustomDomainAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCustomDomain) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCustomDomainAlias)(&x), x.Extra)
}

// XTykDetailedActivityLogs records request and response bodies in analytics.
type XTykDetailedActivityLogs struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykDetailedActivityLogsAlias XTykDetailedActivityLogs

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykDetailedActivityLogs) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykDetailedActivityLogsAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykDetailedActivityLogs) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykDetailedActivityLogsAlias)(&x), x.Extra)
}

// XTykDetailedTracing records a trace span per middleware.
type XTykDetailedTracing struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykDetailedTracingAlias XTykDetailedTracing

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykDetailedTracing) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykDetailedTracingAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykDetailedTracing) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykDetailedTracingAlias)(&x), x.Extra)
}

// XTykEventHandler reacts to a gateway event: a webhook (with or without a stored webhook id), a JavaScript
// function or a log line. The schema allows one of those shapes; Type says which, and one struct carries the
// members of all of them.
type XTykEventHandler struct {
	Enabled        bool         `json:"enabled"`
	Trigger        string       `json:"trigger"`
	Type           string       `json:"type"`
	ID             string       `json:"id,omitempty"`
	CooldownPeriod string       `json:"cooldownPeriod,omitempty"`
	Name           string       `json:"name,omitempty"`
	URL            string       `json:"url,omitempty"`
	Method         string       `json:"method,omitempty"`
	BodyTemplate   string       `json:"bodyTemplate,omitempty"`
	Headers        []XTykHeader `json:"headers,omitzero"`
	FunctionName   string       `json:"functionName,omitempty"`
	Path           string       `json:"path,omitempty"`
	LogPrefix      string       `json:"logPrefix,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykEventHandlerAlias XTykEventHandler

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykEventHandler) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykEventHandlerAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykEventHandler) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykEventHandlerAlias)(&x), x.Extra)
}

// XTykContextVariables makes request context variables available to middleware.
type XTykContextVariables struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykContextVariablesAlias XTykContextVariables

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykContextVariables) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykContextVariablesAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykContextVariables) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykContextVariablesAlias)(&x), x.Extra)
}

// XTykIPAccessControl allows or blocks clients by IP address.
type XTykIPAccessControl struct {
	Enabled *bool    `json:"enabled,omitempty"`
	Allow   []string `json:"allow,omitzero"`
	Block   []string `json:"block,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIPAccessControlAlias XTykIPAccessControl

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIPAccessControl) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIPAccessControlAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIPAccessControl) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIPAccessControlAlias)(&x), x.Extra)
}

// XTykBatchProcessing lets clients send batches of requests to the API.
type XTykBatchProcessing struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykBatchProcessingAlias XTykBatchProcessing

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykBatchProcessing) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykBatchProcessingAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykBatchProcessing) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykBatchProcessingAlias)(&x), x.Extra)
}

// XTykHMAC authenticates clients by HMAC request signatures.
type XTykHMAC struct {
	Enabled           bool            `json:"enabled"`
	Header            *XTykAuthSource `json:"header,omitempty"`
	Cookie            *XTykAuthSource `json:"cookie,omitempty"`
	Query             *XTykAuthSource `json:"query,omitempty"`
	AllowedAlgorithms []string        `json:"allowedAlgorithms,omitzero"`
	AllowedClockSkew  *float64        `json:"allowedClockSkew,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykHMACAlias XTykHMAC

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykHMAC) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykHMACAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykHMAC) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykHMACAlias)(&x), x.Extra)
}

// XTykOIDC authenticates clients by OpenID Connect tokens (deprecated by the gateway in favour of JWT).
type XTykOIDC struct {
	Enabled             bool            `json:"enabled"`
	Header              *XTykAuthSource `json:"header,omitempty"`
	Cookie              *XTykAuthSource `json:"cookie,omitempty"`
	Query               *XTykAuthSource `json:"query,omitempty"`
	SegregateByClientID *bool           `json:"segregateByClientId,omitempty"`
	Providers           []XTykProvider  `json:"providers,omitzero"`
	Scopes              *XTykScopes     `json:"scopes,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOIDCAlias XTykOIDC

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOIDC) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOIDCAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOIDC) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOIDCAlias)(&x), x.Extra)
}

// XTykCustomPluginAuthentication authenticates clients with a custom plugin.
type XTykCustomPluginAuthentication struct {
	Enabled bool                      `json:"enabled"`
	Config  *XTykAuthenticationPlugin `json:"config,omitempty"`
	Header  *XTykAuthSource           `json:"header,omitempty"`
	Cookie  *XTykAuthSource           `json:"cookie,omitempty"`
	Query   *XTykAuthSource           `json:"query,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykCustomPluginAuthenticationAlias XTykCustomPluginAuthentication

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCustomPluginAuthentication) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCustomPluginAuthenticationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCustomPluginAuthentication) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCustomPluginAuthenticationAlias)(&x), x.Extra)
}

// XTykSecurityScheme is the Tyk side of one OpenAPI security scheme, keyed by the scheme's name in
// server.authentication.securitySchemes. The schema allows one of several shapes (token, JWT, basic, OAuth,
// external OAuth, OAuth 2.0) and the kind of the OpenAPI scheme of the same name says which applies, so one
// struct carries the members of all of them.
type XTykSecurityScheme struct {
	Enabled                    bool                                     `json:"enabled"`
	Header                     *XTykAuthSource                          `json:"header,omitempty"`
	Cookie                     *XTykAuthSource                          `json:"cookie,omitempty"`
	Query                      *XTykAuthSource                          `json:"query,omitempty"`
	EnableClientCertificate    *bool                                    `json:"enableClientCertificate,omitempty"`
	SignatureValidation        *XTykSignature                           `json:"signatureValidation,omitempty"`
	Source                     string                                   `json:"source,omitempty"`
	SigningMethod              string                                   `json:"signingMethod,omitempty"`
	IdentityBaseField          string                                   `json:"identityBaseField,omitempty"`
	SubjectClaims              []string                                 `json:"subjectClaims,omitzero"`
	JWKSURIs                   []XTykJWKSURI                            `json:"jwksURIs,omitzero"`
	SkipKid                    *bool                                    `json:"skipKid,omitempty"`
	PolicyFieldName            string                                   `json:"policyFieldName,omitempty"`
	BasePolicyClaims           []string                                 `json:"basePolicyClaims,omitzero"`
	AllowedIssuers             []string                                 `json:"allowedIssuers,omitzero"`
	AllowedAudiences           []string                                 `json:"allowedAudiences,omitzero"`
	JTIValidation              *XTykSecuritySchemeJTIValidation         `json:"jtiValidation,omitempty"`
	AllowedSubjects            []string                                 `json:"allowedSubjects,omitzero"`
	ClientBaseField            string                                   `json:"clientBaseField,omitempty"`
	Scopes                     *XTykScopes                              `json:"scopes,omitempty"`
	DefaultPolicies            []string                                 `json:"defaultPolicies,omitzero"`
	IssuedAtValidationSkew     *int64                                   `json:"issuedAtValidationSkew,omitempty"`
	NotBeforeValidationSkew    *int64                                   `json:"notBeforeValidationSkew,omitempty"`
	ExpiresAtValidationSkew    *int64                                   `json:"expiresAtValidationSkew,omitempty"`
	IDPClientIDMappingDisabled *bool                                    `json:"idpClientIdMappingDisabled,omitempty"`
	CustomClaimValidation      *XTykSecuritySchemeCustomClaimValidation `json:"customClaimValidation,omitempty"`
	DisableCaching             *bool                                    `json:"disableCaching,omitempty"`
	CacheTTL                   *int64                                   `json:"cacheTTL,omitempty"`
	ExtractCredentialsFromBody *XTykExtractCredentialsFromBody          `json:"extractCredentialsFromBody,omitempty"`
	AllowedAuthorizeTypes      []string                                 `json:"allowedAuthorizeTypes,omitzero"`
	RefreshToken               *bool                                    `json:"refreshToken,omitempty"`
	AuthLoginRedirect          string                                   `json:"authLoginRedirect,omitempty"`
	Notifications              *XTykNotifications                       `json:"notifications,omitempty"`
	Providers                  []XTykOAuthProvider                      `json:"providers,omitzero"`
	ScopeCheck                 *XTykOAuth2ScopeCheck                    `json:"scopeCheck,omitempty"`
	ProtectedResourceMetadata  *XTykOAuth2PRM                           `json:"protectedResourceMetadata,omitempty"`
	TokenExchange              *XTykOAuth2TokenExchange                 `json:"tokenExchange,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykSecuritySchemeAlias XTykSecurityScheme

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykSecurityScheme) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykSecuritySchemeAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykSecurityScheme) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykSecuritySchemeAlias)(&x), x.Extra)
}

// XTykAuthenticationCustomKeyLifetime overrides the lifetime of keys created for the API.
type XTykAuthenticationCustomKeyLifetime struct {
	Enabled         bool   `json:"enabled"`
	Value           string `json:"value,omitempty"`
	RespectValidity *bool  `json:"respectValidity,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykAuthenticationCustomKeyLifetimeAlias XTykAuthenticationCustomKeyLifetime

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykAuthenticationCustomKeyLifetime) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykAuthenticationCustomKeyLifetimeAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykAuthenticationCustomKeyLifetime) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykAuthenticationCustomKeyLifetimeAlias)(&x), x.Extra)
}

// XTykProtectedResourceMetadata is the deprecated API-wide home of the OAuth 2.0 Protected Resource Metadata;
// XTykOAuth2PRM replaces it.
type XTykProtectedResourceMetadata struct {
	Enabled              bool     `json:"enabled"`
	WellKnownPath        string   `json:"wellKnownPath,omitempty"`
	Resource             string   `json:"resource,omitempty"`
	AuthorizationServers []string `json:"authorizationServers,omitzero"`
	ScopesSupported      []string `json:"scopesSupported,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykProtectedResourceMetadataAlias XTykProtectedResourceMetadata

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykProtectedResourceMetadata) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykProtectedResourceMetadataAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykProtectedResourceMetadata) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykProtectedResourceMetadataAlias)(&x), x.Extra)
}

// XTykCertificateAuth authenticates clients by their TLS certificate.
type XTykCertificateAuth struct {
	Enabled *bool `json:"enabled,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykCertificateAuthAlias XTykCertificateAuth

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykCertificateAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykCertificateAuthAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykCertificateAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykCertificateAuthAlias)(&x), x.Extra)
}

// XTykHeader is a header name and value.
type XTykHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykHeaderAlias XTykHeader

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykHeader) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykHeaderAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykHeader) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykHeaderAlias)(&x), x.Extra)
}

// XTykAuthSource enables one place a credential is read from (header, cookie or query) and names it.
type XTykAuthSource struct {
	Enabled bool   `json:"enabled"`
	Name    string `json:"name,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykAuthSourceAlias XTykAuthSource

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykAuthSource) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykAuthSourceAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykAuthSource) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykAuthSourceAlias)(&x), x.Extra)
}

// XTykProvider is one OpenID Connect issuer and the policies of its clients.
type XTykProvider struct {
	Issuer                string               `json:"issuer,omitempty"`
	ClientToPolicyMapping []XTykClientToPolicy `json:"clientToPolicyMapping,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykProviderAlias XTykProvider

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykProvider) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykProviderAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykProvider) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykProviderAlias)(&x), x.Extra)
}

// XTykScopes maps scopes in a token claim to policies.
type XTykScopes struct {
	ClaimName            string              `json:"claimName,omitempty"`
	Claims               []string            `json:"claims,omitzero"`
	ScopeToPolicyMapping []XTykScopeToPolicy `json:"scopeToPolicyMapping,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykScopesAlias XTykScopes

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykScopes) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykScopesAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykScopes) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykScopesAlias)(&x), x.Extra)
}

// XTykAuthenticationPlugin is the plugin function that authenticates clients.
type XTykAuthenticationPlugin struct {
	Enabled        bool             `json:"enabled"`
	FunctionName   string           `json:"functionName"`
	Path           string           `json:"path,omitempty"`
	RawBodyOnly    *bool            `json:"rawBodyOnly,omitempty"`
	RequireSession *bool            `json:"requireSession,omitempty"`
	IDExtractor    *XTykIDExtractor `json:"idExtractor,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykAuthenticationPluginAlias XTykAuthenticationPlugin

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykAuthenticationPlugin) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykAuthenticationPluginAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykAuthenticationPlugin) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykAuthenticationPluginAlias)(&x), x.Extra)
}

// XTykSignature validates a request signature alongside an auth token.
type XTykSignature struct {
	Enabled          *bool           `json:"enabled,omitempty"`
	Algorithm        string          `json:"algorithm,omitempty"`
	Header           string          `json:"header,omitempty"`
	Query            *XTykAuthSource `json:"query,omitempty"`
	Secret           string          `json:"secret,omitempty"`
	AllowedClockSkew *int64          `json:"allowedClockSkew,omitempty"`
	ErrorCode        *int64          `json:"errorCode,omitempty"`
	ErrorMessage     string          `json:"errorMessage,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykSignatureAlias XTykSignature

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykSignature) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykSignatureAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykSignature) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykSignatureAlias)(&x), x.Extra)
}

// XTykJWKSURI is a JWKS endpoint with its cache lifetime.
type XTykJWKSURI struct {
	URL          string `json:"url"`
	CacheTimeout string `json:"cacheTimeout,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykJWKSURIAlias XTykJWKSURI

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykJWKSURI) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykJWKSURIAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykJWKSURI) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykJWKSURIAlias)(&x), x.Extra)
}

// XTykSecuritySchemeJTIValidation rejects JWTs whose jti was already seen.
type XTykSecuritySchemeJTIValidation struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykSecuritySchemeJTIValidationAlias XTykSecuritySchemeJTIValidation

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykSecuritySchemeJTIValidation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykSecuritySchemeJTIValidationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykSecuritySchemeJTIValidation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykSecuritySchemeJTIValidationAlias)(&x), x.Extra)
}

// XTykSecuritySchemeCustomClaimValidation checks a custom JWT claim.
type XTykSecuritySchemeCustomClaimValidation struct {
	Type          string            `json:"type"`
	AllowedValues []json.RawMessage `json:"allowedValues,omitzero"`
	NonBlocking   *bool             `json:"nonBlocking,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykSecuritySchemeCustomClaimValidationAlias XTykSecuritySchemeCustomClaimValidation

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykSecuritySchemeCustomClaimValidation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykSecuritySchemeCustomClaimValidationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykSecuritySchemeCustomClaimValidation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykSecuritySchemeCustomClaimValidationAlias)(&x), x.Extra)
}

// XTykExtractCredentialsFromBody reads basic auth credentials from the request body.
type XTykExtractCredentialsFromBody struct {
	Enabled        bool   `json:"enabled"`
	UserRegexp     string `json:"userRegexp,omitempty"`
	PasswordRegexp string `json:"passwordRegexp,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykExtractCredentialsFromBodyAlias XTykExtractCredentialsFromBody

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykExtractCredentialsFromBody) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykExtractCredentialsFromBodyAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykExtractCredentialsFromBody) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykExtractCredentialsFromBodyAlias)(&x), x.Extra)
}

// XTykNotifications tells a third party when an OAuth key changes.
type XTykNotifications struct {
	SharedSecret   string `json:"sharedSecret,omitempty"`
	OnKeyChangeURL string `json:"onKeyChangeUrl,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykNotificationsAlias XTykNotifications

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykNotifications) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykNotificationsAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykNotifications) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykNotificationsAlias)(&x), x.Extra)
}

// XTykOAuthProvider is one external OAuth provider: JWT validation or token introspection.
type XTykOAuthProvider struct {
	JWT           *XTykJWTValidation `json:"jwt,omitempty"`
	Introspection *XTykIntrospection `json:"introspection,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuthProviderAlias XTykOAuthProvider

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuthProvider) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuthProviderAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuthProvider) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuthProviderAlias)(&x), x.Extra)
}

// XTykOAuth2ScopeCheck reads the scopes of a token for OAS-native scope enforcement.
type XTykOAuth2ScopeCheck struct {
	Enabled     bool     `json:"enabled"`
	ClaimNames  []string `json:"claimNames,omitzero"`
	Separator   string   `json:"separator,omitempty"`
	ScopeSource string   `json:"scopeSource,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2ScopeCheckAlias XTykOAuth2ScopeCheck

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2ScopeCheck) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2ScopeCheckAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2ScopeCheck) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2ScopeCheckAlias)(&x), x.Extra)
}

// XTykOAuth2PRM is the OAuth 2.0 Protected Resource Metadata (RFC 9728) published for the API.
type XTykOAuth2PRM struct {
	Enabled              bool     `json:"enabled"`
	WellKnownPath        string   `json:"wellKnownPath,omitempty"`
	Resource             string   `json:"resource,omitempty"`
	AuthorizationServers []string `json:"authorizationServers,omitzero"`
	AutoDeriveScopes     *bool    `json:"autoDeriveScopes,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2PRMAlias XTykOAuth2PRM

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2PRM) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2PRMAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2PRM) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2PRMAlias)(&x), x.Extra)
}

// XTykOAuth2TokenExchange exchanges the client's token for one the upstream accepts (RFC 8693).
type XTykOAuth2TokenExchange struct {
	Enabled   bool                 `json:"enabled"`
	Providers []XTykOAuth2Provider `json:"providers,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2TokenExchangeAlias XTykOAuth2TokenExchange

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2TokenExchange) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2TokenExchangeAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2TokenExchange) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2TokenExchangeAlias)(&x), x.Extra)
}

// XTykClientToPolicy maps an OAuth client id to a policy.
type XTykClientToPolicy struct {
	ClientID string `json:"clientId,omitempty"`
	PolicyID string `json:"policyId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykClientToPolicyAlias XTykClientToPolicy

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykClientToPolicy) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykClientToPolicyAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykClientToPolicy) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykClientToPolicyAlias)(&x), x.Extra)
}

// XTykScopeToPolicy maps one scope to a policy.
type XTykScopeToPolicy struct {
	Scope    string `json:"scope,omitempty"`
	PolicyID string `json:"policyId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykScopeToPolicyAlias XTykScopeToPolicy

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykScopeToPolicy) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykScopeToPolicyAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykScopeToPolicy) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykScopeToPolicyAlias)(&x), x.Extra)
}

// XTykIDExtractor extracts a credential for caching by a custom authentication plugin.
type XTykIDExtractor struct {
	Enabled bool                   `json:"enabled"`
	Source  string                 `json:"source"`
	With    string                 `json:"with"`
	Config  *XTykIDExtractorConfig `json:"config,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIDExtractorAlias XTykIDExtractor

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIDExtractor) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIDExtractorAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIDExtractor) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIDExtractorAlias)(&x), x.Extra)
}

// XTykJWTValidation validates JWTs issued by an external OAuth provider.
type XTykJWTValidation struct {
	Enabled                 bool   `json:"enabled"`
	SigningMethod           string `json:"signingMethod"`
	Source                  string `json:"source"`
	IdentityBaseField       string `json:"identityBaseField,omitempty"`
	IssuedAtValidationSkew  *int64 `json:"issuedAtValidationSkew,omitempty"`
	NotBeforeValidationSkew *int64 `json:"notBeforeValidationSkew,omitempty"`
	ExpiresAtValidationSkew *int64 `json:"expiresAtValidationSkew,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykJWTValidationAlias XTykJWTValidation

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykJWTValidation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykJWTValidationAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykJWTValidation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykJWTValidationAlias)(&x), x.Extra)
}

// XTykIntrospection introspects opaque tokens at an external OAuth provider.
type XTykIntrospection struct {
	Enabled           *bool                   `json:"enabled,omitempty"`
	URL               string                  `json:"url,omitempty"`
	ClientID          string                  `json:"clientId,omitempty"`
	ClientSecret      string                  `json:"clientSecret,omitempty"`
	IdentityBaseField string                  `json:"identityBaseField,omitempty"`
	Cache             *XTykIntrospectionCache `json:"cache,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIntrospectionAlias XTykIntrospection

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIntrospection) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIntrospectionAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIntrospection) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIntrospectionAlias)(&x), x.Extra)
}

// XTykOAuth2Provider is one identity provider of token exchange.
type XTykOAuth2Provider struct {
	Name          string                   `json:"name"`
	GrantType     string                   `json:"grantType,omitempty"`
	Issuers       []string                 `json:"issuers,omitzero"`
	TokenEndpoint string                   `json:"tokenEndpoint,omitempty"`
	ClientAuth    *XTykOAuth2ClientAuth    `json:"clientAuth,omitempty"`
	DefaultTarget *XTykOAuth2DefaultTarget `json:"defaultTarget,omitempty"`
	Timeout       string                   `json:"timeout,omitempty"`
	CustomParams  map[string]string        `json:"customParams,omitzero"`
	Cache         *XTykOAuth2ExchangeCache `json:"cache,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2ProviderAlias XTykOAuth2Provider

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2Provider) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2ProviderAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2Provider) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2ProviderAlias)(&x), x.Extra)
}

// XTykIDExtractorConfig says where the ID extractor finds the credential.
type XTykIDExtractorConfig struct {
	HeaderName       string `json:"headerName,omitempty"`
	FormParamName    string `json:"formParamName,omitempty"`
	Regexp           string `json:"regexp,omitempty"`
	RegexpMatchIndex *int64 `json:"regexpMatchIndex,omitempty"`
	XPathExp         string `json:"xPathExp,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIDExtractorConfigAlias XTykIDExtractorConfig

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIDExtractorConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIDExtractorConfigAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIDExtractorConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIDExtractorConfigAlias)(&x), x.Extra)
}

// XTykIntrospectionCache caches token introspection answers.
type XTykIntrospectionCache struct {
	Enabled bool  `json:"enabled"`
	Timeout int64 `json:"timeout"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykIntrospectionCacheAlias XTykIntrospectionCache

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykIntrospectionCache) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykIntrospectionCacheAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykIntrospectionCache) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykIntrospectionCacheAlias)(&x), x.Extra)
}

// XTykOAuth2ClientAuth is how the gateway authenticates to a token endpoint.
type XTykOAuth2ClientAuth struct {
	Method       string `json:"method,omitempty"`
	ClientID     string `json:"clientId,omitempty"`
	ClientSecret string `json:"clientSecret,omitempty"`
	CertID       string `json:"certId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2ClientAuthAlias XTykOAuth2ClientAuth

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2ClientAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2ClientAuthAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2ClientAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2ClientAuthAlias)(&x), x.Extra)
}

// XTykOAuth2DefaultTarget is the audience and scopes asked for when an operation names none.
type XTykOAuth2DefaultTarget struct {
	Audience string   `json:"audience,omitempty"`
	Scopes   []string `json:"scopes,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2DefaultTargetAlias XTykOAuth2DefaultTarget

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2DefaultTarget) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2DefaultTargetAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2DefaultTarget) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2DefaultTargetAlias)(&x), x.Extra)
}

// XTykOAuth2ExchangeCache caches exchanged tokens.
type XTykOAuth2ExchangeCache struct {
	Enabled      bool   `json:"enabled"`
	Mode         string `json:"mode,omitempty"`
	MaxTimeout   string `json:"maxTimeout,omitempty"`
	Timeout      string `json:"timeout,omitempty"`
	SafetyMargin string `json:"safetyMargin,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

type xTykOAuth2ExchangeCacheAlias XTykOAuth2ExchangeCache

// UnmarshalJSON decodes x and keeps the members it has no field for in Extra.
func (x *XTykOAuth2ExchangeCache) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*xTykOAuth2ExchangeCacheAlias)(x), &x.Extra)
}

// MarshalJSON encodes x with the members kept in Extra.
func (x XTykOAuth2ExchangeCache) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*xTykOAuth2ExchangeCacheAlias)(&x), x.Extra)
}
