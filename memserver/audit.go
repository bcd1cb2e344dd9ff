package memserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The audit log: every request under /api by an authenticated user is
// recorded with the members of the Dashboard's JSON audit format, and read
// back through GET /api/audit-logs.
func auditRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/audit-logs", Section: "audit_logs", Handle: listAuditLogs},
		{Method: "GET", Path: "/api/audit-logs/{id}", Section: "audit_logs", Handle: getAuditLog},
	}
}

const msgAuditNotFound = "could not retrieve audit record"

// audit stores the audit record of an answered request. Requests that no
// user made (unknown secret, Admin API, control routes, faults) have no
// author and no org, and are not recorded, as on the Dashboard, whose audit
// log follows its users.
func (s *Server) audit(c *call) {
	if c.user == nil || c.route == nil || c.route.Auth != authUser || !strings.HasPrefix(c.r.URL.Path, "/api/") {
		return
	}
	now := s.now()
	url := c.r.URL.Path
	if c.r.URL.RawQuery != "" {
		url += "?" + c.r.URL.RawQuery
	}
	rec := &model.AuditLog{
		MID:       s.ids.ObjectID(),
		ReqID:     s.requestID(),
		OrgID:     c.user.OrgID,
		Date:      s.auditDate(now),
		Timestamp: now.Unix(),
		IP:        s.clientIP(c.r),
		User:      c.user.EmailAddress,
		Action:    auditAction(c.route),
		Method:    c.r.Method,
		URL:       url,
		Status:    int64(c.status),
	}
	if c.r.Method == http.MethodPut && c.status < 300 && c.auditBefore != nil {
		rec.Diff = jsonDiff(c.auditBefore, s.auditLookBefore(c))
	}
	// Queued, and written before anything reads the log: see auditqueue.go.
	s.queueAudit(c.r.Context(), rec)
}

// auditDate is now as an audit record's date (RFC 1123, to the second).
// Every request of a second has the same one: it is formatted once a
// second, not once a request.
func (s *Server) auditDate(now time.Time) string {
	sec, loc := now.Unix(), now.Location()
	if d := s.auditq.date.Load(); d != nil && d.sec == sec && d.loc == loc {
		return d.text
	}
	text := now.Format(time.RFC1123)
	s.auditq.date.Store(&formattedDate{sec: sec, loc: loc, text: text})
	return text
}

// formattedDate is a second's date as auditDate formatted it; the same
// second in another location is another text.
type formattedDate struct {
	sec  int64
	loc  *time.Location
	text string
}

// requestID is a request id in the shape of a UUID, as the Dashboard's.
func (s *Server) requestID() string { return s.ids.DashedHex() }

// clientIP is where the request came from: the connection's peer. Only a
// peer that WithTrustedProxies names is believed when it says (in
// X-Forwarded-For, else X-Real-IP) for whom it forwards: anyone else could
// write any address into the log. X-Forwarded-For is read from its end, as
// each proxy appends the address it received from, so the client is the
// last address that is not itself a trusted proxy.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !s.trustedProxy(host) {
		return host
	}
	if f := r.Header.Get("X-Forwarded-For"); f != "" {
		hops := strings.Split(f, ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop := strings.TrimSpace(hops[i])
			if hop != "" && (i == 0 || !s.trustedProxy(hop)) {
				return hop
			}
		}
	}
	if ip := strings.TrimSpace(r.Header.Get("X-Real-Ip")); ip != "" {
		return ip
	}
	return host
}

