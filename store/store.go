// Package store is the storage interface of the in-memory Dashboard: every
// collection the Dashboard API serves, behind transactions, with typed errors.
//
// # Two stores
//
// As in the Dashboard itself, definitions (organisations, users, groups,
// APIs, policies, OAuth clients, webhooks, assets, audit and analytics
// records, SSO nonces, the classic portal's objects) and sessions (keys) are separate: a Store is a
// [Definitions] and a [Sessions], and [Combine] joins any two, so that a
// session store of one's own can sit beside the in-memory definitions, or the
// other way round:
//
//	s := store.Combine(memstore.NewDefinitions(), mySessions)
//
// A transaction spans one of the two: keys and definitions are never
// written in one transaction, so a caller that must change both (deleting an
// org with its keys) does so in two, definitions first.
//
// # Writing a backend
//
// Implement [Definitions] or [Sessions] (or both, as store/memstore does),
// and [Stateful] on each so that [Combine] can snapshot, restore, export and
// import it. Rules every implementation keeps, and that store/storetest
// checks:
//
//   - View and Update run fn in one transaction: fn sees one consistent state
//     (its own writes included, nobody else's); if fn returns an error, or ctx
//     ends before the commit, nothing it wrote is kept; concurrent Updates
//     lose no write.
//   - Objects passed in and returned are copies: a caller that changes an
//     object after inserting it, or one it read, does not change what is
//     stored.
//   - Look-ups by identifier use an index, never a scan: by db id, api_id, a
//     policy's or an asset's custom id within its org, a key's id, hash and
//     basic-auth username ([Key.BasicAuthUsername]) within its org, a user's
//     email (without case) within its org and access key, an OAuth client id, a portal
//     object's kind and id and its kind, org and key.
//   - Identifiers are unique: a db id per collection, an api_id per store,
//     a custom policy or asset id per org, a user email per org (a
//     Dashboard with enable_multi_org_users has one person in several
//     orgs; one without refuses it above the store) and access key per
//     store, a key's hash per store, a basic-auth username per org, a portal
//     object's id per kind and its key per kind and org. Breaking
//     one returns an error wrapping [ErrConflict]; a missing object one
//     wrapping [ErrNotFound]; an object without its id, or a query the store
//     cannot answer (an unknown sort field), [ErrInvalid]. Errors name the
//     collection and the identifier: `policy "5e9d...": store: not found`.
//   - Lists are scoped to an org and paginated inside the store; an empty
//     org lists every org's objects (what a super user without an org sees;
//     APICategories and ListAnalytics read one org only): see
//     [ListOptions] and [Page]. A list of page 1 should not cost more with a
//     hundred thousand objects than with a thousand: walk an index in the
//     wanted order and keep counts rather than counting.
//   - ctx is honoured: a call with a cancelled context fails with ctx.Err()
//     and runs nothing.
//   - Snapshot and Restore are cheap enough to reset a test's state between
//     tests; Export writes one [Record] per line, each collection in creation
//     order, and Import reads the same stream back, all or nothing.
//
// Then run the conformance suite from a test:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func() store.Store { return mystore.New() })
//	}
//
// A backend of only one half runs it combined with the other half of
// store/memstore:
//
//	storetest.Run(t, func() store.Store {
//		return store.Combine(memstore.NewDefinitions(), mysessions.New())
//	})
package store

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/dashkit/dashkit/model"
)

// Errors a store returns, wrapped with what was being done.
var (
	ErrNotFound = errors.New("store: not found")
	ErrConflict = errors.New("store: conflict")
	ErrInvalid  = errors.New("store: invalid")
)

// Store is a whole Dashboard's state.
type Store interface {
	Definitions
	Sessions
	// Snapshot returns a point-in-time copy of the whole state; Restore makes
	// it the current state again. Neither blocks readers for long: the
	// in-memory store does both in O(1).
	Snapshot(ctx context.Context) (Snapshot, error)
	Restore(ctx context.Context, s Snapshot) error
	// Export writes the whole state as a JSON stream; Import replaces the
	// whole state with one Export wrote.
	Export(ctx context.Context, w io.Writer) error
	Import(ctx context.Context, r io.Reader) error
}

