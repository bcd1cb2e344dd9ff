package oas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
)

// The conversion between classic API definitions and Tyk OAS APIs follows
// the field mapping of the open-source gateway (apidef/oas in
// TykTechnologies/tyk): each x-tyk-api-gateway member is filled from the
// classic members it documents as "Tyk classic API definition: ...", and
// extracted back into the same members. What is mapped:
//
//	info.id, dbId, orgId, name, expiration   api_id, id, org_id, name, expiration
//	info.state.active, internal              active, internal
//	info.versioning                          definition (the version set of a base API)
//	upstream.url                             proxy.target_url
//	upstream.serviceDiscovery                proxy.service_discovery
//	upstream.loadBalancing                   proxy.enable_load_balancing, target_list, check_host_against_uptime_tests
//	upstream.mutualTLS                       upstream_certificates(_disabled)
//	upstream.certificatePinning              pinned_public_keys, certificate_pinning_disabled
//	upstream.rateLimit                       global_rate_limit
//	upstream.authentication                  upstream_auth, request_signing
//	upstream.preserveHostHeader              proxy.preserve_host_header
//	upstream.preserveTrailingSlash           proxy.disable_strip_slash
//	upstream.tlsTransport, proxy             proxy.transport
//	server.listenPath.value, strip           proxy.listen_path, strip_listen_path
//	server.slug                              slug
//	server.customDomain                      domain, domain_disabled, certificates
//	server.gatewayTags                       tags, tags_disabled
//	server.clientCertificates                use_mutual_tls_auth, client_certificates
//	server.detailedActivityLogs              enable_detailed_recording
//	server.detailedTracing                   detailed_tracing
//	server.batchProcessing                   enable_batch_request_support
//	server.eventHandlers                     event_handlers (webhook, JavaScript and log handlers)
//	server.ipAccessControl                   allowed_ips, blacklisted_ips, enable_ip_whitelisting,
//	                                         enable_ip_blacklisting, ip_access_control_disabled
//	server.authentication                    use_keyless (inverted), strip_auth_data, base_identity_provided_by,
//	                                         session_lifetime(_respects_key_expiration), auth_configs, and per
//	                                         scheme: token, JWT, basic, OAuth (securitySchemes plus the OpenAPI
//	                                         components.securitySchemes and security), HMAC
//	middleware.global.cors                   CORS
//	middleware.global.cache                  cache_options
//	middleware.global.contextVariables       enable_context_vars
//	middleware.global.trafficLogs            do_not_track (inverted), tag_headers, expire_analytics_after
//	middleware.global.pluginConfig           custom_middleware.driver, custom_middleware_bundle, config_data
//	middleware.global.pre/postAuthentication/post/responsePlugins
//	                                         custom_middleware.pre, post_key_auth, post, response
//	middleware.global.skipRateLimit, skipQuota
//	                                         disable_rate_limit, disable_quota
//	middleware.global.transformRequestHeaders, transformResponseHeaders, requestSizeLimit, ignoreCase
//	                                         the global headers, size limit and endpoint case of the API's version
//
// convert_more.go adds OpenID Connect, custom plugin authentication,
// external OAuth, uptime tests and the analytics plugin.
//
// The endpoint-level middleware of the API's version (extended_paths) maps
// to OpenAPI operations and middleware.operations; convert_paths.go says
// how.

// classicMainVersion is the version a converted classic definition gets: a
// Tyk OAS API is not versioned inside one definition (versions are separate
// APIs tied by info.versioning), so its classic form has one version.
const classicMainVersion = "Default"

// FromClassic converts a classic API definition to a Tyk OAS API: an
// OpenAPI 3.0.3 document titled with the API's name, with an operation per
// endpoint that has middleware, whose x-tyk-api-gateway carries the mapped
// members, and whose security schemes and security requirement describe the
// API's token, JWT, basic and OAuth authentication. api is not modified.
func FromClassic(api *model.APIDefinition) (*Document, error) {
	if api == nil {
		return nil, errors.New("convert classic API to OAS: no API definition")
	}
	ext := classicToExtension(api)
	auth, sec := classicAuth(api)
	ext.Server.Authentication = auth
	paths := &convPaths{items: map[string]*convPathItem{}}
	if v, ok := classicVersion(api); ok {
		paths = classicPaths(v.ExtendedPaths)
		if len(paths.ops) > 0 {
			ext.Middleware.Operations = paths.ops
		}
	}

	skeleton := struct {
		OpenAPI    string                   `json:"openapi"`
		Info       convInfo                 `json:"info"`
		Security   []map[string][]string    `json:"security,omitempty"`
		Paths      map[string]*convPathItem `json:"paths"`
		Components *convComponents          `json:"components,omitempty"`
		Extension  *model.XTykAPIGateway    `json:"x-tyk-api-gateway"`
	}{
		OpenAPI:   "3.0.3",
		Info:      convInfo{Title: api.Name, Version: "1.0.0"},
		Paths:     paths.items,
		Extension: ext,
	}
	if len(sec.schemes) > 0 {
		skeleton.Components = &convComponents{SecuritySchemes: sec.schemes}
		skeleton.Security = []map[string][]string{sec.requirement}
	}
	data, err := json.Marshal(skeleton)
	if err != nil {
		return nil, fmt.Errorf("convert classic API %q to OAS: %w", api.APIID, err)
	}
	doc, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("convert classic API %q to OAS: %w", api.APIID, err)
	}
	return doc, nil
}

