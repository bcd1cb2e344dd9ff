package model

import (
	"math"
	"reflect"
	"testing"
)

// zeroChecker is a fast type, whose generated isZeroValue the fast decoder
// asks instead of isZero.
type zeroChecker interface{ isZeroValue() bool }

// TestIsZeroValueIsIsZero: each fast type's isZeroValue says what isZero
// (reflect's IsZero) says, on the zero value and on values that differ from
// it in one field at any depth, a float of -0 (zero) and NaN (not) included.
func TestIsZeroValueIsIsZero(t *testing.T) {
	types := []zeroChecker{&SessionState{}, &AccessDefinition{}, &APILimit{}, &RateLimitSmoothing{}, &AccessSpec{},
		&GraphqlType{}, &FieldAccessDefinition{}, &FieldLimits{}, &SessionEndpoint{}, &SessionEndpointMethod{},
		&SessionEndpointRateLimit{}, &BasicAuthData{}, &JWTData{}, &Monitor{}}
	for _, zero := range types {
		typ := reflect.TypeOf(zero).Elem()
		check := func(label string, set func(v reflect.Value)) {
			p := reflect.New(typ)
			set(p.Elem())
			want := p.Elem().IsZero()
			if got := p.Interface().(zeroChecker).isZeroValue(); got != want {
				t.Errorf("%s %s: isZeroValue %v, IsZero %v", typ.Name(), label, got, want)
			}
		}
		check("zero", func(reflect.Value) {})
		variants := 0
		var walk func(path []int, ft reflect.Type, name string)
		walk = func(path []int, ft reflect.Type, name string) {
			at := func(v reflect.Value) reflect.Value {
				for _, i := range path {
					v = v.Field(i)
				}
				return v
			}
			var values []reflect.Value
			switch ft.Kind() {
			case reflect.String:
				values = append(values, reflect.ValueOf("x").Convert(ft))
			case reflect.Bool:
				values = append(values, reflect.ValueOf(true).Convert(ft))
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				values = append(values, reflect.ValueOf(int64(1)).Convert(ft), reflect.ValueOf(int64(-1)).Convert(ft))
			case reflect.Float32, reflect.Float64:
				for _, f := range []float64{1, math.Copysign(0, -1), math.NaN(), math.Inf(1)} {
					values = append(values, reflect.ValueOf(f).Convert(ft))
				}
			case reflect.Pointer:
				values = append(values, reflect.New(ft.Elem()))
			case reflect.Map:
				values = append(values, reflect.MakeMap(ft))
			case reflect.Slice:
				values = append(values, reflect.MakeSlice(ft, 0, 0), reflect.MakeSlice(ft, 1, 1))
			case reflect.Interface:
				values = append(values, reflect.ValueOf(0))
			case reflect.Struct:
				for i := 0; i < ft.NumField(); i++ {
					if ft.Field(i).IsExported() {
						walk(append(append([]int(nil), path...), i), ft.Field(i).Type, name+"."+ft.Field(i).Name)
					}
				}
				return
			default:
				t.Fatalf("%s%s: no value of kind %s to try", typ.Name(), name, ft.Kind())
			}
			for _, val := range values {
				variants++
				check(name+"="+val.String(), func(v reflect.Value) { at(v).Set(val) })
			}
		}
		walk(nil, typ, "")
		if variants < typ.NumField() {
			t.Errorf("%s: only %d variants for %d fields", typ.Name(), variants, typ.NumField())
		}
	}
}
