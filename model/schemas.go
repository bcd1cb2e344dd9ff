package model

import "encoding/json"

// OASSchemaResponse is the answer of GET /api/schemas/apidefs/oas (and of its
// deprecated alias GET /api/schema, and of the streams schema route): a JSON
// Schema that validates a whole Tyk OAS document (schema
// OASSchemaResponse). Status is "Success" when Schema is set.
type OASSchemaResponse struct {
	Status  string          `json:"status"`
	Message string          `json:"message"`
	Schema  json.RawMessage `json:"schema,omitempty"`

	Extra Extra `json:"-"`
}

// AllAPIDefSchemasResponse is the answer of GET /api/schemas/apidefs: the
// schemas of every kind of API definition at once (schema
// AllApidefSchemasResponse).
type AllAPIDefSchemasResponse struct {
	Status  string        `json:"status"`
	Message string        `json:"message"`
	Schemas APIDefSchemas `json:"schemas"`

	Extra Extra `json:"-"`
}

// APIDefSchemas holds one JSON Schema per kind of API definition.
type APIDefSchemas struct {
	OAS        json.RawMessage `json:"oas,omitempty"`
	StreamsOAS json.RawMessage `json:"streamsOAS,omitempty"`

	Extra Extra `json:"-"`
}

// ExampleAPIMetadata is one entry of the example catalogue, GET
// /api/examples (schema ExampleAPIMetadata).
type ExampleAPIMetadata struct {
	Location         string `json:"location"`
	Name             string `json:"name"`
	ShortDescription string `json:"shortDescription"`

	Extra Extra `json:"-"`
}

// DetailedExampleAPIMetadata is one example API, GET
// /api/examples/{location} (schema DetailedExampleAPIMetadata): its
// readme and its definition (classic, or a Tyk OAS document) are set only
// when asked for.
type DetailedExampleAPIMetadata struct {
	Location      string          `json:"location"`
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	Features      []string        `json:"features"`
	MinVersion    string          `json:"min_version"`
	Readme        string          `json:"readme,omitempty"`
	APIDefinition *APIDefinition  `json:"api_definition,omitempty"`
	OAS           json.RawMessage `json:"oas,omitempty"`

	Extra Extra `json:"-"`
}
