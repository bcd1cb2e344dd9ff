package memstore

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// timeKey encodes t so that byte order is time order (the sign bit flipped,
// so that times before 1970 come first).
func timeKey(t time.Time) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(timeNanos(t))^(1<<63))
	return string(b[:])
}

// timeNanos is t.UnixNano, held to int64's range where UnixNano is
// undefined.
func timeNanos(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	default:
		return t.UnixNano()
	}
}

var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// stringTimeKey orders the timestamps the model keeps as strings: empty
// first, then every RFC 3339 time in time order, then anything unparsable
// in byte order.
func stringTimeKey(s string) string {
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return "\x01" + timeKey(t)
	}
	return "\x02" + s
}

func nameKey(s string) string { return strings.ToLower(s) }

// Facets of an API, as APIQuery selects them.
const (
	facetCategory = "c" + sep
	facetAuthType = "a" + sep
	facetAPIType  = "t" + sep
	facetActive   = "v" + sep
	facetAPIKind  = "p" + sep // an MCP proxy or another API
	// facetKindCategory is a category within a kind, "pc"+sep+kind+sep+
	// category: its counters answer APICategories of one kind, and its
	// index a list of one category and one kind.
	facetKindCategory = "pc" + sep
	facetAPI          = "api" + sep  // keys with access to an API; OAuth clients of an API
	facetCert         = "cert" + sep // APIs that name a certificate
	facetKind         = "k" + sep    // portal objects of a kind
)

func activeFacet(active bool) string {
	if active {
		return facetActive + "true"
	}
	return facetActive + "false"
}

func apiTypeFacet(oas bool) string {
	if oas {
		return facetAPIType + "oas"
	}
	return facetAPIType + "classic"
}

func apiKindFacet(mcp bool) string { return facetAPIKind + apiKind(mcp) }

// apiKind is the kind of an MCP proxy (mcp) or of another API, as
// APIQuery.Kind names it.
func apiKind(mcp bool) string {
	if mcp {
		return store.APIKindMCP
	}
	return store.APIKindAPI
}

func kindCategoryFacet(kind, category string) string {
	return facetKindCategory + kind + sep + category
}

func apiDef(a *model.APIDefinitionWrapper) *model.APIDefinition {
	if a.APIDefinition == nil {
		return &model.APIDefinition{}
	}
	return a.APIDefinition
}

func optional(s string) (string, bool) { return s, s != "" }

// orgEmailKey is the key of a user's email within its org, without case;
// none for a user without an email.
func orgEmailKey(org, email string) (string, bool) {
	if email == "" {
		return "", false
	}
	return org + sep + strings.ToLower(email), true
}

