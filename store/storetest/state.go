package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func testAuditAndAnalytics(t *testing.T, s store.Store) {
	base := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	defs(t, s, func(tx store.DefinitionsTx) error {
		for i := range 6 {
			if err := tx.InsertAuditLog(newAudit(orgA, i)); err != nil {
				return err
			}
			r := &model.AnalyticsRecord{Method: "GET", Path: "/p", ResponseCode: 200, APIKey: fmt.Sprintf("key%d", i%2),
				TimeStamp: base.Add(time.Duration(5-i) * time.Minute), APIID: "api1", OrgID: orgA, OauthID: "cl"}
			if err := tx.InsertAnalytics(r); err != nil {
				return err
			}
		}
		if err := tx.InsertAuditLog(newAudit(orgB, 10)); err != nil {
			return err
		}
		return tx.InsertAnalytics(&model.AnalyticsRecord{TimeStamp: base, OrgID: orgB})
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		got, err := tx.GetAuditLog(oid(3))
		if err != nil || got.URL != "/api/apis/3" {
			t.Errorf("GetAuditLog = %v, %v", got, err)
		}
		p, err := tx.ListAuditLogs(orgA, store.AuditQuery{
			From: base.Add(time.Minute), To: base.Add(4 * time.Minute),
			ListOptions: store.ListOptions{Sort: "-created"},
		})
		if err != nil {
			return err
		}
		var ids []string
		for _, l := range p.Items {
			ids = append(ids, l.MID)
		}
		if d := diff([]string{oid(3), oid(2), oid(1)}, ids); d != "" || p.Total != 3 {
			t.Errorf("audit logs in [1m, 4m), newest first: total %d (-want +got):\n%s", p.Total, d)
		}
		p, err = tx.ListAuditLogs(orgA, store.AuditQuery{ListOptions: store.ListOptions{Query: "apis/5"}})
		if err != nil {
			return err
		}
		if p.Total != 1 {
			t.Errorf("audit logs matching apis/5: %d, want 1", p.Total)
		}

		recs, err := tx.ListAnalytics(store.AnalyticsQuery{OrgID: orgA, From: base.Add(time.Minute), To: base.Add(4 * time.Minute)})
		if err != nil {
			return err
		}
		var mins []int
		for _, r := range recs {
			mins = append(mins, int(r.TimeStamp.Sub(base)/time.Minute))
		}
		if d := diff([]int{1, 2, 3}, mins); d != "" {
			t.Errorf("analytics in [1m, 4m), oldest first (-want +got):\n%s", d)
		}
		recs, err = tx.ListAnalytics(store.AnalyticsQuery{OrgID: orgA, APIKey: "key1", From: base, To: base.Add(time.Hour)})
		if err != nil {
			return err
		}
		if len(recs) != 3 {
			t.Errorf("analytics of key1: %d records, want 3", len(recs))
		}
		recs, err = tx.ListAnalytics(store.AnalyticsQuery{OrgID: orgA, OAuthID: "other", From: base, To: base.Add(time.Hour)})
		if err != nil {
			return err
		}
		if len(recs) != 0 {
			t.Errorf("analytics of an unknown OAuth client: %d records", len(recs))
		}
		return nil
	})
}

// populate stores a little of everything in org.
func populate(t *testing.T, s store.Store, org string, base int) {
	t.Helper()
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, err := range []error{
			tx.InsertUser(newUser(org, base+1)),
			tx.InsertUserGroup(newGroup(org, base+1)),
			tx.InsertAPI(newAPI(org, base+1, "api #cat")),
			tx.InsertPolicy(newPolicy(org, base+1, "policy")),
			tx.InsertOAuthClient(newClient(org, "api1", base+1)),
			tx.InsertOAuthToken(&model.OAuthClientToken{Code: "c", Expires: 5, ClientID: fmt.Sprintf("client%d", base+1), OrgID: org}),
			tx.InsertWebhook(newWebhook(org, base+1)),
			tx.InsertAsset(newAsset(org, base+1)),
			tx.InsertCertificate(newCertificate(org, base+1)),
			tx.InsertAuditLog(newAudit(org, base+1)),
			tx.InsertAnalytics(&model.AnalyticsRecord{OrgID: org, APIID: "api1", TimeStamp: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}),
			tx.InsertSSONonce(&store.SSONonce{Nonce: fmt.Sprintf("nonce%d", base+1), OrgID: org}),
			tx.InsertPortalObject(newPortalObject(org, store.PortalDeveloper, base+1, "dev@example.com")),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(newKey(org, base+1, "api1")) })
}

