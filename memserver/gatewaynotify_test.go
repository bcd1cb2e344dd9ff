package memserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
	"github.com/redis/go-redis/v9"
)

// listener reads what gateways would hear on their channel.
type listener struct {
	t  testing.TB
	ch <-chan *redis.Message
}

func listen(t testing.TB, c *redis.Client) *listener {
	t.Helper()
	sub := c.Subscribe(context.Background(), model.GatewayChannel)
	t.Cleanup(func() { sub.Close() })
	if _, err := sub.Receive(context.Background()); err != nil { // the subscription's confirmation
		t.Fatal(err)
	}
	return &listener{t: t, ch: sub.Channel()}
}

// next returns the next message, checking it is signed with the node secret
// as the gateway checks it.
func (l *listener) next(command string) model.GatewayNotification {
	l.t.Helper()
	select {
	case m := <-l.ch:
		var n model.GatewayNotification
		if err := json.Unmarshal([]byte(m.Payload), &n); err != nil {
			l.t.Fatalf("message %s: %v", m.Payload, err)
		}
		if !n.Verify(nodeSecret) || n.SignatureAlgo != 5 {
			l.t.Fatalf("message %s is not signed with the node secret", m.Payload)
		}
		if n.Verify("another secret") {
			l.t.Fatalf("message %s verifies with any secret", m.Payload)
		}
		if n.Command != command {
			l.t.Fatalf("message %s, want command %s", m.Payload, command)
		}
		return n
	case <-time.After(5 * time.Second):
		l.t.Fatalf("no %s message within 5 s", command)
	}
	return model.GatewayNotification{}
}

func TestChangesAreAnnouncedToGateways(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	l := listen(t, client)
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithNotifier(redisstore.NewNotifier(client)))

	dbID, apiID := createClassic(t, srv, "svc")
	if n := l.next(model.NoticeAPIUpdated); n.Payload != apiID {
		t.Errorf("ApiUpdated payload %q, want %s", n.Payload, apiID)
	}
	// A write that fails announces nothing: the next message is the next
	// change's.
	want(t, call(t, srv, "POST", "/api/apis", map[string]any{"api_definition": map[string]any{"name": "dup", "api_id": apiID,
		"proxy": map[string]any{"listen_path": "/dup/", "target_url": "http://x.example"}}}), http.StatusConflict)
	a := call(t, srv, "POST", "/api/portal/policies", map[string]any{"name": "p", "rate": 1, "per": 1,
		"access_rights": map[string]any{apiID: map[string]any{"api_id": apiID, "versions": []string{"Default"}}}})
	want(t, a, http.StatusOK)
	pol := a.JSON(t)["Message"].(string)
	if n := l.next(model.NoticePolicyChanged); n.Payload != pol {
		t.Errorf("PolicyChanged payload %q, want %s", n.Payload, pol)
	}

	var k model.KeyData
	call(t, srv, "POST", "/api/keys", session(apiID)).Into(t, &k) // a new key: nothing cached to drop
	want(t, call(t, srv, "PUT", "/api/keys/"+k.KeyID, session(apiID)), http.StatusOK)
	if n := l.next(model.NoticeKeySpaceUpdate); n.Payload != k.KeyHash {
		t.Errorf("key update payload %q, want its hash %s", n.Payload, k.KeyHash)
	}
	wantError(t, call(t, srv, "DELETE", "/api/keys/no-such-key", nil), http.StatusNotFound, "")
	want(t, call(t, srv, "DELETE", "/api/keys/"+k.KeyID, nil), http.StatusOK)
	if n := l.next(model.NoticeKeySpaceUpdate); n.Payload != k.KeyHash {
		t.Errorf("key delete payload %q, want its hash %s", n.Payload, k.KeyHash)
	}

	want(t, call(t, srv, "PUT", "/api/apis/"+dbID, classicAPIWithID(t, srv, dbID, "/moved/")), http.StatusOK)
	l.next(model.NoticeAPIUpdated)
	want(t, call(t, srv, "DELETE", "/api/portal/policies/"+pol, nil), http.StatusOK)
	l.next(model.NoticePolicyChanged)
	want(t, call(t, srv, "DELETE", "/api/apis/"+dbID, nil), http.StatusOK)
	if n := l.next(model.NoticeAPIUpdated); n.Payload != apiID {
		t.Errorf("API delete payload %q, want %s", n.Payload, apiID)
	}
	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	l.next(model.NoticeAPIUpdated)
	l.next(model.NoticePolicyChanged)
	select {
	case m := <-l.ch:
		t.Fatalf("unexpected message %s", m.Payload)
	case <-time.After(100 * time.Millisecond):
	}
}

// classicAPIWithID reads an API back and sets its listen path, for a PUT.
func classicAPIWithID(t testing.TB, srv *memserver.Server, dbID, listenPath string) map[string]any {
	t.Helper()
	m := call(t, srv, "GET", "/api/apis/"+dbID, nil).JSON(t)
	m["api_definition"].(map[string]any)["proxy"].(map[string]any)["listen_path"] = listenPath
	return m
}

