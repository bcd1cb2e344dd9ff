package memserver

import (
	"context"
	"io"
	"sync"
	"sync/atomic"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// GET /api/apis/{id} is the most frequent read of real clients, and an API
// definition is large: encoding it is most of the request's work. The
// Server keeps each API's encoded answer and serves it again until any API
// changes.
//
// Every write reaches the store through trackedStore, which counts the
// transactions that may have changed an API (an API written or deleted, an
// org's data deleted, a restore or an import). An encoded answer is kept
// with the count read before the transaction that read the API, and is
// served only while the count has not moved, so it can never be older than
// the store. The count is raised inside the transaction, before the write
// commits, so that nothing answers from an entry older than a write that
// is visible, and again after it commits, so that a reader that saw the
// old object in between cannot keep its answer past the write.

// A store other processes write too (WithSharedStore: a database several
// memservers share) changes without this Server's knowing: the cache is off
// and every read goes to the store.

// apiAnswer is an encoded GET /api/apis/{id} answer.
type apiAnswer struct {
	gen  uint64
	org  string
	body []byte
}

// apiCache holds the encoded answers of one Server, by the id in the path,
// and what key writes need to know of an API (its org and name), by api_id.
type apiCache struct {
	// off says the store is shared: nothing is kept.
	off     bool
	gen     atomic.Uint64
	answers sync.Map // string -> *apiAnswer
	metas   sync.Map // api_id -> *apiMeta
}

// apiMeta is what a key's access right needs of its API.
type apiMeta struct {
	gen       uint64
	org, name string
}

// meta returns the org and name of the API with apiID, reading the store
// only when they are not known since the last change of any API.
func (ac *apiCache) meta(tx store.DefinitionsReader, apiID string) (*apiMeta, error) {
	gen := ac.gen.Load()
	if ac.off {
		w, err := tx.GetAPIByAPIID(apiID)
		if err != nil {
			return nil, err
		}
		return &apiMeta{gen: gen, org: w.APIDefinition.OrgID, name: w.APIDefinition.Name}, nil
	}
	if v, ok := ac.metas.Load(apiID); ok && v.(*apiMeta).gen == gen {
		return v.(*apiMeta), nil
	}
	w, err := tx.GetAPIByAPIID(apiID)
	if err != nil {
		return nil, err
	}
	m := &apiMeta{gen: gen, org: w.APIDefinition.OrgID, name: w.APIDefinition.Name}
	if x, ok := tx.(*trackedTx); !ok || !x.apis {
		// A transaction that wrote an API sees what is not committed yet
		// (and may never be): it is not kept for others.
		ac.metas.Store(apiID, m)
	}
	return m, nil
}

// get returns the answer for id if it is current.
func (ac *apiCache) get(id string) (*apiAnswer, bool) {
	if ac.off {
		return nil, false
	}
	v, ok := ac.answers.Load(id)
	if !ok {
		return nil, false
	}
	a := v.(*apiAnswer)
	return a, a.gen == ac.gen.Load()
}

func (ac *apiCache) put(id string, a *apiAnswer) {
	if !ac.off {
		ac.answers.Store(id, a)
	}
}

// changed marks every kept answer stale.
func (ac *apiCache) changed() {
	ac.gen.Add(1)
	ac.answers.Clear()
	ac.metas.Clear()
}

// trackedStore passes every call to the store it wraps and tells the cache
// when APIs may have changed.
type trackedStore struct {
	store.Store
	cache  *apiCache
	server *Server
}

func (t *trackedStore) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	// Queued audit records go first, so that a write (deleting an org's
	// data, say) sees them.
	t.server.flushAudit(ctx)
	tx := &trackedTx{cache: t.cache, auth: &t.server.auth}
	err := t.Store.UpdateDefinitions(ctx, func(inner store.DefinitionsTx) error {
		tx.DefinitionsTx = inner
		return fn(tx)
	})
	// Marked stale again once the write is visible: a reader that looked
	// between the mark inside the transaction and its commit saw the old
	// API (or user) and kept it under the first mark.
	if tx.apis {
		t.cache.changed()
	}
	if tx.users {
		t.server.auth.changed()
	}
	return err
}

