package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Duration is a time span as the gateway writes it: an integer number of
// nanoseconds (an uptime check's timeout). The Dashboard API's description
// shows it as a Go duration string ("30s"); both forms decode. It encodes in
// the form it was decoded from, so that a round trip changes nothing; a
// Duration built in Go encodes as nanoseconds.
type Duration struct {
	time.Duration
	// Text is the duration string the value was decoded from ("30s"), empty
	// when it came as nanoseconds. It is written back while it still
	// denotes Duration.
	Text string `json:"-"`
}

// UnmarshalJSON accepts nanoseconds (a JSON integer), a duration string
// ("30s", "1m30s") or null (zero).
func (d *Duration) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*d = Duration{}
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*d = Duration{}
			return nil
		}
		v, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("duration %q: %w", s, err)
		}
		*d = Duration{Duration: v, Text: s}
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return fmt.Errorf("duration %s: want integer nanoseconds or a duration string", b)
	}
	*d = Duration{Duration: time.Duration(n)}
	return nil
}

// MarshalJSON writes nanoseconds, or the duration string the value was
// decoded from while the value is unchanged.
func (d Duration) MarshalJSON() ([]byte, error) {
	if d.Text != "" {
		if v, err := time.ParseDuration(d.Text); err == nil && v == d.Duration {
			return json.Marshal(d.Text)
		}
	}
	return strconv.AppendInt(nil, int64(d.Duration), 10), nil
}
