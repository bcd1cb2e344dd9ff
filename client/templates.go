package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// TemplatesService manages API templates: Dashboard assets of kind
// "oas-template", whose data is a partial Tyk OAS document that OAS.Create
// and OAS.Import can start from (ImportOptions.TemplateID).
type TemplatesService struct{ c *Client }

// List returns the templates of the caller's organisation. The Dashboard
// does not page assets: the page is always the only one.
//
// GET /api/assets
func (s *TemplatesService) List(ctx context.Context) (*Page[model.Asset], error) {
	var out []model.Asset
	q := url.Values{"kind": {model.AssetKindOASTemplate}}
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/assets", q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out, 1, 1), nil
}

// All iterates over every template.
func (s *TemplatesService) All(ctx context.Context) iter.Seq2[model.Asset, error] {
	return all(ctx, 1, func(ctx context.Context, _ int) (*Page[model.Asset], error) {
		return s.List(ctx)
	})
}

// Get returns a template by its custom id or its _id.
//
// GET /api/assets/{assetID}
func (s *TemplatesService) Get(ctx context.Context, id string) (*model.Asset, error) {
	if id == "" {
		return nil, errEmpty("template id")
	}
	var out model.Asset
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/assets/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreatedAsset identifies a template the Dashboard has just created.
type CreatedAsset struct {
	// ID is the custom id: the one given, or one the Dashboard generated.
	ID string
	// MID is the database id (_id).
	MID string
}

// Create creates a template. Name and Description are required; Kind is set
// to "oas-template" when empty; ID is generated when empty. A duplicate id
// is ErrConflict.
//
// POST /api/assets
func (s *TemplatesService) Create(ctx context.Context, t *model.Asset) (*CreatedAsset, error) {
	if t == nil {
		return nil, errEmpty("template")
	}
	body := *t
	if body.Kind == "" {
		body.Kind = model.AssetKindOASTemplate
	}
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/assets", nil, body, &out); err != nil {
		return nil, err
	}
	return &CreatedAsset{ID: out.ID, MID: metaString(&out)}, nil
}

// Update replaces a template, found by its custom id or _id.
//
// PUT /api/assets/{assetID}
func (s *TemplatesService) Update(ctx context.Context, id string, t *model.Asset) error {
	if id == "" {
		return errEmpty("template id")
	}
	if t == nil {
		return errEmpty("template")
	}
	body := *t
	if body.Kind == "" {
		body.Kind = model.AssetKindOASTemplate
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/assets/%s", id), nil, body, nil)
}

// Delete deletes a template. APIs created from it are not affected: they
// keep no link to their template.
//
// DELETE /api/assets/{assetID}
func (s *TemplatesService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("template id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/assets/%s", id), nil, nil, nil)
}
