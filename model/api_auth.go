package model

// AuthConfig says where a request carries its credential
// (schema AuthConfig). APIDefinition.Auth is the token's; AuthConfigs holds
// one per method ("authToken", "jwt", "hmac", "basic", "oauth", "oidc",
// "coprocess").
type AuthConfig struct {
	Name              string          `json:"name"`
	UseParam          bool            `json:"use_param"`
	ParamName         string          `json:"param_name"`
	UseCookie         bool            `json:"use_cookie"`
	CookieName        string          `json:"cookie_name"`
	DisableHeader     bool            `json:"disable_header"`
	AuthHeaderName    string          `json:"auth_header_name"`
	UseCertificate    bool            `json:"use_certificate"`
	ValidateSignature bool            `json:"validate_signature"`
	Signature         SignatureConfig `json:"signature,omitempty"`

	Extra Extra `json:"-"`
}

// SignatureConfig makes the gateway check a signature of the credential
// (schema SignatureConfig).
type SignatureConfig struct {
	Algorithm        string `json:"algorithm"`
	Header           string `json:"header"`
	UseParam         bool   `json:"use_param"`
	ParamName        string `json:"param_name"`
	Secret           string `json:"secret"`
	AllowedClockSkew int64  `json:"allowed_clock_skew"`
	ErrorCode        int64  `json:"error_code"`
	ErrorMessage     string `json:"error_message"`

	Extra Extra `json:"-"`
}

// AuthProviderMeta names the authentication provider of an API
// (schema AuthProviderMeta); Meta is free-form.
type AuthProviderMeta struct {
	Name          string         `json:"name"`
	StorageEngine string         `json:"storage_engine"`
	Meta          map[string]any `json:"meta"`

	Extra Extra `json:"-"`
}

// SessionProviderMeta names the session provider of an API
// (schema SessionProviderMeta); Meta is free-form.
type SessionProviderMeta struct {
	Name          string         `json:"name"`
	StorageEngine string         `json:"storage_engine"`
	Meta          map[string]any `json:"meta"`

	Extra Extra `json:"-"`
}

// BasicAuthMeta tunes basic authentication (APIDefinition.basic_auth).
type BasicAuthMeta struct {
	DisableCaching     bool   `json:"disable_caching"`
	CacheTTL           int64  `json:"cache_ttl"`
	ExtractFromBody    bool   `json:"extract_from_body"`
	BodyUserRegexp     string `json:"body_user_regexp"`
	BodyPasswordRegexp string `json:"body_password_regexp"`

	Extra Extra `json:"-"`
}

// OAuthMeta configures the gateway as an OAuth 2.0 server
// (APIDefinition.oauth_meta).
type OAuthMeta struct {
	// AllowedAccessTypes are grant types: "authorization_code",
	// "refresh_token", "client_credentials", "password".
	AllowedAccessTypes []string `json:"allowed_access_types"`
	// AllowedAuthorizeTypes are response types: "code", "token".
	AllowedAuthorizeTypes  []string `json:"allowed_authorize_types"`
	AuthorizeLoginRedirect string   `json:"auth_login_redirect"`

	Extra Extra `json:"-"`
}

// OpenIDOptions configures OpenID Connect authentication
// (schema OpenIDOptions).
type OpenIDOptions struct {
	Providers         []OIDProviderConfig `json:"providers"`
	SegregateByClient bool                `json:"segregate_by_client"`

	Extra Extra `json:"-"`
}

// OIDProviderConfig is one trusted OpenID issuer and, per client id, the
// policy id its tokens get (schema OIDProviderConfig). ClientIDs' keys are
// base64-encoded client ids.
type OIDProviderConfig struct {
	Issuer    string            `json:"issuer"`
	ClientIDs map[string]string `json:"client_ids"`

	Extra Extra `json:"-"`
}

// ExternalOAuth validates tokens of an external OAuth server
// (schema ExternalOAuth).
type ExternalOAuth struct {
	Enabled   bool                    `json:"enabled"`
	Providers []ExternalOAuthProvider `json:"providers"`

	Extra Extra `json:"-"`
}

// ExternalOAuthProvider is one external OAuth server: by JWT validation or
// by token introspection (schemas Provider / ProviderType2).
type ExternalOAuthProvider struct {
	JWT           JWTValidation `json:"jwt"`
	Introspection Introspection `json:"introspection"`

	Extra Extra `json:"-"`
}

// JWTValidation checks an external server's JWTs (schema JWTValidation).
type JWTValidation struct {
	Enabled                 bool   `json:"enabled"`
	SigningMethod           string `json:"signing_method"`
	Source                  string `json:"source"`
	IdentityBaseField       string `json:"identity_base_field"`
	IssuedAtValidationSkew  int64  `json:"issued_at_validation_skew"`
	NotBeforeValidationSkew int64  `json:"not_before_validation_skew"`
	ExpiresAtValidationSkew int64  `json:"expires_at_validation_skew"`

	Extra Extra `json:"-"`
}

