package model

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The generated fast paths of the hottest types (the key and what it holds;
// see internal/genextra). Keys are written and answered on every
// POST /api/keys, and the reflective path of unmarshalModel and marshalModel
// (encoding/json through an alias, a scan of the members, a decoder keeping
// numbers) cost more than the store write of the key.
//
// A fast path handles the common shape of an object and gives up, returning
// false, on anything else: a name or string with escapes, a null where the
// rules are subtle, a member duplicated or differing from a field's name only
// in case, a number that does not fit, an error of any kind. The caller then
// takes the reflective path from the start, which stays the one definition of
// the encoding: a fast path must produce exactly its result or nothing
// (fastjson_test.go compares the two on the test data and on mutations of it).
// A value the fast path does not know is handed to encoding/json itself
// (decodeInto, json.Marshal), the way the reflective path would.

// fastJSON turns the fast paths on; the tests turn them off to compare.
var fastJSON = true

// fastDec reads one JSON object of data, member by member.
type fastDec struct {
	data []byte
	pos  int
}

// begin reads the opening brace; done reports an empty object.
func (d *fastDec) begin() (done, ok bool) {
	d.pos = skipSpace(d.data, 0)
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return false, false
	}
	d.pos = skipSpace(d.data, d.pos+1)
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return true, true
	}
	return false, true
}

