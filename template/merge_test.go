package template_test

import (
	"testing"

	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

// TestMergeRules has one case per rule of Merge.
func TestMergeRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, tmpl, doc, want string
	}{
		{"map and map: keys of both, document wins on a clash",
			`{"paths":{"/a":{"get":{"summary":"t"}},"/b":{}}}`,
			`{"paths":{"/a":{"get":{"summary":"d","operationId":"x"}},"/c":{}}}`,
			`{"paths":{"/a":{"get":{"summary":"d","operationId":"x"}},"/c":{},"/b":{}}}`},
		{"map and scalar: the document's scalar replaces the map",
			`{"info":{"title":"t"}}`, `{"info":"plain"}`, `{"info":"plain"}`},
		{"scalar and map: the document's map replaces the scalar",
			`{"info":"plain"}`, `{"info":{"title":"d"}}`, `{"info":{"title":"d"}}`},
		{"scalar and scalar: the document wins",
			`{"openapi":"3.0.0","n":1,"b":true}`, `{"openapi":"3.0.3","n":2.50,"b":false}`, `{"openapi":"3.0.3","n":2.50,"b":false}`},
		{"array and array: the document's replaces, not appended or merged by index",
			`{"servers":[{"url":"http://t1"},{"url":"http://t2"}],"tags":[{"name":"a"}]}`,
			`{"servers":[{"url":"http://d"}],"tags":[]}`,
			`{"servers":[{"url":"http://d"}],"tags":[]}`},
		{"array and map: the document wins",
			`{"security":[{"k":[]}]}`, `{"security":{"odd":true}}`, `{"security":{"odd":true}}`},
		{"map and array: the document wins",
			`{"x-list":{"a":1}}`, `{"x-list":[1]}`, `{"x-list":[1]}`},
		{"null in the document keeps the template's value",
			`{"info":{"description":"from the template"},"x-a":{"b":1}}`,
			`{"info":{"description":null},"x-a":null}`,
			`{"info":{"description":"from the template"},"x-a":{"b":1}}`},
		{"null in the template gives way to the document",
			`{"x-a":null,"x-b":null}`, `{"x-a":{"c":1}}`, `{"x-a":{"c":1},"x-b":null}`},
		{"missing from the document: the template's is kept",
			`{"components":{"schemas":{"Pet":{"type":"object"}}}}`, `{"openapi":"3.0.3"}`,
			`{"openapi":"3.0.3","components":{"schemas":{"Pet":{"type":"object"}}}}`},
		{"missing from the template: the document's is kept",
			`{}`, `{"openapi":"3.0.3","paths":{"/a":{}}}`, `{"openapi":"3.0.3","paths":{"/a":{}}}`},
		{"empty objects merge to the other side",
			`{"components":{}}`, `{"components":{"schemas":{}}}`, `{"components":{"schemas":{}}}`},
		{"nested extension objects merge at every level",
			`{"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"enabled":true,"timeout":5}},"operations":{"a":{"allow":{"enabled":true}},"b":{"block":{"enabled":true}}}}}}`,
			`{"x-tyk-api-gateway":{"info":{"name":"n"},"middleware":{"global":{"cache":{"timeout":60}},"operations":{"a":{"requestSizeLimit":{"enabled":true,"value":1}},"c":{}}}}}`,
			`{"x-tyk-api-gateway":{"info":{"name":"n"},"middleware":{"global":{"cache":{"timeout":60,"enabled":true}},"operations":{"a":{"requestSizeLimit":{"enabled":true,"value":1},"allow":{"enabled":true}},"c":{},"b":{"block":{"enabled":true}}}}}}`},
		{"arrays inside the extension are replaced too",
			`{"x-tyk-api-gateway":{"server":{"gatewayTags":{"enabled":true,"tags":["a","b"]}}}}`,
			`{"x-tyk-api-gateway":{"server":{"gatewayTags":{"tags":["c"]}}}}`,
			`{"x-tyk-api-gateway":{"server":{"gatewayTags":{"tags":["c"],"enabled":true}}}}`},
		{"unknown members and numbers as written survive",
			`{"x-t":{"n":1.0,"keep":1e3}}`, `{"x-t":{"n":2.000},"x-d":-0}`, `{"x-t":{"n":2.000,"keep":1e3},"x-d":-0}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, doc := parse(t, tc.tmpl), parse(t, tc.doc)
			got, err := template.Merge(tmpl, doc)
			if err != nil {
				t.Fatal(err)
			}
			if s := compact(t, got); s != tc.want {
				t.Errorf("Merge(%s, %s)\n got %s\nwant %s", tc.tmpl, tc.doc, s, tc.want)
			}
			if compact(t, tmpl) != string(mustCompact(t, tc.tmpl)) || compact(t, doc) != string(mustCompact(t, tc.doc)) {
				t.Error("Merge modified an input")
			}
		})
	}
}

func mustCompact(t *testing.T, s string) string {
	t.Helper()
	return compact(t, parse(t, s))
}

// TestMergeSharesNothing changes the result everywhere and checks that the
// inputs did not move.
func TestMergeSharesNothing(t *testing.T) {
	t.Parallel()
	tmpl := parse(t, `{"a":{"b":{"c":[{"d":1}]}},"t":[{"x":1}]}`)
	doc := parse(t, `{"a":{"b":{"e":[{"f":1}]}},"d":[{"y":1}]}`)
	tb, db := compact(t, tmpl), compact(t, doc)
	got, err := template.Merge(tmpl, doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, ptr := range []string{"/a/b/c/0/d", "/a/b/e/0/f", "/t/0/x", "/d/0/y"} {
		if err := got.Set(ptr, "changed"); err != nil {
			t.Fatal(err)
		}
	}
	got.Root().Set("new", 1)
	if compact(t, tmpl) != tb || compact(t, doc) != db {
		t.Errorf("changing the result changed an input:\n%s\n%s", compact(t, tmpl), compact(t, doc))
	}
}

func TestMergeNilTemplate(t *testing.T) {
	t.Parallel()
	doc := parse(t, `{"openapi":"3.0.3"}`)
	got, err := template.Merge(nil, doc)
	if err != nil || compact(t, got) != `{"openapi":"3.0.3"}` {
		t.Errorf("Merge(nil, doc) = %v, %v", got, err)
	}
	if got, err := template.Merge(doc, nil); err != nil || compact(t, got) != `{"openapi":"3.0.3"}` {
		t.Errorf("Merge(tmpl, nil) = %v, %v", got, err)
	}
	empty, err := template.Merge(oas.NewDocument(nil), doc)
	if err != nil || compact(t, empty) != `{"openapi":"3.0.3"}` {
		t.Errorf("Merge(empty, doc) = %v, %v", empty, err)
	}
}
