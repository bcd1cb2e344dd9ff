package memstore

import (
	"context"
	"fmt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Definitions is the in-memory store.Definitions: every collection but
// keys, in one database. It also implements store.Stateful. The zero
// value is not usable; call NewDefinitions.
type Definitions struct{ db *db }

var (
	_ store.Definitions = (*Definitions)(nil)
	_ store.Stateful    = (*Definitions)(nil)
)

// NewDefinitions returns an empty in-memory store of definitions.
func NewDefinitions() *Definitions {
	return &Definitions{db: newDB("definitions",
		orgs.schema(), users.schema(), userGroups.schema(), apis.schema(), policies.schema(),
		oauthClients.schema(), oauthTokens.schema(), webhooks.schema(), assets.schema(),
		certificates.schema(), auditLogs.schema(), analytics.schema(), ssoNonces.schema(), portalObjects.schema(),
	)}
}

// ViewDefinitions runs fn in a read transaction: fn sees one state however
// long it runs, and never waits for writers.
func (d *Definitions) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	return d.db.view(ctx, func(txn *transaction) error { return fn(&defTx{db: d.db, txn: txn}) })
}

// UpdateDefinitions runs fn in a write transaction; writers run one at a
// time. Nothing fn wrote is kept when it returns an error.
func (d *Definitions) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	return d.db.update(ctx, func(txn *transaction) error { return fn(&defTx{db: d.db, txn: txn}) })
}

// Snapshot returns the current state in O(1).
func (d *Definitions) Snapshot(ctx context.Context) (store.Snapshot, error) {
	return d.db.snapshot(ctx)
}

// Restore makes a snapshot of d the current state in O(1).
func (d *Definitions) Restore(ctx context.Context, s store.Snapshot) error {
	return d.db.restore(ctx, s)
}

// defTx is a transaction on definitions; its read methods work in read and
// write transactions alike.
type defTx struct {
	db  *db
	txn *transaction
}

var _ store.DefinitionsTx = (*defTx)(nil)

func (t *defTx) GetOrg(id string) (*model.Organisation, error) { return orgs.byID(t.txn, id) }

func (t *defTx) ListOrgs(opts store.ListOptions) (store.Page[model.Organisation], error) {
	q, err := orgs.query("", opts)
	if err != nil {
		return store.Page[model.Organisation]{}, err
	}
	return orgs.list(t.txn, q)
}

func (t *defTx) GetUser(id string) (*model.User, error) { return users.byID(t.txn, id) }

func (t *defTx) GetUserByEmail(orgID, email string) (*model.User, error) {
	key, _ := orgEmailKey(orgID, email)
	return users.get(t.txn, "email", key, fmt.Sprintf("with email %q", email))
}

func (t *defTx) GetUserByAccessKey(accessKey string) (*model.User, error) {
	// The key is a secret: the error does not repeat it.
	return users.get(t.txn, "access_key", accessKey, "with this access key")
}

func (t *defTx) ListUsers(orgID string, opts store.ListOptions) (store.Page[model.User], error) {
	q, err := users.query(orgID, opts)
	if err != nil {
		return store.Page[model.User]{}, err
	}
	q.allOrgs = orgID == ""
	return users.list(t.txn, q)
}

func (t *defTx) GetUserGroup(id string) (*model.UserGroup, error) { return userGroups.byID(t.txn, id) }

func (t *defTx) ListUserGroups(orgID string, opts store.ListOptions) (store.Page[model.UserGroup], error) {
	q, err := userGroups.query(orgID, opts)
	if err != nil {
		return store.Page[model.UserGroup]{}, err
	}
	q.allOrgs = orgID == ""
	return userGroups.list(t.txn, q)
}

func (t *defTx) GetAPI(id string) (*model.APIDefinitionWrapper, error) { return apis.byID(t.txn, id) }

func (t *defTx) GetAPIByAPIID(apiID string) (*model.APIDefinitionWrapper, error) {
	return apis.get(t.txn, "api_id", apiID, fmt.Sprintf("with api_id %q", apiID))
}

