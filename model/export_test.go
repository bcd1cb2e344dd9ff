package model_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

// exportTypes names the model type of each file of testdata/export by its
// prefix. The files are objects in the shape a real Dashboard exports them:
// every member its Go types always write is present, and no member the
// types write only when not empty (",omitempty") is empty.
var exportTypes = map[string]func() any{
	"api-":    func() any { return new(model.APIDefinitionWrapper) },
	"policy-": func() any { return new(model.Policy) },
	"key-":    func() any { return new(model.SessionState) },
}

// exportFiles lists testdata/export and the type of each file.
func exportFiles(t *testing.T) map[string]func() any {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "export", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no exported objects in testdata/export: %v", err)
	}
	out := map[string]func() any{}
	for _, f := range files {
		name := filepath.Base(f)
		for prefix, typ := range exportTypes {
			if strings.HasPrefix(name, prefix) {
				out[name] = typ
			}
		}
		if out[name] == nil {
			t.Fatalf("%s: no model type for this file name", name)
		}
	}
	return out
}

// TestExportsRoundTripExactly decodes every exported object and encodes it
// back: the two JSON trees are equal member for member, nothing added (no
// empty member a real Dashboard leaves out), nothing lost, null kept null.
func TestExportsRoundTripExactly(t *testing.T) {
	for name, typ := range exportFiles(t) {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "export", name))
			if err != nil {
				t.Fatal(err)
			}
			v := typ()
			if err := json.Unmarshal(raw, v); err != nil {
				t.Fatalf("decode into %T: %v", v, err)
			}
			in := jsonTree(t, raw)
			var problems []string
			exportShape(in, reflect.TypeOf(v), "", &problems)
			if len(problems) > 0 {
				sort.Strings(problems)
				t.Fatalf("the file is not in the export shape:\n%s", strings.Join(problems, "\n"))
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(in, jsonTree(t, out), treeOptions); diff != "" {
				t.Errorf("round trip through %T changed the export (-in +out):\n%s", v, diff)
			}
		})
	}
}

// exportShape checks that tree, decoded into Go type t, is in the shape the
// gateway's types write: each member without omitempty present, each member
// with omitempty (a struct aside, which encoding/json always writes) absent
// when empty. It appends what is wrong to problems.
func exportShape(tree any, t reflect.Type, path string, problems *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch v := tree.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Map:
			for k, c := range v {
				exportShape(c, t.Elem(), path+"/"+k, problems)
			}
		case reflect.Struct:
			fields := jsonFields(t)
			for name, f := range fields {
				if f.Type == reflect.TypeFor[model.Extra]() {
					continue
				}
				// encoding/json omits an empty Go value: a struct, or raw
				// JSON such as {}, is written.
				tagged := strings.Contains(f.Tag.Get("json"), ",omitempty")
				omit := tagged && f.Type.Kind() != reflect.Struct && f.Type != reflect.TypeFor[json.RawMessage]()
				c, present := v[name]
				switch {
				case !present && !tagged:
					*problems = append(*problems, path+"/"+name+": missing; the Dashboard always writes it")
				case present && omit && isZeroTree(c) && !isObject(c):
					*problems = append(*problems, path+"/"+name+": empty; the Dashboard leaves it out")
				case present:
					exportShape(c, f.Type, path+"/"+name, problems)
				}
			}
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, c := range v {
				exportShape(c, t.Elem(), path+"/"+string(rune('0'+i%10)), problems)
			}
		}
	}
}

func isObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) > 0
}

