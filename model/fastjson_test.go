package model

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The generated fast paths (fastjson.go) must give exactly what the
// reflective path gives, or give up. These tests decode and encode every
// document both ways and compare: the values, the errors and the bytes,
// written alone and inside another value (where encoding/json compacts and
// escapes what MarshalJSON returns). The documents are the test data and
// thousands of mutations of it: every member replaced by values of every
// JSON type, unknown and case-folded members, duplicates, escapes, blanks,
// truncations.

// sameBothWays decodes data into a T with and without the fast paths and
// compares everything that follows.
func sameBothWays[T any](t *testing.T, label string, data []byte) (decoded bool) {
	t.Helper()
	defer func() { fastJSON = true }()
	var fast, slow T
	fastJSON = true
	errF := json.Unmarshal(data, &fast)
	fastJSON = false
	errS := json.Unmarshal(data, &slow)
	if !sameError(errF, errS) {
		t.Errorf("%s: decode errors differ: fast %v, reflective %v\n%s", label, errF, errS, data)
		return false
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%s: decoded values differ:\nfast       %#v\nreflective %#v\n%s", label, fast, slow, data)
		return false
	}
	encode := func(v any) (direct, nested []byte, errD, errN error) {
		direct, errD = v.(json.Marshaler).MarshalJSON()
		nested, errN = json.Marshal(map[string]any{"x": v, "y": []any{v}})
		return
	}
	fastJSON = true
	dF, nF, eDF, eNF := encode(&fast)
	fastJSON = false
	dS, nS, eDS, eNS := encode(&slow)
	if !sameError(eDF, eDS) || !bytes.Equal(dF, dS) {
		t.Errorf("%s: encodings differ:\nfast       %s (%v)\nreflective %s (%v)", label, dF, eDF, dS, eDS)
	}
	if !sameError(eNF, eNS) || !bytes.Equal(nF, nS) {
		t.Errorf("%s: nested encodings differ:\nfast       %s (%v)\nreflective %s (%v)", label, nF, eNF, nS, eNS)
	}
	return errF == nil
}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Error() == b.Error()
}

