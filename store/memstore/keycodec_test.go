package memstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// keyCodecCases are keys that reach every branch of the generated codec:
// every field set, nil apart from empty, zero structs and pointers to
// them, dynamic values of every tag. The first ones hold no map of more
// than one entry, so that their bytes do not depend on map order.
func keyCodecCases() []*store.Key {
	negZero := math.Copysign(0, -1)
	long := strings.Repeat("ü", 200) // a length of two varint bytes
	full := func(i int) model.AccessDefinition {
		return model.AccessDefinition{
			APIName: "API " + fmt.Sprint(i), APIID: fmt.Sprintf("%032x", i), Versions: []string{"Default", "v2"},
			AllowedURLs: []model.AccessSpec{
				{URL: "/users/{id}", Methods: []string{"GET", "PUT"}},
				{URL: "/health", Methods: []string{}},
				{URL: "^/admin/.*$", Extra: model.Extra{"regex": json.RawMessage(`true`)}},
			},
			RestrictedTypes: []model.GraphqlType{{Name: "Query", Fields: []string{"secret", "admin"}}, {}},
			AllowedTypes:    []model.GraphqlType{},
			Limit: &model.APILimit{Rate: 100, Per: 0.5, ThrottleInterval: -1, ThrottleRetryLimit: 3, MaxQueryDepth: -1,
				QuotaMax: 1 << 40, QuotaRenews: 1717171717, QuotaRemaining: -5, QuotaRenewalRate: 3600, SetBy: true,
				Smoothing: &model.RateLimitSmoothing{Enabled: true, Threshold: 500, Trigger: 0.8, Step: 100, Delay: 30,
					Extra: model.Extra{"x": nil}},
				Extra: model.Extra{}},
			FieldAccessRights: []model.FieldAccessDefinition{
				{TypeName: "Query", FieldName: "users", Limits: model.FieldLimits{MaxQueryDepth: 4}},
				{TypeName: "Mutation", FieldName: "x", Limits: model.FieldLimits{Extra: model.Extra{"y": json.RawMessage{}}}},
			},
			DisableIntrospection: true, AllowanceScope: "per-api",
			Endpoints: []model.SessionEndpoint{{Path: "/pay", Methods: []model.SessionEndpointMethod{
				{Name: "POST", Limit: model.SessionEndpointRateLimit{Rate: 5, Per: 1}},
				{Name: "GET"},
			}}, {}},
			Extra: model.Extra{"mongo": json.RawMessage(`{"$oid":"5f"}`)},
		}
	}
	session := func() model.SessionState {
		return model.SessionState{
			LastCheck: 1700000000, Allowance: 999.25, Rate: 1000, Per: 60, ThrottleInterval: 0.1, ThrottleRetryLimit: 2,
			MaxQueryDepth: -1, DateCreated: "2024-01-02T03:04:05.123456789+01:00", Expires: 1893456000,
			QuotaMax: -1, QuotaRenews: 1704067200, QuotaRemaining: 12345, QuotaRenewalRate: 86400,
			AccessRights:  map[string]model.AccessDefinition{fmt.Sprintf("%032x", 1): full(1)},
			OrgID:         "5e9d9544a1dcd60001d0ed20",
			OauthClientID: "client", OauthKeys: map[string]string{"client": "secret"},
			Certificate: "5e9d9544a1dcd60001d0ed20abc",
			BasicAuthData: model.BasicAuthData{Password: "$2a$10$hash", Hash: "bcrypt", User: "user",
				Extra: model.Extra{"z": json.RawMessage(`[1,2]`)}},
			JWTData:     model.JWTData{Secret: "jwt"},
			HMACEnabled: true, EnableHTTPSignatureValidation: true, HmacSecret: "hmac", IsInactive: true,
			ApplyPolicyID: "p0", ApplyPolicies: []string{"p1", "p2", ""},
			DataExpires: math.MaxInt64, Monitor: model.Monitor{TriggerLimits: []float64{80, 90.5, negZero}},
			EnableDetailedRecording: true,
			MetaData:                map[string]any{"user": map[string]any{"tier": []any{"gold", 1.5, true, nil}}},
			Tags:                    []string{"a", long},
			Alias:                   "alias " + long, LastUpdated: "1717171717", IDExtractorDeadline: math.MinInt64,
			SessionLifetime: 3600, KeyID: "kid",
			Smoothing:                     &model.RateLimitSmoothing{Trigger: negZero},
			MTLSStaticCertificateBindings: []string{"cert"},
			Extra:                         model.Extra{"unknown_member": json.RawMessage(`{"a":[1,{"b":null}]}`)},
		}
	}
	one := &store.Key{ID: "5e9d9544a1dcd60001d0ed20" + fmt.Sprintf("%032x", 7), Hash: "h", OrgID: "5e9d9544a1dcd60001d0ed20",
		Session: session(), Username: "user"}

	// Every dynamic tag, one per map, each value in a single-entry map.
	var dynamic []*store.Key
	for _, v := range []any{nil, "s", 1.5, -0.0, negZero, math.Inf(-1), true, false, json.Number("1e400"),
		map[string]any{"k": "v"}, map[string]any{}, map[string]any(nil), []any{}, []any(nil), []any{[]any{nil}, map[string]any{"x": nil}},
		7, -1 << 62, int64(-8), int64(math.MaxInt64), map[string]string{"a": "b"}, map[string]string{}, map[string]string(nil),
		[]string{"x", ""}, []string{}, []string(nil),
		int8(3), uint(9), struct{ A int }{1}, (*int)(nil), []int{1, 2}, map[string]int{"n": 1}, json.RawMessage(`{"r":1}`),
		func() {}, // JSON cannot marshal it: stored as null
	} {
		dynamic = append(dynamic, &store.Key{ID: "dyn", Session: model.SessionState{MetaData: map[string]any{"v": v}}})
	}

	empty := &store.Key{ID: "empty", Session: model.SessionState{
		AccessRights: map[string]model.AccessDefinition{}, OauthKeys: map[string]string{}, ApplyPolicies: []string{},
		Monitor: model.Monitor{TriggerLimits: []float64{}}, MetaData: map[string]any{}, Tags: []string{},
		MTLSStaticCertificateBindings: []string{}, Extra: model.Extra{},
		BasicAuthData: model.BasicAuthData{Extra: model.Extra{}}, JWTData: model.JWTData{Extra: model.Extra{}},
		Smoothing: &model.RateLimitSmoothing{},
	}}
	zeroRight := &store.Key{ID: "zero-right", Session: model.SessionState{
		AccessRights: map[string]model.AccessDefinition{"a": {}},
	}}
	emptyRight := &store.Key{Session: model.SessionState{AccessRights: map[string]model.AccessDefinition{"": {
		Versions: []string{}, AllowedURLs: []model.AccessSpec{}, RestrictedTypes: []model.GraphqlType{},
		AllowedTypes: []model.GraphqlType{}, Limit: &model.APILimit{}, FieldAccessRights: []model.FieldAccessDefinition{},
		Endpoints: []model.SessionEndpoint{}, Extra: model.Extra{},
	}}}}

	// Several APIs, URL rules and metadata members: bytes in map order.
	many := &store.Key{ID: "many", Hash: "hash", OrgID: "org", Session: session()}
	many.Session.AccessRights = map[string]model.AccessDefinition{"a": full(1), "b": full(2), "c": {APIID: "c"}}
	many.Session.OauthKeys = map[string]string{"c1": "s1", "c2": "s2"}
	many.Session.MetaData = map[string]any{
		"nested": map[string]any{"list": []any{"x", 1.0, true, nil, json.Number("12")}, "n": nil},
		"int":    7, "int64": int64(-8), "strings": []string{"a"}, "smap": map[string]string{"k": "v", "l": "w"},
	}

	keys := []*store.Key{
		{},
		{Username: "only-username"},
		{Session: model.SessionState{Allowance: negZero}}, // all zero to IsZero: -0 == 0
		{Session: model.SessionState{Rate: math.NaN()}},
		one, empty, zeroRight, emptyRight,
	}
	keys = append(keys, dynamic...)
	return append(keys, many, codecFixture())
}

