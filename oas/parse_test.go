package oas_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/oas"
)

func mustParse(t testing.TB, s string) *oas.Document {
	t.Helper()
	doc, err := oas.Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

func compact(t testing.TB, doc *oas.Document) string {
	t.Helper()
	b, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParseKeepsEverything reads documents with what typed models tend to
// lose and checks the output is the input, byte for byte once compacted.
func TestParseKeepsEverything(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"numbers as written": `{"a":1.0,"b":1e5,"c":-0,"d":12345678901234567890123,"e":0.1000,"f":1E-7,"g":[1.50,2]}`,
		"member order":       `{"openapi":"3.0.3","zeta":1,"alpha":2,"info":{"version":"1","title":"t"}}`,
		"extensions and unknown members": `{"openapi":"3.1.0","x-logo":{"url":"u"},"x-tyk-api-gateway":{"info":{"name":"n","futureField":[null]}},` +
			`"paths":{"/a":{"x-internal":true,"get":{"x-codegen":{"k":"v"}}}}}`,
		"strings":       `{"s":"tab\t newline\n quote\" back\\ \u0001 é 日本 😀 <b>&amp;</b>"}`,
		"empty members": `{"a":{},"b":[],"c":"","d":null,"e":false}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := json.Compact(&want, []byte(in)); err != nil {
				t.Fatal(err)
			}
			doc := mustParse(t, in)
			got := compact(t, doc)
			// encoding/json would escape <, > and &; the document need not.
			if got != want.String() {
				t.Errorf("round trip changed the document:\n got %s\nwant %s", got, want.String())
			}
		})
	}
}

func TestParseDuplicateKeysLastWins(t *testing.T) {
	t.Parallel()
	// Small objects and objects large enough to be indexed take the same rule.
	var big strings.Builder
	big.WriteString(`{`)
	for i := range 20 {
		big.WriteString(`"k` + string(rune('a'+i)) + `":1,`)
	}
	big.WriteString(`"ka":2}`)
	for _, in := range []string{`{"a":1,"b":2,"a":3}`, big.String()} {
		var want any
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		var got any
		if err := json.Unmarshal([]byte(compact(t, mustParse(t, in))), &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: (-encoding/json +ours)\n%s", in, diff)
		}
	}
	doc := mustParse(t, `{"a":1,"b":2,"a":3}`)
	if got := compact(t, doc); got != `{"a":3,"b":2}` {
		t.Errorf("got %s, want the first position and the last value", got)
	}
}

func TestParseEscapes(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`{"s":"\u00e9\n\/"}`:        "é\n/",
		`{"s":"\ud83d\ude00"}`:      "😀",
		`{"s":"\ud83d"}`:            "\ufffd",
		`{"s":"\ud83dx"}`:           "\ufffdx",
		"{\"s\":\"bad \xff utf8\"}": "bad \ufffd utf8",
	}
	for in, want := range tests {
		v, ok := mustParse(t, in).Get("/s")
		if !ok || v != want {
			t.Errorf("%q: got %q, want %q", in, v, want)
		}
		var std map[string]string
		if err := json.Unmarshal([]byte(in), &std); err != nil || std["s"] != want {
			t.Errorf("%q: encoding/json reads %q, the test expects %q", in, std["s"], want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		``:                         "empty input",
		`   `:                      "empty input",
		`{"a":}`:                   "offset 5",
		`{"a":1,}`:                 "offset 7",
		`{"a":01}`:                 "offset 6",
		`{"a":"x`:                  "unterminated string",
		`{"a":1} {}`:               "after the top-level value",
		`[1,2]`:                    "must be an object",
		"{\"a\":\"\x01\"}":         "control character",
		`{"a":tru}`:                "expected true",
		`{"a":1.}`:                 "digit expected",
		`{"a":"\x"}`:               "invalid escape",
		"openapi: [unclosed":       "invalid YAML",
		"- a\n- b\n":               "must be an object",
		"a: .inf\n":                "no JSON form",
		strings.Repeat("[", 20000): "nesting deeper",
		// Each line multiplies the one before: 9^9 values from 300 bytes.
		yamlAliasBomb: "aliases expand to more than",
		// 190 bytes and 790,000 values: inside the first budget of 1 Mi
		// values, and seconds and a gigabyte to write back (FuzzParse).
		yamlAliasFuzzed: "aliases expand to more than",
	}
	for in, want := range tests {
		_, err := oas.Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%.40q) = %v, want an error containing %q", in, err, want)
		}
	}
	_, err := oas.Parse([]byte(`{"a":}`))
	var se *oas.SyntaxError
	if !errors.As(err, &se) || se.Offset != 5 {
		t.Errorf("want a *SyntaxError at offset 5, got %#v", err)
	}
}

