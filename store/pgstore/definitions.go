package pgstore

import (
	"encoding/json"
	"fmt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func jsonDecode(what string, raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %v: %w", what, err, store.ErrInvalid)
	}
	return nil
}

// defTx is a transaction on definitions; its read methods work in read and
// write transactions alike.
type defTx struct{ tx }

var _ store.DefinitionsTx = (*defTx)(nil)

func listOf[T any](t *table[T], x *tx, orgID string, opts store.ListOptions, edit func(*listQuery)) (store.Page[T], error) {
	q, err := t.query(orgID, opts)
	if err != nil {
		return store.Page[T]{}, err
	}
	q.allOrgs = orgID == ""
	if edit != nil {
		edit(&q)
	}
	return t.list(x, q)
}

func (t *defTx) GetOrg(id string) (*model.Organisation, error) { return orgs.byID(&t.tx, id) }

func (t *defTx) ListOrgs(opts store.ListOptions) (store.Page[model.Organisation], error) {
	q, err := orgs.query("", opts)
	if err != nil {
		return store.Page[model.Organisation]{}, err
	}
	return orgs.list(&t.tx, q)
}

func (t *defTx) GetUser(id string) (*model.User, error) { return users.byID(&t.tx, id) }

func (t *defTx) GetUserByEmail(orgID, email string) (*model.User, error) {
	key, _ := orgEmailKey(orgID, email)
	return users.get(&t.tx, "u_email", key, fmt.Sprintf("with email %q", email))
}

func (t *defTx) GetUserByAccessKey(accessKey string) (*model.User, error) {
	// The key is a secret: the error does not repeat it.
	return users.get(&t.tx, "u_access_key", []byte(accessKey), "with this access key")
}

