package memstore

import (
	"encoding/json"
	"fmt"
)

// packAny and unpackAny are encodeDynamic and decodeDynamic (codec.go)
// without reflection, tag for tag, for the generated codec's dynamic values
// (keycodec_gen.go has the containers' codecs they call). The reflective
// pair stays the reference the generated codec is tested against.

func packAny(e *encoder, v any) {
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, tagNil)
	case string:
		e.buf = append(e.buf, tagString)
		e.string(x)
	case float64:
		e.buf = append(e.buf, tagFloat64)
		e.float(x)
	case bool:
		e.buf = append(e.buf, tagBool)
		if x {
			e.buf = append(e.buf, 1)
		} else {
			e.buf = append(e.buf, 0)
		}
	case json.Number:
		e.buf = append(e.buf, tagNumber)
		e.string(string(x))
	case map[string]any:
		e.buf = append(e.buf, tagMap)
		packMapOfStringToAny(e, x)
	case []any:
		e.buf = append(e.buf, tagSlice)
		packSliceOfAny(e, x)
	case int:
		e.buf = append(e.buf, tagInt)
		e.int(int64(x))
	case int64:
		e.buf = append(e.buf, tagInt64)
		e.int(x)
	case map[string]string:
		e.buf = append(e.buf, tagStringMap)
		packMapOfStringToString(e, x)
	case []string:
		e.buf = append(e.buf, tagStrings)
		packSliceOfString(e, x)
	default:
		b, err := json.Marshal(x)
		if err != nil {
			b = []byte("null")
		}
		e.buf = append(e.buf, tagJSON)
		e.bytes(b)
	}
}

func unpackAny(d *decoder) any {
	tag := d.data[d.pos]
	d.pos++
	switch tag {
	case tagNil:
		return nil
	case tagString:
		return d.string()
	case tagFloat64:
		return d.float()
	case tagBool:
		x := d.data[d.pos] == 1
		d.pos++
		return x
	case tagNumber:
		return json.Number(d.string())
	case tagInt:
		return int(d.int())
	case tagInt64:
		return d.int()
	case tagJSON:
		var x any
		if err := json.Unmarshal(d.raw(), &x); err != nil {
			panic("memstore: corrupt stored JSON value: " + err.Error())
		}
		return x
	case tagMap:
		var x map[string]any
		unpackMapOfStringToAny(d, &x)
		return x
	case tagSlice:
		var x []any
		unpackSliceOfAny(d, &x)
		return x
	case tagStringMap:
		var x map[string]string
		unpackMapOfStringToString(d, &x)
		return x
	case tagStrings:
		var x []string
		unpackSliceOfString(d, &x)
		return x
	}
	panic(fmt.Sprintf("memstore: corrupt stored value: tag %d", tag))
}
