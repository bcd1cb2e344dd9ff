package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
)

// DefaultUserAgent is the User-Agent of every request unless WithUserAgent
// sets another.
const DefaultUserAgent = "dashkit-client/1"

// maxResponseBody bounds what the client reads of one response: a Dashboard
// answer is at most a few megabytes (a page of OAS documents), and a server
// that streams without end must not exhaust the caller's memory.
const maxResponseBody = 256 << 20

// Client talks to one Tyk Dashboard: its Dashboard API (/api/..., with a
// user's API secret) and its Admin API (/admin/..., with the admin secret).
// Each group of routes is a service field; every call takes a context.
// A Client is safe for concurrent use.
type Client struct {
	base        *url.URL
	secret      string
	adminSecret string
	httpClient  *http.Client
	userAgent   string
	retry       *RetryPolicy
	hooks       []RequestHook

	// Dashboard API.

	// APIs manages API definitions, classic and OAS, as wrappers (/api/apis).
	APIs *APIsService
	// OAS manages Tyk OAS APIs as documents (/api/apis/oas).
	OAS *OASService
	// Templates manages API templates, the assets of kind oas-template (/api/assets).
	Templates *TemplatesService
	// Categories lists the categories of all APIs (/api/apis/categories).
	Categories *CategoriesService
	// Keys manages keys (sessions) (/api/keys, /api/apis/{apiId}/keys).
	Keys *KeysService
	// Policies manages security policies (/api/portal/policies).
	Policies *PoliciesService
	// OAuth manages the OAuth clients of APIs (/api/apis/oauth).
	OAuth *OAuthService
	// Users manages the users of the caller's organisation (/api/users).
	Users *UsersService
	// UserGroups manages user groups (/api/usergroups).
	UserGroups *UserGroupsService
	// Webhooks manages webhooks (/api/hooks).
	Webhooks *WebhooksService
	// Portal manages the classic developer portal (/api/portal/catalogue, ...).
	Portal *PortalService
	// Permissions reads and sets the organisation's additional permissions (/api/org/permissions).
	Permissions *PermissionsService
	// OPA reads and sets the organisation's OPA rules (/api/org/opa).
	OPA *OPAService
	// SSO asks for single sign-on nonces (/api/sso, /admin/sso).
	SSO *SSOService
	// Analytics reads traffic aggregates (/api/activity).
	Analytics *AnalyticsService
	// AuditLogs reads the audit log (/api/audit-logs).
	AuditLogs *AuditLogsService
	// Schemas reads the JSON Schemas of API definitions (/api/schemas).
	Schemas *SchemasService
	// Examples reads the catalogue of example APIs (/api/examples).
	Examples *ExamplesService
	// Certificates manages the certificate store (/api/certs).
	Certificates *CertificatesService
	// Streams manages Tyk Streams APIs (/api/apis/streams).
	Streams *StreamsService
	// MCP manages MCP proxies (/api/mcps).
	MCP *MCPService

	// Admin API.

	// Orgs manages organisations (/admin/organisations).
	Orgs *OrgsService
	// AdminUsers manages users across organisations (/admin/users).
	AdminUsers *AdminUsersService
	// Import loads exported APIs and policies keeping their ids (/admin/apis/import, /admin/policies/import).
	Import *ImportService
	// System holds the Admin API's system routes (/admin/system) and the
	// Dashboard API's system stats and org notifications.
	System *SystemService
}

// Option configures a Client in New.
type Option func(*Client) error

// WithSecret sets the API secret (a user's access key) sent in the
// Authorization header of every Dashboard API request.
func WithSecret(secret string) Option {
	return func(c *Client) error { c.secret = secret; return nil }
}

// WithAdminSecret sets the admin secret sent in the admin-auth header of
// every Admin API request.
func WithAdminSecret(secret string) Option {
	return func(c *Client) error { c.adminSecret = secret; return nil }
}

// WithHTTPClient makes the client send its requests with hc (for its
// transport, TLS settings, proxy or timeout). The default is a client with a
// 60 second timeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("client: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithUserAgent sets the User-Agent header of every request.
func WithUserAgent(ua string) Option {
	return func(c *Client) error { c.userAgent = ua; return nil }
}

