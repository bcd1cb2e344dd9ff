package memstore

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"sync"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The store keeps each object as bytes in a compact binary form, and
// decodes a fresh object on every read. This is both the copy that keeps
// stored objects out of callers' reach and a way to hold a million keys in
// little memory: a session is a struct of some forty fields, most of them
// zero, that takes about 1.3 KB as Go values and a fifth of that encoded.
// JSON would copy as well but is several times slower to decode and would
// turn a Go caller's float64 in a metadata map into a json.Number.
//
// The encoding is positional, driven by the Go type: a struct is its
// exported fields in order (the same type writes and reads it, so no names
// are needed); integers are varints; a string or a byte slice is its length
// and bytes; a slice or a map is 0 when nil, else its length plus one and its
// elements; a pointer is 0 when nil, else 1 and its value; a struct is 0
// when all zero, else 1 and its fields; a time.Time is its MarshalBinary
// form; an interface value carries a tag of its dynamic type.
// Codecs are built once per type by reflection, except for the two types
// stored most often: model.AuditLog (auditcodec.go) and store.Key, whose
// codec is generated from its type (keycodec_gen.go), both writing the
// reflective codec's very bytes.

//go:generate go run ./internal/gencodec

type codec struct {
	enc func(e *encoder, v reflect.Value)
	dec func(d *decoder, v reflect.Value)
}

var codecs sync.Map // reflect.Type -> *codec

// packFor encodes *obj. It never fails for the model's types: a type the
// codec cannot walk (unexported fields) panics when its codec is built,
// which the conformance tests reach for every collection.
func pack[T any](obj *T) []byte {
	e := packBufs.Get().(*encoder)
	e.buf = e.buf[:0]
	switch o := any(obj).(type) {
	case *model.AuditLog:
		packAuditLog(e, o)
	case *store.Key:
		packKey(e, o)
	default:
		codecOf(reflect.TypeFor[T]()).enc(e, reflect.ValueOf(obj).Elem())
	}
	// Keep exactly the bytes used: stored objects live long.
	b := append([]byte(nil), e.buf...)
	if cap(e.buf) <= maxPackBuf {
		packBufs.Put(e)
	}
	return b
}

// packBufs are the scratch buffers of pack, which copies its result out: a
// buffer grown to an object's size serves the next object without growing
// again. Buffers grown past maxPackBuf (a large API definition) are left to
// the collector.
var packBufs = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 1024)} }}

const maxPackBuf = 64 << 10

// unpack decodes an object pack wrote.
func unpack[T any](data []byte) *T {
	obj := new(T)
	// One string holds every string of the object: decoding them is then
	// slicing, not an allocation each.
	d := decoder{data: data, str: string(data)}
	switch o := any(obj).(type) {
	case *model.AuditLog:
		unpackAuditLog(&d, o)
	case *store.Key:
		unpackKey(&d, o)
	default:
		codecOf(reflect.TypeFor[T]()).dec(&d, reflect.ValueOf(obj).Elem())
	}
	if d.pos != len(d.data) {
		panic(fmt.Sprintf("memstore: decoding %T left %d of %d bytes", obj, len(d.data)-d.pos, len(d.data)))
	}
	return obj
}

type encoder struct{ buf []byte }

func (e *encoder) uint(u uint64) { e.buf = binary.AppendUvarint(e.buf, u) }
func (e *encoder) int(i int64)   { e.buf = binary.AppendVarint(e.buf, i) }
func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.buf = append(e.buf, b...)
}
func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// float writes the bits byte-reversed, so that the common round numbers,
// whose low mantissa bytes are zero, take one or two bytes.
func (e *encoder) float(f float64) { e.uint(bits.ReverseBytes64(math.Float64bits(f))) }

type decoder struct {
	data []byte
	str  string // data as a string, which the decoded strings share
	pos  int
}

func (d *decoder) string() string {
	n := int(d.uint())
	s := d.str[d.pos : d.pos+n]
	d.pos += n
	return s
}

// The data was written by this package: a malformed byte is a bug, and
// panics rather than returning a half-read object.
func (d *decoder) uint() uint64 {
	u, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 {
		panic("memstore: corrupt stored object")
	}
	d.pos += n
	return u
}

func (d *decoder) int() int64 {
	i, n := binary.Varint(d.data[d.pos:])
	if n <= 0 {
		panic("memstore: corrupt stored object")
	}
	d.pos += n
	return i
}

func (d *decoder) raw() []byte {
	n := int(d.uint())
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b
}

func (d *decoder) float() float64 { return math.Float64frombits(bits.ReverseBytes64(d.uint())) }

func codecOf(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	// Recursive types (none in the model) would need a placeholder here;
	// building would not terminate, which a test would show at once.
	c := buildCodec(t)
	actual, _ := codecs.LoadOrStore(t, c)
	return actual.(*codec)
}