func (t *defTx) ListAPIs(orgID string, aq store.APIQuery) (store.Page[model.APIDefinitionWrapper], error) {
	q, err := apis.query(orgID, aq.ListOptions)
	if err != nil {
		return store.Page[model.APIDefinitionWrapper]{}, err
	}
	q.allOrgs = orgID == ""
	kind, err := apiKindOf("list APIs", aq.Kind)
	if err != nil {
		return store.Page[model.APIDefinitionWrapper]{}, err
	}
	// A category of one kind (the standard listing's ?category=) is one
	// facet: its index is walked and its counter is the total.
	switch {
	case aq.Category != "" && kind != "":
		q.facets = append(q.facets, kindCategoryFacet(kind, aq.Category))
	case aq.Category != "":
		q.facets = append(q.facets, facetCategory+aq.Category)
	case kind != "":
		q.facets = append(q.facets, apiKindFacet(kind == store.APIKindMCP))
	}
	if aq.AuthType != "" {
		q.facets = append(q.facets, facetAuthType+aq.AuthType)
	}
	switch aq.APIType {
	case "":
	case "oas", "classic":
		q.facets = append(q.facets, apiTypeFacet(aq.APIType == "oas"))
	default:
		return store.Page[model.APIDefinitionWrapper]{}, fmt.Errorf("list APIs: api_type %q is neither \"oas\" nor \"classic\": %w", aq.APIType, store.ErrInvalid)
	}
	if aq.Active != nil {
		q.facets = append(q.facets, activeFacet(*aq.Active))
	}
	if aq.Certificate != "" {
		q.facets = append(q.facets, facetCert+aq.Certificate)
	}
	return apis.list(t.txn, q)
}

// apiKindOf checks an APIQuery.Kind: "" (every kind), APIKindAPI or
// APIKindMCP.
func apiKindOf(doing, kind string) (string, error) {
	switch kind {
	case "", store.APIKindAPI, store.APIKindMCP:
		return kind, nil
	}
	return "", fmt.Errorf("%s: kind %q is neither %q nor %q: %w", doing, kind, store.APIKindAPI, store.APIKindMCP, store.ErrInvalid)
}

// APICategories reads the kept counters of the categories, of every kind
// or within one: no API is looked at.
func (t *defTx) APICategories(orgID, kind string) ([]model.CategoryCount, error) {
	kind, err := apiKindOf(fmt.Sprintf("API categories of org %q", orgID), kind)
	if err != nil {
		return nil, err
	}
	prefix := apis.table + sep + orgID + sep + facetCategory
	if kind != "" {
		prefix = apis.table + sep + orgID + sep + kindCategoryFacet(kind, "")
	}
	it := t.txn.Prefix(countsTable, "id", prefix, false)
	out := []model.CategoryCount{}
	for raw := it.Next(); raw != nil; raw = it.Next() {
		c := raw.(*counter)
		out = append(out, model.CategoryCount{Name: c.key[len(prefix):], Count: int64(c.n)})
	}
	return out, nil
}

func (t *defTx) GetPolicy(mid string) (*model.Policy, error) { return policies.byID(t.txn, mid) }

func (t *defTx) GetPolicyByID(orgID, id string) (*model.Policy, error) {
	return policies.get(t.txn, "custom_id", orgID+sep+id, fmt.Sprintf("with id %q in org %q", id, orgID))
}

func (t *defTx) ListPolicies(orgID string, opts store.ListOptions) (store.Page[model.Policy], error) {
	q, err := policies.query(orgID, opts)
	if err != nil {
		return store.Page[model.Policy]{}, err
	}
	q.allOrgs = orgID == ""
	return policies.list(t.txn, q)
}

func (t *defTx) GetOAuthClient(clientID string) (*model.OAuthClient, error) {
	return oauthClients.byID(t.txn, clientID)
}

func (t *defTx) ListOAuthClients(orgID, apiID string, opts store.ListOptions) (store.Page[model.OAuthClient], error) {
	q, err := oauthClients.query(orgID, opts)
	if err != nil {
		return store.Page[model.OAuthClient]{}, err
	}
	q.allOrgs = orgID == ""
	q.facets = []string{facetAPI + apiID}
	return oauthClients.list(t.txn, q)
}