// WithRetry turns on retries: idempotent requests (GET, PUT, DELETE) that
// are answered 429, 502, 503 or 504 are sent again, after an exponential
// backoff or the server's Retry-After, whichever is longer. POST and PATCH
// are never retried, since the first attempt may have taken effect. Without
// this option nothing is retried.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) error {
		p = p.withDefaults()
		c.retry = &p
		return nil
	}
}

// WithRequestHook adds a hook that sees every attempt of every request
// after its response has been read, for logging or metrics (LogRequests is
// one). Hooks run in the order they were added, on the goroutine of the
// call.
func WithRequestHook(h RequestHook) Option {
	return func(c *Client) error {
		if h != nil {
			c.hooks = append(c.hooks, h)
		}
		return nil
	}
}

// New returns a client of the Dashboard at baseURL (for example
// "http://localhost:3000"; a path prefix is kept, for a Dashboard behind a
// proxy).
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("client: parse base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("client: base URL %q is not an absolute http(s) URL", baseURL)
	}
	u.RawQuery, u.Fragment = "", ""
	c := &Client{
		base:       u,
		httpClient: &http.Client{Timeout: 60 * time.Second},
		userAgent:  DefaultUserAgent,
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	c.APIs = &APIsService{c}
	c.OAS = &OASService{c}
	c.Templates = &TemplatesService{c}
	c.Categories = &CategoriesService{c}
	c.Keys = &KeysService{c}
	c.Policies = &PoliciesService{c}
	c.OAuth = &OAuthService{c}
	c.Users = &UsersService{c}
	c.UserGroups = &UserGroupsService{c}
	c.Webhooks = &WebhooksService{c}
	c.Portal = &PortalService{c}
	c.Permissions = &PermissionsService{c}
	c.OPA = &OPAService{c}
	c.SSO = &SSOService{c}
	c.Analytics = &AnalyticsService{c}
	c.AuditLogs = &AuditLogsService{c}
	c.Schemas = &SchemasService{c}
	c.Examples = &ExamplesService{c}
	c.Orgs = &OrgsService{c}
	c.AdminUsers = &AdminUsersService{c}
	c.Import = &ImportService{c}
	c.System = &SystemService{c}
	c.Certificates = &CertificatesService{c}
	c.Streams = &StreamsService{c}
	c.MCP = &MCPService{c}
	return c, nil
}

// BaseURL returns the Dashboard URL the client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

// request is one call to the Dashboard, before it is sent.
type request struct {
	method string
	path   string // already escaped, see route
	query  url.Values
	admin  bool // Admin API: admin-auth header instead of Authorization

	body        []byte
	contentType string
	hasBody     bool

	// accept is the Accept header; empty means application/json.
	accept string
	// header holds further request headers a route takes (the example
	// catalogue's source, ...).
	header http.Header
}

// response is the Dashboard's answer, read in full.
type response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// route builds a request path from a pattern whose %s verbs are path
// segments: each is escaped, so that an id with "/" or "?" stays one segment.
func route(pattern string, segments ...string) string {
	args := make([]any, len(segments))
	for i, s := range segments {
		args[i] = url.PathEscape(s)
	}
	return fmt.Sprintf(pattern, args...)
}

// newJSON returns a request whose body is v encoded as JSON.
func newJSON(method, path string, v any) (*request, error) {
	r := &request{method: method, path: path}
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("client: encode %s %s body: %w", method, path, err)
		}
		r.body, r.contentType, r.hasBody = b, "application/json", true
	}
	return r, nil
}

// call sends req and, on a 2xx answer, decodes its JSON body into out (when
// out is not nil). Any other answer is an *APIError.
func (c *Client) call(ctx context.Context, req *request, out any) (*response, error) {
	resp, err := c.send(ctx, req)
	if err != nil {
		return nil, err
	}
	if out != nil {
		if err := decodeJSON(req, resp, out); err != nil {
			return resp, err
		}
	}
	return resp, nil
}

// decodeJSON decodes a successful answer into out, or says that it was not
// the JSON the route promises.
func decodeJSON(req *request, resp *response, out any) error {
	if !json.Valid(resp.Body) {
		return &ResponseError{Method: req.method, Path: req.path, StatusCode: resp.StatusCode,
			ContentType: resp.Header.Get("Content-Type"), Body: resp.Body, Err: ErrNotJSON}
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &ResponseError{Method: req.method, Path: req.path, StatusCode: resp.StatusCode,
			ContentType: resp.Header.Get("Content-Type"), Body: resp.Body, Err: err}
	}
	return nil
}