func hasUnexported(t reflect.Type) bool {
	for i := range t.NumField() {
		if !t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

// opaqueCodec stores a struct whose fields it cannot all reach (time.Time,
// model.Duration) through the struct's own binary or JSON form.
func opaqueCodec(t reflect.Type) *codec {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(reflect.TypeFor[encoding.BinaryUnmarshaler]()) && t.Implements(reflect.TypeFor[encoding.BinaryMarshaler]()):
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				b, err := v.Interface().(encoding.BinaryMarshaler).MarshalBinary()
				if err != nil {
					// time.Time fails only for a zone offset of a fraction of a
					// minute; the instant is kept, in UTC.
					if tm, ok := v.Interface().(time.Time); ok {
						b, err = tm.UTC().MarshalBinary()
					}
					if err != nil {
						panic(fmt.Sprintf("memstore: cannot store %s: %v", t, err))
					}
				}
				e.bytes(b)
			},
			dec: func(d *decoder, v reflect.Value) {
				if err := v.Addr().Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(d.raw()); err != nil {
					panic(fmt.Sprintf("memstore: corrupt stored %s: %v", t, err))
				}
			},
		}
	case pt.Implements(reflect.TypeFor[json.Unmarshaler]()) && (t.Implements(reflect.TypeFor[json.Marshaler]()) || pt.Implements(reflect.TypeFor[json.Marshaler]())):
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if !v.CanAddr() { // a map's value, say: marshal a copy
					c := reflect.New(t).Elem()
					c.Set(v)
					v = c
				}
				b, err := json.Marshal(v.Addr().Interface())
				if err != nil {
					panic(fmt.Sprintf("memstore: cannot store %s: %v", t, err))
				}
				e.bytes(b)
			},
			dec: func(d *decoder, v reflect.Value) {
				if err := json.Unmarshal(d.raw(), v.Addr().Interface()); err != nil {
					panic(fmt.Sprintf("memstore: corrupt stored %s: %v", t, err))
				}
			},
		}
	}
	panic(fmt.Sprintf("memstore: cannot store %s: it has unexported fields and no binary or JSON form", t))
}

func buildCodec(t reflect.Type) *codec {
	if t.Kind() == reflect.Struct && hasUnexported(t) {
		return opaqueCodec(t)
	}
	switch t.Kind() {
	case reflect.Bool:
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if v.Bool() {
					e.buf = append(e.buf, 1)
				} else {
					e.buf = append(e.buf, 0)
				}
			},
			dec: func(d *decoder, v reflect.Value) { v.SetBool(d.data[d.pos] == 1); d.pos++ },
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &codec{
			enc: func(e *encoder, v reflect.Value) { e.int(v.Int()) },
			dec: func(d *decoder, v reflect.Value) { v.SetInt(d.int()) },
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return &codec{
			enc: func(e *encoder, v reflect.Value) { e.uint(v.Uint()) },
			dec: func(d *decoder, v reflect.Value) { v.SetUint(d.uint()) },
		}
	case reflect.Float32, reflect.Float64:
		return &codec{
			enc: func(e *encoder, v reflect.Value) { e.float(v.Float()) },
			dec: func(d *decoder, v reflect.Value) { v.SetFloat(d.float()) },
		}
	case reflect.String:
		return &codec{
			enc: func(e *encoder, v reflect.Value) { e.string(v.String()) },
			dec: func(d *decoder, v reflect.Value) { v.SetString(d.string()) },
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return &codec{
				enc: func(e *encoder, v reflect.Value) {
					if v.IsNil() {
						e.uint(0)
						return
					}
					e.uint(uint64(v.Len()) + 1)
					e.buf = append(e.buf, v.Bytes()...)
				},
				dec: func(d *decoder, v reflect.Value) {
					n := d.uint()
					if n == 0 {
						return
					}
					b := make([]byte, n-1)
					d.pos += copy(b, d.data[d.pos:])
					v.Set(reflect.ValueOf(b).Convert(t))
				},
			}
		}
		elem := codecOf(t.Elem())
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if v.IsNil() {
					e.uint(0)
					return
				}
				e.uint(uint64(v.Len()) + 1)
				for i := range v.Len() {
					elem.enc(e, v.Index(i))
				}
			},
			dec: func(d *decoder, v reflect.Value) {
				n := d.uint()
				if n == 0 {
					return
				}
				s := reflect.MakeSlice(t, int(n-1), int(n-1))
				for i := range int(n - 1) {
					elem.dec(d, s.Index(i))
				}
				v.Set(s)
			},
		}
	case reflect.Array:
		elem := codecOf(t.Elem())
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				for i := range v.Len() {
					elem.enc(e, v.Index(i))
				}
			},
			dec: func(d *decoder, v reflect.Value) {
				for i := range v.Len() {
					elem.dec(d, v.Index(i))
				}
			},
		}
	case reflect.Map:
		key, elem := codecOf(t.Key()), codecOf(t.Elem())
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if v.IsNil() {
					e.uint(0)
					return
				}
				e.uint(uint64(v.Len()) + 1)
				it := v.MapRange()
				for it.Next() {
					key.enc(e, it.Key())
					elem.enc(e, it.Value())
				}
			},
			dec: func(d *decoder, v reflect.Value) {
				n := d.uint()
				if n == 0 {
					return
				}
				m := reflect.MakeMapWithSize(t, int(n-1))
				k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
				for range n - 1 {
					k.SetZero()
					x.SetZero()
					key.dec(d, k)
					elem.dec(d, x)
					m.SetMapIndex(k, x)
				}
				v.Set(m)
			},
		}
	case reflect.Pointer:
		elem := codecOf(t.Elem())
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if v.IsNil() {
					e.uint(0)
					return
				}
				e.uint(1)
				elem.enc(e, v.Elem())
			},
			dec: func(d *decoder, v reflect.Value) {
				if d.uint() == 0 {
					return
				}
				p := reflect.New(t.Elem())
				elem.dec(d, p.Elem())
				v.Set(p)
			},
		}
	case reflect.Interface:
		return &codec{enc: encodeDynamic, dec: decodeDynamic}
	case reflect.Struct:
		type field struct {
			i int
			c *codec
		}
		var fields []field
		for i := range t.NumField() {
			f := t.Field(i)
			fields = append(fields, field{i, codecOf(f.Type)})
		}
		// A struct that is all zero (most of an API definition's nested
		// settings) is one byte, and decoding skips it: the value decoded
		// into is always zero to begin with.
		return &codec{
			enc: func(e *encoder, v reflect.Value) {
				if v.IsZero() {
					e.buf = append(e.buf, 0)
					return
				}
				e.buf = append(e.buf, 1)
				for _, f := range fields {
					f.c.enc(e, v.Field(f.i))
				}
			},
			dec: func(d *decoder, v reflect.Value) {
				d.pos++
				if d.data[d.pos-1] == 0 {
					return
				}
				for _, f := range fields {
					f.c.dec(d, v.Field(f.i))
				}
			},
		}
	}
	panic(fmt.Sprintf("memstore: cannot store values of type %s", t))
}

