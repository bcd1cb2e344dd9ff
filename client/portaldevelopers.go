package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// Developers returns a page of the developers registered on the portal.
// No answer carries a developer's password.
//
// GET /api/portal/developers
func (s *PortalService) Developers(ctx context.Context, opts ListOptions) (*Page[model.PortalDeveloper], error) {
	var out model.PortalDeveloperList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/developers", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Data, opts.Page, out.Pages), nil
}

// AllDevelopers iterates over every developer of the portal.
func (s *PortalService) AllDevelopers(ctx context.Context, opts ListOptions) iter.Seq2[model.PortalDeveloper, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.PortalDeveloper], error) {
		return s.Developers(ctx, ListOptions{Page: page})
	})
}

// Developer returns a developer by id.
//
// GET /api/portal/developers/{id}
func (s *PortalService) Developer(ctx context.Context, id string) (*model.PortalDeveloper, error) {
	if id == "" {
		return nil, errEmpty("developer id")
	}
	return s.developer(ctx, route("/api/portal/developers/%s", id))
}

// DeveloperByEmail returns the developer with email (without case).
//
// GET /api/portal/developers/email/{email}
func (s *PortalService) DeveloperByEmail(ctx context.Context, email string) (*model.PortalDeveloper, error) {
	if email == "" {
		return nil, errEmpty("developer email")
	}
	return s.developer(ctx, route("/api/portal/developers/email/%s", email))
}

func (s *PortalService) developer(ctx context.Context, path string) (*model.PortalDeveloper, error) {
	var out model.PortalDeveloper
	if err := s.c.doJSON(ctx, http.MethodGet, path, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateDeveloper registers a developer and returns its id. d.Password,
// when set, becomes the developer's password.
//
// POST /api/portal/developers
func (s *PortalService) CreateDeveloper(ctx context.Context, d *model.PortalDeveloper) (string, error) {
	if d == nil {
		return "", errEmpty("developer")
	}
	return s.create(ctx, "/api/portal/developers", d)
}

// UpdateDeveloper replaces the developer id with d. A developer read with
// Developer has no password; sent back, it keeps the one it has.
//
// PUT /api/portal/developers/{id}
func (s *PortalService) UpdateDeveloper(ctx context.Context, id string, d *model.PortalDeveloper) error {
	if id == "" {
		return errEmpty("developer id")
	}
	if d == nil {
		return errEmpty("developer")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/portal/developers/%s", id), nil, d, nil)
}

// DeleteDeveloper deletes a developer.
//
// DELETE /api/portal/developers/{id}
func (s *PortalService) DeleteDeveloper(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("developer id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/portal/developers/%s", id), nil, nil, nil)
}

// VerifyDeveloperCredentials checks a developer's email and password, for
// a portal of one's own: nil when they match; when they do not, an
// *APIError with status 401 (errors.Is ErrUnauthorized).
//
// POST /api/portal/developers/verify_credentials
func (s *PortalService) VerifyDeveloperCredentials(ctx context.Context, email, password string) error {
	if email == "" {
		return errEmpty("developer email")
	}
	body := map[string]string{"username": email, "password": password}
	return s.c.doJSON(ctx, http.MethodPost, "/api/portal/developers/verify_credentials", nil, body, nil)
}

// SetDeveloperPassword sets a developer's password.
//
// POST /api/portal/developers/password/{id}
func (s *PortalService) SetDeveloperPassword(ctx context.Context, id, password string) error {
	if id == "" {
		return errEmpty("developer id")
	}
	if password == "" {
		return errEmpty("password")
	}
	return s.c.doJSON(ctx, http.MethodPost, route("/api/portal/developers/password/%s", id), nil, map[string]string{"password": password}, nil)
}