// ToClassic converts a Tyk OAS API to a classic API definition with the
// mapped members filled and the others at their zero values. It fails when
// the document has no x-tyk-api-gateway. doc is not modified.
func ToClassic(doc *Document) (*model.APIDefinition, error) {
	if doc == nil || doc.root == nil {
		return nil, errors.New("convert OAS API to classic: no document")
	}
	var ext model.XTykAPIGateway
	if err := doc.DecodeExtension(&ext); err != nil {
		return nil, fmt.Errorf("convert OAS API to classic: %w", err)
	}
	schemes, requirement, err := convReadSecurity(doc)
	if err != nil {
		return nil, fmt.Errorf("convert OAS API to classic: %w", err)
	}
	api := extensionToClassic(&ext)
	extractSecurity(&ext, schemes, requirement, api)
	if ext.Middleware != nil && len(ext.Middleware.Operations) > 0 {
		v := api.VersionData.Versions[classicMainVersion]
		extractPaths(convReadEndpoints(doc), ext.Middleware.Operations, &v.ExtendedPaths)
		api.VersionData.Versions[classicMainVersion] = v
	}
	return api, nil
}

// ParseClassic reads a classic API definition from JSON or YAML: either the
// definition itself or the Dashboard's wrapper around it
// ({"api_definition": {...}, ...}).
func ParseClassic(data []byte) (*model.APIDefinition, error) {
	if t := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf"); len(t) > 0 && t[0] != '{' && t[0] != '[' {
		// YAML: read it as a tree, then as the JSON it stands for.
		doc, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("parse classic API definition: %w", err)
		}
		if data, err = doc.MarshalJSON(); err != nil {
			return nil, fmt.Errorf("parse classic API definition: %w", err)
		}
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("parse classic API definition: %w", err)
	}
	if inner, ok := probe["api_definition"]; ok && len(bytes.TrimSpace(inner)) > 0 && inner[0] == '{' {
		data = inner
	}
	var api model.APIDefinition
	if err := json.Unmarshal(data, &api); err != nil {
		return nil, fmt.Errorf("parse classic API definition: %w", err)
	}
	return &api, nil
}

type convInfo struct {
	Title   string `json:"title"`
	Version string `json:"version"`
}

type convComponents struct {
	SecuritySchemes map[string]*convSecurityScheme `json:"securitySchemes,omitempty"`
}

// convSecurityScheme is the part of an OpenAPI security scheme that says
// which kind of Tyk authentication it is and where its credential is.
type convSecurityScheme struct {
	Type         string          `json:"type"`
	Scheme       string          `json:"scheme,omitempty"`
	BearerFormat string          `json:"bearerFormat,omitempty"`
	In           string          `json:"in,omitempty"`
	Name         string          `json:"name,omitempty"`
	Flows        *convOAuthFlows `json:"flows,omitempty"`
}

type convOAuthFlows struct {
	AuthorizationCode *convOAuthFlow `json:"authorizationCode,omitempty"`
	ClientCredentials *convOAuthFlow `json:"clientCredentials,omitempty"`
	Password          *convOAuthFlow `json:"password,omitempty"`
	Implicit          *convOAuthFlow `json:"implicit,omitempty"`
}

type convOAuthFlow struct {
	AuthorizationURL string            `json:"authorizationUrl,omitempty"`
	TokenURL         string            `json:"tokenUrl,omitempty"`
	Scopes           map[string]string `json:"scopes"`
}

// convReadSecurity reads components.securitySchemes and the first root
// security requirement, the only one the gateway maps to classic
// authentication.
func convReadSecurity(doc *Document) (map[string]*convSecurityScheme, map[string]bool, error) {
	schemes := map[string]*convSecurityScheme{}
	if v, ok := doc.Get("/components/securitySchemes"); ok {
		if obj, ok := v.(*Object); ok {
			for name, s := range obj.All() {
				so, ok := s.(*Object)
				if !ok {
					continue
				}
				raw, err := so.MarshalJSON()
				if err != nil {
					return nil, nil, err
				}
				var sc convSecurityScheme
				if err := json.Unmarshal(raw, &sc); err != nil {
					return nil, nil, fmt.Errorf("security scheme %q: %w", name, err)
				}
				schemes[name] = &sc
			}
		}
	}
	requirement := map[string]bool{}
	if v, ok := doc.Get("/security/0"); ok {
		if obj, ok := v.(*Object); ok {
			for _, name := range obj.Keys() {
				requirement[name] = true
			}
		}
	}
	return schemes, requirement, nil
}

// classicVersion returns the version whose API-wide settings (global
// headers, size limit, endpoint case) a Tyk OAS API takes: the default
// version, else "Default", else the only or first one by name.
func classicVersion(api *model.APIDefinition) (model.VersionInfo, bool) {
	vs := api.VersionData.Versions
	if len(vs) == 0 {
		return model.VersionInfo{}, false
	}
	for _, name := range []string{api.VersionData.DefaultVersion, classicMainVersion, ""} {
		if v, ok := vs[name]; ok {
			return v, true
		}
	}
	names := make([]string, 0, len(vs))
	for n := range vs {
		names = append(names, n)
	}
	sort.Strings(names)
	return vs[names[0]], true
}

func classicToExtension(api *model.APIDefinition) *model.XTykAPIGateway {
	ext := &model.XTykAPIGateway{
		Info:       classicInfo(api),
		Upstream:   classicUpstream(api),
		Server:     classicServer(api),
		Middleware: classicMiddleware(api),
	}
	return ext
}

