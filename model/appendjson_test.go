package model

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// TestAppendJSONIsMarshalJSON: AppendJSON appends exactly what MarshalJSON
// returns, or fails as it fails and leaves b as it was, with the fast paths
// and without, on the test data and its mutations, after bytes already in
// the buffer and with room to spare in it.
func TestAppendJSONIsMarshalJSON(t *testing.T) {
	doc, err := os.ReadFile("testdata/session-full.json")
	if err != nil {
		t.Fatal(err)
	}
	var sessions []SessionState
	for _, d := range append([][]byte{doc}, mutations(t, doc)...) {
		var s SessionState
		if json.Unmarshal(d, &s) == nil {
			sessions = append(sessions, s)
		}
	}
	// What the fast encoder refuses: a kept member that encoding/json
	// would compact inside the access right, and a number JSON has not.
	spaced := SessionState{AccessRights: map[string]AccessDefinition{
		"a": {APIID: "a", Extra: Extra{"x": json.RawMessage(`{ "b": 1 }`)}}}}
	sessions = append(sessions, spaced, SessionState{Rate: math.NaN()})
	defer func() { fastJSON = true }()
	compared, refused := 0, 0
	for i, s := range sessions {
		for _, fast := range []bool{true, false} {
			fastJSON = fast
			label := "session " + strconv.Itoa(i) + " fast " + strconv.FormatBool(fast)
			want, wantErr := s.MarshalJSON()
			prefix := []byte(`{"data":`)
			buf := append(make([]byte, 0, 64), prefix...)
			got, gotErr := s.AppendJSON(buf)
			if !sameError(gotErr, wantErr) {
				t.Errorf("%s: AppendJSON failed with %v, MarshalJSON with %v", label, gotErr, wantErr)
				continue
			}
			if wantErr != nil {
				if !bytes.Equal(got, prefix) {
					t.Errorf("%s: a failed AppendJSON left %s", label, got)
				}
				continue
			}
			if !bytes.Equal(got, append(prefix, want...)) {
				t.Errorf("%s: AppendJSON gave\n%s\nMarshalJSON\n%s", label, got[len(prefix):], want)
			}
			compared++
		}
		if _, ok := s.appendFast(nil, false); !ok {
			refused++
		}
	}
	// Both the fast encoder and its refusals must be compared.
	if compared == 0 || refused == 0 {
		t.Errorf("%d encodings compared, %d of them refused by the fast encoder", compared, refused)
	}
}
