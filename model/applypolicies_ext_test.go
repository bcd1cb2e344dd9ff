package model_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

var applyNow = time.Date(2024, 3, 13, 10, 0, 0, 0, time.UTC)

// decodeSession and decodePolicies read JSON written as the Dashboard's.
func decodeSession(t *testing.T, s string) model.SessionState {
	t.Helper()
	var v model.SessionState
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func decodePolicies(t *testing.T, s string) []model.Policy {
	t.Helper()
	var v []model.Policy
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestApplyPoliciesGuideKey is the guide's custom key: its own rate, quota
// and expiry are placeholders that the policy overwrites, and its access
// rights become the policy's.
func TestApplyPoliciesGuideKey(t *testing.T) {
	key := decodeSession(t, `{"apply_policies":["5ecc0b91081ac40001ed261c"],"org_id":"5eb06f441fe4c4000147476e",
		"expires":0,"allowance":0,"per":0,"quota_max":0,"rate":0,
		"access_rights":{"b742100081764ff06b00f75733145614":{"api_name":"","api_id":"b742100081764ff06b00f75733145614","versions":["Default"]}}}`)
	pols := decodePolicies(t, `[{"_id":"5ecc0b91081ac40001ed261c","org_id":"5eb06f441fe4c4000147476e","name":"p",
		"rate":100,"per":60,"quota_max":1000,"quota_renewal_rate":3600,"key_expires_in":86400,"tags":["gold"],
		"meta_data":{"tier":"gold"},"partitions":{},
		"access_rights":{"b742100081764ff06b00f75733145614":{"api_name":"My API","api_id":"b742100081764ff06b00f75733145614","versions":["Default","v2"],
			"allowed_urls":[{"url":"/users","methods":["GET"]}]}}}]`)
	before := mustJSON(t, key)
	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(pols), applyNow)
	if err != nil {
		t.Fatal(err)
	}
	if after := mustJSON(t, key); after != before {
		t.Errorf("ApplyPoliciesByID modified its input:\n%s\n%s", before, after)
	}
	if got.Rate != 100 || got.Per != 60 || got.Allowance != 100 {
		t.Errorf("rate %v/%v allowance %v, want 100/60 and 100", got.Rate, got.Per, got.Allowance)
	}
	if got.QuotaMax != 1000 || got.QuotaRemaining != 1000 || got.QuotaRenewalRate != 3600 {
		t.Errorf("quota %d remaining %d renews %d", got.QuotaMax, got.QuotaRemaining, got.QuotaRenewalRate)
	}
	if got.Expires != applyNow.Unix()+86400 {
		t.Errorf("expires %d, want now+86400 = %d", got.Expires, applyNow.Unix()+86400)
	}
	ar := got.AccessRights["b742100081764ff06b00f75733145614"]
	want := model.AccessDefinition{
		APIName: "My API", APIID: "b742100081764ff06b00f75733145614", Versions: []string{"Default", "v2"},
		AllowedURLs: []model.AccessSpec{{URL: "/users", Methods: []string{"GET"}}},
		Limit:       &model.APILimit{Rate: 100, Per: 60, QuotaMax: 1000, QuotaRemaining: 1000, QuotaRenewalRate: 3600, SetBy: true},
	}
	if diff := cmp.Diff(want, ar); diff != "" {
		t.Errorf("access right (-want +got):\n%s", diff)
	}
	if len(got.Tags) != 1 || got.Tags[0] != "gold" || got.MetaData["tier"] != "gold" {
		t.Errorf("tags %v meta %v", got.Tags, got.MetaData)
	}
}

func TestApplyPoliciesErrors(t *testing.T) {
	pols := decodePolicies(t, `[
		{"_id":"aaaaaaaaaaaaaaaaaaaaaaaa","id":"perapi","org_id":"o1","partitions":{"per_api":true}},
		{"_id":"bbbbbbbbbbbbbbbbbbbbbbbb","id":"quota","org_id":"o1","partitions":{"quota":true}},
		{"_id":"cccccccccccccccccccccccc","id":"broken","org_id":"o1","partitions":{"per_api":true,"acl":true}},
		{"_id":"dddddddddddddddddddddddd","id":"other","org_id":"o2"}]`)
	cases := []struct {
		ids     []string
		wantErr error
		wantID  string
	}{
		{[]string{"quota", "nope"}, model.ErrPolicyNotFound, "nope"},
		{[]string{"other"}, model.ErrPolicyOtherOrg, "other"},
		{[]string{"broken"}, model.ErrPolicyPerAPIAndPartitions, "broken"},
		{[]string{"perapi", "quota"}, model.ErrPoliciesMixPerAPI, "quota"},
		{[]string{"quota", "aaaaaaaaaaaaaaaaaaaaaaaa"}, model.ErrPoliciesMixPerAPI, "aaaaaaaaaaaaaaaaaaaaaaaa"},
	}
	for _, c := range cases {
		key := model.SessionState{OrgID: "o1", ApplyPolicies: c.ids, Rate: 7}
		got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(pols), applyNow)
		var pe *model.PolicyError
		if !errors.Is(err, c.wantErr) || !errors.As(err, &pe) || pe.PolicyID != c.wantID {
			t.Errorf("%v: err %v, want %v naming %s", c.ids, err, c.wantErr, c.wantID)
			continue
		}
		if !strings.Contains(err.Error(), c.wantID) {
			t.Errorf("%v: message %q does not name the policy", c.ids, err)
		}
		if got.Rate != 7 {
			t.Errorf("%v: failed apply changed the key: rate %v", c.ids, got.Rate)
		}
	}
}

