package memstore

import (
	"encoding/json"

	"github.com/dashkit/dashkit/model"
)

// Every request to the memserver leaves an audit record, packed on insert
// and unpacked again when the log's bound deletes it: through the
// reflective codec that was a third of a request's CPU. These two write and
// read the very bytes the reflective codec does for model.AuditLog (a test
// holds them to it), field by field in declaration order.

func packAuditLog(e *encoder, l *model.AuditLog) {
	if l.MID == "" && l.ReqID == "" && l.OrgID == "" && l.Date == "" && l.Timestamp == 0 && l.IP == "" &&
		l.User == "" && l.Action == "" && l.Method == "" && l.URL == "" && l.Status == 0 && l.Diff == "" && l.Extra == nil {
		e.buf = append(e.buf, 0) // all zero, as the struct codec writes it
		return
	}
	e.buf = append(e.buf, 1)
	e.string(l.MID)
	e.string(l.ReqID)
	e.string(l.OrgID)
	e.string(l.Date)
	e.int(l.Timestamp)
	e.string(l.IP)
	e.string(l.User)
	e.string(l.Action)
	e.string(l.Method)
	e.string(l.URL)
	e.int(l.Status)
	e.string(l.Diff)
	if l.Extra == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(l.Extra)) + 1)
	for k, v := range l.Extra {
		e.string(k)
		if v == nil {
			e.uint(0)
			continue
		}
		e.uint(uint64(len(v)) + 1)
		e.buf = append(e.buf, v...)
	}
}

func unpackAuditLog(d *decoder, l *model.AuditLog) {
	d.pos++
	if d.data[d.pos-1] == 0 {
		return
	}
	l.MID = d.string()
	l.ReqID = d.string()
	l.OrgID = d.string()
	l.Date = d.string()
	l.Timestamp = d.int()
	l.IP = d.string()
	l.User = d.string()
	l.Action = d.string()
	l.Method = d.string()
	l.URL = d.string()
	l.Status = d.int()
	l.Diff = d.string()
	n := d.uint()
	if n == 0 {
		return
	}
	l.Extra = make(model.Extra, n-1)
	for range n - 1 {
		k := d.string()
		m := d.uint()
		if m == 0 {
			l.Extra[k] = nil
			continue
		}
		// A copy, as the reflective codec makes: the caller may change it.
		v := make(json.RawMessage, m-1)
		d.pos += copy(v, d.data[d.pos:])
		l.Extra[k] = v
	}
}
