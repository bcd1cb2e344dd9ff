package model

import (
	"sort"
	"time"
)

// PolicyIDs returns the ids of the policies a key applies: apply_policies,
// or the older single apply_policy_id when the list is empty.
func PolicyIDs(s *SessionState) []string {
	if len(s.ApplyPolicies) > 0 {
		return s.ApplyPolicies
	}
	if s.ApplyPolicyID != "" {
		return []string{s.ApplyPolicyID}
	}
	return nil
}

// ApplyPolicies overwrites the parts of s that policies set, as the
// Dashboard does when a key with apply_policies is created or updated. A
// policy applies the parts its partitions name, or all of them when it names
// none:
//   - rate limit (rate, per, throttling, smoothing): the most generous
//     policy wins;
//   - quota: the largest quota_max wins, -1 (unlimited) above all; when it
//     changes the key's quota, the remaining quota starts again from it;
//   - complexity: the largest max_query_depth wins, -1 above all;
//   - access rights: the union of the policies' rights replaces the key's;
//     each right carries the limits of its policy (its own with per_api);
//   - expiry: key_expires_in, when set, makes the key expire that many
//     seconds after now.
//
// Tags are added to the key's, meta data the key lacks is added, and an
// inactive policy makes the key inactive.
func ApplyPolicies(s *SessionState, policies []Policy, now time.Time) {
	if len(policies) == 0 {
		return
	}
	var rights map[string]AccessDefinition
	oldQuota := s.QuotaMax
	rateSet, quotaSet, depthSet := false, false, false
	for i := range policies {
		p := &policies[i]
		pt := p.Partitions
		all := !(pt.Quota || pt.RateLimit || pt.Complexity || pt.Acl || pt.PerAPI)

		if all || pt.RateLimit {
			if !rateSet || ratePerSecond(p.Rate, p.Per) > ratePerSecond(s.Rate, s.Per) {
				s.Rate, s.Per = p.Rate, p.Per
				s.Allowance = p.Rate
				s.ThrottleInterval, s.ThrottleRetryLimit = p.ThrottleInterval, p.ThrottleRetryLimit
				s.Smoothing = p.Smoothing
			}
			rateSet = true
		}
		if all || pt.Quota {
			if !quotaSet || greaterLimit(p.QuotaMax, s.QuotaMax) {
				s.QuotaMax, s.QuotaRenewalRate = p.QuotaMax, p.QuotaRenewalRate
			}
			quotaSet = true
		}
		if all || pt.Complexity {
			if !depthSet || greaterLimit(p.MaxQueryDepth, s.MaxQueryDepth) {
				s.MaxQueryDepth = p.MaxQueryDepth
			}
			depthSet = true
		}
		if all || pt.Acl || pt.PerAPI {
			if rights == nil {
				rights = map[string]AccessDefinition{}
			}
			for apiID, ar := range p.AccessRights {
				ar.Versions = append([]string(nil), ar.Versions...)
				if !pt.PerAPI {
					ar.Limit = APILimit{
						Rate: p.Rate, Per: p.Per, ThrottleInterval: p.ThrottleInterval,
						ThrottleRetryLimit: p.ThrottleRetryLimit, MaxQueryDepth: p.MaxQueryDepth,
						QuotaMax: p.QuotaMax, QuotaRenewalRate: p.QuotaRenewalRate,
						QuotaRemaining: p.QuotaMax, Smoothing: p.Smoothing,
					}
				}
				ar.Limit.SetBy = true
				if ar.APIID == "" {
					ar.APIID = apiID
				}
				if have, ok := rights[apiID]; ok {
					ar.Versions = unionStrings(have.Versions, ar.Versions)
					if ratePerSecond(have.Limit.Rate, have.Limit.Per) > ratePerSecond(ar.Limit.Rate, ar.Limit.Per) {
						ar.Limit = have.Limit
					}
				}
				rights[apiID] = ar
			}
		}
		if p.KeyExpiresIn > 0 {
			if exp := now.Unix() + p.KeyExpiresIn; exp > s.Expires {
				s.Expires = exp
			}
		}
		s.Tags = unionStrings(s.Tags, p.Tags)
		s.HMACEnabled = s.HMACEnabled || p.HMACEnabled
		s.IsInactive = s.IsInactive || p.IsInactive
		for k, v := range p.MetaData {
			if s.MetaData == nil {
				s.MetaData = map[string]any{}
			}
			if _, ok := s.MetaData[k]; !ok {
				s.MetaData[k] = v
			}
		}
	}
	if quotaSet && (s.QuotaMax != oldQuota || s.QuotaMax < 0 || s.QuotaRemaining > s.QuotaMax) {
		s.QuotaRemaining = s.QuotaMax
	}
	if rights != nil {
		s.AccessRights = rights
	}
}

// ratePerSecond compares rates given as rate per "per" seconds; a rate
// without a period is unlimited.
func ratePerSecond(rate, per float64) float64 {
	if per <= 0 {
		if rate <= 0 {
			return 0
		}
		return rate
	}
	return rate / per
}

// greaterLimit reports whether limit a is larger than b, where -1 means
// unlimited.
func greaterLimit(a, b int64) bool {
	if a < 0 {
		return b >= 0
	}
	return b >= 0 && a > b
}

func unionStrings(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out[len(a):])
	return out
}