// send performs req with the client's retry policy and hooks. It returns the
// response of a 2xx answer, or an error: *APIError for any other answer, a
// network error otherwise.
func (c *Client) send(ctx context.Context, req *request) (*response, error) {
	if ctx == nil {
		return nil, errors.New("client: nil context")
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, req, attempt)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp, nil
		}
		if wait, ok := c.retry.next(req.method, resp, attempt); ok {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, fmt.Errorf("%s %s: waiting to retry after %d: %w", req.method, req.path, resp.StatusCode, ctx.Err())
			case <-t.C:
			}
			continue
		}
		return nil, newAPIError(req, resp)
	}
}

// attempt sends req once and reads the whole answer.
func (c *Client) attempt(ctx context.Context, req *request, attempt int) (*response, error) {
	u := c.base.String() + req.path
	if len(req.query) > 0 {
		u += "?" + req.query.Encode()
	}
	var body io.Reader
	if req.hasBody {
		body = bytes.NewReader(req.body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.method, u, body)
	if err != nil {
		return nil, fmt.Errorf("client: build %s %s: %w", req.method, req.path, err)
	}
	if req.hasBody {
		hreq.Header.Set("Content-Type", req.contentType)
	}
	accept := req.accept
	if accept == "" {
		accept = "application/json"
	}
	hreq.Header.Set("Accept", accept)
	hreq.Header.Set("User-Agent", c.userAgent)
	for k, vs := range req.header {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	if req.admin {
		if c.adminSecret != "" {
			hreq.Header.Set("admin-auth", c.adminSecret)
		}
	} else if c.secret != "" {
		hreq.Header.Set("Authorization", c.secret)
	}

	start := time.Now()
	hresp, err := c.httpClient.Do(hreq)
	var resp *response
	if err == nil {
		var b []byte
		b, err = io.ReadAll(io.LimitReader(hresp.Body, maxResponseBody))
		hresp.Body.Close()
		if err == nil {
			resp = &response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: b}
		} else {
			err = fmt.Errorf("read response: %w", err)
		}
	}
	if len(c.hooks) > 0 {
		ex := Exchange{Request: hreq, Attempt: attempt, Duration: time.Since(start), Err: err}
		if resp != nil {
			ex.StatusCode, ex.Header, ex.Body = resp.StatusCode, resp.Header, resp.Body
		}
		if req.hasBody {
			ex.RequestBody = req.body
		}
		for _, h := range c.hooks {
			h(ex)
		}
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("%s %s: %w", req.method, req.path, ctxErr)
		}
		return nil, &NetworkError{Method: req.method, URL: u, Err: err}
	}
	return resp, nil
}

// Exchange is one attempt of one request, as a RequestHook sees it.
type Exchange struct {
	// Request is the request as sent; its body has been consumed, see
	// RequestBody.
	Request *http.Request
	// RequestBody is the body that was sent, nil when there was none.
	RequestBody []byte
	// Attempt counts from 1; it is above 1 for a retry.
	Attempt int
	// Duration is the time from sending to having read the whole answer.
	Duration time.Duration
	// StatusCode, Header and Body are the answer; StatusCode is 0 when there
	// was none.
	StatusCode int
	Header     http.Header
	Body       []byte
	// Err is the network error, when the request got no answer.
	Err error
}

// RequestHook observes an Exchange. It must not keep or change the slices
// it is given.
type RequestHook func(Exchange)

// doJSON sends a Dashboard API request with in (when not nil) as its JSON
// body and decodes the answer into out (when not nil).
func (c *Client) doJSON(ctx context.Context, method, path string, query url.Values, in, out any) error {
	req, err := newJSON(method, path, in)
	if err != nil {
		return err
	}
	req.query = query
	_, err = c.call(ctx, req, out)
	return err
}

// adminJSON is doJSON for the Admin API.
func (c *Client) adminJSON(ctx context.Context, method, path string, query url.Values, in, out any) error {
	req, err := newJSON(method, path, in)
	if err != nil {
		return err
	}
	req.query, req.admin = query, true
	_, err = c.call(ctx, req, out)
	return err
}

// metaString returns the envelope's Meta when it is a string: where the
// Dashboard puts the id of what a POST created.
func metaString(r *model.APIResponse) string {
	s, _ := r.Meta.(string)
	return s
}
