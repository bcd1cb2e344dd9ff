package memserver

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http/httptest"
	"testing"

	"github.com/dashkit/dashkit/model"
)

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
		c := &call{s: New()}
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
	c := &call{s: New(WithRequestLogSize(0)), w: httptest.NewRecorder()}
	c.sendKey(model.KeyData{Data: model.SessionState{Rate: math.NaN()}})
	if c.status != 500 {
		t.Errorf("a session that does not encode: %d %s", c.status, c.respBody)
	}
}

// TestPooledAnswersStayWithWhoKeepsThem: a Server whose answers nobody keeps
// writes its keys' answers from reused buffers; one with a journal or an
// observer, which keep them, does not, so what they keep is what was
// answered, and every client gets its own answer.
func TestPooledAnswersStayWithWhoKeepsThem(t *testing.T) {
	var observed [][]byte
	for name, srv := range map[string]*Server{
		"journal":  New(),
		"observer": New(WithRequestLogSize(0), WithObserver(func(ex Exchange) { observed = append(observed, ex.ResponseBody) })),
		"neither":  New(WithRequestLogSize(0)),
	} {
		observed = nil
		body := []byte(`{"rate":1,"per":1,"access_rights":{"a":{"api_id":"a"}}}`)
		create := httptest.NewRequest("POST", "/api/apis", bytes.NewReader([]byte(`{"api_definition":{"name":"A","api_id":"a","proxy":{"listen_path":"/a/","target_url":"http://a.example"}}}`)))
		create.Header.Set("Authorization", srv.Secret)
		rec := httptest.NewRecorder()
		if srv.ServeHTTP(rec, create); rec.Code != 200 {
			t.Fatalf("%s: create the API: %d %s", name, rec.Code, rec.Body)
		}
		var answers [][]byte
		for range 20 {
			req := httptest.NewRequest("POST", "/api/keys", bytes.NewReader(body))
			req.Header.Set("Authorization", srv.Secret)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
			}
			answers = append(answers, rec.Body.Bytes())
		}
		for i := 1; i < len(answers); i++ {
			if bytes.Equal(answers[i], answers[i-1]) || !bytes.HasPrefix(answers[i], []byte(`{"key_id":"`)) {
				t.Fatalf("%s: answer %d is %s after %s", name, i, answers[i], answers[i-1])
			}
		}
		var kept [][]byte
		switch name {
		case "journal":
			for _, ex := range srv.Requests() {
				if ex.Path == "/api/keys" {
					kept = append(kept, ex.ResponseBody)
				}
			}
		case "observer":
			kept = observed[1:] // after the API's
		}
		if name != "neither" && len(kept) != len(answers) {
			t.Fatalf("%s: %d answers kept of %d", name, len(kept), len(answers))
		}
		for i := range kept {
			if !bytes.Equal(kept[i], answers[i]) {
				t.Errorf("%s: kept answer %d is now\n%s\nanswered\n%s", name, i, kept[i], answers[i])
			}
		}
	}
}
