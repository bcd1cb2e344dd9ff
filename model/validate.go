package model

import (
	"fmt"
	"sort"
	"strings"
)

// FieldProblem is one thing wrong with an object: the path of the member
// (JSON names joined by ".", "[n]" for an array element, the key for a map
// entry: "access_rights.a1b2.limit.per") and what is wrong with it.
type FieldProblem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// String returns "path: message".
func (p FieldProblem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError is what the Validate methods return: every problem found
// in an object, in a stable order (roughly that of its members). Its message
// suits a 400 answer as it is.
type ValidationError struct {
	// Object names what was validated: "policy", "key", "API definition"...
	Object   string
	Problems []FieldProblem
}

// Error returns "invalid <object>: <path>: <message>; ...".
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(e.Object)
	b.WriteString(": ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// HasPath reports whether one of the problems is at path, for callers that
// answer some problems differently (an asset's kind is a 422).
func (e *ValidationError) HasPath(path string) bool {
	for _, p := range e.Problems {
		if p.Path == path {
			return true
		}
	}
	return false
}

// problems collects the FieldProblems of one object.
type problems struct {
	object string
	list   []FieldProblem
}

func (p *problems) add(path, format string, args ...any) {
	p.list = append(p.list, FieldProblem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// err returns nil when nothing was found, else a *ValidationError.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Object: p.object, Problems: p.list}
}

// member joins a member name to a path.
func member(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// index joins an array index to a path.
func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// limitInt checks an integer limit where -1 means unlimited.
func (p *problems) limitInt(path string, v int64) {
	if v < -1 {
		p.add(path, "must be -1 (unlimited) or at least 0, got %d", v)
	}
}

// limitFloat checks a float limit where -1 means unlimited or disabled.
func (p *problems) limitFloat(path string, v float64) {
	if v < 0 && v != -1 {
		p.add(path, "must be -1 (disabled) or at least 0, got %v", v)
	}
}

// rate checks a rate and its period: both -1 or not negative, and a
// positive rate needs a positive period.
func (p *problems) rate(path string, rate, per float64) {
	p.limitFloat(member(path, "rate"), rate)
	p.limitFloat(member(path, "per"), per)
	if rate > 0 && per == 0 {
		p.add(member(path, "per"), "must be above 0 when rate is %v", rate)
	}
}

// smoothing checks a rate limit's smoothing.
func (p *problems) smoothing(path string, s *RateLimitSmoothing) {
	if s == nil || !s.Enabled {
		return
	}
	if s.Threshold <= 0 {
		p.add(member(path, "threshold"), "must be above 0 when smoothing is enabled")
	}
	if s.Trigger <= 0 {
		p.add(member(path, "trigger"), "must be above 0 when smoothing is enabled")
	}
	if s.Step <= 0 {
		p.add(member(path, "step"), "must be above 0 when smoothing is enabled")
	}
	if s.Delay < 0 {
		p.add(member(path, "delay"), "must not be negative")
	}
}

// httpMethods are the methods an endpoint may name.
var httpMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "OPTIONS": true, "CONNECT": true, "TRACE": true,
}

// method checks an HTTP method; empty is allowed only when optional.
func (p *problems) method(path, m string, optional bool) {
	switch {
	case m == "" && optional:
	case m == "":
		p.add(path, "is required")
	case !httpMethods[m]:
		p.add(path, "%q is not an HTTP method (upper case: GET, POST, ...)", m)
	}
}

// accessRights checks a key's or policy's access rights.
func (p *problems) accessRights(path string, rights map[string]AccessDefinition) {
	for _, apiID := range sortedKeys(rights) {
		ar := rights[apiID]
		at := member(path, apiID)
		if apiID == "" {
			p.add(path, "an access right has an empty API id as its key")
		}
		if ar.APIID != "" && ar.APIID != apiID {
			p.add(member(at, "api_id"), "%q differs from the access right's key %q", ar.APIID, apiID)
		}
		for i, v := range ar.Versions {
			if v == "" {
				p.add(index(member(at, "versions"), i), "is empty")
			}
		}
		for i, u := range ar.AllowedURLs {
			ut := index(member(at, "allowed_urls"), i)
			if u.URL == "" {
				p.add(member(ut, "url"), "is required")
			}
			for j, m := range u.Methods {
				p.method(index(member(ut, "methods"), j), m, false)
			}
		}
		if l := ar.Limit; l != nil { // null sets no per-API limit
			lt := member(at, "limit")
			p.rate(lt, l.Rate, l.Per)
			p.limitInt(member(lt, "quota_max"), l.QuotaMax)
			p.limitInt(member(lt, "quota_renewal_rate"), l.QuotaRenewalRate)
			p.limitInt(member(lt, "max_query_depth"), l.MaxQueryDepth)
			p.limitInt(member(lt, "throttle_retry_limit"), l.ThrottleRetryLimit)
			p.limitFloat(member(lt, "throttle_interval"), l.ThrottleInterval)
			p.smoothing(member(lt, "smoothing"), l.Smoothing)
		}
		for i, e := range ar.Endpoints {
			et := index(member(at, "endpoints"), i)
			if e.Path == "" {
				p.add(member(et, "path"), "is required")
			}
			for j, m := range e.Methods {
				mt := index(member(et, "methods"), j)
				p.method(member(mt, "name"), strings.ToUpper(m.Name), false)
				p.rate(member(mt, "limit"), m.Limit.Rate, m.Limit.Per)
			}
		}
	}
}

// sortedKeys returns the keys of m in order, so that problems come out in
// the same order on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
