package oas

import (
	"fmt"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
)

// The rarer authentication methods (OpenID Connect, custom plugin
// authentication, external OAuth) and the upstream's uptime tests, with the
// gateway's mapping:
//
//	server.authentication.oidc           use_openid, openid_options, scopes.oidc, auth_configs["oidc"]
//	server.authentication.custom         custom_plugin_auth_enabled, custom_middleware.auth_check,
//	                                     custom_middleware.id_extractor, auth_configs["coprocess"]
//	securitySchemes (oauth2, providers)  external_oauth, auth_configs["externalOAuth"]
//	upstream.uptimeTests                 uptime_tests
//	middleware.global.trafficLogs.plugins  analytics_plugin

const (
	classicAuthOIDC      = "oidc"
	classicAuthCoprocess = "coprocess"
	classicAuthExternal  = "externalOAuth"
)

// convOtherAuth reports whether a classic definition authenticates by a
// method other than token, JWT, basic and OAuth; token authentication is
// then not implied by the absence of those.
func convOtherAuth(api *model.APIDefinition) bool {
	return api.EnableSignatureChecking || api.UseOpenID || api.CustomPluginAuthEnabled || api.EnableCoProcessAuth ||
		api.UseGoPluginAuth || api.UseMutualTLSAuth || api.ExternalOAuth.Enabled
}

func classicOIDC(api *model.APIDefinition) *model.XTykOIDC {
	o := api.OpenIDOptions
	if !api.UseOpenID && len(o.Providers) == 0 {
		return nil
	}
	ac := api.AuthConfigs[classicAuthOIDC]
	out := &model.XTykOIDC{
		Enabled: api.UseOpenID,
		Header:  convHeaderSource(ac),
		Query:   convAuthSource(ac.UseParam, ac.ParamName),
		Cookie:  convAuthSource(ac.UseCookie, ac.CookieName),
	}
	if o.SegregateByClient {
		out.SegregateByClientID = convPtr(true)
	}
	for _, p := range o.Providers {
		prov := model.XTykProvider{Issuer: p.Issuer}
		for _, id := range convSortedKeys(p.ClientIDs) {
			prov.ClientToPolicyMapping = append(prov.ClientToPolicyMapping, model.XTykClientToPolicy{ClientID: id, PolicyID: p.ClientIDs[id]})
		}
		out.Providers = append(out.Providers, prov)
	}
	if s := api.Scopes.OIDC; s.ScopeClaimName != "" || len(s.ScopeToPolicy) > 0 {
		out.Scopes = &model.XTykScopes{ClaimName: s.ScopeClaimName}
		for _, scope := range convSortedKeys(s.ScopeToPolicy) {
			out.Scopes.ScopeToPolicyMapping = append(out.Scopes.ScopeToPolicyMapping, model.XTykScopeToPolicy{Scope: scope, PolicyID: s.ScopeToPolicy[scope]})
		}
	}
	return out
}

func extractOIDC(o *model.XTykOIDC, api *model.APIDefinition) {
	api.UseOpenID = o.Enabled
	ac := model.AuthConfig{Name: classicAuthOIDC, DisableHeader: true}
	convApplyHeader(o.Header, &ac)
	convApplyQuery(o.Query, &ac)
	convApplyCookie(o.Cookie, &ac)
	api.AuthConfigs[classicAuthOIDC] = ac
	api.OpenIDOptions.SegregateByClient = convVal(o.SegregateByClientID)
	api.OpenIDOptions.Providers = nil
	for _, p := range o.Providers {
		prov := model.OIDProviderConfig{Issuer: p.Issuer, ClientIDs: map[string]string{}}
		for _, m := range p.ClientToPolicyMapping {
			prov.ClientIDs[m.ClientID] = m.PolicyID
		}
		api.OpenIDOptions.Providers = append(api.OpenIDOptions.Providers, prov)
	}
	if s := o.Scopes; s != nil {
		api.Scopes.OIDC.ScopeClaimName = s.ClaimName
		if len(s.ScopeToPolicyMapping) > 0 {
			api.Scopes.OIDC.ScopeToPolicy = map[string]string{}
			for _, m := range s.ScopeToPolicyMapping {
				api.Scopes.OIDC.ScopeToPolicy[m.Scope] = m.PolicyID
			}
		}
	}
}

