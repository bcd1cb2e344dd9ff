package memserver

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
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

// fillable caches, per type, whether a value of it can hold a nil slice or
// map to fill: most fields are scalars, and skipping them keeps the walk
// short.
var fillable sync.Map // reflect.Type -> bool

func needsFill(t reflect.Type) bool {
	if v, ok := fillable.Load(t); ok {
		return v.(bool)
	}
	fillable.Store(t, true) // provisional, for recursive types
	need := false
	switch t.Kind() {
	case reflect.Slice:
		need = t != rawMessageType && t.Elem().Kind() != reflect.Uint8
	case reflect.Map:
		need = true
	case reflect.Pointer, reflect.Array:
		need = needsFill(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField() && !need; i++ {
			f := t.Field(i)
			need = f.IsExported() && f.Tag.Get("json") != "-" && needsFill(f.Type)
		}
	}
	fillable.Store(t, need)
	return need
}

func fill(v reflect.Value, depth int) {
	if depth > maxFillDepth || !needsFill(v.Type()) {
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
