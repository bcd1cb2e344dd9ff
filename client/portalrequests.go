package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// KeyRequests returns a page of the developers' key requests.
//
// GET /api/portal/requests
func (s *PortalService) KeyRequests(ctx context.Context, opts ListOptions) (*Page[model.PortalKeyRequest], error) {
	var out model.PortalKeyRequestList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/portal/requests", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Data, opts.Page, out.Pages), nil
}

// AllKeyRequests iterates over every key request.
func (s *PortalService) AllKeyRequests(ctx context.Context, opts ListOptions) iter.Seq2[model.PortalKeyRequest, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.PortalKeyRequest], error) {
		return s.KeyRequests(ctx, ListOptions{Page: page})
	})
}

// KeyRequest returns a key request by id.
//
// GET /api/portal/requests/{id}
func (s *PortalService) KeyRequest(ctx context.Context, id string) (*model.PortalKeyRequest, error) {
	if id == "" {
		return nil, errEmpty("key request id")
	}
	var out model.PortalKeyRequest
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/portal/requests/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateKeyRequest files a developer's (r.ByUser) request for a key to
// r.ApplyPolicies and returns its id.
//
// POST /api/portal/requests
func (s *PortalService) CreateKeyRequest(ctx context.Context, r *model.PortalKeyRequest) (string, error) {
	if r == nil {
		return "", errEmpty("key request")
	}
	return s.create(ctx, "/api/portal/requests", r)
}

// UpdateKeyRequest replaces the key request id with r.
//
// PUT /api/portal/requests/{id}
func (s *PortalService) UpdateKeyRequest(ctx context.Context, id string, r *model.PortalKeyRequest) error {
	if id == "" {
		return errEmpty("key request id")
	}
	if r == nil {
		return errEmpty("key request")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/portal/requests/%s", id), nil, r, nil)
}

// DeleteKeyRequest deletes a key request; a key it issued stays.
//
// DELETE /api/portal/requests/{id}
func (s *PortalService) DeleteKeyRequest(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("key request id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/portal/requests/%s", id), nil, nil, nil)
}

// ApproveKeyRequest approves a key request: the Dashboard issues the key
// and answers it (RawKey; for a basic-auth key RawKey is the user name and
// Password its password). It needs write on keys as well as on portal.
//
// PUT /api/portal/requests/approve/{id}
func (s *PortalService) ApproveKeyRequest(ctx context.Context, id string) (*model.PortalKeyApproval, error) {
	if id == "" {
		return nil, errEmpty("key request id")
	}
	var out model.PortalKeyApproval
	if err := s.c.doJSON(ctx, http.MethodPut, route("/api/portal/requests/approve/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
