package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// PortalService manages an organisation's classic developer portal
// (/api/portal/...): its API catalogue and the catalogue's documentation,
// its configuration, menus, CSS and JavaScript. An organisation has one of
// each; Create sets one up (or replaces it, keeping its id), Update
// replaces one that exists, and reading one the organisation has not set
// up is ErrNotFound.
//
// Catalogue entries are tied to policies (PolicyID is a policy's _id). The
// catalogue is read and written whole: to add an entry, read it, append,
// and Update it.
type PortalService struct{ c *Client }

// create posts body and returns the id a portal create answers in its Message.
func (s *PortalService) create(ctx context.Context, path string, body any) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, path, nil, body, &out); err != nil {
		return "", err
	}
	return out.Message, nil
}

// Catalogue returns the organisation's API catalogue.
//
// GET /api/portal/catalogue
func (s *PortalService) Catalogue(ctx context.Context) (*model.PortalCatalogue, error) {
	var out model.PortalCatalogue
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/catalogue", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateCatalogue sets up the organisation's catalogue and returns its id.
//
// POST /api/portal/catalogue
func (s *PortalService) CreateCatalogue(ctx context.Context, cat *model.PortalCatalogue) (string, error) {
	if cat == nil {
		return "", errEmpty("catalogue")
	}
	return s.create(ctx, "/api/portal/catalogue", cat)
}

// UpdateCatalogue replaces the organisation's catalogue: every entry of
// cat, and no other.
//
// PUT /api/portal/catalogue
func (s *PortalService) UpdateCatalogue(ctx context.Context, cat *model.PortalCatalogue) error {
	if cat == nil {
		return errEmpty("catalogue")
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/portal/catalogue", nil, cat, nil)
}

// CreateDocumentation stores the documentation of a catalogue entry and
// returns its id, which the entry names in its Documentation. For doc type
// swagger the document is base64-encoded in d.Documentation.
//
// POST /api/portal/documentation
func (s *PortalService) CreateDocumentation(ctx context.Context, d *model.PortalDocumentation) (string, error) {
	if d == nil {
		return "", errEmpty("documentation")
	}
	return s.create(ctx, "/api/portal/documentation", d)
}

// DeleteDocumentation deletes documentation; catalogue entries that named
// it no longer do.
//
// DELETE /api/portal/documentation/{id}
func (s *PortalService) DeleteDocumentation(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("documentation id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/portal/documentation/%s", id), nil, nil, nil)
}

// Configuration returns the portal's configuration.
//
// GET /api/portal/configuration
func (s *PortalService) Configuration(ctx context.Context) (*model.PortalConfig, error) {
	var out model.PortalConfig
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/configuration", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateConfiguration sets up the portal's configuration and returns its id.
//
// POST /api/portal/configuration
func (s *PortalService) CreateConfiguration(ctx context.Context, cfg *model.PortalConfig) (string, error) {
	if cfg == nil {
		return "", errEmpty("portal configuration")
	}
	return s.create(ctx, "/api/portal/configuration", cfg)
}

// UpdateConfiguration replaces the portal's configuration.
//
// PUT /api/portal/configuration
func (s *PortalService) UpdateConfiguration(ctx context.Context, cfg *model.PortalConfig) error {
	if cfg == nil {
		return errEmpty("portal configuration")
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/portal/configuration", nil, cfg, nil)
}

// Menus returns the portal's menus.
//
// GET /api/portal/menus
func (s *PortalService) Menus(ctx context.Context) (*model.PortalMenus, error) {
	var out model.PortalMenus
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/menus", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateMenus sets up the portal's menus and returns their id.
//
// POST /api/portal/menus
func (s *PortalService) CreateMenus(ctx context.Context, m *model.PortalMenus) (string, error) {
	if m == nil {
		return "", errEmpty("portal menus")
	}
	return s.create(ctx, "/api/portal/menus", m)
}

// UpdateMenus replaces the portal's menus.
//
// PUT /api/portal/menus
func (s *PortalService) UpdateMenus(ctx context.Context, m *model.PortalMenus) error {
	if m == nil {
		return errEmpty("portal menus")
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/portal/menus", nil, m, nil)
}

// CSS returns the portal's style sheets.
//
// GET /api/portal/css
func (s *PortalService) CSS(ctx context.Context) (*model.PortalCSS, error) {
	var out model.PortalCSS
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/css", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateCSS sets up the portal's style sheets and returns their id.
//
// POST /api/portal/css
func (s *PortalService) CreateCSS(ctx context.Context, css *model.PortalCSS) (string, error) {
	if css == nil {
		return "", errEmpty("portal CSS")
	}
	return s.create(ctx, "/api/portal/css", css)
}

// UpdateCSS replaces the portal's style sheets.
//
// PUT /api/portal/css
func (s *PortalService) UpdateCSS(ctx context.Context, css *model.PortalCSS) error {
	if css == nil {
		return errEmpty("portal CSS")
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/portal/css", nil, css, nil)
}

// JS returns the portal's JavaScript.
//
// GET /api/portal/js
func (s *PortalService) JS(ctx context.Context) (*model.PortalJS, error) {
	var out model.PortalJS
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/js", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateJS sets up the portal's JavaScript and returns its id.
//
// POST /api/portal/js
func (s *PortalService) CreateJS(ctx context.Context, js *model.PortalJS) (string, error) {
	if js == nil {
		return "", errEmpty("portal JavaScript")
	}
	return s.create(ctx, "/api/portal/js", js)
}

// UpdateJS replaces the portal's JavaScript.
//
// PUT /api/portal/js
func (s *PortalService) UpdateJS(ctx context.Context, js *model.PortalJS) error {
	if js == nil {
		return errEmpty("portal JavaScript")
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/portal/js", nil, js, nil)
}
