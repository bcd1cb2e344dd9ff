package oas

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dashkit/dashkit/model"
)

// Endpoint-level middleware. A classic version lists its middleware by kind,
// each entry naming a path and a method; a Tyk OAS API hangs it off OpenAPI
// operations, keyed in middleware.operations by operationId. As in the
// gateway, converting to OAS creates an operation per classic path and
// method with the operationId path-without-leading-slash + METHOD (e.g.
// "users/{id}GET") unless the path already has one, and a path segment that
// is a regular expression becomes a path parameter customRegexN whose schema
// pattern is the expression. Converting back restores the expression from
// that pattern, so that the classic path comes back as it was.
//
// Mapped: white_list, black_list, ignored (allow, block,
// ignoreAuthentication; the older per-method method_actions of those lists
// too, a "reply" action becoming a mock response), mock_response, internal,
// method_transforms, transform, transform_response, transform_headers,
// transform_response_headers, url_rewrites, advance_cache_config,
// hard_timeouts, validate_request, virtual, go_plugin, circuit_breakers,
// track_endpoints, do_not_track_endpoints, size_limits, rate_limit. Not
// mapped: validate_json (its schema belongs in the operation's request
// body), the plain cache list, transform_jq and persist_graphql.

// convMethods are the HTTP methods an OpenAPI path item can hold.
var convMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// convPaths collects the OpenAPI paths and the Tyk operations made from a
// classic version's endpoint middleware.
type convPaths struct {
	items map[string]*convPathItem
	ops   model.XTykOperations
}

type convPathItem struct {
	params     []convParam
	operations map[string]*convOperation
}

type convParam struct {
	Name     string          `json:"name"`
	In       string          `json:"in"`
	Required bool            `json:"required"`
	Schema   convParamSchema `json:"schema"`
}

type convParamSchema struct {
	Type    string `json:"type"`
	Pattern string `json:"pattern,omitempty"`
}

type convOperation struct {
	OperationID string                  `json:"operationId"`
	Responses   map[string]convResponse `json:"responses"`
}

type convResponse struct {
	Description string `json:"description"`
}

// MarshalJSON writes a path item: its parameters, then its operations.
func (p *convPathItem) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(p.operations)+1)
	if len(p.params) > 0 {
		m["parameters"] = p.params
	}
	for method, op := range p.operations {
		m[method] = op
	}
	return json.Marshal(m)
}

// convIdentifier is a path segment that is matched as written.
var convIdentifier = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

// operation returns the Tyk operation of a classic path and method,
// creating the OpenAPI operation it hangs off. It returns nil for a method
// OpenAPI cannot describe.
func (c *convPaths) operation(path, method string) *model.XTykOperation {
	lower := strings.ToLower(method)
	if !convIsMethod(lower) {
		return nil
	}
	oasPath, params := convOASPath(path)
	item := c.items[oasPath]
	if item == nil {
		item = &convPathItem{operations: map[string]*convOperation{}}
		c.items[oasPath] = item
	}
	for _, p := range params {
		known := false
		for _, q := range item.params {
			known = known || q.Name == p.Name
		}
		if !known {
			item.params = append(item.params, p)
		}
	}
	op := item.operations[lower]
	if op == nil {
		op = &convOperation{
			OperationID: strings.TrimPrefix(path, "/") + strings.ToUpper(method),
			Responses:   map[string]convResponse{"default": {}},
		}
		item.operations[lower] = op
	}
	if c.ops[op.OperationID] == nil {
		c.ops[op.OperationID] = &model.XTykOperation{}
	}
	return c.ops[op.OperationID]
}

// respond records that an operation answers with code, as a mock response
// documents it.
func (c *convPaths) respond(path, method string, code int64) {
	oasPath, _ := convOASPath(path)
	if item := c.items[oasPath]; item != nil {
		if op := item.operations[strings.ToLower(method)]; op != nil {
			delete(op.Responses, "default")
			op.Responses[strconv.FormatInt(code, 10)] = convResponse{}
		}
	}
}

func convIsMethod(lower string) bool {
	for _, m := range convMethods {
		if m == lower {
			return true
		}
	}
	return false
}