func classicInfo(api *model.APIDefinition) *model.XTykInfo {
	info := &model.XTykInfo{
		ID:         api.APIID,
		DBID:       api.ID,
		OrgID:      api.OrgID,
		Name:       api.Name,
		Expiration: api.Expiration,
		State:      &model.XTykState{Active: api.Active},
	}
	if api.Internal {
		info.State.Internal = convPtr(true)
	}
	vd := api.VersionDefinition
	if vd.Enabled || len(vd.Versions) > 0 || vd.Name != "" || vd.Default != "" {
		v := &model.XTykVersioning{
			Enabled:              convPtr(vd.Enabled),
			Name:                 vd.Name,
			Default:              vd.Default,
			Location:             vd.Location,
			Key:                  vd.Key,
			URLVersioningPattern: vd.URLVersioningPattern,
		}
		if vd.StripVersioningData {
			v.StripVersioningData = convPtr(true)
		}
		if vd.FallbackToDefault {
			v.FallbackToDefault = convPtr(true)
		}
		for _, name := range convSortedKeys(vd.Versions) {
			v.Versions = append(v.Versions, model.XTykVersionToID{Name: name, ID: vd.Versions[name]})
		}
		info.Versioning = v
	}
	return info
}

func classicUpstream(api *model.APIDefinition) *model.XTykUpstream {
	p := api.Proxy
	up := &model.XTykUpstream{URL: p.TargetURL}

	up.ServiceDiscovery = classicServiceDiscovery(p.ServiceDiscovery)
	up.UptimeTests = classicUptimeTests(api.UptimeTests)
	if len(p.TargetList) > 0 {
		weights := map[string]float64{}
		for _, t := range p.TargetList {
			weights[t]++
		}
		lb := &model.XTykLoadBalancing{Enabled: p.EnableLoadBalancing}
		if p.CheckHostAgainstUptimeTests {
			lb.SkipUnavailableHosts = convPtr(true)
		}
		for _, u := range convSortedKeys(weights) {
			lb.Targets = append(lb.Targets, model.XTykLoadBalancingTarget{URL: u, Weight: weights[u]})
		}
		up.LoadBalancing = lb
	}
	if len(api.UpstreamCertificates) > 0 || api.UpstreamCertificatesDisabled {
		m := &model.XTykMutualTLS{Enabled: !api.UpstreamCertificatesDisabled, DomainToCertificateMapping: []model.XTykDomainToCertificate{}}
		for _, d := range convSortedKeys(api.UpstreamCertificates) {
			m.DomainToCertificateMapping = append(m.DomainToCertificateMapping,
				model.XTykDomainToCertificate{Domain: d, Certificate: api.UpstreamCertificates[d]})
		}
		up.MutualTLS = m
	}
	if len(api.PinnedPublicKeys) > 0 || api.CertificatePinningDisabled {
		cp := &model.XTykCertificatePinning{Enabled: !api.CertificatePinningDisabled, DomainToPublicKeysMapping: []model.XTykPinnedPublicKeys{}}
		for _, d := range convSortedKeys(api.PinnedPublicKeys) {
			// The classic form is one comma-separated string per domain.
			keys := strings.Split(strings.ReplaceAll(api.PinnedPublicKeys[d], " ", ""), ",")
			cp.DomainToPublicKeysMapping = append(cp.DomainToPublicKeysMapping,
				model.XTykPinnedPublicKeys{Domain: d, PublicKeys: keys})
		}
		up.CertificatePinning = cp
	}
	if rl := api.GlobalRateLimit; rl.Rate != 0 || rl.Per != 0 {
		up.RateLimit = &model.XTykRateLimit{
			Enabled: !rl.Disabled,
			Rate:    rl.Rate,
			Per:     convSeconds(rl.Per),
		}
	}
	up.Authentication = classicUpstreamAuth(api)
	if p.PreserveHostHeader {
		up.PreserveHostHeader = &model.XTykPreserveHostHeader{Enabled: true}
	}
	if p.DisableStripSlash {
		up.PreserveTrailingSlash = &model.XTykPreserveTrailingSlash{Enabled: true}
	}
	tr := p.Transport
	if tr.SSLInsecureSkipVerify || len(tr.SSLCipherSuites) > 0 || tr.SSLMinVersion != 0 || tr.SSLMaxVersion != 0 || tr.SSLForceCommonNameCheck {
		t := &model.XTykTLSTransport{
			Ciphers:    tr.SSLCipherSuites,
			MinVersion: convTLSVersionName(tr.SSLMinVersion),
			MaxVersion: convTLSVersionName(tr.SSLMaxVersion),
		}
		if tr.SSLInsecureSkipVerify {
			t.InsecureSkipVerify = convPtr(true)
		}
		if tr.SSLForceCommonNameCheck {
			t.ForceCommonNameCheck = convPtr(true)
		}
		up.TLSTransport = t
	}
	if tr.ProxyURL != "" {
		up.Proxy = &model.XTykProxy{Enabled: true, URL: tr.ProxyURL}
	}
	return up
}

