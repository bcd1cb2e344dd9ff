package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// UsersService manages the users of the caller's organisation. A user's
// AccessKey is the API secret it calls the Dashboard API with.
type UsersService struct{ c *Client }

// List returns one page of the organisation's users.
//
// GET /api/users
func (s *UsersService) List(ctx context.Context, opts ListOptions) (*Page[model.User], error) {
	return s.list(ctx, http.MethodGet, "/api/users", opts.values(nil), nil, opts.Page)
}

// All iterates over every user of the organisation.
func (s *UsersService) All(ctx context.Context, opts ListOptions) iter.Seq2[model.User, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.User], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// Search returns one page of the users whose email address or name matches
// query.
//
// GET /api/users/search
func (s *UsersService) Search(ctx context.Context, query string, opts ListOptions) (*Page[model.User], error) {
	q := opts.values(nil)
	setIf(q, "q", query)
	return s.list(ctx, http.MethodGet, "/api/users/search", q, nil, opts.Page)
}

// SearchFilters is Search with the query in a body instead of the URL
// (schema UserSearchPayload), for queries that should not appear in
// access logs.
//
// POST /api/users/search
func (s *UsersService) SearchFilters(ctx context.Context, query string, opts ListOptions) (*Page[model.User], error) {
	body := map[string]any{"filters": map[string]string{"query": query}}
	return s.list(ctx, http.MethodPost, "/api/users/search", opts.values(nil), body, opts.Page)
}

func (s *UsersService) list(ctx context.Context, method, path string, q url.Values, body any, page int) (*Page[model.User], error) {
	var out model.UserListResponse
	if err := s.c.doJSON(ctx, method, path, q, body, &out); err != nil {
		return nil, err
	}
	return newPage(out.Users, page, out.Pages), nil
}

// Get returns a user.
//
// GET /api/users/{userId}
func (s *UsersService) Get(ctx context.Context, id string) (*model.User, error) {
	if id == "" {
		return nil, errEmpty("user id")
	}
	var out model.User
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/users/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Me returns the user whose secret the client calls with.
//
// GET /api/users/me
func (s *UsersService) Me(ctx context.Context) (*model.User, error) {
	var out model.User
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/users/me", nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates a user in the caller's organisation and returns its id.
// A Password set on u becomes the user's password; the Dashboard never
// returns it.
//
// POST /api/users
func (s *UsersService) Create(ctx context.Context, u *model.User) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/users", nil, u, &out); err != nil {
		return "", err
	}
	return metaString(&out), nil
}

// Update changes a user. Only an admin may change permissions, its own
// included.
//
// PUT /api/users/{userId}
func (s *UsersService) Update(ctx context.Context, id string, u *model.User) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/users/%s", id), nil, u, nil)
}

// Delete deletes a user; its secret stops working at once.
//
// DELETE /api/users/{userId}
func (s *UsersService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/users/%s", id), nil, nil, nil)
}

// SetPassword sets a user's password. To change a password that is set,
// current must be the present one.
//
// POST /api/users/{userId}/actions/reset
func (s *UsersService) SetPassword(ctx context.Context, id, current, newPassword string) error {
	if id == "" {
		return errEmpty("user id")
	}
	body := map[string]string{"new_password": newPassword}
	if current != "" {
		body["current_password"] = current
	}
	return s.c.doJSON(ctx, http.MethodPost, route("/api/users/%s/actions/reset", id), nil, body, nil)
}

// ResetKey gives a user a new API secret; the old one stops working at
// once. Get the user to read the new one. A client calling with the old
// secret must be made anew.
//
// PUT /api/users/{userId}/actions/key/reset
func (s *UsersService) ResetKey(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/users/%s/actions/key/reset", id), nil, nil, nil)
}

// Revoke revokes a user's access to the Dashboard.
//
// PUT /api/users/{userId}/actions/revoke
func (s *UsersService) Revoke(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/users/%s/actions/revoke", id), nil, nil, nil)
}
