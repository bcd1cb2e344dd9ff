package oas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/oasdiff/yaml"

	"github.com/dashkit/dashkit/model"
)

// convLoad reads a classic definition (bare or wrapped) from
// testdata/convert.
func convLoad(t *testing.T, name string) *model.APIDefinition {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "convert", name))
	if err != nil {
		t.Fatal(err)
	}
	api, err := ParseClassic(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return api
}

// convTree decodes JSON into a tree whose numbers keep their text.
func convTree(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// convAt returns the member of doc at a JSON pointer, as a plain tree, and
// whether it exists.
func convAt(t *testing.T, doc *Document, pointer string) (any, bool) {
	t.Helper()
	b, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	cur := convTree(t, b)
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// mappedClassic projects a classic definition onto the members the
// conversion maps, normalised where a classic definition can say the same
// thing in several ways (a default header name, the legacy "auth" config, a
// list order the gateway does not keep). Two definitions with equal
// projections configure the same mapped behaviour.
func mappedClassic(api *model.APIDefinition) map[string]any {
	m := map[string]any{
		"api_id": api.APIID, "id": api.ID, "org_id": api.OrgID, "name": api.Name, "slug": api.Slug,
		"active": api.Active, "internal": api.Internal, "expiration": api.Expiration,
		"listen_path": api.Proxy.ListenPath, "strip_listen_path": api.Proxy.StripListenPath,
		"target_url": api.Proxy.TargetURL, "preserve_host_header": api.Proxy.PreserveHostHeader,
		"disable_strip_slash": api.Proxy.DisableStripSlash, "transport": api.Proxy.Transport,
		"use_keyless": api.UseKeylessAccess, "auth_type": model.APIAuthType(api),
		"strip_auth_data": api.StripAuthData, "base_identity_provided_by": api.BaseIdentityProvidedBy,
		"session_lifetime": api.SessionLifetime, "session_lifetime_respects_key_expiration": api.SessionLifetimeRespectsKeyExpiration,
		"enable_detailed_recording": api.EnableDetailedRecording, "detailed_tracing": api.DetailedTracing,
		"enable_batch_request_support": api.EnableBatchRequestSupport, "enable_context_vars": api.EnableContextVars,
		"do_not_track": api.DoNotTrack, "tag_headers": api.TagHeaders, "expire_analytics_after": api.ExpireAnalyticsAfter,
		"disable_rate_limit": api.DisableRateLimit, "disable_quota": api.DisableQuota,
		"driver": api.CustomMiddleware.Driver, "pre": api.CustomMiddleware.Pre, "post": api.CustomMiddleware.Post,
		"post_key_auth": api.CustomMiddleware.PostKeyAuth, "response": api.CustomMiddleware.Response,
		"upstream_auth": api.UpstreamAuth, "request_signing": api.RequestSigning,
	}
	if vd := api.VersionDefinition; vd.Enabled || len(vd.Versions) > 0 || vd.Name != "" || vd.Default != "" {
		vd.StripPath = false
		m["definition"] = vd
	}
	if sd := api.Proxy.ServiceDiscovery; sd.UseDiscoveryService || sd.QueryEndpoint != "" {
		if sd.CacheDisabled {
			sd.CacheTimeout = 0
		}
		m["service_discovery"] = sd
	}
	if p := api.Proxy; len(p.TargetList) > 0 {
		targets := append([]string(nil), p.TargetList...)
		sort.Strings(targets)
		m["load_balancing"] = []any{p.EnableLoadBalancing, p.CheckHostAgainstUptimeTests, targets}
	}
	if api.Domain != "" || len(api.Certificates) > 0 {
		m["domain"] = []any{api.Domain, api.DomainDisabled, api.Certificates}
	}
	if len(api.Tags) > 0 {
		m["tags"] = []any{api.Tags, api.TagsDisabled}
	}
	if api.UseMutualTLSAuth || len(api.ClientCertificates) > 0 {
		m["client_certificates"] = []any{api.UseMutualTLSAuth, api.ClientCertificates}
	}
	if len(api.UpstreamCertificates) > 0 || api.UpstreamCertificatesDisabled {
		m["upstream_certificates"] = []any{api.UpstreamCertificates, api.UpstreamCertificatesDisabled}
	}
	if len(api.PinnedPublicKeys) > 0 || api.CertificatePinningDisabled {
		keys := map[string]string{}
		for d, k := range api.PinnedPublicKeys {
			keys[d] = strings.ReplaceAll(k, " ", "")
		}
		m["pinned_public_keys"] = []any{keys, api.CertificatePinningDisabled}
	}
	if rl := api.GlobalRateLimit; rl.Rate != 0 || rl.Per != 0 {
		m["global_rate_limit"] = rl
	}
	if u := api.UptimeTests; len(u.CheckList) > 0 || u.Config.RecheckWait != 0 || u.Config.ExpireUptimeAnalyticsAfter != 0 {
		checks := make([]any, 0, len(u.CheckList))
		for _, c := range u.CheckList {
			checks = append(checks, []any{convCheckURL(c.Protocol, c.CheckURL), c.Timeout.Duration, c.Method, c.Headers, c.Body, c.EnableProxyProtocol, c.Commands})
		}
		m["uptime_tests"] = []any{checks, u.Config.RecheckWait, u.Config.ExpireUptimeAnalyticsAfter}
	}
	if sd := api.UptimeTests.Config.ServiceDiscovery; sd.UseDiscoveryService || sd.QueryEndpoint != "" {
		if sd.CacheDisabled {
			sd.CacheTimeout = 0
		}
		m["uptime_service_discovery"] = sd
	}
	if p := api.AnalyticsPlugin; p.Enabled || p.FuncName != "" || p.PluginPath != "" {
		m["analytics_plugin"] = p
	}
	if len(api.AllowedIPs) > 0 || len(api.BlacklistedIPs) > 0 {
		on := !api.IPAccessControlDisabled
		m["ip"] = []any{on && api.EnableIPWhiteListing && len(api.AllowedIPs) > 0, api.AllowedIPs,
			on && api.EnableIPBlacklisting && len(api.BlacklistedIPs) > 0, api.BlacklistedIPs}
	}
	if c := api.CORS; c.Enable || len(c.AllowedOrigins) > 0 || len(c.AllowedMethods) > 0 || len(c.AllowedHeaders) > 0 || len(c.ExposedHeaders) > 0 {
		m["CORS"] = c
	}
	if c := api.CacheOptions; c.EnableCache || c.CacheTimeout != 0 || len(c.CacheOnlyResponseCodes) > 0 || len(c.CacheByHeaders) > 0 || c.CacheControlTTLHeader != "" {
		m["cache_options"] = c
	}
	if len(api.ConfigData) > 0 {
		m["config_data"] = []any{api.ConfigData, api.ConfigDataDisabled}
	}
	if api.CustomMiddlewareBundle != "" {
		m["bundle"] = []any{api.CustomMiddlewareBundle, api.CustomMiddlewareBundleDisabled}
	}
	if v, ok := classicVersion(api); ok {
		if len(v.GlobalHeaders) > 0 || len(v.GlobalHeadersRemove) > 0 {
			m["global_headers"] = []any{v.GlobalHeaders, v.GlobalHeadersRemove, v.GlobalHeadersDisabled}
		}
		if len(v.GlobalResponseHeaders) > 0 || len(v.GlobalResponseHeadersRemove) > 0 {
			m["global_response_headers"] = []any{v.GlobalResponseHeaders, v.GlobalResponseHeadersRemove, v.GlobalResponseHeadersDisabled}
		}
		if v.GlobalSizeLimit > 0 {
			m["global_size_limit"] = []any{v.GlobalSizeLimit, v.GlobalSizeLimitDisabled}
		}
		m["ignore_endpoint_case"] = v.IgnoreEndpointCase
		m["extended_paths"] = mappedPaths(v.ExtendedPaths)
	}
	m["events"] = mappedEvents(api.EventHandlers.Events)
	if api.UseKeylessAccess {
		return m
	}
	sources := func(ac model.AuthConfig) []any {
		header := ""
		if !ac.DisableHeader {
			header = convOr(ac.AuthHeaderName, defaultAuthHeader)
		}
		var query, cookie string
		if ac.UseParam {
			query = ac.ParamName
		}
		if ac.UseCookie {
			cookie = ac.CookieName
		}
		return []any{header, query, cookie}
	}
	otherAuth := api.EnableSignatureChecking || api.UseOpenID || api.CustomPluginAuthEnabled || api.EnableCoProcessAuth ||
		api.UseGoPluginAuth || api.UseMutualTLSAuth || api.ExternalOAuth.Enabled
	if api.UseStandardAuth || model.APIAuthType(api) == model.AuthToken && !otherAuth {
		ac, ok := api.AuthConfigs[classicAuthToken]
		if !ok {
			ac = api.Auth
		}
		m["token"] = []any{sources(ac), ac.UseCertificate, ac.ValidateSignature, ac.Signature}
	}
	if api.EnableJWT {
		claim, mapping := api.Scopes.JWT.ScopeClaimName, api.Scopes.JWT.ScopeToPolicy
		if claim == "" && len(mapping) == 0 {
			claim, mapping = api.JWTScopeClaimName, api.JWTScopeToPolicyMapping
		}
		m["jwt"] = []any{sources(api.AuthConfigs[classicAuthJWT]), api.JWTSource, api.JWTSigningMethod,
			api.JWTIdentityBaseField, api.JWTClientIDBaseField, api.JWTPolicyFieldName, api.JWTDefaultPolicies,
			api.JWTIssuedAtValidationSkew, api.JWTNotBeforeValidationSkew, api.JWTExpiresAtValidationSkew,
			api.JWTSkipKid, api.IDPClientIDMappingDisabled, claim, mapping}
	}
	if api.UseBasicAuth {
		m["basic"] = []any{sources(api.AuthConfigs[classicAuthBasic]), api.BasicAuth}
	}
	if api.UseOauth2 {
		access := append([]string(nil), api.OauthMeta.AllowedAccessTypes...)
		sort.Strings(access)
		m["oauth"] = []any{sources(api.AuthConfigs[classicAuthOAuth]), access, api.OauthMeta.AllowedAuthorizeTypes,
			api.OauthMeta.AuthorizeLoginRedirect, api.Notifications}
	}
	if api.UseOpenID || len(api.OpenIDOptions.Providers) > 0 {
		m["oidc"] = []any{api.UseOpenID, sources(api.AuthConfigs[classicAuthOIDC]), api.OpenIDOptions, api.Scopes.OIDC}
	}
	if on := api.CustomPluginAuthEnabled || api.EnableCoProcessAuth || api.UseGoPluginAuth; on || api.CustomMiddleware.AuthCheck.Name != "" {
		var coprocess any
		if ac, ok := api.AuthConfigs[classicAuthCoprocess]; ok {
			coprocess = sources(ac)
		}
		x := api.CustomMiddleware.IDExtractor
		var extractor any
		if x.ExtractFrom != "" || x.ExtractWith != "" {
			conf := map[string]string{}
			for k, v := range x.ExtractorConfig {
				conf[k] = fmt.Sprint(v)
			}
			extractor = []any{x.Disabled, x.ExtractFrom, x.ExtractWith, conf}
		}
		m["custom_auth"] = []any{on, api.CustomMiddleware.AuthCheck, extractor, coprocess}
	}
	if api.ExternalOAuth.Enabled {
		m["external_oauth"] = []any{sources(api.AuthConfigs[classicAuthExternal]), api.ExternalOAuth}
	}
	if api.EnableSignatureChecking {
		m["hmac"] = []any{sources(api.AuthConfigs[classicAuthHMAC]), api.HmacAllowedAlgorithms, api.HmacAllowedClockSkew}
	}
	return m
}

// mappedEvents projects event handlers onto the members the conversion
// maps, by event and in order.
func mappedEvents(events map[string][]model.EventHandlerTriggerConfig) map[string][]any {
	out := map[string][]any{}
	for event, hs := range events {
		for _, h := range hs {
			raw, _ := json.Marshal(h.HandlerMeta)
			var meta convHandlerMeta
			if json.Unmarshal(raw, &meta) != nil {
				continue
			}
			id := convOr(meta.ID, meta.DBID)
			switch h.Handler {
			case classicWebhookHandler:
				out[event] = append(out[event], []any{h.Handler, meta.Disabled, id, meta.Name, meta.Method, meta.TargetPath, meta.TemplatePath, meta.HeaderMap, meta.EventTimeout})
			case classicJSVMHandler:
				out[event] = append(out[event], []any{h.Handler, meta.Disabled, id, meta.Name, meta.Path})
			case classicLogHandler:
				out[event] = append(out[event], []any{h.Handler, meta.Disabled, id, meta.Prefix})
			}
		}
	}
	return out
}

// mappedPaths projects a version's endpoint middleware onto what the
// conversion maps: entries of the older method_actions form expanded to one
// per method (a reply becoming a mock response), defaults spelled out, mock
// header names canonical, each list in path and method order.
func mappedPaths(ep model.ExtendedPathsSet) map[string]any {
	byPathMethod := func(path, method string) string { return path + " " + method }
	sorted := func(keys []string, items []any) []any {
		idx := make([]int, len(items))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
		out := make([]any, len(items))
		for i, j := range idx {
			out[i] = items[j]
		}
		return out
	}
	m := map[string]any{}
	lists := map[string][]model.EndPointMeta{"white_list": ep.WhiteList, "black_list": ep.BlackList, "ignored": ep.Ignored}
	var mocks []model.MockResponseMeta
	for name, list := range lists {
		var keys []string
		var items []any
		for _, e := range convExpandMethodActions(list) {
			if e.reply != nil {
				mocks = append(mocks, model.MockResponseMeta{Path: e.Path, Method: e.Method, Disabled: e.Disabled, Code: e.reply.Code, Body: e.reply.Data, Headers: e.reply.Headers})
				continue
			}
			keys = append(keys, byPathMethod(e.Path, e.Method))
			items = append(items, []any{e.Path, e.Method, e.Disabled, e.IgnoreCase})
		}
		m[name] = sorted(keys, items)
	}
	mocks = append(mocks, ep.MockResponse...)
	var keys []string
	var items []any
	for _, x := range mocks {
		h := map[string]string{}
		for k, v := range x.Headers {
			h[http.CanonicalHeaderKey(k)] = v
		}
		keys = append(keys, byPathMethod(x.Path, x.Method))
		items = append(items, []any{x.Path, x.Method, x.Disabled, x.Code, x.Body, h})
	}
	m["mock_response"] = sorted(keys, items)
	add := func(name string, n int, key func(i int) string, item func(i int) any) {
		var keys []string
		var items []any
		for i := 0; i < n; i++ {
			keys = append(keys, key(i))
			items = append(items, item(i))
		}
		m[name] = sorted(keys, items)
	}
	template := func(t model.TemplateMeta) any {
		mode := convOr(t.TemplateData.Mode, "blob")
		return []any{t.Path, t.Method, t.Disabled, t.TemplateData.Input, mode, t.TemplateData.TemplateSource}
	}
	headers := func(h model.HeaderInjectionMeta) any {
		return []any{h.Path, h.Method, h.Disabled, h.DeleteHeaders, h.AddHeaders}
	}
	add("internal", len(ep.Internal), func(i int) string { return byPathMethod(ep.Internal[i].Path, ep.Internal[i].Method) },
		func(i int) any { return ep.Internal[i] })
	add("method_transforms", len(ep.MethodTransforms), func(i int) string { return byPathMethod(ep.MethodTransforms[i].Path, ep.MethodTransforms[i].Method) },
		func(i int) any { return ep.MethodTransforms[i] })
	add("transform", len(ep.Transform), func(i int) string { return byPathMethod(ep.Transform[i].Path, ep.Transform[i].Method) },
		func(i int) any { return template(ep.Transform[i]) })
	add("transform_response", len(ep.TransformResponse), func(i int) string { return byPathMethod(ep.TransformResponse[i].Path, ep.TransformResponse[i].Method) },
		func(i int) any { return template(ep.TransformResponse[i]) })
	add("transform_headers", len(ep.TransformHeader), func(i int) string { return byPathMethod(ep.TransformHeader[i].Path, ep.TransformHeader[i].Method) },
		func(i int) any { return headers(ep.TransformHeader[i]) })
	add("transform_response_headers", len(ep.TransformResponseHeader), func(i int) string {
		return byPathMethod(ep.TransformResponseHeader[i].Path, ep.TransformResponseHeader[i].Method)
	}, func(i int) any { return headers(ep.TransformResponseHeader[i]) })
	add("url_rewrites", len(ep.URLRewrite), func(i int) string { return byPathMethod(ep.URLRewrite[i].Path, ep.URLRewrite[i].Method) },
		func(i int) any {
			u := ep.URLRewrite[i]
			u.Triggers = append([]model.RoutingTrigger(nil), u.Triggers...)
			for j := range u.Triggers {
				u.Triggers[j].On = convOr(u.Triggers[j].On, "any")
			}
			return u
		})
	add("advance_cache_config", len(ep.AdvanceCacheConfig), func(i int) string {
		return byPathMethod(ep.AdvanceCacheConfig[i].Path, ep.AdvanceCacheConfig[i].Method)
	}, func(i int) any { return ep.AdvanceCacheConfig[i] })
	add("hard_timeouts", len(ep.HardTimeouts), func(i int) string { return byPathMethod(ep.HardTimeouts[i].Path, ep.HardTimeouts[i].Method) },
		func(i int) any { return ep.HardTimeouts[i] })
	add("validate_request", len(ep.ValidateRequest), func(i int) string { return byPathMethod(ep.ValidateRequest[i].Path, ep.ValidateRequest[i].Method) },
		func(i int) any { return ep.ValidateRequest[i] })
	add("virtual", len(ep.Virtual), func(i int) string { return byPathMethod(ep.Virtual[i].Path, ep.Virtual[i].Method) },
		func(i int) any {
			v := ep.Virtual[i]
			if v.FunctionSourceType != "file" {
				v.FunctionSourceType = "blob"
			}
			return v
		})
	add("go_plugin", len(ep.GoPlugin), func(i int) string { return byPathMethod(ep.GoPlugin[i].Path, ep.GoPlugin[i].Method) },
		func(i int) any { return ep.GoPlugin[i] })
	add("circuit_breakers", len(ep.CircuitBreaker), func(i int) string { return byPathMethod(ep.CircuitBreaker[i].Path, ep.CircuitBreaker[i].Method) },
		func(i int) any { return ep.CircuitBreaker[i] })
	add("track_endpoints", len(ep.TrackEndpoints), func(i int) string { return byPathMethod(ep.TrackEndpoints[i].Path, ep.TrackEndpoints[i].Method) },
		func(i int) any { return ep.TrackEndpoints[i] })
	add("do_not_track_endpoints", len(ep.DoNotTrackEndpoints), func(i int) string {
		return byPathMethod(ep.DoNotTrackEndpoints[i].Path, ep.DoNotTrackEndpoints[i].Method)
	}, func(i int) any { return ep.DoNotTrackEndpoints[i] })
	add("size_limits", len(ep.SizeLimit), func(i int) string { return byPathMethod(ep.SizeLimit[i].Path, ep.SizeLimit[i].Method) },
		func(i int) any { return ep.SizeLimit[i] })
	add("rate_limit", len(ep.RateLimit), func(i int) string { return byPathMethod(ep.RateLimit[i].Path, ep.RateLimit[i].Method) },
		func(i int) any { return ep.RateLimit[i] })
	return m
}

// convRoundTrip converts api to OAS and back and fails on any difference
// in the mapped members. It returns the OAS document.
func convRoundTrip(t *testing.T, name string, api *model.APIDefinition) *Document {
	t.Helper()
	before, err := json.Marshal(api)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := FromClassic(api)
	if err != nil {
		t.Fatalf("%s: FromClassic: %v", name, err)
	}
	after, _ := json.Marshal(api)
	if !bytes.Equal(before, after) {
		t.Errorf("%s: FromClassic modified its input", name)
	}
	// A classic definition without a name, listen path or upstream (a
	// create request lets the Dashboard fill them, a template lacks them)
	// converts to an extension that lacks them too.
	complete := api.Name != "" && api.Proxy.ListenPath != "" && (api.Proxy.TargetURL != "" || len(api.Proxy.TargetList) > 0)
	if err := Validate(doc); complete && err != nil {
		t.Errorf("%s: the converted API is not a valid Tyk OAS API: %v", name, err)
	}
	back, err := ToClassic(doc)
	if err != nil {
		t.Fatalf("%s: ToClassic: %v", name, err)
	}
	// A member that arrived empty ("enabled": false) is kept in Extra to be
	// written back as it came; the converted definition lacks it, and means
	// the same.
	keptEmpty := cmp.FilterValues(func(a, b model.Extra) bool { return len(a)+len(b) > 0 },
		cmp.Transformer("dropEmpty", func(e model.Extra) map[string]string {
			out := map[string]string{}
			for k, v := range e {
				if !isEmptyJSON(v) {
					out[k] = string(v)
				}
			}
			return out
		}))
	if diff := cmp.Diff(mappedClassic(api), mappedClassic(back), cmpopts.EquateEmpty(), keptEmpty); diff != "" {
		t.Errorf("%s: classic -> OAS -> classic changed mapped members (-before +after):\n%s", name, diff)
	}
	return doc
}

// isEmptyJSON reports whether v is false, 0, "", null, [] or {}.
func isEmptyJSON(v json.RawMessage) bool {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return false
	}
	switch x := x.(type) {
	case nil:
		return true
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func TestConvertRoundTripTestdata(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "convert", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test definitions: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".oas.json") {
			continue
		}
		name := filepath.Base(f)
		convRoundTrip(t, name, convLoad(t, name))
	}
}

// convFindDefinitions collects every classic definition (a member named
// api_definition that is an object without a $ref) of a JSON tree.
func convFindDefinitions(v any, path string, out map[string]json.RawMessage) {
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			if cm, ok := c.(map[string]any); ok && k == "api_definition" && cm["$ref"] == nil {
				out[path+"/"+k], _ = json.Marshal(cm)
				continue
			}
			convFindDefinitions(c, path+"/"+k, out)
		}
	case []any:
		for i, c := range v {
			convFindDefinitions(c, fmt.Sprintf("%s/%d", path, i), out)
		}
	}
}

