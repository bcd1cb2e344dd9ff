package model

// This file holds the upstream section of the Tyk OAS extension.

// XTykUpstream is where and how the gateway reaches the service behind the API (upstream).
type XTykUpstream struct {
	// URL is where requests are proxied to (classic proxy.target_url).
	URL string `json:"url,omitempty"`

	// ServiceDiscovery finds the upstream in a registry (classic proxy.service_discovery).
	ServiceDiscovery *XTykServiceDiscovery `json:"serviceDiscovery,omitempty"`

	// UptimeTests checks the upstream hosts (classic uptime_tests).
	UptimeTests *XTykUptimeTests `json:"uptimeTests,omitempty"`

	// MutualTLS presents client certificates to the upstream (classic upstream_certificates).
	MutualTLS *XTykMutualTLS `json:"mutualTLS,omitempty"`

	// CertificatePinning pins the upstream's public keys (classic pinned_public_keys).
	CertificatePinning *XTykCertificatePinning `json:"certificatePinning,omitempty"`

	// RateLimit is the API-wide rate limit (classic global_rate_limit).
	RateLimit *XTykRateLimit `json:"rateLimit,omitempty"`

	// Authentication authenticates the gateway to the upstream (classic upstream_auth, request_signing).
	Authentication *XTykUpstreamAuthentication `json:"authentication,omitempty"`

	// LoadBalancing spreads requests over targets (classic proxy.enable_load_balancing, target_list).
	LoadBalancing         *XTykLoadBalancing         `json:"loadBalancing,omitempty"`
	PreserveHostHeader    *XTykPreserveHostHeader    `json:"preserveHostHeader,omitempty"`
	PreserveTrailingSlash *XTykPreserveTrailingSlash `json:"preserveTrailingSlash,omitempty"`

	// TLSTransport sets TLS towards the upstream (classic proxy.transport).
	TLSTransport   *XTykTLSTransport         `json:"tlsTransport,omitempty"`
	Proxy          *XTykProxy                `json:"proxy,omitempty"`
	EnforceTimeout *XTykGlobalEnforceTimeout `json:"enforceTimeout,omitempty"`
	// Test is the older form of UptimeTests, kept because the Dashboard description still has it.
	Test *XTykUpstreamTest `json:"test,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykServiceDiscovery finds the upstream targets through a service registry.
type XTykServiceDiscovery struct {
	Enabled             bool                       `json:"enabled"`
	QueryEndpoint       string                     `json:"queryEndpoint,omitempty"`
	DataPath            string                     `json:"dataPath,omitempty"`
	UseNestedQuery      *bool                      `json:"useNestedQuery,omitempty"`
	ParentDataPath      string                     `json:"parentDataPath,omitempty"`
	PortDataPath        string                     `json:"portDataPath,omitempty"`
	UseTargetList       *bool                      `json:"useTargetList,omitempty"`
	Cache               *XTykServiceDiscoveryCache `json:"cache,omitempty"`
	CacheTimeout        *int64                     `json:"cacheTimeout,omitempty"`
	TargetPath          string                     `json:"targetPath,omitempty"`
	EndpointReturnsList *bool                      `json:"endpointReturnsList,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUptimeTests configures uptime (health) checks of the upstream hosts.
type XTykUptimeTests struct {
	Enabled              bool                  `json:"enabled"`
	HostDownRetestPeriod string                `json:"hostDownRetestPeriod,omitempty"`
	LogRetentionPeriod   string                `json:"logRetentionPeriod,omitempty"`
	ServiceDiscovery     *XTykServiceDiscovery `json:"serviceDiscovery,omitempty"`
	Tests                []XTykUptimeTest      `json:"tests,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykMutualTLS presents client certificates to the upstream, per domain.
type XTykMutualTLS struct {
	Enabled                    bool                      `json:"enabled"`
	DomainToCertificateMapping []XTykDomainToCertificate `json:"domainToCertificateMapping"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykCertificatePinning pins the public keys the upstream may present, per domain.
type XTykCertificatePinning struct {
	Enabled                   bool                   `json:"enabled"`
	DomainToPublicKeysMapping []XTykPinnedPublicKeys `json:"domainToPublicKeysMapping"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykRateLimit limits the request rate: rate requests per duration per.
type XTykRateLimit struct {
	Enabled bool    `json:"enabled"`
	Rate    float64 `json:"rate"`
	Per     string  `json:"per"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamAuthentication authenticates the gateway to the upstream.
type XTykUpstreamAuthentication struct {
	Enabled        bool                             `json:"enabled"`
	BasicAuth      *XTykUpstreamBasicAuthentication `json:"basicAuth,omitempty"`
	OAuth          *XTykUpstreamOAuth               `json:"oauth,omitempty"`
	RequestSigning *XTykUpstreamRequestSigning      `json:"requestSigning,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykLoadBalancing spreads requests over weighted upstream targets.
type XTykLoadBalancing struct {
	Enabled              bool                      `json:"enabled"`
	SkipUnavailableHosts *bool                     `json:"skipUnavailableHosts,omitempty"`
	Targets              []XTykLoadBalancingTarget `json:"targets,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPreserveHostHeader keeps the client's Host header on the upstream request.
type XTykPreserveHostHeader struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPreserveTrailingSlash keeps a trailing slash of the request path on the upstream request.
type XTykPreserveTrailingSlash struct {
	Enabled bool `json:"enabled"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykTLSTransport sets the TLS versions, ciphers and checks used towards the upstream.
type XTykTLSTransport struct {
	InsecureSkipVerify   *bool    `json:"insecureSkipVerify,omitempty"`
	Ciphers              []string `json:"ciphers,omitzero"`
	MinVersion           string   `json:"minVersion,omitempty"`
	MaxVersion           string   `json:"maxVersion,omitempty"`
	ForceCommonNameCheck *bool    `json:"forceCommonNameCheck,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykProxy sends upstream traffic through an HTTP proxy.
type XTykProxy struct {
	Enabled bool   `json:"enabled"`
	URL     string `json:"url,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykGlobalEnforceTimeout bounds the time the gateway waits for the upstream, for every request.
type XTykGlobalEnforceTimeout struct {
	Enabled  bool   `json:"enabled"`
	Duration string `json:"duration,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamTest is the older home of the upstream uptime test settings (upstream.test), still carried by the
// Dashboard description.
type XTykUpstreamTest struct {
	ServiceDiscovery *XTykServiceDiscovery `json:"serviceDiscovery,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykServiceDiscoveryCache caches the answers of service discovery.
type XTykServiceDiscoveryCache struct {
	Enabled bool   `json:"enabled"`
	Timeout *int64 `json:"timeout,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUptimeTest is one uptime check.
type XTykUptimeTest struct {
	Body                string                  `json:"body,omitempty"`
	Commands            []XTykUptimeTestCommand `json:"commands,omitzero"`
	EnableProxyProtocol *bool                   `json:"enableProxyProtocol,omitempty"`
	Headers             map[string]string       `json:"headers,omitzero"`
	Method              string                  `json:"method,omitempty"`
	Timeout             string                  `json:"timeout,omitempty"`
	URL                 string                  `json:"url,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykDomainToCertificate maps an upstream domain to the id of the certificate presented to it.
type XTykDomainToCertificate struct {
	Domain      string `json:"domain"`
	Certificate string `json:"certificate"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykPinnedPublicKeys lists the public keys pinned for one domain.
type XTykPinnedPublicKeys struct {
	Domain     string   `json:"domain,omitempty"`
	PublicKeys []string `json:"publicKeys,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamBasicAuthentication sends basic credentials to the upstream.
type XTykUpstreamBasicAuthentication struct {
	Enabled  bool                    `json:"enabled"`
	Header   *XTykUpstreamAuthSource `json:"header,omitempty"`
	Username string                  `json:"username"`
	Password string                  `json:"password"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamOAuth obtains OAuth tokens for the upstream with the client credentials or password grant.
type XTykUpstreamOAuth struct {
	Enabled               bool                                `json:"enabled"`
	AllowedAuthorizeTypes []string                            `json:"allowedAuthorizeTypes"`
	ClientCredentials     *XTykUpstreamOAuthClientCredentials `json:"clientCredentials,omitempty"`
	Password              *XTykUpstreamOAuthPassword          `json:"password,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamRequestSigning signs requests to the upstream (HMAC or RSA).
type XTykUpstreamRequestSigning struct {
	Enabled         bool     `json:"enabled"`
	SignatureHeader string   `json:"signatureHeader,omitempty"`
	Algorithm       string   `json:"algorithm,omitempty"`
	KeyID           string   `json:"keyId,omitempty"`
	Headers         []string `json:"headers,omitzero"`
	Secret          string   `json:"secret,omitempty"`
	CertificateID   string   `json:"certificateId,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykLoadBalancingTarget is one weighted upstream target.
type XTykLoadBalancingTarget struct {
	URL    string  `json:"url"`
	Weight float64 `json:"weight"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUptimeTestCommand is one command of a TCP uptime check.
type XTykUptimeTestCommand struct {
	Message string `json:"message,omitempty"`
	Name    string `json:"name,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamAuthSource names the header that carries upstream credentials.
type XTykUpstreamAuthSource struct {
	Enabled *bool  `json:"enabled,omitempty"`
	Name    string `json:"name,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamOAuthClientCredentials is the client credentials grant of upstream OAuth.
type XTykUpstreamOAuthClientCredentials struct {
	ClientID      string                  `json:"clientId"`
	ClientSecret  string                  `json:"clientSecret"`
	Method        string                  `json:"method,omitempty"`
	TokenURL      string                  `json:"tokenUrl"`
	Scopes        []string                `json:"scopes,omitzero"`
	Header        *XTykUpstreamAuthSource `json:"header,omitempty"`
	ExtraMetadata []string                `json:"extraMetadata,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykUpstreamOAuthPassword is the password grant of upstream OAuth.
type XTykUpstreamOAuthPassword struct {
	ClientID      string                  `json:"clientId"`
	ClientSecret  string                  `json:"clientSecret,omitempty"`
	Method        string                  `json:"method,omitempty"`
	TokenURL      string                  `json:"tokenUrl"`
	Scopes        []string                `json:"scopes,omitzero"`
	Username      string                  `json:"username"`
	Password      string                  `json:"password"`
	Header        *XTykUpstreamAuthSource `json:"header,omitempty"`
	ExtraMetadata []string                `json:"extraMetadata,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}