// Snapshot is an opaque point-in-time state of a Store; only the Store that
// made it can restore it.
type Snapshot interface{ SnapshotOf() string }

// Definitions stores everything but keys.
type Definitions interface {
	ViewDefinitions(ctx context.Context, fn func(tx DefinitionsReader) error) error
	UpdateDefinitions(ctx context.Context, fn func(tx DefinitionsTx) error) error
}

// Sessions stores keys.
type Sessions interface {
	ViewSessions(ctx context.Context, fn func(tx SessionsReader) error) error
	UpdateSessions(ctx context.Context, fn func(tx SessionsTx) error) error
}

// ListOptions filter, order and paginate a list.
type ListOptions struct {
	// Page counts from 1; 0 or below returns every item in one page. A page
	// beyond the last is empty, with Total and Pages still those of the
	// whole list.
	Page int
	// PageSize is the number of items a page holds; 0 means 10.
	PageSize int
	// Query keeps the items whose name contains it, case-insensitively.
	Query string
	// Sort is the field to order by: "name", "created" or "updated" (and for
	// APIs also "api_id"); a leading "-" orders descending. Empty means the
	// order of creation. Names compare without case; objects that compare
	// equal keep the order of creation, and "-" reverses the whole order,
	// ties included. "created" of a collection without a creation time is
	// the order of creation; a field a collection does not have is
	// ErrInvalid.
	Sort string
}

// AuditLogDeleter is a DefinitionsTx that can delete an audit record by
// its _id. It is optional: a server that bounds its audit log (the
// memserver drops the oldest records first) uses it when the store has it.
type AuditLogDeleter interface {
	DeleteAuditLog(mid string) error
}

// AuditLogBatchWriter is a DefinitionsTx that writes many audit records
// in one call, for a server that queues them (the memserver writes a
// request's record with the next batch): what one record costs a store
// beyond its own rows (an org's count, say) is then paid once a batch.
// Both calls act as the one-record calls would one after the other, and
// fail as they would at the first record that fails. DeleteAuditLogs skips
// the ids it does not hold, and returns how many it deleted.
type AuditLogBatchWriter interface {
	InsertAuditLogs(ls []*model.AuditLog) error
	DeleteAuditLogs(mids []string) (int, error)
}

// AuditLogTrimmer is a DefinitionsTx that bounds the audit log itself: it
// deletes the oldest records, in the order they were written, until at
// most maxRecords are left and, when maxBytes > 0, their bytes (as the
// store counts them, about) are at most maxBytes, and returns how many it
// deleted. It is optional, and preferred to AuditLogDeleter where a store
// has it: a store that outlives its process or is shared by several keeps
// records no one process wrote, which only the store can count.
type AuditLogTrimmer interface {
	TrimAuditLogs(maxRecords int, maxBytes int64) (int, error)
}

// PageStart is the index of the first item of page (counting from 1) of a
// list of total items in pages of size, or total for a page beyond the last.
// It is the one rule of page arithmetic: it never overflows, whatever page
// and size are (a page of 9000000000000000000 is simply beyond the last).
func PageStart(page, size, total int) int {
	if page <= 1 || size <= 0 {
		return 0
	}
	if page-1 > total/size {
		return total
	}
	return min((page-1)*size, total)
}

// PageEnd is the index after the last item of the page that starts at
// start.
func PageEnd(start, size, total int) int {
	if size <= 0 || size > total-start {
		return total
	}
	return start + size
}

// Kinds of API, as APIQuery.Kind selects them.
const (
	APIKindAPI = "api"
	APIKindMCP = "mcp"
)

// APIQuery lists APIs.
type APIQuery struct {
	ListOptions
	// Category keeps the APIs in this category.
	Category string
	// AuthType keeps the APIs using this authentication: "keyless",
	// "authToken", "basic", "jwt", "oauth", "hmac", "openid", "mtls",
	// "custom" (see [model.APIAuthType]).
	AuthType string
	// APIType keeps "oas" or "classic" APIs.
	APIType string
	// Kind keeps every API that is not an MCP proxy (APIKindAPI) or only
	// the MCP proxies (APIKindMCP), as [model.IsMCPProxy] tells them
	// apart; "" keeps both. The Dashboard's standard API listings leave
	// MCP proxies out (Tyk's "MCP API extensions" page).
	Kind string
	// Active keeps the active (true) or inactive (false) APIs.
	Active *bool
	// Certificate keeps the APIs that name this certificate id anywhere
	// [model.APICertificateUses] looks (client, upstream, server and pinned
	// certificates), answered from an index.
	Certificate string
}

