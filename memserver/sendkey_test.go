package memserver

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http/httptest"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// TestAppendJSONStringIsMarshal: appendJSONString writes a string as
// json.Marshal writes it, HTML characters, control characters, invalid
// UTF-8 and the line separators included.
func TestAppendJSONStringIsMarshal(t *testing.T) {
	strs := []string{"", "eyJvcmciOiI2YjEw+/=", "c8ecbbcadbfd0d9e", "a\"b", "a\\b", "<&>", "tab\tnl\n", "\x00\x1f\x7f",
		"é", "\u2028\u2029", "\xff\xfe", "org/name with space"}
	for b := 0; b < 256; b++ {
		strs = append(strs, "x"+string(rune(b))+"y", "x"+string([]byte{byte(b)})+"y")
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("pre"), s); !bytes.Equal(got, append([]byte("pre"), want...)) {
			t.Errorf("%q: appendJSONString wrote %s, json.Marshal %s", s, got[3:], want)
		}
	}
}

// TestSendKeyIsTheEnvelope: sendKey answers the key's id, hash and session
// as the envelope around MarshalJSON of the session, byte for byte.
func TestSendKeyIsTheEnvelope(t *testing.T) {
	sess := model.SessionState{Rate: 1000, Per: 60, QuotaMax: -1, Alias: "<alias & co>", AccessRights: map[string]model.AccessDefinition{
		"a": {APIID: "a", APIName: "A", Versions: []string{"Default"}, Extra: model.Extra{"x": json.RawMessage(`{ "spaced": "<b>" }`)}}}}
	fillSession(&sess)
	for _, k := range []model.KeyData{
		{KeyID: "eyJvcmciOiIxIiwiaWQiOiIyIiwiaCI6Im11cm11cjY0In0=", KeyHash: "c8ecbbcadbfd0d9e", Data: sess},
		{KeyID: "org<1>\u2028", KeyHash: "\xff", Data: model.SessionState{}},
	} {
		c := &call{}
		c.sendKey(k)
		sessJSON, err := k.Data.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		id, _ := json.Marshal(k.KeyID)
		hash, _ := json.Marshal(k.KeyHash)
		want := `{"key_id":` + string(id) + `,"key_hash":` + string(hash) + `,"data":` + string(sessJSON) + `,"api_model":{}}`
		if c.status != 200 || string(c.respBody) != want {
			t.Errorf("sendKey answered %d\n%s\nwant\n%s", c.status, c.respBody, want)
		}
	}
	// A session that cannot be encoded is a 500, as before.
	c := &call{w: httptest.NewRecorder()}
	c.sendKey(model.KeyData{Data: model.SessionState{Rate: math.NaN()}})
	if c.status != 500 {
		t.Errorf("a session that does not encode: %d %s", c.status, c.respBody)
	}
}