func (t *defTx) ListOAuthTokens(clientID string) ([]model.OAuthClientToken, error) {
	rs, err := oauthTokens.rows(t.txn, "client", clientID+sep)
	if err != nil {
		return nil, err
	}
	out := make([]model.OAuthClientToken, len(rs))
	for i, r := range rs {
		out[i] = *r.copy()
	}
	return out, nil
}

func (t *defTx) GetWebhook(id string) (*model.WebHookHandlerConf, error) {
	return webhooks.byID(t.txn, id)
}

func (t *defTx) ListWebhooks(orgID string, opts store.ListOptions) (store.Page[model.WebHookHandlerConf], error) {
	q, err := webhooks.query(orgID, opts)
	if err != nil {
		return store.Page[model.WebHookHandlerConf]{}, err
	}
	q.allOrgs = orgID == ""
	return webhooks.list(t.txn, q)
}

func (t *defTx) GetAsset(mid string) (*model.Asset, error) { return assets.byID(t.txn, mid) }

func (t *defTx) GetAssetByID(orgID, id string) (*model.Asset, error) {
	return assets.get(t.txn, "custom_id", orgID+sep+id, fmt.Sprintf("with id %q in org %q", id, orgID))
}

func (t *defTx) ListAssets(orgID string, opts store.ListOptions) (store.Page[model.Asset], error) {
	q, err := assets.query(orgID, opts)
	if err != nil {
		return store.Page[model.Asset]{}, err
	}
	q.allOrgs = orgID == ""
	return assets.list(t.txn, q)
}

func (t *defTx) GetCertificate(id string) (*store.Certificate, error) {
	return certificates.byID(t.txn, id)
}

func (t *defTx) ListCertificates(orgID string, opts store.ListOptions) (store.Page[store.Certificate], error) {
	q, err := certificates.query(orgID, opts)
	if err != nil {
		return store.Page[store.Certificate]{}, err
	}
	q.allOrgs = orgID == ""
	return certificates.list(t.txn, q)
}

func (t *defTx) GetAuditLog(mid string) (*model.AuditLog, error) { return auditLogs.byID(t.txn, mid) }

func (t *defTx) ListAuditLogs(orgID string, aq store.AuditQuery) (store.Page[model.AuditLog], error) {
	q, err := auditLogs.query(orgID, aq.ListOptions)
	if err != nil {
		return store.Page[model.AuditLog]{}, err
	}
	q.allOrgs = orgID == ""
	if !aq.From.IsZero() || !aq.To.IsZero() {
		// A time range is a filter on the org's records rather than a
		// range walk, so that it combines with text and any order; audit
		// records of one org stay in the thousands in a test.
		from, to := aq.From, aq.To
		q.keep = func(l *model.AuditLog) bool {
			k := auditTimeKey(l)
			return (from.IsZero() || k >= "\x01"+timeKey(from)) && (to.IsZero() || k < "\x01"+timeKey(to))
		}
	}
	return auditLogs.list(t.txn, q)
}

// ListAnalytics walks the org's records from From in time order and stops
// at To: the range costs what it returns, not what the org holds.
func (t *defTx) ListAnalytics(aq store.AnalyticsQuery) ([]model.AnalyticsRecord, error) {
	prefix := aq.OrgID + sep
	it := t.txn.LowerBound(analytics.table, "org_time", prefix+timeKey(aq.From))
	out := []model.AnalyticsRecord{}
	for raw := it.Next(); raw != nil; raw = it.Next() {
		r := raw.(*row[analyticsRow]).copy()
		if r.Rec.OrgID != aq.OrgID || (!aq.To.IsZero() && !r.Rec.TimeStamp.Before(aq.To)) {
			break
		}
		if (aq.APIKey != "" && r.Rec.APIKey != aq.APIKey) || (aq.OAuthID != "" && r.Rec.OauthID != aq.OAuthID) {
			continue
		}
		out = append(out, r.Rec)
	}
	return out, nil
}

func (t *defTx) GetSSONonce(nonce string) (*store.SSONonce, error) {
	return ssoNonces.get(t.txn, "id", nonce, "(this nonce)")
}

func (t *defTx) InsertOrg(o *model.Organisation) error {
	return orgs.insert(t.txn, t.db.nextSeq(), o)
}