func classicServiceDiscovery(sd model.ServiceDiscoveryConfiguration) *model.XTykServiceDiscovery {
	if !sd.UseDiscoveryService && sd.QueryEndpoint == "" {
		return nil
	}
	out := &model.XTykServiceDiscovery{
		Enabled:        sd.UseDiscoveryService,
		QueryEndpoint:  sd.QueryEndpoint,
		DataPath:       sd.DataPath,
		ParentDataPath: sd.ParentDataPath,
		PortDataPath:   sd.PortDataPath,
		TargetPath:     sd.TargetPath,
	}
	if sd.UseNestedQuery {
		out.UseNestedQuery = convPtr(true)
	}
	if sd.UseTargetList {
		out.UseTargetList = convPtr(true)
	}
	if sd.EndpointReturnsList {
		out.EndpointReturnsList = convPtr(true)
	}
	// The gateway writes the cache only when it is on; off is its absence.
	if !sd.CacheDisabled {
		out.Cache = &model.XTykServiceDiscoveryCache{Enabled: true}
		if sd.CacheTimeout != 0 {
			out.Cache.Timeout = convPtr(sd.CacheTimeout)
		}
	}
	return out
}

func classicUpstreamAuth(api *model.APIDefinition) *model.XTykUpstreamAuthentication {
	ua := api.UpstreamAuth
	rs := api.RequestSigning
	basic, oauth := ua.BasicAuth, ua.OAuth
	hasBasic := basic.Enabled || basic.Username != "" || basic.Password != ""
	hasOAuth := oauth.Enabled || len(oauth.AllowedAuthorizeTypes) > 0 || oauth.ClientCredentials.ClientID != "" || oauth.PasswordAuthentication.ClientID != ""
	hasSigning := rs.IsEnabled || rs.Algorithm != "" || rs.KeyID != "" || rs.Secret != "" || rs.CertificateID != ""
	if !ua.Enabled && !hasBasic && !hasOAuth && !hasSigning {
		return nil
	}
	out := &model.XTykUpstreamAuthentication{Enabled: ua.Enabled}
	if hasBasic {
		out.BasicAuth = &model.XTykUpstreamBasicAuthentication{
			Enabled:  basic.Enabled,
			Header:   convUpstreamAuthSource(basic.Header),
			Username: basic.Username,
			Password: basic.Password,
		}
	}
	if hasOAuth {
		o := &model.XTykUpstreamOAuth{Enabled: oauth.Enabled, AllowedAuthorizeTypes: oauth.AllowedAuthorizeTypes}
		if cc := oauth.ClientCredentials; cc.ClientID != "" || cc.TokenURL != "" {
			o.ClientCredentials = &model.XTykUpstreamOAuthClientCredentials{
				ClientID: cc.ClientID, ClientSecret: cc.ClientSecret, TokenURL: cc.TokenURL,
				Scopes: cc.Scopes, Header: convUpstreamAuthSource(cc.Header), ExtraMetadata: cc.ExtraMetadata,
			}
		}
		if pw := oauth.PasswordAuthentication; pw.ClientID != "" || pw.TokenURL != "" {
			o.Password = &model.XTykUpstreamOAuthPassword{
				ClientID: pw.ClientID, ClientSecret: pw.ClientSecret, TokenURL: pw.TokenURL,
				Scopes: pw.Scopes, Username: pw.Username, Password: pw.Password,
				Header: convUpstreamAuthSource(pw.Header), ExtraMetadata: pw.ExtraMetadata,
			}
		}
		out.OAuth = o
	}
	if hasSigning {
		out.RequestSigning = &model.XTykUpstreamRequestSigning{
			Enabled: rs.IsEnabled, SignatureHeader: rs.SignatureHeader, Algorithm: rs.Algorithm,
			KeyID: rs.KeyID, Headers: rs.HeaderList, Secret: rs.Secret, CertificateID: rs.CertificateID,
		}
	}
	return out
}

func convUpstreamAuthSource(s model.AuthSource) *model.XTykUpstreamAuthSource {
	if !s.Enabled && s.Name == "" {
		return nil
	}
	return &model.XTykUpstreamAuthSource{Enabled: convPtr(s.Enabled), Name: s.Name}
}

func classicServer(api *model.APIDefinition) *model.XTykServer {
	srv := &model.XTykServer{
		ListenPath: &model.XTykListenPath{Value: api.Proxy.ListenPath},
		Slug:       api.Slug,
	}
	if api.Proxy.StripListenPath {
		srv.ListenPath.Strip = convPtr(true)
	}
	if api.Domain != "" || len(api.Certificates) > 0 {
		srv.CustomDomain = &model.XTykCustomDomain{Enabled: !api.DomainDisabled, Name: api.Domain, Certificates: api.Certificates}
	}
	if len(api.Tags) > 0 {
		srv.GatewayTags = &model.XTykGatewayTags{Enabled: !api.TagsDisabled, Tags: api.Tags}
	}
	if api.UseMutualTLSAuth || len(api.ClientCertificates) > 0 {
		srv.ClientCertificates = &model.XTykClientCertificates{Enabled: convPtr(api.UseMutualTLSAuth), Allowlist: api.ClientCertificates}
	}
	if api.EnableDetailedRecording {
		srv.DetailedActivityLogs = &model.XTykDetailedActivityLogs{Enabled: true}
	}
	if api.DetailedTracing {
		srv.DetailedTracing = &model.XTykDetailedTracing{Enabled: true}
	}
	if len(api.AllowedIPs) > 0 || len(api.BlacklistedIPs) > 0 {
		// Older definitions switch each list on with its own flag; a Tyk OAS
		// API has one switch, on when a list in use is switched on.
		on := !api.IPAccessControlDisabled &&
			(api.EnableIPWhiteListing && len(api.AllowedIPs) > 0 || api.EnableIPBlacklisting && len(api.BlacklistedIPs) > 0)
		srv.IPAccessControl = &model.XTykIPAccessControl{Enabled: convPtr(on), Allow: api.AllowedIPs, Block: api.BlacklistedIPs}
	}
	if api.EnableBatchRequestSupport {
		srv.BatchProcessing = &model.XTykBatchProcessing{Enabled: true}
	}
	srv.EventHandlers = classicEventHandlers(api.EventHandlers.Events)
	return srv
}