const yamlAliasBomb = `a: &a [x,x,x,x,x,x,x,x,x]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

const yamlAliasFuzzed = "a: &a [x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
	"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [d,d,d,*d,*d,*d,*d]\nf: &f [e*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]"

func TestParseYAML(t *testing.T) {
	t.Parallel()
	in := `openapi: 3.0.3
info:
  title: Pets
  version: "1.0"
x-numbers: {int: 42, float: 1.50, exp: 1e5, hex: 0x1F, under: 1_000, big: 12345678901234567890123}
x-strings: {quoted: "42", yes: "true", plain: hello, date: 2024-01-01}
x-null: ~
x-bool: true
defaults: &defaults {a: 1, b: 2}
merged:
  <<: *defaults
  b: 3
paths: {}
`
	doc := mustParse(t, in)
	want := `{"openapi":"3.0.3","info":{"title":"Pets","version":"1.0"},` +
		`"x-numbers":{"int":42,"float":1.50,"exp":1e5,"hex":31,"under":1000,"big":12345678901234567890123},` +
		`"x-strings":{"quoted":"42","yes":"true","plain":"hello","date":"2024-01-01"},"x-null":null,"x-bool":true,` +
		`"defaults":{"a":1,"b":2},"merged":{"a":1,"b":3},"paths":{}}`
	if got := compact(t, doc); got != want {
		t.Errorf("YAML read as\n%s\nwant\n%s", got, want)
	}

	// Written back as YAML and read again, nothing changes, strings that
	// look like other types included.
	y, err := doc.YAML()
	if err != nil {
		t.Fatal(err)
	}
	again := mustParse(t, string(y))
	if got := compact(t, again); got != want {
		t.Errorf("YAML round trip:\n%s\ngave\n%s", y, got)
	}
}

// TestParseCorpus reads the large real document and checks that writing it
// back gives the same bytes, less the indentation; and that a slice of it
// survives YAML.
func TestParseCorpus(t *testing.T) {
	data := readCorpus(t)
	doc, err := oas.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := doc.MarshalJSON()
	var want bytes.Buffer
	if err := json.Compact(&want, data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want.Bytes()) {
		t.Fatal("the corpus written back differs from the corpus")
	}
	// YAML output of the whole corpus takes seconds; a slice of it, with
	// every kind of value, shows the same.
	sub := oas.NewDocument(nil)
	paths, _ := doc.Root().Object("paths")
	subPaths := oas.NewObject()
	for _, k := range paths.Keys()[:60] {
		v, _ := paths.Get(k)
		subPaths.Set(k, v)
	}
	sub.Root().Set("paths", subPaths)
	out, _ = sub.MarshalJSON()
	y, err := sub.YAML()
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := oas.Parse(y)
	if err != nil {
		t.Fatal(err)
	}
	out2, _ := fromYAML.MarshalJSON()
	if !bytes.Equal(out, out2) {
		t.Fatal("the corpus read back from YAML differs")
	}
}

func TestDocumentAccessors(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{"openapi":"3.1.0","info":{"title":"Pets","version":"1"},
		"servers":[{"url":"https://{env}.example.com:{port}/v1","description":"main","variables":{"env":{"default":"api"},"port":{"default":"443"}}},{"nourl":true}],
		"x-tyk-api-gateway":{"info":{"id":"abc","dbId":"db1","name":"pets"}},
		"paths":{"/a~b/c":{}}}`)
	if doc.OpenAPIVersion() != "3.1.0" || doc.Title() != "Pets" || doc.APIID() != "abc" || doc.DBID() != "db1" || doc.Name() != "pets" {
		t.Errorf("accessors: %q %q %q %q %q", doc.OpenAPIVersion(), doc.Title(), doc.APIID(), doc.DBID(), doc.Name())
	}
	want := []oas.Server{{URL: "https://{env}.example.com:{port}/v1", Description: "main", Variables: map[string]string{"env": "api", "port": "443"}}}
	if diff := cmp.Diff(want, doc.Servers()); diff != "" {
		t.Errorf("Servers (-want +got):\n%s", diff)
	}
	if _, ok := doc.Get("/paths/~1a~0b~1c"); !ok {
		t.Error("Get with escaped pointer tokens failed")
	}
	if v, ok := doc.Get("/servers/0/variables/env/default"); !ok || v != "api" {
		t.Errorf("Get through an array: %v %v", v, ok)
	}
	for _, p := range []string{"/servers/2", "/servers/x", "/servers/01", "/info/title/x", "nope"} {
		if _, ok := doc.Get(p); ok {
			t.Errorf("Get(%q) found something", p)
		}
	}

	if err := doc.SetAPIID("new"); err != nil || doc.APIID() != "new" {
		t.Errorf("SetAPIID: %v %q", err, doc.APIID())
	}
	if err := doc.Set("/x-new/deep/er", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	if v, _ := doc.Get("/x-new/deep/er/n"); v != json.Number("1") {
		t.Errorf("Set a Go value: got %#v", v)
	}
	if err := doc.Set("/info/title/x", 1); err == nil {
		t.Error("Set through a string succeeded")
	}
	if err := doc.Set("", 1); err == nil {
		t.Error("Set of the root succeeded")
	}

	type typed struct {
		Info struct {
			ID string `json:"id"`
		} `json:"info"`
	}
	var x typed
	if err := doc.DecodeExtension(&x); err != nil || x.Info.ID != "new" {
		t.Errorf("DecodeExtension: %v %+v", err, x)
	}
	if err := doc.SetExtension(json.RawMessage(`[1]`)); err == nil {
		t.Error("SetExtension accepted an array")
	}
	if err := doc.SetExtension(x); err != nil {
		t.Fatal(err)
	}
	doc.DeleteExtension()
	if doc.HasExtension() || doc.DecodeExtension(&x) == nil {
		t.Error("DeleteExtension left the extension")
	}
}

