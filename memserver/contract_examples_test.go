package memserver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dashkit/dashkit/memserver"
)

// notServedYet lists the operations of the descriptions whose request
// examples TestContractRequestExamples does not send, because the
// memserver has no route for them yet. It only shrinks: the test fails
// when a listed operation is served, so that its example is sent from then
// on.
var notServedYet = map[string]bool{}

// exampleOrg is the org of the descriptions' Admin API examples (policy
// import): the server's default org, so that they land in an org that
// exists.
const exampleOrg = "53ac07777cbb8c2d53000002"

// TestContractRequestExamples sends every JSON request-body example of the
// official descriptions, as written, to a memserver of its own, each to the
// operation it belongs to; path and query parameters take the
// description's examples too. The answers are checked against the
// description's response schemas by the contract check of TestMain, like
// every exchange of this package, and none may be a 5xx: an example is a
// request a real client sends.
func TestContractRequestExamples(t *testing.T) {
	if _, err := os.Stat(descriptionPath); err != nil {
		if os.Getenv("DASHKIT_REQUIRE_SERVICES") == "1" {
			t.Fatalf("%s is absent: %v", descriptionPath, err)
		}
		t.Skipf("%s is absent (%v): the official descriptions are needed", descriptionPath, err)
	}
	served := map[string]bool{}
	for _, r := range memserver.Routes() {
		served[r.Method+" "+templateShape(r.Path)] = true
	}
	sent := 0
	for _, file := range []string{descriptionPath, adminDescriptionPath} {
		doc, err := openapi3.NewLoader().LoadFromFile(file)
		if err != nil {
			t.Fatalf("load %s: %v", file, err)
		}
		for _, ex := range requestExamples(t, doc) {
			op := ex.method + " " + ex.path
			key := ex.method + " " + templateShape(ex.path)
			if notServedYet[op] {
				if served[key] {
					t.Errorf("%s is served now: remove it from notServedYet", op)
				}
				continue
			}
			if !served[key] {
				t.Errorf("%s (example %s) has no route: serve it, or list it in notServedYet", op, ex.name)
				continue
			}
			sent++
			t.Run(strings.TrimPrefix(op+" "+ex.name, " "), func(t *testing.T) {
				srv := newServer(t, memserver.WithOrgID(exampleOrg))
				req, err := http.NewRequest(ex.method, srv.URL+ex.target, bytes.NewReader(ex.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				if strings.HasPrefix(ex.path, "/admin/") {
					req.Header.Set("admin-auth", srv.AdminSecret)
				} else {
					req.Header.Set("Authorization", srv.Secret)
				}
				a := send(t, req)
				if a.Status >= 500 {
					t.Fatalf("%s %s with the description's example %s: %d %s", ex.method, ex.target, ex.name, a.Status, a.Body)
				}
				if !json.Valid(a.Body) {
					t.Fatalf("%s %s: the answer is not JSON: %s", ex.method, ex.target, a.Body)
				}
				t.Logf("%s %s -> %d %.200s", ex.method, ex.target, a.Status, a.Body)
			})
		}
	}
	if sent == 0 {
		t.Fatal("no request example was sent")
	}
}

// requestExample is one JSON request-body example of an operation.
type requestExample struct {
	method, path string // the operation, path as templated in the description
	target       string // path and query with the parameters' examples
	name         string
	body         []byte
}

// requestExamples lists the JSON request-body examples of doc's operations,
// in a stable order.
func requestExamples(t *testing.T, doc *openapi3.T) []requestExample {
	t.Helper()
	var out []requestExample
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			mt := op.RequestBody.Value.Content.Get("application/json")
			if mt == nil {
				continue
			}
			bodies := map[string]any{}
			if mt.Example != nil {
				bodies["example"] = mt.Example
			}
			for name, ref := range mt.Examples {
				if ref != nil && ref.Value != nil && ref.Value.Value != nil {
					bodies[name] = ref.Value.Value
				}
			}
			target := fillParameters(path, append(item.Parameters, op.Parameters...))
			for name, v := range bodies {
				b, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("%s %s example %s: %v", method, path, name, err)
				}
				out = append(out, requestExample{method: method, path: path, target: target, name: name, body: b})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.path != b.path {
			return a.path < b.path
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.name < b.name
	})
	return out
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// templateShape is a path template with its parameters' names left out, so
// that the description's /api/apis/{apiId} is the route /api/apis/{id}.
func templateShape(p string) string {
	return pathParam.ReplaceAllString(strings.TrimSuffix(p, "/"), "{}")
}

// fillParameters puts the parameters' examples into the path template, and
// adds the required query parameters with theirs.
func fillParameters(path string, params openapi3.Parameters) string {
	q := url.Values{}
	for _, ref := range params {
		p := ref.Value
		if p == nil {
			continue
		}
		v := exampleOf(p)
		switch p.In {
		case openapi3.ParameterInPath:
			if v == "" {
				v = "0123456789abcdef01234567"
			}
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
		case openapi3.ParameterInQuery:
			if p.Required && v != "" {
				q.Set(p.Name, v)
			}
		}
	}
	if len(q) > 0 {
		return path + "?" + q.Encode()
	}
	return path
}

// exampleOf is a parameter's example, or its schema's, as a string.
func exampleOf(p *openapi3.Parameter) string {
	v := p.Example
	if v == nil && p.Schema != nil && p.Schema.Value != nil {
		v = p.Schema.Value.Example
		if v == nil && len(p.Schema.Value.Enum) > 0 {
			v = p.Schema.Value.Enum[0]
		}
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