// Tags of the dynamic types an interface value (a free-form metadata map)
// holds: those JSON decoding makes, and the Go types callers commonly put
// there. Anything else is kept as its JSON, and reads back as JSON decoding
// would make it.
const (
	tagNil byte = iota
	tagString
	tagFloat64
	tagBool
	tagNumber
	tagMap
	tagSlice
	tagInt
	tagInt64
	tagJSON
	tagStringMap
	tagStrings
)

func encodeDynamic(e *encoder, v reflect.Value) {
	if v.IsNil() {
		e.buf = append(e.buf, tagNil)
		return
	}
	switch x := v.Elem().Interface().(type) {
	case string:
		e.buf = append(e.buf, tagString)
		e.string(x)
	case float64:
		e.buf = append(e.buf, tagFloat64)
		e.float(x)
	case bool:
		e.buf = append(e.buf, tagBool)
		codecOf(reflect.TypeFor[bool]()).enc(e, v.Elem())
	case json.Number:
		e.buf = append(e.buf, tagNumber)
		e.string(string(x))
	case map[string]any:
		e.buf = append(e.buf, tagMap)
		codecOf(reflect.TypeFor[map[string]any]()).enc(e, v.Elem())
	case []any:
		e.buf = append(e.buf, tagSlice)
		codecOf(reflect.TypeFor[[]any]()).enc(e, v.Elem())
	case int:
		e.buf = append(e.buf, tagInt)
		e.int(int64(x))
	case int64:
		e.buf = append(e.buf, tagInt64)
		e.int(x)
	case map[string]string:
		e.buf = append(e.buf, tagStringMap)
		codecOf(reflect.TypeFor[map[string]string]()).enc(e, v.Elem())
	case []string:
		e.buf = append(e.buf, tagStrings)
		codecOf(reflect.TypeFor[[]string]()).enc(e, v.Elem())
	default:
		b, err := json.Marshal(x)
		if err != nil {
			b = []byte("null")
		}
		e.buf = append(e.buf, tagJSON)
		e.bytes(b)
	}
}

func decodeDynamic(d *decoder, v reflect.Value) {
	tag := d.data[d.pos]
	d.pos++
	var x any
	switch tag {
	case tagNil:
		return
	case tagString:
		x = d.string()
	case tagFloat64:
		x = d.float()
	case tagBool:
		x = d.data[d.pos] == 1
		d.pos++
	case tagNumber:
		x = json.Number(d.string())
	case tagInt:
		x = int(d.int())
	case tagInt64:
		x = d.int()
	case tagJSON:
		if err := json.Unmarshal(d.raw(), &x); err != nil {
			panic("memstore: corrupt stored JSON value: " + err.Error())
		}
	default:
		var t reflect.Type
		switch tag {
		case tagMap:
			t = reflect.TypeFor[map[string]any]()
		case tagSlice:
			t = reflect.TypeFor[[]any]()
		case tagStringMap:
			t = reflect.TypeFor[map[string]string]()
		case tagStrings:
			t = reflect.TypeFor[[]string]()
		default:
			panic(fmt.Sprintf("memstore: corrupt stored value: tag %d", tag))
		}
		c := reflect.New(t).Elem()
		codecOf(t).dec(d, c)
		x = c.Interface()
	}
	if x != nil {
		v.Set(reflect.ValueOf(x))
	}
}
