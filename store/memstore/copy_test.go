package memstore

import (
	"reflect"
	"sync"
)

// deepCopy is the alternative to packing that BenchmarkCopy measures: a
// deep copy by reflection, which copies as fast but keeps the whole Go
// object, zero fields and all, in memory. Unexported fields are copied by
// value.

// copier copies a value of one type into a settable destination.
type copier func(dst, src reflect.Value)

var copiers sync.Map // reflect.Type -> copier (nil when a plain assignment is a deep copy)

// deepCopy returns a copy of *p that shares no memory with it.
func deepCopy[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := new(T)
	*c = *p
	if cp := copierOf(reflect.TypeFor[T]()); cp != nil {
		cp(reflect.ValueOf(c).Elem(), reflect.ValueOf(p).Elem())
	}
	return c
}

// copierOf returns the copier of t, or nil when assignment alone copies t
// deeply (no pointers, slices, maps or interfaces inside).
func copierOf(t reflect.Type) copier {
	if c, ok := copiers.Load(t); ok {
		return c.(copier)
	}
	// Recursive types would loop here; the model has none, and building
	// under a placeholder would hide that mistake rather than report it.
	c := buildCopier(t)
	copiers.Store(t, c)
	return c
}

func buildCopier(t reflect.Type) copier {
	switch t.Kind() {
	case reflect.Pointer:
		elem := t.Elem()
		inner := copierOf(elem)
		return func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			n := reflect.New(elem)
			n.Elem().Set(src.Elem())
			if inner != nil {
				inner(n.Elem(), src.Elem())
			}
			dst.Set(n)
		}
	case reflect.Slice:
		inner := copierOf(t.Elem())
		return func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			n := reflect.MakeSlice(t, src.Len(), src.Len())
			reflect.Copy(n, src)
			if inner != nil {
				for i := range src.Len() {
					inner(n.Index(i), src.Index(i))
				}
			}
			dst.Set(n)
		}
	case reflect.Map:
		inner := copierOf(t.Elem())
		elem := t.Elem()
		return func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			n := reflect.MakeMapWithSize(t, src.Len())
			it := src.MapRange()
			for it.Next() {
				v := it.Value()
				if inner != nil {
					c := reflect.New(elem).Elem()
					c.Set(v)
					inner(c, v)
					v = c
				}
				n.SetMapIndex(it.Key(), v)
			}
			dst.Set(n)
		}
	case reflect.Interface:
		return func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			v := src.Elem()
			if inner := copierOf(v.Type()); inner != nil {
				c := reflect.New(v.Type()).Elem()
				c.Set(v)
				inner(c, v)
				v = c
			}
			dst.Set(v)
		}
	case reflect.Array:
		inner := copierOf(t.Elem())
		if inner == nil {
			return nil
		}
		return func(dst, src reflect.Value) {
			for i := range src.Len() {
				inner(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Struct:
		type field struct {
			i  int
			cp copier
		}
		var fields []field
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if cp := copierOf(f.Type); cp != nil {
				fields = append(fields, field{i, cp})
			}
		}
		if len(fields) == 0 {
			return nil
		}
		// dst already holds a shallow copy of src: only the fields that
		// can share memory are replaced.
		return func(dst, src reflect.Value) {
			for _, f := range fields {
				f.cp(dst.Field(f.i), src.Field(f.i))
			}
		}
	}
	return nil
}