// TestConvertRoundTripReference round-trips every classic definition of the
// Dashboard description's examples and of the seed guide's samples.
func TestConvertRoundTripReference(t *testing.T) {
	t.Parallel()
	found := map[string]json.RawMessage{}
	y, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "tyk-dashboard", "dashboard-api.yml"))
	if os.IsNotExist(err) {
		t.Skip("reference material ../shared is absent; skipping")
	}
	if err != nil {
		t.Fatal(err)
	}
	j, err := yaml.YAMLToJSON(y)
	if err != nil {
		t.Fatal(err)
	}
	convFindDefinitions(convTree(t, j), "dashboard-api.yml#", found)
	guide, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", "002_488b596f1d28383d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(guide); i++ {
		if guide[i] != '{' || (i > 0 && guide[i-1] != '\n') {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(guide[i:]))
		d.UseNumber()
		var v any
		if d.Decode(&v) == nil {
			convFindDefinitions(v, fmt.Sprintf("guide@%d", i), found)
		}
	}
	if len(found) < 5 {
		t.Fatalf("found only %d classic definitions in the reference material", len(found))
	}
	for name, raw := range found {
		api, err := ParseClassic(raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		convRoundTrip(t, name, api)
	}
	t.Logf("round-tripped %d classic definitions of the reference material", len(found))
}

