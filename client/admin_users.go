package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// AdminUsersService manages users through the Admin API (admin secret), in
// any organisation. A user created without an OrgID is a super user who
// sees every organisation.
type AdminUsersService struct{ c *Client }

// write sends u and reads the Admin API's answer about a user: the user in
// Meta, its access key in Message. It reports false when Meta holds no
// user, which some Dashboards answer to an update.
func (s *AdminUsersService) write(ctx context.Context, method, path string, u *model.User) (*model.User, bool, error) {
	var out struct {
		Message string          `json:"Message"`
		Meta    json.RawMessage `json:"Meta"`
	}
	if err := s.c.adminJSON(ctx, method, path, nil, u, &out); err != nil {
		return nil, false, err
	}
	meta := bytes.TrimSpace(out.Meta)
	if len(meta) == 0 || meta[0] != '{' {
		return nil, false, nil
	}
	var user model.User
	if err := json.Unmarshal(meta, &user); err != nil {
		return nil, false, fmt.Errorf("%s %s: decode the user in Meta: %w", method, path, err)
	}
	if user.AccessKey == "" {
		user.AccessKey = out.Message
	}
	return &user, true, nil
}

// Create creates a user, without a password, and returns it with its id
// and API secret (AccessKey).
//
// POST /admin/users
func (s *AdminUsersService) Create(ctx context.Context, u *model.User) (*model.User, error) {
	user, ok, err := s.write(ctx, http.MethodPost, "/admin/users", u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &ResponseError{Method: http.MethodPost, Path: "/admin/users", StatusCode: http.StatusOK,
			Err: errors.New("the answer carries no user in Meta")}
	}
	return user, nil
}

// Get returns a user of any organisation.
//
// GET /admin/users/{userId}
func (s *AdminUsersService) Get(ctx context.Context, id string) (*model.User, error) {
	if id == "" {
		return nil, errEmpty("user id")
	}
	var out model.User
	if err := s.c.adminJSON(ctx, http.MethodGet, route("/admin/users/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes a user of any organisation and returns it as stored
// (read back with Get when the answer does not carry it).
//
// PUT /admin/users/{userId}
func (s *AdminUsersService) Update(ctx context.Context, id string, u *model.User) (*model.User, error) {
	if id == "" {
		return nil, errEmpty("user id")
	}
	user, ok, err := s.write(ctx, http.MethodPut, route("/admin/users/%s", id), u)
	if err != nil || ok {
		return user, err
	}
	// The answer did not carry the user: read it back.
	return s.Get(ctx, id)
}

// AllowResetPasswords lets a user reset the passwords of the users of its
// organisation.
//
// PUT /admin/users/{userId}/actions/allow_reset_passwords
func (s *AdminUsersService) AllowResetPasswords(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.adminJSON(ctx, http.MethodPut, route("/admin/users/%s/actions/allow_reset_passwords", id), nil, nil, nil)
}

// DisallowResetPasswords takes back AllowResetPasswords.
//
// PUT /admin/users/{userId}/actions/disallow_reset_passwords
func (s *AdminUsersService) DisallowResetPasswords(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user id")
	}
	return s.c.adminJSON(ctx, http.MethodPut, route("/admin/users/%s/actions/disallow_reset_passwords", id), nil, nil, nil)
}