func classicMiddleware(api *model.APIDefinition) *model.XTykMiddleware {
	g := &model.XTykGlobal{}
	if c := api.CORS; c.Enable || len(c.AllowedOrigins) > 0 || len(c.AllowedMethods) > 0 || len(c.AllowedHeaders) > 0 || len(c.ExposedHeaders) > 0 {
		cors := &model.XTykCORS{
			Enabled:        c.Enable,
			AllowedOrigins: c.AllowedOrigins,
			AllowedMethods: c.AllowedMethods,
			AllowedHeaders: c.AllowedHeaders,
			ExposedHeaders: c.ExposedHeaders,
		}
		if c.MaxAge != 0 {
			cors.MaxAge = convPtr(c.MaxAge)
		}
		if c.AllowCredentials {
			cors.AllowCredentials = convPtr(true)
		}
		if c.OptionsPassthrough {
			cors.OptionsPassthrough = convPtr(true)
		}
		if c.Debug {
			cors.Debug = convPtr(true)
		}
		g.CORS = cors
	}
	if c := api.CacheOptions; c.EnableCache || c.CacheTimeout != 0 || c.CacheAllSafeRequests || len(c.CacheOnlyResponseCodes) > 0 || len(c.CacheByHeaders) > 0 || c.EnableUpstreamCacheControl || c.CacheControlTTLHeader != "" {
		cache := &model.XTykCache{
			Enabled:              convPtr(c.EnableCache),
			CacheResponseCodes:   c.CacheOnlyResponseCodes,
			CacheByHeaders:       c.CacheByHeaders,
			ControlTTLHeaderName: c.CacheControlTTLHeader,
		}
		if c.CacheTimeout != 0 {
			cache.Timeout = convPtr(c.CacheTimeout)
		}
		if c.CacheAllSafeRequests {
			cache.CacheAllSafeRequests = convPtr(true)
		}
		if c.EnableUpstreamCacheControl {
			cache.EnableUpstreamCacheControl = convPtr(true)
		}
		g.Cache = cache
	}
	if api.EnableContextVars {
		g.ContextVariables = &model.XTykContextVariables{Enabled: true}
	}
	g.TrafficLogs = &model.XTykTrafficLogs{Enabled: !api.DoNotTrack, TagHeaders: api.TagHeaders, Plugins: classicAnalyticsPlugins(api.AnalyticsPlugin)}
	if api.ExpireAnalyticsAfter > 0 {
		g.TrafficLogs.CustomRetentionPeriod = convSeconds(float64(api.ExpireAnalyticsAfter))
	}

	cm := api.CustomMiddleware
	if cm.Driver != "" || api.CustomMiddlewareBundle != "" || len(api.ConfigData) > 0 {
		pc := &model.XTykPluginConfig{Driver: cm.Driver}
		if api.CustomMiddlewareBundle != "" {
			pc.Bundle = &model.XTykPluginBundle{Enabled: !api.CustomMiddlewareBundleDisabled, Path: api.CustomMiddlewareBundle}
		}
		if len(api.ConfigData) > 0 {
			// config_data is free-form; it travels as the JSON it is.
			value, _ := json.Marshal(api.ConfigData)
			pc.Data = &model.XTykPluginConfigData{Enabled: !api.ConfigDataDisabled, Value: value}
		}
		g.PluginConfig = pc
	}
	g.PrePlugins = classicPlugins(cm.Pre)
	g.PostAuthenticationPlugins = classicPlugins(cm.PostKeyAuth)
	g.PostPlugins = classicPlugins(cm.Post)
	g.ResponsePlugins = classicPlugins(cm.Response)
	if api.DisableRateLimit {
		g.SkipRateLimit = convPtr(true)
	}
	if api.DisableQuota {
		g.SkipQuota = convPtr(true)
	}

	if v, ok := classicVersion(api); ok {
		g.TransformRequestHeaders = classicHeaders(v.GlobalHeaders, v.GlobalHeadersRemove, v.GlobalHeadersDisabled)
		g.TransformResponseHeaders = classicHeaders(v.GlobalResponseHeaders, v.GlobalResponseHeadersRemove, v.GlobalResponseHeadersDisabled)
		if v.GlobalSizeLimit > 0 {
			g.RequestSizeLimit = &model.XTykGlobalRequestSizeLimit{Enabled: !v.GlobalSizeLimitDisabled, Value: v.GlobalSizeLimit}
		}
		if v.IgnoreEndpointCase {
			g.IgnoreCase = &model.XTykIgnoreCase{Enabled: true}
		}
	}
	return &model.XTykMiddleware{Global: g}
}

func classicPlugins(defs []model.MiddlewareDefinition) []model.XTykCustomPlugin {
	if len(defs) == 0 {
		return nil
	}
	out := make([]model.XTykCustomPlugin, 0, len(defs))
	for _, d := range defs {
		p := model.XTykCustomPlugin{Enabled: !d.Disabled, FunctionName: d.Name, Path: d.Path}
		if d.RawBodyOnly {
			p.RawBodyOnly = convPtr(true)
		}
		if d.RequireSession {
			p.RequireSession = convPtr(true)
		}
		out = append(out, p)
	}
	return out
}