func TestCloneIsDeep(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{"a":{"b":[{"c":1}]},"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9}`)
	before := compact(t, doc)
	c := doc.Clone()
	if err := c.Set("/a/b/0/c", 2); err != nil {
		t.Fatal(err)
	}
	c.Root().Delete("k5")
	c.Root().Set("k10", 10)
	if got := compact(t, doc); got != before {
		t.Errorf("changing the clone changed the original: %s", got)
	}
	if v, _ := c.Get("/k9"); v != json.Number("9") {
		t.Errorf("index of the clone broken after Delete: %v", v)
	}
}

func TestDocumentInJSON(t *testing.T) {
	t.Parallel()
	// A Document is a member of larger values, as in an API list.
	type wrapper struct {
		OAS *oas.Document `json:"oas"`
	}
	in := `{"oas":{"openapi":"3.0.3","n":1.0}}`
	var w wrapper
	if err := json.Unmarshal([]byte(in), &w); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("got %s, want %s", out, in)
	}
	if err := json.Unmarshal([]byte(`{"oas":[1]}`), &w); err == nil {
		t.Error("an array was accepted as a document")
	}
}

func TestPublicExport(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{"openapi":"3.0.3","x-tyk-api-gateway":{"info":{"name":"n"}},"info":{"title":"t"},"x-other":1}`)
	before := compact(t, doc)
	pub := oas.PublicExport(doc)
	if got := compact(t, pub); got != `{"openapi":"3.0.3","info":{"title":"t"},"x-other":1}` {
		t.Errorf("public export: %s", got)
	}
	pub.Root().Set("openapi", "3.1.0")
	if compact(t, doc) != before {
		t.Error("PublicExport changed its input")
	}
}

func TestSetConvertsWithoutChangingItsArgument(t *testing.T) {
	t.Parallel()
	doc := oas.NewDocument(nil)
	arr := []any{1, "two", []any{3.5}}
	if err := doc.Set("/a", arr); err != nil {
		t.Fatal(err)
	}
	if got := compact(t, doc); got != `{"a":[1,"two",[3.5]]}` {
		t.Errorf("got %s", got)
	}
	if _, ok := arr[0].(int); !ok {
		t.Errorf("Set changed the caller's slice: %#v", arr)
	}
	if _, ok := arr[2].([]any)[0].(float64); !ok {
		t.Errorf("Set changed the caller's nested slice: %#v", arr)
	}
}

func TestGatewayTyped(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, `{"openapi":"3.0.3","x-tyk-api-gateway":{"info":{"name":"pets","state":{"active":true},"colour":"blue"},"upstream":{"url":"http://u"},"server":{"listenPath":{"value":"/p/"}},"x-future":{"n":1.0}}}`)
	x, err := doc.Gateway()
	if err != nil || x == nil || x.Info == nil || x.Info.Name != "pets" {
		t.Fatalf("Gateway: %+v, %v", x, err)
	}
	x.Info.Name = "renamed"
	if err := doc.SetGateway(x); err != nil {
		t.Fatal(err)
	}
	if doc.Name() != "renamed" {
		t.Errorf("name after SetGateway: %q", doc.Name())
	}
	// What the model has no field for survives the trip through it.
	for _, ptr := range []string{"/x-tyk-api-gateway/info/colour", "/x-tyk-api-gateway/x-future/n"} {
		if _, ok := doc.Get(ptr); !ok {
			t.Errorf("%s lost through the typed model", ptr)
		}
	}
	if err := doc.SetGateway(nil); err != nil || doc.HasExtension() {
		t.Errorf("SetGateway(nil): %v", err)
	}
	if x, err := doc.Gateway(); x != nil || err != nil {
		t.Errorf("Gateway without extension: %v %v", x, err)
	}
}

func TestZeroDocument(t *testing.T) {
	t.Parallel()
	var d oas.Document
	if d.HasExtension() || d.Title() != "" || len(d.Servers()) != 0 {
		t.Error("the zero document is not empty")
	}
	if err := d.Set("/info/title", "t"); err != nil || d.Title() != "t" {
		t.Errorf("Set on the zero document: %v", err)
	}
	var z oas.Document
	if b, _ := z.Clone().MarshalJSON(); string(b) != "{}" {
		t.Errorf("clone of the zero document: %s", b)
	}
	if b, _ := oas.PublicExport(&oas.Document{}).MarshalJSON(); string(b) != "{}" {
		t.Errorf("public export of the zero document: %s", b)
	}
	if err := oas.Validate(&oas.Document{}, oas.OptionalExtension()); err == nil {
		t.Error("the zero document is a valid OpenAPI document")
	}
}

func TestZeroDocumentMarshal(t *testing.T) {
	t.Parallel()
	var d oas.Document
	if b, _ := d.MarshalJSON(); string(b) != "{}" {
		t.Errorf("zero document: %s", b)
	}
	var nilDoc *oas.Document
	if b, _ := nilDoc.MarshalJSON(); string(b) != "null" {
		t.Errorf("nil document: %s", b)
	}
}

func TestParseYAMLKeysAsWritten(t *testing.T) {
	t.Parallel()
	// Status codes are often written unquoted in YAML, where they read as
	// integers; as member names they stay as written.
	doc := mustParse(t, "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n        4XX: {description: bad}\n        default: {description: other}\n")
	if got := compact(t, doc); got != `{"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"},"4XX":{"description":"bad"},"default":{"description":"other"}}}}}}` {
		t.Errorf("got %s", got)
	}
}
