package model

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// mirrorCodec is a way to decode and encode the mirror of SessionState
// (see methodFree) that BenchmarkSessionJSONMirror measures.
type mirrorCodec struct {
	name      string
	unmarshal func([]byte, any) error
	marshal   func(any) ([]byte, error)
}

// mirrorCodecs are encoding/json and, with GOEXPERIMENT=jsonv2, what
// jsonv2_bench_test.go adds.
var mirrorCodecs = []mirrorCodec{{"mirror-v1", json.Unmarshal, json.Marshal}}

// BenchmarkSessionJSONMirror measures other JSON packages against the
// session's generated fast paths, on the body and answer of
// BenchmarkSessionJSON:
//
//	go test -run '^$' -bench SessionJSONMirror -benchmem ./model/
//	GOEXPERIMENT=jsonv2 go test -run '^$' -bench SessionJSONMirror -benchmem ./model/
//
// Another package would call the model's own UnmarshalJSON and MarshalJSON,
// so they run on a mirror of SessionState built by reflection with the same
// members and tags and no methods: each package at its best, without the
// unknown members the model keeps. (With GOEXPERIMENT=jsonv2, encoding/json
// itself runs on the v2 implementation.)
func BenchmarkSessionJSONMirror(b *testing.B) {
	body, answer := benchSession(b)
	mirror := methodFree(reflect.TypeFor[SessionState]())
	answerJSON, err := answer.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	plainAnswer := reflect.New(mirror).Interface()
	if err := json.Unmarshal(answerJSON, plainAnswer); err != nil {
		b.Fatal(err)
	}
	b.Run("decode/fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var s SessionState
			if err := s.UnmarshalJSON(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range mirrorCodecs {
		b.Run("decode/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.unmarshal(body, reflect.New(mirror).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("encode/fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := answer.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range mirrorCodecs {
		b.Run("encode/"+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.marshal(plainAnswer); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// methodFree is t with every named type in it replaced by an unnamed one
// of the same shape (struct members with their tags, maps, slices,
// pointers, basic kinds), so that no JSON method of the model runs. Members
// that JSON does not see (unexported, or tagged "-") are left out;
// time.Time and interfaces stay as they are.
func methodFree(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Struct:
		if t == reflect.TypeFor[time.Time]() {
			return t
		}
		var fields []reflect.StructField
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fields = append(fields, reflect.StructField{Name: f.Name, Type: methodFree(f.Type), Tag: f.Tag})
		}
		return reflect.StructOf(fields)
	case reflect.Map:
		return reflect.MapOf(methodFree(t.Key()), methodFree(t.Elem()))
	case reflect.Slice:
		return reflect.SliceOf(methodFree(t.Elem()))
	case reflect.Array:
		return reflect.ArrayOf(t.Len(), methodFree(t.Elem()))
	case reflect.Pointer:
		return reflect.PointerTo(methodFree(t.Elem()))
	case reflect.Interface:
		return t
	}
	return basicKinds[t.Kind()]
}

var basicKinds = map[reflect.Kind]reflect.Type{
	reflect.Bool: reflect.TypeFor[bool](), reflect.String: reflect.TypeFor[string](),
	reflect.Int: reflect.TypeFor[int](), reflect.Int8: reflect.TypeFor[int8](), reflect.Int16: reflect.TypeFor[int16](),
	reflect.Int32: reflect.TypeFor[int32](), reflect.Int64: reflect.TypeFor[int64](),
	reflect.Uint: reflect.TypeFor[uint](), reflect.Uint8: reflect.TypeFor[uint8](), reflect.Uint16: reflect.TypeFor[uint16](),
	reflect.Uint32: reflect.TypeFor[uint32](), reflect.Uint64: reflect.TypeFor[uint64](),
	reflect.Float32: reflect.TypeFor[float32](), reflect.Float64: reflect.TypeFor[float64](),
}
