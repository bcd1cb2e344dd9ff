package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
)

// API extras (section apis): who owns an API, the URLs it is served on,
// its groups, the JWKS cache, and the proxy to the gateway.
func apiAccessRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/apis/{id}/access", Section: "apis", Handle: getAPIAccess},
		{Method: "PUT", Path: "/api/apis/{id}/access", Section: "apis", Write: true, Handle: putAPIAccess},
		{Method: "GET", Path: "/api/apis/{id}/url", Section: "apis", Handle: getAPIURL},
		{Method: "GET", Path: "/api/apis/oas/{id}/urls", Section: "apis", Handle: getOASURLs},
		{Method: "GET", Path: "/api/apis/groups", Section: "apis", Handle: getAPIGroups},
		{Method: "DELETE", Path: "/api/cache/jwks/{apiId}", Section: "apis", Write: true, Handle: invalidateJWKS},
		{Method: "POST", Path: "/api/proxy", Section: "apis", Write: true, Handle: proxyToGateway},
	}
}

// WithAPIOwnership turns on API ownership, as the Dashboard's
// enable_ownership does: an API with owners (user_owners,
// user_group_owners, set with PUT /api/apis/{id}/access) is visible only to
// those users, the users of those groups, and admins; an API without owners
// stays visible to every user of its org. Off by default, as on a
// Dashboard.
func WithAPIOwnership(on bool) Option { return func(c *config) { c.apiOwnership = on } }

// ownsAPI reports whether API ownership lets the caller see w.
func (c *call) ownsAPI(w *model.APIDefinitionWrapper) bool {
	if !c.s.cfg.apiOwnership || c.admin || c.user == nil || c.isAdmin() {
		return true
	}
	if len(w.UserOwners) == 0 && len(w.UserGroupOwners) == 0 {
		return true
	}
	return slices.Contains(w.UserOwners, c.user.ID) ||
		(c.user.GroupID != "" && slices.Contains(w.UserGroupOwners, c.user.GroupID))
}

// ownedAPIs lists the APIs of q the caller may see: with API ownership on,
// the org's list is filtered to the caller's APIs before it is paged.
func (c *call) ownedAPIs(tx store.DefinitionsReader, q store.APIQuery) (store.Page[model.APIDefinitionWrapper], error) {
	if !c.s.cfg.apiOwnership || c.isAdmin() || c.user == nil {
		return listAPIsAnyOf(tx, c.orgID, q)
	}
	all := q
	all.Page = 0
	page, err := listAPIsAnyOf(tx, c.orgID, all)
	if err != nil {
		return page, err
	}
	items := slices.DeleteFunc(page.Items, func(w model.APIDefinitionWrapper) bool { return !c.ownsAPI(&w) })
	return paginate(items, q.ListOptions), nil
}

const (
	msgAccessAPINotFound = "API not found"
	msgAccessUpdated     = "API access updated"
)

func getAPIAccess(c *call) {
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findAPI(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgAccessAPINotFound) {
		return
	}
	out := model.AccessManagementPayload{UserIDs: w.UserOwners, UserGroupIDs: w.UserGroupOwners}
	if out.UserIDs == nil {
		out.UserIDs = []string{}
	}
	if out.UserGroupIDs == nil {
		out.UserGroupIDs = []string{}
	}
	c.json(http.StatusOK, out)
}

// putAPIAccess replaces the owners of an API. Every owner must be a user or
// group of the API's org: an unknown id is refused, naming it, and nothing
// is written.
func putAPIAccess(c *call) {
	var in model.AccessManagementPayload
	if !c.decode(&in) {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		w, err := c.findAPI(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		org := w.APIDefinition.OrgID
		users, groups := []string{}, []string{}
		for i, id := range in.UserIDs {
			u, err := tx.GetUser(id)
			if err != nil || u.OrgID != org {
				return c.failTx(http.StatusBadRequest, "userIds["+strconv.Itoa(i)+"]: no user "+id+" in the API's organisation")
			}
			if !slices.Contains(users, id) {
				users = append(users, id)
			}
		}
		for i, id := range in.UserGroupIDs {
			g, err := tx.GetUserGroup(id)
			if err != nil || g.OrgID != org {
				return c.failTx(http.StatusBadRequest, "userGroupIds["+strconv.Itoa(i)+"]: no user group "+id+" in the API's organisation")
			}
			if !slices.Contains(groups, id) {
				groups = append(groups, id)
			}
		}
		w.UserOwners, w.UserGroupOwners = users, groups
		now := c.s.now().UTC()
		w.UpdatedAt = &now
		return tx.UpdateAPI(w)
	})
	if c.storeFailed(err, http.StatusNotFound, msgAccessAPINotFound) {
		return
	}
	c.ok(msgAccessUpdated, nil)
}