// The members of a classic ID extractor's extractor_config.
const (
	idxHeaderName = "header_name"
	idxFormParam  = "form_param_name"
	idxRegexp     = "regex_expression"
	idxRegexIndex = "regex_match_index"
	idxXPath      = "xpath_expression"
)

func classicCustomAuth(api *model.APIDefinition) *model.XTykCustomPluginAuthentication {
	on := api.CustomPluginAuthEnabled || api.EnableCoProcessAuth || api.UseGoPluginAuth
	check := api.CustomMiddleware.AuthCheck
	if !on && check.Name == "" {
		return nil
	}
	out := &model.XTykCustomPluginAuthentication{Enabled: on}
	if check.Name != "" || check.Path != "" {
		cfg := &model.XTykAuthenticationPlugin{Enabled: !check.Disabled, FunctionName: check.Name, Path: check.Path}
		if check.RawBodyOnly {
			cfg.RawBodyOnly = convPtr(true)
		}
		if check.RequireSession {
			cfg.RequireSession = convPtr(true)
		}
		if x := api.CustomMiddleware.IDExtractor; x.ExtractFrom != "" || x.ExtractWith != "" {
			c := x.ExtractorConfig
			str := func(k string) string { s, _ := c[k].(string); return s }
			conf := &model.XTykIDExtractorConfig{
				HeaderName: str(idxHeaderName), FormParamName: str(idxFormParam), Regexp: str(idxRegexp), XPathExp: str(idxXPath),
			}
			if n := convInt(c[idxRegexIndex]); n != 0 {
				conf.RegexpMatchIndex = convPtr(n)
			}
			cfg.IDExtractor = &model.XTykIDExtractor{Enabled: !x.Disabled, Source: x.ExtractFrom, With: x.ExtractWith, Config: conf}
		}
		out.Config = cfg
	}
	if ac, ok := api.AuthConfigs[classicAuthCoprocess]; ok {
		out.Header = convHeaderSource(ac)
		out.Query = convAuthSource(ac.UseParam, ac.ParamName)
		out.Cookie = convAuthSource(ac.UseCookie, ac.CookieName)
	}
	return out
}

func extractCustomAuth(c *model.XTykCustomPluginAuthentication, api *model.APIDefinition) {
	api.CustomPluginAuthEnabled = c.Enabled
	// Older gateways read one flag per kind of plugin.
	if c.Enabled {
		if api.CustomMiddleware.Driver == "goplugin" {
			api.UseGoPluginAuth = true
		} else {
			api.EnableCoProcessAuth = true
		}
	}
	if cfg := c.Config; cfg != nil {
		api.CustomMiddleware.AuthCheck = model.MiddlewareDefinition{
			Disabled: !cfg.Enabled, Name: cfg.FunctionName, Path: cfg.Path,
			RawBodyOnly: convVal(cfg.RawBodyOnly), RequireSession: convVal(cfg.RequireSession),
		}
		if x := cfg.IDExtractor; x != nil {
			conf := map[string]any{}
			if c := x.Config; c != nil {
				for k, v := range map[string]string{idxHeaderName: c.HeaderName, idxFormParam: c.FormParamName, idxRegexp: c.Regexp, idxXPath: c.XPathExp} {
					if v != "" {
						conf[k] = v
					}
				}
				if c.RegexpMatchIndex != nil {
					conf[idxRegexIndex] = *c.RegexpMatchIndex
				}
			}
			api.CustomMiddleware.IDExtractor = model.MiddlewareIDExtractor{
				Disabled: !x.Enabled, ExtractFrom: x.Source, ExtractWith: x.With, ExtractorConfig: conf,
			}
		}
	}
	if c.Header != nil || c.Query != nil || c.Cookie != nil {
		ac := model.AuthConfig{Name: classicAuthCoprocess, DisableHeader: true}
		convApplyHeader(c.Header, &ac)
		convApplyQuery(c.Query, &ac)
		convApplyCookie(c.Cookie, &ac)
		api.AuthConfigs[classicAuthCoprocess] = ac
	}
}

