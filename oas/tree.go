package oas

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
)

// The values of the tree are described in the package documentation.

// Member is one member of an Object.
type Member struct {
	Key   string
	Value any
}

// Object is a JSON object that keeps its members in the order they were
// written, so that a document read and written back reads the same.
type Object struct {
	members []Member
	// index maps a key to its position; it is only built for objects large
	// enough that a linear scan costs more than the map (paths, schemas).
	index map[string]int
}

// indexThreshold is the member count above which an Object keeps an index.
const indexThreshold = 8

// NewObject returns an Object holding the given members in order; a repeated
// key keeps its first position and its last value, as encoding/json does.
// Values that are not tree values are converted (see the package
// documentation); NewObject panics if one cannot be, as Set does.
func NewObject(members ...Member) *Object {
	ms := make([]Member, len(members))
	for i, m := range members {
		switch m.Value.(type) {
		case nil, string, bool, json.Number, *Object, []any:
			// Already a tree value; arrays are taken as they are.
		default:
			tv, err := toTree(m.Value)
			if err != nil {
				panic(fmt.Sprintf("oas: NewObject: member %q: %v", m.Key, err))
			}
			m.Value = tv
		}
		ms[i] = m
	}
	return newObjectOwned(ms)
}

// newObjectOwned takes ownership of members, which the parser built, and
// removes repeated keys.
func newObjectOwned(members []Member) *Object {
	o := &Object{members: members}
	if len(members) > indexThreshold {
		o.buildIndex()
		return o
	}
	for i := 1; i < len(members); i++ {
		for j := 0; j < i; j++ {
			if members[j].Key == members[i].Key {
				o.dedupe()
				return o
			}
		}
	}
	return o
}

// dedupe keeps, for each repeated key, the first position and the last value.
func (o *Object) dedupe() {
	pos := make(map[string]int, len(o.members))
	out := o.members[:0]
	for _, m := range o.members {
		if i, ok := pos[m.Key]; ok {
			out[i].Value = m.Value
			continue
		}
		pos[m.Key] = len(out)
		out = append(out, m)
	}
	clear(o.members[len(out):])
	o.members = out
	if len(out) > indexThreshold {
		o.index = pos
	} else {
		o.index = nil
	}
}

func (o *Object) buildIndex() {
	idx := make(map[string]int, len(o.members))
	for i, m := range o.members {
		if _, dup := idx[m.Key]; dup {
			o.dedupe()
			return
		}
		idx[m.Key] = i
	}
	o.index = idx
}

func (o *Object) find(key string) int {
	if o == nil {
		return -1
	}
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range o.members {
		if o.members[i].Key == key {
			return i
		}
	}
	return -1
}

// Len reports the number of members.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

// Get returns the value of key.
func (o *Object) Get(key string) (any, bool) {
	i := o.find(key)
	if i < 0 {
		return nil, false
	}
	return o.members[i].Value, true
}

// Has reports whether key is a member.
func (o *Object) Has(key string) bool { return o.find(key) >= 0 }

// Object returns the value of key when it is an object.
func (o *Object) Object(key string) (*Object, bool) {
	v, _ := o.Get(key)
	obj, ok := v.(*Object)
	return obj, ok && obj != nil
}

// String returns the value of key when it is a string.
func (o *Object) String(key string) (string, bool) {
	v, _ := o.Get(key)
	s, ok := v.(string)
	return s, ok
}

// Bool returns the value of key when it is a boolean.
func (o *Object) Bool(key string) (bool, bool) {
	v, _ := o.Get(key)
	b, ok := v.(bool)
	return b, ok
}

// Array returns the value of key when it is an array.
func (o *Object) Array(key string) ([]any, bool) {
	v, _ := o.Get(key)
	a, ok := v.([]any)
	return a, ok
}

// Set sets key to v, keeping the key's position when it is already a member
// and appending it otherwise. v is converted to a tree value (see the package
// documentation); Set panics if it cannot be, as a programming error.
func (o *Object) Set(key string, v any) {
	tv, err := toTree(v)
	if err != nil {
		panic(fmt.Sprintf("oas: Object.Set(%q): %v", key, err))
	}
	o.set(key, tv)
}