// apiHost is where an API is served: its custom domain when one is on,
// else the gateway's host; with the gateway's scheme and port.
func (c *call) apiHost(def *model.APIDefinition) (scheme, host string, port *int64) {
	gw, err := url.Parse(c.s.cfg.gatewayURL)
	if err != nil || gw.Host == "" {
		gw, _ = url.Parse(DefaultGatewayURL)
	}
	scheme, host = gw.Scheme, gw.Hostname()
	if p := gw.Port(); p != "" {
		if n, err := strconv.ParseInt(p, 10, 64); err == nil && !(n == 80 && scheme == "http") && !(n == 443 && scheme == "https") {
			port = &n
		}
	}
	if def.Domain != "" && !def.DomainDisabled {
		host, port = def.Domain, nil
		if h, p, err := net.SplitHostPort(def.Domain); err == nil {
			host = h
			if n, err := strconv.ParseInt(p, 10, 64); err == nil {
				port = &n
			}
		}
	}
	return scheme, host, port
}

func hostPort(host string, port *int64) string {
	if port == nil {
		return host
	}
	return net.JoinHostPort(host, strconv.FormatInt(*port, 10))
}

func getAPIURL(c *call) {
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findAPI(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, model.MsgAPINotFound) {
		return
	}
	scheme, host, port := c.apiHost(w.APIDefinition)
	lp := w.APIDefinition.Proxy.ListenPath
	if !strings.HasPrefix(lp, "/") {
		lp = "/" + lp
	}
	hp := hostPort(host, port)
	c.json(http.StatusOK, model.APIURL{APIURL: scheme + "://" + hp + lp, BasePath: lp, Host: hp})
}

// getOASURLs answers the URLs the gateway serves an OAS API on: the API's
// own, and for the base of a set of versions one per version, located as
// its versioning says (a path segment, a query parameter or a header).
func getOASURLs(c *call) {
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findOAS(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgAccessAPINotFound) {
		return
	}
	doc, err := oas.Parse(w.OAS)
	if err != nil {
		c.fail(http.StatusInternalServerError, "Failed to generate server URLs: "+err.Error())
		return
	}
	g, err := doc.Gateway()
	if err != nil {
		c.fail(http.StatusInternalServerError, "Failed to generate server URLs: "+err.Error())
		return
	}
	scheme, host, port := c.apiHost(w.APIDefinition)
	lp := strings.Trim(w.APIDefinition.Proxy.ListenPath, "/")
	base := scheme + "://" + hostPort(host, port) + "/" + lp
	one := func(endpoint string, query, headers []model.NameValue) model.URLComponents {
		u := base
		if endpoint != "" {
			u += "/" + endpoint
		}
		if len(query) > 0 {
			u += "?" + url.QueryEscape(query[0].Name) + "=" + url.QueryEscape(query[0].Value)
		}
		if query == nil {
			query = []model.NameValue{}
		}
		if headers == nil {
			headers = []model.NameValue{}
		}
		return model.URLComponents{Protocol: scheme, Domain: host, Port: port, ListenPath: lp, EndpointPath: endpoint,
			QueryParameters: query, Headers: headers, URL: u}
	}
	urls := []model.URLComponents{}
	if g.Info != nil && g.Info.Versioning != nil && g.Info.Versioning.Enabled != nil && *g.Info.Versioning.Enabled {
		v := g.Info.Versioning
		names := []string{}
		if v.Name != "" {
			names = append(names, v.Name)
		}
		for _, ver := range v.Versions {
			if !slices.Contains(names, ver.Name) {
				names = append(names, ver.Name)
			}
		}
		for _, name := range names {
			switch v.Location {
			case "url":
				urls = append(urls, one(name, nil, nil))
			case "url-param":
				urls = append(urls, one("", []model.NameValue{{Name: v.Key, Value: name}}, nil))
			case "header":
				urls = append(urls, one("", nil, []model.NameValue{{Name: v.Key, Value: name}}))
			}
		}
	}
	urls = append(urls, one("", nil, nil))
	c.json(http.StatusOK, model.OASServerURLs{APIID: w.APIDefinition.APIID, URLs: urls})
}

