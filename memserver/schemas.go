package memserver

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
)

// The JSON Schemas of API definitions. They are the schemas this project
// validates with (package oas embeds them), combined as the gateway
// combines them for its own schema route: the OpenAPI meta-schema of the
// version, with x-tyk-api-gateway as a property of the document and the
// extension's definitions beside the meta-schema's. The streams schema adds
// x-tyk-streaming (schemas/x-tyk-streaming.json) the same way.
//
// Versions are read as the gateway reads them: "3.0.3", "3.0" and "3" all
// name the 3.0 schema, no version is 3.0 (the gateway keeps 3.0 as the
// default while 3.1 settles), and a version without a schema is an error.
func schemaRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/schema", Section: "apis", Handle: getOASSchema},
		{Method: "GET", Path: "/api/schemas/apidefs", Section: "apis", Handle: getAllAPIDefSchemas},
		{Method: "GET", Path: "/api/schemas/apidefs/oas", Section: "apis", Handle: getOASSchema},
		{Method: "GET", Path: "/api/schemas/apidefs/streams-oas", Section: "apis", Handle: getStreamsOASSchema},
		{Method: "GET", Path: "/api/schemas/apidefs/mcp", Section: "apis", Handle: getMCPSchema},
	}
}

//go:embed schemas/*.json
var schemaFiles embed.FS

// defaultOASVersion is the schema version answered when none is asked for.
const defaultOASVersion = "3.0"

// schemaKind says which extensions a schema adds to the OpenAPI document.
type schemaKind int

const (
	schemaOAS schemaKind = iota
	schemaStreams
)

type schemaKey struct {
	kind    schemaKind
	version string
}

// builtSchemas caches each combined schema: they never change.
var builtSchemas sync.Map // schemaKey -> []byte

// apiSchema returns the schema of kind for version, or an error that names
// the version.
func apiSchema(kind schemaKind, version string) ([]byte, error) {
	minor := defaultOASVersion
	if version != "" {
		var err error
		if minor, err = minorVersion(version); err != nil {
			return nil, err
		}
	}
	key := schemaKey{kind, minor}
	if b, ok := builtSchemas.Load(key); ok {
		return b.([]byte), nil
	}
	meta, err := oas.Schema("openapi-" + minor + ".json")
	if err != nil {
		return nil, fmt.Errorf("schema not found for version %q", version)
	}
	exts := []string{oas.ExtensionKey}
	if kind == schemaStreams {
		exts = append(exts, streamingExtension)
	}
	b, err := combineSchema(meta, exts)
	if err != nil {
		return nil, err
	}
	builtSchemas.Store(key, b)
	return b, nil
}

// streamingExtension is the member of a Tyk Streams API that holds its
// streams.
const streamingExtension = "x-tyk-streaming"

// extensionSchema reads the schema of an extension.
func extensionSchema(name string) ([]byte, error) {
	if name == oas.ExtensionKey {
		return oas.Schema(name + ".json")
	}
	return schemaFiles.ReadFile("schemas/" + name + ".json")
}

// combineSchema sets each extension's schema as a property of the OpenAPI
// meta-schema and moves the extension's definitions into the meta-schema's
// "definitions", where its "#/definitions/..." references point.
func combineSchema(meta []byte, exts []string) ([]byte, error) {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(meta, &root); err != nil {
		return nil, fmt.Errorf("meta-schema: %w", err)
	}
	props := map[string]json.RawMessage{}
	if raw, ok := root["properties"]; ok {
		if err := json.Unmarshal(raw, &props); err != nil {
			return nil, fmt.Errorf("meta-schema properties: %w", err)
		}
	}
	defs := map[string]json.RawMessage{}
	if raw, ok := root["definitions"]; ok {
		if err := json.Unmarshal(raw, &defs); err != nil {
			return nil, fmt.Errorf("meta-schema definitions: %w", err)
		}
	}
	for _, name := range exts {
		data, err := extensionSchema(name)
		if err != nil {
			return nil, err
		}
		var ext map[string]json.RawMessage
		if err := json.Unmarshal(data, &ext); err != nil {
			return nil, fmt.Errorf("schema of %s: %w", name, err)
		}
		if _, ok := root["$defs"]; ok {
			// A 2020-12 meta-schema (OpenAPI 3.1) reads "items" as one
			// schema; the extension's schema, written for draft 4, gives
			// it as a one-schema array, which is prefixItems in 2020-12.
			if data, err = draft4ItemsTo2020(data); err != nil {
				return nil, fmt.Errorf("schema of %s: %w", name, err)
			}
			if err := json.Unmarshal(data, &ext); err != nil {
				return nil, fmt.Errorf("schema of %s: %w", name, err)
			}
		}
		if raw, ok := ext["definitions"]; ok {
			var d map[string]json.RawMessage
			if err := json.Unmarshal(raw, &d); err != nil {
				return nil, fmt.Errorf("definitions of %s: %w", name, err)
			}
			for k, v := range d {
				defs[k] = v
			}
		}
		// A nested schema names no dialect of its own: the document's
		// applies.
		delete(ext, "definitions")
		delete(ext, "$schema")
		b, err := json.Marshal(ext)
		if err != nil {
			return nil, err
		}
		props[name] = b
	}
	var err error
	if root["properties"], err = json.Marshal(props); err != nil {
		return nil, err
	}
	if root["definitions"], err = json.Marshal(defs); err != nil {
		return nil, err
	}
	return json.Marshal(root)
}

