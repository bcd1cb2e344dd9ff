package memserver_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

// pausingStore is a real memstore with one hook: once armed, the first
// transaction of the armed kind stops when it is done (committed, or read
// and closed), reports it on paused and waits for resume. A test arms it,
// starts a request in a goroutine, waits for paused, lets other requests
// land in the gap and then resumes: the interleaving is forced, not hoped
// for with timing.
type pausingStore struct {
	store.Store
	mu     sync.Mutex
	armed  string // "view-api", "view-key" or "delete-api"; "" when off
	skip   int    // matching transactions to let pass before the pause
	paused chan struct{}
	resume chan struct{}
}

func newPausingStore() *pausingStore {
	return &pausingStore{Store: memstore.New(), paused: make(chan struct{}), resume: make(chan struct{})}
}

func (p *pausingStore) arm(kind string, skip int) {
	p.mu.Lock()
	p.armed, p.skip = kind, skip
	p.mu.Unlock()
}

// pauseIf pauses when kind is armed (and disarms it) and the transaction
// did what the kind names.
func (p *pausingStore) pauseIf(kind string, did bool) {
	if !did {
		return
	}
	p.mu.Lock()
	hit := p.armed == kind
	if hit && p.skip > 0 {
		p.skip--
		hit = false
	}
	if hit {
		p.armed = ""
	}
	p.mu.Unlock()
	if hit {
		p.paused <- struct{}{}
		<-p.resume
	}
}

type apiReader struct {
	store.DefinitionsReader
	read bool
}

func (r *apiReader) GetAPI(id string) (*model.APIDefinitionWrapper, error) {
	r.read = true
	return r.DefinitionsReader.GetAPI(id)
}

func (r *apiReader) GetAPIByAPIID(id string) (*model.APIDefinitionWrapper, error) {
	r.read = true
	return r.DefinitionsReader.GetAPIByAPIID(id)
}

func (p *pausingStore) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	r := &apiReader{}
	err := p.Store.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		r.DefinitionsReader = tx
		return fn(r)
	})
	p.pauseIf("view-api", r.read)
	return err
}

type apiDeleter struct {
	store.DefinitionsTx
	deleted bool
}

func (x *apiDeleter) DeleteAPI(id string) error {
	x.deleted = true
	return x.DefinitionsTx.DeleteAPI(id)
}

func (p *pausingStore) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	x := &apiDeleter{}
	err := p.Store.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		x.DefinitionsTx = tx
		return fn(x)
	})
	p.pauseIf("delete-api", x.deleted && err == nil)
	return err
}

type keyReader struct {
	store.SessionsReader
	read bool
}

func (r *keyReader) GetKey(id string) (*store.Key, error) {
	r.read = true
	return r.SessionsReader.GetKey(id)
}

func (p *pausingStore) ViewSessions(ctx context.Context, fn func(tx store.SessionsReader) error) error {
	r := &keyReader{}
	err := p.Store.ViewSessions(ctx, func(tx store.SessionsReader) error {
		r.SessionsReader = tx
		return fn(r)
	})
	p.pauseIf("view-key", r.read)
	return err
}

// during runs req in a goroutine, waits until the store pauses it (after
// skip matching transactions), runs gap, resumes, and returns req's answer.
func during(t *testing.T, ps *pausingStore, kind string, skip int, req func() answer, gap func()) answer {
	t.Helper()
	ps.arm(kind, skip)
	done := make(chan answer, 1)
	go func() { done <- req() }()
	<-ps.paused
	gap()
	ps.resume <- struct{}{}
	return <-done
}