func classicHeaders(add map[string]string, remove []string, disabled bool) *model.XTykTransformHeaders {
	if len(add) == 0 && len(remove) == 0 {
		return nil
	}
	th := &model.XTykTransformHeaders{Enabled: !disabled, Remove: remove}
	for _, name := range convSortedKeys(add) {
		th.Add = append(th.Add, model.XTykHeader{Name: name, Value: add[name]})
	}
	return th
}

// extensionToClassic fills a classic definition from the extension; the
// authentication schemes are left to extractSecurity, which also needs the
// OpenAPI side.
func extensionToClassic(ext *model.XTykAPIGateway) *model.APIDefinition {
	api := &model.APIDefinition{
		VersionData: model.VersionData{
			NotVersioned: true,
			Versions: map[string]model.VersionInfo{
				classicMainVersion: {Name: classicMainVersion, UseExtendedPaths: true},
			},
		},
	}
	if info := ext.Info; info != nil {
		api.APIID = info.ID
		api.ID = info.DBID
		api.OrgID = info.OrgID
		api.Name = info.Name
		api.Expiration = info.Expiration
		if info.State != nil {
			api.Active = info.State.Active
			api.Internal = convVal(info.State.Internal)
		}
		if v := info.Versioning; v != nil {
			vd := &api.VersionDefinition
			vd.Enabled = convVal(v.Enabled)
			vd.Name = v.Name
			vd.Default = v.Default
			vd.Location = v.Location
			vd.Key = v.Key
			vd.URLVersioningPattern = v.URLVersioningPattern
			vd.StripVersioningData = convVal(v.StripVersioningData)
			vd.FallbackToDefault = convVal(v.FallbackToDefault)
			if len(v.Versions) > 0 {
				vd.Versions = make(map[string]string, len(v.Versions))
				for _, x := range v.Versions {
					vd.Versions[x.Name] = x.ID
				}
			}
		}
	}
	if up := ext.Upstream; up != nil {
		extractUpstream(up, api)
	}
	if srv := ext.Server; srv != nil {
		if lp := srv.ListenPath; lp != nil {
			api.Proxy.ListenPath = lp.Value
			api.Proxy.StripListenPath = convVal(lp.Strip)
		}
		api.Slug = srv.Slug
		if d := srv.CustomDomain; d != nil {
			api.Domain = d.Name
			api.DomainDisabled = !d.Enabled
			api.Certificates = d.Certificates
		}
		if t := srv.GatewayTags; t != nil {
			api.Tags = t.Tags
			api.TagsDisabled = !t.Enabled
		}
		if c := srv.ClientCertificates; c != nil {
			api.UseMutualTLSAuth = convVal(c.Enabled)
			api.ClientCertificates = c.Allowlist
		}
		api.EnableDetailedRecording = srv.DetailedActivityLogs != nil && srv.DetailedActivityLogs.Enabled
		api.DetailedTracing = srv.DetailedTracing != nil && srv.DetailedTracing.Enabled
		if ip := srv.IPAccessControl; ip != nil {
			on := convVal(ip.Enabled)
			api.IPAccessControlDisabled = !on
			api.AllowedIPs, api.BlacklistedIPs = ip.Allow, ip.Block
			api.EnableIPWhiteListing = on && len(ip.Allow) > 0
			api.EnableIPBlacklisting = on && len(ip.Block) > 0
		}
		api.EnableBatchRequestSupport = srv.BatchProcessing != nil && srv.BatchProcessing.Enabled
		extractEventHandlers(srv.EventHandlers, api)
		// Older documents keep context variables on the server.
		if srv.ContextVariables != nil {
			api.EnableContextVars = srv.ContextVariables.Enabled
		}
	}
	extractMiddleware(ext.Middleware, api)
	return api
}

