package oas

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Problem is one thing wrong with a document: where (a JSON pointer into the
// document, "" for the root) and what.
type Problem struct {
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

// String gives the problem as "pointer: message", "(root)" naming the
// document itself.
func (p Problem) String() string {
	ptr := p.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	return ptr + ": " + p.Message
}

// ValidationError lists every problem found in a document, in document order.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems on one line; print Problems for one a line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	switch len(e.Problems) {
	case 0:
		return "invalid document"
	case 1:
		b.WriteString("invalid document: ")
	default:
		fmt.Fprintf(&b, "invalid document: %d problems: ", len(e.Problems))
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// ValidateOption changes what Validate checks.
type ValidateOption func(*validateConfig)

type validateConfig struct {
	strict        bool
	extensionOnly bool
	relaxed       bool
	optionalExt   bool
}

// Strict rejects members of x-tyk-api-gateway that the schema does not know,
// as the gateway's strict schema does.
func Strict() ValidateOption { return func(c *validateConfig) { c.strict = true } }

// ExtensionOnly checks x-tyk-api-gateway and not the OpenAPI structure of the
// rest of the document: the cheap check for a document already known to be a
// valid OpenAPI document, such as one just imported.
func ExtensionOnly() ValidateOption { return func(c *validateConfig) { c.extensionOnly = true } }

// OptionalExtension accepts a plain OpenAPI document without
// x-tyk-api-gateway; by default a Tyk OAS API must have one.
func OptionalExtension() ValidateOption { return func(c *validateConfig) { c.optionalExt = true } }

// ForTemplate applies the relaxed rules of API templates: the document may be
// partial (no openapi, info or paths needed), x-tyk-api-gateway may be missing,
// and so may the members its schema requires.
func ForTemplate() ValidateOption {
	return func(c *validateConfig) { c.relaxed = true; c.optionalExt = true }
}

// Validate checks doc as a Tyk OAS API: its OpenAPI structure (3.0.x or
// 3.1.x, against the OpenAPI meta-schema) and its x-tyk-api-gateway (against
// the schema in schema/). It returns a *ValidationError listing every
// problem found, or nil.
func Validate(doc *Document, opts ...ValidateOption) error {
	var cfg validateConfig
	for _, o := range opts {
		o(&cfg)
	}
	var probs []Problem
	if !cfg.extensionOnly && !cfg.relaxed {
		probs = append(probs, validateOpenAPI(doc)...)
	}
	ext, has := doc.r().Get(ExtensionKey)
	switch {
	case !has && !cfg.optionalExt:
		probs = append(probs, Problem{Pointer: "", Message: "missing " + ExtensionKey + ": a Tyk OAS API needs it"})
	case has:
		// The OpenAPI meta-schema does not look inside extensions, so the
		// extension is always checked on its own.
		probs = append(probs, validateExtension(ext, cfg)...)
	}
	if len(probs) == 0 {
		return nil
	}
	sortProblems(probs)
	return &ValidationError{Problems: dedupeProblems(probs)}
}

//go:embed schema/*.json
var schemaFS embed.FS

// Schema returns one of the JSON Schemas this package validates with, by file
// name: "x-tyk-api-gateway.json", "x-tyk-api-gateway.strict.json",
// "openapi-3.0.json" or "openapi-3.1.json".
func Schema(name string) ([]byte, error) {
	return schemaFS.ReadFile("schema/" + name)
}

// schemaBase names the embedded schemas for the compiler; nothing is ever
// fetched from it.
const schemaBase = "https://dashkit.invalid/oas/schema/"

type extSchemaKey struct{ strict, relaxed bool }

var (
	extSchemas   sync.Map // extSchemaKey -> *jsonschema.Schema
	openapi30    = sync.OnceValues(func() (*jsonschema.Schema, error) { return compileSchema("openapi-3.0.json", false) })
	openapi31    = sync.OnceValues(func() (*jsonschema.Schema, error) { return compileSchema("openapi-3.1.json", false) })
	extCompileMu sync.Mutex
)

func extSchema(strict, relaxed bool) (*jsonschema.Schema, error) {
	key := extSchemaKey{strict, relaxed}
	if s, ok := extSchemas.Load(key); ok {
		return s.(*jsonschema.Schema), nil
	}
	extCompileMu.Lock()
	defer extCompileMu.Unlock()
	if s, ok := extSchemas.Load(key); ok {
		return s.(*jsonschema.Schema), nil
	}
	name := "x-tyk-api-gateway.json"
	if strict {
		name = "x-tyk-api-gateway.strict.json"
	}
	s, err := compileSchema(name, relaxed)
	if err != nil {
		return nil, err
	}
	extSchemas.Store(key, s)
	return s, nil
}

// compileSchema compiles an embedded schema; relaxed drops every "required",
// which is how templates are checked.
func compileSchema(name string, relaxed bool) (*jsonschema.Schema, error) {
	data, err := schemaFS.ReadFile("schema/" + name)
	if err != nil {
		return nil, err
	}
	if relaxed {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		dropRequired(v)
		if data, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	return compileSchemaData(schemaBase+name, data)
}

// compileSchemaData compiles a JSON Schema (draft 4 unless it says
// otherwise) with the settings Validate uses; it never loads anything from
// the network.
func compileSchemaData(url string, data []byte) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s: no remote schemas are loaded", s)
	}
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("load schema %s: %w", url, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", url, err)
	}
	return s, nil
}

func dropRequired(v any) {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "required")
		for k, e := range v {
			// "properties" maps names to schemas: a property may be called
			// "required" and must stay.
			if k == "properties" {
				if props, ok := e.(map[string]any); ok {
					for _, p := range props {
						dropRequired(p)
					}
					continue
				}
			}
			dropRequired(e)
		}
	case []any:
		for _, e := range v {
			dropRequired(e)
		}
	}
}