func (t *defTx) ListUsers(orgID string, opts store.ListOptions) (store.Page[model.User], error) {
	return listOf(users, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetUserGroup(id string) (*model.UserGroup, error) { return userGroups.byID(&t.tx, id) }

func (t *defTx) ListUserGroups(orgID string, opts store.ListOptions) (store.Page[model.UserGroup], error) {
	return listOf(userGroups, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetAPI(id string) (*model.APIDefinitionWrapper, error) { return apis.byID(&t.tx, id) }

func (t *defTx) GetAPIByAPIID(apiID string) (*model.APIDefinitionWrapper, error) {
	return apis.get(&t.tx, "u_api_id", []byte(apiID), fmt.Sprintf("with api_id %q", apiID))
}

func (t *defTx) ListAPIs(orgID string, aq store.APIQuery) (store.Page[model.APIDefinitionWrapper], error) {
	var facets []string
	if aq.Category != "" {
		facets = append(facets, facetCategory+aq.Category)
	}
	if aq.AuthType != "" {
		facets = append(facets, facetAuthType+aq.AuthType)
	}
	switch aq.APIType {
	case "":
	case "oas", "classic":
		facets = append(facets, apiTypeFacet(aq.APIType == "oas"))
	default:
		return store.Page[model.APIDefinitionWrapper]{}, fmt.Errorf("list APIs: api_type %q is neither \"oas\" nor \"classic\": %w", aq.APIType, store.ErrInvalid)
	}
	// The kind is one of two constants: written into the SQL, so that the
	// few MCP proxies are read from their partial indexes (mcpIndexes).
	var fixed []string
	switch aq.Kind {
	case "":
	case store.APIKindAPI, store.APIKindMCP:
		fixed = append(fixed, apiKindFacet(aq.Kind == store.APIKindMCP))
	default:
		return store.Page[model.APIDefinitionWrapper]{}, fmt.Errorf("list APIs: kind %q is neither %q nor %q: %w", aq.Kind, store.APIKindAPI, store.APIKindMCP, store.ErrInvalid)
	}
	if aq.Active != nil {
		facets = append(facets, activeFacet(*aq.Active))
	}
	if aq.Certificate != "" {
		facets = append(facets, facetCert+aq.Certificate)
	}
	return listOf(apis, &t.tx, orgID, aq.ListOptions, func(q *listQuery) { q.facets, q.fixedFacets = facets, fixed })
}

// APICategories reads the kept per-category counters, which count every
// kind. The categories of the MCP proxies, a few among many APIs, are
// counted from the proxies' rows, read from their partial index
// (mcpIndexes, whose condition facetCond writes the same): they are the
// answer for the proxies, and what the standard kind's answer takes off
// the counters. No other API is read, and a write keeps no further
// counter.
func (t *defTx) APICategories(orgID, kind string) ([]model.CategoryCount, error) {
	// $1 the org, $2 the facets' prefix, $3 where the name starts in it,
	// $4 the table of the counters.
	args := []any{orgID, facetCategory, len(facetCategory) + 1, apis.name}
	mcpCategories := `SELECT f, count(*) AS n FROM ` + apis.name + `, unnest(facets) AS f
		WHERE org = $1 AND ` + facetCond(apiKindFacet(true)) + ` AND starts_with(f, $2) GROUP BY f`
	var sql string
	switch kind {
	case "":
		sql = `SELECT substr(facet, $3), n FROM dashkit_counts
			WHERE tbl = $4 AND org = $1 AND starts_with(facet, $2) AND n > 0 ORDER BY facet COLLATE "C"`
	case store.APIKindMCP:
		sql, args = `SELECT substr(f, $3), n FROM (`+mcpCategories+`) AS mcp ORDER BY f COLLATE "C"`, args[:3]
	case store.APIKindAPI:
		sql = `WITH mcp AS (` + mcpCategories + `)
			SELECT substr(c.facet, $3), c.n - coalesce(mcp.n, 0) FROM dashkit_counts c LEFT JOIN mcp ON mcp.f = c.facet
			WHERE c.tbl = $4 AND c.org = $1 AND starts_with(c.facet, $2) AND c.n - coalesce(mcp.n, 0) > 0
			ORDER BY c.facet COLLATE "C"`
	default:
		return nil, fmt.Errorf("API categories of org %q: kind %q is neither %q nor %q: %w", orgID, kind, store.APIKindAPI, store.APIKindMCP, store.ErrInvalid)
	}
	rows, err := t.tx.tx.Query(t.ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("API categories of org %q: %w", orgID, err)
	}
	defer rows.Close()
	out := []model.CategoryCount{}
	for rows.Next() {
		var c model.CategoryCount
		if err := rows.Scan(&c.Name, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (t *defTx) GetPolicy(mid string) (*model.Policy, error) { return policies.byID(&t.tx, mid) }

func (t *defTx) GetPolicyByID(orgID, id string) (*model.Policy, error) {
	return policies.get(&t.tx, "u_custom_id", []byte(orgID+sep+id), fmt.Sprintf("with id %q in org %q", id, orgID))
}

func (t *defTx) ListPolicies(orgID string, opts store.ListOptions) (store.Page[model.Policy], error) {
	return listOf(policies, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetOAuthClient(clientID string) (*model.OAuthClient, error) {
	return oauthClients.byID(&t.tx, clientID)
}

func (t *defTx) ListOAuthClients(orgID, apiID string, opts store.ListOptions) (store.Page[model.OAuthClient], error) {
	return listOf(oauthClients, &t.tx, orgID, opts, func(q *listQuery) { q.facets = []string{facetAPI + apiID} })
}

func (t *defTx) ListOAuthTokens(clientID string) ([]model.OAuthClientToken, error) {
	rows, err := t.tx.tx.Query(t.ctx, "SELECT raw, meta FROM "+oauthTokens.name+" WHERE x_client = $1 ORDER BY seq", []byte(clientID))
	if err != nil {
		return nil, fmt.Errorf("list OAuth tokens of %q: %w", clientID, err)
	}
	return oauthTokens.scan(rows)
}

func (t *defTx) GetWebhook(id string) (*model.WebHookHandlerConf, error) {
	return webhooks.byID(&t.tx, id)
}

func (t *defTx) ListWebhooks(orgID string, opts store.ListOptions) (store.Page[model.WebHookHandlerConf], error) {
	return listOf(webhooks, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetAsset(mid string) (*model.Asset, error) { return assets.byID(&t.tx, mid) }

func (t *defTx) GetAssetByID(orgID, id string) (*model.Asset, error) {
	return assets.get(&t.tx, "u_custom_id", []byte(orgID+sep+id), fmt.Sprintf("with id %q in org %q", id, orgID))
}

func (t *defTx) ListAssets(orgID string, opts store.ListOptions) (store.Page[model.Asset], error) {
	return listOf(assets, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetCertificate(id string) (*store.Certificate, error) {
	return certificates.byID(&t.tx, id)
}

func (t *defTx) ListCertificates(orgID string, opts store.ListOptions) (store.Page[store.Certificate], error) {
	return listOf(certificates, &t.tx, orgID, opts, nil)
}

func (t *defTx) GetAuditLog(mid string) (*model.AuditLog, error) { return auditLogs.byID(&t.tx, mid) }

func (t *defTx) ListAuditLogs(orgID string, aq store.AuditQuery) (store.Page[model.AuditLog], error) {
	return listOf(auditLogs, &t.tx, orgID, aq.ListOptions, func(q *listQuery) {
		// The range compares the same key the "created" order sorts by.
		if !aq.From.IsZero() {
			from := append([]byte{1}, timeKey(aq.From)...)
			q.conds = append(q.conds, func(arg func(any) string) string { return "s_created >= " + arg(from) })
		}
		if !aq.To.IsZero() {
			to := append([]byte{1}, timeKey(aq.To)...)
			q.conds = append(q.conds, func(arg func(any) string) string { return "s_created < " + arg(to) })
		}
	})
}

// ListAnalytics reads the org's records from From in time order up to To,
// on the index of the org and time.
func (t *defTx) ListAnalytics(aq store.AnalyticsQuery) ([]model.AnalyticsRecord, error) {
	args := []any{aq.OrgID, timeKey(aq.From)}
	sql := "SELECT raw, meta FROM " + analytics.name + " WHERE org = $1 AND s_time >= $2"
	if !aq.To.IsZero() {
		args = append(args, timeKey(aq.To))
		sql += " AND s_time < $3"
	}
	rows, err := t.tx.tx.Query(t.ctx, sql+" ORDER BY s_time, seq", args...)
	if err != nil {
		return nil, fmt.Errorf("list analytics of org %q: %w", aq.OrgID, err)
	}
	rs, err := analytics.scan(rows)
	if err != nil {
		return nil, fmt.Errorf("list analytics of org %q: %w", aq.OrgID, err)
	}
	out := []model.AnalyticsRecord{}
	for _, r := range rs {
		if (aq.APIKey != "" && r.Rec.APIKey != aq.APIKey) || (aq.OAuthID != "" && r.Rec.OauthID != aq.OAuthID) {
			continue
		}
		out = append(out, r.Rec)
	}
	return out, nil
}

func (t *defTx) GetSSONonce(nonce string) (*store.SSONonce, error) {
	return ssoNonces.get(&t.tx, "id", nonce, "(this nonce)")
}

func (t *defTx) GetPortalObject(kind store.PortalKind, id string) (*store.PortalObject, error) {
	return portalObjects.get(&t.tx, "id", portalID(kind, id), fmt.Sprintf("%s %q", kind, id))
}

func (t *defTx) GetPortalObjectByKey(kind store.PortalKind, orgID, key string) (*store.PortalObject, error) {
	return portalObjects.get(&t.tx, "u_key", []byte(orgID+sep+string(kind)+sep+key),
		fmt.Sprintf("%s with key %q in org %q", kind, key, orgID))
}

func (t *defTx) ListPortalObjects(kind store.PortalKind, orgID string, opts store.ListOptions) (store.Page[store.PortalObject], error) {
	return listOf(portalObjects, &t.tx, orgID, opts, func(q *listQuery) { q.facets = []string{facetKind + string(kind)} })
}

func (t *defTx) InsertOrg(o *model.Organisation) error { return orgs.insert(&t.tx, o) }
func (t *defTx) UpdateOrg(o *model.Organisation) error { return orgs.update(&t.tx, o) }
func (t *defTx) DeleteOrg(id string) error             { return orgs.delete(&t.tx, id) }

func (t *defTx) DeleteOrgData(orgID string) error {
	// An empty org would take every user without an org, the super users,
	// with it: that is never what a caller means.
	if orgID == "" {
		return fmt.Errorf("delete data of an org: no org id: %w", store.ErrInvalid)
	}
	for _, c := range collections {
		if c == collection(orgs) {
			continue
		}
		if err := c.deleteOrg(&t.tx, orgID); err != nil {
			return fmt.Errorf("delete data of org %q: %w", orgID, err)
		}
	}
	return nil
}

func (t *defTx) InsertUser(u *model.User) error { return users.insert(&t.tx, u) }
func (t *defTx) UpdateUser(u *model.User) error { return users.update(&t.tx, u) }
func (t *defTx) DeleteUser(id string) error     { return users.delete(&t.tx, id) }

func (t *defTx) InsertUserGroup(g *model.UserGroup) error { return userGroups.insert(&t.tx, g) }
func (t *defTx) UpdateUserGroup(g *model.UserGroup) error { return userGroups.update(&t.tx, g) }
func (t *defTx) DeleteUserGroup(id string) error          { return userGroups.delete(&t.tx, id) }

func (t *defTx) InsertAPI(a *model.APIDefinitionWrapper) error {
	if a != nil && a.APIDefinition == nil {
		return fmt.Errorf("insert API: no api_definition: %w", store.ErrInvalid)
	}
	return apis.insert(&t.tx, a)
}

func (t *defTx) UpdateAPI(a *model.APIDefinitionWrapper) error {
	if a != nil && a.APIDefinition == nil {
		return fmt.Errorf("update API: no api_definition: %w", store.ErrInvalid)
	}
	return apis.update(&t.tx, a)
}

func (t *defTx) DeleteAPI(id string) error { return apis.delete(&t.tx, id) }

func (t *defTx) InsertPolicy(p *model.Policy) error { return policies.insert(&t.tx, p) }
func (t *defTx) UpdatePolicy(p *model.Policy) error { return policies.update(&t.tx, p) }
func (t *defTx) DeletePolicy(mid string) error      { return policies.delete(&t.tx, mid) }

func (t *defTx) InsertOAuthClient(c *model.OAuthClient) error { return oauthClients.insert(&t.tx, c) }
func (t *defTx) UpdateOAuthClient(c *model.OAuthClient) error { return oauthClients.update(&t.tx, c) }

func (t *defTx) DeleteOAuthClient(clientID string) error {
	if err := oauthClients.delete(&t.tx, clientID); err != nil {
		return err
	}
	return t.DeleteOAuthTokens(clientID)
}

func (t *defTx) InsertOAuthToken(tok *model.OAuthClientToken) error {
	if tok != nil && tok.ClientID == "" {
		return fmt.Errorf("insert OAuth token: no client id: %w", store.ErrInvalid)
	}
	return oauthTokens.insert(&t.tx, tok)
}

func (t *defTx) DeleteOAuthTokens(clientID string) error {
	_, err := oauthTokens.deleteWhere(&t.tx, "x_client = $1", []byte(clientID))
	return err
}

func (t *defTx) InsertWebhook(h *model.WebHookHandlerConf) error { return webhooks.insert(&t.tx, h) }
func (t *defTx) UpdateWebhook(h *model.WebHookHandlerConf) error { return webhooks.update(&t.tx, h) }
func (t *defTx) DeleteWebhook(id string) error                   { return webhooks.delete(&t.tx, id) }

func (t *defTx) InsertAsset(a *model.Asset) error { return assets.insert(&t.tx, a) }
func (t *defTx) UpdateAsset(a *model.Asset) error { return assets.update(&t.tx, a) }
func (t *defTx) DeleteAsset(mid string) error     { return assets.delete(&t.tx, mid) }

func (t *defTx) InsertCertificate(c *store.Certificate) error { return certificates.insert(&t.tx, c) }
func (t *defTx) DeleteCertificate(id string) error            { return certificates.delete(&t.tx, id) }

func (t *defTx) InsertAuditLog(l *model.AuditLog) error { return auditLogs.insert(&t.tx, l) }

func (t *defTx) InsertAnalytics(r *model.AnalyticsRecord) error {
	if r == nil {
		return fmt.Errorf("insert analytics record: nil: %w", store.ErrInvalid)
	}
	return analytics.insert(&t.tx, &analyticsRow{Rec: *r})
}

func (t *defTx) InsertSSONonce(n *store.SSONonce) error { return ssoNonces.insert(&t.tx, n) }
func (t *defTx) DeleteSSONonce(nonce string) error      { return ssoNonces.delete(&t.tx, nonce) }

func (t *defTx) InsertPortalObject(o *store.PortalObject) error {
	return portalObjects.insert(&t.tx, o)
}

func (t *defTx) UpdatePortalObject(o *store.PortalObject) error {
	if o == nil {
		return fmt.Errorf("update portal object: nil: %w", store.ErrInvalid)
	}
	// An object never moves to another org: the org is part of what
	// keeps orgs apart, and of the key's index.
	var org string
	err := t.tx.tx.QueryRow(t.ctx, "SELECT org FROM "+portalObjects.name+" WHERE id = $1", portalID(o.Kind, o.ID)).Scan(&org)
	if err == nil && org != o.OrgID {
		return fmt.Errorf("update portal object %s %q: org %q is not its org %q: %w",
			o.Kind, o.ID, o.OrgID, org, store.ErrInvalid)
	}
	return portalObjects.update(&t.tx, o)
}

func (t *defTx) DeletePortalObject(kind store.PortalKind, id string) error {
	if portalID(kind, id) == "" {
		return fmt.Errorf("delete portal object %s %q: %w", kind, id, store.ErrNotFound)
	}
	return portalObjects.delete(&t.tx, portalID(kind, id))
}