// KeyQuery lists keys.
type KeyQuery struct {
	ListOptions
	// APIID keeps the keys with access to this API.
	APIID string
}

// AuditQuery lists audit log records.
type AuditQuery struct {
	ListOptions
	From, To time.Time
}

// AnalyticsQuery selects analytics records of an org in [From, To).
type AnalyticsQuery struct {
	OrgID    string
	APIKey   string
	OAuthID  string
	From, To time.Time
}

// Page is one page of a list.
type Page[T any] struct {
	Items []T
	// Total is the number of items of the whole list; Pages the number of
	// pages (at least 1, even for an empty list).
	Total int
	Pages int
}

// Key is a stored key: its id, its hash and its session.
type Key struct {
	ID      string             `json:"id"`
	Hash    string             `json:"hash"`
	OrgID   string             `json:"org_id"`
	Session model.SessionState `json:"session"`
	// Username is the basic-auth user name of a basic-auth key, by which
	// GetKeyByUsername finds it. When it is empty and the session has a
	// basic-auth password, a store takes the key id without its org prefix
	// (see [model.BasicAuthKeyID]).
	Username string `json:"username,omitempty"`
}

// BasicAuthUsername is the user name under which GetKeyByUsername finds k,
// or "" when k is not a basic-auth key.
func (k *Key) BasicAuthUsername() string {
	if k.Username != "" {
		return k.Username
	}
	if k.Session.BasicAuthData.Password == "" || k.OrgID == "" || len(k.ID) <= len(k.OrgID) || k.ID[:len(k.OrgID)] != k.OrgID {
		return ""
	}
	return k.ID[len(k.OrgID):]
}

// SSONonce is a one-time token of the SSO routes.
type SSONonce struct {
	Nonce string              `json:"nonce"`
	OrgID string              `json:"org_id"`
	Data  model.SSOAccessData `json:"data"`
	// CreatedBy is the id of the user whose request made the nonce, empty
	// when the Admin API made it: what the nonce grants is checked against
	// that user's rights again when it is taken.
	CreatedBy string `json:"created_by,omitempty"`
	// ExpiresAt is kept, not enforced: a store has no clock, so the caller
	// compares it with its own.
	ExpiresAt time.Time `json:"expires_at"`
}

// Certificate is a certificate (or a public key) of an org, as the
// Dashboard keeps it: its id, the org id followed by the hex SHA-256
// fingerprint of the certificate's DER (the gateway's certs package forms it
// so), and the PEM stored: the certificate chain, then its private key when
// one came with it. Everything else (subject, issuer, dates) is read from
// the PEM.
type Certificate struct {
	ID    string `json:"id"`
	OrgID string `json:"org_id"`
	PEM   string `json:"pem"`
}

// PortalKind is a kind of object of the classic developer portal.
type PortalKind string

// The kinds of the classic portal the Dashboard API serves. An org has at
// most one catalogue, configuration, CSS, JavaScript and menus object (the
// memserver keys them "org", see [PortalObject.Key]) and any number of the
// others. A store keeps any non-empty kind; these are the ones in use.
const (
	PortalCatalogue     PortalKind = "catalogue"
	PortalConfiguration PortalKind = "configuration"
	PortalCSS           PortalKind = "css"
	PortalJS            PortalKind = "js"
	PortalMenus         PortalKind = "menus"
	PortalDocumentation PortalKind = "documentation"
	PortalPage          PortalKind = "page"
	PortalDeveloper     PortalKind = "developer"
	PortalKeyRequest    PortalKind = "key_request"
)