func validateExtension(ext any, cfg validateConfig) []Problem {
	if _, ok := ext.(*Object); !ok {
		return []Problem{{Pointer: "/" + ExtensionKey, Message: "must be an object, not " + kindOf(ext)}}
	}
	s, err := extSchema(cfg.strict, cfg.relaxed)
	if err != nil {
		return []Problem{{Pointer: "/" + ExtensionKey, Message: "cannot check: " + err.Error()}}
	}
	return schemaProblems(s.Validate(plain(ext)), "/"+ExtensionKey)
}

func validateOpenAPI(doc *Document) []Problem {
	v, ok := doc.r().Get("openapi")
	version, isString := v.(string)
	var s *jsonschema.Schema
	var err error
	switch {
	case !ok:
		return []Problem{{Pointer: "", Message: `missing "openapi": the OpenAPI version, such as "3.0.3", is required`}}
	case !isString:
		return []Problem{{Pointer: "/openapi", Message: "must be a string such as \"3.0.3\", not " + kindOf(v)}}
	case strings.HasPrefix(version, "3.0."):
		s, err = openapi30()
	case strings.HasPrefix(version, "3.1."):
		s, err = openapi31()
	default:
		return []Problem{{Pointer: "/openapi", Message: fmt.Sprintf("unsupported OpenAPI version %q: 3.0.x and 3.1.x are supported", version)}}
	}
	if err != nil {
		return []Problem{{Pointer: "", Message: "cannot check: " + err.Error()}}
	}
	// The meta-schema does not look into extensions, so x-tyk-api-gateway is
	// left out rather than converted for nothing.
	root := &Object{members: make([]Member, 0, len(doc.r().members))}
	for _, m := range doc.r().members {
		if m.Key != ExtensionKey {
			root.members = append(root.members, m)
		}
	}
	return schemaProblems(s.Validate(plain(root)), "")
}

// plain converts a tree value to the shapes the schema validator reads.
func plain(v any) any {
	switch v := v.(type) {
	case *Object:
		if v == nil {
			return nil
		}
		m := make(map[string]any, len(v.members))
		for _, e := range v.members {
			m[e.Key] = plain(e.Value)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	default:
		return v
	}
}

// schemaProblems turns a validator's error tree into problems at the leaves,
// with the instance pointers made absolute by prefix.
func schemaProblems(err error, prefix string) []Problem {
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Problem{{Pointer: prefix, Message: err.Error()}}
	}
	var probs []Problem
	collectLeaves(ve, prefix, &probs)
	return probs
}