// counts is how many objects each list of org holds.
func counts(t *testing.T, s store.Store, org string) map[string]int {
	t.Helper()
	c := map[string]int{}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		all := store.ListOptions{Page: -1}
		var errs []error
		note := func(name string, total int, err error) {
			c[name] = total
			errs = append(errs, err)
		}
		u, err := tx.ListUsers(org, all)
		note("users", u.Total, err)
		g, err := tx.ListUserGroups(org, all)
		note("groups", g.Total, err)
		a, err := tx.ListAPIs(org, store.APIQuery{ListOptions: all})
		note("apis", a.Total, err)
		p, err := tx.ListPolicies(org, all)
		note("policies", p.Total, err)
		o, err := tx.ListOAuthClients(org, "api1", all)
		note("oauth clients", o.Total, err)
		w, err := tx.ListWebhooks(org, all)
		note("webhooks", w.Total, err)
		as, err := tx.ListAssets(org, all)
		note("assets", as.Total, err)
		cs, err := tx.ListCertificates(org, all)
		note("certificates", cs.Total, err)
		l, err := tx.ListAuditLogs(org, store.AuditQuery{ListOptions: all})
		note("audit logs", l.Total, err)
		r, err := tx.ListAnalytics(store.AnalyticsQuery{OrgID: org, To: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
		note("analytics", len(r), err)
		cats, err := tx.APICategories(org, "")
		note("categories", len(cats), err)
		po, err := tx.ListPortalObjects(store.PortalDeveloper, org, all)
		note("portal", po.Total, err)
		return errors.Join(errs...)
	})
	viewSess(t, s, func(tx store.SessionsReader) error {
		k, err := tx.ListKeys(org, store.KeyQuery{ListOptions: store.ListOptions{Page: -1}})
		c["keys"] = k.Total
		return err
	})
	return c
}

func ones() map[string]int {
	return map[string]int{"users": 1, "groups": 1, "apis": 1, "policies": 1, "oauth clients": 1, "webhooks": 1,
		"assets": 1, "certificates": 1, "audit logs": 1, "analytics": 1, "categories": 1, "portal": 1, "keys": 1}
}

func zeros() map[string]int {
	m := ones()
	for k := range m {
		m[k] = 0
	}
	return m
}

func testOrgIsolation(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	populate(t, s, orgB, 100)
	for _, org := range []string{orgA, orgB} {
		if d := diff(ones(), counts(t, s, org)); d != "" {
			t.Errorf("lists of org %s (-want +got):\n%s", org, d)
		}
	}
	if d := diff(zeros(), counts(t, s, "5e9d9544a1dcd60001d0ed99")); d != "" {
		t.Errorf("lists of an org with nothing (-want +got):\n%s", d)
	}
	// An empty org lists every org's objects.
	if d := diff(map[string]int{"users": 2, "groups": 2, "apis": 2, "policies": 2, "oauth clients": 2, "webhooks": 2,
		"assets": 2, "certificates": 2, "audit logs": 2, "analytics": 0, "categories": 0, "portal": 2, "keys": 2}, counts(t, s, "")); d != "" {
		t.Errorf("lists of every org (-want +got):\n%s", d)
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		_, err := tx.GetPolicyByID(orgB, newPolicy(orgA, 1, "").ID)
		wantErr(t, "GetPolicyByID of org A's policy in org B", err, store.ErrNotFound)
		_, err = tx.GetAssetByID(orgB, newAsset(orgA, 1).ID)
		wantErr(t, "GetAssetByID of org A's asset in org B", err, store.ErrNotFound)
		return nil
	})
}

