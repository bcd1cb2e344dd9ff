package oas

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ImportOptions are the query parameters of the Dashboard's import
// (POST /api/apis/oas/import), plus the gateway's URL. A nil *bool leaves
// that part of the document as it is.
type ImportOptions struct {
	// ListenPath is the API's listen path; default: the existing one, else "/".
	ListenPath string
	// UpstreamURL is the upstream; default: the existing one, else
	// servers[0].url with its variables replaced by their defaults. Either
	// way it must be absolute.
	UpstreamURL string
	// CustomDomain enables the API's custom domain with this name.
	CustomDomain string
	// Authentication turns the schemes of the document's first security
	// requirement into Tyk authentication, enabled or not as it says.
	Authentication *bool
	// AllowList sets the allow list of every operation.
	AllowList *bool
	// ValidateRequest sets request validation, answering 422, on every
	// operation that has parameters or a JSON body.
	ValidateRequest *bool
	// MockResponse sets a mock response from the document's examples on every
	// operation with a response that has an example or a schema.
	MockResponse *bool
	// APIID sets x-tyk-api-gateway.info.id.
	APIID string
	// GatewayURL is the gateway's own URL (scheme and host, e.g.
	// "http://localhost:8080"); the API's URL on it goes first in servers.
	// Empty leaves servers as they are.
	GatewayURL string
}

// The errors of import. Import returns them inside an *ImportError, so test
// with errors.Is. Their texts are the Dashboard's.
var (
	ErrHasExtension        = errors.New("The import payload should not contain x-tyk-api-gateway.")
	ErrEmptyServers        = errors.New("servers object is empty in OAS")
	ErrRelativeUpstream    = errors.New("invalid upstream URL")
	ErrEmptySecurity       = errors.New("security object is empty in OAS")
	ErrUnsupportedSecurity = errors.New("unsupported security scheme")
)

// ImportError is an import that failed: Err is one of the Err* values,
// Pointer the part of the document at fault ("" when the fault is in an
// option), Message the Dashboard's text.
type ImportError struct {
	Err     error
	Pointer string
	Message string
}

// Error returns the Dashboard's message.
func (e *ImportError) Error() string { return e.Message }

// Unwrap returns the Err* value.
func (e *ImportError) Unwrap() error { return e.Err }

// Import builds a Tyk OAS API from a plain OpenAPI document with the
// Dashboard's import defaults (see ApplyImportDefaults). doc must not carry
// x-tyk-api-gateway and is not modified.
func Import(doc *Document, opts ImportOptions) (*Document, error) {
	if doc.HasExtension() {
		return nil, &ImportError{Err: ErrHasExtension, Pointer: "/" + ExtensionKey, Message: ErrHasExtension.Error()}
	}
	return ApplyImportDefaults(doc, opts)
}

// ApplyImportDefaults applies the import defaults to a document that may
// already carry x-tyk-api-gateway, as one does after a template was laid
// under it: settings already there are kept unless an option overrides them.
// doc is not modified. The rules, in order:
//
//   - the API is active and not internal, its listen path is stripped, and
//     context variables and traffic logs are enabled unless set;
//   - info.name is info.title when empty; info.id is opts.APIID when given;
//   - the listen path is the option, else the existing one, else "/";
//   - the upstream is the option, else the existing one, else servers[0]
//     with server variables replaced by their defaults; it must be absolute;
//   - Authentication maps the first security requirement's schemes;
//   - AllowList, ValidateRequest and MockResponse set per-operation
//     middleware, keyed by operationId or by path (less its leading "/") and
//     method; middleware of operations no longer in paths is removed;
//   - the gateway's URL for the API goes first in servers.
func ApplyImportDefaults(doc *Document, opts ImportOptions) (*Document, error) {
	out := doc.Clone()
	root := out.r()
	ext, ok := root.Object(ExtensionKey)
	if !ok {
		ext = &Object{}
		root.set(ExtensionKey, ext)
	}

	info := child(ext, "info")
	state := child(info, "state")
	state.set("active", true)
	state.set("internal", false)
	if name, _ := info.String("name"); name == "" {
		info.set("name", out.Title())
	}
	if opts.APIID != "" {
		info.set("id", opts.APIID)
	}

	server := child(ext, "server")
	lp := child(server, "listenPath")
	switch v, _ := lp.String("value"); {
	case opts.ListenPath != "":
		lp.set("value", opts.ListenPath)
	case v == "":
		lp.set("value", "/")
	}
	lp.set("strip", true)
	if opts.CustomDomain != "" {
		cd := child(server, "customDomain")
		if !cd.Has("enabled") {
			cd.set("enabled", true)
		}
		cd.set("name", opts.CustomDomain)
	}

	if err := importUpstream(out, ext, opts); err != nil {
		return nil, err
	}
	if opts.Authentication != nil {
		if err := importAuthentication(out, server, *opts.Authentication); err != nil {
			return nil, err
		}
	}

	mw := child(ext, "middleware")
	global := child(mw, "global")
	for _, key := range []string{"contextVariables", "trafficLogs"} {
		if !global.Has(key) {
			global.set(key, &Object{members: []Member{{Key: "enabled", Value: true}}})
		}
	}
	importOperations(out, mw, opts)

	if opts.GatewayURL != "" {
		if err := putGatewayServer(out, ext, opts.GatewayURL); err != nil {
			return nil, err
		}
	}
	orderMembers(info, "id", "dbId", "orgId", "name", "state")
	orderMembers(ext, "info", "upstream", "server", "middleware")
	return out, nil
}

