package model

import (
	"encoding/json"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// Validate checks a policy as the Dashboard and gateway would before using
// it; it returns nil or a *ValidationError listing every problem.
func (p *Policy) Validate() error {
	pr := &problems{object: "policy"}
	if strings.TrimSpace(p.Name) == "" {
		pr.add("name", "is required")
	}
	pr.rate("", p.Rate, p.Per)
	pr.limitFloat("throttle_interval", p.ThrottleInterval)
	pr.limitInt("throttle_retry_limit", p.ThrottleRetryLimit)
	pr.limitInt("max_query_depth", p.MaxQueryDepth)
	pr.limitInt("quota_max", p.QuotaMax)
	pr.limitInt("quota_renewal_rate", p.QuotaRenewalRate)
	if p.KeyExpiresIn < 0 {
		pr.add("key_expires_in", "must not be negative (0 is never), got %d", p.KeyExpiresIn)
	}
	pt := p.Partitions
	if pt.PerAPI && (pt.Quota || pt.RateLimit || pt.Acl || pt.Complexity) {
		pr.add("partitions.per_api", "cannot be combined with the quota, rate_limit, acl or complexity partitions")
	}
	pr.accessRights("access_rights", p.AccessRights)
	pr.smoothing("smoothing", p.Smoothing)
	return pr.err()
}

// Validate checks a key (a session) as a create or update body: its limits,
// access rights and authentication data. It returns nil or a
// *ValidationError listing every problem.
func (s *SessionState) Validate() error {
	pr := &problems{object: "key"}
	pr.rate("", s.Rate, s.Per)
	pr.limitFloat("throttle_interval", s.ThrottleInterval)
	pr.limitInt("throttle_retry_limit", s.ThrottleRetryLimit)
	pr.limitInt("max_query_depth", s.MaxQueryDepth)
	pr.limitInt("quota_max", s.QuotaMax)
	pr.limitInt("quota_renewal_rate", s.QuotaRenewalRate)
	if s.Expires < -1 {
		pr.add("expires", "must be a Unix time, 0 (never) or -1, got %d", s.Expires)
	}
	if len(s.AccessRights) == 0 && len(s.ApplyPolicies) == 0 && s.ApplyPolicyID == "" {
		pr.add("access_rights", "a key needs at least one access right or a policy in apply_policies")
	}
	pr.accessRights("access_rights", s.AccessRights)
	for i, id := range s.ApplyPolicies {
		if strings.TrimSpace(id) == "" {
			pr.add(index("apply_policies", i), "is empty")
		}
	}
	switch s.BasicAuthData.Hash {
	case "", "bcrypt":
	default:
		pr.add("basic_auth_data.hash_type", "%q is not a password hash type (\"\" or \"bcrypt\")", s.BasicAuthData.Hash)
	}
	for i, l := range s.Monitor.TriggerLimits {
		if l <= 0 || l > 100 {
			pr.add(index("monitor.trigger_limits", i), "must be a percentage above 0 and at most 100, got %v", l)
		}
	}
	pr.smoothing("smoothing", s.Smoothing)
	return pr.err()
}

// authMethods pairs each authentication switch of a classic API with its
// entry in auth_configs.
func (a *APIDefinition) authMethods() map[string]bool {
	return map[string]bool{
		"authToken": a.UseStandardAuth,
		"jwt":       a.EnableJWT,
		"hmac":      a.EnableSignatureChecking,
		"basic":     a.UseBasicAuth,
		"oauth":     a.UseOauth2,
		"oidc":      a.UseOpenID,
		"coprocess": a.EnableCoProcessAuth,
	}
}

var versionLocations = map[string]bool{"": true, "header": true, "url-param": true, "url": true}

var executionModes = map[string]bool{
	"": true, "proxyOnly": true, "executionEngine": true, "subgraph": true, "supergraph": true,
}

var apiProtocols = map[string]bool{"": true, "http": true, "https": true, "h2c": true, "tcp": true, "tls": true}

// Validate checks a classic API definition: what the gateway's own
// definition rules and the Dashboard reject (an absolute target, valid IP lists, at least one source for each enabled credential,
// one upstream authentication mode, sane versions and middleware). It
// returns nil or a *ValidationError listing every problem.
func (a *APIDefinition) Validate() error {
	pr := &problems{object: "API definition"}
	if strings.TrimSpace(a.Name) == "" {
		pr.add("name", "is required")
	}
	if !apiProtocols[a.Protocol] {
		pr.add("protocol", "%q is not one of http, https, h2c, tcp, tls", a.Protocol)
	}
	if a.ListenPort < 0 || a.ListenPort > 65535 {
		pr.add("listen_port", "must be a port number, got %d", a.ListenPort)
	}
	if (a.Protocol == "tcp" || a.Protocol == "tls") && a.ListenPort == 0 {
		pr.add("listen_port", "is required for a %s API", a.Protocol)
	}
	if strings.Contains(a.Domain, "/") {
		pr.add("domain", "%q must be a host name, without scheme or path", a.Domain)
	}
	a.validateProxy(pr)
	methods := a.authMethods()
	for _, name := range sortedKeys(methods) {
		if !methods[name] || a.UseKeylessAccess {
			continue
		}
		c, ok := a.AuthConfigs[name]
		if ok && c.DisableHeader && !c.UseParam && !c.UseCookie && !c.UseCertificate {
			pr.add(member("auth_configs", name), "every source of the credential is disabled: enable the header, a query parameter or a cookie")
		}
	}
	for _, l := range []struct {
		name string
		ips  []string
	}{{"allowed_ips", a.AllowedIPs}, {"blacklisted_ips", a.BlacklistedIPs}} {
		for i, ip := range l.ips {
			if net.ParseIP(ip) == nil {
				if _, _, err := net.ParseCIDR(ip); err != nil {
					pr.add(index(l.name, i), "%q is not an IP address or CIDR range", ip)
				}
			}
		}
	}
	if a.UpstreamAuth.BasicAuth.Enabled && a.UpstreamAuth.OAuth.Enabled {
		pr.add("upstream_auth", "only one upstream authentication mode may be enabled, not basic_auth and oauth together")
	}
	pr.rate("global_rate_limit", a.GlobalRateLimit.Rate, a.GlobalRateLimit.Per)
	if a.CacheOptions.CacheTimeout < 0 {
		pr.add("cache_options.cache_timeout", "must not be negative")
	}
	if a.CORS.MaxAge < 0 {
		pr.add("CORS.max_age", "must not be negative")
	}
	if a.VersionDefinition.Enabled && !versionLocations[a.VersionDefinition.Location] {
		pr.add("definition.location", "%q is not one of header, url-param, url", a.VersionDefinition.Location)
	}
	a.validateVersions(pr)
	for _, ev := range sortedKeys(a.EventHandlers.Events) {
		for i, h := range a.EventHandlers.Events[ev] {
			if h.Handler == "" {
				pr.add(member(index(member("event_handlers.events", ev), i), "handler_name"), "is required")
			}
		}
	}
	if !executionModes[a.GraphQL.ExecutionMode] {
		pr.add("graphql.execution_mode", "%q is not one of proxyOnly, executionEngine, subgraph, supergraph", a.GraphQL.ExecutionMode)
	}
	return pr.err()
}

func (a *APIDefinition) validateProxy(pr *problems) {
	p := a.Proxy
	// An empty listen path is allowed: the Dashboard gives a new API
	// "/<api_id>/" (see DefaultListenPath).
	if p.ListenPath != "" && !strings.HasPrefix(p.ListenPath, "/") {
		pr.add("proxy.listen_path", "%q must start with /", p.ListenPath)
	}
	if p.ServiceDiscovery.UseDiscoveryService {
		if p.ServiceDiscovery.QueryEndpoint == "" {
			pr.add("proxy.service_discovery.query_endpoint", "is required when use_discovery_service is on")
		}
	} else if p.TargetURL == "" {
		pr.add("proxy.target_url", "is required")
	} else if u, err := url.Parse(p.TargetURL); err != nil || u.Scheme == "" || (u.Host == "" && u.Scheme != "tyk") {
		pr.add("proxy.target_url", "%q must be an absolute URL (scheme and host)", p.TargetURL)
	}
	if p.EnableLoadBalancing && len(p.TargetList) == 0 && !p.ServiceDiscovery.UseDiscoveryService {
		pr.add("proxy.target_list", "needs at least one target when enable_load_balancing is on")
	}
	for i, t := range p.TargetList {
		if u, err := url.Parse(t); err != nil || u.Scheme == "" || u.Host == "" {
			pr.add(index("proxy.target_list", i), "%q must be an absolute URL", t)
		}
	}
}

var routingTriggerOn = map[string]bool{"": true, "any": true, "all": true}

func (a *APIDefinition) validateVersions(pr *problems) {
	vd := a.VersionData
	if len(vd.Versions) == 0 {
		pr.add("version_data.versions", "needs at least one version")
	}
	if vd.DefaultVersion != "" {
		if _, ok := vd.Versions[vd.DefaultVersion]; !ok {
			pr.add("version_data.default_version", "%q is not one of the versions", vd.DefaultVersion)
		}
	}
	for _, name := range sortedKeys(vd.Versions) {
		v := vd.Versions[name]
		at := member("version_data.versions", name)
		if v.Name != "" && v.Name != name {
			pr.add(member(at, "name"), "%q differs from the version's key %q", v.Name, name)
		}
		if v.GlobalSizeLimit < 0 {
			pr.add(member(at, "global_size_limit"), "must not be negative")
		}
		ep := member(at, "extended_paths")
		x := v.ExtendedPaths
		endpoint := func(list string, i int, path, method string, optionalMethod bool) string {
			et := index(member(ep, list), i)
			if path == "" {
				pr.add(member(et, "path"), "is required")
			}
			pr.method(member(et, "method"), method, optionalMethod)
			return et
		}
		for _, l := range []struct {
			name  string
			metas []EndPointMeta
		}{{"ignored", x.Ignored}, {"white_list", x.WhiteList}, {"black_list", x.BlackList}} {
			for i, m := range l.metas {
				endpoint(l.name, i, m.Path, m.Method, len(m.MethodActions) > 0)
			}
		}
		for i, m := range x.MockResponse {
			et := endpoint("mock_response", i, m.Path, m.Method, false)
			if m.Code < 100 || m.Code > 599 {
				pr.add(member(et, "code"), "must be an HTTP status code, got %d", m.Code)
			}
		}
		for i, m := range x.HardTimeouts {
			et := endpoint("hard_timeouts", i, m.Path, m.Method, false)
			if m.TimeOut < 0 {
				pr.add(member(et, "timeout"), "must not be negative")
			}
		}
		for i, m := range x.CircuitBreaker {
			et := endpoint("circuit_breakers", i, m.Path, m.Method, false)
			if m.ThresholdPercent <= 0 || m.ThresholdPercent > 1 {
				pr.add(member(et, "threshold_percent"), "must be a ratio above 0 and at most 1, got %v", m.ThresholdPercent)
			}
			if m.Samples <= 0 {
				pr.add(member(et, "samples"), "must be above 0")
			}
		}
		for i, m := range x.SizeLimit {
			et := endpoint("size_limits", i, m.Path, m.Method, false)
			if m.SizeLimit < 0 {
				pr.add(member(et, "size_limit"), "must not be negative")
			}
		}
		for i, m := range x.URLRewrite {
			et := endpoint("url_rewrites", i, m.Path, m.Method, false)
			if _, err := regexp.Compile(m.MatchPattern); err != nil {
				pr.add(member(et, "match_pattern"), "is not a regular expression: %v", err)
			}
			for j, tr := range m.Triggers {
				if !routingTriggerOn[tr.On] {
					pr.add(member(index(member(et, "triggers"), j), "on"), "%q is not any or all", tr.On)
				}
			}
		}
		for i, m := range x.MethodTransforms {
			et := endpoint("method_transforms", i, m.Path, m.Method, false)
			pr.method(member(et, "to_method"), m.ToMethod, false)
		}
		for i, m := range x.RateLimit {
			et := endpoint("rate_limit", i, m.Path, m.Method, false)
			pr.rate(et, m.Rate, m.Per)
		}
		for i, m := range x.Virtual {
			et := endpoint("virtual", i, m.Path, m.Method, false)
			if m.ResponseFunctionName == "" {
				pr.add(member(et, "response_function_name"), "is required")
			}
		}
	}
}

// Validate checks an API definition wrapper. A classic API's definition is
// checked as APIDefinition.Validate does; an OAS API (is_oas) must carry its
// Tyk OAS document in oas, which package oas validates.
func (w *APIDefinitionWrapper) Validate() error {
	pr := &problems{object: "API definition"}
	switch {
	case w.APIDefinition == nil:
		pr.add("api_definition", "is required")
	case w.APIDefinition.IsOAS:
		var doc map[string]json.RawMessage
		if len(w.OAS) == 0 || json.Unmarshal(w.OAS, &doc) != nil || doc == nil {
			pr.add("oas", "an OAS API (api_definition.is_oas) needs its Tyk OAS document")
		}
	default:
		if ve, ok := w.APIDefinition.Validate().(*ValidationError); ok {
			for _, p := range ve.Problems {
				pr.add(member("api_definition", p.Path), "%s", p.Message)
			}
		}
	}
	return pr.err()
}

// permissionValues are the levels of UserPermissions; "admin" is also the
// level of the action permissions such as "ResetPassword".
var permissionValues = map[string]bool{PermRead: true, PermWrite: true, PermDeny: true, PermAdmin: true}

func (pr *problems) permissions(path string, perms UserPermissions) {
	for _, section := range sortedKeys(perms) {
		v := perms[section]
		switch {
		case section == PermIsAdmin:
			if v != PermAdmin {
				pr.add(member(path, section), "%q must be %q", v, PermAdmin)
			}
		case !permissionValues[v]:
			pr.add(member(path, section), "%q is not read, write, deny or admin", v)
		}
	}
}

// Validate checks a user as a create or update body. It returns nil or a
// *ValidationError listing every problem.
func (u *User) Validate() error {
	pr := &problems{object: "user"}
	switch addr, err := mail.ParseAddress(u.EmailAddress); {
	case strings.TrimSpace(u.EmailAddress) == "":
		pr.add("email_address", "is required")
	case err != nil || addr.Address != u.EmailAddress:
		pr.add("email_address", "%q is not an email address", u.EmailAddress)
	}
	pr.permissions("user_permissions", u.UserPermissions)
	if u.PasswordMaxDays < 0 {
		pr.add("password_max_days", "must not be negative")
	}
	return pr.err()
}

// Validate checks a user group. It returns nil or a *ValidationError
// listing every problem.
func (g *UserGroup) Validate() error {
	pr := &problems{object: "user group"}
	if strings.TrimSpace(g.Name) == "" {
		pr.add("name", "is required")
	}
	pr.permissions("user_permissions", g.UserPermissions)
	if g.PasswordMaxDays < 0 {
		pr.add("password_max_days", "must not be negative")
	}
	return pr.err()
}

// absoluteHTTPURL reports whether s is an absolute http or https URL.
func absoluteHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Validate checks a webhook. It returns nil or a *ValidationError listing
// every problem.
func (h *WebHookHandlerConf) Validate() error {
	pr := &problems{object: "webhook"}
	if strings.TrimSpace(h.Name) == "" {
		pr.add("name", "is required")
	}
	switch {
	case h.TargetPath == "":
		pr.add("target_path", "is required")
	case !absoluteHTTPURL(h.TargetPath):
		pr.add("target_path", "%q must be an absolute http or https URL", h.TargetPath)
	}
	pr.method("method", h.Method, false)
	if h.EventTimeout < 0 {
		pr.add("event_timeout", "must not be negative")
	}
	for _, k := range sortedKeys(h.HeaderList) {
		if strings.TrimSpace(k) == "" {
			pr.add("header_map", "has a header with an empty name")
		}
	}
	return pr.err()
}

// Validate checks an asset: an API template of kind "oas-template" with a
// name, a description and an object as its data. A wrong kind is at path
// "kind", which the Dashboard answers with 422 rather than 400.
func (a *Asset) Validate() error {
	pr := &problems{object: "asset"}
	if a.Kind != AssetKindOASTemplate {
		pr.add("kind", "%q is not a kind of asset; the only kind is %q", a.Kind, AssetKindOASTemplate)
	}
	if strings.TrimSpace(a.Name) == "" {
		pr.add("name", "is required")
	}
	if strings.TrimSpace(a.Description) == "" {
		pr.add("description", "is required")
	}
	var obj map[string]json.RawMessage
	if len(a.Data) == 0 || json.Unmarshal(a.Data, &obj) != nil || obj == nil {
		pr.add("data", "must be a JSON object (a partial Tyk OAS document)")
	}
	if strings.ContainsAny(a.ID, "/?# ") {
		pr.add("id", "%q must not contain /, ?, # or spaces", a.ID)
	}
	return pr.err()
}

// Validate checks the body of an OAuth client create or update. It returns
// nil or a *ValidationError listing every problem.
func (r *NewClientRequest) Validate() error {
	pr := &problems{object: "OAuth client"}
	if r.ClientRedirectURI != "" {
		for i, uri := range strings.Split(r.ClientRedirectURI, ";") {
			if u, err := url.Parse(uri); err != nil || u.Scheme == "" {
				path := "redirect_uri"
				if strings.Contains(r.ClientRedirectURI, ";") {
					path = index(path, i)
				}
				pr.add(path, "%q must be an absolute URL", uri)
			}
		}
	}
	if strings.ContainsAny(r.ClientID, "/?# ") {
		pr.add("client_id", "%q must not contain /, ?, # or spaces", r.ClientID)
	}
	if len(r.MetaData) > 0 && string(r.MetaData) != "null" {
		var obj map[string]any
		if json.Unmarshal(r.MetaData, &obj) != nil {
			pr.add("meta_data", "must be a JSON object")
		}
	}
	return pr.err()
}

var hostName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$`)

// Validate checks an organisation. It returns nil or a *ValidationError
// listing every problem.
func (o *Organisation) Validate() error {
	pr := &problems{object: "organisation"}
	if strings.TrimSpace(o.OwnerName) == "" {
		pr.add("owner_name", "is required")
	}
	switch {
	case o.CNAMEEnabled && o.CNAME == "":
		pr.add("cname", "is required when cname_enabled is on")
	case o.CNAME != "" && !hostName.MatchString(o.CNAME):
		pr.add("cname", "%q is not a host name", o.CNAME)
	}
	pr.limitInt("developer_quota", o.DeveloperQuota)
	if o.DeveloperCount < 0 {
		pr.add("developer_count", "must not be negative")
	}
	for i, api := range o.APIs {
		if api.APIID == "" {
			pr.add(member(index("apis", i), "api_id"), "is required")
		}
	}
	for _, ev := range sortedKeys(o.EventOptions) {
		if w := o.EventOptions[ev].Webhook; w != "" && !absoluteHTTPURL(w) {
			pr.add(member(member("event_options", ev), "webhook"), "%q must be an absolute http or https URL", w)
		}
	}
	if o.OpenPolicy.Enabled && strings.TrimSpace(o.OpenPolicy.Rules) == "" {
		pr.add("open_policy.rules", "are required when open_policy is enabled")
	}
	return pr.err()
}