func extractUpstream(up *model.XTykUpstream, api *model.APIDefinition) {
	p := &api.Proxy
	p.TargetURL = up.URL
	if sd := up.ServiceDiscovery; sd != nil {
		extractServiceDiscovery(sd, &p.ServiceDiscovery)
	}
	if ut := up.UptimeTests; ut != nil {
		extractUptimeTests(ut, api)
	} else if t := up.Test; t != nil && t.ServiceDiscovery != nil {
		// The older home of the uptime tests' service discovery.
		extractServiceDiscovery(t.ServiceDiscovery, &api.UptimeTests.Config.ServiceDiscovery)
	}
	if lb := up.LoadBalancing; lb != nil {
		p.EnableLoadBalancing = lb.Enabled
		p.CheckHostAgainstUptimeTests = convVal(lb.SkipUnavailableHosts)
		for _, t := range lb.Targets {
			// Classic weights are repetitions in target_list.
			for range int(t.Weight) {
				p.TargetList = append(p.TargetList, t.URL)
			}
		}
	}
	if m := up.MutualTLS; m != nil {
		api.UpstreamCertificatesDisabled = !m.Enabled
		if len(m.DomainToCertificateMapping) > 0 {
			api.UpstreamCertificates = map[string]string{}
			for _, d := range m.DomainToCertificateMapping {
				api.UpstreamCertificates[d.Domain] = d.Certificate
			}
		}
	}
	if cp := up.CertificatePinning; cp != nil {
		api.CertificatePinningDisabled = !cp.Enabled
		if len(cp.DomainToPublicKeysMapping) > 0 {
			api.PinnedPublicKeys = map[string]string{}
			for _, d := range cp.DomainToPublicKeysMapping {
				api.PinnedPublicKeys[d.Domain] = strings.Join(d.PublicKeys, ",")
			}
		}
	}
	if rl := up.RateLimit; rl != nil {
		api.GlobalRateLimit.Disabled = !rl.Enabled
		api.GlobalRateLimit.Rate = rl.Rate
		api.GlobalRateLimit.Per = convParseSeconds(rl.Per)
	}
	if ua := up.Authentication; ua != nil {
		api.UpstreamAuth.Enabled = ua.Enabled
		if b := ua.BasicAuth; b != nil {
			t := &api.UpstreamAuth.BasicAuth
			t.Enabled = b.Enabled
			t.Username, t.Password = b.Username, b.Password
			t.Header = convClassicAuthSource(b.Header)
		}
		if o := ua.OAuth; o != nil {
			t := &api.UpstreamAuth.OAuth
			t.Enabled = o.Enabled
			t.AllowedAuthorizeTypes = o.AllowedAuthorizeTypes
			if cc := o.ClientCredentials; cc != nil {
				t.ClientCredentials = model.ClientCredentials{
					ClientID: cc.ClientID, ClientSecret: cc.ClientSecret, TokenURL: cc.TokenURL,
					Scopes: cc.Scopes, Header: convClassicAuthSource(cc.Header), ExtraMetadata: cc.ExtraMetadata,
				}
			}
			if pw := o.Password; pw != nil {
				t.PasswordAuthentication = model.PasswordAuthentication{
					ClientID: pw.ClientID, ClientSecret: pw.ClientSecret, TokenURL: pw.TokenURL,
					Scopes: pw.Scopes, Username: pw.Username, Password: pw.Password,
					Header: convClassicAuthSource(pw.Header), ExtraMetadata: pw.ExtraMetadata,
				}
			}
		}
		if rs := ua.RequestSigning; rs != nil {
			api.RequestSigning = model.RequestSigningMeta{
				IsEnabled: rs.Enabled, SignatureHeader: rs.SignatureHeader, Algorithm: rs.Algorithm,
				KeyID: rs.KeyID, HeaderList: rs.Headers, Secret: rs.Secret, CertificateID: rs.CertificateID,
			}
		}
	}
	p.PreserveHostHeader = up.PreserveHostHeader != nil && up.PreserveHostHeader.Enabled
	p.DisableStripSlash = up.PreserveTrailingSlash != nil && up.PreserveTrailingSlash.Enabled
	if t := up.TLSTransport; t != nil {
		p.Transport.SSLInsecureSkipVerify = convVal(t.InsecureSkipVerify)
		p.Transport.SSLCipherSuites = t.Ciphers
		p.Transport.SSLMinVersion = convTLSVersion(t.MinVersion)
		p.Transport.SSLMaxVersion = convTLSVersion(t.MaxVersion)
		p.Transport.SSLForceCommonNameCheck = convVal(t.ForceCommonNameCheck)
	}
	if px := up.Proxy; px != nil {
		p.Transport.ProxyURL = px.URL
	}
}

func extractServiceDiscovery(sd *model.XTykServiceDiscovery, c *model.ServiceDiscoveryConfiguration) {
	c.UseDiscoveryService = sd.Enabled
	c.QueryEndpoint = sd.QueryEndpoint
	c.DataPath = sd.DataPath
	c.ParentDataPath = sd.ParentDataPath
	c.PortDataPath = sd.PortDataPath
	c.TargetPath = sd.TargetPath
	c.UseNestedQuery = convVal(sd.UseNestedQuery)
	c.UseTargetList = convVal(sd.UseTargetList)
	c.EndpointReturnsList = convVal(sd.EndpointReturnsList)
	// cache wins over the deprecated cacheTimeout, as in the gateway.
	if sd.Cache != nil {
		c.CacheDisabled = !sd.Cache.Enabled
		c.CacheTimeout = convVal(sd.Cache.Timeout)
	} else {
		c.CacheTimeout = convVal(sd.CacheTimeout)
		c.CacheDisabled = c.CacheTimeout == 0
	}
}

func convClassicAuthSource(s *model.XTykUpstreamAuthSource) model.AuthSource {
	if s == nil {
		return model.AuthSource{}
	}
	return model.AuthSource{Enabled: convVal(s.Enabled), Name: s.Name}
}

