package redisstore

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

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

// replace deletes every key and writes recs (committed records, their
// creation numbers kept): the sessions and dashkit's own keys, in batches of
// one script each.
func (s *Sessions) replace(ctx context.Context, recs []*rec, seq int64) error {
	cur, _, err := s.all(ctx)
	if err != nil {
		return err
	}
	for i := 0; i < len(cur); i += replaceBatch {
		part := cur[i:min(i+replaceBatch, len(cur))]
		names := make([]string, len(part))
		for j, r := range part {
			names[j] = r.sessionKey()
		}
		if err := s.client.Unlink(ctx, names...).Err(); err != nil {
			return fmt.Errorf("redisstore: %w", err)
		}
	}
	// Then every key of dashkit's own, those the sorted sets still name
	// (sessions Redis expired) too.
	iter := s.client.Scan(ctx, 0, s.prefix+"*", replaceBatch).Iterator()
	var stale []string
	flush := func() error {
		if len(stale) == 0 {
			return nil
		}
		err := s.client.Unlink(ctx, stale...).Err()
		stale = stale[:0]
		return err
	}
	for iter.Next(ctx) {
		if stale = append(stale, iter.Val()); len(stale) == replaceBatch {
			if err := flush(); err != nil {
				return fmt.Errorf("redisstore: %w", err)
			}
		}
	}
	if err := cmp.Or(iter.Err(), flush()); err != nil {
		return fmt.Errorf("redisstore: scan: %w", err)
	}
	now := s.now()
	for i := 0; i < len(recs); i += replaceBatch {
		put := s.writeTx(ctx)
		for _, r := range recs[i:min(i+replaceBatch, len(recs))] {
			c := *r
			c.pending = true
			if c.ttl == 0 {
				if c.ttl, err = sessionTTL(&c, now); err != nil {
					return err
				}
			}
			put.putRec(&c)
		}
		if err := put.commit(); err != nil {
			return err
		}
	}
	return s.client.Set(ctx, s.seqKey(), seq, 0).Err()
}

// replaceBatch is how many keys replace writes in one script.
const replaceBatch = 1000

// sessionTTL is the TTL of r's session as of now (see TTL).
func sessionTTL(r *rec, now time.Time) (time.Duration, error) {
	var sess struct {
		Expires         int64 `json:"expires"`
		SessionLifetime int64 `json:"session_lifetime"`
	}
	if err := json.Unmarshal(r.sess, &sess); err != nil {
		return 0, fmt.Errorf("redisstore: session %s: %w", r.sessionKey(), err)
	}
	return TTL(&model.SessionState{Expires: sess.Expires, SessionLifetime: sess.SessionLifetime}, now), nil
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
		// As json.Marshal(store.Key) writes it, the session as stored.
		obj, err := json.Marshal(struct {
			ID       string          `json:"id"`
			Hash     string          `json:"hash"`
			OrgID    string          `json:"org_id"`
			Session  json.RawMessage `json:"session"`
			Username string          `json:"username,omitempty"`
		}{r.id, r.hash, r.org, r.sess, r.username})
		if err != nil {
			return fmt.Errorf("export key %q: %w", r.id, err)
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
		r, err := s.newRec(&k, int64(len(recs)+1))
		if err != nil {
			return fmt.Errorf("import keys: line %d: %w", line, err)
		}
		recs = append(recs, r)
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
