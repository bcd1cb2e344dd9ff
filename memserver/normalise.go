package memserver

import (
	"encoding/json"
	"reflect"
	"strings"
)

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// fillEmpty gives every nil slice and map reachable from v (a pointer) an
// empty value. The Dashboard stores its objects with each list and map
// present, and clients (and the official description) tell [] from null:
// objects are filled once, when they are written, so reads encode them as
// they are. Raw JSON and fields that JSON skips are left alone.
func fillEmpty(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	fill(rv.Elem(), 0)
}

// maxFillDepth stops the walk on recursive types.
const maxFillDepth = 32

func fill(v reflect.Value, depth int) {
	if depth > maxFillDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fill(v.Elem(), depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			if strings.Contains(f.Tag.Get("json"), ",omitempty") && isNilish(v.Field(i)) {
				continue // an absent member stays absent
			}
			fill(v.Field(i), depth+1)
		}
	case reflect.Slice:
		if v.Type() == rawMessageType || v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeMap(v.Type()))
			}
			return
		}
		if k := v.Type().Elem().Kind(); k != reflect.Struct && k != reflect.Pointer && k != reflect.Slice && k != reflect.Map {
			return
		}
		// Map values are not addressable: fill a copy and put it back.
		iter := v.MapRange()
		for iter.Next() {
			e := reflect.New(iter.Value().Type()).Elem()
			e.Set(iter.Value())
			fill(e, depth+1)
			v.SetMapIndex(iter.Key(), e)
		}
	}
}

func isNilish(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.IsNil()
	}
	return false
}
