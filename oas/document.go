package oas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dashkit/dashkit/model"
)

// ExtensionKey is the member of a Tyk OAS API that holds the gateway's
// configuration.
const ExtensionKey = "x-tyk-api-gateway"

// Document is an OpenAPI 3 document, with or without x-tyk-api-gateway, held
// as a tree that keeps everything it was given: extensions, members no type
// knows, member order and numbers as written. The zero Document is an empty
// one.
type Document struct {
	root *Object
}

// NewDocument returns a document whose root is obj (not copied); a nil obj
// gives an empty document.
func NewDocument(obj *Object) *Document {
	if obj == nil {
		obj = &Object{}
	}
	return &Document{root: obj}
}

// Parse reads an OpenAPI document written as JSON or YAML. It checks only
// that the input is well formed and is an object; Validate checks the rest.
func Parse(data []byte) (*Document, error) {
	v, err := parseAny(data)
	if err != nil {
		return nil, fmt.Errorf("parse OpenAPI document: %w", err)
	}
	obj, ok := v.(*Object)
	if !ok || obj == nil {
		return nil, fmt.Errorf("parse OpenAPI document: the document must be an object, not %s", kindOf(v))
	}
	return &Document{root: obj}, nil
}

// parseAny reads JSON when the input starts like JSON, and YAML otherwise.
func parseAny(data []byte) (any, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	// A UTF-8 byte order mark is tolerated, as editors write one.
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
	if len(trimmed) == 0 {
		return nil, errors.New("empty input")
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		return parseJSON(trimmed)
	}
	return parseYAML(data)
}

// Root returns the document's top-level object. Changes to it change the
// document.
func (d *Document) Root() *Object { return d.r() }

// r returns the root, giving a zero Document its empty one on first use (so a
// zero Document, like any other, may be read from several goroutines only
// once something has used it).
func (d *Document) r() *Object {
	if d.root == nil {
		d.root = &Object{}
	}
	return d.root
}

// Clone returns a deep copy of d.
func (d *Document) Clone() *Document { return &Document{root: d.r().Clone()} }

// MarshalJSON writes the document compactly, members in order.
func (d *Document) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	return appendJSON(make([]byte, 0, 1024), d.r()), nil
}

// UnmarshalJSON reads a document, so that a Document can be a member of a
// larger JSON value (an API list, a request body).
func (d *Document) UnmarshalJSON(data []byte) error {
	v, err := parseJSON(data)
	if err != nil {
		return err
	}
	obj, ok := v.(*Object)
	if !ok || obj == nil {
		return fmt.Errorf("oas: the document must be an object, not %s", kindOf(v))
	}
	d.root = obj
	return nil
}

// JSON writes the document indented by two spaces, for people to read.
func (d *Document) JSON() []byte {
	compact, _ := d.MarshalJSON()
	var buf bytes.Buffer
	buf.Grow(len(compact) * 3 / 2)
	_ = json.Indent(&buf, compact, "", "  ")
	buf.WriteByte('\n')
	return buf.Bytes()
}

// YAML writes the document as YAML, members in order.
func (d *Document) YAML() ([]byte, error) { return marshalYAML(d.r()) }

// OpenAPIVersion returns the document's "openapi" member, e.g. "3.0.3".
func (d *Document) OpenAPIVersion() string {
	s, _ := d.r().String("openapi")
	return s
}

// Title returns info.title.
func (d *Document) Title() string {
	info, _ := d.r().Object("info")
	s, _ := info.String("title")
	return s
}

// Server is one entry of the document's servers.
type Server struct {
	URL         string
	Description string
	// Variables maps each variable's name to its default value.
	Variables map[string]string
}

// Servers returns the document's servers that have a URL.
func (d *Document) Servers() []Server {
	arr, _ := d.r().Array("servers")
	out := make([]Server, 0, len(arr))
	for _, e := range arr {
		obj, ok := e.(*Object)
		if !ok {
			continue
		}
		u, ok := obj.String("url")
		if !ok {
			continue
		}
		s := Server{URL: u}
		s.Description, _ = obj.String("description")
		if vars, ok := obj.Object("variables"); ok {
			s.Variables = map[string]string{}
			for name, v := range vars.All() {
				vo, _ := v.(*Object)
				s.Variables[name], _ = vo.String("default")
			}
		}
		out = append(out, s)
	}
	return out
}

// Extension returns x-tyk-api-gateway when the document has one that is an
// object. Changes to it change the document.
func (d *Document) Extension() (*Object, bool) {
	return d.r().Object(ExtensionKey)
}

// HasExtension reports whether the document has an x-tyk-api-gateway member
// of any type.
func (d *Document) HasExtension() bool { return d.r().Has(ExtensionKey) }