// name reads a member's name and its colon. Only plain ASCII names are
// read; anything else (escapes, other characters) is left to the reflective
// path, which decodes names as encoding/json does.
func (d *fastDec) name() ([]byte, bool) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, false
	}
	start := d.pos + 1
	for j := start; j < len(d.data); j++ {
		c := d.data[j]
		if c == '"' {
			name := d.data[start:j]
			d.pos = skipSpace(d.data, j+1)
			if d.pos >= len(d.data) || d.data[d.pos] != ':' {
				return nil, false
			}
			d.pos = skipSpace(d.data, d.pos+1)
			return name, true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	return nil, false
}

// next reads what follows a member's value: a comma (more is true) or the
// closing brace.
func (d *fastDec) next() (more, ok bool) {
	d.pos = skipSpace(d.data, d.pos)
	if d.pos >= len(d.data) {
		return false, false
	}
	switch d.data[d.pos] {
	case ',':
		d.pos = skipSpace(d.data, d.pos+1)
		return true, true
	case '}':
		d.pos++
		return false, true
	}
	return false, false
}

// end reports whether only blanks follow the object.
func (d *fastDec) end() bool { return skipSpace(d.data, d.pos) == len(d.data) }

// raw returns the next value as written, without checking it beyond its
// brackets and strings: whoever takes it checks it.
func (d *fastDec) raw() ([]byte, bool) {
	end := skipValue(d.data, d.pos)
	if end < 0 {
		return nil, false
	}
	v := d.data[d.pos:end]
	d.pos = end
	return v, true
}

// null reads a null if one is next.
func (d *fastDec) null() bool {
	if d.pos+4 <= len(d.data) && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

// str reads a string into *s; null leaves *s as it is, as encoding/json
// does. Strings with escapes or invalid UTF-8 are decoded by encoding/json.
func (d *fastDec) str(s *string) bool {
	if d.null() {
		return true
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return false
	}
	start, ascii := d.pos+1, true
	for j := start; j < len(d.data); j++ {
		c := d.data[j]
		switch {
		case c == '"':
			b := d.data[start:j]
			if !ascii && !utf8.Valid(b) {
				return d.delegate(s)
			}
			*s = string(b)
			d.pos = j + 1
			return true
		case c == '\\':
			return d.delegate(s)
		case c < 0x20:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return false
}

// delegate decodes the next string with encoding/json. It decodes into a
// string of its own, which only this rare case puts on the heap: through s,
// every value the fast decoder fills would go there.
func (d *fastDec) delegate(s *string) bool {
	raw, ok := d.raw()
	if !ok {
		return false
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	*s = v
	return true
}

// number returns the next JSON number; integer says it has neither a
// fraction nor an exponent.
func (d *fastDec) number() (lit []byte, integer, ok bool) {
	data, i := d.data, d.pos
	digits := func() bool {
		start := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i < len(data) && data[i] == '0' {
		i++
	} else if !digits() {
		return nil, false, false
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return nil, false, false
		}
		integer = false
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false, false
		}
		integer = false
	}
	lit = data[d.pos:i]
	d.pos = i
	return lit, integer, true
}

// int reads an integer that fits in bits; null leaves *n as it is.
func (d *fastDec) int(bits int) (n int64, isNull, ok bool) {
	if d.null() {
		return 0, true, true
	}
	lit, integer, ok := d.number()
	if !ok || !integer {
		return 0, false, false
	}
	n, err := strconv.ParseInt(string(lit), 10, bits)
	return n, false, err == nil
}

func (d *fastDec) int64(p *int64) bool {
	n, isNull, ok := d.int(64)
	if ok && !isNull {
		*p = n
	}
	return ok
}

func (d *fastDec) intValue(p *int) bool {
	n, isNull, ok := d.int(strconv.IntSize)
	if ok && !isNull {
		*p = int(n)
	}
	return ok
}

func (d *fastDec) float64(p *float64) bool {
	if d.null() {
		return true
	}
	lit, _, ok := d.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return false
	}
	*p = f
	return true
}

func (d *fastDec) bool(p *bool) bool {
	switch {
	case d.null():
		return true
	case d.pos+4 <= len(d.data) && string(d.data[d.pos:d.pos+4]) == "true":
		*p = true
		d.pos += 4
		return true
	case d.pos+5 <= len(d.data) && string(d.data[d.pos:d.pos+5]) == "false":
		*p = false
		d.pos += 5
		return true
	}
	return false
}

// strings reads an array of strings; null sets *p to nil and [] to an
// empty slice, as encoding/json does.
func (d *fastDec) strings(p *[]string) bool {
	if d.null() {
		*p = nil
		return true
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		return false
	}
	d.pos = skipSpace(d.data, d.pos+1)
	out := []string{}
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		*p = out
		return true
	}
	for {
		var s string
		if !d.str(&s) {
			return false
		}
		out = append(out, s)
		d.pos = skipSpace(d.data, d.pos)
		if d.pos >= len(d.data) {
			return false
		}
		switch d.data[d.pos] {
		case ',':
			d.pos = skipSpace(d.data, d.pos+1)
		case ']':
			d.pos++
			*p = out
			return true
		default:
			return false
		}
	}
}

// other hands the next value to encoding/json, with the numbers of free-form
// members kept as the reflective path keeps them.
// It decodes into a value of its own, as delegate does: *p is zero (the fast
// decoder writes only into a zero value, each member once), so the result
// is the same.
func decodeOther[T any](d *fastDec, p *T) bool {
	raw, ok := d.raw()
	if !ok {
		return false
	}
	v := new(T)
	if decodeInto(raw, v, reflect.TypeFor[T]()) != nil {
		return false
	}
	*p = *v
	return true
}

// extra keeps an unknown member in *e, as decodeMembers does, unless its
// name differs from a known one only in case (which encoding/json would
// decode into that field) or its value is not valid JSON.
func (d *fastDec) extra(name []byte, known []string, e *Extra) bool {
	for _, k := range known {
		if len(k) == len(name) && bytes.EqualFold(name, []byte(k)) {
			return false
		}
	}
	raw, ok := d.raw()
	if !ok || !json.Valid(raw) {
		return false
	}
	keepRaw(e, string(name), raw)
	return true
}

// keepRaw keeps a member in e as it came: one the type has no field for,
// or one that arrived empty for an omitempty field.
func keepRaw(e *Extra, name string, raw []byte) {
	if *e == nil {
		*e = Extra{}
	}
	(*e)[name] = append(json.RawMessage(nil), raw...)
}

// appendString writes s as encoding/json does (HTML characters escaped).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// AppendJSONString appends s as json.Marshal encodes it, for answers that
// write JSON around the model's own encodings.
func AppendJSONString(b []byte, s string) []byte { return appendString(b, s) }

// plainByte says which bytes encoding/json writes in a string as they are:
// printable ASCII but for the quote, the backslash and the HTML characters.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range "\"\\<>&" {
		t[c] = false
	}
	return t
}()