// trustedProxy reports whether addr is in a range of WithTrustedProxies.
func (s *Server) trustedProxy(addr string) bool {
	if len(s.cfg.trustedProxies) == 0 {
		return false // the default: no address to parse on every request
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range s.cfg.trustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// auditNouns names the resource of a path segment in an action.
var auditNouns = map[string][2]string{ // singular, plural
	"apis":        {"API", "APIs"},
	"oas":         {"OAS API", "OAS APIs"},
	"keys":        {"Key", "Keys"},
	"policies":    {"Policy", "Policies"},
	"assets":      {"Template", "Templates"},
	"users":       {"User", "Users"},
	"usergroups":  {"User Group", "User Groups"},
	"hooks":       {"Webhook", "Webhooks"},
	"oauth":       {"OAuth Client", "OAuth Clients"},
	"tokens":      {"OAuth Client Tokens", "OAuth Client Tokens"},
	"audit-logs":  {"Audit Log", "Audit Logs"},
	"permissions": {"Additional Permissions", "Additional Permissions"},
	"opa":         {"OPA Rules", "OPA Rules"},
	"sso":         {"SSO Nonce", "SSO Nonce"},
	"categories":  {"Categories", "Categories"},
	"versions":    {"API Versions", "API Versions"},
	"me":          {"Current User", "Current User"},
	"activity":    {"Analytics", "Analytics"},
	"detailed":    {"Keys", "Keys"},
	"search":      {"Search", "Search"},
}

// auditActions names the actions that are not a plain verb on a resource.
var auditActions = map[string]string{
	"POST /api/users/{id}/actions/reset":            "Set User Password",
	"PUT /api/users/{id}/actions/key/reset":         "Reset User Key",
	"PUT /api/users/{id}/actions/revoke":            "Revoke User",
	"POST /api/users/search":                        "Search Users",
	"GET /api/users/search":                         "Search Users",
	"POST /api/apis/oauth/{apiId}/authorize-client": "Authorize OAuth Client",
	"POST /api/apis/oauth/{apiId}/revoke":           "Revoke OAuth Token",
	"POST /api/apis/oauth/{apiId}/revoke_all":       "Revoke OAuth Tokens",
	"POST /api/apis/oas/import":                     "Import OAS API",
	"POST /api/apis/oas/dry-run":                    "Dry Run OAS API",
	"GET /api/apis/oas/{id}/export":                 "Export OAS API",
	"POST /api/keys/preview":                        "Preview Key",
	"POST /api/apis/keys/basic/{username}":          "Create Basic Auth Key",
	"GET /api/apis/search":                          "Search APIs",
	"GET /api/portal/policies/search":               "Search Policies",
	"GET /api/apis/{id}/keys/search":                "Search Keys",
}

// auditAction describes what a route does, as the Dashboard's audit log
// does ("List APIs", "Update User"): the verb of the method and the
// resource of the path's last literal segment.
func auditAction(r *route) string {
	if a, ok := auditActionOf.Load(r); ok {
		return a.(string)
	}
	a := routeAuditAction(r)
	auditActionOf.Store(r, a)
	return a
}

// auditActionOf holds the action of each route met so far: the route table
// is built once for the process and never changes, and an action is the
// same for every request of its route.
var auditActionOf sync.Map // *route -> string

func routeAuditAction(r *route) string {
	if a, ok := auditActions[r.pattern()]; ok {
		return a
	}
	segs := splitPath(r.Path)
	noun, one := "", false
	for i := len(segs) - 1; i >= 1; i-- {
		s := segs[i]
		if strings.HasPrefix(s, "{") {
			one = true
			continue
		}
		if n, ok := auditNouns[s]; ok {
			// One object ("Get API", "Create API"), or a list ("List APIs").
			noun = n[0]
			if r.Method == http.MethodGet && !one {
				noun = n[1]
			}
			break
		}
	}
	if noun == "" {
		noun = strings.Join(segs[1:], " ")
	}
	switch r.Method {
	case http.MethodGet:
		if one {
			return "Get " + noun
		}
		return "List " + noun
	case http.MethodPost:
		return "Create " + noun
	case http.MethodPut:
		return "Update " + noun
	case http.MethodPatch:
		return "Patch " + noun
	case http.MethodDelete:
		return "Delete " + noun
	}
	return r.Method + " " + noun
}

// auditLookBefore answers, in process and as the caller, a GET of the path
// of c: what the object looked like (before a PUT runs, or after it ran).
// It returns nil when the path has no such GET or it does not answer 200.
func (s *Server) auditLookBefore(c *call) []byte {
	var ps params
	rt, _, _ := lookup(http.MethodGet, c.r.URL.EscapedPath(), &ps)
	if rt == nil || rt.Auth != authUser || !allowed(c.perms, rt.Section, false) {
		return nil
	}
	req := c.r.Clone(c.r.Context())
	req.Method, req.Body, req.ContentLength = http.MethodGet, nil, 0
	ic := &call{s: s, w: httptest.NewRecorder(), r: req, route: rt, ps: ps, internal: true,
		user: c.user, orgID: c.orgID, perms: c.perms}
	rt.Handle(ic)
	if ic.status != http.StatusOK {
		return nil
	}
	return ic.respBody
}

// jsonDiff lists what differs between two JSON documents, one change a
// line: "path: old -> new", with <absent> for a member on one side only.
func jsonDiff(before, after []byte) string {
	var a, b any
	if json.Unmarshal(before, &a) != nil || json.Unmarshal(after, &b) != nil {
		return ""
	}
	var lines []string
	diffValues("", a, b, &lines)
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func diffValues(path string, a, b any, out *[]string) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		for k, av := range am {
			bv, ok := bm[k]
			if !ok {
				*out = append(*out, fmt.Sprintf("%s: %s -> <absent>", joinPath(path, k), compact(av)))
				continue
			}
			diffValues(joinPath(path, k), av, bv, out)
		}
		for k, bv := range bm {
			if _, ok := am[k]; !ok {
				*out = append(*out, fmt.Sprintf("%s: <absent> -> %s", joinPath(path, k), compact(bv)))
			}
		}
		return
	}
	if ca, cb := compact(a), compact(b); ca != cb {
		if path == "" {
			path = "."
		}
		*out = append(*out, fmt.Sprintf("%s: %s -> %s", path, ca, cb))
	}
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// auditFilters are the query filters of GET /api/audit-logs.
type auditFilters struct {
	user, action, ip, method, url string
	status                        int
}

func (f auditFilters) keep(l *model.AuditLog) bool {
	return (f.user == "" || strings.EqualFold(l.User, f.user)) &&
		(f.action == "" || strings.EqualFold(l.Action, f.action)) &&
		(f.ip == "" || l.IP == f.ip) &&
		(f.method == "" || strings.EqualFold(l.Method, f.method)) &&
		(f.url == "" || strings.Contains(l.URL, f.url)) &&
		(f.status == 0 || l.Status == int64(f.status))
}

// auditTime reads a from_date or to_date: RFC 3339, a date (2006-01-02) or
// Unix seconds.
func auditTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Unix(n, 0), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use RFC 3339, YYYY-MM-DD or Unix seconds", v)
}

func listAuditLogs(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	q := c.r.URL.Query()
	f := auditFilters{user: q.Get("user"), action: q.Get("action"), ip: q.Get("ip"), method: q.Get("method"), url: q.Get("url")}
	if st := q.Get("status"); st != "" {
		n, err := strconv.Atoi(st)
		if err != nil {
			c.fail(http.StatusBadRequest, fmt.Sprintf("query parameter status must be an HTTP status, got %q", st))
			return
		}
		f.status = n
	}
	aq := store.AuditQuery{ListOptions: store.ListOptions{Page: 0, Sort: "-created"}}
	var err error
	if aq.From, err = auditTime(q.Get("from_date")); err == nil {
		aq.To, err = auditTime(q.Get("to_date"))
	}
	if err != nil {
		c.fail(http.StatusBadRequest, "could not retrieve audit records: "+err.Error())
		return
	}
	var all store.Page[model.AuditLog]
	c.s.flushAudit(c.r.Context())
	err = c.view(func(tx store.DefinitionsReader) (err error) {
		all, err = tx.ListAuditLogs(c.orgID, aq)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "could not retrieve audit records") {
		return
	}
	// Newest first, as the Dashboard lists them; the store orders by the
	// second, so records of one second keep the order they were made in,
	// reversed.
	kept := make([]model.AuditLog, 0, len(all.Items))
	for i := range all.Items {
		if f.keep(&all.Items[i]) {
			kept = append(kept, all.Items[i])
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Timestamp > kept[j].Timestamp })
	if isTrue(q.Get("download")) {
		c.raw(http.StatusOK, "application/octet-stream", auditFile(kept, q.Get("type")))
		return
	}
	page := paginate(kept, opts)
	items := page.Items
	if items == nil {
		items = []model.AuditLog{}
	}
	c.json(http.StatusOK, model.AuditLogListResponse{AuditLogs: items, Pages: int64(page.Pages)})
}

// auditFile writes records as the Dashboard's audit files: one JSON object
// a line, or with type=text each field on its own line and a blank line
// between records.
func auditFile(logs []model.AuditLog, kind string) []byte {
	var buf bytes.Buffer
	for _, l := range logs {
		if kind == "text" {
			fmt.Fprintf(&buf, "%s\n%s\n%s\n%d\n%s\n%s\n%s\n%s\n%s\n%d\n", l.ReqID, l.OrgID, l.Date, l.Timestamp, l.IP, l.User, l.Action, l.Method, l.URL, l.Status)
			if l.Diff != "" {
				buf.WriteString(l.Diff + "\n")
			}
			buf.WriteByte('\n')
			continue
		}
		b, _ := json.Marshal(l)
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func getAuditLog(c *call) {
	var l *model.AuditLog
	c.s.flushAudit(c.r.Context())
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		l, err = tx.GetAuditLog(c.PathValue("id"))
		return err
	})
	if err == nil && !c.ownsOrg(l.OrgID) {
		err = store.ErrNotFound
	}
	if c.storeFailed(err, http.StatusNotFound, msgAuditNotFound) {
		return
	}
	c.json(http.StatusOK, l)
}