// orderMembers moves the given keys, those present, to the front of obj in
// that order: the members import creates read in the order people expect
// whatever order a template gave them.
func orderMembers(obj *Object, keys ...string) {
	front := make([]Member, 0, len(obj.members))
	for _, k := range keys {
		if i := obj.find(k); i >= 0 {
			front = append(front, obj.members[i])
		}
	}
	for _, m := range obj.members {
		if !slices.Contains(keys, m.Key) {
			front = append(front, m)
		}
	}
	obj.members = front
	if obj.index != nil {
		obj.buildIndex()
	}
}

// child returns obj[key] as an object, creating it (or replacing a value of
// another type) when needed.
func child(obj *Object, key string) *Object {
	if c, ok := obj.Object(key); ok {
		return c
	}
	c := &Object{}
	obj.set(key, c)
	return c
}

func importUpstream(doc *Document, ext *Object, opts ImportOptions) error {
	upstream := child(ext, "upstream")
	if opts.UpstreamURL != "" {
		if !isAbsoluteURL(opts.UpstreamURL) {
			return &ImportError{Err: ErrRelativeUpstream, Message: ErrRelativeUpstream.Error() + fmt.Sprintf(": %q is not an absolute URL", opts.UpstreamURL)}
		}
		upstream.set("url", opts.UpstreamURL)
		return nil
	}
	if u, _ := upstream.String("url"); u != "" {
		return nil
	}
	servers, _ := doc.r().Array("servers")
	if len(servers) == 0 {
		return &ImportError{Err: ErrEmptyServers, Pointer: "/servers", Message: ErrEmptyServers.Error()}
	}
	first, _ := servers[0].(*Object)
	raw, _ := first.String("url")
	u := expandServerVariables(raw, first)
	if !isAbsoluteURL(u) {
		return &ImportError{
			Err:     ErrRelativeUpstream,
			Pointer: "/servers/0/url",
			Message: fmt.Sprintf("error validating servers entry in OAS: Please update %q to be a valid url or pass a valid url with upstreamURL query param", u),
		}
	}
	upstream.set("url", u)
	return nil
}