func reflectivePack(k *store.Key) []byte {
	var e encoder
	codecOf(reflect.TypeFor[store.Key]()).enc(&e, reflect.ValueOf(k).Elem())
	return e.buf
}

func generatedPack(k *store.Key) []byte {
	var e encoder
	packKey(&e, k)
	return e.buf
}

// reflectiveUnpack and generatedUnpack are unpack with one codec or the
// other, a panic returned.
func reflectiveUnpack(data []byte) (*store.Key, any) {
	return unpackWith(data, func(d *decoder, k *store.Key) {
		codecOf(reflect.TypeFor[store.Key]()).dec(d, reflect.ValueOf(k).Elem())
	})
}

func generatedUnpack(data []byte) (*store.Key, any) { return unpackWith(data, unpackKey) }

func unpackWith(data []byte, dec func(*decoder, *store.Key)) (k *store.Key, failure any) {
	defer func() {
		if r := recover(); r != nil {
			k, failure = nil, r
		}
	}()
	k = new(store.Key)
	d := decoder{data: data, str: string(data)}
	dec(&d, k)
	if d.pos != len(d.data) {
		panic(fmt.Sprintf("left %d of %d bytes", len(d.data)-d.pos, len(d.data)))
	}
	return k, nil
}

// TestKeyCodecIsTheReflectiveOne: the generated codec of store.Key writes
// the reflective codec's bytes and reads them back to the same key, so
// that either reads what the other wrote (a data file, a state).
func TestKeyCodecIsTheReflectiveOne(t *testing.T) {
	for i, k := range keyCodecCases() {
		want := reflectivePack(k)
		got := generatedPack(k)
		if len(got) != len(want) {
			t.Errorf("key %d: generated %d bytes, the reflective codec %d", i, len(got), len(want))
			continue
		}
		// Map entries go in the map's order, which differs from walk to
		// walk: for a key with a map of several entries, some walk of
		// each must give the other's bytes.
		if !bytes.Equal(got, want) {
			seen := map[string]bool{string(want): true}
			same := false
			for range 20000 {
				if g := generatedPack(k); seen[string(g)] {
					same = true
					break
				}
				seen[string(reflectivePack(k))] = true
			}
			if !same {
				t.Errorf("key %d: generated\n%x\nthe reflective codec\n%x", i, got, want)
			}
		}
		for _, data := range [][]byte{want, got} {
			r, rerr := reflectiveUnpack(data)
			g, gerr := generatedUnpack(data)
			if rerr != nil || gerr != nil {
				t.Fatalf("key %d: unpacking: reflective %v, generated %v", i, rerr, gerr)
			}
			if !hasNaN(k) && !reflect.DeepEqual(g, r) {
				t.Errorf("key %d: generated decoder\n%#v\nreflective\n%#v", i, g, r)
			}
			if !identical(reflect.ValueOf(g), reflect.ValueOf(r)) {
				t.Errorf("key %d: decoded keys differ (bit for bit, in their types)\n%#v\n%#v", i, g, r)
			}
		}
	}
}

