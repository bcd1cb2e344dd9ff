package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Extra holds the members of a JSON object that its Go type has no field for,
// each as the raw JSON it arrived as. It is written back, after the known
// members and in key order, when the object is encoded.
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
	*extra = nil
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		// Report the error against the model type, which says more.
		if err2 := decodeKeepingNumbers(data, v); err2 != nil {
			return err2
		}
		return err
	}
	known := jsonNames(reflect.TypeOf(v).Elem())
	folded := false
	for k, raw := range members {
		if _, ok := known[k]; ok {
			continue
		}
		if *extra == nil {
			*extra = Extra{}
		}
		(*extra)[k] = raw
		if !folded {
			for name := range known {
				if strings.EqualFold(k, name) {
					folded = true
					break
				}
			}
		}
	}
	if folded {
		exact := make(map[string]json.RawMessage, len(members))
		for k, raw := range members {
			if _, ok := known[k]; ok {
				exact[k] = raw
			}
		}
		var err error
		if data, err = json.Marshal(exact); err != nil {
			return err
		}
	}
	return decodeKeepingNumbers(data, v)
}

// decodeKeepingNumbers is json.Unmarshal with numbers in interface values
// decoded as json.Number.
func decodeKeepingNumbers(data []byte, v any) error {
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
		raw := extra[k]
		if len(raw) == 0 {
			raw = json.RawMessage("null")
		}
		buf.Write(raw)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
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