// convBase is a small protected classic API that each table row changes.
func convBase() *model.APIDefinition {
	return &model.APIDefinition{
		ID: "65e8c4f4cb71918520ff660d", APIID: "4d1f8b2a9c6e4f0b8a7d3e2c1b0a9f8e", OrgID: "5e9d9544a1dcd60001d0ed20",
		Name: "base", Active: true, UseStandardAuth: true,
		Proxy:       model.ProxyConfig{ListenPath: "/base/", TargetURL: "http://upstream.internal"},
		VersionData: model.VersionData{NotVersioned: true, Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}},
	}
}

// convSetPaths gives the API's only version endpoint middleware.
func convSetPaths(a *model.APIDefinition, ep model.ExtendedPathsSet) {
	v := a.VersionData.Versions["Default"]
	v.UseExtendedPaths, v.ExtendedPaths = true, ep
	a.VersionData.Versions["Default"] = v
}

// TestFromClassicFields checks each mapped member: the classic change, where
// it lands in the Tyk OAS API, and that it comes back.
func TestFromClassicFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(a *model.APIDefinition)
		pointer string
		want    string // JSON; "" for absent
	}{
		{"api_id", func(a *model.APIDefinition) {}, "/x-tyk-api-gateway/info/id", `"4d1f8b2a9c6e4f0b8a7d3e2c1b0a9f8e"`},
		{"id", func(a *model.APIDefinition) {}, "/x-tyk-api-gateway/info/dbId", `"65e8c4f4cb71918520ff660d"`},
		{"org_id", func(a *model.APIDefinition) {}, "/x-tyk-api-gateway/info/orgId", `"5e9d9544a1dcd60001d0ed20"`},
		{"name", func(a *model.APIDefinition) { a.Name = "Pets #zoo" }, "/x-tyk-api-gateway/info/name", `"Pets #zoo"`},
		{"name is the title", func(a *model.APIDefinition) { a.Name = "Pets" }, "/info/title", `"Pets"`},
		{"active", func(a *model.APIDefinition) { a.Active = false }, "/x-tyk-api-gateway/info/state", `{"active":false}`},
		{"internal", func(a *model.APIDefinition) { a.Internal = true }, "/x-tyk-api-gateway/info/state", `{"active":true,"internal":true}`},
		{"expiration", func(a *model.APIDefinition) { a.Expiration = "2030-01-02 15:04" }, "/x-tyk-api-gateway/info/expiration", `"2030-01-02 15:04"`},
		{"no versioning", func(a *model.APIDefinition) { a.VersionDefinition.Location = "header" }, "/x-tyk-api-gateway/info/versioning", ``},
		{"versioning", func(a *model.APIDefinition) {
			a.VersionDefinition = model.VersionDefinition{Enabled: true, Name: "v1", Default: "self", Location: "url-param", Key: "version",
				Versions: map[string]string{"v2": "b", "v1.5": "a"}, FallbackToDefault: true}
		}, "/x-tyk-api-gateway/info/versioning", `{"enabled":true,"name":"v1","default":"self","location":"url-param","key":"version",
			"versions":[{"name":"v1.5","id":"a"},{"name":"v2","id":"b"}],"fallbackToDefault":true}`},
		{"listen path", func(a *model.APIDefinition) { a.Proxy.ListenPath = "/pets/" }, "/x-tyk-api-gateway/server/listenPath", `{"value":"/pets/"}`},
		{"strip listen path", func(a *model.APIDefinition) { a.Proxy.StripListenPath = true }, "/x-tyk-api-gateway/server/listenPath", `{"value":"/base/","strip":true}`},
		{"target url", func(a *model.APIDefinition) { a.Proxy.TargetURL = "https://pets.internal/v1" }, "/x-tyk-api-gateway/upstream/url", `"https://pets.internal/v1"`},
		{"slug", func(a *model.APIDefinition) { a.Slug = "pets" }, "/x-tyk-api-gateway/server/slug", `"pets"`},
		{"custom domain", func(a *model.APIDefinition) { a.Domain = "pets.example.com" }, "/x-tyk-api-gateway/server/customDomain", `{"enabled":true,"name":"pets.example.com"}`},
		{"custom domain off", func(a *model.APIDefinition) { a.Domain, a.DomainDisabled = "pets.example.com", true }, "/x-tyk-api-gateway/server/customDomain", `{"enabled":false,"name":"pets.example.com"}`},
		{"gateway tags", func(a *model.APIDefinition) { a.Tags = []string{"edge"} }, "/x-tyk-api-gateway/server/gatewayTags", `{"enabled":true,"tags":["edge"]}`},
		{"no gateway tags", func(a *model.APIDefinition) { a.Tags = []string{} }, "/x-tyk-api-gateway/server/gatewayTags", ``},
		{"detailed tracing", func(a *model.APIDefinition) { a.DetailedTracing = true }, "/x-tyk-api-gateway/server/detailedTracing", `{"enabled":true}`},
		{"detailed recording", func(a *model.APIDefinition) { a.EnableDetailedRecording = true }, "/x-tyk-api-gateway/server/detailedActivityLogs", `{"enabled":true}`},
		{"batch requests", func(a *model.APIDefinition) { a.EnableBatchRequestSupport = true }, "/x-tyk-api-gateway/server/batchProcessing", `{"enabled":true}`},
		{"client certificates", func(a *model.APIDefinition) { a.UseMutualTLSAuth, a.ClientCertificates = true, []string{"c1"} }, "/x-tyk-api-gateway/server/clientCertificates", `{"enabled":true,"allowlist":["c1"]}`},
		{"ip allow list", func(a *model.APIDefinition) { a.EnableIPWhiteListing, a.AllowedIPs = true, []string{"10.0.0.1"} }, "/x-tyk-api-gateway/server/ipAccessControl", `{"enabled":true,"allow":["10.0.0.1"]}`},
		{"ip lists switched off", func(a *model.APIDefinition) { a.AllowedIPs = []string{"10.0.0.1"} }, "/x-tyk-api-gateway/server/ipAccessControl", `{"enabled":false,"allow":["10.0.0.1"]}`},
		{"keyless", func(a *model.APIDefinition) { a.UseKeylessAccess, a.UseStandardAuth = true, false }, "/x-tyk-api-gateway/server/authentication", `{"enabled":false}`},
		{"keyless has no security", func(a *model.APIDefinition) { a.UseKeylessAccess, a.UseStandardAuth = true, false }, "/security", ``},
		{"auth token in a header", func(a *model.APIDefinition) {
			a.AuthConfigs = map[string]model.AuthConfig{"authToken": {Name: "authToken", AuthHeaderName: "X-Key"}}
		}, "/components/securitySchemes/authToken", `{"type":"apiKey","in":"header","name":"X-Key"}`},
		{"auth token requirement", func(a *model.APIDefinition) {}, "/security", `[{"authToken":[]}]`},
		{"auth token from the legacy config", func(a *model.APIDefinition) { a.UseStandardAuth = false; a.Auth.AuthHeaderName = "authorization" },
			"/components/securitySchemes/authToken", `{"type":"apiKey","in":"header","name":"authorization"}`},
		{"auth token in a query and a cookie", func(a *model.APIDefinition) {
			a.AuthConfigs = map[string]model.AuthConfig{"authToken": {Name: "key", DisableHeader: true, UseParam: true, ParamName: "k", UseCookie: true, CookieName: "c"}}
		}, "/x-tyk-api-gateway/server/authentication/securitySchemes/key", `{"enabled":true,"cookie":{"enabled":true,"name":"c"}}`},
		{"JWT", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.EnableJWT, a.JWTSigningMethod, a.JWTSource, a.JWTIdentityBaseField = false, true, "hmac", "c2VjcmV0", "sub"
			a.JWTPolicyFieldName, a.JWTDefaultPolicies, a.JWTExpiresAtValidationSkew = "pol", []string{"p1"}, 5
		}, "/x-tyk-api-gateway/server/authentication/securitySchemes/jwt", `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},
			"source":"c2VjcmV0","signingMethod":"hmac","identityBaseField":"sub","policyFieldName":"pol","defaultPolicies":["p1"],"expiresAtValidationSkew":5}`},
		{"JWT scheme", func(a *model.APIDefinition) { a.UseStandardAuth, a.EnableJWT = false, true },
			"/components/securitySchemes/jwt", `{"type":"http","scheme":"bearer","bearerFormat":"JWT"}`},
		{"basic", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.UseBasicAuth, a.BasicAuth.CacheTTL, a.BasicAuth.DisableCaching = false, true, 60, true
		}, "/x-tyk-api-gateway/server/authentication/securitySchemes/basic", `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},"disableCaching":true,"cacheTTL":60}`},
		{"basic scheme", func(a *model.APIDefinition) { a.UseStandardAuth, a.UseBasicAuth = false, true },
			"/components/securitySchemes/basic", `{"type":"http","scheme":"basic"}`},
		{"OAuth scheme", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.UseOauth2 = false, true
			a.OauthMeta.AllowedAccessTypes = []string{"authorization_code", "refresh_token"}
		}, "/components/securitySchemes/oauth", `{"type":"oauth2","flows":{"authorizationCode":{"authorizationUrl":"/oauth/authorize","tokenUrl":"/oauth/token","scopes":{}}}}`},
		{"OAuth", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.UseOauth2 = false, true
			a.OauthMeta = model.OAuthMeta{AllowedAccessTypes: []string{"refresh_token"}, AllowedAuthorizeTypes: []string{"code"}, AuthorizeLoginRedirect: "https://login"}
			a.Notifications = model.NotificationsManager{SharedSecret: "s", OAuthKeyChangeURL: "https://hook"}
		}, "/x-tyk-api-gateway/server/authentication/securitySchemes/oauth", `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},
			"allowedAuthorizeTypes":["code"],"refreshToken":true,"authLoginRedirect":"https://login","notifications":{"sharedSecret":"s","onKeyChangeUrl":"https://hook"}}`},
		{"several methods are required together", func(a *model.APIDefinition) { a.EnableJWT = true }, "/security", `[{"authToken":[],"jwt":[]}]`},
		{"HMAC", func(a *model.APIDefinition) {
			a.EnableSignatureChecking, a.HmacAllowedAlgorithms, a.HmacAllowedClockSkew = true, []string{"hmac-sha256"}, 500
		}, "/x-tyk-api-gateway/server/authentication/hmac", `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},"allowedAlgorithms":["hmac-sha256"],"allowedClockSkew":500}`},
		{"HMAC alone implies no token", func(a *model.APIDefinition) { a.UseStandardAuth, a.EnableSignatureChecking = false, true }, "/security", ``},
		{"OpenID Connect", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.UseOpenID = false, true
			a.OpenIDOptions.Providers = []model.OIDProviderConfig{{Issuer: "https://idp", ClientIDs: map[string]string{"c": "p"}}}
		}, "/x-tyk-api-gateway/server/authentication/oidc", `{"enabled":true,"header":{"enabled":true,"name":"Authorization"},
			"providers":[{"issuer":"https://idp","clientToPolicyMapping":[{"clientId":"c","policyId":"p"}]}]}`},
		{"custom plugin authentication", func(a *model.APIDefinition) {
			a.UseStandardAuth, a.CustomPluginAuthEnabled, a.CustomMiddleware.Driver = false, true, "goplugin"
			a.CustomMiddleware.AuthCheck = model.MiddlewareDefinition{Name: "Auth", Path: "auth.so"}
		}, "/x-tyk-api-gateway/server/authentication/custom", `{"enabled":true,"config":{"enabled":true,"functionName":"Auth","path":"auth.so"}}`},
		{"external OAuth scheme", func(a *model.APIDefinition) {
			// Without providers it would read back as classic OAuth, as in the gateway.
			a.UseStandardAuth, a.ExternalOAuth.Enabled = false, true
			a.ExternalOAuth.Providers = []model.ExternalOAuthProvider{{JWT: model.JWTValidation{Enabled: true, SigningMethod: "rsa", Source: "https://idp/jwks"}}}
		}, "/components/securitySchemes/externalOAuth", `{"type":"oauth2","flows":{"authorizationCode":{"authorizationUrl":"/oauth/authorize","tokenUrl":"/oauth/token","scopes":{}}}}`},
		{"strip auth data", func(a *model.APIDefinition) { a.StripAuthData = true }, "/x-tyk-api-gateway/server/authentication/stripAuthorizationData", `true`},
		{"key lifetime", func(a *model.APIDefinition) { a.SessionLifetime = 3600 }, "/x-tyk-api-gateway/server/authentication/customKeyLifetime", `{"enabled":true,"value":"1h"}`},
		{"rate limit", func(a *model.APIDefinition) { a.GlobalRateLimit = model.GlobalRateLimit{Rate: 10, Per: 90} }, "/x-tyk-api-gateway/upstream/rateLimit", `{"enabled":true,"rate":10,"per":"1m30s"}`},
		{"load balancing", func(a *model.APIDefinition) {
			a.Proxy.EnableLoadBalancing, a.Proxy.TargetList = true, []string{"http://b", "http://a", "http://b"}
		}, "/x-tyk-api-gateway/upstream/loadBalancing", `{"enabled":true,"targets":[{"url":"http://a","weight":1},{"url":"http://b","weight":2}]}`},
		{"service discovery", func(a *model.APIDefinition) {
			a.Proxy.ServiceDiscovery = model.ServiceDiscoveryConfiguration{UseDiscoveryService: true, QueryEndpoint: "http://consul", DataPath: "a", CacheTimeout: 30}
		}, "/x-tyk-api-gateway/upstream/serviceDiscovery", `{"enabled":true,"queryEndpoint":"http://consul","dataPath":"a","cache":{"enabled":true,"timeout":30}}`},
		{"upstream certificates", func(a *model.APIDefinition) { a.UpstreamCertificates = map[string]string{"b.com": "c2", "a.com": "c1"} },
			"/x-tyk-api-gateway/upstream/mutualTLS", `{"enabled":true,"domainToCertificateMapping":[{"domain":"a.com","certificate":"c1"},{"domain":"b.com","certificate":"c2"}]}`},
		{"pinned public keys", func(a *model.APIDefinition) { a.PinnedPublicKeys = map[string]string{"a.com": "k1, k2"} },
			"/x-tyk-api-gateway/upstream/certificatePinning", `{"enabled":true,"domainToPublicKeysMapping":[{"domain":"a.com","publicKeys":["k1","k2"]}]}`},
		{"uptime tests", func(a *model.APIDefinition) {
			a.UptimeTests.CheckList = []model.HostCheckObject{{CheckURL: "u.internal/health", Protocol: "https", Method: "GET", Timeout: model.Duration{Duration: 1500 * time.Millisecond}}}
			a.UptimeTests.Config.RecheckWait = 30
		}, "/x-tyk-api-gateway/upstream/uptimeTests", `{"enabled":true,"hostDownRetestPeriod":"30s","tests":[{"method":"GET","timeout":"1s500ms","url":"https://u.internal/health"}]}`},
		{"analytics plugin", func(a *model.APIDefinition) {
			a.AnalyticsPlugin = model.AnalyticsPluginConfig{Enabled: true, PluginPath: "a.so", FuncName: "F"}
		}, "/x-tyk-api-gateway/middleware/global/trafficLogs/plugins", `[{"enabled":true,"functionName":"F","path":"a.so"}]`},
		{"preserve host header", func(a *model.APIDefinition) { a.Proxy.PreserveHostHeader = true }, "/x-tyk-api-gateway/upstream/preserveHostHeader", `{"enabled":true}`},
		{"preserve trailing slash", func(a *model.APIDefinition) { a.Proxy.DisableStripSlash = true }, "/x-tyk-api-gateway/upstream/preserveTrailingSlash", `{"enabled":true}`},
		{"TLS transport", func(a *model.APIDefinition) { a.Proxy.Transport.SSLMinVersion = 0x0303 }, "/x-tyk-api-gateway/upstream/tlsTransport", `{"minVersion":"1.2"}`},
		{"proxy", func(a *model.APIDefinition) { a.Proxy.Transport.ProxyURL = "http://proxy:3128" }, "/x-tyk-api-gateway/upstream/proxy", `{"enabled":true,"url":"http://proxy:3128"}`},
		{"upstream basic auth", func(a *model.APIDefinition) {
			a.UpstreamAuth = model.UpstreamAuth{Enabled: true, BasicAuth: model.UpstreamBasicAuth{Enabled: true, Username: "u", Password: "p"}}
		}, "/x-tyk-api-gateway/upstream/authentication", `{"enabled":true,"basicAuth":{"enabled":true,"username":"u","password":"p"}}`},
		{"CORS", func(a *model.APIDefinition) {
			a.CORS = model.CORSConfig{Enable: true, AllowedOrigins: []string{"*"}, MaxAge: 24, OptionsPassthrough: true}
		}, "/x-tyk-api-gateway/middleware/global/cors", `{"enabled":true,"maxAge":24,"optionsPassthrough":true,"allowedOrigins":["*"]}`},
		{"cache", func(a *model.APIDefinition) {
			a.CacheOptions = model.CacheOptions{EnableCache: true, CacheTimeout: 60, CacheOnlyResponseCodes: []int64{200}}
		}, "/x-tyk-api-gateway/middleware/global/cache", `{"enabled":true,"timeout":60,"cacheResponseCodes":[200]}`},
		{"context variables", func(a *model.APIDefinition) { a.EnableContextVars = true }, "/x-tyk-api-gateway/middleware/global/contextVariables", `{"enabled":true}`},
		{"traffic logs", func(a *model.APIDefinition) { a.TagHeaders, a.ExpireAnalyticsAfter = []string{"X-Team"}, 86400 },
			"/x-tyk-api-gateway/middleware/global/trafficLogs", `{"enabled":true,"tagHeaders":["X-Team"],"customRetentionPeriod":"24h"}`},
		{"do not track", func(a *model.APIDefinition) { a.DoNotTrack = true }, "/x-tyk-api-gateway/middleware/global/trafficLogs", `{"enabled":false}`},
		{"plugins", func(a *model.APIDefinition) {
			a.CustomMiddleware.Driver = "python"
			a.CustomMiddleware.Pre = []model.MiddlewareDefinition{{Name: "Pre", Path: "mw.py", RequireSession: true}}
		}, "/x-tyk-api-gateway/middleware/global/prePlugins", `[{"enabled":true,"functionName":"Pre","path":"mw.py","requireSession":true}]`},
		{"plugin bundle", func(a *model.APIDefinition) { a.CustomMiddleware.Driver, a.CustomMiddlewareBundle = "grpc", "b.zip" },
			"/x-tyk-api-gateway/middleware/global/pluginConfig", `{"driver":"grpc","bundle":{"enabled":true,"path":"b.zip"}}`},
		{"skip quota", func(a *model.APIDefinition) { a.DisableQuota = true }, "/x-tyk-api-gateway/middleware/global/skipQuota", `true`},
		{"global headers", func(a *model.APIDefinition) {
			a.VersionData.Versions["Default"] = model.VersionInfo{Name: "Default", GlobalHeaders: map[string]string{"X-B": "2", "X-A": "1"}}
		}, "/x-tyk-api-gateway/middleware/global/transformRequestHeaders", `{"enabled":true,"add":[{"name":"X-A","value":"1"},{"name":"X-B","value":"2"}]}`},
		{"webhook event handler", func(a *model.APIDefinition) {
			a.EventHandlers.Events = map[string][]model.EventHandlerTriggerConfig{"KeyExpired": {{Handler: "eh_web_hook_handler",
				HandlerMeta: map[string]any{"_id": "54be6c0beba6db07a6000002", "name": "expiry", "method": "POST", "target_path": "http://hooks/expiry", "event_timeout": 60}}}}
		}, "/x-tyk-api-gateway/server/eventHandlers", `[{"enabled":true,"trigger":"KeyExpired","type":"webhook","id":"54be6c0beba6db07a6000002",
			"cooldownPeriod":"1m","name":"expiry","url":"http://hooks/expiry","method":"POST"}]`},
		{"JavaScript event handler", func(a *model.APIDefinition) {
			a.EventHandlers.Events = map[string][]model.EventHandlerTriggerConfig{"HostDown": {{Handler: "eh_dynamic_handler",
				HandlerMeta: map[string]any{"name": "onHostDown", "path": "down.js"}}}}
		}, "/x-tyk-api-gateway/server/eventHandlers", `[{"enabled":true,"trigger":"HostDown","type":"custom","name":"onHostDown","functionName":"onHostDown","path":"down.js"}]`},
		{"other event handlers stay out", func(a *model.APIDefinition) {
			a.EventHandlers.Events = map[string][]model.EventHandlerTriggerConfig{"HostDown": {{Handler: "cp_dynamic_handler", HandlerMeta: map[string]any{"name": "F"}}}}
		}, "/x-tyk-api-gateway/server/eventHandlers", ``},
		{"endpoint allow list", func(a *model.APIDefinition) {
			convSetPaths(a, model.ExtendedPathsSet{WhiteList: []model.EndPointMeta{{Path: "/pets", Method: "GET", IgnoreCase: true}}})
		}, "/x-tyk-api-gateway/middleware/operations/petsGET", `{"allow":{"enabled":true,"ignoreCase":true}}`},
		{"endpoint operation", func(a *model.APIDefinition) {
			convSetPaths(a, model.ExtendedPathsSet{WhiteList: []model.EndPointMeta{{Path: "/pets", Method: "GET"}}})
		}, "/paths", `{"/pets":{"get":{"operationId":"petsGET","responses":{"default":{"description":""}}}}}`},
		{"regular expression in a path", func(a *model.APIDefinition) {
			convSetPaths(a, model.ExtendedPathsSet{HardTimeouts: []model.HardTimeoutMeta{{Path: "/pets/[0-9]+", Method: "GET", TimeOut: 3}}})
		}, "/paths", `{"/pets/{customRegex1}":{"parameters":[{"name":"customRegex1","in":"path","required":true,"schema":{"type":"string","pattern":"[0-9]+"}}],
			"get":{"operationId":"pets/[0-9]+GET","responses":{"default":{"description":""}}}}}`},
		{"older method actions", func(a *model.APIDefinition) {
			convSetPaths(a, model.ExtendedPathsSet{WhiteList: []model.EndPointMeta{{Path: "/pets", MethodActions: map[string]model.EndpointMethodMeta{
				"GET": {Action: "no_action"}, "PUT": {Action: "reply", Code: 201, Data: "ok"}}}}})
		}, "/x-tyk-api-gateway/middleware/operations", `{"petsGET":{"allow":{"enabled":true}},"petsPUT":{"mockResponse":{"enabled":true,"code":201,"body":"ok"}}}`},
		{"endpoint rate limit", func(a *model.APIDefinition) {
			convSetPaths(a, model.ExtendedPathsSet{RateLimit: []model.RateLimitMeta{{Path: "/pets", Method: "POST", Rate: 2, Per: 60}}})
		}, "/x-tyk-api-gateway/middleware/operations/petsPOST", `{"rateLimit":{"enabled":true,"rate":2,"per":"1m"}}`},
		{"size limit", func(a *model.APIDefinition) {
			a.VersionData.Versions["Default"] = model.VersionInfo{Name: "Default", GlobalSizeLimit: 1024}
		}, "/x-tyk-api-gateway/middleware/global/requestSizeLimit", `{"enabled":true,"value":1024}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := convBase()
			tt.change(api)
			doc := convRoundTrip(t, tt.name, api)
			got, ok := convAt(t, doc, tt.pointer)
			if tt.want == "" {
				if ok {
					t.Errorf("%s: want absent, got %v", tt.pointer, got)
				}
				return
			}
			if !ok {
				t.Fatalf("%s is absent", tt.pointer)
			}
			if diff := cmp.Diff(convTree(t, []byte(tt.want)), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.pointer, diff)
			}
		})
	}
}

// TestToClassic checks the reading of Tyk OAS APIs that a classic
// definition would not produce.
func TestToClassic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		doc   string
		check func(a *model.APIDefinition) any
		want  any
	}{
		{"no authentication is keyless", `{"x-tyk-api-gateway":{"info":{"name":"n","state":{"active":true}},"upstream":{"url":"http://u"},"server":{"listenPath":{"value":"/"}}}}`,
			func(a *model.APIDefinition) any { return a.UseKeylessAccess }, true},
		{"token in a query", `{"security":[{"k":[]}],"components":{"securitySchemes":{"k":{"type":"apiKey","in":"query","name":"key"}}},
			"x-tyk-api-gateway":{"server":{"listenPath":{"value":"/"},"authentication":{"enabled":true,"securitySchemes":{"k":{"enabled":true}}}}}}`,
			func(a *model.APIDefinition) any {
				ac := a.AuthConfigs["authToken"]
				return []any{a.UseStandardAuth, ac.Name, ac.DisableHeader, ac.UseParam, ac.ParamName}
			}, []any{true, "k", true, true, "key"}},
		{"a scheme outside the first requirement is not used", `{"security":[{"a":[]},{"k":[]}],
			"components":{"securitySchemes":{"k":{"type":"apiKey","in":"header","name":"X"},"a":{"type":"http","scheme":"basic"}}},
			"x-tyk-api-gateway":{"server":{"listenPath":{"value":"/"},"authentication":{"enabled":true,"securitySchemes":{"k":{"enabled":true},"a":{"enabled":true}}}}}}`,
			func(a *model.APIDefinition) any { return []any{a.UseStandardAuth, a.UseBasicAuth} }, []any{false, true}},
		{"external OAuth is not classic OAuth", `{"security":[{"o":[]}],"components":{"securitySchemes":{"o":{"type":"oauth2","flows":{}}}},
			"x-tyk-api-gateway":{"server":{"listenPath":{"value":"/"},"authentication":{"enabled":true,"securitySchemes":{"o":{"enabled":true,"providers":[{"jwt":{"enabled":true,"signingMethod":"rsa","source":"x"}}]}}}}}}`,
			func(a *model.APIDefinition) any { return a.UseOauth2 }, false},
		{"context variables on the server", `{"x-tyk-api-gateway":{"server":{"listenPath":{"value":"/"},"contextVariables":{"enabled":true}}}}`,
			func(a *model.APIDefinition) any { return a.EnableContextVars }, true},
		{"older single-object plugin lists", `{"x-tyk-api-gateway":{"middleware":{"global":{"prePlugin":{"plugins":[{"enabled":true,"functionName":"F","path":"p"}]}}}}}`,
			func(a *model.APIDefinition) any { return a.CustomMiddleware.Pre }, []model.MiddlewareDefinition{{Name: "F", Path: "p"}}},
		{"deprecated service discovery cache timeout", `{"x-tyk-api-gateway":{"upstream":{"url":"http://u","serviceDiscovery":{"enabled":true,"cacheTimeout":15}}}}`,
			func(a *model.APIDefinition) any {
				return []any{a.Proxy.ServiceDiscovery.CacheDisabled, a.Proxy.ServiceDiscovery.CacheTimeout}
			}, []any{false, int64(15)}},
		{"load balancing weights", `{"x-tyk-api-gateway":{"upstream":{"loadBalancing":{"enabled":true,"targets":[{"url":"http://a","weight":2},{"url":"http://b","weight":0}]}}}}`,
			func(a *model.APIDefinition) any { return a.Proxy.TargetList }, []string{"http://a", "http://a"}},
		{"operations of an imported document", `{"paths":{"/pets/{petId}":{"get":{"operationId":"getPet"}},"/pets":{"post":{"operationId":"addPet"}}},
			"x-tyk-api-gateway":{"middleware":{"operations":{"getPet":{"allow":{"enabled":true}},"addPet":{"allow":{"enabled":false}},"gone":{"allow":{"enabled":true}}}}}}`,
			func(a *model.APIDefinition) any { return a.VersionData.Versions["Default"].ExtendedPaths.WhiteList },
			[]model.EndPointMeta{{Path: "/pets/{petId}", Method: "GET"}, {Path: "/pets", Method: "POST", Disabled: true}}},
		{"a path parameter with a pattern", `{"paths":{"/pets/{petId}":{"parameters":[{"name":"petId","in":"path","required":true,"schema":{"type":"string","pattern":"[0-9]+"}}],
			"get":{"operationId":"getPet"}}},"x-tyk-api-gateway":{"middleware":{"operations":{"getPet":{"internal":{"enabled":true}}}}}}`,
			func(a *model.APIDefinition) any { return a.VersionData.Versions["Default"].ExtendedPaths.Internal },
			[]model.InternalMeta{{Path: "/pets/{petId:[0-9]+}", Method: "GET"}}},
		{"an operation timeout as a duration", `{"paths":{"/a":{"get":{"operationId":"a"}}},"x-tyk-api-gateway":{"middleware":{"operations":{"a":{"enforceTimeout":{"enabled":true,"duration":"1m"}}}}}}`,
			func(a *model.APIDefinition) any { return a.VersionData.Versions["Default"].ExtendedPaths.HardTimeouts },
			[]model.HardTimeoutMeta{{Path: "/a", Method: "GET", TimeOut: 60}}},
		{"one version", `{"x-tyk-api-gateway":{"info":{"name":"n","state":{"active":true}}}}`,
			func(a *model.APIDefinition) any {
				return []any{a.VersionData.NotVersioned, len(a.VersionData.Versions)}
			}, []any{true, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, err := Parse([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			api, err := ToClassic(doc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tt.check(api), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestConvDuration(t *testing.T) {
	t.Parallel()
	for in, want := range map[time.Duration]string{
		0: "0s", time.Hour: "1h", 90 * time.Second: "1m30s", 1500 * time.Millisecond: "1s500ms",
		720 * time.Hour: "720h", time.Hour + time.Second: "1h1s", 1500 * time.Microsecond: "1ms500µs", 7: "7ns",
	} {
		got := convDuration(in)
		if got != want {
			t.Errorf("convDuration(%v) = %q, want %q", in, got, want)
		}
		if back, err := time.ParseDuration(got); err != nil || back != in {
			t.Errorf("%q reads back as %v, %v", got, back, err)
		}
	}
	if got := convSeconds(5400); got != "1h30m" {
		t.Errorf("convSeconds(5400) = %q", got)
	}
}

func TestConvertErrors(t *testing.T) {
	t.Parallel()
	if _, err := FromClassic(nil); err == nil {
		t.Error("FromClassic(nil): no error")
	}
	if _, err := ToClassic(nil); err == nil {
		t.Error("ToClassic(nil): no error")
	}
	doc, err := Parse([]byte(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ToClassic(doc); err == nil || !strings.Contains(err.Error(), ExtensionKey) {
		t.Errorf("ToClassic without the extension: %v", err)
	}
	if _, err := ParseClassic([]byte(`[1]`)); err == nil {
		t.Error("ParseClassic of an array: no error")
	}
	if _, err := ParseClassic([]byte("- a\n- b\n")); err == nil {
		t.Error("ParseClassic of a YAML list: no error")
	}
}

func TestParseClassicYAML(t *testing.T) {
	t.Parallel()
	api, err := ParseClassic([]byte("api_definition:\n  name: Pets\n  api_id: abc\n  proxy:\n    listen_path: /pets/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if api.Name != "Pets" || api.APIID != "abc" || api.Proxy.ListenPath != "/pets/" {
		t.Errorf("got %+v", api)
	}
}

// TestToClassicStable converts the Tyk OAS APIs of the Dashboard
// description to classic, back to OAS and to classic again: the classic
// form must not change, so whatever a Tyk OAS API maps to survives the
// trip through OAS.
func TestToClassicStable(t *testing.T) {
	t.Parallel()
	y, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "tyk-dashboard", "dashboard-api.yml"))
	if os.IsNotExist(err) {
		t.Skip("reference material ../shared is absent; skipping")
	}
	if err != nil {
		t.Fatal(err)
	}
	j, err := yaml.YAMLToJSON(y)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]json.RawMessage{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v[ExtensionKey].(map[string]any); ok && v["openapi"] != nil {
				docs[path], _ = json.Marshal(v)
				return
			}
			for k, c := range v {
				walk(c, path+"/"+k)
			}
		case []any:
			for i, c := range v {
				walk(c, fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	walk(convTree(t, j), "dashboard-api.yml#")
	if len(docs) == 0 {
		t.Fatal("no Tyk OAS API in the Dashboard description")
	}
	for name, raw := range docs {
		doc, err := Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		first, err := ToClassic(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		convRoundTrip(t, name, first)
	}
	t.Logf("converted %d Tyk OAS APIs of the Dashboard description", len(docs))
}

func BenchmarkFromClassic(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "convert", "rich_classic.json"))
	if err != nil {
		b.Fatal(err)
	}
	api, err := ParseClassic(raw)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromClassic(api); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToClassic(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "convert", "rich_classic.json"))
	if err != nil {
		b.Fatal(err)
	}
	api, err := ParseClassic(raw)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := FromClassic(api)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ToClassic(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkToClassicCorpus converts the large corpus document, given an
// extension with middleware on every operation, to classic: the cost grows
// with the number of operations.
func BenchmarkToClassicCorpus(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "github-api.json"))
	if os.IsNotExist(err) {
		b.Skip("corpus ../shared/corpus/github-api.json is absent; skipping")
	}
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	ops := model.XTykOperations{}
	for _, e := range convReadEndpoints(doc) {
		ops[e.operationID] = &model.XTykOperation{Allow: &model.XTykAllowance{Enabled: true}}
	}
	ext := &model.XTykAPIGateway{
		Info:       &model.XTykInfo{Name: "github", State: &model.XTykState{Active: true}},
		Upstream:   &model.XTykUpstream{URL: "https://api.github.com"},
		Server:     &model.XTykServer{ListenPath: &model.XTykListenPath{Value: "/github/"}},
		Middleware: &model.XTykMiddleware{Operations: ops},
	}
	if err := doc.SetExtension(ext); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		api, err := ToClassic(doc)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(api.VersionData.Versions[classicMainVersion].ExtendedPaths.WhiteList); n != len(ops) {
			b.Fatalf("%d allow entries for %d operations", n, len(ops))
		}
	}
	b.ReportMetric(float64(len(ops)), "operations")
}
