package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// Access returns who owns an API: its owning users and user groups (with
// API ownership on, only they and admins see it).
//
// GET /api/apis/{apiID}/access
func (s *APIsService) Access(ctx context.Context, id string) (*model.AccessManagementPayload, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out model.AccessManagementPayload
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/%s/access", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetAccess replaces the owning users and user groups of an API.
//
// PUT /api/apis/{apiID}/access
func (s *APIsService) SetAccess(ctx context.Context, id string, owners *model.AccessManagementPayload) error {
	if id == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/apis/%s/access", id), nil, owners, nil)
}

// URL returns where the gateway serves an API: host, listen path and the
// whole URL.
//
// GET /api/apis/{apiId}/url
func (s *APIsService) URL(ctx context.Context, id string) (*model.APIURL, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out model.APIURL
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/%s/url", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Groups returns the organisation's APIs by group (categories and tags):
// each group's api_ids.
//
// GET /api/apis/groups
func (s *APIsService) Groups(ctx context.Context) (map[string][]string, error) {
	var out map[string][]string
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/apis/groups", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// InvalidateJWKSCache drops the JWKS the gateway keeps for a JWT API.
//
// DELETE /api/cache/jwks/{apiId}
func (s *APIsService) InvalidateJWKSCache(ctx context.Context, apiID string) error {
	if apiID == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/cache/jwks/%s", apiID), nil, nil, nil)
}

// Proxy sends a request to a gateway URL through the Dashboard and returns
// the gateway's answer.
//
// POST /api/proxy
func (s *APIsService) Proxy(ctx context.Context, req *model.ProxyRequest) (*model.ProxyResponse, error) {
	if req == nil || req.URL == "" {
		return nil, errEmpty("proxy request URL")
	}
	var out model.ProxyResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/proxy", nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ServerURLs returns the URLs the gateway serves a Tyk OAS API on, one per
// version for the base of a set of versions.
//
// GET /api/apis/oas/{apiId}/urls
func (s *OASService) ServerURLs(ctx context.Context, id string) (*model.OASServerURLs, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out model.OASServerURLs
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oas/%s/urls", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// MigrateRequest selects the classic APIs to migrate to Tyk OAS and how: Mode
// is model.MigrateDryRun, MigrateStage, MigratePromote or MigrateDirect;
// send APIIDs or All.
type MigrateRequest = model.MigrateAPIRequest

// MigrateResult reports a migration; the documents of a dry run are in
// Success.Definitions.
type MigrateResult = model.MigrateAPIResponse

// Migrate migrates classic APIs to Tyk OAS.
//
// POST /api/apis/migrate
func (s *APIsService) Migrate(ctx context.Context, req *MigrateRequest) (*MigrateResult, error) {
	if req == nil {
		return nil, errEmpty("migrate request")
	}
	var out MigrateResult
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/apis/migrate", nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Rebase makes the child version next the base of the versions of the base
// API current; current becomes one of its versions.
//
// PATCH /api/apis/oas/{current-base-apiId}/rebase/{next-base-apiId}
func (s *OASService) Rebase(ctx context.Context, current, next string) error {
	if current == "" || next == "" {
		return errEmpty("API id")
	}
	return s.c.doJSON(ctx, http.MethodPatch, route("/api/apis/oas/%s/rebase/%s", current, next), nil, nil, nil)
}