// convInt reads a JSON number held as any (float64, json.Number, int64).
func convInt(v any) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case int64:
		return n
	case int:
		return int64(n)
	case fmt.Stringer:
		var i int64
		fmt.Sscan(n.String(), &i)
		return i
	}
	return 0
}

// classicExternalOAuth returns the Tyk security scheme of external OAuth
// and its name, or nil when the method is off.
func classicExternalOAuth(api *model.APIDefinition) (string, *model.XTykSecurityScheme) {
	e := api.ExternalOAuth
	if !e.Enabled {
		return "", nil
	}
	ac := api.AuthConfigs[classicAuthExternal]
	s := &model.XTykSecurityScheme{Enabled: true}
	convFillSources(s, ac)
	for _, p := range e.Providers {
		var prov model.XTykOAuthProvider
		if j := p.JWT; j.Enabled || j.SigningMethod != "" || j.Source != "" {
			jv := &model.XTykJWTValidation{Enabled: j.Enabled, SigningMethod: j.SigningMethod, Source: j.Source, IdentityBaseField: j.IdentityBaseField}
			for _, skew := range []struct {
				v   int64
				dst **int64
			}{{j.IssuedAtValidationSkew, &jv.IssuedAtValidationSkew}, {j.NotBeforeValidationSkew, &jv.NotBeforeValidationSkew}, {j.ExpiresAtValidationSkew, &jv.ExpiresAtValidationSkew}} {
				if skew.v != 0 {
					*skew.dst = convPtr(skew.v)
				}
			}
			prov.JWT = jv
		}
		if in := p.Introspection; in.Enabled || in.URL != "" {
			iv := &model.XTykIntrospection{Enabled: convPtr(in.Enabled), URL: in.URL, ClientID: in.ClientID, ClientSecret: in.ClientSecret, IdentityBaseField: in.IdentityBaseField}
			if c := in.Cache; c.Enabled || c.Timeout != 0 {
				iv.Cache = &model.XTykIntrospectionCache{Enabled: c.Enabled, Timeout: c.Timeout}
			}
			prov.Introspection = iv
		}
		s.Providers = append(s.Providers, prov)
	}
	return convSchemeName(ac, classicAuthExternal), s
}

func extractExternalOAuth(name string, s *model.XTykSecurityScheme, api *model.APIDefinition) {
	ac := model.AuthConfig{Name: name, DisableHeader: true}
	convApplySources(s, &ac)
	api.ExternalOAuth.Enabled = s.Enabled
	api.ExternalOAuth.Providers = nil
	for _, p := range s.Providers {
		var prov model.ExternalOAuthProvider
		if j := p.JWT; j != nil {
			prov.JWT = model.JWTValidation{
				Enabled: j.Enabled, SigningMethod: j.SigningMethod, Source: j.Source, IdentityBaseField: j.IdentityBaseField,
				IssuedAtValidationSkew: convVal(j.IssuedAtValidationSkew), NotBeforeValidationSkew: convVal(j.NotBeforeValidationSkew),
				ExpiresAtValidationSkew: convVal(j.ExpiresAtValidationSkew),
			}
		}
		if in := p.Introspection; in != nil {
			prov.Introspection = model.Introspection{
				Enabled: convVal(in.Enabled), URL: in.URL, ClientID: in.ClientID, ClientSecret: in.ClientSecret, IdentityBaseField: in.IdentityBaseField,
			}
			if c := in.Cache; c != nil {
				prov.Introspection.Cache = model.IntrospectionCache{Enabled: c.Enabled, Timeout: c.Timeout}
			}
		}
		api.ExternalOAuth.Providers = append(api.ExternalOAuth.Providers, prov)
	}
	api.AuthConfigs[classicAuthExternal] = ac
}

