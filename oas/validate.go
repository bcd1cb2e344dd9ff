package oas

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a document: where (a JSON pointer into the
// document, "" for the root) and what.
type Problem struct {
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	ptr := p.Pointer
	if ptr == "" {
		ptr = "/"
	}
	return ptr + ": " + p.Message
}

// ValidationError lists every problem found in a document, in document order.
type ValidationError struct {
	Problems []Problem
}

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
	template      bool
	optionalExt   bool
}

// Strict rejects members of x-tyk-api-gateway that the schema does not know,
// as the Dashboard's strict validation does.
func Strict() ValidateOption { return func(c *validateConfig) { c.strict = true } }

// ExtensionOnly checks x-tyk-api-gateway and not the OpenAPI structure of the
// rest of the document: the cheap check for a document already known to be a
// valid OpenAPI document.
func ExtensionOnly() ValidateOption { return func(c *validateConfig) { c.extensionOnly = true } }

// OptionalExtension accepts a plain OpenAPI document without
// x-tyk-api-gateway; by default a Tyk OAS API must have one.
func OptionalExtension() ValidateOption { return func(c *validateConfig) { c.optionalExt = true } }

// ForTemplate applies the relaxed rules of API templates: the document may be
// partial, and the required members of x-tyk-api-gateway may be missing.
func ForTemplate() ValidateOption {
	return func(c *validateConfig) { c.template = true; c.optionalExt = true }
}

// Validate checks doc as a Tyk OAS API: its OpenAPI structure (3.0.x or
// 3.1.x) and its x-tyk-api-gateway. It returns a *ValidationError listing
// every problem, or nil.
func Validate(doc *Document, opts ...ValidateOption) error {
	var cfg validateConfig
	for _, o := range opts {
		o(&cfg)
	}
	var probs []Problem
	if !cfg.optionalExt && !doc.HasExtension() {
		probs = append(probs, Problem{Pointer: "", Message: "missing " + ExtensionKey})
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	return nil
}
