package memstore

import (
	"context"
	"fmt"

	"github.com/dashkit/dashkit/store"
)

// Sessions is the in-memory store.Sessions: keys, in a database of
// their own, so that key writes never wait for definition writes. It also
// implements store.Stateful. The zero value is not usable; call NewSessions.
type Sessions struct{ db *db }

var (
	_ store.Sessions = (*Sessions)(nil)
	_ store.Stateful = (*Sessions)(nil)
)

// NewSessions returns an empty in-memory store of keys.
func NewSessions() *Sessions { return &Sessions{db: newDB("sessions", keys.schema())} }

// ViewSessions runs fn in a read transaction: fn sees one state however
// long it runs, and never waits for writers.
func (s *Sessions) ViewSessions(ctx context.Context, fn func(tx store.SessionsReader) error) error {
	return s.db.view(ctx, func(txn *transaction) error { return fn(&sessTx{db: s.db, txn: txn}) })
}

// UpdateSessions runs fn in a write transaction; writers run one at a time.
// Nothing fn wrote is kept when it returns an error.
func (s *Sessions) UpdateSessions(ctx context.Context, fn func(tx store.SessionsTx) error) error {
	return s.db.update(ctx, func(txn *transaction) error { return fn(&sessTx{db: s.db, txn: txn}) })
}

// Snapshot returns the current state in O(1).
func (s *Sessions) Snapshot(ctx context.Context) (store.Snapshot, error) { return s.db.snapshot(ctx) }

// Restore makes a snapshot of s the current state in O(1).
func (s *Sessions) Restore(ctx context.Context, snap store.Snapshot) error {
	return s.db.restore(ctx, snap)
}

type sessTx struct {
	db  *db
	txn *transaction
}

var _ store.SessionsTx = (*sessTx)(nil)

func (t *sessTx) GetKey(id string) (*store.Key, error) { return keys.byID(t.txn, id) }

func (t *sessTx) GetKeyByHash(hash string) (*store.Key, error) {
	return keys.get(t.txn, "hash", hash, fmt.Sprintf("with hash %q", hash))
}

func (t *sessTx) GetKeyByUsername(orgID, username string) (*store.Key, error) {
	return keys.get(t.txn, "username", orgID+sep+username,
		fmt.Sprintf("of basic-auth user %q in org %q", username, orgID))
}

func (t *sessTx) ListKeys(orgID string, kq store.KeyQuery) (store.Page[store.Key], error) {
	q, err := keys.query(orgID, kq.ListOptions)
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	q.allOrgs = orgID == ""
	if kq.APIID != "" {
		q.facets = []string{facetAPI + kq.APIID}
	}
	return keys.list(t.txn, q)
}

func (t *sessTx) InsertKey(k *store.Key) error {
	if err := checkKey(k); err != nil {
		return fmt.Errorf("insert %w", err)
	}
	return keys.insert(t.txn, t.db.nextSeq(), k)
}

func (t *sessTx) UpdateKey(k *store.Key) error {
	if err := checkKey(k); err != nil {
		return fmt.Errorf("update %w", err)
	}
	return keys.update(t.txn, k)
}

// checkKey rejects a key that lists could not find: every key belongs to an
// org.
func checkKey(k *store.Key) error {
	if k != nil && k.ID != "" && k.OrgID == "" {
		return fmt.Errorf("key %q: no org id: %w", k.ID, store.ErrInvalid)
	}
	return nil
}

func (t *sessTx) DeleteKey(id string) error { return keys.delete(t.txn, id) }

func (t *sessTx) DeleteOrgKeys(orgID string) error {
	if orgID == "" {
		return fmt.Errorf("delete keys of an org: no org id: %w", store.ErrInvalid)
	}
	return keys.deleteOrg(t.txn, orgID)
}