func testDeleteOrgData(t *testing.T, s store.Store) {
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.InsertOrg(newOrg(orgA, "a")) })
	populate(t, s, orgA, 0)
	populate(t, s, orgB, 100)
	wantErr(t, "DeleteOrgData without an org", s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error { return tx.DeleteOrgData("") }), store.ErrInvalid)
	wantErr(t, "DeleteOrgKeys without an org", s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.DeleteOrgKeys("") }), store.ErrInvalid)
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteOrgData(orgA) })
	sess(t, s, func(tx store.SessionsTx) error { return tx.DeleteOrgKeys(orgA) })
	if d := diff(zeros(), counts(t, s, orgA)); d != "" {
		t.Errorf("lists of org A after deleting its data (-want +got):\n%s", d)
	}
	if d := diff(ones(), counts(t, s, orgB)); d != "" {
		t.Errorf("lists of org B after deleting org A's data (-want +got):\n%s", d)
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		if _, err := tx.GetOrg(orgA); err != nil {
			t.Errorf("DeleteOrgData deleted the org itself: %v", err)
		}
		_, err := tx.GetUserByEmail(orgA, newUser(orgA, 1).EmailAddress)
		wantErr(t, "user of a deleted org by email", err, store.ErrNotFound)
		_, err = tx.GetAPIByAPIID(newAPI(orgA, 1, "").APIDefinition.APIID)
		wantErr(t, "API of a deleted org by api_id", err, store.ErrNotFound)
		_, err = tx.GetSSONonce("nonce1")
		wantErr(t, "nonce of a deleted org", err, store.ErrNotFound)
		toks, err := tx.ListOAuthTokens("client1")
		if err != nil || len(toks) != 0 {
			t.Errorf("OAuth tokens of a deleted org: %v, %v", toks, err)
		}
		return nil
	})
	// The identifiers are free again.
	populate(t, s, orgA, 0)
}

var errRollback = errors.New("stop here")

func testAtomicity(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	before := counts(t, s, orgA)
	err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i := 10; i < 15; i++ {
			if err := tx.InsertAPI(newAPI(orgA, i, "new #newcat")); err != nil {
				return err
			}
		}
		if err := tx.UpdatePolicy(newPolicy(orgA, 1, "renamed")); err != nil {
			return err
		}
		if err := tx.DeleteUser(oid(1)); err != nil {
			return err
		}
		// The transaction sees its own writes...
		p, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil || p.Total != 6 {
			t.Errorf("inside the transaction: %d APIs, %v; want 6", p.Total, err)
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("UpdateDefinitions returned %v, want fn's error", err)
	}
	// ...and nothing of it is kept.
	if d := diff(before, counts(t, s, orgA)); d != "" {
		t.Errorf("lists after a failed transaction (-want +got):\n%s", d)
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		if p, err := tx.GetPolicy(oid(1)); err != nil || p.Name != "policy" {
			t.Errorf("policy after a failed update: %v, %v", p, err)
		}
		if _, err := tx.GetAPIByAPIID(newAPI(orgA, 10, "").APIDefinition.APIID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an API of a failed transaction is found by api_id: %v", err)
		}
		if _, err := tx.GetUser(oid(1)); err != nil {
			t.Errorf("a user deleted by a failed transaction is gone: %v", err)
		}
		return nil
	})

	// A conflict halfway fails the whole transaction when fn passes it on.
	err = s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		if err := tx.InsertAPI(newAPI(orgA, 20, "x")); err != nil {
			return err
		}
		return tx.InsertAPI(newAPI(orgA, 1, "duplicate"))
	})
	wantErr(t, "a transaction with a conflict", err, store.ErrConflict)

	err = s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		for i := 10; i < 15; i++ {
			if err := tx.InsertKey(newKey(orgA, i, "api1")); err != nil {
				return err
			}
		}
		if err := tx.DeleteKey(newKey(orgA, 1).ID); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("UpdateSessions returned %v, want fn's error", err)
	}
	if d := diff(before, counts(t, s, orgA)); d != "" {
		t.Errorf("lists after a failed key transaction (-want +got):\n%s", d)
	}
}

