package memstore

import (
	"encoding/json"
	"reflect"
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
