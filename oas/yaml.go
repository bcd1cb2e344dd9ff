package oas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// YAML documents are read through yaml3's node tree rather than into Go
// maps, so that member order and the spelling of numbers survive.

func parseYAML(data []byte) (any, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	if n.Kind == 0 {
		return nil, fmt.Errorf("invalid YAML: empty document")
	}
	r := &yamlReader{}
	return r.value(&n, 0)
}

// Aliases are expanded, so a few lines can stand for an exponential number
// of values ("billion laughs"). What aliases add is bounded by an absolute
// budget, whatever the size of the input (a budget that grew with the input
// let a 9 MiB document grow to gigabytes): at most MaxYAMLAliasValues values
// and MaxYAMLAliasBytes bytes of scalars made through aliases. The
// document's own nodes are bounded by its size, which its reader limits.
// The budget of values was 1 Mi, which let 190 bytes make 790,000 values:
// 0.4 s to parse, 8 s and a gigabyte to write as YAML again (found by
// FuzzParse). 64 Ki values is a few hundred kilobytes of JSON, far more
// than reusing schemas and responses by anchor takes. (Scalars made
// through aliases share their text: their bytes cost only on output.)
const (
	MaxYAMLAliasValues = 1 << 16
	MaxYAMLAliasBytes  = 16 << 20
)

type yamlReader struct {
	aliased int // > 0 while a value is made through an alias
	values  int // made through aliases
	bytes   int // of scalars made through aliases
}

func (r *yamlReader) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("invalid YAML: nesting deeper than %d", maxDepth)
	}
	if r.aliased > 0 {
		r.values++
		r.bytes += len(n.Value)
		if r.values > MaxYAMLAliasValues || r.bytes > MaxYAMLAliasBytes {
			return nil, fmt.Errorf("invalid YAML at line %d: aliases expand to more than %d values or %d bytes", n.Line, MaxYAMLAliasValues, MaxYAMLAliasBytes)
		}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return r.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, fmt.Errorf("invalid YAML at line %d: unknown alias", n.Line)
		}
		r.aliased++
		v, err := r.value(n.Alias, depth+1)
		r.aliased--
		return v, err
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := r.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		members := make([]Member, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				// A merge key (<<) lays the referenced mappings under this one.
				srcs := []*yaml.Node{vn}
				if vn.Kind == yaml.SequenceNode {
					srcs = vn.Content
				}
				for _, s := range srcs {
					v, err := r.value(s, depth+1)
					if err != nil {
						return nil, err
					}
					if obj, ok := v.(*Object); ok {
						members = append(members, obj.members...)
					}
				}
				continue
			}
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("invalid YAML at line %d: a mapping key must be a scalar", k.Line)
			}
			v, err := r.value(vn, depth+1)
			if err != nil {
				return nil, err
			}
			members = append(members, Member{Key: k.Value, Value: v})
		}
		return newObjectOwned(members), nil
	case yaml.ScalarNode:
		return yamlScalar(n)
	}
	return nil, fmt.Errorf("invalid YAML at line %d: unexpected node", n.Line)
}

func yamlScalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("invalid YAML at line %d: %w", n.Line, err)
		}
		return b, nil
	case "!!int":
		return yamlNumber(n, true)
	case "!!float":
		return yamlNumber(n, false)
	default:
		return n.Value, nil
	}
}

// yamlNumber keeps a number's spelling when it is also valid JSON, and
// otherwise (0x1F, 1_000, +5, .5) writes its value in JSON form.
func yamlNumber(n *yaml.Node, isInt bool) (any, error) {
	if isJSONNumber(n.Value) {
		return json.Number(n.Value), nil
	}
	if isInt {
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), nil
		}
		var u uint64
		if err := n.Decode(&u); err == nil {
			return json.Number(strconv.FormatUint(u, 10)), nil
		}
	}
	var f float64
	if err := n.Decode(&f); err != nil {
		return nil, fmt.Errorf("invalid YAML at line %d: %w", n.Line, err)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("invalid YAML at line %d: %s has no JSON form", n.Line, n.Value)
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

func isJSONNumber(s string) bool {
	if s == "" {
		return false
	}
	r := jsonReader{data: []byte(s)}
	v, err := r.number()
	return err == nil && r.pos == len(s) && v != nil
}

// yamlNode builds the node tree that writes v.
func yamlNode(v any) *yaml.Node {
	switch v := v.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case *Object:
		if v == nil {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, 2*len(v.members))}
		for _, m := range v.members {
			n.Content = append(n.Content, yamlString(m.Key), yamlNode(m.Value))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: make([]*yaml.Node, 0, len(v))}
		for _, e := range v {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case string:
		return yamlString(v)
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(string(v), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	}
	raw, _ := json.Marshal(v)
	tv, err := parseJSON(raw)
	if err != nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return yamlNode(tv)
}

func yamlString(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	// Literal blocks read best for long descriptions, but cannot carry
	// leading blank lines or spaces, or trailing spaces on a line, faithfully;
	// those are written double-quoted.
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
		if !literalSafe(s) {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	return n
}

func marshalYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(v)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func literalSafe(s string) bool {
	if s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || strings.ContainsAny(s, "\r\x85\u2028\u2029") {
		return false
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return false
		}
	}
	return true
}
