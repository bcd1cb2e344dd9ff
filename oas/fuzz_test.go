package oas_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	"github.com/dashkit/dashkit/oas"
)

// FuzzParse checks that Parse agrees with encoding/json on what is JSON and
// on what it means, and that writing a document and reading it back is
// stable, for JSON and YAML input alike.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{}}}}`,
		`{"a":1.0,"b":-0,"c":1e400,"d":"\u00e9\ud83d\ude00","e":[null,true,false],"a":2}`,
		`{"s":"\ud800"}`,
		"{\"s\":\"\xff\"}",
		"openapi: 3.1.0\ninfo: {title: t, version: '1'}\nx: &a {b: 1}\ny: *a\n",
		"a: 0x10\nb: 1_0\nc: .5\nd: !!str 5\n",
		` { "a" : [ 1 , { } ] } `,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := oas.Parse(data)
		trimmed := bytes.TrimLeft(data, " \t\r\n")
		if len(trimmed) > 0 && trimmed[0] == '{' {
			// JSON: accepted exactly when encoding/json accepts it.
			var std any
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			stdErr := dec.Decode(&std)
			if stdErr == nil {
				// Decode stops after one value; Valid checks for trailing data.
				if !json.Valid(data) {
					stdErr = errTrailing
				}
			}
			if (err == nil) != (stdErr == nil) {
				t.Fatalf("Parse: %v; encoding/json: %v", err, stdErr)
			}
			if err == nil {
				out, _ := doc.MarshalJSON()
				var got any
				dec := json.NewDecoder(bytes.NewReader(out))
				dec.UseNumber()
				if err := dec.Decode(&got); err != nil {
					t.Fatalf("output is not JSON: %v\n%s", err, out)
				}
				if !reflect.DeepEqual(std, got) {
					t.Fatalf("meaning changed:\n in %s\nout %s", data, out)
				}
			}
		}
		if err != nil {
			return
		}
		out, err := doc.MarshalJSON()
		if err != nil || !json.Valid(out) {
			t.Fatalf("MarshalJSON: %v\n%s", err, out)
		}
		again, err := oas.Parse(out)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		out2, _ := again.MarshalJSON()
		if !bytes.Equal(out, out2) {
			t.Fatalf("unstable:\n%s\n%s", out, out2)
		}
		y, err := doc.YAML()
		if err != nil {
			t.Fatalf("YAML: %v", err)
		}
		fromYAML, err := oas.Parse(y)
		if err != nil {
			t.Fatalf("YAML output does not parse: %v\n%s", err, y)
		}
		out3, _ := fromYAML.MarshalJSON()
		if !bytes.Equal(out, out3) {
			t.Fatalf("YAML round trip changed the document:\n%s\n%s\n%s", out, y, out3)
		}
	})
}

type trailingError struct{}

func (trailingError) Error() string { return "data after the value" }

var errTrailing error = trailingError{}

// FuzzImport imports any document with any import options (as a query
// string, the way the Dashboard's import routes take them): never a panic,
// and an imported document is one Parse reads back to the same JSON.
func FuzzImport(f *testing.F) {
	plain := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"http://up.example/{v}","variables":{"v":{"default":"a"}}}],"paths":{"/a":{"get":{"parameters":[{"name":"q","in":"query"}],"responses":{"200":{"description":"ok","content":{"application/json":{"example":{"a":1}}}}}}}},"components":{"securitySchemes":{"k":{"type":"apiKey","in":"header","name":"X"}}},"security":[{"k":[]}]}`
	for _, seed := range [][2]string{
		{plain, ""},
		{plain, "listenPath=/x/&upstreamURL=http://u.example&authentication=true&allowList=true&validateRequest=true&mockResponse=true"},
		{plain, "customDomain=a.example&apiID=abc&upstreamURL=relative"},
		{"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", "listenPath=%2F"},
		{`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-tyk-api-gateway":{"info":{"name":"n"}}}`, "authentication=false"},
	} {
		f.Add([]byte(seed[0]), seed[1])
	}
	f.Fuzz(func(t *testing.T, data []byte, query string) {
		doc, err := oas.Parse(data)
		if err != nil {
			return
		}
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		out, err := oas.Import(doc, oas.ImportOptionsFromQuery(q))
		if err != nil {
			return
		}
		b := out.JSON()
		again, err := oas.Parse(b)
		if err != nil {
			t.Fatalf("imported document does not parse: %v\n%s", err, b)
		}
		if !bytes.Equal(again.JSON(), b) {
			t.Fatalf("imported document changes when read back:\n%s\n%s", b, again.JSON())
		}
	})
}