func testReadIsolation(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		first, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil {
			return err
		}
		// A writer commits while this reader is open: it must neither wait
		// for the reader nor be seen by it.
		done := make(chan error, 1)
		go func() {
			done <- s.UpdateDefinitions(ctx, func(w store.DefinitionsTx) error {
				if err := w.InsertAPI(newAPI(orgA, 50, "later")); err != nil {
					return err
				}
				return w.UpdatePolicy(newPolicy(orgA, 1, "changed"))
			})
		}()
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-time.After(10 * time.Second):
			return errors.New("a writer waited for a reader for 10s")
		}
		again, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil {
			return err
		}
		if again.Total != first.Total {
			t.Errorf("a reader saw a write committed after it began: %d APIs, then %d", first.Total, again.Total)
		}
		p, err := tx.GetPolicy(oid(1))
		if err != nil {
			return err
		}
		if p.Name != "policy" {
			t.Errorf("a reader saw an update committed after it began: %q", p.Name)
		}
		return nil
	})
	noErr(t, "view", err)
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		p, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil || p.Total != 2 {
			t.Errorf("a new reader sees %d APIs, %v; want 2", p.Total, err)
		}
		return nil
	})
}

func testSnapshotRestore(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	snap, err := s.Snapshot(ctx)
	noErr(t, "snapshot", err)
	if snap.SnapshotOf() == "" {
		t.Errorf("SnapshotOf is empty")
	}
	populate(t, s, orgB, 100)
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeleteOrgData(orgA) })
	sess(t, s, func(tx store.SessionsTx) error { return tx.DeleteOrgKeys(orgA) })

	for round := range 2 { // a snapshot can be restored again after changes
		noErr(t, "restore", s.Restore(ctx, snap))
		if d := diff(ones(), counts(t, s, orgA)); d != "" {
			t.Errorf("round %d: org A after restore (-want +got):\n%s", round, d)
		}
		if d := diff(zeros(), counts(t, s, orgB)); d != "" {
			t.Errorf("round %d: org B after restore (-want +got):\n%s", round, d)
		}
		populate(t, s, orgB, 100) // identifiers taken after the snapshot are free again
	}

	wantErr(t, "restore of nil", s.Restore(ctx, nil), store.ErrInvalid)
}

// testForeignSnapshot: a store restores only its own snapshots, and a
// refused one changes nothing.
func testForeignSnapshot(t *testing.T, s, other store.Store) {
	populate(t, s, orgA, 0)
	foreign, err := other.Snapshot(ctx)
	noErr(t, "snapshot of another store", err)
	wantErr(t, "restore of another store's snapshot", s.Restore(ctx, foreign), store.ErrInvalid)
	if d := diff(ones(), counts(t, s, orgA)); d != "" {
		t.Errorf("after a refused restore (-want +got):\n%s", d)
	}
}