// convOASPath turns a classic path into an OpenAPI path and the path
// parameters it needs: a {name} or {name:regex} segment keeps its name, a
// segment that is not a plain identifier becomes {customRegexN}.
func convOASPath(path string) (string, []convParam) {
	trimmed := strings.Trim(path, "/")
	if trimmed == "" {
		return path, nil
	}
	segments := strings.Split(trimmed, "/")
	var params []convParam
	n := 0
	for i, s := range segments {
		switch {
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
			inner := strings.Trim(s, "{}")
			name, pattern, hasPattern := strings.Cut(inner, ":")
			if !hasPattern && !convIdentifier.MatchString(inner) {
				n++
				name = fmt.Sprintf("customRegex%d", n)
			}
			segments[i] = "{" + name + "}"
			params = append(params, convParam{Name: name, In: "path", Required: true, Schema: convParamSchema{Type: "string", Pattern: pattern}})
		case !convIdentifier.MatchString(s):
			n++
			name := fmt.Sprintf("customRegex%d", n)
			segments[i] = "{" + name + "}"
			params = append(params, convParam{Name: name, In: "path", Required: true, Schema: convParamSchema{Type: "string", Pattern: s}})
		}
	}
	out := "/" + strings.Join(segments, "/")
	if strings.HasSuffix(path, "/") {
		out += "/"
	}
	return out, params
}

// classicPaths converts the endpoint middleware of a classic version.
func classicPaths(ep model.ExtendedPathsSet) *convPaths {
	c := &convPaths{items: map[string]*convPathItem{}, ops: model.XTykOperations{}}

	allowances := []struct {
		metas []model.EndPointMeta
		set   func(op *model.XTykOperation, a *model.XTykAllowance)
	}{
		{ep.WhiteList, func(op *model.XTykOperation, a *model.XTykAllowance) { op.Allow = a }},
		{ep.BlackList, func(op *model.XTykOperation, a *model.XTykAllowance) { op.Block = a }},
		{ep.Ignored, func(op *model.XTykOperation, a *model.XTykAllowance) { op.IgnoreAuthentication = a }},
	}
	for _, kind := range allowances {
		for _, em := range convExpandMethodActions(kind.metas) {
			if em.reply != nil {
				if op := c.operation(em.Path, em.Method); op != nil {
					op.MockResponse = convMock(!em.Disabled, em.reply.Code, em.reply.Data, em.reply.Headers)
					c.respond(em.Path, em.Method, em.reply.Code)
				}
				continue
			}
			if op := c.operation(em.Path, em.Method); op != nil {
				a := &model.XTykAllowance{Enabled: !em.Disabled}
				if em.IgnoreCase {
					a.IgnoreCase = convPtr(true)
				}
				kind.set(op, a)
			}
		}
	}
	for _, m := range ep.MockResponse {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.MockResponse = convMock(!m.Disabled, m.Code, m.Body, m.Headers)
			c.respond(m.Path, m.Method, m.Code)
		}
	}
	for _, m := range ep.Internal {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.Internal = &model.XTykInternal{Enabled: !m.Disabled}
		}
	}
	for _, m := range ep.MethodTransforms {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TransformRequestMethod = &model.XTykTransformRequestMethod{Enabled: !m.Disabled, ToMethod: m.ToMethod}
		}
	}
	for _, m := range ep.Transform {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TransformRequestBody = convTransformBody(m)
		}
	}
	for _, m := range ep.TransformResponse {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TransformResponseBody = convTransformBody(m)
		}
	}
	for _, m := range ep.TransformHeader {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TransformRequestHeaders = convTransformHeaders(m)
		}
	}
	for _, m := range ep.TransformResponseHeader {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TransformResponseHeaders = convTransformHeaders(m)
		}
	}
	for _, m := range ep.URLRewrite {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.URLRewrite = convURLRewrite(m)
		}
	}
	for _, m := range ep.AdvanceCacheConfig {
		if op := c.operation(m.Path, m.Method); op != nil {
			cp := &model.XTykCachePlugin{Enabled: !m.Disabled, CacheByRegex: m.CacheKeyRegex, CacheResponseCodes: m.CacheOnlyResponseCodes}
			if m.Timeout != 0 {
				cp.Timeout = convPtr(m.Timeout)
			}
			op.Cache = cp
		}
	}
	for _, m := range ep.HardTimeouts {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.EnforceTimeout = &model.XTykEnforceTimeout{Enabled: !m.Disabled, Value: convPtr(m.TimeOut)}
		}
	}
	for _, m := range ep.ValidateRequest {
		if op := c.operation(m.Path, m.Method); op != nil {
			v := &model.XTykValidateRequest{Enabled: m.Enabled}
			if m.ErrorResponseCode != 0 {
				v.ErrorResponseCode = convPtr(m.ErrorResponseCode)
			}
			op.ValidateRequest = v
		}
	}
	for _, m := range ep.Virtual {
		if op := c.operation(m.Path, m.Method); op != nil {
			v := &model.XTykVirtualEndpoint{Enabled: !m.Disabled, FunctionName: m.ResponseFunctionName}
			// The source is a file path, or the code itself base64-encoded.
			if m.FunctionSourceType == "file" {
				v.Path = m.FunctionSourceURI
			} else {
				v.Body = m.FunctionSourceURI
			}
			if m.ProxyOnError {
				v.ProxyOnError = convPtr(true)
			}
			if m.UseSession {
				v.RequireSession = convPtr(true)
			}
			op.VirtualEndpoint = v
		}
	}
	for _, m := range ep.GoPlugin {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.PostPlugins = append(op.PostPlugins, model.XTykEndpointPostPlugin{Enabled: !m.Disabled, FunctionName: m.SymbolName, Path: m.PluginPath})
		}
	}
	for _, m := range ep.CircuitBreaker {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.CircuitBreaker = &model.XTykCircuitBreaker{
				Enabled: !m.Disabled, Threshold: m.ThresholdPercent, SampleSize: m.Samples,
				CoolDownPeriod: m.ReturnToServiceAfter, HalfOpenStateEnabled: !m.DisableHalfOpenState,
			}
		}
	}
	for _, m := range ep.TrackEndpoints {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.TrackEndpoint = &model.XTykTrackEndpoint{Enabled: !m.Disabled}
		}
	}
	for _, m := range ep.DoNotTrackEndpoints {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.DoNotTrackEndpoint = &model.XTykTrackEndpoint{Enabled: !m.Disabled}
		}
	}
	for _, m := range ep.SizeLimit {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.RequestSizeLimit = &model.XTykRequestSizeLimit{Enabled: !m.Disabled, Value: m.SizeLimit}
		}
	}
	for _, m := range ep.RateLimit {
		if op := c.operation(m.Path, m.Method); op != nil {
			op.RateLimit = &model.XTykRateLimit{Enabled: !m.Disabled, Rate: m.Rate, Per: convSeconds(m.Per)}
		}
	}
	return c
}

