package model_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

// ownObjects are complete objects written for this package, for the types
// that neither the guide nor the official descriptions show whole: every
// member the Dashboard writes is present with a realistic value.
var ownObjects = map[string]string{
	"classic-api-full.json":  "APIDefinitionWrapper",
	"organisation-full.json": "Organisation",
	"policy-full.json":       "Policy",
	"session-full.json":      "SessionState",
	"oauth-client-full.json": "OAuthClient",
	"asset-full.json":        "Asset",
	// The classic portal: a key request holds a developer, a catalogue
	// entry and its configuration, every member Tyk's classic portal
	// documentation shows for them.
	"portal-key-request-full.json": "PortalKeyRequest",
	"portal-page-full.json":        "PortalPage",
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	return readTestdataB(t, name)
}

// readTestdataB reads a file of testdata for a test or a benchmark.
func readTestdataB(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// extraMembers lists the paths of every non-empty Extra field inside v: the
// members the model did not recognise.
func extraMembers(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			extraMembers(v.Elem(), path, out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Name == "Extra" && f.Type == reflect.TypeFor[model.Extra]() {
				// A member named like a field is one that arrived empty
				// and is kept to be written back as it came.
				known := fieldsByJSONName(t)
				for k := range v.Field(i).Interface().(model.Extra) {
					if _, ok := known[k]; !ok {
						*out = append(*out, path+"."+k)
					}
				}
				continue
			}
			extraMembers(v.Field(i), path+"."+f.Name, out)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			extraMembers(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			extraMembers(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k), out)
		}
	}
}

// TestOwnObjectsRoundTripExactly decodes the complete objects of testdata:
// every member must land in a typed field (none in Extra) and the encoding
// must equal the input exactly, with no member added.
func TestOwnObjectsRoundTripExactly(t *testing.T) {
	for file, typ := range ownObjects {
		t.Run(file, func(t *testing.T) {
			raw := readTestdata(t, file)
			v := modelTypes[typ]()
			if err := json.Unmarshal(raw, v); err != nil {
				t.Fatalf("decode into %T: %v", v, err)
			}
			var extra []string
			extraMembers(reflect.ValueOf(v), typ, &extra)
			if len(extra) > 0 {
				sort.Strings(extra)
				t.Errorf("members without a typed field:\n%s", strings.Join(extra, "\n"))
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(jsonTree(t, raw), jsonTree(t, out), treeOptions); diff != "" {
				t.Errorf("round trip changed the object (-in +out):\n%s", diff)
			}
		})
	}
}

// addUnknown adds the member "x-future" to every object of a JSON tree that
// the model decodes into a struct (not to maps keyed by ids or names, nor to
// free-form members), with a value naming the object's path. It follows the
// tree and the Go type t together and returns how many members it added.
func addUnknown(v any, t reflect.Type, path string) int {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	n := 0
	switch v := v.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Map:
			for k, c := range v {
				n += addUnknown(c, t.Elem(), path+"/"+k)
			}
		case reflect.Struct:
			fields := fieldsByJSONName(t)
			for k, c := range v {
				if ft, ok := fields[k]; ok {
					n += addUnknown(c, ft, path+"/"+k)
				}
			}
			if _, ok := t.FieldByName("Extra"); ok {
				v["x-future"] = map[string]any{"path": path, "n": json.Number("9007199254740993")}
				n++
			}
		}
	case []any:
		if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
			for i, c := range v {
				n += addUnknown(c, t.Elem(), fmt.Sprintf("%s/%d", path, i))
			}
		}
	}
	return n
}

