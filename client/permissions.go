package client

import (
	"context"
	"net/http"
)

// PermissionsService reads and sets the organisation's additional
// permissions: custom sections that users' permissions can name, beside the
// built-in ones (apis, keys, policies...). Admin users only.
type PermissionsService struct{ c *Client }

type additionalPermissions struct {
	AdditionalPermissions map[string]string `json:"additional_permissions"`
}

// Get returns the additional permissions: each key is a permission, each
// value its display name.
//
// GET /api/org/permissions
func (s *PermissionsService) Get(ctx context.Context) (map[string]string, error) {
	var out additionalPermissions
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/org/permissions", nil, nil, &out); err != nil {
		return nil, err
	}
	if out.AdditionalPermissions == nil {
		out.AdditionalPermissions = map[string]string{}
	}
	return out.AdditionalPermissions, nil
}

// Set replaces the additional permissions.
//
// PUT /api/org/permissions
func (s *PermissionsService) Set(ctx context.Context, perms map[string]string) error {
	if perms == nil {
		perms = map[string]string{}
	}
	return s.c.doJSON(ctx, http.MethodPut, "/api/org/permissions", nil, additionalPermissions{perms}, nil)
}
