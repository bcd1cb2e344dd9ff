package model

import (
	"testing"
	"time"
)

func TestApplyPolicies(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	key := SessionState{
		Rate: 1, Per: 1, QuotaMax: 5, QuotaRemaining: 5,
		AccessRights: map[string]AccessDefinition{"old": {APIID: "old"}},
		Tags:         []string{"mine"},
	}
	pols := []Policy{
		{
			MID: "p1", Rate: 100, Per: 60, QuotaMax: 1000, QuotaRenewalRate: 3600, KeyExpiresIn: 60,
			AccessRights: map[string]AccessDefinition{"a": {APIID: "a", Versions: []string{"Default"}}},
			Tags:         []string{"gold"},
		},
		{
			MID: "p2", Rate: 10, Per: 1, QuotaMax: -1,
			Partitions:   PolicyPartitions{RateLimit: true, Acl: true},
			AccessRights: map[string]AccessDefinition{"b": {APIID: "b"}},
		},
	}
	ApplyPolicies(&key, pols, now)
	if key.Rate != 10 || key.Per != 1 {
		t.Errorf("rate %v/%v, want the most generous 10/1", key.Rate, key.Per)
	}
	if key.QuotaMax != 1000 || key.QuotaRemaining != 1000 || key.QuotaRenewalRate != 3600 {
		t.Errorf("quota %d (%d left, renews %d), want 1000 from the only quota policy", key.QuotaMax, key.QuotaRemaining, key.QuotaRenewalRate)
	}
	if _, ok := key.AccessRights["old"]; ok || len(key.AccessRights) != 2 {
		t.Errorf("access rights %v, want exactly the policies' a and b", key.AccessRights)
	}
	if !key.AccessRights["a"].Limit.SetBy || key.AccessRights["a"].Limit.Rate != 100 {
		t.Errorf("right a limit %+v, want the policy's, set by policy", key.AccessRights["a"].Limit)
	}
	if key.Expires != now.Unix()+60 {
		t.Errorf("expires %d, want %d", key.Expires, now.Unix()+60)
	}
	if len(key.Tags) != 2 || key.Tags[0] != "mine" || key.Tags[1] != "gold" {
		t.Errorf("tags %v", key.Tags)
	}
}

func TestApplyPoliciesUnlimitedQuotaWins(t *testing.T) {
	key := SessionState{}
	ApplyPolicies(&key, []Policy{{QuotaMax: 10}, {QuotaMax: -1}}, time.Now())
	if key.QuotaMax != -1 || key.QuotaRemaining != -1 {
		t.Errorf("quota %d/%d, want unlimited", key.QuotaMax, key.QuotaRemaining)
	}
}

func TestPolicyIDs(t *testing.T) {
	if got := PolicyIDs(&SessionState{ApplyPolicyID: "x"}); len(got) != 1 || got[0] != "x" {
		t.Errorf("PolicyIDs = %v", got)
	}
	if got := PolicyIDs(&SessionState{ApplyPolicies: []string{"a", "b"}, ApplyPolicyID: "x"}); len(got) != 2 {
		t.Errorf("PolicyIDs = %v", got)
	}
}