// convEndpoint is an allow, block or ignore entry for one method; reply is
// set when an older per-method action answers the request itself.
type convEndpoint struct {
	model.EndPointMeta
	reply *model.EndpointMethodMeta
}

// convExpandMethodActions turns entries in the older form (no method, a
// method_actions map) into one entry per method.
func convExpandMethodActions(metas []model.EndPointMeta) []convEndpoint {
	var out []convEndpoint
	for _, em := range metas {
		if em.Method != "" || len(em.MethodActions) == 0 {
			out = append(out, convEndpoint{EndPointMeta: em})
			continue
		}
		for _, method := range convSortedKeys(em.MethodActions) {
			action := em.MethodActions[method]
			e := convEndpoint{EndPointMeta: em}
			e.Method, e.MethodActions = method, nil
			if action.Action == "reply" {
				a := action
				e.reply = &a
			}
			out = append(out, e)
		}
	}
	return out
}

func convMock(enabled bool, code int64, body string, headers map[string]string) *model.XTykMockResponse {
	m := &model.XTykMockResponse{Enabled: enabled, Body: body}
	if code != 0 {
		m.Code = convPtr(code)
	}
	names := make([]string, 0, len(headers))
	canonical := make(map[string]string, len(headers))
	for k, v := range headers {
		k = http.CanonicalHeaderKey(k)
		names = append(names, k)
		canonical[k] = v
	}
	sort.Strings(names)
	for _, n := range names {
		m.Headers = append(m.Headers, model.XTykHeader{Name: n, Value: canonical[n]})
	}
	return m
}

func convTransformBody(m model.TemplateMeta) *model.XTykTransformBody {
	tb := &model.XTykTransformBody{Enabled: !m.Disabled, Format: m.TemplateData.Input}
	if m.TemplateData.Mode == "file" {
		tb.Path = m.TemplateData.TemplateSource
	} else {
		tb.Body = m.TemplateData.TemplateSource
	}
	return tb
}

