package model

//go:generate go run ./internal/genextra

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Extra holds the members of a JSON object that its Go type has no field for,
// each as the raw JSON it arrived as. It is written back, after the known
// members and in key order, when the object is encoded. Every struct of this
// package has one, as its field Extra; a member set in Extra under the name
// of a field is ignored, the field wins.
//
// One kind of known member is kept in Extra too: a member whose field is
// written only when not empty (",omitempty", as in the gateway's own types)
// and that arrived empty ("is_oas": false, "ignored": []). The field alone
// would drop it; kept, it is written back as it came for as long as the
// field stays empty. A field set to a value is written instead.
type Extra map[string]json.RawMessage

// knownNames caches, per struct type, the JSON member names its fields
// decode (including the fields of embedded structs).
var knownNames sync.Map // reflect.Type -> map[string]struct{}

func jsonNames(t reflect.Type) map[string]struct{} {
	if v, ok := knownNames.Load(t); ok {
		return v.(map[string]struct{})
	}
	names := map[string]struct{}{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for n := range jsonNames(ft) {
					names[n] = struct{}{}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names[name] = struct{}{}
	}
	v, _ := knownNames.LoadOrStore(t, names)
	return v.(map[string]struct{})
}

// unmarshalWithExtra decodes data into v (a pointer to a method-less alias of
// the model type, so that json does not recurse into UnmarshalJSON) and keeps
// the members v has no field for in *extra.
//
// Two details keep a round trip exact. Numbers in free-form members (any,
// map[string]any) decode as json.Number, so that 9007199254740993 keeps every
// digit. And since encoding/json matches member names case-insensitively, an
// unknown member that differs from a field's name only in case ("Name"
// beside "name") would overwrite that field: when one is present only the
// exactly named members are decoded into v.
func unmarshalWithExtra(data []byte, v any, extra *Extra) error {
	_, err := decodeMembers(data, v, extra)
	return err
}

// decodeMembers is unmarshalWithExtra returning the members of the object
// as scanned (nil when data is not an object).
func decodeMembers(data []byte, v any, extra *Extra) ([]objectMember, error) {
	*extra = nil
	t := reflect.TypeOf(v).Elem()
	members, ok := scanMembers(data)
	if !ok {
		// Not an object (null, or a type error that decoding reports
		// against the model type) or not valid JSON.
		return nil, decodeInto(data, v, t)
	}
	known := jsonNames(t)
	folded := false
	for _, m := range members {
		if _, ok := known[m.name]; ok {
			continue
		}
		if *extra == nil {
			*extra = Extra{}
		}
		(*extra)[m.name] = append(json.RawMessage(nil), m.value...)
		if !folded {
			for name := range known {
				if strings.EqualFold(m.name, name) {
					folded = true
					break
				}
			}
		}
	}
	if folded {
		if !json.Valid(data) {
			return nil, decodeInto(data, v, t) // reports the syntax error
		}
		var b bytes.Buffer
		b.WriteByte('{')
		for _, m := range members {
			if _, ok := known[m.name]; !ok {
				continue
			}
			if b.Len() > 1 {
				b.WriteByte(',')
			}
			b.Write(m.rawName)
			b.WriteByte(':')
			b.Write(m.value)
		}
		b.WriteByte('}')
		data = b.Bytes()
	}
	return members, decodeInto(data, v, t)
}

// decodeInto decodes data into v, whose element type is t. Only types with
// interface values inside need the slower decoder that keeps numbers as
// json.Number.
func decodeInto(data []byte, v any, t reflect.Type) error {
	if !holdsInterface(t) {
		return json.Unmarshal(data, v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("invalid character after top-level value")
	}
	return nil
}

var interfaceHolders sync.Map // reflect.Type -> bool

// holdsInterface reports whether decoding into t can store a number in an
// interface value: t has an interface (any, map[string]any...) somewhere
// that encoding/json reaches without calling a type's own UnmarshalJSON.
func holdsInterface(t reflect.Type) bool {
	if v, ok := interfaceHolders.Load(t); ok {
		return v.(bool)
	}
	found := holdsInterfaceWalk(t, map[reflect.Type]bool{})
	interfaceHolders.Store(t, found)
	return found
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func holdsInterfaceWalk(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if t.Kind() != reflect.Interface && reflect.PointerTo(t).Implements(unmarshalerType) {
		// Decoded by its own method, which keeps numbers itself.
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return holdsInterfaceWalk(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if (f.IsExported() || f.Anonymous) && f.Tag.Get("json") != "-" && holdsInterfaceWalk(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// objectMember is one member of a JSON object as scanMembers finds it.
type objectMember struct {
	name    string // the unescaped name
	rawName []byte // the name as written, quotes included
	value   []byte // the value as written
}

// scanMembers splits a JSON object into its members without decoding the
// values. ok is false when data is not an object or not valid JSON, which
// the caller leaves to encoding/json to report.
func scanMembers(data []byte) (members []objectMember, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil, skipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		end, escaped := skipString(data, i)
		if end < 0 {
			return nil, false
		}
		rawName := data[i:end]
		name := string(rawName[1 : len(rawName)-1])
		// Decode the name as encoding/json does: escapes resolved, invalid
		// UTF-8 replaced by U+FFFD.
		if escaped || !utf8.Valid(rawName) {
			if json.Unmarshal(rawName, &name) != nil {
				return nil, false
			}
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		vend := skipValue(data, i)
		if vend < 0 {
			return nil, false
		}
		members = append(members, objectMember{name: name, rawName: rawName, value: data[i:vend]})
		i = skipSpace(data, vend)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return members, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string starting at data[i] (a
// quote), and whether it holds escapes; -1 when it does not end.
func skipString(data []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, false
}

// skipValue returns the index after the JSON value starting at data[i], or
// -1. It checks only the structure it needs: brackets and strings; the
// decoder that follows validates the rest.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		end, _ := skipString(data, i)
		return end
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, _ := skipString(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			if j == i {
				return -1
			}
			return j
		}
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// marshalWithExtra encodes v (a method-less alias of the model type) and
// appends the members of extra that v does not write itself.
func marshalWithExtra(v any, extra Extra) ([]byte, error) {
	out, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return out, err
	}
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	known := jsonNames(t)
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, ok := known[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	return appendMembers(out, keys, extra), nil
}

// appendMembers adds the members keys names, from values and in sorted
// order, to out, a JSON object (an empty value is written as null).
func appendMembers(out []byte, keys []string, values map[string]json.RawMessage) []byte {
	sort.Strings(keys)
	// out is a JSON object: drop its closing brace and append the members.
	buf := bytes.NewBuffer(make([]byte, 0, len(out)+64*len(keys)))
	buf.Write(out[:len(out)-1])
	empty := len(out) == 2
	for _, k := range keys {
		if !empty {
			buf.WriteByte(',')
		}
		empty = false
		name, _ := json.Marshal(k)
		buf.Write(name)
		buf.WriteByte(':')
		raw := values[k]
		if len(raw) == 0 {
			raw = json.RawMessage("null")
		}
		buf.Write(raw)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// Clone returns a deep copy of e.
func (e Extra) Clone() Extra {
	if e == nil {
		return nil
	}
	c := make(Extra, len(e))
	for k, v := range e {
		c[k] = append(json.RawMessage(nil), v...)
	}
	return c
}

// unmarshalModel is unmarshalWithExtra for the data types of this package:
// it also keeps, in *extra, the members that arrived empty whose field is
// omitted when empty, so that marshalModel writes them back.
func unmarshalModel(data []byte, v any, extra *Extra) error {
	members, err := decodeMembers(data, v, extra)
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(v).Elem()
	omit := omitEmptyFields(rv.Type())
	if len(omit) == 0 {
		return nil
	}
	for _, m := range members {
		i, ok := omit[m.name]
		if !ok || !isEmptyValue(rv.Field(i)) {
			continue
		}
		keepRaw(extra, m.name, m.value)
	}
	return nil
}

// marshalModel is marshalWithExtra for the data types of this package: a
// member kept in extra under the name of an omitempty field is written when
// that field is empty (and so not written by encoding/json).
func marshalModel(v any, extra Extra) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	omit := omitEmptyFields(rv.Type())
	if len(omit) == 0 || len(extra) == 0 {
		return marshalWithExtra(v, extra)
	}
	var kept map[string]json.RawMessage
	for k, raw := range extra {
		if i, ok := omit[k]; ok && isEmptyValue(rv.Field(i)) {
			if kept == nil {
				kept = map[string]json.RawMessage{}
			}
			kept[k] = raw
		}
	}
	out, err := marshalWithExtra(v, extra)
	if err != nil || len(kept) == 0 {
		return out, err
	}
	keys := make([]string, 0, len(kept))
	for k := range kept {
		keys = append(keys, k)
	}
	return appendMembers(out, keys, kept), nil
}

var omitEmptyCache sync.Map // reflect.Type -> map[string]int

// omitEmptyFields maps the JSON name of each direct field of struct type t
// tagged ",omitempty" that encoding/json can omit (not a struct) to the
// field's index.
func omitEmptyFields(t reflect.Type) map[string]int {
	if v, ok := omitEmptyCache.Load(t); ok {
		return v.(map[string]int)
	}
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if !hasOption(opts, "omitempty") || f.Type.Kind() == reflect.Struct {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = i
	}
	v, _ := omitEmptyCache.LoadOrStore(t, fields)
	return v.(map[string]int)
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// isEmptyValue is encoding/json's rule for omitempty: false, 0, "", and nil
// or empty pointers, interfaces, slices, maps and arrays.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
