package memserver

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// redactReference is how the journal redacted bodies before it scanned
// them: decode, replace every non-empty string of a secret member, encode.
// redactJSON must leave a body that decodes to the same value.
func redactReference(b []byte) (any, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, m := range t {
				if s, ok := m.(string); ok && secretMember(k) && s != "" {
					t[k] = redacted
					continue
				}
				walk(m)
			}
		case []any:
			for _, m := range t {
				walk(m)
			}
		}
	}
	walk(v)
	return v, true
}

func decodeJSON(b []byte) (any, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	return v, true
}

var redactSeeds = []string{
	`{"email_address":"p@example.com","password":"hunter2"}`,
	`{"a":{"b":[{"api_key":"k1"},{"APIKey":"k2","x":"password"}]},"secret":""}`,
	`{"pass\u0077ord":"escaped name","jwt_secret" : "s", "basic_auth_password":	"p"}`,
	`{"password":"a \"quoted\": value","next":"keep"}`,
	`{"password":123,"secret":null,"access_key":["a"],"client_secret":{"v":"x"}}`,
	`["password","secret",{"secret":"x"}]`,
	`{"note":"the password is \\"x\\"","s":"\\"secret\\":\"y\""}`,
	`{"Secret":"upper","ACCESS_KEY":"k"}`,
}

func FuzzRedactJSON(f *testing.F) {
	for _, s := range redactSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want, ok := redactReference(bytes.Clone(b))
		got := redactJSON(b)
		if !ok {
			return // not one JSON value: redacted as far as it goes, compared with nothing
		}
		g, gok := decodeJSON(got)
		if !gok {
			t.Fatalf("redactJSON(%q) = %q, not JSON", b, got)
		}
		if !reflect.DeepEqual(g, want) {
			t.Fatalf("redactJSON(%q) = %q; decodes to %v, want %v", b, got, g, want)
		}
	})
}

// A body that is not JSON (cut short, or with a trailing comma) still has
// its secrets redacted as far as it looks like JSON.
func TestRedactBrokenJSON(t *testing.T) {
	for _, b := range []string{
		`{"email":"p@example.com","password":"hunter2",`,
		`{"password":"hunter2"`,
		`{"password":"hunter2","x":}`,
	} {
		if got := redactJSON([]byte(b)); bytes.Contains(got, []byte("hunter2")) {
			t.Errorf("redactJSON(%q) = %q", b, got)
		}
	}
}