// Snapshot and Export see the audit records still queued.
func (t *trackedStore) Snapshot(ctx context.Context) (store.Snapshot, error) {
	t.server.flushAudit(ctx)
	return t.Store.Snapshot(ctx)
}

func (t *trackedStore) Export(ctx context.Context, w io.Writer) error {
	t.server.flushAudit(ctx)
	return t.Store.Export(ctx, w)
}

func (t *trackedStore) Restore(ctx context.Context, s store.Snapshot) error {
	t.server.auth.changed()
	defer t.server.auth.changed()
	defer t.cache.changed()
	return t.Store.Restore(ctx, s)
}

func (t *trackedStore) Import(ctx context.Context, r io.Reader) error {
	t.server.auth.changed()
	defer t.server.auth.changed()
	defer t.cache.changed()
	return t.Store.Import(ctx, r)
}

// trackedTx notes the writes that may change an API, and marks the cache
// stale inside the transaction, before the write commits: a check that
// runs once the write is visible (a key naming an API deleted a moment
// before) must never find the API's old entry still current. It does the
// same for the writes that may change what a secret authenticates (see
// authcache.go).
type trackedTx struct {
	store.DefinitionsTx
	cache *apiCache
	apis  bool
	auth  *authCache
	users bool
}

func (x *trackedTx) touch() {
	if x.apis {
		return // cleared at the first API write; the clear after commit covers the rest
	}
	x.apis = true
	x.cache.changed()
}

func (x *trackedTx) InsertAPI(a *model.APIDefinitionWrapper) error {
	x.touch()
	return x.DefinitionsTx.InsertAPI(a)
}

func (x *trackedTx) UpdateAPI(a *model.APIDefinitionWrapper) error {
	x.touch()
	return x.DefinitionsTx.UpdateAPI(a)
}

func (x *trackedTx) DeleteAPI(id string) error {
	x.touch()
	return x.DefinitionsTx.DeleteAPI(id)
}

func (x *trackedTx) DeleteOrgData(orgID string) error {
	x.touch()
	x.touchAuth()
	return x.DefinitionsTx.DeleteOrgData(orgID)
}

// touchAuth marks the kept authentications stale, once per transaction,
// before a write of what authenticate reads: a user (found by its secret)
// or a user group (whose permissions its members hold). Org writes count
// too: deleting an org's data deletes its users, and a store may delete
// or change an org's users with the org.
func (x *trackedTx) touchAuth() {
	if x.users {
		return // the clear after commit covers the rest
	}
	x.users = true
	x.auth.changed()
}

func (x *trackedTx) InsertUser(u *model.User) error {
	x.touchAuth()
	return x.DefinitionsTx.InsertUser(u)
}

func (x *trackedTx) UpdateUser(u *model.User) error {
	x.touchAuth()
	return x.DefinitionsTx.UpdateUser(u)
}

func (x *trackedTx) DeleteUser(id string) error {
	x.touchAuth()
	return x.DefinitionsTx.DeleteUser(id)
}

func (x *trackedTx) InsertUserGroup(g *model.UserGroup) error {
	x.touchAuth()
	return x.DefinitionsTx.InsertUserGroup(g)
}

func (x *trackedTx) UpdateUserGroup(g *model.UserGroup) error {
	x.touchAuth()
	return x.DefinitionsTx.UpdateUserGroup(g)
}

func (x *trackedTx) DeleteUserGroup(id string) error {
	x.touchAuth()
	return x.DefinitionsTx.DeleteUserGroup(id)
}

func (x *trackedTx) InsertOrg(o *model.Organisation) error {
	x.touchAuth()
	return x.DefinitionsTx.InsertOrg(o)
}

func (x *trackedTx) UpdateOrg(o *model.Organisation) error {
	x.touchAuth()
	return x.DefinitionsTx.UpdateOrg(o)
}

func (x *trackedTx) DeleteOrg(id string) error {
	x.touchAuth()
	return x.DefinitionsTx.DeleteOrg(id)
}
