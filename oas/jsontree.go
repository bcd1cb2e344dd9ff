package oas

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON reader and writer below exist for speed and fidelity: documents
// of many megabytes are read into the tree in one pass with no reflection,
// objects keep their member order, and numbers keep their spelling.

// SyntaxError reports malformed input with the byte offset where reading
// stopped.
type SyntaxError struct {
	Offset int
	Msg    string
}

// Error gives the offset and what was wrong there.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 10000

type jsonReader struct {
	data  []byte
	pos   int
	depth int
	// members and values are stacks shared by every object and array being
	// read, so that each container is allocated once, at its final size.
	members []Member
	values  []any
	// names interns member names: documents repeat a few hundred names
	// ("type", "description", "schema") hundreds of thousands of times.
	names map[string]string
}

// maxInterned bounds the names kept, so that a document of random names
// costs no more than one without interning.
const maxInterned = 4096

// key reads a member name, sharing one string per distinct name.
func (r *jsonReader) key() (string, error) {
	d := r.data
	start := r.pos + 1
	for i := start; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			if s, ok := r.names[string(d[start:i])]; ok {
				r.pos = i + 1
				return s, nil
			}
			break
		}
		if c == '\\' || c < 0x20 || c >= 0x80 || i-start > 64 {
			break
		}
	}
	s, err := r.str()
	if err != nil || len(s) > 64 {
		return s, err
	}
	if r.names == nil {
		r.names = make(map[string]string, 256)
	}
	if len(r.names) < maxInterned {
		r.names[s] = s
	}
	return s, nil
}

func parseJSON(data []byte) (any, error) {
	r := &jsonReader{data: data}
	r.skipSpace()
	v, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	if r.pos != len(r.data) {
		return nil, r.errorf("unexpected %q after the top-level value", r.data[r.pos])
	}
	return v, nil
}

func (r *jsonReader) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: r.pos, Msg: fmt.Sprintf(format, args...)}
}

func (r *jsonReader) skipSpace() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *jsonReader) value() (any, error) {
	if r.pos >= len(r.data) {
		return nil, r.errorf("unexpected end of input")
	}
	switch c := r.data[r.pos]; c {
	case '{':
		return r.object()
	case '[':
		return r.array()
	case '"':
		return r.str()
	case 't':
		return true, r.literal("true")
	case 'f':
		return false, r.literal("false")
	case 'n':
		return nil, r.literal("null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return r.number()
		}
		return nil, r.errorf("unexpected %q", c)
	}
}

func (r *jsonReader) literal(word string) error {
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		return r.errorf("invalid literal, expected %s", word)
	}
	r.pos += len(word)
	return nil
}

func (r *jsonReader) object() (any, error) {
	r.depth++
	if r.depth > maxDepth {
		return nil, r.errorf("nesting deeper than %d", maxDepth)
	}
	r.pos++ // {
	base := len(r.members)
	r.skipSpace()
	if r.pos < len(r.data) && r.data[r.pos] == '}' {
		r.pos++
		r.depth--
		return &Object{}, nil
	}
	for {
		r.skipSpace()
		if r.pos >= len(r.data) || r.data[r.pos] != '"' {
			return nil, r.errorf("expected a member name")
		}
		key, err := r.key()
		if err != nil {
			return nil, err
		}
		r.skipSpace()
		if r.pos >= len(r.data) || r.data[r.pos] != ':' {
			return nil, r.errorf("expected ':' after member name")
		}
		r.pos++
		r.skipSpace()
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		r.members = append(r.members, Member{Key: key, Value: v})
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.errorf("unexpected end of input in object")
		}
		if r.data[r.pos] == ',' {
			r.pos++
			continue
		}
		if r.data[r.pos] == '}' {
			r.pos++
			break
		}
		return nil, r.errorf("expected ',' or '}' in object")
	}
	ms := make([]Member, len(r.members)-base)
	copy(ms, r.members[base:])
	clear(r.members[base:])
	r.members = r.members[:base]
	r.depth--
	return newObjectOwned(ms), nil
}