// TestZeroClassicAPIWritesOnlyAlwaysWrittenMembers: a classic API built in Go
// writes none of the members the gateway's apidef types tag omitempty while
// they are empty, and still writes the ones without it. The members are
// those of github.com/TykTechnologies/tyk apidef/api_definitions.go.
func TestZeroClassicAPIWritesOnlyAlwaysWrittenMembers(t *testing.T) {
	def := model.APIDefinition{
		VersionData: model.VersionData{Versions: map[string]model.VersionInfo{"Default": {
			ExtendedPaths: model.ExtendedPathsSet{
				WhiteList:    []model.EndPointMeta{{Path: "/a"}},
				ValidateJSON: []model.ValidatePathMeta{{Path: "/b"}},
			},
		}}},
		GraphQL: model.GraphQLConfig{Supergraph: model.GraphQLSupergraphConfig{
			Subgraphs: []model.GraphQLSubgraphEntity{{Name: "s"}},
		}},
	}
	raw, err := json.Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	tree := jsonTree(t, raw)
	absent := []string{
		"id", "expiration", "is_oas", "domain_disabled", "tags_disabled",
		"upstream_certificates_disabled", "certificate_pinning_disabled",
		"session_lifetime_respects_key_expiration",
		"analytics_plugin/enable", "analytics_plugin/plugin_path", "analytics_plugin/func_name",
		"scopes/jwt/scope_claim_name", "scopes/jwt/scope_to_policy",
		"scopes/oidc/scope_claim_name", "scopes/oidc/scope_to_policy",
		"upstream_auth/basic_auth/enabled",
		"upstream_auth/oauth/client_credentials/client_secret",
		"upstream_auth/oauth/client_credentials/scopes",
		"upstream_auth/oauth/client_credentials/extra_metadata",
		"upstream_auth/oauth/password/client_secret",
		"upstream_auth/oauth/password/scopes",
		"upstream_auth/oauth/password/extra_metadata",
		"graphql/last_schema_update", "graphql/proxy/subscription_type",
		"graphql/supergraph/updated_at", "graphql/supergraph/subgraphs/0/subscription_type",
		"version_data/versions/Default/extended_paths/white_list/0/method_actions",
		"version_data/versions/Default/extended_paths/validate_json/0/schema_b64",
	}
	for _, m := range []string{"ignored", "black_list", "mock_response", "cache", "advance_cache_config",
		"transform", "transform_response", "transform_jq", "transform_jq_response", "transform_headers",
		"transform_response_headers", "hard_timeouts", "circuit_breakers", "url_rewrites", "virtual",
		"size_limits", "method_transforms", "track_endpoints", "do_not_track_endpoints", "validate_request",
		"internal", "go_plugin"} {
		absent = append(absent, "version_data/versions/Default/extended_paths/"+m)
	}
	for _, p := range absent {
		if _, ok := lookup(tree, p); ok {
			t.Errorf("%s is written while empty; the gateway tags it omitempty", p)
		}
	}
	present := []string{
		"api_id", "name", "use_keyless", "upstream_certificates", "pinned_public_keys", "tags",
		"analytics_plugin", "scopes/jwt", "scopes/oidc", "upstream_auth/basic_auth/username",
		"upstream_auth/oauth/password", "auth/signature", "graphql/proxy/auth_headers",
		"graphql/supergraph/subgraphs/0/headers",
		"version_data/versions/Default/extended_paths/persist_graphql",
		"version_data/versions/Default/extended_paths/rate_limit",
		"version_data/versions/Default/extended_paths/validate_json/0/schema",
	}
	for _, p := range present {
		if _, ok := lookup(tree, p); !ok {
			t.Errorf("%s is not written; the gateway always writes it", p)
		}
	}
}

// lookup follows a /-separated path of member names and list indexes.
func lookup(tree any, path string) (any, bool) {
	cur := tree
	for _, part := range strings.Split(path, "/") {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[part]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			if len(part) != 1 || part[0] < '0' || int(part[0]-'0') >= len(c) {
				return nil, false
			}
			cur = c[part[0]-'0']
		default:
			return nil, false
		}
	}
	return cur, true
}

// TestNullLimitStaysNull: a per-API limit is a pointer in the Dashboard's
// policy type (the gateway's DBAccessDefinition: Limit *user.APILimit), so a
// right without one is null and comes back null, in a policy and in a key;
// a right with one keeps it. Applying a policy whose right has a null limit
// still gives the key the policy's limits, as before.
func TestNullLimitStaysNull(t *testing.T) {
	const raw = `{"_id":"6601a3f27bd42a0001c0f101","name":"p","rate":10,"per":1,"quota_max":100,
		"access_rights":{"a":{"api_id":"a","versions":["Default"],"limit":null},
		"b":{"api_id":"b","versions":["Default"],"limit":{"rate":5,"per":1,"quota_max":50}}},
		"partitions":{"per_api":true}}`
	var p model.Policy
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	if p.AccessRights["a"].Limit != nil {
		t.Fatalf("limit null decoded as %+v", p.AccessRights["a"].Limit)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	tree := jsonTree(t, out)
	if v, ok := lookup(tree, "access_rights/a/limit"); !ok || v != nil {
		t.Errorf("access_rights.a.limit = %v (present %v), want null", v, ok)
	}
	if v, _ := lookup(tree, "access_rights/b/limit/rate"); v != json.Number("5") {
		t.Errorf("access_rights.b.limit.rate = %v, want 5", v)
	}

	key := model.SessionState{AccessRights: map[string]model.AccessDefinition{"a": {APIID: "a"}}}
	model.ApplyPolicies(&key, []model.Policy{p}, time.Unix(1700000000, 0))
	a, b := key.AccessRights["a"].Limit, key.AccessRights["b"].Limit
	if a == nil || a.Rate != 10 || a.QuotaMax != 100 || !a.SetBy {
		t.Errorf("the key's limit for a = %+v, want the policy's rate 10 and quota 100", a)
	}
	if b == nil || b.Rate != 5 || b.QuotaMax != 50 {
		t.Errorf("the key's limit for b = %+v, want the right's own rate 5 and quota 50", b)
	}
	if p.AccessRights["a"].Limit != nil || p.AccessRights["b"].Limit.SetBy {
		t.Error("applying the policy wrote into the policy's own limits")
	}
}
