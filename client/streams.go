package client

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// StreamsContentType is the media type of a Tyk Streams API document, which
// the Dashboard's streams routes ask for.
const StreamsContentType = "application/vnd.tyk.streams.oas"

// StreamsService manages Tyk Streams APIs: Tyk OAS documents that also carry
// x-tyk-streaming. A document is given as []byte, string or
// json.RawMessage (JSON or YAML), or any value that encodes to JSON.
type StreamsService struct{ c *Client }

func streamsRequest(method, path string, doc any) (*request, error) {
	req, err := docRequest(method, path, doc)
	if err != nil {
		return nil, err
	}
	if req.contentType == "application/json" {
		req.contentType = StreamsContentType
	}
	return req, nil
}

// Create creates a Streams API from doc, which needs x-tyk-api-gateway and
// x-tyk-streaming.
//
// POST /api/apis/streams
func (s *StreamsService) Create(ctx context.Context, doc any) (*CreatedAPI, error) {
	req, err := streamsRequest(http.MethodPost, "/api/apis/streams", doc)
	if err != nil {
		return nil, err
	}
	var out model.APIResponse
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return createdAPI(&out), nil
}

// Get returns the document of a Streams API (by api_id or db id).
//
// GET /api/apis/streams/{apiId}
func (s *StreamsService) Get(ctx context.Context, id string) (json.RawMessage, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out json.RawMessage
	req := &request{method: http.MethodGet, path: route("/api/apis/streams/%s", id)}
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Update replaces a Streams API with doc; a doc without x-tyk-api-gateway or
// without x-tyk-streaming keeps the stored one.
//
// PUT /api/apis/streams/{apiId}
func (s *StreamsService) Update(ctx context.Context, id string, doc any) error {
	if id == "" {
		return errEmpty("API id")
	}
	req, err := streamsRequest(http.MethodPut, route("/api/apis/streams/%s", id), doc)
	if err != nil {
		return err
	}
	_, err = s.c.call(ctx, req, nil)
	return err
}

// Patch replaces the OpenAPI part of a Streams API with doc, keeping its Tyk
// parts unless doc has them, and applies opts as an import does.
//
// PATCH /api/apis/streams/{apiId}
func (s *StreamsService) Patch(ctx context.Context, id string, doc any, opts *ImportOptions) error {
	if id == "" {
		return errEmpty("API id")
	}
	req, err := streamsRequest(http.MethodPatch, route("/api/apis/streams/%s", id), doc)
	if err != nil {
		return err
	}
	req.query = opts.values()
	_, err = s.c.call(ctx, req, nil)
	return err
}

// Delete deletes a Streams API.
//
// DELETE /api/apis/streams/{apiId}
func (s *StreamsService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/apis/streams/%s", id), nil, nil, nil)
}
