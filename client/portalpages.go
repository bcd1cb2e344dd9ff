package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// Pages returns a page of the portal's content pages.
//
// GET /api/portal/pages
func (s *PortalService) Pages(ctx context.Context, opts ListOptions) (*Page[model.PortalPage], error) {
	var out model.PortalPageList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/pages", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Data, opts.Page, out.Pages), nil
}

// AllPages iterates over every content page of the portal.
func (s *PortalService) AllPages(ctx context.Context, opts ListOptions) iter.Seq2[model.PortalPage, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.PortalPage], error) {
		return s.Pages(ctx, ListOptions{Page: page})
	})
}

// Page returns a content page by its id.
//
// GET /api/portal/pages/{id}
func (s *PortalService) Page(ctx context.Context, id string) (*model.PortalPage, error) {
	if id == "" {
		return nil, errEmpty("page id")
	}
	var out model.PortalPage
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/portal/pages/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreatePage creates a content page and returns its id. A slug names one
// page of the organisation.
//
// POST /api/portal/pages
func (s *PortalService) CreatePage(ctx context.Context, p *model.PortalPage) (string, error) {
	if p == nil {
		return "", errEmpty("page")
	}
	return s.create(ctx, "/api/portal/pages", p)
}

// UpdatePage replaces the content page id with p.
//
// PUT /api/portal/pages/{id}
func (s *PortalService) UpdatePage(ctx context.Context, id string, p *model.PortalPage) error {
	if id == "" {
		return errEmpty("page id")
	}
	if p == nil {
		return errEmpty("page")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/portal/pages/%s", id), nil, p, nil)
}

// DeletePage deletes a content page.
//
// DELETE /api/portal/pages/{id}
func (s *PortalService) DeletePage(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("page id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/portal/pages/%s", id), nil, nil, nil)
}