// expandServerVariables replaces {name} in a server URL with the default of
// the server's variable of that name.
func expandServerVariables(u string, server *Object) string {
	vars, ok := server.Object("variables")
	if !ok || !strings.Contains(u, "{") {
		return u
	}
	for name, v := range vars.All() {
		vo, _ := v.(*Object)
		var def string
		switch d, _ := vo.Get("default"); d := d.(type) {
		case string:
			def = d
		case json.Number:
			// Not valid OpenAPI, but a number meant literally (a port).
			def = string(d)
		default:
			continue
		}
		u = strings.ReplaceAll(u, "{"+name+"}", def)
	}
	return u
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

// importAuthentication maps the schemes of the first security requirement
// to x-tyk-api-gateway.server.authentication.
func importAuthentication(doc *Document, server *Object, enable bool) error {
	security, _ := doc.r().Array("security")
	if len(security) == 0 {
		return &ImportError{Err: ErrEmptySecurity, Pointer: "/security", Message: ErrEmptySecurity.Error()}
	}
	req, _ := security[0].(*Object)
	components, _ := doc.r().Object("components")
	schemes, _ := components.Object("securitySchemes")

	auth := child(server, "authentication")
	auth.set("enabled", enable)
	tykSchemes := child(auth, "securitySchemes")
	providers := map[string]bool{}
	for name := range req.All() {
		scheme, ok := schemes.Object(name)
		if !ok {
			return &ImportError{
				Err:     ErrUnsupportedSecurity,
				Pointer: "/security/0/" + escapeToken(name),
				Message: fmt.Sprintf("%s: %s (no such scheme in components.securitySchemes)", ErrUnsupportedSecurity, name),
			}
		}
		// Settings already there (from a template) are kept; import sets
		// only whether the scheme is on and where its credential comes from.
		tyk, _ := tykSchemes.Object(name)
		if tyk == nil {
			tyk = &Object{}
		}
		provider, ok := importScheme(tyk, scheme, enable)
		if !ok {
			return &ImportError{
				Err:     ErrUnsupportedSecurity,
				Pointer: "/components/securitySchemes/" + escapeToken(name),
				Message: fmt.Sprintf("%s: %s", ErrUnsupportedSecurity, name),
			}
		}
		tykSchemes.set(name, tyk)
		providers[provider] = true
	}
	// With two schemes or more the gateway needs to know which one
	// identifies the caller: a token if there is one, else a JWT, else
	// OAuth, as the gateway decides. With one there is nothing to choose.
	switch {
	case tykSchemes.Len() < 2:
		auth.Delete("baseIdentityProvider")
	case providers["auth_token"]:
		auth.set("baseIdentityProvider", "auth_token")
	case providers["jwt_claim"]:
		auth.set("baseIdentityProvider", "jwt_claim")
	default:
		auth.set("baseIdentityProvider", "oauth_key")
	}
	return nil
}

// importScheme sets, in tyk, what one OpenAPI security scheme says: the
// scheme on or off, and the source of its credential. It returns the
// identity provider the scheme gives, and false for a scheme Tyk cannot
// take.
func importScheme(tyk, scheme *Object, enable bool) (string, bool) {
	typ, _ := scheme.String("type")
	source := func(name string) *Object {
		src := &Object{members: []Member{{Key: "enabled", Value: true}}}
		if name != "" {
			src.set("name", name)
		}
		return src
	}
	var key, name, provider string
	switch typ {
	case "apiKey":
		in, _ := scheme.String("in")
		if in != "header" && in != "query" && in != "cookie" {
			return "", false
		}
		// The gateway reads the parameter's name from the OpenAPI scheme.
		key, provider = in, "auth_token"
	case "http":
		s, _ := scheme.String("scheme")
		switch {
		case strings.EqualFold(s, "bearer"):
			if f, _ := scheme.String("bearerFormat"); !strings.EqualFold(f, "JWT") {
				return "", false
			}
			key, name, provider = "header", "Authorization", "jwt_claim"
		case strings.EqualFold(s, "basic"):
			key, name, provider = "header", "Authorization", "basic_auth_user"
		default:
			return "", false
		}
	case "oauth2":
		key, name, provider = "header", "Authorization", "oauth_key"
	default:
		return "", false
	}
	tyk.set("enabled", enable)
	tyk.set(key, source(name))
	return provider, true
}

// httpMethods are the operation members of a path item.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// OperationKey is the key of an operation in
// x-tyk-api-gateway.middleware.operations: its operationId, else its path
// without the leading "/" followed by the method in capitals ("petsGET").
func OperationKey(path, method string, op *Object) string {
	if id, _ := op.String("operationId"); id != "" {
		return id
	}
	return strings.TrimPrefix(path, "/") + strings.ToUpper(method)
}

func importOperations(doc *Document, mw *Object, opts ImportOptions) {
	paths, _ := doc.r().Object("paths")
	ops, hadOps := mw.Object("operations")
	if !hadOps {
		ops = &Object{}
	}
	live := make(map[string]bool)
	for path, item := range paths.All() {
		itemObj, ok := item.(*Object)
		if !ok {
			continue
		}
		itemParams, _ := itemObj.Array("parameters")
		for _, method := range httpMethods {
			op, ok := itemObj.Object(method)
			if !ok {
				continue
			}
			key := OperationKey(path, method, op)
			live[key] = true
			if opts.AllowList == nil && opts.ValidateRequest == nil && opts.MockResponse == nil {
				continue
			}
			tykOp, _ := ops.Object(key)
			created := tykOp == nil
			if created {
				tykOp = &Object{}
			}
			if opts.AllowList != nil {
				child(tykOp, "allow").set("enabled", *opts.AllowList)
				// An operation cannot be both allowed and blocked; the
				// allow list wins, as in the gateway.
				if block, ok := tykOp.Object("block"); ok && *opts.AllowList {
					if on, _ := block.Bool("enabled"); on {
						block.set("enabled", false)
					}
				}
			}
			if opts.ValidateRequest != nil && (len(itemParams) > 0 || hasParameters(op) || hasJSONBody(doc, op)) {
				vr := child(tykOp, "validateRequest")
				vr.set("enabled", *opts.ValidateRequest)
				vr.set("errorResponseCode", json.Number("422"))
			}
			if opts.MockResponse != nil && hasExampleOrSchema(doc, op) {
				mr := child(tykOp, "mockResponse")
				mr.set("enabled", *opts.MockResponse)
				child(mr, "fromOASExamples").set("enabled", *opts.MockResponse)
			}
			if created && tykOp.Len() > 0 {
				ops.set(key, tykOp)
			}
		}
	}
	// Middleware of operations that are no longer in paths would configure
	// nothing and confuse whoever reads the API, so it goes.
	var gone []string
	for key := range ops.All() {
		if !live[key] {
			gone = append(gone, key)
		}
	}
	for _, key := range gone {
		ops.Delete(key)
	}
	if ops.Len() > 0 && !hadOps {
		mw.set("operations", ops)
	}
}

func hasParameters(op *Object) bool {
	params, _ := op.Array("parameters")
	return len(params) > 0
}

// hasJSONBody reports whether an operation's request body, inline or
// referenced within the document, has the application/json media type (or a
// wildcard standing for it, as the gateway looks it up).
func hasJSONBody(doc *Document, op *Object) bool {
	body, ok := resolve(doc, op, "requestBody")
	if !ok {
		return false
	}
	content, _ := body.Object("content")
	return content.Has("application/json") || content.Has("application/*") || content.Has("*/*")
}

// hasExampleOrSchema reports whether one of an operation's responses, inline
// or referenced, has an example, examples or a schema to mock from.
func hasExampleOrSchema(doc *Document, op *Object) bool {
	responses, _ := op.Object("responses")
	for code := range responses.All() {
		resp, ok := resolve(doc, responses, code)
		if !ok {
			continue
		}
		content, _ := resp.Object("content")
		for _, m := range content.All() {
			media, ok := m.(*Object)
			if !ok {
				continue
			}
			if media.Has("example") || media.Has("examples") || media.Has("schema") {
				return true
			}
		}
	}
	return false
}

// resolve returns obj[key] as an object, following a $ref within the
// document ("#/components/..."), a few levels deep at most.
func resolve(doc *Document, obj *Object, key string) (*Object, bool) {
	v, ok := obj.Object(key)
	for range 8 {
		if !ok {
			return nil, false
		}
		ref, isRef := v.String("$ref")
		if !isRef {
			return v, true
		}
		target, found := refTarget(doc, ref)
		if !found {
			return nil, false
		}
		v, ok = target.(*Object)
	}
	return nil, false
}

// refTarget finds the value a local reference ("#/a/b") points to.
func refTarget(doc *Document, ref string) (any, bool) {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, false
	}
	if unescaped, err := url.PathUnescape(ptr); err == nil {
		ptr = unescaped
	}
	return doc.Get(ptr)
}