func (t *defTx) UpdateOrg(o *model.Organisation) error { return orgs.update(t.txn, o) }

func (t *defTx) DeleteOrg(id string) error { return orgs.delete(t.txn, id) }

func (t *defTx) DeleteOrgData(orgID string) error {
	// An empty org would take every user without an org, the super users,
	// with it: that is never what a caller means.
	if orgID == "" {
		return fmt.Errorf("delete data of an org: no org id: %w", store.ErrInvalid)
	}
	for _, del := range []func(*transaction, string) error{
		users.deleteOrg, userGroups.deleteOrg, apis.deleteOrg, policies.deleteOrg,
		oauthClients.deleteOrg, oauthTokens.deleteOrg, webhooks.deleteOrg, assets.deleteOrg,
		certificates.deleteOrg, auditLogs.deleteOrg, analytics.deleteOrg, ssoNonces.deleteOrg, portalObjects.deleteOrg,
	} {
		if err := del(t.txn, orgID); err != nil {
			return fmt.Errorf("delete data of org %q: %w", orgID, err)
		}
	}
	return nil
}

func (t *defTx) InsertUser(u *model.User) error { return users.insert(t.txn, t.db.nextSeq(), u) }

func (t *defTx) UpdateUser(u *model.User) error { return users.update(t.txn, u) }

func (t *defTx) DeleteUser(id string) error { return users.delete(t.txn, id) }

func (t *defTx) InsertUserGroup(g *model.UserGroup) error {
	return userGroups.insert(t.txn, t.db.nextSeq(), g)
}

func (t *defTx) UpdateUserGroup(g *model.UserGroup) error { return userGroups.update(t.txn, g) }

func (t *defTx) DeleteUserGroup(id string) error { return userGroups.delete(t.txn, id) }

func (t *defTx) InsertAPI(a *model.APIDefinitionWrapper) error {
	if a != nil && a.APIDefinition == nil {
		return fmt.Errorf("insert API: no api_definition: %w", store.ErrInvalid)
	}
	return apis.insert(t.txn, t.db.nextSeq(), a)
}

func (t *defTx) UpdateAPI(a *model.APIDefinitionWrapper) error {
	if a != nil && a.APIDefinition == nil {
		return fmt.Errorf("update API: no api_definition: %w", store.ErrInvalid)
	}
	return apis.update(t.txn, a)
}

func (t *defTx) DeleteAPI(id string) error { return apis.delete(t.txn, id) }

func (t *defTx) InsertPolicy(p *model.Policy) error {
	return policies.insert(t.txn, t.db.nextSeq(), p)
}

func (t *defTx) UpdatePolicy(p *model.Policy) error { return policies.update(t.txn, p) }

func (t *defTx) DeletePolicy(mid string) error { return policies.delete(t.txn, mid) }

func (t *defTx) InsertOAuthClient(c *model.OAuthClient) error {
	return oauthClients.insert(t.txn, t.db.nextSeq(), c)
}

func (t *defTx) UpdateOAuthClient(c *model.OAuthClient) error { return oauthClients.update(t.txn, c) }

func (t *defTx) DeleteOAuthClient(clientID string) error {
	if err := oauthClients.delete(t.txn, clientID); err != nil {
		return err
	}
	return t.DeleteOAuthTokens(clientID)
}

func (t *defTx) InsertOAuthToken(tok *model.OAuthClientToken) error {
	if tok != nil && tok.ClientID == "" {
		return fmt.Errorf("insert OAuth token: no client id: %w", store.ErrInvalid)
	}
	return oauthTokens.insert(t.txn, t.db.nextSeq(), tok)
}

func (t *defTx) DeleteOAuthTokens(clientID string) error {
	rs, err := oauthTokens.rows(t.txn, "client", clientID+sep)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := oauthTokens.deleteRow(t.txn, r); err != nil {
			return err
		}
	}
	return nil
}

func (t *defTx) InsertWebhook(h *model.WebHookHandlerConf) error {
	return webhooks.insert(t.txn, t.db.nextSeq(), h)
}

func (t *defTx) UpdateWebhook(h *model.WebHookHandlerConf) error { return webhooks.update(t.txn, h) }

func (t *defTx) DeleteWebhook(id string) error { return webhooks.delete(t.txn, id) }