func (o *Object) set(key string, v any) {
	if i := o.find(key); i >= 0 {
		o.members[i].Value = v
		return
	}
	o.members = append(o.members, Member{Key: key, Value: v})
	if o.index != nil {
		o.index[key] = len(o.members) - 1
	} else if len(o.members) > indexThreshold {
		o.buildIndex()
	}
}

// Delete removes key, keeping the order of the other members, and reports
// whether it was a member.
func (o *Object) Delete(key string) bool {
	i := o.find(key)
	if i < 0 {
		return false
	}
	o.members = slices.Delete(o.members, i, i+1)
	if o.index != nil {
		o.buildIndex()
	}
	return true
}

// Keys returns the keys in order.
func (o *Object) Keys() []string {
	keys := make([]string, 0, o.Len())
	for k := range o.All() {
		keys = append(keys, k)
	}
	return keys
}

// All iterates over the members in order. The object must not be changed
// while iterating.
func (o *Object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if o == nil {
			return
		}
		for _, m := range o.members {
			if !yield(m.Key, m.Value) {
				return
			}
		}
	}
}

// Members returns a copy of the members in order.
func (o *Object) Members() []Member {
	if o == nil {
		return nil
	}
	return slices.Clone(o.members)
}

// Clone returns a deep copy of o.
func (o *Object) Clone() *Object {
	if o == nil {
		return nil
	}
	c := &Object{members: make([]Member, len(o.members))}
	for i, m := range o.members {
		c.members[i] = Member{Key: m.Key, Value: CloneValue(m.Value)}
	}
	if o.index != nil {
		c.index = make(map[string]int, len(o.index))
		for k, v := range o.index {
			c.index[k] = v
		}
	}
	return c
}

// CloneValue returns a deep copy of a tree value.
func CloneValue(v any) any {
	switch v := v.(type) {
	case *Object:
		return v.Clone()
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = CloneValue(e)
		}
		return c
	default:
		// Strings, numbers, booleans and null are immutable.
		return v
	}
}

// MarshalJSON writes the object with its members in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	return appendJSON(nil, o), nil
}

// UnmarshalJSON reads a JSON object, keeping member order and numbers as
// written.
func (o *Object) UnmarshalJSON(data []byte) error {
	v, err := parseJSON(data)
	if err != nil {
		return err
	}
	obj, ok := v.(*Object)
	if !ok {
		return fmt.Errorf("oas: expected a JSON object, got %s", kindOf(v))
	}
	*o = *obj
	return nil
}

// toTree converts v to a tree value. Tree values are taken as they are;
// json.RawMessage is parsed; anything else goes through encoding/json.
func toTree(v any) (any, error) {
	switch v := v.(type) {
	case nil, string, bool, json.Number, *Object:
		return v, nil
	case []any:
		// The caller's slice is kept when it already holds tree values, and
		// copied, never changed, when an element needs converting.
		var out []any
		for i, e := range v {
			t, err := toTree(e)
			if err != nil {
				return nil, err
			}
			if out == nil && !sameValue(t, e) {
				out = make([]any, len(v))
				copy(out, v[:i])
			}
			if out != nil {
				out[i] = t
			}
		}
		if out == nil {
			return v, nil
		}
		return out, nil
	case json.RawMessage:
		return parseJSON(v)
	case int:
		return json.Number(fmt.Sprint(v)), nil
	case int64:
		return json.Number(fmt.Sprint(v)), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return parseJSON(b)
}

// sameValue reports whether toTree returned its argument unchanged.
func sameValue(t, e any) bool {
	switch e.(type) {
	case nil, string, bool, json.Number, *Object:
		return t == e
	case []any:
		ta, ok := t.([]any)
		ea := e.([]any)
		return ok && len(ta) == len(ea) && (len(ea) == 0 || &ta[0] == &ea[0])
	}
	return false
}

// kindOf names the JSON type of a tree value, for messages.
func kindOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case *Object:
		if v == nil {
			return "null"
		}
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}