func hasNaN(k *store.Key) bool { return math.IsNaN(k.Session.Rate) }

// identical is reflect.DeepEqual made stricter where the two decoders must
// agree beyond it: floats bit for bit (NaN, -0), and nil kept apart from
// empty.
func identical(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return identical(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !identical(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			v := b.MapIndex(it.Key())
			if !v.IsValid() || !identical(it.Value(), v) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !identical(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// TestKeyCodecIsGenerated: keycodec_gen.go is what the generator writes
// for store.Key as it is now.
func TestKeyCodecIsGenerated(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run the generator with")
	}
	out := filepath.Join(t.TempDir(), "keycodec_gen.go")
	cmd := exec.Command(gobin, "run", "./internal/gencodec", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("running the generator: %v\n%s", err, b)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("keycodec_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, committed) {
		t.Fatal("keycodec_gen.go is not what the generator writes: run go generate ./store/memstore")
	}
}

// FuzzKeyCodec: on any bytes the generated decoder does what the
// reflective one does: both fail, or both read the same key.
func FuzzKeyCodec(f *testing.F) {
	for _, k := range keyCodecCases() {
		f.Add(reflectivePack(k))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !lengthsBounded(data) {
			t.Skip("a length the decoders would allocate for beyond the input")
		}
		r, rerr := reflectiveUnpack(data)
		g, gerr := generatedUnpack(data)
		if (rerr == nil) != (gerr == nil) {
			t.Fatalf("reflective decoder: %v; generated: %v", rerr, gerr)
		}
		if rerr != nil {
			return
		}
		if !identical(reflect.ValueOf(r), reflect.ValueOf(g)) {
			t.Fatalf("decoded keys differ:\nreflective %#v\ngenerated  %#v", r, g)
		}
		// And what was read writes back alike: the same length, and bytes
		// (in either encoder's map order) that the reflective decoder reads
		// as the same key. Not necessarily as r: a -0 alone in a struct
		// makes it zero, and it comes back as 0.
		want, got := reflectivePack(r), generatedPack(r)
		if len(got) != len(want) {
			t.Fatalf("re-encoded: generated %d bytes, the reflective codec %d", len(got), len(want))
		}
		wantBack, werr := reflectiveUnpack(want)
		back, err := reflectiveUnpack(got)
		if werr != nil || err != nil || !identical(reflect.ValueOf(back), reflect.ValueOf(wantBack)) {
			t.Fatalf("re-encoded by the generated codec, read back by the reflective one: %v, %v\n%#v\nwant %#v", err, werr, back, wantBack)
		}
	})
}

// lengthsBounded walks data as the reflective decoder would and reports
// whether every length it meets stays within what is left of the input
// (give or take a little, so that short data is still tried): a length of
// billions, which both decoders would allocate for, would stop the
// fuzzing with an out-of-memory crash that says nothing of the codecs.
func lengthsBounded(data []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = true // both decoders stop here too, before any larger length
		}
	}()
	d := &decoder{data: data, str: string(data)}
	return skim(d, reflect.TypeFor[store.Key]())
}

func skim(d *decoder, t reflect.Type) bool {
	const slack = 1 << 10
	bounded := func(n uint64) bool { return n-1 <= uint64(len(d.data)-d.pos)+slack }
	switch t.Kind() {
	case reflect.Bool:
		_ = d.data[d.pos]
		d.pos++
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		d.uint()
	case reflect.String:
		d.string()
	case reflect.Slice:
		n := d.uint()
		if n == 0 {
			return true
		}
		if !bounded(n) {
			return false
		}
		if t.Elem().Kind() == reflect.Uint8 {
			d.pos += min(int(n-1), len(d.data)-d.pos)
			return true
		}
		for range n - 1 {
			if !skim(d, t.Elem()) {
				return false
			}
		}
	case reflect.Map:
		n := d.uint()
		if n == 0 {
			return true
		}
		if !bounded(n) {
			return false
		}
		for range n - 1 {
			if !skim(d, t.Key()) || !skim(d, t.Elem()) {
				return false
			}
		}
	case reflect.Pointer:
		if d.uint() != 0 {
			return skim(d, t.Elem())
		}
	case reflect.Struct:
		d.pos++
		if d.data[d.pos-1] == 0 {
			return true
		}
		for i := range t.NumField() {
			if !skim(d, t.Field(i).Type) {
				return false
			}
		}
	case reflect.Interface:
		tag := d.data[d.pos]
		d.pos++
		switch tag {
		case tagNil:
		case tagString, tagNumber:
			d.string()
		case tagFloat64:
			d.uint()
		case tagBool:
			_ = d.data[d.pos]
			d.pos++
		case tagInt, tagInt64:
			d.int()
		case tagJSON:
			d.raw()
		case tagMap:
			return skim(d, reflect.TypeFor[map[string]any]())
		case tagSlice:
			return skim(d, reflect.TypeFor[[]any]())
		case tagStringMap:
			return skim(d, reflect.TypeFor[map[string]string]())
		case tagStrings:
			return skim(d, reflect.TypeFor[[]string]())
		default:
			panic("bad tag")
		}
	default:
		panic("skim: " + t.String())
	}
	return true
}
