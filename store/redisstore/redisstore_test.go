package redisstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
	"github.com/dashkit/dashkit/store/storetest"
	"github.com/redis/go-redis/v9"
)

// TestConformance runs the store conformance suite on Redis sessions beside
// in-memory definitions, each store in a Redis database of its own.
func TestConformance(t *testing.T) {
	rs := redistest.Start(t, "--databases", "64")
	var db atomic.Int32
	storetest.Run(t, func() store.Store {
		n := int(db.Add(1))
		if n >= 64 {
			t.Fatal("more stores than Redis databases")
		}
		c := redis.NewClient(&redis.Options{Addr: rs.Addr, DB: n})
		t.Cleanup(func() { c.Close() })
		if err := c.FlushDB(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
		return store.Combine(memstore.NewDefinitions(), redisstore.New(c))
	})
}

// TestGatewayLayout: a key's session is where and as the gateway reads it.
func TestGatewayLayout(t *testing.T) {
	rs := redistest.Start(t)
	c := rs.Client(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := redisstore.New(c, redisstore.WithClock(func() time.Time { return now }))
	org := "5e9d9544a1dcd60001d0ed20"
	token := model.NewKeyToken(org, "layout", model.HashMurmur64)
	k := &store.Key{ID: token, Hash: model.KeyHash(token), OrgID: org, Session: model.SessionState{
		OrgID: org, Rate: 5, Per: 1, Expires: now.Add(time.Hour).Unix(),
		AccessRights: map[string]model.AccessDefinition{"api1": {APIID: "api1", Versions: []string{"Default"}}}}}
	if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(k) }); err != nil {
		t.Fatal(err)
	}
	raw, err := c.Get(ctx, "apikey-"+k.Hash).Bytes()
	if err != nil {
		t.Fatalf("apikey-%s: %v", k.Hash, err)
	}
	want, _ := json.Marshal(&k.Session)
	if string(raw) != string(want) {
		t.Fatalf("session stored as\n%s\nwant\n%s", raw, want)
	}
	if ttl := c.TTL(ctx, "apikey-"+k.Hash).Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("TTL %v, want the hour to expiry", ttl)
	}
	// No expiry: no TTL; a session lifetime sets one.
	for _, c := range []struct {
		sess model.SessionState
		want time.Duration
	}{
		{model.SessionState{}, 0},
		{model.SessionState{SessionLifetime: 30}, 30 * time.Second},
		{model.SessionState{Expires: now.Add(-time.Hour).Unix()}, time.Second},
	} {
		if got := redisstore.TTL(&c.sess, now); got != c.want {
			t.Errorf("TTL(%+v) = %v, want %v", c.sess, got, c.want)
		}
	}
	// Deleting removes the session in the same transaction as the indexes.
	if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.DeleteKey(token) }); err != nil {
		t.Fatal(err)
	}
	if n := c.Exists(ctx, "apikey-"+k.Hash).Val(); n != 0 {
		t.Fatal("session kept after delete")
	}
	if keys := c.Keys(ctx, "dashkit:*").Val(); len(keys) != 1 || keys[0] != "dashkit:seq" {
		t.Errorf("dashkit keys left after the only key went: %v", keys)
	}

	// An org's own key (its id is the org id) keeps its session at
	// orgkey.<org>, unhashed, where the gateway reads an org's session
	// (gateway/server.go: DefaultOrgStore on the prefix "orgkey.", not
	// hashed), and not at apikey-: the org id opens no API.
	orgKey := &store.Key{ID: org, Hash: model.KeyHash(org), OrgID: org, Session: model.SessionState{OrgID: org, QuotaMax: 10, QuotaRenewalRate: 3600}}
	if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(orgKey) }); err != nil {
		t.Fatal(err)
	}
	raw, err = c.Get(ctx, "orgkey."+org).Bytes()
	if err != nil {
		t.Fatalf("orgkey.%s: %v", org, err)
	}
	want, _ = json.Marshal(&orgKey.Session)
	if string(raw) != string(want) {
		t.Fatalf("org session stored as\n%s\nwant\n%s", raw, want)
	}
	if c.Exists(ctx, "apikey-"+orgKey.Hash).Val() != 0 {
		t.Fatal("the org key is at apikey- too")
	}
	var got *store.Key
	err = s.ViewSessions(ctx, func(tx store.SessionsReader) (err error) {
		got, err = tx.GetKey(org)
		return err
	})
	if err != nil || got.Session.QuotaMax != 10 {
		t.Fatalf("GetKey(org) = %+v, %v", got, err)
	}
	// A second org key conflicts, in the commit's checks.
	err = s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(orgKey) })
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("second org key: %v, want a conflict", err)
	}
	if err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.DeleteKey(org) }); err != nil {
		t.Fatal(err)
	}
	if c.Exists(ctx, "orgkey."+org).Val() != 0 {
		t.Fatal("org session kept after its key was deleted")
	}
}