// testConcurrency has many goroutines read-modify-write the same objects
// and insert their own at once; every write must be kept exactly once.
func testConcurrency(t *testing.T, s store.Store) {
	const workers, rounds = 8, 25
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.InsertPolicy(newPolicy(orgA, 1, "counter")) })
	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(newKey(orgA, 1, "api1")) })

	var wg sync.WaitGroup
	errs := make(chan error, workers*4)
	for w := range workers {
		wg.Add(3)
		go func() {
			defer wg.Done()
			for r := range rounds {
				err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
					p, err := tx.GetPolicy(oid(1))
					if err != nil {
						return err
					}
					p.QuotaMax++
					if err := tx.UpdatePolicy(p); err != nil {
						return err
					}
					return tx.InsertAPI(newAPI(orgA, 1000+w*rounds+r, "concurrent"))
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for r := range rounds {
				err := s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
					k, err := tx.GetKey(newKey(orgA, 1).ID)
					if err != nil {
						return err
					}
					k.Session.QuotaRemaining++
					if err := tx.UpdateKey(k); err != nil {
						return err
					}
					return tx.InsertKey(newKey(orgA, 1000+w*rounds+r, "api1"))
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() { // a reader: every state it sees is whole
			defer wg.Done()
			for range rounds {
				err := s.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
					p, err := tx.GetPolicy(oid(1))
					if err != nil {
						return err
					}
					l, err := tx.ListAPIs(orgA, store.APIQuery{ListOptions: store.ListOptions{Page: 1}})
					if err != nil {
						return err
					}
					if int(p.QuotaMax) != l.Total {
						return fmt.Errorf("a reader saw half a transaction: counter %d, %d APIs", p.QuotaMax, l.Total)
					}
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		p, err := tx.GetPolicy(oid(1))
		if err != nil {
			return err
		}
		l, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil {
			return err
		}
		if p.QuotaMax != workers*rounds || l.Total != workers*rounds {
			t.Errorf("after %d writes: counter %d, %d APIs; want both %d", workers*rounds, p.QuotaMax, l.Total, workers*rounds)
		}
		return nil
	})
	viewSess(t, s, func(tx store.SessionsReader) error {
		k, err := tx.GetKey(newKey(orgA, 1).ID)
		if err != nil {
			return err
		}
		l, err := tx.ListKeys(orgA, store.KeyQuery{})
		if err != nil {
			return err
		}
		if k.Session.QuotaRemaining != workers*rounds || l.Total != workers*rounds+1 {
			t.Errorf("after %d key writes: counter %d, %d keys; want %d, %d", workers*rounds, k.Session.QuotaRemaining, l.Total, workers*rounds, workers*rounds+1)
		}
		return nil
	})
}

func testCopies(t *testing.T, s store.Store) {
	p := newPolicy(orgA, 1, "policy")
	a := newAPI(orgA, 1, "api")
	k := newKey(orgA, 1, "api1")
	defs(t, s, func(tx store.DefinitionsTx) error {
		if err := tx.InsertPolicy(p); err != nil {
			return err
		}
		return tx.InsertAPI(a)
	})
	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(k) })
	// Changing what was inserted changes nothing stored.
	p.AccessRights["api1"] = model.AccessDefinition{APIID: "changed"}
	p.Tags[0] = "changed"
	p.MetaData["k"] = "changed"
	a.APIDefinition.Name = "changed"
	*a.CreatedAt = a.CreatedAt.Add(time.Hour)
	k.Session.AccessRights["api2"] = model.AccessDefinition{}
	k.Session.MetaData["n"] = "changed"

	check := func(when string) {
		t.Helper()
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			got, err := tx.GetPolicy(oid(1))
			if err != nil {
				return err
			}
			if d := diff(newPolicy(orgA, 1, "policy"), got); d != "" {
				t.Errorf("%s: policy changed (-want +got):\n%s", when, d)
			}
			api, err := tx.GetAPI(oid(1))
			if err != nil {
				return err
			}
			if d := diff(newAPI(orgA, 1, "api"), api); d != "" {
				t.Errorf("%s: API changed (-want +got):\n%s", when, d)
			}
			return nil
		})
		viewSess(t, s, func(tx store.SessionsReader) error {
			got, err := tx.GetKey(newKey(orgA, 1).ID)
			if err != nil {
				return err
			}
			if d := diff(newKey(orgA, 1, "api1"), got); d != "" {
				t.Errorf("%s: key changed (-want +got):\n%s", when, d)
			}
			return nil
		})
	}
	check("after changing the inserted objects")

	// Changing what was read changes nothing stored either.
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		got, err := tx.GetPolicy(oid(1))
		if err != nil {
			return err
		}
		got.AccessRights["api1"] = model.AccessDefinition{APIID: "changed"}
		got.MetaData["k"] = "changed"
		got.Tags[0] = "changed"
		l, err := tx.ListPolicies(orgA, store.ListOptions{})
		if err != nil {
			return err
		}
		l.Items[0].AccessRights["x"] = model.AccessDefinition{}
		api, err := tx.GetAPI(oid(1))
		if err != nil {
			return err
		}
		api.APIDefinition.Name = "changed"
		*api.CreatedAt = time.Time{}
		api.APIDefinition.Tags[0] = "changed"
		la, err := tx.ListAPIs(orgA, store.APIQuery{})
		if err != nil {
			return err
		}
		la.Items[0].APIDefinition.Proxy.ListenPath = "/changed/"
		return nil
	})
	viewSess(t, s, func(tx store.SessionsReader) error {
		got, err := tx.GetKey(newKey(orgA, 1).ID)
		if err != nil {
			return err
		}
		got.Session.AccessRights["api1"] = model.AccessDefinition{}
		got.Session.MetaData["n"] = "changed"
		l, err := tx.ListKeys(orgA, store.KeyQuery{})
		if err != nil {
			return err
		}
		l.Items[0].Session.Tags[0] = "changed"
		return nil
	})
	check("after changing the objects read")
}

