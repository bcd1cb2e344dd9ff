package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// ExamplesService reads the Dashboard's catalogue of example APIs: API
// definitions to start from, each at a location such as "udg/vat-checker".
// By default the Dashboard reads Tyk's tyk-examples repository; the options
// name another index file or repository.
type ExamplesService struct{ c *Client }

// ExamplesSource names where the Dashboard reads examples from; empty
// fields are the Dashboard's defaults.
type ExamplesSource struct {
	// Index is the URL of the index file (repository.json) or of the root
	// of a repository of examples (header x-tyk-examples-index).
	Index string
	// RepoURL is the repository the examples are read from (header
	// x-tyk-repo-url); only Get sends it.
	RepoURL string
}

func (o ExamplesSource) header(withRepo bool) http.Header {
	h := http.Header{}
	if o.Index != "" {
		h.Set("x-tyk-examples-index", o.Index)
	}
	if withRepo && o.RepoURL != "" {
		h.Set("x-tyk-repo-url", o.RepoURL)
	}
	return h
}

// List returns every example of the catalogue: its location, name and
// short description.
//
// GET /api/examples
func (s *ExamplesService) List(ctx context.Context, src ExamplesSource) ([]model.ExampleAPIMetadata, error) {
	req := &request{method: http.MethodGet, path: "/api/examples", header: src.header(false)}
	var out []model.ExampleAPIMetadata
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleOptions select what Get answers besides an example's details.
type ExampleOptions struct {
	ExamplesSource
	// Readme asks for the example's readme.
	Readme bool
	// APIDefinition asks for its definition: APIDefinition of the answer
	// for a classic API, OAS for a Tyk OAS one.
	APIDefinition bool
}

// Get returns the example at location ("udg/vat-checker"): its name,
// description, features and the lowest Tyk version it needs, and what opts
// ask for. An unknown location is ErrNotFound.
//
// GET /api/examples/{location}
func (s *ExamplesService) Get(ctx context.Context, location string, opts ExampleOptions) (*model.DetailedExampleAPIMetadata, error) {
	if location == "" {
		return nil, errEmpty("example location")
	}
	q := url.Values{}
	if opts.Readme {
		q.Set("readme", "true")
	}
	if opts.APIDefinition {
		q.Set("apiDef", "true")
	}
	req := &request{method: http.MethodGet, path: route("/api/examples/%s", location), query: q, header: opts.header(true)}
	var out model.DetailedExampleAPIMetadata
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