// The collections. Each is a table of its db; their indexes follow from
// these descriptions (see coll).
var (
	orgs = &coll[model.Organisation]{
		table: store.CollectionOrgs, noun: "organisation",
		id: func(o *model.Organisation) string { return o.ID },
		// Organisations are listed all together: one "org" for all.
		org:  func(*model.Organisation) string { return "" },
		text: func(o *model.Organisation) string { return o.OwnerName + " " + o.OwnerSlug },
		sorts: map[string]sortKey[model.Organisation]{
			"name": {key: func(o *model.Organisation) string { return nameKey(o.OwnerName) }, indexed: true},
		},
	}

	users = &coll[model.User]{
		table: store.CollectionUsers, noun: "user",
		id:   func(u *model.User) string { return u.ID },
		org:  func(u *model.User) string { return u.OrgID },
		text: func(u *model.User) string { return u.FirstName + " " + u.LastName + " " + u.EmailAddress },
		sorts: map[string]sortKey[model.User]{
			"name":    {key: func(u *model.User) string { return nameKey(u.FirstName + " " + u.LastName) }, indexed: true},
			"created": {key: func(u *model.User) string { return stringTimeKey(u.CreatedAt) }, indexed: true},
		},
		uniques: []unique[model.User]{
			// Emails are compared without case, as people type them.
			// One email per org: the same person may be a user of several.
			{index: "email", what: "email", key: func(u *model.User) (string, bool) { return orgEmailKey(u.OrgID, u.EmailAddress) }},
			{index: "access_key", what: "access key", key: func(u *model.User) (string, bool) { return optional(u.AccessKey) }},
		},
	}

	userGroups = &coll[model.UserGroup]{
		table: store.CollectionUserGroups, noun: "user group",
		id:  func(g *model.UserGroup) string { return g.ID },
		org: func(g *model.UserGroup) string { return g.OrgID },
		sorts: map[string]sortKey[model.UserGroup]{
			"name": {key: func(g *model.UserGroup) string { return nameKey(g.Name) }, indexed: true},
		},
	}

	apis = &coll[model.APIDefinitionWrapper]{
		table: store.CollectionAPIs, noun: "API",
		id:  func(a *model.APIDefinitionWrapper) string { return apiDef(a).ID },
		org: func(a *model.APIDefinitionWrapper) string { return apiDef(a).OrgID },
		sorts: map[string]sortKey[model.APIDefinitionWrapper]{
			"name": {key: func(a *model.APIDefinitionWrapper) string { return nameKey(apiDef(a).Name) }, indexed: true},
			"created": {key: func(a *model.APIDefinitionWrapper) string {
				if a.CreatedAt == nil {
					return ""
				}
				return timeKey(*a.CreatedAt)
			}, indexed: true},
			"updated": {key: func(a *model.APIDefinitionWrapper) string {
				if a.UpdatedAt == nil {
					return ""
				}
				return timeKey(*a.UpdatedAt)
			}, indexed: true},
			"api_id": {key: func(a *model.APIDefinitionWrapper) string { return apiDef(a).APIID }, indexed: true},
		},
		facets: func(a *model.APIDefinitionWrapper) []string {
			def := apiDef(a)
			mcp := model.IsMCPProxy(def)
			fs := []string{
				facetAuthType + model.APIAuthType(def),
				apiTypeFacet(def.IsOAS),
				activeFacet(def.Active),
				apiKindFacet(mcp),
			}
			// Each category twice: of every kind (APIQuery.Category
			// alone) and within the API's kind.
			for _, c := range model.APICategories(a) {
				fs = append(fs, facetCategory+c, kindCategoryFacet(apiKind(mcp), c))
			}
			for id := range model.APICertificateUses(def) {
				fs = append(fs, facetCert+id)
			}
			return fs
		},
		uniques: []unique[model.APIDefinitionWrapper]{
			{index: "api_id", what: "api_id", key: func(a *model.APIDefinitionWrapper) (string, bool) { return optional(apiDef(a).APIID) }},
		},
	}

	policies = &coll[model.Policy]{
		table: store.CollectionPolicies, noun: "policy",
		id:  func(p *model.Policy) string { return p.MID },
		org: func(p *model.Policy) string { return p.OrgID },
		sorts: map[string]sortKey[model.Policy]{
			"name":    {key: func(p *model.Policy) string { return nameKey(p.Name) }, indexed: true},
			"created": {key: func(p *model.Policy) string { return stringTimeKey(p.DateCreated) }, indexed: true},
			"updated": {key: func(p *model.Policy) string { return stringTimeKey(p.LastUpdated) }, indexed: true},
		},
		uniques: []unique[model.Policy]{
			{index: "custom_id", what: "id", key: func(p *model.Policy) (string, bool) {
				return p.OrgID + sep + p.ID, p.ID != ""
			}},
		},
	}

	oauthClients = &coll[model.OAuthClient]{
		table: store.CollectionOAuthClients, noun: "OAuth client",
		id:  func(c *model.OAuthClient) string { return c.ClientID },
		org: func(c *model.OAuthClient) string { return c.OrgID },
		sorts: map[string]sortKey[model.OAuthClient]{
			"name": {key: func(c *model.OAuthClient) string { return nameKey(c.ClientName) }, indexed: true},
		},
		facets: func(c *model.OAuthClient) []string { return []string{facetAPI + c.APIID} },
	}

	oauthTokens = &coll[model.OAuthClientToken]{
		table: store.CollectionOAuthTokens, noun: "OAuth token",
		// A token is known by its client and its code.
		id:     func(t *model.OAuthClientToken) string { return tokenID(t.ClientID, t.Code) },
		org:    func(t *model.OAuthClientToken) string { return t.OrgID },
		extras: map[string]func(*model.OAuthClientToken) string{"client": func(t *model.OAuthClientToken) string { return t.ClientID }},
	}

	webhooks = &coll[model.WebHookHandlerConf]{
		table: store.CollectionWebhooks, noun: "webhook",
		id:  func(h *model.WebHookHandlerConf) string { return h.ID },
		org: func(h *model.WebHookHandlerConf) string { return h.OrgID },
		sorts: map[string]sortKey[model.WebHookHandlerConf]{
			"name": {key: func(h *model.WebHookHandlerConf) string { return nameKey(h.Name) }, indexed: true},
		},
	}

	assets = &coll[model.Asset]{
		table: store.CollectionAssets, noun: "asset",
		id:  func(a *model.Asset) string { return a.MID },
		org: func(a *model.Asset) string { return a.OrgID },
		sorts: map[string]sortKey[model.Asset]{
			"name":    {key: func(a *model.Asset) string { return nameKey(a.Name) }, indexed: true},
			"updated": {key: func(a *model.Asset) string { return stringTimeKey(a.LastUpdated) }, indexed: true},
		},
		uniques: []unique[model.Asset]{
			{index: "custom_id", what: "id", key: func(a *model.Asset) (string, bool) {
				return a.OrgID + sep + a.ID, a.ID != ""
			}},
		},
	}

	// Certificates are few per org and never change; the id is the one
	// look-up.
	certificates = &coll[store.Certificate]{
		table: store.CollectionCertificates, noun: "certificate",
		id:   func(c *store.Certificate) string { return c.ID },
		org:  func(c *store.Certificate) string { return c.OrgID },
		text: func(c *store.Certificate) string { return c.ID },
	}

	auditLogs = &coll[model.AuditLog]{
		table: store.CollectionAuditLogs, noun: "audit log",
		id:   func(l *model.AuditLog) string { return l.MID },
		org:  func(l *model.AuditLog) string { return l.OrgID },
		text: func(l *model.AuditLog) string { return l.User + " " + l.Action + " " + l.Method + " " + l.URL },
		sorts: map[string]sortKey[model.AuditLog]{
			// Indexed, though every request writes a record and the log's
			// bound deletes one: the index costs a record about 1 µs of CPU
			// in and out (BenchmarkAuditWrite), while without it the first
			// page of 100,000 records by time took 64 ms instead of 5 µs
			// (BenchmarkAuditList).
			"created": {key: func(l *model.AuditLog) string { return auditTimeKey(l) }, indexed: true},
		},
	}

	// Analytics records have no id of their own: the store numbers them.
	analytics = &coll[analyticsRow]{
		table: store.CollectionAnalytics, noun: "analytics record",
		id:       func(r *analyticsRow) string { return r.ID },
		assignID: func(r *analyticsRow, seq uint64) { r.ID = strconv.FormatUint(seq, 36) },
		idSeq: func(id string) uint64 {
			n, _ := strconv.ParseUint(id, 36, 64)
			return n
		},
		org:    func(r *analyticsRow) string { return r.Rec.OrgID },
		extras: map[string]func(*analyticsRow) string{"org_time": func(r *analyticsRow) string { return r.Rec.OrgID + sep + timeKey(r.Rec.TimeStamp) }},
	}

	ssoNonces = &coll[store.SSONonce]{
		table: store.CollectionSSONonces, noun: "SSO nonce",
		id:  func(n *store.SSONonce) string { return n.Nonce },
		org: func(n *store.SSONonce) string { return n.OrgID },
	}

	// The classic portal's objects of every kind share one table: the kind
	// is part of the id and a facet, and of the key's unique index.
	portalObjects = &coll[store.PortalObject]{
		table: store.CollectionPortal, noun: "portal object",
		id:   func(o *store.PortalObject) string { return portalID(o.Kind, o.ID) },
		org:  func(o *store.PortalObject) string { return o.OrgID },
		text: func(o *store.PortalObject) string { return o.Name },
		sorts: map[string]sortKey[store.PortalObject]{
			"name":    {key: func(o *store.PortalObject) string { return nameKey(o.Name) }, indexed: true},
			"created": {key: func(o *store.PortalObject) string { return timeKey(o.Created) }, indexed: true},
		},
		facets: func(o *store.PortalObject) []string { return []string{facetKind + string(o.Kind)} },
		uniques: []unique[store.PortalObject]{
			{index: "key", what: "key", key: func(o *store.PortalObject) (string, bool) {
				return o.OrgID + sep + string(o.Kind) + sep + o.Key, o.Key != ""
			}},
		},
	}

	// Keys are the one collection that grows to millions, so they carry
	// only the indexes their look-ups need (id, hash, basic-auth username,
	// org in creation order): orders other than creation sort in memory,
	// and a list of the keys of one API walks the org's keys (see list).
	keys = &coll[store.Key]{
		table: store.CollectionKeys, noun: "key",
		id:   func(k *store.Key) string { return k.ID },
		org:  func(k *store.Key) string { return k.OrgID },
		text: func(k *store.Key) string { return k.ID + " " + k.Session.Alias },
		sorts: map[string]sortKey[store.Key]{
			"name":    {key: func(k *store.Key) string { return nameKey(k.Session.Alias) }},
			"updated": {key: func(k *store.Key) string { return stringTimeKey(k.Session.LastUpdated) }},
		},
		facets: func(k *store.Key) []string {
			fs := make([]string, 0, len(k.Session.AccessRights))
			for apiID := range k.Session.AccessRights {
				fs = append(fs, facetAPI+apiID)
			}
			return fs
		},
		facetsUnindexed: true,
		uniques: []unique[store.Key]{
			{index: "hash", what: "hash", key: func(k *store.Key) (string, bool) { return optional(k.Hash) }},
			{index: "username", what: "basic-auth username", key: func(k *store.Key) (string, bool) {
				u := k.BasicAuthUsername()
				return k.OrgID + sep + u, u != ""
			}},
		},
	}
)

// portalID is the table id of a portal object: its kind and its id, or ""
// (refused as no id) when either is missing.
func portalID(kind store.PortalKind, id string) string {
	if kind == "" || id == "" {
		return ""
	}
	return string(kind) + sep + id
}

func tokenID(clientID, code string) string {
	if code == "" {
		return ""
	}
	return clientID + sep + code
}

// auditTimeKey orders audit records by their timestamp, or by their date
// when the timestamp is not set.
func auditTimeKey(l *model.AuditLog) string {
	if l.Timestamp != 0 {
		// "\x01" + timeKey(time.Unix(l.Timestamp, 0)), in one allocation:
		// every audit record's insert and delete make one.
		var b [9]byte
		b[0] = 1
		binary.BigEndian.PutUint64(b[1:], uint64(timeNanos(time.Unix(l.Timestamp, 0)))^(1<<63))
		return string(b[:])
	}
	return stringTimeKey(l.Date)
}

// analyticsRow is an analytics record and the id the store gave it.
type analyticsRow struct {
	ID  string
	Rec model.AnalyticsRecord
}