func classicUptimeTests(u model.UptimeTests) *model.XTykUptimeTests {
	sd := classicServiceDiscovery(u.Config.ServiceDiscovery)
	if len(u.CheckList) == 0 && sd == nil && u.Config.RecheckWait == 0 && u.Config.ExpireUptimeAnalyticsAfter == 0 {
		return nil
	}
	out := &model.XTykUptimeTests{Enabled: len(u.CheckList) > 0, ServiceDiscovery: sd}
	if u.Config.RecheckWait != 0 {
		out.HostDownRetestPeriod = convSeconds(float64(u.Config.RecheckWait))
	}
	if u.Config.ExpireUptimeAnalyticsAfter != 0 {
		out.LogRetentionPeriod = convSeconds(float64(u.Config.ExpireUptimeAnalyticsAfter))
	}
	for _, c := range u.CheckList {
		t := model.XTykUptimeTest{URL: convCheckURL(c.Protocol, c.CheckURL), Method: c.Method, Headers: c.Headers, Body: c.Body}
		if c.Timeout.Duration != 0 {
			t.Timeout = convDuration(c.Timeout.Duration)
		}
		if c.EnableProxyProtocol {
			t.EnableProxyProtocol = convPtr(true)
		}
		for _, cmd := range c.Commands {
			t.Commands = append(t.Commands, model.XTykUptimeTestCommand{Name: cmd.Name, Message: cmd.Message})
		}
		out.Tests = append(out.Tests, t)
	}
	return out
}

// convCheckURL puts a classic check's protocol into its URL, which is where
// a Tyk OAS uptime test keeps it.
func convCheckURL(protocol, url string) string {
	if protocol == "" {
		return url
	}
	if _, rest, ok := strings.Cut(url, "://"); ok {
		url = rest
	}
	return protocol + "://" + url
}

func extractUptimeTests(u *model.XTykUptimeTests, api *model.APIDefinition) {
	if u.ServiceDiscovery != nil {
		extractServiceDiscovery(u.ServiceDiscovery, &api.UptimeTests.Config.ServiceDiscovery)
	}
	api.UptimeTests.Config.RecheckWait = int64(convParseSeconds(u.HostDownRetestPeriod))
	api.UptimeTests.Config.ExpireUptimeAnalyticsAfter = int64(convParseSeconds(u.LogRetentionPeriod))
	for _, t := range u.Tests {
		c := model.HostCheckObject{CheckURL: t.URL, Method: t.Method, Headers: t.Headers, Body: t.Body, EnableProxyProtocol: convVal(t.EnableProxyProtocol)}
		if protocol, _, ok := strings.Cut(t.URL, "://"); ok {
			c.Protocol = protocol
		}
		if d, err := time.ParseDuration(t.Timeout); err == nil {
			c.Timeout = model.Duration{Duration: d}
		}
		for _, cmd := range t.Commands {
			c.Commands = append(c.Commands, model.CheckCommand{Name: cmd.Name, Message: cmd.Message})
		}
		api.UptimeTests.CheckList = append(api.UptimeTests.CheckList, c)
	}
}

func classicAnalyticsPlugins(p model.AnalyticsPluginConfig) []model.XTykCustomAnalyticsPluginConfig {
	if !p.Enabled && p.FuncName == "" && p.PluginPath == "" {
		return nil
	}
	return []model.XTykCustomAnalyticsPluginConfig{{Enabled: p.Enabled, FunctionName: p.FuncName, Path: p.PluginPath}}
}

func extractAnalyticsPlugins(ps []model.XTykCustomAnalyticsPluginConfig, api *model.APIDefinition) {
	// A classic definition has room for one analytics plugin.
	if len(ps) > 0 {
		api.AnalyticsPlugin = model.AnalyticsPluginConfig{Enabled: ps[0].Enabled, FuncName: ps[0].FunctionName, PluginPath: ps[0].Path}
	}
}