func convTransformHeaders(m model.HeaderInjectionMeta) *model.XTykTransformHeaders {
	th := &model.XTykTransformHeaders{Enabled: !m.Disabled, Remove: m.DeleteHeaders}
	for _, n := range convSortedKeys(m.AddHeaders) {
		th.Add = append(th.Add, model.XTykHeader{Name: n, Value: m.AddHeaders[n]})
	}
	return th
}

// The URL rewrite rule kinds, by the classic member that holds them.
const (
	ruleHeader   = "header"
	ruleQuery    = "query"
	rulePath     = "path"
	ruleSession  = "sessionMetadata"
	ruleContext  = "requestContext"
	ruleBody     = "requestBody"
	ruleAnyMatch = "any"
)

func convURLRewrite(m model.URLRewriteMeta) *model.XTykURLRewrite {
	u := &model.XTykURLRewrite{Enabled: !m.Disabled, Pattern: m.MatchPattern, RewriteTo: m.RewriteTo}
	for _, t := range m.Triggers {
		tr := model.XTykURLRewriteTrigger{Condition: convOr(t.On, ruleAnyMatch), RewriteTo: t.RewriteTo}
		for _, kind := range []struct {
			in      string
			matches map[string]model.StringRegexMap
		}{
			{ruleHeader, t.Options.HeaderMatches},
			{ruleQuery, t.Options.QueryValMatches},
			{rulePath, t.Options.PathPartMatches},
			{ruleSession, t.Options.SessionMetaMatches},
			{ruleContext, t.Options.RequestContextMatches},
		} {
			for _, name := range convSortedKeys(kind.matches) {
				rx := kind.matches[name]
				r := model.XTykURLRewriteRule{In: kind.in, Name: name, Pattern: rx.MatchPattern}
				if rx.Reverse {
					r.Negate = convPtr(true)
				}
				tr.Rules = append(tr.Rules, r)
			}
		}
		if p := t.Options.PayloadMatches; p.MatchPattern != "" {
			r := model.XTykURLRewriteRule{In: ruleBody, Pattern: p.MatchPattern}
			if p.Reverse {
				r.Negate = convPtr(true)
			}
			tr.Rules = append(tr.Rules, r)
		}
		u.Triggers = append(u.Triggers, tr)
	}
	return u
}

// convOASEndpoint is one OpenAPI operation with the classic path it stands
// for.
type convOASEndpoint struct {
	path, method, operationID string
}

// convReadEndpoints lists the operations of the document's paths, each with
// the classic path it stands for: a path parameter whose schema has a
// pattern stands for that pattern, as the conversion to OAS wrote it.
func convReadEndpoints(doc *Document) []convOASEndpoint {
	v, ok := doc.Get("/paths")
	if !ok {
		return nil
	}
	paths, ok := v.(*Object)
	if !ok {
		return nil
	}
	var out []convOASEndpoint
	for path, item := range paths.All() {
		io, ok := item.(*Object)
		if !ok {
			continue
		}
		patterns := convParamPatterns(io)
		for _, method := range convMethods {
			op, ok := io.Object(method)
			if !ok {
				continue
			}
			id, _ := op.String("operationId")
			if id == "" {
				continue
			}
			opPatterns := convParamPatterns(op)
			for k, v := range patterns {
				if _, ok := opPatterns[k]; !ok {
					opPatterns[k] = v
				}
			}
			out = append(out, convOASEndpoint{path: convClassicPath(path, opPatterns), method: strings.ToUpper(method), operationID: id})
		}
	}
	// More specific (longer) paths first, as the gateway matches them, then
	// by path and method so that the result does not depend on map order.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if la, lb := strings.Count(a.path, "/"), strings.Count(b.path, "/"); la != lb {
			return la > lb
		}
		if a.path != b.path {
			return a.path < b.path
		}
		return a.method < b.method
	})
	return out
}

// convParamPatterns maps the path parameters of a path item or operation to
// their schema patterns.
func convParamPatterns(o *Object) map[string]string {
	out := map[string]string{}
	params, _ := o.Array("parameters")
	for _, p := range params {
		po, ok := p.(*Object)
		if !ok {
			continue
		}
		if in, _ := po.String("in"); in != "path" {
			continue
		}
		name, _ := po.String("name")
		schema, _ := po.Object("schema")
		pattern, _ := schema.String("pattern")
		if name != "" && pattern != "" {
			out[name] = pattern
		}
	}
	return out
}