func collectLeaves(ve *jsonschema.ValidationError, prefix string, out *[]Problem) {
	causes := ve.Causes
	if len(causes) > 1 && (strings.HasSuffix(ve.KeywordLocation, "/oneOf") || strings.HasSuffix(ve.KeywordLocation, "/anyOf")) {
		causes = pickBranches(ve.InstanceLocation, causes)
		if len(causes) > 1 {
			p, kept, ok := summariseBranches(ve, causes)
			if ok {
				p.Pointer = prefix + p.Pointer
				*out = append(*out, p)
				return
			}
			causes = kept
		}
	}
	if len(causes) == 0 {
		for _, msg := range humanMessages(ve.Message) {
			ptr := prefix + ve.InstanceLocation
			if msg.member != "" {
				ptr += "/" + escapeToken(msg.member)
			}
			*out = append(*out, Problem{Pointer: ptr, Message: msg.text})
		}
		return
	}
	for _, c := range causes {
		collectLeaves(c, prefix, out)
	}
}

func leavesOf(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	for _, c := range ve.Causes {
		out = leavesOf(c, out)
	}
	return out
}

// summariseBranches makes sense of the common shapes of a failed oneOf or
// anyOf. Alternatives that each require a different member give one problem
// ("needs one of: schema, content"). Alternatives told apart by the value of
// one member (the "type" of a security scheme, the "in" of a parameter) give
// either one problem listing the values allowed, when the value matches
// none, or, when it matches some, only the failures of those, since the
// rest follow from the value alone. Otherwise it returns the branches to
// report.
func summariseBranches(ve *jsonschema.ValidationError, causes []*jsonschema.ValidationError) (Problem, []*jsonschema.ValidationError, bool) {
	var missing []string
	allMissing := true
	leaves := make([][]*jsonschema.ValidationError, len(causes))
	discriminator := ""
	for i, c := range causes {
		leaves[i] = leavesOf(c, nil)
		ls := leaves[i]
		if len(ls) == 1 && ls[0].InstanceLocation == ve.InstanceLocation &&
			strings.HasPrefix(ls[0].Message, "missing properties: ") {
			missing = append(missing, quotedNames(strings.TrimPrefix(ls[0].Message, "missing properties: "))...)
		} else {
			allMissing = false
		}
		for _, l := range ls {
			if discriminator == "" && isValueCheck(l) && isChildOf(l.InstanceLocation, ve.InstanceLocation) {
				discriminator = l.InstanceLocation
			}
		}
	}
	if allMissing && len(missing) > 0 {
		how := "at least one"
		if strings.HasSuffix(ve.KeywordLocation, "/oneOf") {
			how = "one"
		}
		return Problem{Pointer: ve.InstanceLocation, Message: "needs " + how + " of: " + strings.Join(missing, ", ")}, nil, true
	}
	if discriminator == "" {
		return Problem{}, causes, false
	}
	var allowed []string
	var matching []*jsonschema.ValidationError
	for i, c := range causes {
		failsThere := false
		for _, l := range leaves[i] {
			if isValueCheck(l) && l.InstanceLocation == discriminator {
				failsThere = true
				values := strings.TrimPrefix(strings.TrimPrefix(l.Message, "value must be "), "one of ")
				allowed = append(allowed, strings.Split(values, ", ")...)
			}
		}
		if !failsThere {
			matching = append(matching, c)
		}
	}
	switch {
	case len(matching) > 0:
		return Problem{}, matching, false
	case len(allowed) == 1:
		return Problem{Pointer: discriminator, Message: "value must be " + allowed[0]}, nil, true
	default:
		return Problem{Pointer: discriminator, Message: "value must be one of " + strings.Join(allowed, ", ")}, nil, true
	}
}

// isValueCheck reports whether a failure is of an enum or const.
func isValueCheck(l *jsonschema.ValidationError) bool {
	return strings.HasSuffix(l.KeywordLocation, "/enum") || strings.HasSuffix(l.KeywordLocation, "/const")
}

// isChildOf reports whether pointer p names a member or element of parent.
func isChildOf(p, parent string) bool {
	rest, ok := strings.CutPrefix(p, parent+"/")
	return ok && rest != "" && !strings.Contains(rest, "/")
}