func (t *defTx) InsertAsset(a *model.Asset) error { return assets.insert(t.txn, t.db.nextSeq(), a) }

func (t *defTx) UpdateAsset(a *model.Asset) error { return assets.update(t.txn, a) }

func (t *defTx) DeleteAsset(mid string) error { return assets.delete(t.txn, mid) }

func (t *defTx) InsertCertificate(c *store.Certificate) error {
	return certificates.insert(t.txn, t.db.nextSeq(), c)
}

func (t *defTx) DeleteCertificate(id string) error { return certificates.delete(t.txn, id) }

func (t *defTx) InsertAuditLog(l *model.AuditLog) error {
	return auditLogs.insert(t.txn, t.db.nextSeq(), l)
}

// DeleteAuditLog deletes one audit record (store.AuditLogDeleter).
func (t *defTx) DeleteAuditLog(mid string) error { return auditLogs.delete(t.txn, mid) }

// InsertAuditLogs inserts audit records (store.AuditLogBatchWriter).
func (t *defTx) InsertAuditLogs(ls []*model.AuditLog) error {
	return auditLogs.insertAll(t.txn, t.db.nextSeq, ls)
}

// DeleteAuditLogs deletes the audit records it holds of mids
// (store.AuditLogBatchWriter).
func (t *defTx) DeleteAuditLogs(mids []string) (int, error) {
	return auditLogs.deleteAll(t.txn, mids)
}

func (t *defTx) InsertAnalytics(r *model.AnalyticsRecord) error {
	if r == nil {
		return fmt.Errorf("insert analytics record: nil: %w", store.ErrInvalid)
	}
	return analytics.insert(t.txn, t.db.nextSeq(), &analyticsRow{Rec: *r})
}

func (t *defTx) InsertSSONonce(n *store.SSONonce) error {
	return ssoNonces.insert(t.txn, t.db.nextSeq(), n)
}

func (t *defTx) DeleteSSONonce(nonce string) error { return ssoNonces.delete(t.txn, nonce) }

func (t *defTx) GetPortalObject(kind store.PortalKind, id string) (*store.PortalObject, error) {
	return portalObjects.get(t.txn, "id", portalID(kind, id), fmt.Sprintf("%s %q", kind, id))
}

func (t *defTx) GetPortalObjectByKey(kind store.PortalKind, orgID, key string) (*store.PortalObject, error) {
	return portalObjects.get(t.txn, "key", orgID+sep+string(kind)+sep+key,
		fmt.Sprintf("%s with key %q in org %q", kind, key, orgID))
}

func (t *defTx) ListPortalObjects(kind store.PortalKind, orgID string, opts store.ListOptions) (store.Page[store.PortalObject], error) {
	q, err := portalObjects.query(orgID, opts)
	if err != nil {
		return store.Page[store.PortalObject]{}, err
	}
	q.allOrgs = orgID == ""
	q.facets = []string{facetKind + string(kind)}
	return portalObjects.list(t.txn, q)
}

func (t *defTx) InsertPortalObject(o *store.PortalObject) error {
	return portalObjects.insert(t.txn, t.db.nextSeq(), o)
}

func (t *defTx) UpdatePortalObject(o *store.PortalObject) error {
	if o == nil {
		return fmt.Errorf("update portal object: nil: %w", store.ErrInvalid)
	}
	// An object never moves to another org: the org is part of what
	// keeps orgs apart, and of the key's index.
	old, err := portalObjects.first(t.txn, "id", portalID(o.Kind, o.ID))
	if err != nil {
		return err
	}
	if old != nil && old.view().OrgID != o.OrgID {
		return fmt.Errorf("update portal object %s %q: org %q is not its org %q: %w",
			o.Kind, o.ID, o.OrgID, old.view().OrgID, store.ErrInvalid)
	}
	return portalObjects.update(t.txn, o)
}

func (t *defTx) DeletePortalObject(kind store.PortalKind, id string) error {
	if portalID(kind, id) == "" {
		return fmt.Errorf("delete portal object %s %q: %w", kind, id, store.ErrNotFound)
	}
	return portalObjects.delete(t.txn, portalID(kind, id))
}
