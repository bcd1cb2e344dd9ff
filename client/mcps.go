package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// MCPService manages MCP proxies: Tyk OAS APIs in front of a Model Context
// Protocol server. A document is given as for StreamsService.
type MCPService struct{ c *Client }

// MCPListOptions selects a page of List.
type MCPListOptions struct {
	ListOptions
	// Query keeps the proxies whose name contains it.
	Query string
}

// Create creates an MCP proxy from doc, which needs x-tyk-api-gateway.
//
// POST /api/mcps
func (s *MCPService) Create(ctx context.Context, doc any) (*CreatedAPI, error) {
	return mcpDocuments.create(ctx, s.c, mcpDocuments.base, doc, nil)
}

// List returns one page of the organisation's MCP proxies, each its
// document.
//
// GET /api/mcps
func (s *MCPService) List(ctx context.Context, opts MCPListOptions) (*Page[json.RawMessage], error) {
	q := opts.values(url.Values{})
	if opts.Query != "" {
		q.Set("q", opts.Query)
	}
	var out model.MCPListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/mcps", q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.MCPs, opts.Page, out.Pages), nil
}

// All iterates over every MCP proxy of the organisation.
func (s *MCPService) All(ctx context.Context, opts MCPListOptions) iter.Seq2[json.RawMessage, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[json.RawMessage], error) {
		return s.List(ctx, MCPListOptions{ListOptions: ListOptions{Page: page}, Query: opts.Query})
	})
}

// Get returns the document of an MCP proxy. Another kind of API is an
// *APIError (400).
//
// GET /api/mcps/{apiId}
func (s *MCPService) Get(ctx context.Context, id string) (json.RawMessage, error) {
	return mcpDocuments.get(ctx, s.c, id)
}

// Update replaces an MCP proxy with doc.
//
// PUT /api/mcps/{apiId}
func (s *MCPService) Update(ctx context.Context, id string, doc any) error {
	return mcpDocuments.replace(ctx, s.c, http.MethodPut, id, doc, nil)
}

// Delete deletes an MCP proxy.
//
// DELETE /api/mcps/{apiId}
func (s *MCPService) Delete(ctx context.Context, id string) error {
	return mcpDocuments.delete(ctx, s.c, id)
}