// mutations returns variants of doc, a JSON object.
func mutations(t *testing.T, doc []byte) [][]byte {
	var tree any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		t.Fatal(err)
	}
	values := []string{`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `1.5`, `1e3`, `1E-7`, `2.5e-9`,
		`12345678901234567890`, `9007199254740993`, `1e400`, `0.000005`, `1e20`, `1e21`, `-1.25e-7`, `""`, `"x"`, `"a<b>&c"`, `"\u00e9t\u00e9"`, `"é"`,
		`"\u2028"`, `"\ud800"`, `"tab\tx"`, `"q\"uote"`, `[]`, `[1]`, `["a"]`, `["a",null]`, `[null]`, `[1.5,2]`,
		`{}`, `{"a":1}`, `{"a":null}`, `{"a":{"b":[1,"<"]}}`, `{"rate":"x"}`}
	var out [][]byte
	add := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	// Every member at every depth, replaced, removed, joined by an
	// unknown or case-folded sibling.
	member := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				old := v[k]
				// A third of the values at each member, a different third at
				// the next, to keep the test short under -race.
				member++
				for j, r := range values {
					if (member+j)%3 != 0 {
						continue
					}
					v[k] = json.RawMessage(r)
					add(tree)
				}
				delete(v, k)
				add(tree)
				v[strings.ToUpper(k[:1])+k[1:]] = json.RawMessage(`1`)
				add(tree)
				delete(v, strings.ToUpper(k[:1])+k[1:])
				v[k] = old
				walk(old)
			}
			v["zz_unknown"] = json.RawMessage(`{"b": [1, 2], "c": "<x>"}`)
			add(tree)
			v["zz_unknown"] = json.RawMessage(`"\u2028"`)
			add(tree)
			delete(v, "zz_unknown")
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(tree)
	// Textual changes the tree cannot make.
	s := string(doc)
	for _, r := range []struct{ from, to string }{
		{`"rate"`, `"r\u0061te"`}, {`"rate"`, `"RATE"`}, {`: `, ` :  `}, {`,`, " ,\n"},
		{`{`, `{"rate": 7, `}, {`"org_id"`, `"org_id": "dup", "org_id"`}, {`"v2"`, `"v\u0032"`},
		{`"api_name": "Payments"`, `"api_name": "Pay\/ments"`}, {`"`, `'`},
	} {
		out = append(out, []byte(strings.Replace(s, r.from, r.to, 1)))
		out = append(out, []byte(strings.ReplaceAll(s, r.from, r.to)))
	}
	out = append(out, []byte(s+" x"), []byte(s+"}"), []byte(" \n"+s+"\t"), []byte("["+s+"]"))
	for i := 0; i < len(doc); i += 29 {
		out = append(out, doc[:i])
	}
	return out
}

func TestFastPathsMatchReflectivePath(t *testing.T) {
	doc, err := os.ReadFile("testdata/session-full.json")
	if err != nil {
		t.Fatal(err)
	}
	docs := append([][]byte{doc}, mutations(t, doc)...)
	decoded, fast := 0, 0
	for i, d := range docs {
		if sameBothWays[SessionState](t, "session mutation "+strconv.Itoa(i), d) {
			decoded++
			var s SessionState
			if s.decodeFast(d) {
				fast++
			}
		}
	}
	// The mutations must reach the fast paths, not only their refusals.
	t.Logf("%d documents, %d decoded, %d of them by the fast path", len(docs), decoded, fast)
	if fast < decoded/2 {
		t.Errorf("only %d of %d decoded documents took the fast path", fast, decoded)
	}
	// The same for the parts of a key on their own, from the access right
	// of the test data.
	var s struct {
		AccessRights map[string]json.RawMessage `json:"access_rights"`
	}
	if err := json.Unmarshal(doc, &s); err != nil {
		t.Fatal(err)
	}
	for _, ar := range s.AccessRights {
		for i, d := range append([][]byte{ar}, mutations(t, ar)...) {
			sameBothWays[AccessDefinition](t, "access right mutation "+strconv.Itoa(i), d)
		}
	}
	for _, d := range []string{`{}`, `{"password":"p","hash_type":"","user":""}`, `{"user":null}`, `{"user":"u","x":1}`} {
		sameBothWays[BasicAuthData](t, d, []byte(d))
	}
}

// TestFastPathsTakeTheUsualKey: the key clients send is decoded and encoded
// by the fast paths, not left to the reflective one.
func TestFastPathsTakeTheUsualKey(t *testing.T) {
	body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
	var s SessionState
	if !s.decodeFast(body) {
		t.Fatal("the fast decoder gave up on a plain key")
	}
	if s.Rate != 1000 || s.QuotaMax != -1 || s.AccessRights["bench-api"].Versions[0] != "Default" {
		t.Errorf("decoded %+v", s)
	}
	s.MetaData = map[string]any{"n": json.Number("1")}
	if _, ok := s.appendFast(nil, false); !ok {
		t.Fatal("the fast encoder gave up on a plain key")
	}
}

// benchSession is the body BenchmarkCreateKey sends to POST /api/keys and
// the session the memserver answers it with.
func benchSession(b *testing.B) ([]byte, SessionState) {
	body := []byte(`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"bench-api":{"api_id":"bench-api","versions":["Default"]}}}`)
	var answer SessionState
	if err := json.Unmarshal(body, &answer); err != nil {
		b.Fatal(err)
	}
	answer.AccessRights["bench-api"] = AccessDefinition{APIID: "bench-api", APIName: "Bench API", Versions: []string{"Default"}}
	answer.MetaData, answer.OauthKeys = map[string]any{}, map[string]string{}
	answer.Tags, answer.ApplyPolicies, answer.Monitor.TriggerLimits = []string{}, []string{}, []float64{}
	answer.DateCreated = "2026-12-02T01:40:00.123456789Z"
	return body, answer
}

// BenchmarkSessionJSON decodes and encodes the key of POST /api/keys (as
// BenchmarkCreateKey sends it, and as the memserver answers it) with the
// fast paths and with the reflective path alone, in the same run.
func BenchmarkSessionJSON(b *testing.B) {
	body, answer := benchSession(b)
	defer func() { fastJSON = true }()
	for _, fast := range []bool{true, false} {
		name := "reflective"
		if fast {
			name = "fast"
		}
		b.Run("decode/"+name, func(b *testing.B) {
			fastJSON = fast
			b.ReportAllocs()
			for b.Loop() {
				var s SessionState
				if err := json.Unmarshal(body, &s); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("encode/"+name, func(b *testing.B) {
			fastJSON = fast
			b.ReportAllocs()
			for b.Loop() {
				if _, err := answer.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
