package memserver

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/dashkit/dashkit/model"
)

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// fillEmpty gives every nil slice and map reachable from v (a pointer) an
// empty value. The Dashboard stores its objects with each list and map
// present, and clients (and the official description) tell [] from null:
// objects are filled once, when they are written, so reads encode them as
// they are. Raw JSON and fields that JSON skips are left alone, and so are
// the fields tagged omitempty: the gateway's types write those only when
// they hold something (every list of extended_paths but persist_graphql and
// rate_limit), and a real Dashboard leaves them out. Pointers stay nil: a
// null limit or date is null in the Dashboard too.
func fillEmpty(v any) {
	if s, ok := v.(*model.SessionState); ok && s != nil {
		fillSession(s) // every key written: the walk below costs more than the rest of the key's checks
		return
	}
	fillReflect(v)
}

// fillReflect is fillEmpty for any type: a walk of v with reflection.
func fillReflect(v any) {
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
		for _, f := range structPlan(v.Type()) {
			fv := v.Field(f.index)
			if f.omitEmpty && isNilish(fv) {
				continue // an absent member stays absent
			}
			fill(fv, depth+1)
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

// planField is a field of a struct that may hold something to fill.
type planField struct {
	index     int
	omitEmpty bool
}

var plans sync.Map // reflect.Type -> []planField

// structPlan lists, once per struct type, the fields fill visits: exported,
// encoded, and able to hold a nil slice or map.
func structPlan(t reflect.Type) []planField {
	if p, ok := plans.Load(t); ok {
		return p.([]planField)
	}
	var p []planField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" || !needsFill(f.Type) {
			continue
		}
		p = append(p, planField{index: i, omitEmpty: strings.Contains(tag, ",omitempty")})
	}
	plans.Store(t, p)
	return p
}

func isNilish(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// fillSession is fillReflect for a key's session, written out: it fills the
// same lists and maps (a test compares the two on every field), without
// the walk's reflection and the copy of every access right it makes.
func fillSession(s *model.SessionState) {
	if s.AccessRights == nil {
		s.AccessRights = map[string]model.AccessDefinition{}
	}
	for api, ar := range s.AccessRights {
		fillAccessDefinition(&ar)
		s.AccessRights[api] = ar
	}
	if s.OauthKeys == nil {
		s.OauthKeys = map[string]string{}
	}
	fillSlice(&s.ApplyPolicies)
	fillSlice(&s.Monitor.TriggerLimits)
	if s.MetaData == nil {
		s.MetaData = map[string]any{}
	}
	fillSlice(&s.Tags)
	fillSlice(&s.MTLSStaticCertificateBindings)
}

func fillAccessDefinition(ar *model.AccessDefinition) {
	fillSlice(&ar.Versions)
	fillSlice(&ar.AllowedURLs)
	for i := range ar.AllowedURLs {
		fillSlice(&ar.AllowedURLs[i].Methods)
	}
	fillSlice(&ar.RestrictedTypes)
	for i := range ar.RestrictedTypes {
		fillSlice(&ar.RestrictedTypes[i].Fields)
	}
	fillSlice(&ar.AllowedTypes)
	for i := range ar.AllowedTypes {
		fillSlice(&ar.AllowedTypes[i].Fields)
	}
	fillSlice(&ar.FieldAccessRights)
	fillSlice(&ar.Endpoints)
	for i := range ar.Endpoints {
		fillSlice(&ar.Endpoints[i].Methods)
	}
}

// fillSlice gives a nil slice an empty one.
func fillSlice[T any](p *[]T) {
	if *p == nil {
		*p = []T{}
	}
}
