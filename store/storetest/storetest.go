package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Run runs the conformance suite against the stores newStore returns. It
// calls newStore once per subtest and expects an empty store each time;
// subtests run one after another.
func Run(t *testing.T, newStore func() store.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"CRUD", testCRUD},
		{"Lookups", testLookups},
		{"Conflicts", testConflicts},
		{"Invalid", testInvalid},
		{"Pagination", testPagination},
		{"Sort", testSort},
		{"LongLists", testLongLists},
		{"APIFilters", testAPIFilters},
		{"APIKinds", testAPIKinds},
		{"KeyFilters", testKeyFilters},
		{"Portal", testPortal},
		{"AuditAndAnalytics", testAuditAndAnalytics},
		{"Certificates", testCertificates},
		{"OrgIsolation", testOrgIsolation},
		{"DeleteOrgData", testDeleteOrgData},
		{"Atomicity", testAtomicity},
		{"ReadIsolation", testReadIsolation},
		{"SnapshotRestore", testSnapshotRestore},
		{"Concurrency", testConcurrency},
		{"Copies", testCopies},
		{"CancelledContext", testCancelledContext},
		{"ExportImport", testExportImport},
		{"AuditBatches", testAuditBatches},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore()) })
	}
	t.Run("SnapshotOfAnotherStore", func(t *testing.T) { testForeignSnapshot(t, newStore(), newStore()) })
}

// ctx is the context of calls that are not about contexts.
var ctx = context.Background()

func oid(n int) string { return fmt.Sprintf("%024x", n) }

const (
	orgA = "5e9d9544a1dcd60001d0ed20"
	orgB = "5e9d9544a1dcd60001d0ed21"
)

// opts compare model objects: empty and nil maps and slices are the same,
// since JSON cannot tell them apart.
var opts = cmp.Options{cmpopts.EquateEmpty()}

func diff(want, got any) string { return cmp.Diff(want, got, opts) }

func defs(t *testing.T, s store.Store, fn func(tx store.DefinitionsTx) error) {
	t.Helper()
	if err := s.UpdateDefinitions(ctx, fn); err != nil {
		t.Fatalf("UpdateDefinitions: %v", err)
	}
}

func sess(t *testing.T, s store.Store, fn func(tx store.SessionsTx) error) {
	t.Helper()
	if err := s.UpdateSessions(ctx, fn); err != nil {
		t.Fatalf("UpdateSessions: %v", err)
	}
}

func viewDefs(t *testing.T, s store.Store, fn func(tx store.DefinitionsReader) error) {
	t.Helper()
	if err := s.ViewDefinitions(ctx, fn); err != nil {
		t.Fatalf("ViewDefinitions: %v", err)
	}
}

func viewSess(t *testing.T, s store.Store, fn func(tx store.SessionsReader) error) {
	t.Helper()
	if err := s.ViewSessions(ctx, fn); err != nil {
		t.Fatalf("ViewSessions: %v", err)
	}
}

// wantErr fails unless err wraps target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Fixtures: small but realistic objects, with maps, slices and pointers
// inside so that copies are put to the test.

func newAPI(org string, n int, name string) *model.APIDefinitionWrapper {
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour)
	return &model.APIDefinitionWrapper{
		APIDefinition: &model.APIDefinition{
			ID:              oid(n),
			APIID:           fmt.Sprintf("%032x", n),
			OrgID:           org,
			Name:            name,
			Active:          true,
			UseStandardAuth: true,
			Tags:            []string{"t1"},
			Proxy:           model.ProxyConfig{ListenPath: fmt.Sprintf("/api%d/", n), TargetURL: "http://upstream"},
		},
		Categories: []string{},
		CreatedAt:  &created,
		UpdatedAt:  &created,
	}
}