func testCancelledContext(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := s.ViewDefinitions(cancelled, func(store.DefinitionsReader) error { called = true; return nil })
	wantErr(t, "ViewDefinitions with a cancelled context", err, context.Canceled)
	err = s.UpdateDefinitions(cancelled, func(tx store.DefinitionsTx) error {
		called = true
		return tx.InsertAPI(newAPI(orgA, 9, "x"))
	})
	wantErr(t, "UpdateDefinitions with a cancelled context", err, context.Canceled)
	err = s.ViewSessions(cancelled, func(store.SessionsReader) error { called = true; return nil })
	wantErr(t, "ViewSessions with a cancelled context", err, context.Canceled)
	err = s.UpdateSessions(cancelled, func(tx store.SessionsTx) error {
		called = true
		return tx.InsertKey(newKey(orgA, 9, "x"))
	})
	wantErr(t, "UpdateSessions with a cancelled context", err, context.Canceled)
	if called {
		t.Errorf("a transaction ran with a cancelled context")
	}
	_, err = s.Snapshot(cancelled)
	wantErr(t, "Snapshot with a cancelled context", err, context.Canceled)
	var buf bytes.Buffer
	wantErr(t, "Export with a cancelled context", s.Export(cancelled, &buf), context.Canceled)
	wantErr(t, "Import with a cancelled context", s.Import(cancelled, strings.NewReader("")), context.Canceled)

	// A context cancelled while a transaction runs: nothing is kept.
	live, cancelLive := context.WithCancel(context.Background())
	err = s.UpdateDefinitions(live, func(tx store.DefinitionsTx) error {
		if err := tx.InsertAPI(newAPI(orgA, 9, "x")); err != nil {
			return err
		}
		cancelLive()
		return nil
	})
	wantErr(t, "a transaction whose context was cancelled while it ran", err, context.Canceled)
	if d := diff(ones(), counts(t, s, orgA)); d != "" {
		t.Errorf("after cancelled calls (-want +got):\n%s", d)
	}
}

