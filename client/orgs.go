package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// OrgsService manages organisations through the Admin API (admin secret).
// Deleting an organisation deletes everything it owns.
type OrgsService struct{ c *Client }

// List returns one page of the organisations.
//
// GET /admin/organisations
func (s *OrgsService) List(ctx context.Context, opts ListOptions) (*Page[model.Organisation], error) {
	var out model.OrganisationListResponse
	if err := s.c.adminJSON(ctx, http.MethodGet, "/admin/organisations", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Organisations, opts.Page, out.Pages), nil
}

// All iterates over every organisation.
func (s *OrgsService) All(ctx context.Context, opts ListOptions) iter.Seq2[model.Organisation, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.Organisation], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// Get returns an organisation.
//
// GET /admin/organisations/{orgID}
func (s *OrgsService) Get(ctx context.Context, id string) (*model.Organisation, error) {
	if id == "" {
		return nil, errEmpty("organisation id")
	}
	var out model.Organisation
	if err := s.c.adminJSON(ctx, http.MethodGet, route("/admin/organisations/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates an organisation and returns its generated id.
//
// POST /admin/organisations
func (s *OrgsService) Create(ctx context.Context, org *model.Organisation) (string, error) {
	var out model.APIResponse
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/organisations", nil, org, &out); err != nil {
		return "", err
	}
	return metaString(&out), nil
}

// Import creates an organisation keeping org.ID, as when moving it from
// another Dashboard, and returns the id.
//
// POST /admin/organisations/import
func (s *OrgsService) Import(ctx context.Context, org *model.Organisation) (string, error) {
	if org == nil || org.ID == "" {
		return "", errEmpty("organisation id")
	}
	var out model.APIResponse
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/organisations/import", nil, org, &out); err != nil {
		return "", err
	}
	if id := metaString(&out); id != "" {
		return id, nil
	}
	return org.ID, nil
}

// Update replaces an organisation.
//
// PUT /admin/organisations/{orgID}
func (s *OrgsService) Update(ctx context.Context, id string, org *model.Organisation) error {
	if id == "" {
		return errEmpty("organisation id")
	}
	return s.c.adminJSON(ctx, http.MethodPut, route("/admin/organisations/%s", id), nil, org, nil)
}

// Delete deletes an organisation and everything it owns: APIs, keys,
// policies, users...
//
// DELETE /admin/organisations/{orgID}
func (s *OrgsService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("organisation id")
	}
	return s.c.adminJSON(ctx, http.MethodDelete, route("/admin/organisations/%s", id), nil, nil, nil)
}
