package memserver

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// TestUnmarshalIsJSONUnmarshal: handing a model object its body directly
// decodes what json.Unmarshal decodes and fails as it fails, for bodies
// valid and not.
func TestUnmarshalIsJSONUnmarshal(t *testing.T) {
	bodies := []string{
		`{"rate":1000,"per":60,"quota_max":-1,"access_rights":{"a":{"api_id":"a","versions":["Default"]}}}`,
		" \t\r\n{\"rate\":1}\n ",
		`{}`,
		`{"rate":"fast"}`,
		`{"access_rights":{"a":{"versions":"Default"}}}`,
		`{"access_rights":{"a":{"limit":{"rate":"x"}}}}`,
		`{"rate":1,"unknown":{"nested":[1,2,{"x":null}]},"tags":["a\u00e9"]}`,
		`{"Rate":2,"rate":1}`,
		`{"rate":1}}`,
		`{"rate":1} {"rate":2}`,
		`{"rate":1,}`,
		`{"rate":01}`,
		`{"tags":["a",]}`,
		`{"rate":1`,
		`{"meta_data":{"n":1.50,"big":12345678901234567890}}`,
		"\ufeff{}",
		`[]`,
		`[1,2]`,
		`"a string"`,
		`12`,
		`true`,
		`{"alias":"\xff"}`,
		`{"alias":"a\u0000b"}`,
		"{\"alias\":\"a\tb\"}",
	}
	for _, body := range bodies {
		var want, got model.SessionState
		wantErr := json.Unmarshal([]byte(body), &want)
		gotErr := unmarshal([]byte(body), &got)
		if !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("%q: unmarshal failed with %#v, json.Unmarshal with %#v", body, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: unmarshal decoded\n%#v\njson.Unmarshal\n%#v", body, got, want)
		}
	}
	// What json.Unmarshal refuses before looking at the body.
	var nilSession *model.SessionState
	if got, want := unmarshal([]byte(`{}`), nilSession), json.Unmarshal([]byte(`{}`), nilSession); !reflect.DeepEqual(got, want) {
		t.Errorf("nil *SessionState: unmarshal failed with %#v, json.Unmarshal with %#v", got, want)
	}
	var m map[string]any
	if err := unmarshal([]byte(`{"a":1}`), &m); err != nil || m["a"] != 1.0 {
		t.Errorf("a map: %v, %v", m, err)
	}
}