// SetExtension sets x-tyk-api-gateway to v: an *Object, json.RawMessage, or
// any value encoding/json can write (such as the typed model of the
// extension).
func (d *Document) SetExtension(v any) error {
	tv, err := toTree(v)
	if err != nil {
		return fmt.Errorf("set %s: %w", ExtensionKey, err)
	}
	if _, ok := tv.(*Object); !ok {
		return fmt.Errorf("set %s: must be an object, not %s", ExtensionKey, kindOf(tv))
	}
	d.r().set(ExtensionKey, tv)
	return nil
}

// DeleteExtension removes x-tyk-api-gateway.
func (d *Document) DeleteExtension() { d.r().Delete(ExtensionKey) }

// DecodeExtension decodes x-tyk-api-gateway into v with encoding/json, for
// typed access. It returns an error when the document has no extension.
func (d *Document) DecodeExtension(v any) error {
	ext, ok := d.r().Get(ExtensionKey)
	if !ok {
		return fmt.Errorf("decode %s: the document has none", ExtensionKey)
	}
	if err := json.Unmarshal(appendJSON(nil, ext), v); err != nil {
		return fmt.Errorf("decode %s: %w", ExtensionKey, err)
	}
	return nil
}

// Gateway returns x-tyk-api-gateway decoded into its typed model, or nil when
// the document has none. The model keeps members it has no field for, but a
// copy it is: changes reach the document through SetGateway.
func (d *Document) Gateway() (*model.XTykAPIGateway, error) {
	if !d.HasExtension() {
		return nil, nil
	}
	var x model.XTykAPIGateway
	if err := d.DecodeExtension(&x); err != nil {
		return nil, err
	}
	return &x, nil
}

// SetGateway sets x-tyk-api-gateway from its typed model.
func (d *Document) SetGateway(x *model.XTykAPIGateway) error {
	if x == nil {
		d.DeleteExtension()
		return nil
	}
	return d.SetExtension(x)
}

// APIID returns x-tyk-api-gateway.info.id.
func (d *Document) APIID() string { return d.extString("id") }

// DBID returns x-tyk-api-gateway.info.dbId.
func (d *Document) DBID() string { return d.extString("dbId") }

// Name returns x-tyk-api-gateway.info.name.
func (d *Document) Name() string { return d.extString("name") }

func (d *Document) extString(key string) string {
	ext, _ := d.Extension()
	info, _ := ext.Object("info")
	s, _ := info.String(key)
	return s
}

// SetAPIID sets x-tyk-api-gateway.info.id, creating what is missing.
func (d *Document) SetAPIID(id string) error {
	return d.Set("/"+ExtensionKey+"/info/id", id)
}

// SetDBID sets x-tyk-api-gateway.info.dbId, creating what is missing.
func (d *Document) SetDBID(id string) error {
	return d.Set("/"+ExtensionKey+"/info/dbId", id)
}

// Get returns the value at a JSON pointer (RFC 6901), "" being the root.
func (d *Document) Get(pointer string) (any, bool) {
	tokens, err := splitPointer(pointer)
	if err != nil {
		return nil, false
	}
	var cur any = d.r()
	for _, t := range tokens {
		switch c := cur.(type) {
		case *Object:
			v, ok := c.Get(t)
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) || strconv.Itoa(i) != t {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// Set sets the value at a JSON pointer, creating the objects on the way that
// are missing. It cannot replace the root, and fails where the way passes
// through a value that is neither an object nor an array.
func (d *Document) Set(pointer string, v any) error {
	tokens, err := splitPointer(pointer)
	if err != nil {
		return err
	}
	if len(tokens) == 0 {
		return errors.New("set: cannot replace the document's root")
	}
	tv, err := toTree(v)
	if err != nil {
		return fmt.Errorf("set %s: %w", pointer, err)
	}
	var cur any = d.r()
	for i, t := range tokens {
		last := i == len(tokens)-1
		switch c := cur.(type) {
		case *Object:
			if last {
				c.set(t, tv)
				return nil
			}
			next, ok := c.Get(t)
			if !ok || next == nil {
				next = &Object{}
				c.set(t, next)
			}
			cur = next
		case []any:
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 || n >= len(c) {
				return fmt.Errorf("set %s: no element %q", pointer, t)
			}
			if last {
				c[n] = tv
				return nil
			}
			cur = c[n]
		default:
			return fmt.Errorf("set %s: %s is %s", pointer, joinPointer(tokens[:i]), kindOf(c))
		}
	}
	return nil
}

func splitPointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("invalid JSON pointer %q: must start with '/'", p)
	}
	parts := strings.Split(p[1:], "/")
	for i, s := range parts {
		if strings.Contains(s, "~") {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
		}
	}
	return parts, nil
}

// joinPointer builds a JSON pointer from reference tokens.
func joinPointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

func escapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}