// putGatewayServer puts the API's URL on the gateway first in servers,
// removing any other copy of it.
func putGatewayServer(doc *Document, ext *Object, gatewayURL string) error {
	gw, err := url.Parse(gatewayURL)
	if err != nil || !gw.IsAbs() || gw.Host == "" {
		return &ImportError{Err: ErrRelativeUpstream, Message: fmt.Sprintf("invalid gateway URL %q: it must be absolute", gatewayURL)}
	}
	server, _ := ext.Object("server")
	if cd, ok := server.Object("customDomain"); ok {
		if on, _ := cd.Bool("enabled"); on {
			if name, _ := cd.String("name"); name != "" {
				gw.Host = name
			}
		}
	}
	lp, _ := server.Object("listenPath")
	path, _ := lp.String("value")
	apiURL := strings.TrimSuffix(gw.Scheme+"://"+gw.Host+strings.TrimSuffix(gw.Path, "/"), "/") + path
	servers, _ := doc.r().Array("servers")
	out := make([]any, 0, len(servers)+1)
	out = append(out, &Object{members: []Member{{Key: "url", Value: apiURL}}})
	for _, s := range servers {
		if so, ok := s.(*Object); ok {
			if u, _ := so.String("url"); u == apiURL {
				continue
			}
		}
		out = append(out, s)
	}
	doc.r().set("servers", out)
	return nil
}

// ImportOptionsFromQuery reads the options from the query of an import
// request (listenPath, upstreamURL, customDomain, apiID, authentication,
// allowList, validateRequest, mockResponse) as the Dashboard does: values
// are trimmed, and a boolean that does not parse is taken as not given.
// GatewayURL is not a query parameter and is left empty.
func ImportOptionsFromQuery(q url.Values) ImportOptions {
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	optBool := func(k string) *bool {
		b, err := strconv.ParseBool(get(k))
		if err != nil {
			return nil
		}
		return &b
	}
	return ImportOptions{
		ListenPath:      get("listenPath"),
		UpstreamURL:     get("upstreamURL"),
		CustomDomain:    get("customDomain"),
		APIID:           get("apiID"),
		Authentication:  optBool("authentication"),
		AllowList:       optBool("allowList"),
		ValidateRequest: optBool("validateRequest"),
		MockResponse:    optBool("mockResponse"),
	}
}