// TestApplyPoliciesPartitions: three partitioned policies each set one part;
// together they make the key.
func TestApplyPoliciesPartitions(t *testing.T) {
	pols := decodePolicies(t, `[
		{"id":"acl","partitions":{"acl":true},"rate":1,"per":1,"quota_max":1,
			"access_rights":{"a":{"api_id":"a","versions":["v1"]},"b":{"api_id":"b","versions":["v1"]}}},
		{"id":"rate","partitions":{"rate_limit":true},"rate":50,"per":10,"throttle_interval":2,"throttle_retry_limit":3,
			"access_rights":{"a":{"api_id":"a","versions":["v2"]},"c":{"api_id":"c","versions":["v1"]}}},
		{"id":"quota","partitions":{"quota":true},"quota_max":-1,"quota_renewal_rate":60,
			"access_rights":{"a":{"api_id":"a"},"b":{"api_id":"b"}}},
		{"id":"depth","partitions":{"complexity":true},"max_query_depth":5}]`)
	key := model.SessionState{ApplyPolicies: []string{"acl", "rate", "quota", "depth"}, Rate: 1000, Per: 1, QuotaMax: 3, MaxQueryDepth: 1}
	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(pols), applyNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rate != 50 || got.Per != 10 || got.ThrottleInterval != 2 || got.ThrottleRetryLimit != 3 {
		t.Errorf("rate %v/%v throttle %v/%d: want the rate policy's, not the key's own 1000/1", got.Rate, got.Per, got.ThrottleInterval, got.ThrottleRetryLimit)
	}
	if got.QuotaMax != -1 || got.QuotaRemaining != -1 || got.MaxQueryDepth != 5 {
		t.Errorf("quota %d/%d depth %d", got.QuotaMax, got.QuotaRemaining, got.MaxQueryDepth)
	}
	if len(got.AccessRights) != 2 {
		t.Fatalf("rights %v, want a and b from the acl policy only (c comes from a rate-limit partition)", got.AccessRights)
	}
	a, b := got.AccessRights["a"], got.AccessRights["b"]
	if a.Limit.Rate != 50 || a.Limit.QuotaMax != -1 || b.Limit.Rate != 50 || b.Limit.QuotaMax != -1 {
		t.Errorf("limits a %+v b %+v", a.Limit, b.Limit)
	}
	if b.Limit.MaxQueryDepth != 5 {
		t.Errorf("b depth %d, want the key-level 5 (no policy set it per API)", b.Limit.MaxQueryDepth)
	}
	if diff := cmp.Diff([]string{"v1"}, a.Versions); diff != "" {
		t.Errorf("versions of a (-want +got): %s: only the acl policy grants versions", diff)
	}
}

// TestApplyPoliciesPerAPI: a per_api policy keeps each API's own limit and
// gives an API without one the policy's, scoped to the policy.
func TestApplyPoliciesPerAPI(t *testing.T) {
	pols := decodePolicies(t, `[{"_id":"eeeeeeeeeeeeeeeeeeeeeeee","partitions":{"per_api":true},"rate":5,"per":1,"quota_max":100,
		"access_rights":{
			"a":{"api_id":"a","versions":["Default"],"limit":{"rate":1000,"per":60,"quota_max":-1}},
			"b":{"api_id":"b","versions":["Default"]}}}]`)
	key := model.SessionState{ApplyPolicyID: "eeeeeeeeeeeeeeeeeeeeeeee"}
	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(pols), applyNow)
	if err != nil {
		t.Fatal(err)
	}
	a, b := got.AccessRights["a"], got.AccessRights["b"]
	if a.Limit.Rate != 1000 || a.Limit.Per != 60 || a.Limit.QuotaMax != -1 || a.AllowanceScope != "a" {
		t.Errorf("a %+v scope %q: want its own limit, scoped to itself", a.Limit, a.AllowanceScope)
	}
	if b.Limit.Rate != 5 || b.Limit.QuotaMax != 100 || b.Limit.QuotaRemaining != 100 || b.AllowanceScope != "eeeeeeeeeeeeeeeeeeeeeeee" {
		t.Errorf("b %+v scope %q: want the policy's limit, scoped to the policy", b.Limit, b.AllowanceScope)
	}
}