func testExportImport(t *testing.T, s store.Store) {
	populate(t, s, orgA, 0)
	populate(t, s, orgB, 100)
	defs(t, s, func(tx store.DefinitionsTx) error {
		for i := 10; i < 15; i++ { // an order of creation that no id order gives
			if err := tx.InsertAPI(newAPI(orgA, 30-i, fmt.Sprintf("api %d", i))); err != nil {
				return err
			}
		}
		return tx.InsertOrg(newOrg(orgA, "org a"))
	})
	var buf bytes.Buffer
	noErr(t, "export", s.Export(ctx, &buf))
	exported := buf.String()
	for i, line := range strings.Split(strings.TrimSpace(exported), "\n") {
		if !strings.HasPrefix(line, `{"collection":`) {
			t.Fatalf("export line %d is not a record: %s", i+1, line)
		}
	}
	if !strings.Contains(exported, newUser(orgA, 1).PasswordHash) {
		t.Errorf("export lost the users' password hashes")
	}

	// Import into the same store, changed since: the state becomes the
	// export's again, with every index and order.
	populate(t, s, "5e9d9544a1dcd60001d0ed99", 200)
	noErr(t, "import", s.Import(ctx, strings.NewReader(exported)))
	check := func(when string) {
		t.Helper()
		for _, org := range []string{orgA, orgB} {
			want := ones()
			if org == orgA {
				want["apis"] = 6
			}
			if d := diff(want, counts(t, s, org)); d != "" {
				t.Errorf("%s: lists of org %s (-want +got):\n%s", when, org, d)
			}
		}
		if d := diff(zeros(), counts(t, s, "5e9d9544a1dcd60001d0ed99")); d != "" {
			t.Errorf("%s: an org created after the export (-want +got):\n%s", when, d)
		}
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			u, err := tx.GetUserByEmail(orgA, newUser(orgA, 1).EmailAddress)
			if err != nil {
				return err
			}
			if d := diff(newUser(orgA, 1), u); d != "" {
				t.Errorf("%s: user (-want +got):\n%s", when, d)
			}
			c, err := tx.GetOAuthClient("client1")
			if err != nil {
				return err
			}
			if d := diff(newClient(orgA, "api1", 1), c); d != "" {
				t.Errorf("%s: OAuth client (-want +got):\n%s", when, d)
			}
			toks, err := tx.ListOAuthTokens("client1")
			if err != nil || len(toks) != 1 || toks[0].OrgID != orgA {
				t.Errorf("%s: OAuth tokens %v, %v", when, toks, err)
			}
			if _, err := tx.GetPolicyByID(orgA, newPolicy(orgA, 1, "").ID); err != nil {
				t.Errorf("%s: policy by custom id: %v", when, err)
			}
			l, err := tx.ListAPIs(orgA, store.APIQuery{ListOptions: store.ListOptions{Page: 1, PageSize: 3}})
			if err != nil {
				return err
			}
			if d := diff([]string{"api #cat", "api 10", "api 11"}, apiNames(l)); d != "" {
				t.Errorf("%s: order of creation (-want +got):\n%s", when, d)
			}
			if _, err := tx.GetOrg(orgA); err != nil {
				t.Errorf("%s: org: %v", when, err)
			}
			return nil
		})
		viewSess(t, s, func(tx store.SessionsReader) error {
			k, err := tx.GetKeyByHash(newKey(orgA, 1).Hash)
			if err != nil {
				return err
			}
			if d := diff(newKey(orgA, 1, "api1"), k); d != "" {
				t.Errorf("%s: key (-want +got):\n%s", when, d)
			}
			return nil
		})
	}
	check("after import")

	// A broken stream changes nothing.
	for _, bad := range []string{
		exported + "not json\n",
		exported + `{"collection":"spaceships","object":{}}` + "\n",
		exported + exported, // every id twice
	} {
		if err := s.Import(ctx, strings.NewReader(bad)); err == nil {
			t.Errorf("import of a broken stream succeeded")
		}
		check("after a failed import")
	}

	// An export of an import is the same stream.
	var again bytes.Buffer
	noErr(t, "export again", s.Export(ctx, &again))
	if again.String() != exported {
		t.Errorf("export after import differs from the export imported")
	}
}

