package pgstore

import (
	"strconv"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Facets of an object, as lists select them: a prefix naming the filter,
// then the value.
const (
	facetCategory = "c:"
	facetAuthType = "a:"
	facetAPIType  = "t:"
	facetActive   = "v:"
	facetAPIKind  = "p:" // an MCP proxy or another API
	facetCert     = "cert:"
	facetAPI      = "api:"
	facetKind     = "k:"
)

func activeFacet(active bool) string { return facetActive + strconv.FormatBool(active) }

func apiKindFacet(mcp bool) string {
	if mcp {
		return facetAPIKind + store.APIKindMCP
	}
	return facetAPIKind + store.APIKindAPI
}

func apiTypeFacet(oas bool) string {
	if oas {
		return facetAPIType + "oas"
	}
	return facetAPIType + "classic"
}

func apiDef(a *model.APIDefinitionWrapper) *model.APIDefinition {
	if a.APIDefinition == nil {
		return &model.APIDefinition{}
	}
	return a.APIDefinition
}

func timePtrKey(t *time.Time) []byte {
	if t == nil {
		return []byte{}
	}
	return timeKey(*t)
}

// The collections, in the order Export writes them (the order of
// store/memstore's export, so that the two read each other's streams).
var (
	orgs = &table[model.Organisation]{
		name: store.CollectionOrgs, noun: "organisation",
		id: func(o *model.Organisation) string { return o.ID },
		// Organisations are listed all together: one "org" for all.
		org:   func(*model.Organisation) string { return "" },
		text:  func(o *model.Organisation) string { return o.OwnerName + " " + o.OwnerSlug },
		sorts: map[string]func(*model.Organisation) []byte{"name": func(o *model.Organisation) []byte { return nameKey(o.OwnerName) }},
	}

	userGroups = &table[model.UserGroup]{
		name: store.CollectionUserGroups, noun: "user group",
		id:    func(g *model.UserGroup) string { return g.ID },
		org:   func(g *model.UserGroup) string { return g.OrgID },
		sorts: map[string]func(*model.UserGroup) []byte{"name": func(g *model.UserGroup) []byte { return nameKey(g.Name) }},
	}

	users = &table[model.User]{
		name: store.CollectionUsers, noun: "user",
		id:   func(u *model.User) string { return u.ID },
		org:  func(u *model.User) string { return u.OrgID },
		text: func(u *model.User) string { return u.FirstName + " " + u.LastName + " " + u.EmailAddress },
		sorts: map[string]func(*model.User) []byte{
			"name":    func(u *model.User) []byte { return nameKey(u.FirstName + " " + u.LastName) },
			"created": func(u *model.User) []byte { return stringTimeKey(u.CreatedAt) },
		},
		uniques: []unique[model.User]{
			// Emails are compared without case, as people type them.
			// One email per org: the same person may be a user of several.
			{col: "email", what: "email", key: func(u *model.User) ([]byte, bool) { return orgEmailKey(u.OrgID, u.EmailAddress) }},
			{col: "access_key", what: "access key", key: func(u *model.User) ([]byte, bool) { return optional(u.AccessKey) }},
		},
		// A user's password hash is not part of its JSON: it travels as
		// meta.
		enc: func(u *model.User) (any, map[string]string) {
			if u.PasswordHash == "" {
				return u, nil
			}
			return u, map[string]string{"password_hash": u.PasswordHash}
		},
		dec: func(u *model.User, rec store.Record) error {
			if err := jsonDecode("user", rec.Object, u); err != nil {
				return err
			}
			u.PasswordHash = rec.Meta["password_hash"]
			return nil
		},
	}

	apis = &table[model.APIDefinitionWrapper]{
		name: store.CollectionAPIs, noun: "API",
		id:  func(a *model.APIDefinitionWrapper) string { return apiDef(a).ID },
		org: func(a *model.APIDefinitionWrapper) string { return apiDef(a).OrgID },
		sorts: map[string]func(*model.APIDefinitionWrapper) []byte{
			"name":    func(a *model.APIDefinitionWrapper) []byte { return nameKey(apiDef(a).Name) },
			"created": func(a *model.APIDefinitionWrapper) []byte { return timePtrKey(a.CreatedAt) },
			"updated": func(a *model.APIDefinitionWrapper) []byte { return timePtrKey(a.UpdatedAt) },
			"api_id":  func(a *model.APIDefinitionWrapper) []byte { return []byte(apiDef(a).APIID) },
		},
		facets: func(a *model.APIDefinitionWrapper) []string {
			def := apiDef(a)
			fs := []string{facetAuthType + model.APIAuthType(def), apiTypeFacet(def.IsOAS), activeFacet(def.Active),
				apiKindFacet(model.IsMCPProxy(def))}
			for _, c := range model.APICategories(a) {
				fs = append(fs, facetCategory+c)
			}
			for id := range model.APICertificateUses(def) {
				fs = append(fs, facetCert+id)
			}
			return fs
		},
		uniques: []unique[model.APIDefinitionWrapper]{
			{col: "api_id", what: "api_id", key: func(a *model.APIDefinitionWrapper) ([]byte, bool) { return optional(apiDef(a).APIID) }},
		},
	}

	policies = &table[model.Policy]{
		name: store.CollectionPolicies, noun: "policy",
		id:  func(p *model.Policy) string { return p.MID },
		org: func(p *model.Policy) string { return p.OrgID },
		sorts: map[string]func(*model.Policy) []byte{
			"name":    func(p *model.Policy) []byte { return nameKey(p.Name) },
			"created": func(p *model.Policy) []byte { return stringTimeKey(p.DateCreated) },
			"updated": func(p *model.Policy) []byte { return stringTimeKey(p.LastUpdated) },
		},
		uniques: []unique[model.Policy]{
			{col: "custom_id", what: "id", key: func(p *model.Policy) ([]byte, bool) { return []byte(p.OrgID + sep + p.ID), p.ID != "" }},
		},
	}

	oauthClients = &table[model.OAuthClient]{
		name: store.CollectionOAuthClients, noun: "OAuth client",
		id:     func(c *model.OAuthClient) string { return c.ClientID },
		org:    func(c *model.OAuthClient) string { return c.OrgID },
		sorts:  map[string]func(*model.OAuthClient) []byte{"name": func(c *model.OAuthClient) []byte { return nameKey(c.ClientName) }},
		facets: func(c *model.OAuthClient) []string { return []string{facetAPI + c.APIID} },
		enc: func(c *model.OAuthClient) (any, map[string]string) {
			return c, map[string]string{"api_id": c.APIID, "org_id": c.OrgID}
		},
		dec: func(c *model.OAuthClient, rec store.Record) error {
			if err := jsonDecode("OAuth client", rec.Object, c); err != nil {
				return err
			}
			c.APIID, c.OrgID = rec.Meta["api_id"], rec.Meta["org_id"]
			return nil
		},
	}

	oauthTokens = &table[model.OAuthClientToken]{
		name: store.CollectionOAuthTokens, noun: "OAuth token",
		// A token is known by its client and its code.
		id: func(t *model.OAuthClientToken) string {
			if t.Code == "" {
				return ""
			}
			return t.ClientID + "/" + t.Code
		},
		org:    func(t *model.OAuthClientToken) string { return t.OrgID },
		extras: map[string]func(*model.OAuthClientToken) []byte{"client": func(t *model.OAuthClientToken) []byte { return []byte(t.ClientID) }},
		enc: func(t *model.OAuthClientToken) (any, map[string]string) {
			return t, map[string]string{"client_id": t.ClientID, "org_id": t.OrgID}
		},
		dec: func(t *model.OAuthClientToken, rec store.Record) error {
			if err := jsonDecode("OAuth token", rec.Object, t); err != nil {
				return err
			}
			t.ClientID, t.OrgID = rec.Meta["client_id"], rec.Meta["org_id"]
			return nil
		},
	}

	webhooks = &table[model.WebHookHandlerConf]{
		name: store.CollectionWebhooks, noun: "webhook",
		id:    func(h *model.WebHookHandlerConf) string { return h.ID },
		org:   func(h *model.WebHookHandlerConf) string { return h.OrgID },
		sorts: map[string]func(*model.WebHookHandlerConf) []byte{"name": func(h *model.WebHookHandlerConf) []byte { return nameKey(h.Name) }},
	}

	assets = &table[model.Asset]{
		name: store.CollectionAssets, noun: "asset",
		id:  func(a *model.Asset) string { return a.MID },
		org: func(a *model.Asset) string { return a.OrgID },
		sorts: map[string]func(*model.Asset) []byte{
			"name":    func(a *model.Asset) []byte { return nameKey(a.Name) },
			"updated": func(a *model.Asset) []byte { return stringTimeKey(a.LastUpdated) },
		},
		uniques: []unique[model.Asset]{
			{col: "custom_id", what: "id", key: func(a *model.Asset) ([]byte, bool) { return []byte(a.OrgID + sep + a.ID), a.ID != "" }},
		},
	}

	certificates = &table[store.Certificate]{
		name: store.CollectionCertificates, noun: "certificate",
		id:   func(c *store.Certificate) string { return c.ID },
		org:  func(c *store.Certificate) string { return c.OrgID },
		text: func(c *store.Certificate) string { return c.ID },
	}

	auditLogs = &table[model.AuditLog]{
		name: store.CollectionAuditLogs, noun: "audit log",
		id:    func(l *model.AuditLog) string { return l.MID },
		org:   func(l *model.AuditLog) string { return l.OrgID },
		text:  func(l *model.AuditLog) string { return l.User + " " + l.Action + " " + l.Method + " " + l.URL },
		sorts: map[string]func(*model.AuditLog) []byte{"created": auditTimeKey},
		// The log is bounded in bytes too (TrimAuditLogs).
		countBytes: true,
	}

	// Analytics records have no id of their own: the store numbers them,
	// and the id travels as meta.
	analytics = &table[analyticsRow]{
		name: store.CollectionAnalytics, noun: "analytics record",
		id:       func(r *analyticsRow) string { return r.ID },
		assignID: func(r *analyticsRow, seq int64) { r.ID = "pg" + strconv.FormatInt(seq, 36) },
		org:      func(r *analyticsRow) string { return r.Rec.OrgID },
		sorts:    map[string]func(*analyticsRow) []byte{"time": func(r *analyticsRow) []byte { return timeKey(r.Rec.TimeStamp) }},
		enc:      func(r *analyticsRow) (any, map[string]string) { return &r.Rec, map[string]string{"id": r.ID} },
		dec: func(r *analyticsRow, rec store.Record) error {
			r.ID = rec.Meta["id"]
			return jsonDecode("analytics record", rec.Object, &r.Rec)
		},
	}

	ssoNonces = &table[store.SSONonce]{
		name: store.CollectionSSONonces, noun: "SSO nonce",
		id:  func(n *store.SSONonce) string { return n.Nonce },
		org: func(n *store.SSONonce) string { return n.OrgID },
	}

	// The classic portal's objects of every kind share one table: the kind
	// is part of the id and a facet, and of the key's unique index.
	portalObjects = &table[store.PortalObject]{
		name: store.CollectionPortal, noun: "portal object",
		id:   func(o *store.PortalObject) string { return portalID(o.Kind, o.ID) },
		org:  func(o *store.PortalObject) string { return o.OrgID },
		text: func(o *store.PortalObject) string { return o.Name },
		sorts: map[string]func(*store.PortalObject) []byte{
			"name":    func(o *store.PortalObject) []byte { return nameKey(o.Name) },
			"created": func(o *store.PortalObject) []byte { return timeKey(o.Created) },
		},
		facets: func(o *store.PortalObject) []string { return []string{facetKind + string(o.Kind)} },
		uniques: []unique[store.PortalObject]{
			{col: "key", what: "key", key: func(o *store.PortalObject) ([]byte, bool) {
				return []byte(o.OrgID + sep + string(o.Kind) + sep + o.Key), o.Key != ""
			}},
		},
	}

	collections = []collection{
		orgs, userGroups, users, apis, policies, oauthClients, oauthTokens, webhooks, assets,
		certificates, auditLogs, analytics, ssoNonces, portalObjects,
	}
)

// analyticsRow is an analytics record and the id the store gave it.
type analyticsRow struct {
	ID  string
	Rec model.AnalyticsRecord
}

func portalID(kind store.PortalKind, id string) string {
	if kind == "" || id == "" {
		return ""
	}
	return string(kind) + "/" + id
}

// auditTimeKey orders audit records by their timestamp, or by their date
// when the timestamp is not set.
func auditTimeKey(l *model.AuditLog) []byte {
	if l.Timestamp != 0 {
		return append([]byte{1}, timeKey(time.Unix(l.Timestamp, 0))...)
	}
	return stringTimeKey(l.Date)
}