// TestKeyPutIsOneTransaction: PUT /api/keys/{id} reads the key it writes
// in the transaction that writes it. The PUT of org A pauses after its
// first read; meanwhile A's key is deleted and org B creates a key under
// the same id (legacy key names are kept as given). The PUT must not
// overwrite B's key: it answers 404 and B's key is as B made it.
func TestKeyPutIsOneTransaction(t *testing.T) {
	t.Parallel()
	ps := newPausingStore()
	srv := newServer(t, memserver.WithStore(ps), memserver.WithKeyHashFunction(""), memserver.WithHashKeys(false),
		memserver.WithFixtures(memserver.Fixtures{
			Orgs:  []model.Organisation{{ID: orgB, OwnerName: "B"}},
			Users: []model.User{{OrgID: orgB, EmailAddress: "b@b.example", AccessKey: "b-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
		}))
	_, apiA := createClassic(t, srv, "org-a")
	_, apiB := createClassicAs(t, srv, "b-admin", "org-b")
	const id = "shared-key-name"
	want(t, call(t, srv, "POST", "/api/keys/"+id, session(apiA)), http.StatusOK)

	update := session(apiA)
	update["alias"] = "written-by-a"
	// The first read of the key is the audit log's look at it before a
	// PUT; the second is the handler's.
	a := during(t, ps, "view-key", 1, func() answer { return call(t, srv, "PUT", "/api/keys/"+id, update) }, func() {
		want(t, call(t, srv, "DELETE", "/api/keys/"+id, nil), http.StatusOK)
		b := session(apiB)
		b["alias"] = "made-by-b"
		want(t, callAs(t, srv, "b-admin", "POST", "/api/keys/"+id, b), http.StatusOK)
	})
	wantError(t, a, http.StatusNotFound, "Key not found")
	var k model.KeyData
	callAs(t, srv, "b-admin", "GET", "/api/keys/"+id, nil).Into(t, &k)
	if k.Data.Alias != "made-by-b" || k.Data.OrgID != orgB {
		t.Fatalf("org B's key was overwritten: %+v", k.Data)
	}
}

// TestOASPatchIsOneTransaction: PATCH /api/apis/oas/{id} merges the stored
// x-tyk-api-gateway in the transaction that writes. The PATCH pauses after
// its first read of the API; a PUT renames the API (in the extension) in
// the gap; the PATCH, which sends no extension, must keep the PUT's.
func TestOASPatchIsOneTransaction(t *testing.T) {
	t.Parallel()
	ps := newPausingStore()
	srv := newServer(t, memserver.WithStore(ps))
	dbID, _ := createOAS(t, srv, call(t, srv, "POST", "/api/apis/oas", tykOAS("Before", "/patched/")))
	var stored map[string]any
	call(t, srv, "GET", "/api/apis/oas/"+dbID, nil).Into(t, &stored)
	renamed := stored["x-tyk-api-gateway"].(map[string]any)
	renamed["info"].(map[string]any)["name"] = "Renamed by PUT"
	plain := map[string]any{"openapi": "3.0.3", "info": map[string]any{"title": "Patched", "version": "2"}, "paths": map[string]any{}}

	a := during(t, ps, "view-api", 0, func() answer { return call(t, srv, "PATCH", "/api/apis/oas/"+dbID, plain) }, func() {
		want(t, call(t, srv, "PUT", "/api/apis/oas/"+dbID, stored), http.StatusOK)
	})
	want(t, a, http.StatusOK)
	var after map[string]any
	call(t, srv, "GET", "/api/apis/oas/"+dbID, nil).Into(t, &after)
	name := after["x-tyk-api-gateway"].(map[string]any)["info"].(map[string]any)["name"]
	title := after["info"].(map[string]any)["title"]
	if name != "Renamed by PUT" || title != "Patched" {
		t.Fatalf("after PUT then PATCH: name %v, title %v; the PATCH lost the PUT", name, title)
	}
}

// TestKeyForDeletedAPI: once an API's deletion is committed, no key is made
// with access to it, even before the deleting request has finished (the
// API's entry in the Server's cache is stale from inside the transaction
// on). The delete pauses right after its commit; a key naming the API is
// refused in the gap.
func TestKeyForDeletedAPI(t *testing.T) {
	t.Parallel()
	ps := newPausingStore()
	srv := newServer(t, memserver.WithStore(ps))
	dbID, apiID := createClassic(t, srv, "doomed")
	want(t, call(t, srv, "POST", "/api/keys", session(apiID)), http.StatusOK) // the API's entry is cached
	var key answer
	a := during(t, ps, "delete-api", 0, func() answer { return call(t, srv, "DELETE", "/api/apis/"+dbID, nil) }, func() {
		key = call(t, srv, "POST", "/api/keys", session(apiID))
	})
	want(t, a, http.StatusOK)
	if key.Status != http.StatusBadRequest || !strings.Contains(string(key.Body), "does not exist") {
		t.Fatalf("a key for an API deleted a moment before: %d %s", key.Status, key.Body)
	}
}
