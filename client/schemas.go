package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// SchemasService reads the JSON Schemas with which the Dashboard validates
// API definitions, to check a definition before sending it. Each schema is
// returned as the raw JSON Schema document; an empty version asks for the
// Dashboard's default (OpenAPI 3.0).
type SchemasService struct{ c *Client }

func versionQuery(name, version string) url.Values {
	if version == "" {
		return nil
	}
	return url.Values{name: {version}}
}

func (s *SchemasService) oasSchema(ctx context.Context, path, oasVersion string) (json.RawMessage, error) {
	var out model.OASSchemaResponse
	if err := s.c.doJSON(ctx, http.MethodGet, path, versionQuery("oasVersion", oasVersion), nil, &out); err != nil {
		return nil, err
	}
	return out.Schema, nil
}

// OAS returns the schema of Tyk OAS APIs of an OpenAPI version ("3.0.3",
// "3.1"): the OpenAPI meta-schema with x-tyk-api-gateway.
//
// GET /api/schemas/apidefs/oas
func (s *SchemasService) OAS(ctx context.Context, oasVersion string) (json.RawMessage, error) {
	return s.oasSchema(ctx, "/api/schemas/apidefs/oas", oasVersion)
}

// DeprecatedOAS returns the same schema as OAS from the Dashboard's older,
// deprecated route, for Dashboards that predate the other.
//
// GET /api/schema
func (s *SchemasService) DeprecatedOAS(ctx context.Context, oasVersion string) (json.RawMessage, error) {
	return s.oasSchema(ctx, "/api/schema", oasVersion)
}

// StreamsOAS returns the schema of Tyk Streams APIs: the OAS schema with
// x-tyk-streaming.
//
// GET /api/schemas/apidefs/streams-oas
func (s *SchemasService) StreamsOAS(ctx context.Context, oasVersion string) (json.RawMessage, error) {
	return s.oasSchema(ctx, "/api/schemas/apidefs/streams-oas", oasVersion)
}

// All returns the schemas of every kind of API definition at once.
//
// GET /api/schemas/apidefs
func (s *SchemasService) All(ctx context.Context, oasVersion string) (*model.APIDefSchemas, error) {
	var out model.AllAPIDefSchemasResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/schemas/apidefs", versionQuery("oasVersion", oasVersion), nil, &out); err != nil {
		return nil, err
	}
	return &out.Schemas, nil
}

// MCP returns the schema of MCP proxy definitions (POST /api/mcps).
//
// GET /api/schemas/apidefs/mcp
func (s *SchemasService) MCP(ctx context.Context, mcpVersion string) (json.RawMessage, error) {
	var out json.RawMessage
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/schemas/apidefs/mcp", versionQuery("mcpVersion", mcpVersion), nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
