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

// XTykListenPath is the path the API listens on, and whether it is stripped before proxying.
type XTykListenPath struct {
	Value string `json:"value"`
	Strip *bool  `json:"strip,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykClientCertificates requires clients to present one of the allowed certificates (mutual TLS).
type XTykClientCertificates struct {
	Enabled   *bool    `json:"enabled,omitempty"`
	Allowlist []string `json:"allowlist,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykGatewayTags restricts the API to gateways carrying these tags (segment tags).
type XTykGatewayTags struct {
	Enabled bool     `json:"enabled"`
	Tags    []string `json:"tags"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCustomDomain serves the API only on a custom domain, with its certificates.
type XTykCustomDomain struct {
	Enabled      bool     `json:"enabled"`
	Name         string   `json:"name"`
	Certificates []string `json:"certificates,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykDetailedActivityLogs records request and response bodies in analytics.
type XTykDetailedActivityLogs struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykDetailedTracing records a trace span per middleware.
type XTykDetailedTracing struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykContextVariables makes request context variables available to middleware.
type XTykContextVariables struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykIPAccessControl allows or blocks clients by IP address.
type XTykIPAccessControl struct {
	Enabled *bool    `json:"enabled,omitempty"`
	Allow   []string `json:"allow,omitzero"`
	Block   []string `json:"block,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykBatchProcessing lets clients send batches of requests to the API.
type XTykBatchProcessing struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykAuthenticationCustomKeyLifetime overrides the lifetime of keys created for the API.
type XTykAuthenticationCustomKeyLifetime struct {
	Enabled         bool   `json:"enabled"`
	Value           string `json:"value,omitempty"`
	RespectValidity *bool  `json:"respectValidity,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykCertificateAuth authenticates clients by their TLS certificate.
type XTykCertificateAuth struct {
	Enabled *bool `json:"enabled,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykHeader is a header name and value.
type XTykHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykAuthSource enables one place a credential is read from (header, cookie or query) and names it.
type XTykAuthSource struct {
	Enabled bool   `json:"enabled"`
	Name    string `json:"name,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykProvider is one OpenID Connect issuer and the policies of its clients.
type XTykProvider struct {
	Issuer                string               `json:"issuer,omitempty"`
	ClientToPolicyMapping []XTykClientToPolicy `json:"clientToPolicyMapping,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykScopes maps scopes in a token claim to policies.
type XTykScopes struct {
	ClaimName            string              `json:"claimName,omitempty"`
	Claims               []string            `json:"claims,omitzero"`
	ScopeToPolicyMapping []XTykScopeToPolicy `json:"scopeToPolicyMapping,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykJWKSURI is a JWKS endpoint with its cache lifetime.
type XTykJWKSURI struct {
	URL          string `json:"url"`
	CacheTimeout string `json:"cacheTimeout,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykSecuritySchemeJTIValidation rejects JWTs whose jti was already seen.
type XTykSecuritySchemeJTIValidation struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykSecuritySchemeCustomClaimValidation checks a custom JWT claim.
type XTykSecuritySchemeCustomClaimValidation struct {
	Type          string            `json:"type"`
	AllowedValues []json.RawMessage `json:"allowedValues,omitzero"`
	NonBlocking   *bool             `json:"nonBlocking,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykExtractCredentialsFromBody reads basic auth credentials from the request body.
type XTykExtractCredentialsFromBody struct {
	Enabled        bool   `json:"enabled"`
	UserRegexp     string `json:"userRegexp,omitempty"`
	PasswordRegexp string `json:"passwordRegexp,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykNotifications tells a third party when an OAuth key changes.
type XTykNotifications struct {
	SharedSecret   string `json:"sharedSecret,omitempty"`
	OnKeyChangeURL string `json:"onKeyChangeUrl,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykOAuthProvider is one external OAuth provider: JWT validation or token introspection.
type XTykOAuthProvider struct {
	JWT           *XTykJWTValidation `json:"jwt,omitempty"`
	Introspection *XTykIntrospection `json:"introspection,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykOAuth2TokenExchange exchanges the client's token for one the upstream accepts (RFC 8693).
type XTykOAuth2TokenExchange struct {
	Enabled   bool                 `json:"enabled"`
	Providers []XTykOAuth2Provider `json:"providers,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykClientToPolicy maps an OAuth client id to a policy.
type XTykClientToPolicy struct {
	ClientID string `json:"clientId,omitempty"`
	PolicyID string `json:"policyId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykScopeToPolicy maps one scope to a policy.
type XTykScopeToPolicy struct {
	Scope    string `json:"scope,omitempty"`
	PolicyID string `json:"policyId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykIntrospectionCache caches token introspection answers.
type XTykIntrospectionCache struct {
	Enabled bool  `json:"enabled"`
	Timeout int64 `json:"timeout"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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

// XTykOAuth2DefaultTarget is the audience and scopes asked for when an operation names none.
type XTykOAuth2DefaultTarget struct {
	Audience string   `json:"audience,omitempty"`
	Scopes   []string `json:"scopes,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
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