// Introspection checks opaque tokens at an introspection endpoint
// (schema Introspection).
type Introspection struct {
	Enabled           bool               `json:"enabled"`
	URL               string             `json:"url"`
	ClientID          string             `json:"client_id"`
	ClientSecret      string             `json:"client_secret"`
	IdentityBaseField string             `json:"identity_base_field"`
	Cache             IntrospectionCache `json:"cache"`

	Extra Extra `json:"-"`
}

// IntrospectionCache caches introspection answers; Timeout is in seconds
// (schema IntrospectionCache).
type IntrospectionCache struct {
	Enabled bool  `json:"enabled"`
	Timeout int64 `json:"timeout"`

	Extra Extra `json:"-"`
}

// RequestSigningMeta makes the gateway sign the requests it sends upstream
// (schema RequestSigningMeta).
type RequestSigningMeta struct {
	IsEnabled       bool     `json:"is_enabled"`
	Secret          string   `json:"secret"`
	KeyID           string   `json:"key_id"`
	Algorithm       string   `json:"algorithm"`
	HeaderList      []string `json:"header_list"`
	CertificateID   string   `json:"certificate_id"`
	SignatureHeader string   `json:"signature_header"`

	Extra Extra `json:"-"`
}

// Scopes maps token scopes to policies, for JWT and OIDC
// (schemas Scopes / ScopesType2).
type Scopes struct {
	JWT  ScopeClaim `json:"jwt,omitempty"`
	OIDC ScopeClaim `json:"oidc,omitempty"`

	Extra Extra `json:"-"`
}

// ScopeClaim names the claim holding scopes and maps each scope to a
// policy id (schema ScopeClaim).
type ScopeClaim struct {
	ScopeClaimName string            `json:"scope_claim_name,omitempty"`
	ScopeToPolicy  map[string]string `json:"scope_to_policy,omitempty"`

	Extra Extra `json:"-"`
}

// UpstreamAuth makes the gateway authenticate to the upstream
// (Admin API schema UpstreamAuth).
type UpstreamAuth struct {
	Enabled   bool              `json:"enabled"`
	BasicAuth UpstreamBasicAuth `json:"basic_auth"`
	OAuth     UpstreamOAuth     `json:"oauth"`

	Extra Extra `json:"-"`
}

// AuthSource is a header or parameter carrying a credential
// (schema AuthSource).
type AuthSource struct {
	Enabled bool   `json:"enabled"`
	Name    string `json:"name"`

	Extra Extra `json:"-"`
}

// UpstreamBasicAuth sends basic-auth credentials upstream
// (schema UpstreamBasicAuth).
type UpstreamBasicAuth struct {
	Enabled  bool       `json:"enabled,omitempty"`
	Username string     `json:"username"`
	Password string     `json:"password"`
	Header   AuthSource `json:"header"`

	Extra Extra `json:"-"`
}

// UpstreamOAuth fetches an OAuth token for the upstream
// (schema UpstreamOAuth).
type UpstreamOAuth struct {
	Enabled                bool                   `json:"enabled"`
	ClientCredentials      ClientCredentials      `json:"client_credentials"`
	PasswordAuthentication PasswordAuthentication `json:"password,omitempty"`
	AllowedAuthorizeTypes  []string               `json:"allowed_authorize_types"`

	Extra Extra `json:"-"`
}

// ClientCredentials is the OAuth client-credentials grant used upstream
// (schema ClientCredentials).
type ClientCredentials struct {
	ClientID      string     `json:"client_id"`
	ClientSecret  string     `json:"client_secret,omitempty"`
	TokenURL      string     `json:"token_url"`
	Scopes        []string   `json:"scopes,omitempty"`
	Header        AuthSource `json:"header"`
	ExtraMetadata []string   `json:"extra_metadata,omitempty"`

	Extra Extra `json:"-"`
}

// PasswordAuthentication is the OAuth password grant used upstream
// (schema PasswordAuthentication).
type PasswordAuthentication struct {
	ClientID      string     `json:"client_id"`
	ClientSecret  string     `json:"client_secret,omitempty"`
	Username      string     `json:"username"`
	Password      string     `json:"password"`
	TokenURL      string     `json:"token_url"`
	Scopes        []string   `json:"scopes,omitempty"`
	Header        AuthSource `json:"header"`
	ExtraMetadata []string   `json:"extra_metadata,omitempty"`

	Extra Extra `json:"-"`
}