func convClassicPath(path string, patterns map[string]string) string {
	if len(patterns) == 0 {
		return path
	}
	segments := strings.Split(path, "/")
	for i, s := range segments {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			name := strings.Trim(s, "{}")
			if p, ok := patterns[name]; ok {
				if strings.HasPrefix(name, "customRegex") {
					segments[i] = p
				} else {
					segments[i] = "{" + name + ":" + p + "}"
				}
			}
		}
	}
	return strings.Join(segments, "/")
}

// extractPaths fills a classic version's endpoint middleware from the Tyk
// operations of the document's OpenAPI operations.
func extractPaths(endpoints []convOASEndpoint, ops model.XTykOperations, ep *model.ExtendedPathsSet) {
	for _, e := range endpoints {
		op := ops[e.operationID]
		if op == nil {
			continue
		}
		path, method := e.path, e.method
		allow := func(a *model.XTykAllowance, list *[]model.EndPointMeta) {
			if a != nil {
				*list = append(*list, model.EndPointMeta{Path: path, Method: method, Disabled: !a.Enabled, IgnoreCase: convVal(a.IgnoreCase)})
			}
		}
		allow(op.Allow, &ep.WhiteList)
		allow(op.Block, &ep.BlackList)
		allow(op.IgnoreAuthentication, &ep.Ignored)
		if m := op.MockResponse; m != nil && (m.FromOASExamples == nil || m.Code != nil || m.Body != "") {
			meta := model.MockResponseMeta{Path: path, Method: method, Disabled: !m.Enabled, Code: convVal(m.Code), Body: m.Body}
			if len(m.Headers) > 0 {
				meta.Headers = map[string]string{}
				for _, h := range m.Headers {
					meta.Headers[h.Name] = h.Value
				}
			}
			ep.MockResponse = append(ep.MockResponse, meta)
		}
		if m := op.Internal; m != nil {
			ep.Internal = append(ep.Internal, model.InternalMeta{Path: path, Method: method, Disabled: !m.Enabled})
		}
		if m := op.TransformRequestMethod; m != nil {
			ep.MethodTransforms = append(ep.MethodTransforms, model.MethodTransformMeta{Path: path, Method: method, Disabled: !m.Enabled, ToMethod: m.ToMethod})
		}
		if m := op.TransformRequestBody; m != nil {
			ep.Transform = append(ep.Transform, extractTransformBody(m, path, method))
		}
		if m := op.TransformResponseBody; m != nil {
			ep.TransformResponse = append(ep.TransformResponse, extractTransformBody(m, path, method))
		}
		if m := op.TransformRequestHeaders; m != nil {
			ep.TransformHeader = append(ep.TransformHeader, extractTransformHeaders(m, path, method, false))
		}
		if m := op.TransformResponseHeaders; m != nil {
			ep.TransformResponseHeader = append(ep.TransformResponseHeader, extractTransformHeaders(m, path, method, true))
		}
		if m := op.URLRewrite; m != nil {
			ep.URLRewrite = append(ep.URLRewrite, extractURLRewrite(m, path, method))
		}
		if m := op.Cache; m != nil {
			ep.AdvanceCacheConfig = append(ep.AdvanceCacheConfig, model.CacheMeta{
				Path: path, Method: method, Disabled: !m.Enabled, CacheKeyRegex: m.CacheByRegex,
				CacheOnlyResponseCodes: m.CacheResponseCodes, Timeout: convVal(m.Timeout),
			})
		}
		if m := op.EnforceTimeout; m != nil {
			ep.HardTimeouts = append(ep.HardTimeouts, model.HardTimeoutMeta{Path: path, Method: method, Disabled: !m.Enabled, TimeOut: convEnforceTimeout(m)})
		}
		if m := op.ValidateRequest; m != nil {
			ep.ValidateRequest = append(ep.ValidateRequest, model.ValidateRequestMeta{Path: path, Method: method, Enabled: m.Enabled, ErrorResponseCode: convVal(m.ErrorResponseCode)})
		}
		if m := op.VirtualEndpoint; m != nil {
			v := model.VirtualMeta{
				Path: path, Method: method, Disabled: !m.Enabled, ResponseFunctionName: m.FunctionName,
				ProxyOnError: convVal(m.ProxyOnError), UseSession: convVal(m.RequireSession),
				FunctionSourceType: "blob", FunctionSourceURI: m.Body,
			}
			if m.Path != "" {
				v.FunctionSourceType, v.FunctionSourceURI = "file", m.Path
			}
			ep.Virtual = append(ep.Virtual, v)
		}
		for _, p := range op.PostPlugins {
			ep.GoPlugin = append(ep.GoPlugin, model.GoPluginMeta{Path: path, Method: method, Disabled: !p.Enabled, SymbolName: p.FunctionName, PluginPath: p.Path})
		}
		if m := op.CircuitBreaker; m != nil {
			ep.CircuitBreaker = append(ep.CircuitBreaker, model.CircuitBreakerMeta{
				Path: path, Method: method, Disabled: !m.Enabled, ThresholdPercent: m.Threshold, Samples: m.SampleSize,
				ReturnToServiceAfter: m.CoolDownPeriod, DisableHalfOpenState: !m.HalfOpenStateEnabled,
			})
		}
		if m := op.TrackEndpoint; m != nil {
			ep.TrackEndpoints = append(ep.TrackEndpoints, model.TrackEndpointMeta{Path: path, Method: method, Disabled: !m.Enabled})
		}
		if m := op.DoNotTrackEndpoint; m != nil {
			ep.DoNotTrackEndpoints = append(ep.DoNotTrackEndpoints, model.TrackEndpointMeta{Path: path, Method: method, Disabled: !m.Enabled})
		}
		if m := op.RequestSizeLimit; m != nil {
			ep.SizeLimit = append(ep.SizeLimit, model.RequestSizeMeta{Path: path, Method: method, Disabled: !m.Enabled, SizeLimit: m.Value})
		}
		if m := op.RateLimit; m != nil {
			ep.RateLimit = append(ep.RateLimit, model.RateLimitMeta{Path: path, Method: method, Disabled: !m.Enabled, Rate: m.Rate, Per: convParseSeconds(m.Per)})
		}
	}
}

