package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"
)

// fastTypes get, besides the reflective methods, generated fast paths for
// the common shape of their JSON (model/fastjson.go): a key and everything it
// holds, which POST /api/keys decodes and encodes on every request.
var fastTypes = map[string]bool{
	"SessionState":             true,
	"AccessDefinition":         true,
	"APILimit":                 true,
	"RateLimitSmoothing":       true,
	"AccessSpec":               true,
	"GraphqlType":              true,
	"FieldAccessDefinition":    true,
	"FieldLimits":              true,
	"SessionEndpoint":          true,
	"SessionEndpointMethod":    true,
	"SessionEndpointRateLimit": true,
	"BasicAuthData":            true,
	"JWTData":                  true,
	"Monitor":                  true,
}

// fastField is one field of a fast type, as its JSON needs it.
type fastField struct {
	goName, name string
	omitEmpty    bool
	kind         string // how it is read and written, below
	elem         string // the fast type of a struct, pointer or map field
	empty        string // the Go condition of an empty value (omitempty)
}

// Field kinds: the builtin scalars and []string, []float64 natively; fast
// types (as values, pointers and map values) through their own methods;
// anything else ("other") through encoding/json.
func classify(e ast.Expr) (kind, elem, empty string) {
	switch t := e.(type) {
	case *ast.Ident:
		switch t.Name {
		case "string":
			return "string", "", `== ""`
		case "int64", "int", "float64":
			return t.Name, "", "== 0"
		case "bool":
			return "bool", "", ""
		case "any":
			return "other", "", "== nil"
		}
		if fastTypes[t.Name] {
			return "struct", t.Name, ""
		}
		return "other", "", ""
	case *ast.StarExpr:
		if id, ok := t.X.(*ast.Ident); ok && fastTypes[id.Name] {
			return "pointer", id.Name, "== nil"
		}
		return "other", "", "== nil"
	case *ast.ArrayType:
		if t.Len != nil {
			return "other", "", ""
		}
		if id, ok := t.Elt.(*ast.Ident); ok {
			switch id.Name {
			case "string":
				return "strings", "", "len"
			case "float64":
				return "floats", "", "len"
			case "byte":
				return "other", "", "len"
			}
		}
		return "slice", "", "len"
	case *ast.MapType:
		k, kok := t.Key.(*ast.Ident)
		if v, ok := t.Value.(*ast.Ident); ok && kok && k.Name == "string" && fastTypes[v.Name] {
			return "map", v.Name, "len"
		}
		return "mapother", "", "len"
	case *ast.SelectorExpr:
		if x, ok := t.X.(*ast.Ident); ok && x.Name == "json" && t.Sel.Name == "RawMessage" {
			return "other", "", "len"
		}
	case *ast.InterfaceType:
		return "other", "", "== nil"
	}
	return "other", "", ""
}

func fastFields(typ string, st *ast.StructType) ([]fastField, error) {
	var out []fastField
	seen := map[string]bool{}
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			return nil, fmt.Errorf("fast type %s: embedded fields are not supported", typ)
		}
		tag := ""
		if f.Tag != nil {
			raw, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				return nil, err
			}
			tag = reflect.StructTag(raw).Get("json")
		}
		for _, n := range f.Names {
			if !n.IsExported() || tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if name == "" {
				name = n.Name
			}
			ff := fastField{goName: n.Name, name: name}
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "":
				case "omitempty":
					ff.omitEmpty = true
				default:
					return nil, fmt.Errorf("fast type %s.%s: option %q is not supported", typ, n.Name, o)
				}
			}
			for _, c := range name {
				if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
					return nil, fmt.Errorf("fast type %s.%s: name %q needs escaping", typ, n.Name, name)
				}
			}
			if seen[name] {
				return nil, fmt.Errorf("fast type %s: two fields named %q", typ, name)
			}
			seen[name] = true
			ff.kind, ff.elem, ff.empty = classify(f.Type)
			if ff.omitEmpty && ff.kind != "struct" && ff.kind != "bool" && ff.empty == "" {
				return nil, fmt.Errorf("fast type %s.%s: cannot tell when it is empty", typ, n.Name)
			}
			out = append(out, ff)
		}
	}
	return out, nil
}