// TestUnknownMembersSurvive adds an unknown member to every object of the
// complete test objects, at the top and at every depth (API definition,
// proxy, versions, every middleware entry, GraphQL, organisation UI, access
// rights, limits...), and requires each to come back out unchanged.
func TestUnknownMembersSurvive(t *testing.T) {
	for file, typ := range ownObjects {
		t.Run(file, func(t *testing.T) {
			tree := jsonTree(t, readTestdata(t, file))
			added := addUnknown(tree, reflect.TypeOf(modelTypes[typ]()), "")
			in, err := json.Marshal(tree)
			if err != nil {
				t.Fatal(err)
			}
			v := modelTypes[typ]()
			if err := json.Unmarshal(in, v); err != nil {
				t.Fatalf("decode into %T: %v", v, err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(jsonTree(t, in), jsonTree(t, out), treeOptions); diff != "" {
				t.Errorf("unknown members lost or changed (-in +out):\n%s", diff)
			}
			t.Logf("%d unknown members added at every depth survived", added)
		})
	}
}

// TestUnknownMemberReadModifyWrite is what a client does: read an object,
// change a known field, write it back. The members it did not know stay.
func TestUnknownMemberReadModifyWrite(t *testing.T) {
	in := `{"_id":"65f1c0de2a9b4c0001a1b2d5","name":"gold","rate":10,"per":1,
		"graphql_access_rights":{"enabled":true},
		"access_rights":{"a1":{"api_id":"a1","versions":["Default"],"limit":{"rate":1,"per":1,"burst":7},"future_scope":"x"}}}`
	var p model.Policy
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	p.Rate = 20
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := decodeNumbers(out, &got); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got["graphql_access_rights"]) != "map[enabled:true]" {
		t.Errorf("top-level unknown member: got %v", got["graphql_access_rights"])
	}
	ar := got["access_rights"].(map[string]any)["a1"].(map[string]any)
	if ar["future_scope"] != "x" {
		t.Errorf("unknown member of an access right: got %v", ar["future_scope"])
	}
	if lim := ar["limit"].(map[string]any); lim["burst"] != json.Number("7") {
		t.Errorf("unknown member of a limit: got %v", lim["burst"])
	}
	if got["rate"] != json.Number("20") {
		t.Errorf("rate = %v, want the changed 20", got["rate"])
	}
}

// TestCaseFoldedUnknownMember: encoding/json matches names without regard
// to case, so "Name" beside "name" must not overwrite the field; both must
// come back as they were.
func TestCaseFoldedUnknownMember(t *testing.T) {
	in := `{"name":"a","Name":"b","RATE":3}`
	var p model.Policy
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.Name != "a" || p.Rate != 0 {
		t.Errorf("name = %q, rate = %v: a member differing only in case overwrote a field", p.Name, p.Rate)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	got := jsonTree(t, out).(map[string]any)
	if got["Name"] != "b" || got["RATE"] != json.Number("3") || got["name"] != "a" {
		t.Errorf("members differing in case: got %v", got)
	}
}

// TestIntegersSurvive: integer fields hold int64, so values past 2^53 and
// negative ones (the Dashboard's -1 for "unlimited") come back exactly, in
// typed fields, free-form members and unknown members alike.
func TestIntegersSurvive(t *testing.T) {
	cases := []struct {
		typ, json string
	}{
		{"SessionState", `{"quota_max":9007199254740993,"quota_remaining":-1,"expires":-1,"last_check":9223372036854775807,"meta_data":{"n":9007199254740993},"x-new":9007199254740993}`},
		{"Policy", `{"quota_max":9007199254740993,"quota_renewal_rate":-1,"key_expires_in":-1,"max_query_depth":-1,"throttle_retry_limit":-1}`},
		{"Policy", `{"access_rights":{"a":{"limit":{"quota_max":9007199254740993,"quota_remaining":-9223372036854775808}}}}`},
		{"APIDefinition", `{"session_lifetime":-1,"expire_analytics_after":9007199254740993,"config_data":{"big":9007199254740993,"neg":-1}}`},
		{"Organisation", `{"developer_quota":-1,"developer_count":9007199254740993}`},
		{"KeyData", `{"data":{"quota_max":-1,"quota_renews":9007199254740993}}`},
	}
	for _, c := range cases {
		v := modelTypes[c.typ]()
		if !roundTrip(t, c.typ+" "+c.json, []byte(c.json), v) {
			continue
		}
		out, _ := json.Marshal(v)
		for _, lit := range []string{"9007199254740993", "-1"} {
			if strings.Contains(c.json, lit) && !strings.Contains(string(out), lit) {
				t.Errorf("%s: %s missing from %s", c.typ, lit, out)
			}
		}
	}
	var s model.SessionState
	if err := json.Unmarshal([]byte(`{"quota_max":9007199254740993}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.QuotaMax != 9007199254740993 {
		t.Errorf("QuotaMax = %d, want 9007199254740993", s.QuotaMax)
	}
	if err := json.Unmarshal([]byte(`{"quota_max":1.5}`), &s); err == nil {
		t.Error("quota_max 1.5 decoded into an integer field without error")
	}
}

// fuzzTypes are the types FuzzRoundTrip decodes into, chosen by its first
// argument: top-level types with nested extensible types of every kind.
var fuzzTypes = []string{"Policy", "APIDefinitionWrapper", "SessionState", "Organisation", "User"}

// FuzzRoundTrip: any JSON object that decodes into a model type encodes back
// to the same tree, except for the zero-valued members the model always
// writes, and encoding what it decoded is stable.
func FuzzRoundTrip(f *testing.F) {
	f.Add(uint8(0), []byte(`{"name":"a","x":1}`))
	f.Add(uint8(0), []byte(`{"name":"a","Name":"b"}`))
	f.Add(uint8(0), []byte(`{"access_rights":{"k":{"api_id":"k","limit":{"rate":1,"z":[1,{"a":null}]},"q":"w"}},"meta_data":{"n":9007199254740993}}`))
	f.Add(uint8(0), []byte(`{"partitions":{"quota":true,"x":{}},"smoothing":{"enabled":true,"y":"z"},"tags":["a"]}`))
	f.Add(uint8(0), []byte(`{"":1,"\u00e9":2,"_id":"x"}`))
	f.Add(uint8(1), []byte(`{"api_definition":{"name":"a","proxy":{"listen_path":"/a/","x":[]},"version_data":{"versions":{"v":{"extended_paths":{"white_list":[{"path":"/","q":1}]}}}}},"oas":{"a":1}}`))
	f.Add(uint8(2), []byte(`{"quota_max":-1,"basic_auth_data":{"password":"p","x":true},"monitor":{"trigger_limits":[80]}}`))
	f.Add(uint8(3), []byte(`{"ui":{"labs":null,"trial":{"end_date":1,"y":2}},"event_options":{"k":{"redis":true,"z":0}}}`))
	f.Add(uint8(4), []byte(`{"email_address":"a@b.c","user_permissions":{"apis":"read"},"x":{"y":[]}}`))
	f.Add(uint8(0), []byte(`null`))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		// Only a JSON object is a model's encoding: null decodes into a
		// nil map without error, and into a struct as nothing at all.
		var probe map[string]any
		if json.Unmarshal(data, &probe) != nil || probe == nil {
			return
		}
		typ := fuzzTypes[int(kind)%len(fuzzTypes)]
		v := modelTypes[typ]()
		if json.Unmarshal(data, v) != nil {
			return // a member of the wrong type: nothing to round-trip
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: encode: %v", typ, err)
		}
		again := modelTypes[typ]()
		if err := json.Unmarshal(out, again); err != nil {
			t.Fatalf("%s: decode own output %s: %v", typ, out, err)
		}
		out2, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(out2) {
			t.Fatalf("%s: encoding is not stable:\n%s\n%s", typ, out, out2)
		}
		in := jsonTree(t, data)
		got := dropAddedZeros(in, jsonTree(t, out), reflect.TypeOf(again))
		if diff := cmp.Diff(in, got, treeOptions); diff != "" {
			t.Fatalf("%s: round trip of %s changed it (-in +out):\n%s", typ, data, diff)
		}
	})
}