// convEnforceTimeout reads an operation's timeout in seconds: value, or the
// newer duration when value is absent.
func convEnforceTimeout(m *model.XTykEnforceTimeout) int64 {
	if m.Value != nil {
		return *m.Value
	}
	return int64(convParseSeconds(m.Duration))
}

func extractTransformBody(m *model.XTykTransformBody, path, method string) model.TemplateMeta {
	t := model.TemplateMeta{Path: path, Method: method, Disabled: !m.Enabled}
	t.TemplateData.Input = m.Format
	// An inline template wins over a file, as in the gateway.
	if m.Body != "" || m.Path == "" {
		t.TemplateData.Mode, t.TemplateData.TemplateSource = "blob", m.Body
	} else {
		t.TemplateData.Mode, t.TemplateData.TemplateSource = "file", m.Path
	}
	return t
}

func extractTransformHeaders(m *model.XTykTransformHeaders, path, method string, response bool) model.HeaderInjectionMeta {
	h := model.HeaderInjectionMeta{Path: path, Method: method, Disabled: !m.Enabled, DeleteHeaders: m.Remove, ActOnResponse: response}
	if len(m.Add) > 0 {
		h.AddHeaders = map[string]string{}
		for _, x := range m.Add {
			h.AddHeaders[x.Name] = x.Value
		}
	}
	return h
}

func extractURLRewrite(m *model.XTykURLRewrite, path, method string) model.URLRewriteMeta {
	u := model.URLRewriteMeta{Path: path, Method: method, Disabled: !m.Enabled, MatchPattern: m.Pattern, RewriteTo: m.RewriteTo}
	for _, t := range m.Triggers {
		rt := model.RoutingTrigger{On: t.Condition, RewriteTo: t.RewriteTo}
		for _, r := range t.Rules {
			rx := model.StringRegexMap{MatchPattern: r.Pattern, Reverse: convVal(r.Negate)}
			var target *map[string]model.StringRegexMap
			switch r.In {
			case ruleHeader:
				target = &rt.Options.HeaderMatches
			case ruleQuery:
				target = &rt.Options.QueryValMatches
			case rulePath:
				target = &rt.Options.PathPartMatches
			case ruleSession:
				target = &rt.Options.SessionMetaMatches
			case ruleContext:
				target = &rt.Options.RequestContextMatches
			case ruleBody:
				rt.Options.PayloadMatches = rx
				continue
			default:
				continue
			}
			if *target == nil {
				*target = map[string]model.StringRegexMap{}
			}
			(*target)[r.Name] = rx
		}
		u.Triggers = append(u.Triggers, rt)
	}
	return u
}