// PortalObject is one object of an org's classic developer portal: the
// model object (model.PortalCatalogue, model.PortalDeveloper, ...) as JSON,
// with what the store looks it up, filters and orders it by. One shape for
// every kind keeps the interface of the store small; the memserver decodes
// and validates Data with the model types before it stores anything.
type PortalObject struct {
	Kind  PortalKind `json:"kind"`
	ID    string     `json:"id"`
	OrgID string     `json:"org_id"`
	// Key, when set, identifies the object within its kind and org besides
	// its id: the memserver sets a developer's email (lower-cased), and
	// "org" for a kind an org has one of, so that the store refuses a
	// second.
	Key string `json:"key,omitempty"`
	// Name is what ListOptions.Query matches and the "name" order sorts: a
	// page's title, a developer's email.
	Name string `json:"name,omitempty"`
	// Created orders "created".
	Created time.Time       `json:"created"`
	Data    json.RawMessage `json:"data"`
}

// DefinitionsReader reads definitions inside a transaction. Every Get returns
// an error wrapping ErrNotFound when nothing matches.
type DefinitionsReader interface {
	GetOrg(id string) (*model.Organisation, error)
	ListOrgs(opts ListOptions) (Page[model.Organisation], error)

	GetUser(id string) (*model.User, error)
	// GetUserByEmail finds the user of org with email, without case; org
	// "" finds super users.
	GetUserByEmail(orgID, email string) (*model.User, error)
	GetUserByAccessKey(accessKey string) (*model.User, error)
	// ListUsers lists the users of org; an empty org lists every user.
	ListUsers(orgID string, opts ListOptions) (Page[model.User], error)

	GetUserGroup(id string) (*model.UserGroup, error)
	ListUserGroups(orgID string, opts ListOptions) (Page[model.UserGroup], error)

	// GetAPI finds an API by its db id (api_definition.id).
	GetAPI(id string) (*model.APIDefinitionWrapper, error)
	GetAPIByAPIID(apiID string) (*model.APIDefinitionWrapper, error)
	ListAPIs(orgID string, q APIQuery) (Page[model.APIDefinitionWrapper], error)
	// APICategories counts the APIs of org of one kind per category, by
	// name, as [APIQuery.Kind] selects them: APIKindAPI counts what the
	// standard listing (GET /api/apis?category=) holds, MCP proxies left
	// out; APIKindMCP only the MCP proxies; "" every API. Another kind is
	// ErrInvalid. A category without an API of the kind is not in the
	// answer. Like a list's total it should not cost more with many
	// APIs: store/memstore keeps counters per kind and category;
	// store/pgstore takes the categories of the org's MCP proxies, read
	// from their own index, off its counters of every kind.
	APICategories(orgID, kind string) ([]model.CategoryCount, error)

	// GetPolicy finds a policy by its db id (_id).
	GetPolicy(mid string) (*model.Policy, error)
	// GetPolicyByID finds a policy of org by its custom id.
	GetPolicyByID(orgID, id string) (*model.Policy, error)
	ListPolicies(orgID string, opts ListOptions) (Page[model.Policy], error)

	GetOAuthClient(clientID string) (*model.OAuthClient, error)
	// ListOAuthClients lists the clients of one API of org.
	ListOAuthClients(orgID, apiID string, opts ListOptions) (Page[model.OAuthClient], error)
	ListOAuthTokens(clientID string) ([]model.OAuthClientToken, error)

	GetWebhook(id string) (*model.WebHookHandlerConf, error)
	ListWebhooks(orgID string, opts ListOptions) (Page[model.WebHookHandlerConf], error)

	// GetAsset finds an asset by its db id (_id).
	GetAsset(mid string) (*model.Asset, error)
	// GetAssetByID finds an asset of org by its custom id.
	GetAssetByID(orgID, id string) (*model.Asset, error)
	ListAssets(orgID string, opts ListOptions) (Page[model.Asset], error)

	GetCertificate(id string) (*Certificate, error)
	// ListCertificates lists the certificates of org in the order of their
	// upload; Query matches within the id, and "created" is the one Sort a
	// certificate has.
	ListCertificates(orgID string, opts ListOptions) (Page[Certificate], error)

	GetAuditLog(mid string) (*model.AuditLog, error)
	ListAuditLogs(orgID string, q AuditQuery) (Page[model.AuditLog], error)

	ListAnalytics(q AnalyticsQuery) ([]model.AnalyticsRecord, error)

	GetSSONonce(nonce string) (*SSONonce, error)

	// GetPortalObject finds an object of the classic portal by its kind and
	// id.
	GetPortalObject(kind PortalKind, id string) (*PortalObject, error)
	// GetPortalObjectByKey finds the object of kind in org whose Key is key.
	GetPortalObjectByKey(kind PortalKind, orgID, key string) (*PortalObject, error)
	// ListPortalObjects lists the objects of kind of org; an empty org lists
	// every org's. Query matches Name; Sort takes "name" and "created".
	ListPortalObjects(kind PortalKind, orgID string, opts ListOptions) (Page[PortalObject], error)
}

