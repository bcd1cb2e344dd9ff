package memstore

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func codecFixture() *store.Key {
	return &store.Key{ID: "k", Hash: "h", OrgID: "o", Session: model.SessionState{
		Rate: 10, Per: 1.5, QuotaMax: -1, OrgID: "o", Allowance: -0.25,
		AccessRights: map[string]model.AccessDefinition{"a": {APIID: "a", Versions: []string{"Default"},
			AllowedURLs: []model.AccessSpec{{URL: "/x", Methods: []string{"GET"}}},
			Limit:       &model.APILimit{Rate: 3, Smoothing: &model.RateLimitSmoothing{Enabled: true, Step: 2}}}},
		MetaData: map[string]any{
			"nested": map[string]any{"list": []any{"x", 1.0, true, nil, json.Number("12")}},
			"int":    7, "int64": int64(-8), "strings": []string{"a"}, "smap": map[string]string{"k": "v"},
			"other": struct{ A int }{1}, "empty": map[string]any{}, "nilmap": map[string]any(nil),
		},
		Tags:          []string{"t", ""},
		ApplyPolicies: []string{},
		Extra:         model.Extra{"unknown": json.RawMessage(`{"a":1}`)},
	}}
}

// TestCodecRoundTrip: what is unpacked equals what was packed, nil and
// empty kept apart, and dynamic values keep their Go types (except types
// the codec does not know, which come back as JSON would decode them).
func TestCodecRoundTrip(t *testing.T) {
	src := codecFixture()
	got := unpack[store.Key](pack(src))
	want := codecFixture()
	want.Session.MetaData["other"] = map[string]any{"A": 1.0}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("round trip:\nwant %#v\n got %#v", want, got)
	}

	now := time.Date(2024, 5, 6, 7, 8, 9, 10, time.FixedZone("X", 3600))
	api := &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{ID: "x", Name: "n"}, CreatedAt: &now,
		OAS: json.RawMessage(`{"openapi":"3.0.3"}`)}
	back := unpack[model.APIDefinitionWrapper](pack(api))
	if !back.CreatedAt.Equal(now) || back.APIDefinition.Name != "n" || string(back.OAS) != string(api.OAS) {
		t.Errorf("API round trip: %+v", back)
	}
	if _, offset := back.CreatedAt.Zone(); offset != 3600 {
		t.Errorf("time zone offset lost: %v", back.CreatedAt)
	}
}

// TestCodecCoversTheModel builds a codec for every stored type, so that a
// field the codec cannot store fails here rather than at the first insert.
func TestCodecCoversTheModel(t *testing.T) {
	for _, v := range []any{model.Organisation{}, model.User{}, model.UserGroup{}, model.APIDefinitionWrapper{},
		model.Policy{}, model.OAuthClient{}, model.OAuthClientToken{}, model.WebHookHandlerConf{}, model.Asset{},
		model.AuditLog{}, analyticsRow{}, store.SSONonce{}, store.Certificate{}, store.Key{}} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%T: %v", v, r)
				}
			}()
			codecOf(reflect.TypeOf(v))
		}()
	}
}

// BenchmarkCopy compares ways of keeping a stored key out of callers'
// reach: packing and unpacking (what the store does), a reflective deep
// copy, and a JSON round trip. The bytes are what one stored key costs.
func BenchmarkCopy(b *testing.B) {
	src := codecFixture()
	b.Run("pack+unpack", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = unpack[store.Key](pack(src))
		}
		b.ReportMetric(float64(len(pack(src))), "stored-bytes")
	})
	b.Run("unpack", func(b *testing.B) {
		data := pack(src)
		b.ReportAllocs()
		for b.Loop() {
			_ = unpack[store.Key](data)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = deepCopy(src)
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data, err := json.Marshal(src)
			if err != nil {
				b.Fatal(err)
			}
			var c store.Key
			if err := json.Unmarshal(data, &c); err != nil {
				b.Fatal(err)
			}
		}
		data, _ := json.Marshal(src)
		b.ReportMetric(float64(len(data)), "stored-bytes")
	})
}

// TestAuditLogCodecIsTheReflectiveOne: the hand-written codec of audit
// records writes the bytes the reflective codec writes for the type and
// reads them back to the same record, so that a data file or a state
// written by either reads with the other.
func TestAuditLogCodecIsTheReflectiveOne(t *testing.T) {
	// A field added to the model must be added to the hand codec too.
	var fields []string
	for f := range reflect.TypeFor[model.AuditLog]().Fields() {
		fields = append(fields, f.Name)
	}
	if got, want := strings.Join(fields, " "), "MID ReqID OrgID Date Timestamp IP User Action Method URL Status Diff Extra"; got != want {
		t.Fatalf("model.AuditLog's fields are %s; packAuditLog and unpackAuditLog write %s", got, want)
	}
	reflective := codecOf(reflect.TypeFor[model.AuditLog]())
	for i, l := range []model.AuditLog{
		{},
		{MID: "m"},
		{Status: 200},
		{Extra: model.Extra{}},
		{Extra: model.Extra{"null": nil}},
		{MID: "5f1c", ReqID: "a-b-c-d-e", OrgID: "org", Date: "Mon, 02 Jan 2006 15:04:05 UTC", Timestamp: 1136214245,
			IP: "127.0.0.1", User: "u@example.com", Action: "Create Key", Method: "POST", URL: "/api/keys?x=1", Status: 201,
			Diff: `{"a":[1,2]}`, Extra: model.Extra{"mongo_only": json.RawMessage(`{"$oid":"x"}`)}},
		{MID: "negative", Timestamp: -62135596800, Status: -1, URL: "ünïcödé \x00 bytes"},
	} {
		var want encoder
		reflective.enc(&want, reflect.ValueOf(&l).Elem())
		got := pack(&l)
		if string(got) != string(want.buf) {
			t.Errorf("record %d: packed %x, the reflective codec %x", i, got, want.buf)
		}
		back := unpack[model.AuditLog](want.buf)
		if !reflect.DeepEqual(*back, l) {
			t.Errorf("record %d: read back %+v, want %+v", i, *back, l)
		}
		var viaReflection model.AuditLog
		d := decoder{data: got, str: string(got)}
		reflective.dec(&d, reflect.ValueOf(&viaReflection).Elem())
		if !reflect.DeepEqual(viaReflection, l) || d.pos != len(got) {
			t.Errorf("record %d: the reflective codec read back %+v, want %+v", i, viaReflection, l)
		}
	}
	// Extra with several members: map order differs between the codecs'
	// walks, so only the records read back are compared.
	l := model.AuditLog{MID: "m", Extra: model.Extra{"a": json.RawMessage(`1`), "b": json.RawMessage(`"x"`), "c": json.RawMessage(`[]`)}}
	var want encoder
	reflective.enc(&want, reflect.ValueOf(&l).Elem())
	if back := unpack[model.AuditLog](pack(&l)); !reflect.DeepEqual(*back, l) || len(pack(&l)) != len(want.buf) {
		t.Errorf("several extra members: read back %+v (%d bytes), want %+v (%d bytes)", *back, len(pack(&l)), l, len(want.buf))
	}
}