// emptyCond is the Go condition under which encoding/json omits f.
func (f fastField) emptyCond() string {
	switch {
	case f.kind == "bool":
		return "!v." + f.goName
	case f.empty == "len":
		return "len(v." + f.goName + ") == 0"
	}
	return "v." + f.goName + " " + f.empty
}

// omittable: an omitempty field encoding/json can omit (not a struct).
func (f fastField) omittable() bool { return f.omitEmpty && f.kind != "struct" }

func writeFast(b *bytes.Buffer, t, alias string, structs map[string]*ast.StructType) error {
	fields, err := fastFields(t, structs[t])
	if err != nil {
		return err
	}
	for _, f := range fields {
		if f.kind == "map" && !mapsWritten[f.elem] {
			mapsWritten[f.elem] = true
			writeMapFuncs(b, f.elem)
		}
	}
	low := strings.ToLower(t[:1]) + t[1:]
	var names []string
	for _, f := range fields {
		names = append(names, strconv.Quote(f.name))
	}
	hint := 2
	for _, f := range fields {
		hint += len(f.name) + 16
	}
	fmt.Fprintf(b, `
type %[2]s %[1]s

// UnmarshalJSON decodes a %[1]s, keeping unknown members in Extra.
func (v *%[1]s) UnmarshalJSON(b []byte) error {
	if fastJSON && v.isZeroValue() {
		if v.decodeFast(b) {
			return nil
		}
		*v = %[1]s{}
	}
	return unmarshalModel(b, (*%[2]s)(v), &v.Extra)
}

// MarshalJSON encodes a %[1]s with the members kept in Extra.
func (v %[1]s) MarshalJSON() ([]byte, error) {
	if fastJSON {
		if b, ok := v.appendFast(make([]byte, 0, %[4]d), false); ok {
			return b, nil
		}
	}
	return v.marshalReflective()
}

// marshalReflective is MarshalJSON's reflective path, apart so that the fast
// path's copy of v stays on the stack.
func (v %[1]s) marshalReflective() ([]byte, error) {
	return marshalModel((*%[2]s)(&v), v.Extra)
}

// %[3]sNames are the members %[1]s has fields for.
var %[3]sNames = []string{%[5]s}

func %[3]sKnown(name string) bool {
	switch name {
	case %[5]s:
		return true
	}
	return false
}
`, t, alias, low, hint, strings.Join(names, ", "))

	writeIsZero(b, t, structs[t])

	// The fast decoder.
	fmt.Fprintf(b, `
// decodeFast decodes data into the zero *v, or gives up (see fastjson.go).
func (v *%[1]s) decodeFast(data []byte) bool {
	d := fastDec{data: data}
	done, ok := d.begin()
	if !ok {
		return false
	}
	var seen [%[2]d]bool
	for !done {
		name, ok := d.name()
		if !ok {
			return false
		}
		switch string(name) {
`, t, len(fields))
	for i, f := range fields {
		fmt.Fprintf(b, "case %q:\nif seen[%d] {\nreturn false\n}\nseen[%d] = true\n", f.name, i, i)
		if f.omittable() {
			b.WriteString("start := d.pos\n")
		}
		var read string
		switch f.kind {
		case "string":
			read = "d.str(&v." + f.goName + ")"
		case "int64":
			read = "d.int64(&v." + f.goName + ")"
		case "int":
			read = "d.intValue(&v." + f.goName + ")"
		case "float64":
			read = "d.float64(&v." + f.goName + ")"
		case "bool":
			read = "d.bool(&v." + f.goName + ")"
		case "strings":
			read = "d.strings(&v." + f.goName + ")"
		case "struct":
			read = "decodeStruct(&d, &v." + f.goName + ")"
		case "pointer":
			read = "decodePointer(&d, &v." + f.goName + ")"
		case "map":
			read = "decode" + f.elem + "Map(&d, &v." + f.goName + ")"
		default:
			read = "decodeOther(&d, &v." + f.goName + ")"
		}
		fmt.Fprintf(b, "if !%s {\nreturn false\n}\n", read)
		if f.omittable() {
			fmt.Fprintf(b, "if %s {\nkeepRaw(&v.Extra, %q, d.data[start:d.pos])\n}\n", f.emptyCond(), f.name)
		}
	}
	fmt.Fprintf(b, `default:
			if !d.extra(name, %[1]sNames, &v.Extra) {
				return false
			}
		}
		more, ok := d.next()
		if !ok {
			return false
		}
		done = !more
	}
	return d.end()
}
`, low)

	// The fast encoder.
	fmt.Fprintf(b, `
// appendFast appends the encoding of *v to b, or gives up (see
// fastjson.go); nested says that encoding/json writes it inside another value.
func (v *%[1]s) appendFast(b []byte, nested bool) ([]byte, bool) {
	start := len(b)
	b = append(b, '{')
	ok := true
`, t)
	// before: whether a member is written before this field: no, maybe (an
	// omitempty field came first) or yes.
	before := "no"
	for _, f := range fields {
		if f.omittable() {
			fmt.Fprintf(b, "if !(%s) {\n", f.emptyCond())
		}
		// A comma is known to be needed unless an omittable field came
		// before.
		switch before {
		case "no":
			fmt.Fprintf(b, "b = append(b, `\"%s\":`...)\n", f.name)
		case "maybe":
			fmt.Fprintf(b, "if len(b) > start+1 {\nb = append(b, ',')\n}\nb = append(b, `\"%s\":`...)\n", f.name)
		default:
			fmt.Fprintf(b, "b = append(b, `,\"%s\":`...)\n", f.name)
		}
		g := "v." + f.goName
		switch f.kind {
		case "string":
			fmt.Fprintf(b, "b = appendString(b, %s)\n", g)
		case "int64":
			fmt.Fprintf(b, "b = strconv.AppendInt(b, %s, 10)\n", g)
		case "int":
			fmt.Fprintf(b, "b = strconv.AppendInt(b, int64(%s), 10)\n", g)
		case "float64":
			fmt.Fprintf(b, "if b, ok = appendFloat(b, %s); !ok {\nreturn b, false\n}\n", g)
		case "bool":
			fmt.Fprintf(b, "b = strconv.AppendBool(b, %s)\n", g)
		case "strings":
			fmt.Fprintf(b, "b = appendStrings(b, %s)\n", g)
		case "floats":
			fmt.Fprintf(b, "if b, ok = appendFloats(b, %s); !ok {\nreturn b, false\n}\n", g)
		case "struct":
			fmt.Fprintf(b, "if b, ok = %s.appendFast(b, true); !ok {\nreturn b, false\n}\n", g)
		case "pointer":
			fmt.Fprintf(b, "if b, ok = appendPointer(b, %s); !ok {\nreturn b, false\n}\n", g)
		case "map":
			fmt.Fprintf(b, "if b, ok = append%sMap(b, %s); !ok {\nreturn b, false\n}\n", f.elem, g)
		case "slice", "mapother":
			empty := "[]"
			if f.kind == "mapother" {
				empty = "{}"
			}
			fmt.Fprintf(b, "switch {\ncase %[1]s == nil:\nb = append(b, \"null\"...)\ncase len(%[1]s) == 0:\nb = append(b, %[2]q...)\ndefault:\nif b, ok = appendOther(b, %[1]s); !ok {\nreturn b, false\n}\n}\n", g, empty)
		default:
			fmt.Fprintf(b, "if b, ok = appendOther(b, %s); !ok {\nreturn b, false\n}\n", g)
		}
		if f.omittable() {
			b.WriteString("}\n")
		}
		switch {
		case !f.omittable():
			before = "yes"
		case before == "no":
			before = "maybe"
		}
	}
	b.WriteString("if len(v.Extra) > 0 {\n")
	var omit []string
	for _, f := range fields {
		if f.omittable() {
			omit = append(omit, fmt.Sprintf("if %s {\nomitted = append(omitted, %q)\n}\n", f.emptyCond(), f.name))
		}
	}
	if len(omit) == 0 {
		b.WriteString("var omitted []string\n")
	} else {
		// The omitempty fields left empty, written from Extra when
		// kept there.
		b.WriteString("omitted := make([]string, 0, " + strconv.Itoa(len(omit)) + ")\n" + strings.Join(omit, ""))
	}
	fmt.Fprintf(b, `if b, ok = appendExtra(b, start, v.Extra, %sKnown, omitted, nested); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}
`, low)
	return nil
}

