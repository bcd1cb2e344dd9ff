package client

import (
	"context"
	"encoding/json"
	"net/http"
)

// StreamsContentType is the media type of a Tyk Streams API document, which
// the Dashboard's streams routes ask for.
const StreamsContentType = "application/vnd.tyk.streams.oas"

// StreamsService manages Tyk Streams APIs: Tyk OAS documents that also carry
// x-tyk-streaming. A document is given as []byte, string or
// json.RawMessage (JSON or YAML), or any value that encodes to JSON.
type StreamsService struct{ c *Client }

// Create creates a Streams API from doc, which needs x-tyk-api-gateway and
// x-tyk-streaming.
//
// POST /api/apis/streams
func (s *StreamsService) Create(ctx context.Context, doc any) (*CreatedAPI, error) {
	return streamsDocuments.create(ctx, s.c, streamsDocuments.base, doc, nil)
}

// Get returns the document of a Streams API (by api_id or db id).
//
// GET /api/apis/streams/{apiId}
func (s *StreamsService) Get(ctx context.Context, id string) (json.RawMessage, error) {
	return streamsDocuments.get(ctx, s.c, id)
}

// Update replaces a Streams API with doc; a doc without x-tyk-api-gateway or
// without x-tyk-streaming keeps the stored one.
//
// PUT /api/apis/streams/{apiId}
func (s *StreamsService) Update(ctx context.Context, id string, doc any) error {
	return streamsDocuments.replace(ctx, s.c, http.MethodPut, id, doc, nil)
}

// Patch replaces the OpenAPI part of a Streams API with doc, keeping its Tyk
// parts unless doc has them, and applies opts as an import does.
//
// PATCH /api/apis/streams/{apiId}
func (s *StreamsService) Patch(ctx context.Context, id string, doc any, opts *ImportOptions) error {
	return streamsDocuments.replace(ctx, s.c, http.MethodPatch, id, doc, opts.values())
}

// Delete deletes a Streams API.
//
// DELETE /api/apis/streams/{apiId}
func (s *StreamsService) Delete(ctx context.Context, id string) error {
	return streamsDocuments.delete(ctx, s.c, id)
}