func extractMiddleware(mw *model.XTykMiddleware, api *model.APIDefinition) {
	if mw == nil || mw.Global == nil {
		return
	}
	g := mw.Global
	if c := g.CORS; c != nil {
		api.CORS = model.CORSConfig{
			Enable:             c.Enabled,
			AllowedOrigins:     c.AllowedOrigins,
			AllowedMethods:     c.AllowedMethods,
			AllowedHeaders:     c.AllowedHeaders,
			ExposedHeaders:     c.ExposedHeaders,
			AllowCredentials:   convVal(c.AllowCredentials),
			MaxAge:             convVal(c.MaxAge),
			OptionsPassthrough: convVal(c.OptionsPassthrough),
			Debug:              convVal(c.Debug),
		}
	}
	if c := g.Cache; c != nil {
		api.CacheOptions = model.CacheOptions{
			EnableCache:                convVal(c.Enabled),
			CacheTimeout:               convVal(c.Timeout),
			CacheAllSafeRequests:       convVal(c.CacheAllSafeRequests),
			CacheOnlyResponseCodes:     c.CacheResponseCodes,
			CacheByHeaders:             c.CacheByHeaders,
			EnableUpstreamCacheControl: convVal(c.EnableUpstreamCacheControl),
			CacheControlTTLHeader:      c.ControlTTLHeaderName,
		}
	}
	if g.ContextVariables != nil {
		api.EnableContextVars = g.ContextVariables.Enabled
	}
	if t := g.TrafficLogs; t != nil {
		api.DoNotTrack = !t.Enabled
		api.TagHeaders = t.TagHeaders
		api.ExpireAnalyticsAfter = int64(convParseSeconds(t.CustomRetentionPeriod))
		extractAnalyticsPlugins(t.Plugins, api)
	}
	if pc := g.PluginConfig; pc != nil {
		api.CustomMiddleware.Driver = pc.Driver
		if b := pc.Bundle; b != nil {
			api.CustomMiddlewareBundle = b.Path
			api.CustomMiddlewareBundleDisabled = !b.Enabled
		}
		if d := pc.Data; d != nil {
			api.ConfigDataDisabled = !d.Enabled
			// Numbers keep their text, as the classic model keeps them.
			dec := json.NewDecoder(bytes.NewReader(d.Value))
			dec.UseNumber()
			var m map[string]any
			if dec.Decode(&m) == nil {
				api.ConfigData = m
			}
		}
	}
	api.CustomMiddleware.Pre = extractPlugins(g.PrePlugins, g.PrePlugin)
	api.CustomMiddleware.PostKeyAuth = extractPlugins(g.PostAuthenticationPlugins, g.PostAuthenticationPlugin)
	api.CustomMiddleware.Post = extractPlugins(g.PostPlugins, g.PostPlugin)
	api.CustomMiddleware.Response = extractPlugins(g.ResponsePlugins, g.ResponsePlugin)
	api.DisableRateLimit = convVal(g.SkipRateLimit)
	api.DisableQuota = convVal(g.SkipQuota)

	v := api.VersionData.Versions[classicMainVersion]
	if h := g.TransformRequestHeaders; h != nil {
		v.GlobalHeaders, v.GlobalHeadersRemove, v.GlobalHeadersDisabled = extractHeaders(h)
	}
	if h := g.TransformResponseHeaders; h != nil {
		v.GlobalResponseHeaders, v.GlobalResponseHeadersRemove, v.GlobalResponseHeadersDisabled = extractHeaders(h)
	}
	if l := g.RequestSizeLimit; l != nil {
		v.GlobalSizeLimit = l.Value
		v.GlobalSizeLimitDisabled = !l.Enabled
	}
	v.IgnoreEndpointCase = g.IgnoreCase != nil && g.IgnoreCase.Enabled
	api.VersionData.Versions[classicMainVersion] = v
}

// extractPlugins reads a plugin list, falling back to the older
// single-object form (prePlugin: {plugins: [...]}) when the list is absent.
func extractPlugins(list []model.XTykCustomPlugin, old *model.XTykCustomPluginConfig) []model.MiddlewareDefinition {
	if len(list) == 0 && old != nil {
		list = old.Plugins
	}
	if len(list) == 0 {
		return nil
	}
	out := make([]model.MiddlewareDefinition, 0, len(list))
	for _, p := range list {
		out = append(out, model.MiddlewareDefinition{
			Disabled:       !p.Enabled,
			Name:           p.FunctionName,
			Path:           p.Path,
			RawBodyOnly:    convVal(p.RawBodyOnly),
			RequireSession: convVal(p.RequireSession),
		})
	}
	return out
}

func extractHeaders(h *model.XTykTransformHeaders) (map[string]string, []string, bool) {
	var add map[string]string
	if len(h.Add) > 0 {
		add = make(map[string]string, len(h.Add))
		for _, x := range h.Add {
			add[x.Name] = x.Value
		}
	}
	return add, h.Remove, !h.Enabled
}

// convSeconds writes seconds as the gateway's readable duration.
func convSeconds(s float64) string {
	return convDuration(time.Duration(math.Round(s * float64(time.Second))))
}

// convDuration writes a duration as the gateway's readable duration: whole
// units from hours down to nanoseconds, zero units left out ("1h", "1m30s",
// "1s500ms"), "0s" for none. time.Duration.String would write "1.5s", which
// the schema of readable durations rejects.
func convDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	if d < 0 {
		return d.String()
	}
	var b strings.Builder
	for _, u := range []struct {
		size time.Duration
		name string
	}{{time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}, {time.Millisecond, "ms"}, {time.Microsecond, "µs"}, {time.Nanosecond, "ns"}} {
		if n := d / u.size; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10))
			b.WriteString(u.name)
			d -= n * u.size
		}
	}
	return b.String()
}

// convParseSeconds reads a readable duration as seconds; an empty or
// unreadable one is 0, as the gateway reads it.
func convParseSeconds(s string) float64 {
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0
	}
	return d.Seconds()
}

// TLS versions: classic definitions hold crypto/tls's numbers, Tyk OAS the
// version names.
var convTLSVersions = map[int64]string{0x0301: "1.0", 0x0302: "1.1", 0x0303: "1.2", 0x0304: "1.3"}

func convTLSVersionName(v int64) string { return convTLSVersions[v] }

func convTLSVersion(name string) int64 {
	for v, n := range convTLSVersions {
		if n == name {
			return v
		}
	}
	return 0
}

func convPtr[T any](v T) *T { return &v }

func convVal[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func convSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