// mapsWritten are the element types whose map functions are written.
var mapsWritten = map[string]bool{}

// writeMapFuncs writes the functions of a map of fast values, per type
// rather than generic so that each element stays on the stack.
func writeMapFuncs(b *bytes.Buffer, t string) {
	fmt.Fprintf(b, `
// decode%[1]sMap reads an object of %[1]s into *p, as encoding/json
// decodes a map (a new map; null sets nil).
func decode%[1]sMap(d *fastDec, p *map[string]%[1]s) bool {
	if d.null() {
		*p = nil
		return true
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return false
	}
	d.pos = skipSpace(d.data, d.pos+1)
	m := map[string]%[1]s{}
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		*p = m
		return true
	}
	for {
		k, ok := d.name()
		if !ok {
			return false
		}
		raw, ok := d.raw()
		if !ok {
			return false
		}
		var e %[1]s
		if !e.decodeFast(raw) {
			return false
		}
		m[string(k)] = e
		more, ok := d.next()
		if !ok {
			return false
		}
		if !more {
			*p = m
			return true
		}
	}
}

// append%[1]sMap writes m as encoding/json writes a map: keys in order.
func append%[1]sMap(b []byte, m map[string]%[1]s) ([]byte, bool) {
	if m == nil {
		return append(b, "null"...), true
	}
	b = append(b, '{')
	ok := true
	if len(m) == 1 {
		for k, e := range m {
			b = appendString(b, k)
			b = append(b, ':')
			if b, ok = e.appendFast(b, true); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		e := m[k]
		if b, ok = e.appendFast(b, true); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}
`, t)
}