// draft4ItemsTo2020 rewrites the array form of "items" (each item checked
// against the schema at its position) as prefixItems, its 2020-12 name, so
// that a draft-4 schema means the same inside a 2020-12 document.
func draft4ItemsTo2020(data []byte) ([]byte, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	var walk func(v any, inProperties bool)
	walk = func(v any, inProperties bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if !inProperties && k == "items" {
					if list, ok := e.([]any); ok {
						delete(v, "items")
						v["prefixItems"] = list
					}
				}
				// The members of properties and definitions are names,
				// whose values are schemas.
				walk(e, !inProperties && (k == "properties" || k == "definitions" || k == "patternProperties"))
			}
		case []any:
			for _, e := range v {
				walk(e, false)
			}
		}
	}
	walk(v, false)
	return json.Marshal(v)
}

var versionPattern = regexp.MustCompile(`^v?(\d+)(?:\.(\d+))?(?:\.\d+)?(?:[-+][0-9A-Za-z.-]*)?$`)

// minorVersion reads "3.0.3" (or "3.0", "3", "v3.0.3-rc1") as "3.0".
func minorVersion(v string) (string, error) {
	m := versionPattern.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("malformed version: %q", v)
	}
	minor := m[2]
	if minor == "" {
		minor = "0"
	}
	major, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(minor)
	return fmt.Sprintf("%d.%d", major, n), nil
}

// schemaStatusSuccess is the status of a schema answer, as the gateway
// words it.
const schemaStatusSuccess = "Success"

// msgNoSchema prefixes the error of a version without a schema, as the
// description words it.
const msgNoSchema = "Could not retrieve schema. "

// schemaJSON answers v, indented when the pretty query parameter asks for
// it.
func (c *call) schemaJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode the schema: "+err.Error())
		return
	}
	if c.queryBool("pretty") {
		var out bytes.Buffer
		if err := json.Indent(&out, b, "", "  "); err == nil {
			b = out.Bytes()
		}
	}
	c.raw(http.StatusOK, "application/json", b)
}

func getOASSchema(c *call)        { c.oasSchema(schemaOAS, c.query("oasVersion")) }
func getStreamsOASSchema(c *call) { c.oasSchema(schemaStreams, c.query("oasVersion")) }

func (c *call) oasSchema(kind schemaKind, version string) {
	b, err := apiSchema(kind, version)
	if err != nil {
		c.fail(http.StatusInternalServerError, msgNoSchema+err.Error())
		return
	}
	c.schemaJSON(model.OASSchemaResponse{Status: schemaStatusSuccess, Schema: b})
}

func getAllAPIDefSchemas(c *call) {
	version := c.query("oasVersion")
	o, err := apiSchema(schemaOAS, version)
	if err == nil {
		var s []byte
		if s, err = apiSchema(schemaStreams, version); err == nil {
			c.schemaJSON(model.AllAPIDefSchemasResponse{Status: schemaStatusSuccess,
				Schemas: model.APIDefSchemas{OAS: o, StreamsOAS: s}})
			return
		}
	}
	c.fail(http.StatusInternalServerError, msgNoSchema+err.Error())
}

// getMCPSchema answers the schema of MCP proxies, which are Tyk OAS
// documents checked like any other: the bare schema, not an envelope, as
// the description shows.
func getMCPSchema(c *call) {
	b, err := apiSchema(schemaOAS, c.query("mcpVersion"))
	if err != nil {
		c.fail(http.StatusInternalServerError, "Failed to load MCP schema: "+err.Error())
		return
	}
	c.schemaJSON(json.RawMessage(b))
}