func newPolicy(org string, n int, name string) *model.Policy {
	return &model.Policy{
		MID:          oid(n),
		ID:           fmt.Sprintf("pol-%d", n),
		OrgID:        org,
		Name:         name,
		Rate:         100,
		Per:          60,
		Active:       true,
		AccessRights: map[string]model.AccessDefinition{"api1": {APIID: "api1", Versions: []string{"Default"}}},
		Tags:         []string{"a"},
		MetaData:     map[string]any{"k": "v"},
		DateCreated:  time.Date(2024, 1, 1, n, 0, 0, 0, time.UTC).Format(time.RFC3339),
		LastUpdated:  time.Date(2024, 2, 1, 0, n, 0, 0, time.UTC).Format(time.RFC3339),
	}
}

func newKey(org string, n int, apiIDs ...string) *store.Key {
	rights := map[string]model.AccessDefinition{}
	for _, id := range apiIDs {
		rights[id] = model.AccessDefinition{APIID: id, APIName: "API " + id, Versions: []string{"Default"}}
	}
	return &store.Key{
		ID:    fmt.Sprintf("%s%032x", org, n),
		Hash:  fmt.Sprintf("h%08x%s", n, org[len(org)-4:]),
		OrgID: org,
		Session: model.SessionState{
			Rate:           10,
			Per:            1,
			QuotaMax:       -1,
			OrgID:          org,
			AccessRights:   rights,
			MetaData:       map[string]any{"n": fmt.Sprint(n)},
			Tags:           []string{"k"},
			Alias:          fmt.Sprintf("alias-%03d", n),
			ApplyPolicies:  []string{},
			QuotaRemaining: 0,
		},
	}
}

func newUser(org string, n int) *model.User {
	return &model.User{
		ID:              oid(n),
		OrgID:           org,
		FirstName:       fmt.Sprintf("First%d", n),
		LastName:        "Last",
		EmailAddress:    fmt.Sprintf("user%d@example.com", n),
		AccessKey:       fmt.Sprintf("%032x", n+1000),
		Active:          true,
		UserPermissions: model.UserPermissions{"apis": model.PermWrite},
		PasswordHash:    "$2a$10$hash" + fmt.Sprint(n),
	}
}

func newGroup(org string, n int) *model.UserGroup {
	return &model.UserGroup{ID: oid(n), OrgID: org, Name: fmt.Sprintf("group %d", n),
		UserPermissions: model.UserPermissions{"keys": model.PermRead}}
}

func newOrg(id, name string) *model.Organisation {
	return &model.Organisation{ID: id, OwnerName: name, OwnerSlug: name,
		AdditionalPermissions: map[string]string{"reports": "Reports"},
		OrgOptionsMeta:        map[string]any{"nested": map[string]any{"webhook": "http://x"}}}
}

func newClient(org, apiID string, n int) *model.OAuthClient {
	return &model.OAuthClient{ClientID: fmt.Sprintf("client%d", n), ClientName: fmt.Sprintf("client %d", n),
		ClientRedirectURI: "http://cb", ClientSecret: "secret", PolicyID: oid(1),
		MetaData: map[string]string{"m": "1"}, APIID: apiID, OrgID: org}
}

func newWebhook(org string, n int) *model.WebHookHandlerConf {
	return &model.WebHookHandlerConf{ID: oid(n), OrgID: org, Name: fmt.Sprintf("hook %d", n), Method: "POST",
		TargetPath: "http://hook", HeaderList: map[string]string{"X": "1"}}
}

func newAsset(org string, n int) *model.Asset {
	return &model.Asset{MID: oid(n), ID: fmt.Sprintf("tmpl-%d", n), Kind: model.AssetKindOASTemplate,
		Name: fmt.Sprintf("template %d", n), Description: "d", Data: []byte(`{"info":{"title":"t"}}`), OrgID: org,
		LastUpdated: time.Date(2024, 3, 1, n, 0, 0, 0, time.UTC).Format(time.RFC3339)}
}

func newAudit(org string, n int) *model.AuditLog {
	ts := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	return &model.AuditLog{MID: oid(n), OrgID: org, Date: ts.Format(time.RFC3339), Timestamp: ts.Unix(),
		User: "admin@example.com", Action: "create", Method: "POST", URL: fmt.Sprintf("/api/apis/%d", n), Status: 200}
}