// TestAnnounceFailureDoesNotFailTheWrite: with Redis gone, writes still
// succeed and the failure is logged.
func TestAnnounceFailureDoesNotFailTheWrite(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := redis.NewClient(&redis.Options{Addr: rs.Addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	client.Close() // every publish fails
	var logs lockedBuffer
	srv := newServer(t, memserver.WithNotifier(redisstore.NewNotifier(client)), memserver.WithNodeSecret(nodeSecret),
		memserver.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	_, apiID := createClassic(t, srv, "svc")
	want(t, call(t, srv, "GET", "/api/apis/"+apiID, nil), http.StatusOK)
	if !strings.Contains(logs.String(), "announce to gateways") || !strings.Contains(logs.String(), "ApiUpdated") {
		t.Fatalf("publish failure not logged:\n%s", logs.String())
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestKeysInRedis: with redisstore sessions the key made through the API is
// at apikey-<hash>, and Reset takes it away again.
func TestKeysInRedis(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	srv := newServer(t, memserver.WithSessions(redisstore.New(client)))
	_, api := createClassic(t, srv, "svc")
	var k model.KeyData
	a := call(t, srv, "POST", "/api/keys", session(api))
	want(t, a, http.StatusOK)
	a.Into(t, &k)
	ctx := context.Background()
	var sess model.SessionState
	if b, err := client.Get(ctx, "apikey-"+k.KeyHash).Bytes(); err != nil || json.Unmarshal(b, &sess) != nil || sess.AccessRights[api].APIID != api {
		t.Fatalf("apikey-%s: %s, %v", k.KeyHash, b, err)
	}
	want(t, call(t, srv, "GET", "/api/keys/"+k.KeyID, nil), http.StatusOK)
	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	if client.Exists(ctx, "apikey-"+k.KeyHash).Val() != 0 {
		t.Fatal("key kept in Redis after Reset")
	}
	wantError(t, call(t, srv, "GET", "/api/keys/"+k.KeyID, nil), http.StatusNotFound, "")
}

// TestResetAnnouncesEveryKey: Reset tells gateways to drop every key it
// takes away (and the keys it brings back), in messages of at most 1,000
// names, and an org key under its org id, where the gateway caches an
// org's session.
func TestResetAnnouncesEveryKey(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	l := listen(t, client)
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithNotifier(redisstore.NewNotifier(client)),
		memserver.WithSessions(redisstore.New(client)),
		memserver.WithFixtures(memserver.Fixtures{Keys: []model.KeyData{{KeyID: "baseline-key", Data: model.SessionState{Rate: 5, Per: 1}}}}))
	var baseline model.KeyData
	call(t, srv, "GET", "/api/keys/baseline-key", nil).Into(t, &baseline)
	// The baseline key changes: Reset brings its old session back, which a
	// gateway must read again.
	_, api := createClassic(t, srv, "svc")
	l.next(model.NoticeAPIUpdated)
	want(t, call(t, srv, "PUT", "/api/keys/baseline-key", session(api)), http.StatusOK)
	l.next(model.NoticeKeySpaceUpdate)
	var seeded []model.KeyData
	for i := range 1001 {
		seeded = append(seeded, model.KeyData{KeyID: model.NewKeyToken(srv.OrgID, fmt.Sprintf("seeded-%04d", i), model.HashMurmur64), Data: model.SessionState{Rate: 1, Per: 1}})
	}
	if err := srv.Seed(memserver.Fixtures{Keys: seeded}); err != nil {
		t.Fatal(err)
	}
	a := adminCall(t, srv, "POST", "/admin/org/keys", map[string]any{"org_id": srv.OrgID, "quota_max": 10})
	want(t, a, http.StatusOK)

	wantNames := map[string]bool{baseline.KeyHash: true, srv.OrgID: true}
	for _, k := range seeded {
		wantNames[model.KeyHash(k.KeyID)] = true
	}
	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	l.next(model.NoticeAPIUpdated)
	l.next(model.NoticePolicyChanged)
	got := map[string]bool{}
	for len(got) < len(wantNames) {
		n := l.next(model.NoticeKeySpaceUpdate)
		names := strings.Split(n.Payload, ",")
		if len(names) > 1000 {
			t.Fatalf("one message names %d keys, want at most 1000", len(names))
		}
		for _, name := range names {
			got[name] = true
		}
	}
	for name := range wantNames {
		if !got[name] {
			t.Errorf("Reset did not announce %s", name)
		}
	}
	ctx := context.Background()
	if client.Exists(ctx, "apikey-"+model.KeyHash(seeded[0].KeyID), "orgkey."+srv.OrgID).Val() != 0 {
		t.Error("seeded keys or the org key kept in Redis after Reset")
	}
}

// TestOrgKeysInRedis: with redisstore sessions an org key made through the
// Admin API is the org's session at orgkey.<org>, unhashed, where the
// gateway reads it for enforce_org_quotas (gateway/server.go: the org store
// has the prefix "orgkey." and does not hash), and not a key at apikey-; a
// change or deletion is announced under the org id, under which the gateway
// caches an org's session (gateway/mw_organisation_activity.go).
func TestOrgKeysInRedis(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	l := listen(t, client)
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithNotifier(redisstore.NewNotifier(client)),
		memserver.WithSessions(redisstore.New(client)))
	ctx := context.Background()
	orgSession := func() (model.SessionState, error) {
		var sess model.SessionState
		b, err := client.Get(ctx, "orgkey."+srv.OrgID).Bytes()
		if err == nil {
			err = json.Unmarshal(b, &sess)
		}
		return sess, err
	}
	want(t, adminCall(t, srv, "POST", "/admin/org/keys", map[string]any{"org_id": srv.OrgID, "quota_max": 100,
		"quota_renewal_rate": 3600, "rate": 50, "per": 1}), http.StatusOK)
	sess, err := orgSession()
	if err != nil || sess.QuotaMax != 100 || sess.QuotaRenewalRate != 3600 || sess.Rate != 50 || sess.OrgID != srv.OrgID {
		t.Fatalf("orgkey.%s: %+v, %v", srv.OrgID, sess, err)
	}
	if client.Exists(ctx, "apikey-"+model.KeyHash(srv.OrgID)).Val() != 0 {
		t.Fatal("the org key is a key at apikey- too: the org id would open APIs")
	}
	var k model.KeyData
	adminCall(t, srv, "GET", "/admin/org/keys/"+srv.OrgID, nil).Into(t, &k)
	if k.Data.QuotaMax != 100 {
		t.Fatalf("GET org key: %+v", k.Data)
	}

	want(t, adminCall(t, srv, "PUT", "/admin/org/keys/"+srv.OrgID, map[string]any{"quota_max": 7, "quota_renewal_rate": 60}), http.StatusOK)
	if n := l.next(model.NoticeKeySpaceUpdate); !slices.Contains(strings.Split(n.Payload, ","), srv.OrgID) {
		t.Errorf("org key update announced as %q, want the org id %s", n.Payload, srv.OrgID)
	}
	if sess, err := orgSession(); err != nil || sess.QuotaMax != 7 {
		t.Fatalf("orgkey after PUT: %+v, %v", sess, err)
	}
	want(t, adminCall(t, srv, "DELETE", "/admin/org/keys/"+srv.OrgID, nil), http.StatusOK)
	if n := l.next(model.NoticeKeySpaceUpdate); !slices.Contains(strings.Split(n.Payload, ","), srv.OrgID) {
		t.Errorf("org key delete announced as %q, want the org id %s", n.Payload, srv.OrgID)
	}
	if client.Exists(ctx, "orgkey."+srv.OrgID).Val() != 0 {
		t.Fatal("orgkey kept after DELETE")
	}
}

// TestImportAnnouncesAReloadOfEveryAPI: a write of several APIs announces
// an ApiUpdated without a payload, which every gateway takes as a reload of
// all APIs; newer ones reload only the one API a payload names.
func TestImportAnnouncesAReloadOfEveryAPI(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	from := newServer(t)
	createClassic(t, from, "one")
	createClassic(t, from, "two")
	to := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithNotifier(redisstore.NewNotifier(client)))
	l := listen(t, client)
	org := adminCall(t, from, "GET", "/admin/organisations/"+from.OrgID, nil)
	want(t, adminCall(t, to, "POST", "/admin/organisations/import", org.Body), http.StatusOK)
	want(t, adminCall(t, to, "POST", "/admin/apis/import", call(t, from, "GET", "/api/apis?p=-1", nil).Body), http.StatusOK)
	if n := l.next(model.NoticeAPIUpdated); n.Payload != "" {
		t.Errorf("import of two APIs announced ApiUpdated %q, want an empty payload", n.Payload)
	}
}

// A transaction that writes one API and deletes an org's data announces a
// reload of every API and policy, not just the one API it wrote.
func TestOrgDataDeletedAnnouncesAReloadOfEverything(t *testing.T) {
	t.Parallel()
	rs := redistest.Start(t)
	client := rs.Client(t)
	srv := newServer(t, memserver.WithNodeSecret(nodeSecret), memserver.WithNotifier(redisstore.NewNotifier(client)))
	_, apiID := createClassic(t, srv, "kept")
	l := listen(t, client)
	err := srv.Store().UpdateDefinitions(t.Context(), func(tx store.DefinitionsTx) error {
		w, err := tx.GetAPIByAPIID(apiID)
		if err != nil {
			return err
		}
		w.APIDefinition.Name = "renamed"
		if err := tx.UpdateAPI(w); err != nil {
			return err
		}
		return tx.DeleteOrgData("an org that goes")
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := l.next(model.NoticeAPIUpdated); n.Payload != "" {
		t.Errorf("ApiUpdated %q, want an empty payload (every API)", n.Payload)
	}
	if n := l.next(model.NoticePolicyChanged); n.Payload != "" {
		t.Errorf("PolicyChanged %q, want an empty payload", n.Payload)
	}
}
