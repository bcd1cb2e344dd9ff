package memserver_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/dashkit/dashkit/memserver"
)

// The contract test: every exchange of this package's tests (each server of
// newServer records into contract) is checked, once all tests have run,
// against the response schema of the same operation in the official
// description of the Dashboard API. It lists the operations it covered.

const descriptionPath = "../../shared/reference/tyk-dashboard/dashboard-api.yml"

// adminDescriptionPath describes the Admin API (/admin/...), whose
// exchanges are checked against it the same way.
const adminDescriptionPath = "../../shared/reference/tyk-dashboard/dashboard-admin-api.yml"

// recorder collects every exchange of the tests for the contract check.
type recorder struct {
	mu        sync.Mutex
	exchanges []memserver.Exchange
}

func (r *recorder) record(ex memserver.Exchange) {
	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()
}

var contract = &recorder{}

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && !testing.Short() {
		if err := checkContract(os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "contract:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// checkContract validates the recorded exchanges and reports what it
// covered.
func checkContract(out io.Writer) error {
	if _, err := os.Stat(descriptionPath); err != nil {
		fmt.Fprintf(out, "contract: skipped: %s is absent (%v)\n", descriptionPath, err)
		return nil
	}
	router, described, err := loadRouter(descriptionPath)
	if err != nil {
		return err
	}
	adminRouter, adminOps, err := loadRouter(adminDescriptionPath)
	if err != nil {
		return err
	}
	described = append(described, adminOps...)
	contract.mu.Lock()
	exchanges := append([]memserver.Exchange(nil), contract.exchanges...)
	contract.mu.Unlock()

	covered := map[string]map[int]bool{}
	unknown := map[string]bool{}
	var failures []string
	for _, ex := range exchanges {
		if ex.Route == "" || ex.Method == http.MethodHead {
			continue // no operation answered (unknown routes, faults), or no body to check
		}
		sent := ex.Path
		if ex.RawPath != "" {
			sent = ex.RawPath // one segment with an escaped "/" stays one
		}
		req, err := http.NewRequest(ex.Method, "http://memserver"+sent, bytes.NewReader(ex.Body))
		if err != nil {
			return err
		}
		req.URL.RawQuery = ex.RawQuery
		req.Header = ex.Header.Clone()
		rt := router
		if strings.HasPrefix(ex.Path, "/admin/") {
			rt = adminRouter
		}
		route, params, err := rt.FindRoute(req)
		if err != nil {
			unknown[ex.Route] = true
			continue
		}
		op := route.Method + " " + route.Path
		if covered[op] == nil {
			covered[op] = map[int]bool{}
		}
		covered[op][ex.Status] = true
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
			},
			Status: ex.Status,
			Header: http.Header{"Content-Type": {ex.ContentType}},
			Body:   io.NopCloser(bytes.NewReader(ex.ResponseBody)),
			Options: &openapi3filter.Options{
				IncludeResponseStatus: false,
				MultiError:            true,
			},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			body := string(ex.ResponseBody)
			if len(body) > 300 {
				body = body[:300] + "..."
			}
			failures = append(failures, fmt.Sprintf("%s %s?%s -> %d: %v\n    body: %s", ex.Method, ex.Path, ex.RawQuery, ex.Status, err, body))
		}
	}

	ops := make([]string, 0, len(covered))
	for op := range covered {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	fmt.Fprintf(out, "contract: %d exchanges, %d of the %d operations of %s and %s covered:\n", len(exchanges), len(ops), len(described), descriptionPath, adminDescriptionPath)
	for _, op := range ops {
		var codes []int
		for c := range covered[op] {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		fmt.Fprintf(out, "  %-55s %v\n", op, codes)
	}
	for r := range unknown {
		fmt.Fprintf(out, "contract: route %s is not in the description\n", r)
	}
	// When every test ran, every operation of both descriptions must have
	// been exercised (a -run or -skip filter runs only some).
	if !testsFiltered() {
		for _, op := range described {
			if covered[op] == nil {
				failures = append(failures, "no test exercises the described operation "+op)
			}
		}
	}
	if len(failures) > 0 {
		sort.Strings(failures)
		return fmt.Errorf("%d responses do not match the description:\n%s", len(failures), strings.Join(dedupe(failures), "\n"))
	}
	return nil
}

// testsFiltered reports whether -run or -skip chose some of the tests.
func testsFiltered() bool {
	for _, name := range []string{"test.run", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return true
		}
	}
	return false
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// loadRouter reads the description at path: a router of its operations,
// and each operation as "METHOD /path".
func loadRouter(path string) (routers.Router, []string, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", path, err)
	}
	var ops []string
	for p, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+p)
		}
	}
	sort.Strings(ops)
	// The description's server is a template ("https://{tenant}"); route on
	// paths alone.
	doc.Servers = openapi3.Servers{{URL: "http://memserver"}}
	// A schema without a type ({}, as ApiResponse.Meta) accepts any value
	// in JSON Schema, null included, and the description's own examples
	// answer "Meta": null; kin-openapi reads OpenAPI 3.0 strictly and
	// refuses null unless nullable is set, so say it for such schemas.
	for _, s := range doc.Components.Schemas {
		allowNullInUntyped(s, map[*openapi3.Schema]bool{})
	}
	openOneOfsAsAnyOf(doc)
	router, err := legacy.NewRouter(doc,
		openapi3.DisableExamplesValidation(), openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(), openapi3.AllowExtraSiblingFields("description", "example", "examples"))
	if err != nil {
		return nil, nil, fmt.Errorf("route %s: %w", path, err)
	}
	return router, ops, nil
}

// allowNullInUntyped marks the schemas without a type or composition,
// inside s, as nullable.
func allowNullInUntyped(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	if (s.Type == nil || len(*s.Type) == 0) && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0 && s.Not == nil {
		s.Nullable = true
	}
	for _, p := range s.Properties {
		allowNullInUntyped(p, seen)
	}
	allowNullInUntyped(s.Items, seen)
	if s.AdditionalProperties.Schema != nil {
		allowNullInUntyped(s.AdditionalProperties.Schema, seen)
	}
	for _, l := range [][]*openapi3.SchemaRef{s.AllOf, s.AnyOf, s.OneOf} {
		for _, r := range l {
			allowNullInUntyped(r, seen)
		}
	}
}

// openOneOfsAsAnyOf reads a response oneOf whose every branch is an object
// schema that requires nothing and forbids no member as anyOf: every object
// matches all such branches, so read strictly no answer could ever match
// exactly one (listCertificates answers oneOf CertificateBasics /
// CertificateList, two open objects). The answer is still checked against
// the branches.
func openOneOfsAsAnyOf(doc *openapi3.T) {
	open := func(r *openapi3.SchemaRef) bool {
		s := r.Value
		return s != nil && s.Type.Is("object") && len(s.Required) == 0 &&
			(s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, resp := range op.Responses.Map() {
				if resp.Value == nil {
					continue
				}
				for _, mt := range resp.Value.Content {
					s := mt.Schema
					if s == nil || s.Value == nil || len(s.Value.OneOf) < 2 {
						continue
					}
					all := true
					for _, b := range s.Value.OneOf {
						all = all && open(b)
					}
					if all {
						s.Value.AnyOf, s.Value.OneOf = s.Value.OneOf, nil
					}
				}
			}
		}
	}
}