// DefinitionsTx reads and writes definitions inside a transaction. Insert
// fails with ErrConflict when an identifier is taken; Update and Delete with
// ErrNotFound when the object does not exist.
type DefinitionsTx interface {
	DefinitionsReader

	InsertOrg(o *model.Organisation) error
	UpdateOrg(o *model.Organisation) error
	DeleteOrg(id string) error
	// DeleteOrgData deletes every definition that belongs to org (not the
	// org itself). An empty orgID is ErrInvalid: it would take the users
	// without an org, the super users, with it.
	DeleteOrgData(orgID string) error

	InsertUser(u *model.User) error
	UpdateUser(u *model.User) error
	DeleteUser(id string) error

	InsertUserGroup(g *model.UserGroup) error
	UpdateUserGroup(g *model.UserGroup) error
	DeleteUserGroup(id string) error

	// InsertAPI and UpdateAPI key the API by api_definition.id; api_id is
	// unique across the store. UpdateAPI may change the api_id.
	InsertAPI(a *model.APIDefinitionWrapper) error
	UpdateAPI(a *model.APIDefinitionWrapper) error
	DeleteAPI(id string) error

	// Policies are keyed by _id; a custom id is unique within its org.
	InsertPolicy(p *model.Policy) error
	UpdatePolicy(p *model.Policy) error
	DeletePolicy(mid string) error

	InsertOAuthClient(c *model.OAuthClient) error
	UpdateOAuthClient(c *model.OAuthClient) error
	// DeleteOAuthClient deletes the client and its tokens.
	DeleteOAuthClient(clientID string) error
	InsertOAuthToken(t *model.OAuthClientToken) error
	DeleteOAuthTokens(clientID string) error

	InsertWebhook(h *model.WebHookHandlerConf) error
	UpdateWebhook(h *model.WebHookHandlerConf) error
	DeleteWebhook(id string) error

	// Assets are keyed by _id; the custom id is unique within its org.
	InsertAsset(a *model.Asset) error
	UpdateAsset(a *model.Asset) error
	DeleteAsset(mid string) error

	// Certificates are keyed by their id and never change: a new PEM is a
	// new id.
	InsertCertificate(c *Certificate) error
	DeleteCertificate(id string) error

	InsertAuditLog(l *model.AuditLog) error
	InsertAnalytics(r *model.AnalyticsRecord) error

	InsertSSONonce(n *SSONonce) error
	DeleteSSONonce(nonce string) error

	// Portal objects are keyed by kind and id; a Key, when set, is unique
	// among the objects of its kind in its org. UpdatePortalObject may
	// change the Key, the Name and the Data, never the org.
	InsertPortalObject(o *PortalObject) error
	UpdatePortalObject(o *PortalObject) error
	DeletePortalObject(kind PortalKind, id string) error
}

// SessionsReader reads keys inside a transaction.
type SessionsReader interface {
	GetKey(id string) (*Key, error)
	GetKeyByHash(hash string) (*Key, error)
	// GetKeyByUsername finds the basic-auth key of a user of org.
	GetKeyByUsername(orgID, username string) (*Key, error)
	ListKeys(orgID string, q KeyQuery) (Page[Key], error)
}

// SessionsTx reads and writes keys inside a transaction.
type SessionsTx interface {
	SessionsReader
	InsertKey(k *Key) error
	UpdateKey(k *Key) error
	DeleteKey(id string) error
	// DeleteOrgKeys deletes every key of org; an empty orgID is ErrInvalid.
	DeleteOrgKeys(orgID string) error
}
