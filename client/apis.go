package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// APIsService manages API definitions as the Dashboard stores them: in an
// APIDefinitionWrapper, for classic and OAS APIs alike. An OAS API appears
// here with APIDefinition.IsOAS set and its document in OAS; to change an
// OAS API's document use OASService.
type APIsService struct{ c *Client }

// ListAPIsOptions filters and pages GET /api/apis. Empty fields are not
// sent.
type ListAPIsOptions struct {
	ListOptions
	// Query matches API names (q).
	Query string
	// Category keeps the APIs of some categories, comma separated
	// (category).
	Category string
	// APIType keeps the APIs of one type: "rest", "graphql", "tcp",
	// "internal"... (api_type).
	APIType string
	// AuthType keeps the APIs of some authentication types, comma
	// separated model.Auth* constants (auth_type).
	AuthType string
	// Sort orders the list: "name", "created_at", "updated_at", with "-" in
	// front for descending (sort).
	Sort string
}

func (o ListAPIsOptions) values() url.Values {
	q := o.ListOptions.values(nil)
	setIf(q, "q", o.Query)
	setIf(q, "category", o.Category)
	setIf(q, "api_type", o.APIType)
	setIf(q, "auth_type", o.AuthType)
	setIf(q, "sort", o.Sort)
	return q
}

// setIf sets q[key] when v is not empty.
func setIf(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

// List returns one page of the APIs of the caller's organisation.
//
// GET /api/apis
func (s *APIsService) List(ctx context.Context, opts ListAPIsOptions) (*Page[model.APIDefinitionWrapper], error) {
	var out model.APIListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/apis", opts.values(), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.APIs, opts.Page, out.Pages), nil
}

// All iterates over every API that List with opts would page through,
// starting at opts.Page.
func (s *APIsService) All(ctx context.Context, opts ListAPIsOptions) iter.Seq2[model.APIDefinitionWrapper, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.APIDefinitionWrapper], error) {
		o := opts
		o.Page = page
		return s.List(ctx, o)
	})
}

// Search returns one page of the APIs whose name matches query.
//
// GET /api/apis/search
func (s *APIsService) Search(ctx context.Context, query string, opts ListOptions) (*Page[model.APIDefinitionWrapper], error) {
	q := opts.values(nil)
	setIf(q, "q", query)
	var out model.APIListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/apis/search", q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.APIs, opts.Page, out.Pages), nil
}

// Get returns an API by its database id or its api_id. An unknown API is
// ErrNotFound (the Dashboard answers 400 here).
//
// GET /api/apis/{apiId}
func (s *APIsService) Get(ctx context.Context, id string) (*model.APIDefinitionWrapper, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out model.APIDefinitionWrapper
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreatedAPI identifies an API the Dashboard has just created.
type CreatedAPI struct {
	// ID is the database id (24 hex characters).
	ID string
	// APIID is the api_id, the id the gateway and keys know the API by.
	APIID string
}

func createdAPI(r *model.APIResponse) *CreatedAPI {
	return &CreatedAPI{ID: metaString(r), APIID: r.ID}
}

// Create creates a classic API from api. The Dashboard generates the ids it
// is not given.
//
// POST /api/apis
func (s *APIsService) Create(ctx context.Context, api *model.APIDefinitionWrapper) (*CreatedAPI, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/apis", nil, api, &out); err != nil {
		return nil, err
	}
	return createdAPI(&out), nil
}

// Update replaces the API with database id or api_id id by api. Members of
// api that this package does not know are sent back as they came, so a Get,
// a change and an Update lose nothing.
//
// PUT /api/apis/{apiId}
func (s *APIsService) Update(ctx context.Context, id string, api *model.APIDefinitionWrapper) error {
	if id == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/apis/%s", id), nil, api, nil)
}

// Delete deletes an API, classic or OAS, by database id or api_id.
//
// DELETE /api/apis/{apiId}
func (s *APIsService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/apis/%s", id), nil, nil, nil)
}