// testAuditBatches: a store's batch writes of audit records
// (store.AuditLogBatchWriter, where it has them) act as its one-record
// writes one after the other: records listed and counted, duplicates
// refused with the transaction left unwritten, ids it does not hold
// skipped, and a batch's own records deleted in the same transaction.
func testAuditBatches(t *testing.T, s store.Store) {
	batchOf := func(tx store.DefinitionsTx) store.AuditLogBatchWriter {
		b, ok := tx.(store.AuditLogBatchWriter)
		if !ok {
			t.Skip("the store writes audit records one at a time only")
		}
		return b
	}
	// Out of time order, as records of concurrent requests can be.
	minutes := []int{3, 1, 4, 0, 2}
	defs(t, s, func(tx store.DefinitionsTx) error {
		var ls []*model.AuditLog
		for _, m := range minutes {
			ls = append(ls, newAudit(orgA, m))
		}
		ls = append(ls, newAudit(orgB, 10), newAudit(orgB, 11))
		return batchOf(tx).InsertAuditLogs(ls)
	})
	listed := func(org string, lo store.ListOptions) ([]string, int) {
		t.Helper()
		var ids []string
		var total int
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			p, err := tx.ListAuditLogs(org, store.AuditQuery{ListOptions: lo})
			for _, l := range p.Items {
				ids = append(ids, l.MID)
			}
			total = p.Total
			return err
		})
		return ids, total
	}
	ids, total := listed(orgA, store.ListOptions{Sort: "-created", Page: 1, PageSize: 3})
	if d := diff([]string{oid(4), oid(3), oid(2)}, ids); d != "" || total != 5 {
		t.Errorf("org A's newest three of %d (want 5) (-want +got):\n%s", total, d)
	}
	ids, total = listed(orgA, store.ListOptions{Page: -1})
	if d := diff([]string{oid(3), oid(1), oid(4), oid(0), oid(2)}, ids); d != "" || total != 5 {
		t.Errorf("org A's records in the order written, %d of them (want 5) (-want +got):\n%s", total, d)
	}
	if _, total := listed(orgB, store.ListOptions{Page: -1}); total != 2 {
		t.Errorf("org B holds %d records, want 2", total)
	}

	// A duplicate, of a stored record or within the batch, fails the batch
	// and the transaction keeps nothing of it.
	for name, dup := range map[string][]*model.AuditLog{
		"stored":         {newAudit(orgA, 20), newAudit(orgA, 1), newAudit(orgA, 21)},
		"in the batch":   {newAudit(orgA, 22), newAudit(orgA, 23), newAudit(orgA, 22)},
		"of another org": {newAudit(orgB, 24), newAudit(orgB, 3)},
	} {
		err := s.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error { return batchOf(tx).InsertAuditLogs(dup) })
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("a batch with a duplicate %s: %v, want ErrConflict", name, err)
		}
	}
	if _, total := listed(orgA, store.ListOptions{Page: -1}); total != 5 {
		t.Errorf("after refused batches org A holds %d records, want 5", total)
	}

	// Deletes skip what is not held; a batch's records deleted in its own
	// transaction, with one-record writes between, leave the counts exact.
	var deleted int
	defs(t, s, func(tx store.DefinitionsTx) error {
		b := batchOf(tx)
		var err error
		if deleted, err = b.DeleteAuditLogs([]string{oid(3), oid(99), oid(0), oid(3)}); err != nil {
			return err
		}
		if err := b.InsertAuditLogs([]*model.AuditLog{newAudit(orgA, 30), newAudit(orgB, 31)}); err != nil {
			return err
		}
		if err := tx.InsertAuditLog(newAudit(orgA, 32)); err != nil {
			return err
		}
		n, err := b.DeleteAuditLogs([]string{oid(30), oid(31), oid(10)})
		if n != 3 {
			t.Errorf("deleting three records written before, two in the same transaction: %d deleted", n)
		}
		return err
	})
	if deleted != 2 {
		t.Errorf("deleting two held records, one missing and one twice: %d deleted, want 2", deleted)
	}
	ids, total = listed(orgA, store.ListOptions{Sort: "created", Page: -1})
	if d := diff([]string{oid(1), oid(2), oid(4), oid(32)}, ids); d != "" || total != 4 {
		t.Errorf("org A after the deletes, oldest first, %d records (want 4) (-want +got):\n%s", total, d)
	}
	if ids, total := listed(orgB, store.ListOptions{Page: -1}); total != 1 || len(ids) != 1 || ids[0] != oid(11) {
		t.Errorf("org B after the deletes: %v (total %d), want only %s", ids, total, oid(11))
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		if _, err := tx.GetAuditLog(oid(0)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a deleted record read back: %v, want ErrNotFound", err)
		}
		return nil
	})
}