// writeIsZero writes the isZeroValue method of a fast type: isZero (the
// fast decoder's condition) field by field, without reflection. A field of
// a type it does not know is left to isZero.
func writeIsZero(b *bytes.Buffer, t string, st *ast.StructType) {
	var conds []string
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == "_" {
				continue // reflect's IsZero skips blank fields
			}
			conds = append(conds, zeroCond("v."+n.Name, f.Type))
		}
		if len(f.Names) == 0 {
			conds = append(conds, "isZero(&v."+typeName(f.Type)+")")
		}
	}
	if len(conds) == 0 {
		conds = []string{"true"}
	}
	fmt.Fprintf(b, `
// isZeroValue reports whether *v is the zero %[1]s, as isZero does.
func (v *%[1]s) isZeroValue() bool {
	return %[2]s
}
`, t, strings.Join(conds, " &&\n"))
}

// zeroCond is the Go condition that the field g of type e is zero, as
// reflect.Value.IsZero says (a float is zero when it equals 0, -0 too).
func zeroCond(g string, e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		switch t.Name {
		case "string":
			return g + ` == ""`
		case "bool":
			return "!" + g
		case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
			"float32", "float64", "complex64", "complex128", "byte", "rune":
			return g + " == 0"
		case "any", "Extra":
			return g + " == nil"
		}
		if fastTypes[t.Name] {
			return g + ".isZeroValue()"
		}
	case *ast.StarExpr, *ast.MapType, *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		return g + " == nil"
	case *ast.ArrayType:
		if t.Len == nil {
			return g + " == nil"
		}
	case *ast.SelectorExpr:
		if x, ok := t.X.(*ast.Ident); ok && x.Name == "json" && t.Sel.Name == "RawMessage" {
			return g + " == nil"
		}
	}
	return "isZero(&" + g + ")"
}

// typeName is the field name of an embedded type.
func typeName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return typeName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.Ident:
		return t.Name
	}
	return "_"
}