// pickBranches keeps, of the failed branches of a oneOf or anyOf, the ones
// worth reporting. A value that fails both "a reference" and "an inline
// object" is reported against the inline form unless it has a $ref, and a
// branch that failed only on its type is dropped when another branch got
// further, so a person reads why their object is wrong, not that it is not
// a string.
func pickBranches(at string, causes []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	var kept []*jsonschema.ValidationError
	for _, c := range causes {
		if isShallowFailure(at, c) {
			continue
		}
		// A Reference branch that got past "$ref is required" means the
		// value has a $ref: what is wrong is the reference, not that the
		// value is not an inline object.
		if isReferenceBranch(c) {
			return []*jsonschema.ValidationError{c}
		}
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		return causes
	}
	return kept
}

// isReferenceBranch reports whether a branch is the OpenAPI Reference
// object of the 3.0 or 3.1 meta-schema.
func isReferenceBranch(c *jsonschema.ValidationError) bool {
	return strings.HasSuffix(c.AbsoluteKeywordLocation, "#/definitions/Reference") ||
		strings.HasSuffix(c.AbsoluteKeywordLocation, "#/$defs/reference") ||
		strings.HasSuffix(c.KeywordLocation, "/$ref") && strings.HasSuffix(c.Message, "'/definitions/Reference'")
}

// isShallowFailure reports whether a branch failed at its very first check
// of the value at at: the wrong type or value, or a missing $ref (the
// Reference branch of an object that is not a reference).
func isShallowFailure(at string, c *jsonschema.ValidationError) bool {
	for len(c.Causes) == 1 {
		c = c.Causes[0]
	}
	if len(c.Causes) > 0 || c.InstanceLocation != at {
		return false
	}
	return strings.HasSuffix(c.KeywordLocation, "/type") ||
		strings.HasSuffix(c.KeywordLocation, "/enum") ||
		c.Message == "missing properties: '$ref'"
}

type humanMessage struct {
	member string // the member a message is about, appended to the pointer
	text   string
}

// humanMessages rewrites the validator's messages where they read poorly,
// splitting "missing properties" so that each missing member has a pointer
// and a line of its own.
func humanMessages(msg string) []humanMessage {
	switch {
	case strings.HasPrefix(msg, "missing properties: "):
		var out []humanMessage
		for _, name := range quotedNames(strings.TrimPrefix(msg, "missing properties: ")) {
			out = append(out, humanMessage{member: name, text: "required, but missing"})
		}
		if len(out) > 0 {
			return out
		}
	case strings.HasPrefix(msg, "additionalProperties ") && strings.HasSuffix(msg, " not allowed"):
		list := strings.TrimSuffix(strings.TrimPrefix(msg, "additionalProperties "), " not allowed")
		var out []humanMessage
		for _, name := range quotedNames(list) {
			out = append(out, humanMessage{member: name, text: "unknown member, not allowed here"})
		}
		if len(out) > 0 {
			return out
		}
	case msg == "not allowed":
		// unevaluatedProperties (OpenAPI 3.1) says no more than this.
		return []humanMessage{{text: "unknown member, not allowed here"}}
	case strings.HasPrefix(msg, "expected ") && strings.Contains(msg, ", but got "):
		want, got, _ := strings.Cut(strings.TrimPrefix(msg, "expected "), ", but got ")
		return []humanMessage{{text: "must be " + want + ", not " + got}}
	}
	return []humanMessage{{text: msg}}
}

// quotedNames splits "'a', 'b'" into a and b.
func quotedNames(list string) []string {
	var names []string
	for _, part := range strings.Split(list, ", ") {
		part = strings.TrimSpace(part)
		if len(part) >= 2 && part[0] == '\'' && part[len(part)-1] == '\'' {
			names = append(names, part[1:len(part)-1])
		}
	}
	return names
}

// sortProblems puts problems in pointer order, comparing array indexes as
// numbers, and drops repeats.
func sortProblems(probs []Problem) {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].Pointer != probs[j].Pointer {
			return pointerLess(probs[i].Pointer, probs[j].Pointer)
		}
		return probs[i].Message < probs[j].Message
	})
}

func pointerLess(a, b string) bool {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		ai, aerr := strconv.Atoi(as[i])
		bi, berr := strconv.Atoi(bs[i])
		if aerr == nil && berr == nil {
			return ai < bi
		}
		return as[i] < bs[i]
	}
	return len(as) < len(bs)
}

func dedupeProblems(probs []Problem) []Problem {
	out := probs[:0]
	for i, p := range probs {
		if i > 0 && p == probs[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}
