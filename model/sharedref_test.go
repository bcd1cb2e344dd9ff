package model_test

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oasdiff/yaml"
)

// sharedPath returns the path of a file of the shared reference material
// (../shared next to the repository root), or skips the test when the
// material is absent, as on a plain clone.
func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test's directory; cannot find ../shared")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference material %s is absent (%v); skipping", p, err)
	}
	return p
}

// description is an official OpenAPI description decoded into a generic tree.
type description struct {
	name string
	root map[string]any
}

var (
	descriptionsOnce sync.Once
	descriptionsErr  error
	descriptionsVal  []description
)

// officialDescriptions decodes the Dashboard and Admin API descriptions once
// per test binary; they are large.
func officialDescriptions(t testing.TB) []description {
	t.Helper()
	files := []string{"dashboard-api.yml", "dashboard-admin-api.yml"}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = sharedPath(t, filepath.Join("reference", "tyk-dashboard", f))
	}
	descriptionsOnce.Do(func() {
		for i, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				descriptionsErr = err
				return
			}
			js, err := yaml.YAMLToJSON(raw)
			if err != nil {
				descriptionsErr = err
				return
			}
			var root map[string]any
			if err := decodeNumbers(js, &root); err != nil {
				descriptionsErr = err
				return
			}
			descriptionsVal = append(descriptionsVal, description{name: files[i], root: root})
		}
	})
	if descriptionsErr != nil {
		t.Fatalf("read the official descriptions: %v", descriptionsErr)
	}
	return descriptionsVal
}

// decodeNumbers is json.Unmarshal keeping numbers as json.Number, so that a
// comparison sees integers exactly as written.
func decodeNumbers(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// jsonTree decodes b into a generic JSON tree with exact numbers.
func jsonTree(t testing.TB, b []byte) any {
	t.Helper()
	var v any
	if err := decodeNumbers(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

// The comparison rule of every round trip in this package:
//
//   - The encoded output must hold every member of the input with an equal
//     value, recursively. Nothing may be dropped or changed.
//   - The output may hold members the input lacks only where their value is
//     zero (null, false, 0, "", [], {} or an object of such members) and
//     their field is one the real Dashboard always writes (no omitempty in
//     the gateway's tags): an example written by hand that leaves such a
//     member out comes back with it at its zero value. A member the input
//     lacks whose field is omitempty, or with any other value, is a failure.
//   - Numbers are equal when they denote the same value (1 and 1.0), compared
//     exactly, so 9007199254740993 never equals 9007199254740992.
//   - Strings, date-times included, must be equal as written.
var treeOptions = cmp.Options{
	cmp.Comparer(func(a, b json.Number) bool {
		x, ok1 := new(big.Rat).SetString(string(a))
		y, ok2 := new(big.Rat).SetString(string(b))
		if !ok1 || !ok2 {
			return a == b
		}
		return x.Cmp(y) == 0
	}),
}

// dropAddedZeros removes from out the members that in lacks, whose value is
// zero and whose field of t (the Go type out was encoded from) is always
// written, recursively, so that what remains can be compared with in.
func dropAddedZeros(in, out any, t reflect.Type) any {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch o := out.(type) {
	case map[string]any:
		i, ok := in.(map[string]any)
		if !ok {
			return out
		}
		var fields map[string]reflect.StructField
		if t != nil && t.Kind() == reflect.Struct {
			fields = jsonFields(t)
		}
		r := make(map[string]any, len(o))
		for k, v := range o {
			var ft reflect.Type
			alwaysWritten := true
			switch {
			case fields != nil:
				f, known := fields[k]
				if known {
					ft = f.Type
					// encoding/json writes a struct even when it is
					// tagged omitempty.
					alwaysWritten = !strings.Contains(f.Tag.Get("json"), ",omitempty") || ft.Kind() == reflect.Struct
				}
			case t != nil && t.Kind() == reflect.Map:
				ft = t.Elem()
			}
			iv, present := i[k]
			if !present {
				if alwaysWritten && isZeroTree(v) {
					continue
				}
				r[k] = v
				continue
			}
			r[k] = dropAddedZeros(iv, v, ft)
		}
		return r
	case []any:
		i, ok := in.([]any)
		if !ok || len(i) != len(o) {
			return out
		}
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		r := make([]any, len(o))
		for n := range o {
			r[n] = dropAddedZeros(i[n], o[n], et)
		}
		return r
	}
	return out
}

// jsonFields maps the JSON member names of struct type t to its fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

// isZeroTree reports whether v is a zero JSON value: null, false, 0, "",
// [], or an object whose members are all zero.
func isZeroTree(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case json.Number:
		r, ok := new(big.Rat).SetString(string(v))
		return ok && r.Sign() == 0
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, m := range v {
			if !isZeroTree(m) {
				return false
			}
		}
		return true
	}
	return false
}

// roundTrip decodes raw into v (a pointer to a model value), encodes v and
// reports any difference between the two JSON trees under the rule above.
// It returns false when the round trip failed.
func roundTrip(t *testing.T, name string, raw []byte, v any) bool {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Errorf("%s: decode into %T: %v", name, v, err)
		return false
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Errorf("%s: encode %T: %v", name, v, err)
		return false
	}
	in := jsonTree(t, raw)
	got := dropAddedZeros(in, jsonTree(t, out), reflect.TypeOf(v))
	if diff := cmp.Diff(in, got, treeOptions); diff != "" {
		t.Errorf("%s: round trip through %T changed the JSON (-in +out):\n%s", name, v, diff)
		return false
	}
	return true
}