func (r *jsonReader) array() (any, error) {
	r.depth++
	if r.depth > maxDepth {
		return nil, r.errorf("nesting deeper than %d", maxDepth)
	}
	r.pos++ // [
	base := len(r.values)
	r.skipSpace()
	if r.pos < len(r.data) && r.data[r.pos] == ']' {
		r.pos++
		r.depth--
		return []any{}, nil
	}
	for {
		r.skipSpace()
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		r.values = append(r.values, v)
		r.skipSpace()
		if r.pos >= len(r.data) {
			return nil, r.errorf("unexpected end of input in array")
		}
		if r.data[r.pos] == ',' {
			r.pos++
			continue
		}
		if r.data[r.pos] == ']' {
			r.pos++
			break
		}
		return nil, r.errorf("expected ',' or ']' in array")
	}
	vs := make([]any, len(r.values)-base)
	copy(vs, r.values[base:])
	clear(r.values[base:])
	r.values = r.values[:base]
	r.depth--
	return vs, nil
}

func (r *jsonReader) number() (any, error) {
	start := r.pos
	d := r.data
	i := r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		r.pos = i
		return nil, r.errorf("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			r.pos = i
			return nil, r.errorf("invalid number: digit expected after '.'")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			r.pos = i
			return nil, r.errorf("invalid number: digit expected in exponent")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	r.pos = i
	return json.Number(d[start:i]), nil
}

// str reads a string starting at the opening quote.
func (r *jsonReader) str() (string, error) {
	d := r.data
	start := r.pos + 1
	ascii := true
	for i := start; i < len(d); i++ {
		c := d[i]
		switch {
		case c == '"':
			s := d[start:i]
			if !ascii && !utf8.Valid(s) {
				return r.strSlow(start)
			}
			r.pos = i + 1
			return string(s), nil
		case c == '\\':
			return r.strSlow(start)
		case c < 0x20:
			r.pos = i
			return "", r.errorf("control character in string")
		case c >= 0x80:
			ascii = false
		}
	}
	r.pos = len(d)
	return "", r.errorf("unterminated string")
}

// strSlow decodes a string with escapes or invalid UTF-8, which it replaces
// with U+FFFD as encoding/json does.
func (r *jsonReader) strSlow(start int) (string, error) {
	d := r.data
	buf := make([]byte, 0, 64)
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return string(buf), nil
		case c == '\\':
			if i+1 >= len(d) {
				r.pos = i
				return "", r.errorf("unterminated string")
			}
			e := d[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r1, ok := hex4(d, i)
				if !ok {
					r.pos = i
					return "", r.errorf("invalid \\u escape")
				}
				i += 4
				if utf16.IsSurrogate(r1) {
					if r2, ok := hex4(d, i+2); ok && i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
						if dec := utf16.DecodeRune(r1, r2); dec != utf8.RuneError {
							i += 6
							buf = utf8.AppendRune(buf, dec)
							continue
						}
					}
					r1 = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r1)
			default:
				r.pos = i - 1
				return "", r.errorf("invalid escape '\\%c'", e)
			}
		case c < 0x20:
			r.pos = i
			return "", r.errorf("control character in string")
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			ru, size := utf8.DecodeRune(d[i:])
			buf = utf8.AppendRune(buf, ru)
			i += size
		}
	}
	r.pos = len(d)
	return "", r.errorf("unterminated string")
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var v rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// appendJSON writes v compactly. Strings are escaped as encoding/json does,
// except that <, > and & are kept, since documents are not embedded in HTML.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case *Object:
		if v == nil {
			return append(b, "null"...)
		}
		b = append(b, '{')
		for i, m := range v.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.Key)
			b = append(b, ':')
			b = appendJSON(b, m.Value)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case string:
		return appendString(b, v)
	case json.Number:
		if v == "" {
			return append(b, '0')
		}
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	default:
		// Not a tree value; only reachable through misuse of the exported
		// members of Member. Fall back to encoding/json.
		raw, err := json.Marshal(v)
		if err != nil {
			return append(b, "null"...)
		}
		return append(b, raw...)
	}
}

const hexDigits = "0123456789abcdef"

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		ru, size := utf8.DecodeRuneInString(s[i:])
		if ru == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but break JavaScript parsers.
		if ru == '\u2028' || ru == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[ru&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
