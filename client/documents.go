package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// documentRoutes is the plumbing the OAS, Streams and MCP services share:
// routes under one base path whose bodies are Tyk OAS documents (an OpenAPI
// document with x-tyk-api-gateway) and whose answers are such a document or
// the envelope of the API a POST created. The services differ only in their
// base path and in the media type their routes take for a JSON document.
type documentRoutes struct {
	// base is the collection's path: base+"/{apiId}" is one document.
	base string
	// jsonType is the Content-Type of a document given as JSON; YAML is
	// always sent as application/x-yaml.
	jsonType string
}

var (
	oasDocuments     = documentRoutes{base: "/api/apis/oas", jsonType: "application/json"}
	streamsDocuments = documentRoutes{base: "/api/apis/streams", jsonType: StreamsContentType}
	mcpDocuments     = documentRoutes{base: "/api/mcps", jsonType: "application/json"}
)

// item is the escaped path of the document with id.
func (d documentRoutes) item(id string) string { return route(d.base+"/%s", id) }

// create sends doc to path (the collection, or a route that creates from a
// document) with query and returns the ids of the API it created.
func (d documentRoutes) create(ctx context.Context, c *Client, path string, doc any, query url.Values) (*CreatedAPI, error) {
	req, err := d.request(http.MethodPost, path, doc)
	if err != nil {
		return nil, err
	}
	req.query = query
	return c.createAPI(ctx, req)
}

// get returns the document with id as the Dashboard sends it.
func (d documentRoutes) get(ctx context.Context, c *Client, id string) (json.RawMessage, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out json.RawMessage
	if err := c.doJSON(ctx, http.MethodGet, d.item(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// replace sends doc to the document with id: PUT replaces it, PATCH its
// OpenAPI part, with query.
func (d documentRoutes) replace(ctx context.Context, c *Client, method, id string, doc any, query url.Values) error {
	if id == "" {
		return errEmpty("API id")
	}
	req, err := d.request(method, d.item(id), doc)
	if err != nil {
		return err
	}
	req.query = query
	_, err = c.call(ctx, req, nil)
	return err
}

// delete deletes the document with id.
func (d documentRoutes) delete(ctx context.Context, c *Client, id string) error {
	if id == "" {
		return errEmpty("API id")
	}
	return c.doJSON(ctx, http.MethodDelete, d.item(id), nil, nil, nil)
}

// createAPI sends req and returns the ids of the API the answer's envelope
// names.
func (c *Client) createAPI(ctx context.Context, req *request) (*CreatedAPI, error) {
	var out model.APIResponse
	if _, err := c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return createdAPI(&out), nil
}

// request builds a request to path whose body is doc: a []byte,
// json.RawMessage or string holding JSON or YAML (sent as such, with the
// matching Content-Type), or any value that encodes to JSON.
func (d documentRoutes) request(method, path string, doc any) (*request, error) {
	var b []byte
	switch v := doc.(type) {
	case nil:
		return nil, fmt.Errorf("client: %s %s: no document: %w", method, path, ErrInvalid)
	case []byte:
		b = v
	case json.RawMessage:
		b = v
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(doc); err != nil {
			return nil, fmt.Errorf("client: encode %s %s document: %w", method, path, err)
		}
	}
	ct := d.jsonType
	if !json.Valid(b) {
		// Not JSON: the Dashboard reads YAML when told so, and says what is
		// wrong with the document when it is neither.
		ct = "application/x-yaml"
	}
	return &request{method: method, path: path, body: b, contentType: ct, hasBody: true}, nil
}