// appendFloat writes f as encoding/json writes a float64; false for the
// values it refuses (NaN, infinities).
func appendFloat(b []byte, f float64) ([]byte, bool) {
	// Most numbers of a key are integers (a rate, a period). Below 1e15 a
	// double holds every integer exactly, and its shortest form, which
	// encoding/json writes, is the integer's digits; -0 keeps its sign.
	if f > -1e15 && f < 1e15 && f == math.Trunc(f) && (f != 0 || !math.Signbit(f)) {
		return strconv.AppendInt(b, int64(f), 10), true
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

func appendStrings(b []byte, s []string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, x)
	}
	return append(b, ']')
}

func appendFloats(b []byte, fs []float64) ([]byte, bool) {
	if fs == nil {
		return append(b, "null"...), true
	}
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendFloat(b, f); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

// appendOther writes v through encoding/json.
func appendOther(b []byte, v any) ([]byte, bool) {
	j, err := json.Marshal(v)
	if err != nil {
		return b, false
	}
	return append(b, j...), true
}

// appendExtra writes the members of e that known does not name (in key
// order), then those that omitted names (the omitempty fields left empty,
// whose members were kept as they arrived), as marshalModel does. Nested, the object is a value inside
// another that encoding/json writes, which would compact it and escape its
// HTML characters: a kept value that this would change, or that is not valid
// JSON, is left to the reflective path.
func appendExtra(b []byte, start int, e Extra, known func(string) bool, omitted []string, nested bool) ([]byte, bool) {
	if len(e) == 0 {
		return b, true
	}
	var unknown, kept []string
	for k := range e {
		switch {
		case !known(k):
			unknown = append(unknown, k)
		case slices.Contains(omitted, k):
			kept = append(kept, k)
		}
	}
	for _, group := range [2][]string{unknown, kept} {
		slices.Sort(group)
		for _, k := range group {
			raw := e[k]
			if len(raw) == 0 {
				raw = json.RawMessage("null")
			} else if nested && !compactAndEscaped(raw) {
				return b, false
			}
			if len(b) > start+1 { // the object, from its brace at start, has members
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = append(b, raw...)
		}
	}
	return b, true
}

// compactAndEscaped reports whether raw is valid JSON that encoding/json's
// compacting (with HTML escaping) leaves as it is.
func compactAndEscaped(raw []byte) bool {
	for _, c := range raw {
		switch c {
		case ' ', '\t', '\n', '\r', '<', '>', '&', 0xE2: // 0xE2 begins U+2028 and U+2029
			return false
		}
	}
	return json.Valid(raw)
}

// fastValue is a type with generated fast paths.
type fastValue[T any] interface {
	*T
	decodeFast([]byte) bool
	appendFast([]byte, bool) ([]byte, bool)
}

// isZero reports whether *v is its type's zero value: the fast decoder
// writes only into a zero value, which it can put back when it gives up.
func isZero[T any](v *T) bool { return reflect.ValueOf(v).Elem().IsZero() }

// decodeStruct reads a fast value into the zero *p; null leaves it as it
// is (its UnmarshalJSON would only drop an Extra it does not have).
func decodeStruct[T any, P fastValue[T]](d *fastDec, p P) bool {
	if d.null() {
		return true
	}
	raw, ok := d.raw()
	return ok && p.decodeFast(raw)
}

// decodePointer reads a fast value into a new *T; null sets nil.
func decodePointer[T any, P fastValue[T]](d *fastDec, p **T) bool {
	if d.null() {
		*p = nil
		return true
	}
	raw, ok := d.raw()
	if !ok {
		return false
	}
	v := new(T)
	if !P(v).decodeFast(raw) {
		return false
	}
	*p = v
	return true
}

func appendPointer[T any, P fastValue[T]](b []byte, v *T) ([]byte, bool) {
	if v == nil {
		return append(b, "null"...), true
	}
	return P(v).appendFast(b, true)
}