// getAPIGroups answers the org's APIs grouped by category and by tag, each
// group the api_ids in it: the description's example has both the
// categories of names ("#tag2") and the tags. MCP proxies are not among
// them, as they are not in the other standard API listings.
func getAPIGroups(c *call) {
	var page store.Page[model.APIDefinitionWrapper]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListAPIs(c.orgID, store.APIQuery{Kind: store.APIKindAPI, ListOptions: store.ListOptions{Page: 0}})
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "Could not retrieve APIs.") {
		return
	}
	groups := map[string][]string{}
	add := func(group, apiID string) {
		if group != "" && !slices.Contains(groups[group], apiID) {
			groups[group] = append(groups[group], apiID)
		}
	}
	for i := range page.Items {
		w := &page.Items[i]
		if !c.ownsAPI(w) {
			continue
		}
		def := w.APIDefinition
		for _, cat := range model.APICategories(w) {
			add(cat, def.APIID)
		}
		for _, tag := range def.Tags {
			add(tag, def.APIID)
		}
	}
	for _, ids := range groups {
		sort.Strings(ids)
	}
	c.json(http.StatusOK, groups)
}

// invalidateJWKS answers DELETE /api/cache/jwks/{apiId}. The memserver
// fetches no JWKS, so there is no cache to drop: the route checks that the
// API is the caller's, answering the description's 403 otherwise.
func invalidateJWKS(c *call) {
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := c.findAPI(tx, c.PathValue("apiId"))
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		c.json(http.StatusForbidden, model.StatusMessage{Status: "error", Message: "Update not allowed, API not owned by user"})
		return
	}
	if c.storeFailed(err, http.StatusForbidden, "") {
		return
	}
	c.json(http.StatusOK, model.StatusMessage{Status: model.StatusOK, Message: "success"})
}

// proxyClient sends POST /api/proxy's requests; only the gateway URL is
// ever its target.
var proxyClient = &http.Client{Timeout: 30 * time.Second}

// proxyToGateway answers POST /api/proxy: the request is sent to the
// gateway the server was given (WithGatewayURL) and its answer returned. A
// URL outside the gateway's is refused as the Dashboard refuses it, so the
// route reaches nothing else.
func proxyToGateway(c *call) {
	var in model.ProxyRequest
	if !c.decode(&in) {
		return
	}
	method := strings.ToUpper(strings.TrimSpace(in.Method))
	switch method {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
	case "":
		c.fail(http.StatusBadRequest, "Invalid proxy request: method is required")
		return
	default:
		c.fail(http.StatusBadRequest, "Invalid proxy request: method "+in.Method+" is not an HTTP method")
		return
	}
	target, err := url.Parse(in.URL)
	if in.URL == "" || err != nil || target.Host == "" {
		c.fail(http.StatusBadRequest, "Invalid proxy request: url must be an absolute URL of the gateway")
		return
	}
	gw, err := url.Parse(c.s.cfg.gatewayURL)
	if err != nil || !strings.EqualFold(gw.Scheme, target.Scheme) || !strings.EqualFold(gw.Host, target.Host) {
		c.fail(http.StatusForbidden, "Provided URL is not a recognised gateway URL")
		return
	}
	var body io.Reader
	if len(in.Body) > 0 && string(in.Body) != "null" {
		body = bytes.NewReader(in.Body)
	}
	req, err := http.NewRequestWithContext(c.r.Context(), method, target.String(), body)
	if err != nil {
		c.fail(http.StatusBadRequest, "Invalid proxy request: "+err.Error())
		return
	}
	for k, v := range in.Headers {
		req.Header.Set(k, v)
	}
	resp, err := proxyClient.Do(req)
	if err != nil {
		c.fail(http.StatusInternalServerError, "Failed to process proxy request: "+err.Error())
		return
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.s.cfg.bodyLimit))
	if err != nil {
		c.fail(http.StatusInternalServerError, "Failed to process proxy request: "+err.Error())
		return
	}
	headers := map[string]string{}
	for k := range resp.Header {
		headers[k] = resp.Header.Get(k)
	}
	// The body is answered parsed when it is a JSON object, as the
	// description's ProxyResponse says; anything else as a string.
	var out any = map[string]any{}
	var obj map[string]any
	if json.Unmarshal(data, &obj) == nil {
		out = obj
	} else if len(data) > 0 {
		out = map[string]any{"raw": string(data)}
	}
	c.json(http.StatusOK, struct {
		StatusCode int64             `json:"status_code"`
		Headers    map[string]string `json:"headers"`
		Body       any               `json:"body"`
	}{int64(resp.StatusCode), headers, out})
}
