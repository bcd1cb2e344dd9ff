package redisstore

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/redis/go-redis/v9"
)

// snapshot is every key of a Sessions, read into memory: Snapshot and
// Restore cost O(keys) here, unlike the in-memory store.
type snapshot struct {
	owner *Sessions
	recs  []*rec
	seq   int64
}

func (s *snapshot) SnapshotOf() string { return fmt.Sprintf("redisstore(%d keys)", len(s.recs)) }

// all reads every committed key in creation order, and the counter.
func (s *Sessions) all(ctx context.Context) ([]*rec, int64, error) {
	t := &tx{s: s, ctx: ctx}
	rs, err := t.candidates("", "")
	if err != nil {
		return nil, 0, err
	}
	seq, err := s.client.Get(ctx, s.seqKey()).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, 0, fmt.Errorf("redisstore: %w", err)
	}
	return rs, seq, nil
}

// Snapshot reads every key.
func (s *Sessions) Snapshot(ctx context.Context) (store.Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rs, seq, err := s.all(ctx)
	if err != nil {
		return nil, err
	}
	return &snapshot{owner: s, recs: rs, seq: seq}, nil
}

// Restore replaces every key with those of snap.
func (s *Sessions) Restore(ctx context.Context, snap store.Snapshot) error {
	sn, ok := snap.(*snapshot)
	if !ok || sn.owner != s {
		name := "<nil>"
		if snap != nil {
			name = snap.SnapshotOf()
		}
		return fmt.Errorf("restore snapshot of %s: not made by this store: %w", name, store.ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.replace(ctx, sn.recs, sn.seq)
}

// replace deletes every key and writes recs: the sessions and dashkit's
// own keys, in batches of one MULTI/EXEC each.
func (s *Sessions) replace(ctx context.Context, recs []*rec, seq int64) error {
	cur, _, err := s.all(ctx)
	if err != nil {
		return err
	}
	del := &tx{s: s, ctx: ctx, byHash: map[string]*rec{}, byID: map[string]string{}, byUser: map[string]string{}, old: map[string]*rec{}}
	for _, r := range cur {
		del.drop(r)
	}
	if err := del.commit(); err != nil {
		return err
	}
	// What the sorted sets still name (sessions Redis expired) goes too.
	var stale []string
	iter := s.client.Scan(ctx, 0, s.prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		stale = append(stale, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("redisstore: scan: %w", err)
	}
	for i := 0; i < len(stale); i += 1000 {
		if err := s.client.Del(ctx, stale[i:min(i+1000, len(stale))]...).Err(); err != nil {
			return fmt.Errorf("redisstore: %w", err)
		}
	}
	for i := 0; i < len(recs); i += 1000 {
		put := &tx{s: s, ctx: ctx, byHash: map[string]*rec{}, byID: map[string]string{}, byUser: map[string]string{}, old: map[string]*rec{}}
		for _, r := range recs[i:min(i+1000, len(recs))] {
			if err := put.put(&r.key, r.seq); err != nil {
				return err
			}
		}
		if err := put.commit(); err != nil {
			return err
		}
	}
	return s.client.Set(ctx, s.seqKey(), seq, 0).Err()
}

// Export writes one store.Record per key, in creation order.
func (s *Sessions) Export(ctx context.Context, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rs, _, err := s.all(ctx)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	for _, r := range rs {
		obj, err := json.Marshal(&r.key)
		if err != nil {
			return fmt.Errorf("export key %q: %w", r.key.ID, err)
		}
		if err := enc.Encode(store.Record{Collection: store.CollectionKeys, Object: obj}); err != nil {
			return fmt.Errorf("export keys: %w", err)
		}
	}
	return nil
}

// Import replaces every key with the records of r, as Export wrote them;
// the stream is read and checked whole before anything is written.
func (s *Sessions) Import(ctx context.Context, r io.Reader) error {
	var recs []*rec
	ids, hashes, users := map[string]bool{}, map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec0 store.Record
		if err := json.Unmarshal(sc.Bytes(), &rec0); err != nil {
			return fmt.Errorf("import keys: line %d: %v: %w", line, err, store.ErrInvalid)
		}
		if rec0.Collection != store.CollectionKeys {
			return fmt.Errorf("import keys: line %d: collection %q is not keys: %w", line, rec0.Collection, store.ErrInvalid)
		}
		var k store.Key
		if err := json.Unmarshal(rec0.Object, &k); err != nil {
			return fmt.Errorf("import keys: line %d: %v: %w", line, err, store.ErrInvalid)
		}
		if err := checkKey(&k, "import"); err != nil {
			return fmt.Errorf("import keys: line %d: %w", line, err)
		}
		u := k.BasicAuthUsername()
		if ids[k.ID] || hashes[k.Hash] || (u != "" && users[k.OrgID+"\x00"+u]) {
			return fmt.Errorf("import keys: line %d: key %q: %w", line, k.ID, store.ErrConflict)
		}
		ids[k.ID], hashes[k.Hash] = true, true
		if u != "" {
			users[k.OrgID+"\x00"+u] = true
		}
		recs = append(recs, &rec{key: k, seq: int64(len(recs) + 1)})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("import keys: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.replace(ctx, recs, int64(len(recs)))
}

// SetOrgSession writes the session of an org (the gateway's org quota
// session, enforce_org_quotas) at orgkey.<org>.
func (s *Sessions) SetOrgSession(ctx context.Context, orgID string, sess *model.SessionState) error {
	b, err := json.Marshal(sess)
	if err != nil {
		return err
	}
	return s.client.Set(ctx, OrgKeyName(orgID), b, TTL(sess, s.now())).Err()
}

// OrgSession reads the session of an org; store.ErrNotFound when it has none.
func (s *Sessions) OrgSession(ctx context.Context, orgID string) (*model.SessionState, error) {
	b, err := s.client.Get(ctx, OrgKeyName(orgID)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("org session %q: %w", orgID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: %w", err)
	}
	var sess model.SessionState
	return &sess, json.Unmarshal(b, &sess)
}

// DeleteOrgSession deletes the session of an org.
func (s *Sessions) DeleteOrgSession(ctx context.Context, orgID string) error {
	return s.client.Del(ctx, OrgKeyName(orgID)).Err()
}