// TestApplyPoliciesMergeSameAPI: two policies granting one API merge their
// versions and allowed URLs; the more generous rate and larger quota win.
func TestApplyPoliciesMergeSameAPI(t *testing.T) {
	pols := decodePolicies(t, `[
		{"id":"p1","rate":10,"per":1,"quota_max":100,"key_expires_in":60,
			"access_rights":{"a":{"api_id":"a","versions":["v1"],"allowed_urls":[{"url":"/x","methods":["GET"]}],
				"restricted_types":[{"name":"User","fields":["email","phone"]}]}}},
		{"id":"p2","rate":100,"per":1,"quota_max":50,"key_expires_in":3600,"is_inactive":true,"hmac_enabled":true,
			"access_rights":{"a":{"api_id":"a","versions":["v2","v1"],"allowed_urls":[{"url":"/x","methods":["POST"]},{"url":"/y","methods":["GET"]}],
				"restricted_types":[{"name":"User","fields":["phone"]}]}}}]`)
	key := model.SessionState{ApplyPolicies: []string{"p1", "p2"}, Tags: []string{}}
	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(pols), applyNow)
	if err != nil {
		t.Fatal(err)
	}
	a := got.AccessRights["a"]
	want := []model.AccessSpec{{URL: "/x", Methods: []string{"GET", "POST"}}, {URL: "/y", Methods: []string{"GET"}}}
	if diff := cmp.Diff(want, a.AllowedURLs, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Extra" }, cmp.Ignore())); diff != "" {
		t.Errorf("allowed urls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"v1", "v2"}, a.Versions); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"phone"}, a.RestrictedTypes[0].Fields); diff != "" {
		t.Errorf("restricted fields (-want +got):\n%s", diff)
	}
	if a.Limit.Rate != 100 || a.Limit.QuotaMax != 100 || got.Rate != 100 || got.QuotaMax != 100 {
		t.Errorf("limit %+v key %v/%d: want rate 100 and quota 100", a.Limit, got.Rate, got.QuotaMax)
	}
	if got.Expires != applyNow.Unix()+3600 || !got.IsInactive || !got.HMACEnabled {
		t.Errorf("expires %d inactive %v hmac %v", got.Expires, got.IsInactive, got.HMACEnabled)
	}
	if pols[0].AccessRights["a"].AllowedURLs[0].Methods[0] != "GET" || len(pols[0].AccessRights["a"].AllowedURLs[0].Methods) != 1 {
		t.Errorf("merging wrote into the policy: %v", pols[0].AccessRights["a"].AllowedURLs)
	}
}

// TestApplyPoliciesNone: a key that names no policy comes back equal.
func TestApplyPoliciesNone(t *testing.T) {
	key := decodeSession(t, string(readTestdataSession(t)))
	key.ApplyPolicies, key.ApplyPolicyID = nil, ""
	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(nil), applyNow)
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, got) != mustJSON(t, key) {
		t.Errorf("key without policies changed:\n%s\n%s", mustJSON(t, key), mustJSON(t, got))
	}
}

// readTestdataSession is a key of the guide (POST /api/keys), with every
// member the Dashboard writes.
func readTestdataSession(t *testing.T) []byte {
	t.Helper()
	return []byte(`{"last_check":0,"allowance":1000,"rate":1000,"per":60,"expires":1423302005,"quota_max":-1,
		"quota_renews":1424543479,"quota_remaining":-1,"quota_renewal_rate":2520000,
		"access_rights":{"bc2f8cfb7ab241504d9f3574fe407499":{"api_name":"Test","api_id":"bc2f8cfb7ab241504d9f3574fe407499","versions":["Default"],"allowed_urls":[]}},
		"org_id":"54de205930c55e15bd000001","hmac_enabled":false,"hmac_string":"","tags":[],"meta_data":{"n":1}}`)
}
