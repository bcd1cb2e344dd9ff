package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// UserGroupsService manages user groups: a user in a group has the group's
// permissions.
type UserGroupsService struct{ c *Client }

// List returns one page of the organisation's user groups.
//
// GET /api/usergroups
func (s *UserGroupsService) List(ctx context.Context, opts ListOptions) (*Page[model.UserGroup], error) {
	var out model.UserGroupListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/usergroups", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Groups, opts.Page, out.Pages), nil
}

// All iterates over every user group of the organisation.
func (s *UserGroupsService) All(ctx context.Context, opts ListOptions) iter.Seq2[model.UserGroup, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.UserGroup], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// Get returns a user group.
//
// GET /api/usergroups/{groupId}
func (s *UserGroupsService) Get(ctx context.Context, id string) (*model.UserGroup, error) {
	if id == "" {
		return nil, errEmpty("user group id")
	}
	var out model.UserGroup
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/usergroups/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates a user group and returns its id.
//
// POST /api/usergroups
func (s *UserGroupsService) Create(ctx context.Context, g *model.UserGroup) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/usergroups", nil, g, &out); err != nil {
		return "", err
	}
	return metaString(&out), nil
}

// Update replaces a user group; its users get its new permissions.
//
// PUT /api/usergroups/{groupId}
func (s *UserGroupsService) Update(ctx context.Context, id string, g *model.UserGroup) error {
	if id == "" {
		return errEmpty("user group id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/usergroups/%s", id), nil, g, nil)
}

// Delete deletes a user group.
//
// DELETE /api/usergroups/{groupId}
func (s *UserGroupsService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("user group id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/usergroups/%s", id), nil, nil, nil)
}
