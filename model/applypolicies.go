package model

import (
	"errors"
	"fmt"
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

// Errors of ApplyPoliciesByID, each wrapped in a *PolicyError that names the
// policy.
var (
	// ErrPolicyNotFound: the key names a policy that does not exist.
	ErrPolicyNotFound = errors.New("policy not found")
	// ErrPolicyOtherOrg: the policy belongs to another organisation than
	// the key.
	ErrPolicyOtherOrg = errors.New("policy belongs to another organisation")
	// ErrPolicyPerAPIAndPartitions: a policy sets per_api together with
	// other partitions, which the gateway refuses.
	ErrPolicyPerAPIAndPartitions = errors.New("policy sets per_api together with other partitions")
	// ErrPoliciesMixPerAPI: some of the key's policies are per_api and
	// others are partitioned, which the gateway refuses.
	ErrPoliciesMixPerAPI = errors.New("cannot apply per_api and partitioned policies together")
)

// PolicyError says which policy could not be applied to a key, and why
// (one of the ErrPolicy* errors, for errors.Is).
type PolicyError struct {
	PolicyID string
	Err      error
}

// Error returns "apply policy <id>: <reason>".
func (e *PolicyError) Error() string {
	return fmt.Sprintf("apply policy %q: %v", e.PolicyID, e.Err)
}

// Unwrap returns the reason.
func (e *PolicyError) Unwrap() error { return e.Err }

// PolicyLookup finds a policy by the id a key names in apply_policies: its
// database id (_id) or its custom id.
type PolicyLookup func(id string) (*Policy, bool)

// PoliciesByID returns a PolicyLookup over policies, matching either id.
func PoliciesByID(policies []Policy) PolicyLookup {
	return func(id string) (*Policy, bool) {
		for i := range policies {
			if p := &policies[i]; id != "" && (p.MID == id || p.ID == id) {
				return p, true
			}
		}
		return nil, false
	}
}

// ApplyPoliciesByID returns s with the policies it names (apply_policies,
// else apply_policy_id) applied, as the Dashboard does when a key is created
// or updated; s itself is not modified. A key that names no policy comes
// back unchanged. The error is a *PolicyError naming the policy that is
// missing, belongs to another organisation than the key, or cannot be
// combined with the others.
//
// What a policy sets depends on its partitions: with none, everything;
// otherwise only the parts named (quota, rate_limit, acl, complexity). A
// per_api policy gives each of its APIs the API's own limit (or the
// policy's, where the API has none). The rules, as the gateway's:
//   - the parts a policy sets are first cleared, so the key's own values
//     never beat a policy's;
//   - rate: the most generous (requests per second) wins, at the key's level
//     and per API; throttling takes the largest values;
//   - quota and complexity: the largest wins, -1 (unlimited) above all; when
//     a policy changes the quota, or the remaining quota is 0 or above the
//     quota, the remaining quota starts again at the quota;
//   - access rights: the APIs of the policies that set ACLs replace the key's
//     own; for one API named by several policies, versions and allowed URLs
//     are merged, restricted and allowed GraphQL fields intersected; an API
//     whose limits no policy set takes the key-level ones;
//   - key_expires_in: the key expires that many seconds after now (the
//     latest of the policies');
//   - tags are added to the key's, policy meta data overwrites the key's,
//     HMAC and inactivity are switched on by any policy.
func ApplyPoliciesByID(s SessionState, lookup PolicyLookup, now time.Time) (SessionState, error) {
	ids := PolicyIDs(&s)
	out := s.clone()
	if len(ids) == 0 {
		return out, nil
	}
	pols := make([]*Policy, 0, len(ids))
	perAPI, partitioned := "", ""
	for _, id := range ids {
		p, ok := lookup(id)
		if !ok || p == nil {
			return s, &PolicyError{PolicyID: id, Err: ErrPolicyNotFound}
		}
		if p.OrgID != "" && s.OrgID != "" && p.OrgID != s.OrgID {
			return s, &PolicyError{PolicyID: id, Err: fmt.Errorf("%w: %s, the key's is %s", ErrPolicyOtherOrg, p.OrgID, s.OrgID)}
		}
		pt := p.Partitions
		if pt.PerAPI && pt.enabled() {
			return s, &PolicyError{PolicyID: id, Err: ErrPolicyPerAPIAndPartitions}
		}
		switch {
		case pt.PerAPI:
			perAPI = id
		case pt.enabled():
			partitioned = id
		}
		if perAPI != "" && partitioned != "" {
			return s, &PolicyError{PolicyID: id, Err: fmt.Errorf("%w (per_api %s, partitioned %s)", ErrPoliciesMixPerAPI, perAPI, partitioned)}
		}
		pols = append(pols, p)
	}
	applyResolved(&out, pols, now)
	return out, nil
}

// ApplyPolicies applies policies, already looked up, to s in place, with the
// rules of ApplyPoliciesByID. When the policies cannot be combined (per_api
// mixed with partitions) s is left as it was; ApplyPoliciesByID reports
// that case as an error.
func ApplyPolicies(s *SessionState, policies []Policy, now time.Time) {
	if len(policies) == 0 {
		return
	}
	pols := make([]*Policy, len(policies))
	perAPI, partitioned := false, false
	for i := range policies {
		pt := policies[i].Partitions
		if pt.PerAPI && pt.enabled() {
			return
		}
		perAPI = perAPI || pt.PerAPI
		partitioned = partitioned || pt.enabled()
		pols[i] = &policies[i]
	}
	if perAPI && partitioned {
		return
	}
	applyResolved(s, pols, now)
}

// enabled reports whether any of the quota, rate_limit, acl and complexity
// partitions is set.
func (pt PolicyPartitions) enabled() bool {
	return pt.Quota || pt.RateLimit || pt.Acl || pt.Complexity
}

// policyParts says which parts of a key a policy sets.
type policyParts struct{ quota, rate, acl, complexity bool }

func partsOf(p *Policy) policyParts {
	pt := p.Partitions
	if pt.PerAPI || !pt.enabled() {
		return policyParts{true, true, true, true}
	}
	return policyParts{pt.Quota, pt.RateLimit, pt.Acl, pt.Complexity}
}

// applyResolved applies pols to s in place; the policies are known to
// combine.
func applyResolved(s *SessionState, pols []*Policy, now time.Time) {
	oldQuota, oldRemaining := s.QuotaMax, s.QuotaRemaining
	// Clear what the policies set, so that they decide it alone.
	var setQuota, setRate bool
	for _, p := range pols {
		parts := partsOf(p)
		if parts.quota {
			s.QuotaMax, s.QuotaRemaining, s.QuotaRenewalRate = 0, 0, 0
			setQuota = true
		}
		if parts.rate {
			s.Rate, s.Per, s.Smoothing = 0, 0, nil
			s.ThrottleInterval, s.ThrottleRetryLimit = 0, 0
			setRate = true
		}
		if parts.complexity {
			s.MaxQueryDepth = 0
		}
	}

	rights := map[string]AccessDefinition{}
	var order []string // API ids in the order the policies name them
	didACL := map[string]bool{}
	didQuota := map[string]bool{}
	didRate := map[string]bool{}
	didComplexity := map[string]bool{}
	aclBy := map[string]bool{} // policies that set ACLs
	for _, p := range pols {
		parts := partsOf(p)
		perAPI := p.Partitions.PerAPI
		for _, apiID := range sortedKeys(p.AccessRights) {
			ar := cloneAccessDefinition(p.AccessRights[apiID])
			if ar.Limit == nil {
				ar.Limit = &APILimit{}
			}
			if ar.APIID == "" {
				ar.APIID = apiID
			}
			have, seen := rights[apiID]
			if !seen {
				order = append(order, apiID)
			}
			if perAPI {
				if limitEmpty(ar.Limit) {
					ar.Limit = policyLimit(p)
					ar.AllowanceScope = policyScope(p)
				} else {
					ar.AllowanceScope = apiID
				}
				if seen {
					merged := mergeLimits(*ar.Limit, *have.Limit)
					ar.Limit = &merged
					ar.Versions = unionStrings(have.Versions, ar.Versions)
				}
				ar.Limit.SetBy = true
				rights[apiID] = ar
				didACL[apiID], didQuota[apiID], didRate[apiID], didComplexity[apiID] = true, true, true, true
				aclBy[policyScope(p)] = true
				continue
			}
			cur := ar
			if seen {
				cur = have
			} else {
				cur.Limit = &APILimit{}
			}
			if parts.acl {
				if seen {
					cur = mergeACL(cur, ar)
				}
				cur.Limit.SetBy = true
				didACL[apiID] = true
				aclBy[policyScope(p)] = true
			}
			if parts.quota {
				didQuota[apiID] = true
				if greaterLimit(p.QuotaMax, cur.Limit.QuotaMax) || !seen {
					cur.Limit.QuotaMax = p.QuotaMax
				}
				if p.QuotaRenewalRate > cur.Limit.QuotaRenewalRate {
					cur.Limit.QuotaRenewalRate = p.QuotaRenewalRate
				}
				raiseQuota(s, p)
			}
			if parts.rate {
				didRate[apiID] = true
				if moreGenerous(p.Rate, p.Per, cur.Limit.Rate, cur.Limit.Per) {
					cur.Limit.Rate, cur.Limit.Per, cur.Limit.Smoothing = p.Rate, p.Per, p.Smoothing
				}
				cur.Limit.ThrottleRetryLimit = max(cur.Limit.ThrottleRetryLimit, p.ThrottleRetryLimit)
				cur.Limit.ThrottleInterval = max(cur.Limit.ThrottleInterval, p.ThrottleInterval)
				raiseRate(s, p)
			}
			if parts.complexity {
				didComplexity[apiID] = true
				if greaterLimit(p.MaxQueryDepth, cur.Limit.MaxQueryDepth) || !seen {
					cur.Limit.MaxQueryDepth = p.MaxQueryDepth
				}
				if greaterLimit(p.MaxQueryDepth, s.MaxQueryDepth) || s.MaxQueryDepth == 0 {
					s.MaxQueryDepth = p.MaxQueryDepth
				}
			}
			rights[apiID] = cur
		}
		if len(p.AccessRights) == 0 {
			// A policy without APIs sets the key-level values only.
			if parts.rate {
				raiseRate(s, p)
			}
			if parts.quota {
				raiseQuota(s, p)
			}
			if parts.complexity && (greaterLimit(p.MaxQueryDepth, s.MaxQueryDepth) || s.MaxQueryDepth == 0) {
				s.MaxQueryDepth = p.MaxQueryDepth
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
		if len(p.MetaData) > 0 && s.MetaData == nil {
			s.MetaData = map[string]any{}
		}
		for k, v := range p.MetaData {
			s.MetaData[k] = v
		}
	}

	// Rights only come from policies that set ACLs; limits no policy set
	// come from the key's level.
	final := map[string]AccessDefinition{}
	for _, apiID := range order {
		if !didACL[apiID] {
			continue
		}
		ar := rights[apiID]
		if !didRate[apiID] {
			ar.Limit.Rate, ar.Limit.Per, ar.Limit.Smoothing = s.Rate, s.Per, s.Smoothing
			ar.Limit.ThrottleInterval, ar.Limit.ThrottleRetryLimit = s.ThrottleInterval, s.ThrottleRetryLimit
		}
		if !didComplexity[apiID] {
			ar.Limit.MaxQueryDepth = s.MaxQueryDepth
		}
		if !didQuota[apiID] {
			ar.Limit.QuotaMax, ar.Limit.QuotaRenewalRate = s.QuotaMax, s.QuotaRenewalRate
		}
		if ar.Limit.QuotaRemaining == 0 || ar.Limit.QuotaMax < 0 || ar.Limit.QuotaRemaining > ar.Limit.QuotaMax {
			ar.Limit.QuotaRemaining = ar.Limit.QuotaMax
		}
		if len(aclBy) > 1 && ar.AllowanceScope == "" {
			ar.AllowanceScope = apiID
		}
		final[apiID] = ar
	}
	// With one API, the key-level values are that API's (the gateway's
	// legacy behaviour, which clients read).
	if len(didQuota) == 1 && len(didRate) == 1 && len(didComplexity) == 1 && len(final) == 1 {
		for _, ar := range final {
			s.Rate, s.Per, s.Smoothing = ar.Limit.Rate, ar.Limit.Per, ar.Limit.Smoothing
			s.QuotaMax, s.QuotaRenewalRate = ar.Limit.QuotaMax, ar.Limit.QuotaRenewalRate
			s.MaxQueryDepth = ar.Limit.MaxQueryDepth
		}
	}
	if len(didACL) > 0 {
		s.AccessRights = final
	}
	if setQuota {
		s.QuotaRemaining = oldRemaining
		if s.QuotaMax != oldQuota || s.QuotaMax < 0 || s.QuotaRemaining > s.QuotaMax || s.QuotaRemaining == 0 {
			s.QuotaRemaining = s.QuotaMax
		}
	}
	if setRate {
		s.Allowance = s.Rate
	}
}

// raiseRate gives s the policy's rate when it is more generous.
func raiseRate(s *SessionState, p *Policy) {
	if moreGenerous(p.Rate, p.Per, s.Rate, s.Per) {
		s.Rate, s.Per, s.Smoothing = p.Rate, p.Per, p.Smoothing
	}
	s.ThrottleRetryLimit = max(s.ThrottleRetryLimit, p.ThrottleRetryLimit)
	s.ThrottleInterval = max(s.ThrottleInterval, p.ThrottleInterval)
}

// raiseQuota gives s the policy's quota when it is larger.
func raiseQuota(s *SessionState, p *Policy) {
	if greaterLimit(p.QuotaMax, s.QuotaMax) || s.QuotaMax == 0 {
		s.QuotaMax = p.QuotaMax
	}
	if p.QuotaRenewalRate > s.QuotaRenewalRate {
		s.QuotaRenewalRate = p.QuotaRenewalRate
	}
}

// policyLimit is a policy's own limits as an APILimit.
func policyLimit(p *Policy) *APILimit {
	return &APILimit{
		Rate: p.Rate, Per: p.Per, ThrottleInterval: p.ThrottleInterval,
		ThrottleRetryLimit: p.ThrottleRetryLimit, MaxQueryDepth: p.MaxQueryDepth,
		QuotaMax: p.QuotaMax, QuotaRenewalRate: p.QuotaRenewalRate,
		Smoothing: p.Smoothing,
	}
}

// policyScope is the id a policy is known by: its custom id, else its
// database id.
func policyScope(p *Policy) string {
	if p.ID != "" {
		return p.ID
	}
	return p.MID
}

// limitEmpty reports whether an API's limit (null included) sets nothing.
func limitEmpty(l *APILimit) bool {
	return l == nil || l.Rate == 0 && l.Per == 0 && l.QuotaMax == 0 && l.QuotaRenewalRate == 0 &&
		l.MaxQueryDepth == 0 && l.ThrottleInterval == 0 && l.ThrottleRetryLimit == 0
}

// mergeLimits combines two per-API limits for one API: the more generous
// rate, the larger quota.
func mergeLimits(a, b APILimit) APILimit {
	if moreGenerous(b.Rate, b.Per, a.Rate, a.Per) {
		a.Rate, a.Per, a.Smoothing = b.Rate, b.Per, b.Smoothing
	}
	if greaterLimit(b.QuotaMax, a.QuotaMax) {
		a.QuotaMax = b.QuotaMax
	}
	if b.QuotaRenewalRate > a.QuotaRenewalRate {
		a.QuotaRenewalRate = b.QuotaRenewalRate
	}
	if a.QuotaMax == -1 {
		a.QuotaRenewalRate = 0
	}
	if greaterLimit(b.MaxQueryDepth, a.MaxQueryDepth) {
		a.MaxQueryDepth = b.MaxQueryDepth
	}
	return a
}

// mergeACL merges the access right next into cur, for one API named by two
// policies: versions and allowed URLs (with their methods) are united,
// restricted and allowed GraphQL fields intersected, field limits raised.
func mergeACL(cur, next AccessDefinition) AccessDefinition {
	cur.Versions = unionStrings(cur.Versions, next.Versions)
	cur.DisableIntrospection = cur.DisableIntrospection || next.DisableIntrospection
	for _, u := range next.AllowedURLs {
		found := false
		for i := range cur.AllowedURLs {
			if cur.AllowedURLs[i].URL == u.URL {
				cur.AllowedURLs[i].Methods = unionStrings(cur.AllowedURLs[i].Methods, u.Methods)
				found = true
			}
		}
		if !found {
			cur.AllowedURLs = append(cur.AllowedURLs, AccessSpec{URL: u.URL, Methods: copySlice(u.Methods)})
		}
	}
	intersectTypes := func(have, with []GraphqlType) {
		for _, t := range with {
			for i := range have {
				if have[i].Name == t.Name {
					have[i].Fields = intersectStrings(have[i].Fields, t.Fields)
				}
			}
		}
	}
	intersectTypes(cur.RestrictedTypes, next.RestrictedTypes)
	intersectTypes(cur.AllowedTypes, next.AllowedTypes)
	for _, f := range next.FieldAccessRights {
		found := false
		for i := range cur.FieldAccessRights {
			c := &cur.FieldAccessRights[i]
			if c.TypeName == f.TypeName && c.FieldName == f.FieldName {
				found = true
				if greaterLimit(f.Limits.MaxQueryDepth, c.Limits.MaxQueryDepth) {
					c.Limits.MaxQueryDepth = f.Limits.MaxQueryDepth
				}
			}
		}
		if !found {
			cur.FieldAccessRights = append(cur.FieldAccessRights, f)
		}
	}
	return cur
}

// moreGenerous reports whether rate/per allows more requests per second
// than curRate/curPer; an unset rate (0) allows none, -1 allows all.
func moreGenerous(rate, per, curRate, curPer float64) bool {
	return ratePerSecond(rate, per) > ratePerSecond(curRate, curPer)
}

// ratePerSecond is a rate as requests per second; -1 (disabled) is
// unlimited and 0 (unset) is nothing.
func ratePerSecond(rate, per float64) float64 {
	switch {
	case rate < 0 || per < 0:
		return inf
	case rate == 0:
		return 0
	case per == 0:
		return rate
	}
	return rate / per
}

const inf = 1e308

// greaterLimit reports whether limit a is larger than b, where -1 means
// unlimited.
func greaterLimit(a, b int64) bool {
	if a < 0 {
		return b >= 0
	}
	return b >= 0 && a > b
}

// unionStrings returns a followed by the members of b it lacks, in order.
func unionStrings(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, s := range a {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range b {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// intersectStrings returns the members of a that b has too.
func intersectStrings(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, s := range b {
		in[s] = true
	}
	out := []string{}
	for _, s := range a {
		if in[s] {
			out = append(out, s)
		}
	}
	return out
}

// cloneAccessDefinition copies an access right with its slices, so that
// merging never writes into a policy.
func cloneAccessDefinition(a AccessDefinition) AccessDefinition {
	a.Versions = copySlice(a.Versions)
	if a.AllowedURLs != nil {
		urls := make([]AccessSpec, len(a.AllowedURLs))
		for i, u := range a.AllowedURLs {
			u.Methods = copySlice(u.Methods)
			urls[i] = u
		}
		a.AllowedURLs = urls
	}
	cloneTypes := func(ts []GraphqlType) []GraphqlType {
		if ts == nil {
			return nil
		}
		out := make([]GraphqlType, len(ts))
		for i, t := range ts {
			t.Fields = copySlice(t.Fields)
			out[i] = t
		}
		return out
	}
	a.RestrictedTypes = cloneTypes(a.RestrictedTypes)
	a.AllowedTypes = cloneTypes(a.AllowedTypes)
	a.FieldAccessRights = copySlice(a.FieldAccessRights)
	a.Endpoints = copySlice(a.Endpoints)
	if a.Limit != nil {
		l := *a.Limit
		if l.Smoothing != nil {
			sm := *l.Smoothing
			sm.Extra = sm.Extra.Clone()
			l.Smoothing = &sm
		}
		l.Extra = l.Extra.Clone()
		a.Limit = &l
	}
	a.Extra = a.Extra.Clone()
	return a
}

// clone copies a session with the maps and slices that applying policies
// changes.
func (s SessionState) clone() SessionState {
	if s.AccessRights != nil {
		rights := make(map[string]AccessDefinition, len(s.AccessRights))
		for k, v := range s.AccessRights {
			rights[k] = cloneAccessDefinition(v)
		}
		s.AccessRights = rights
	}
	if s.MetaData != nil {
		meta := make(map[string]any, len(s.MetaData))
		for k, v := range s.MetaData {
			meta[k] = v
		}
		s.MetaData = meta
	}
	s.Tags = copySlice(s.Tags)
	s.ApplyPolicies = copySlice(s.ApplyPolicies)
	s.Extra = s.Extra.Clone()
	return s
}

// copySlice copies a slice, keeping nil and empty apart (null and [] in
// JSON).
func copySlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
