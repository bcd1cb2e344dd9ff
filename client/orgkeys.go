package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// An organisation's own key (Admin API) is the session that holds the rate
// limit and quota of the whole organisation; its id is the organisation's
// id.

// ListKeys returns the ids of the organisations that have an org key.
//
// GET /admin/org/keys
func (s *OrgsService) ListKeys(ctx context.Context) ([]string, error) {
	var out model.KeyListResponse
	if err := s.c.adminJSON(ctx, http.MethodGet, "/admin/org/keys", nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Data.Keys == nil {
		out.Data.Keys = []string{}
	}
	return out.Data.Keys, nil
}

// CreateKey creates the org key of sess.OrgID.
//
// POST /admin/org/keys
func (s *OrgsService) CreateKey(ctx context.Context, sess *model.SessionState) (*model.KeyData, error) {
	if sess == nil || sess.OrgID == "" {
		return nil, errEmpty("org_id of the org key")
	}
	var out model.KeyData
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/org/keys", nil, sess, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetKey returns the org key of an organisation.
//
// GET /admin/org/keys/{keyId}
func (s *OrgsService) GetKey(ctx context.Context, orgID string) (*model.KeyData, error) {
	if orgID == "" {
		return nil, errEmpty("organisation id")
	}
	var out model.KeyData
	if err := s.c.adminJSON(ctx, http.MethodGet, route("/admin/org/keys/%s", orgID), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateKey replaces the org key of an organisation.
//
// PUT /admin/org/keys/{keyId}
func (s *OrgsService) UpdateKey(ctx context.Context, orgID string, sess *model.SessionState) error {
	if orgID == "" {
		return errEmpty("organisation id")
	}
	return s.c.adminJSON(ctx, http.MethodPut, route("/admin/org/keys/%s", orgID), nil, sess, nil)
}

// DeleteKey deletes the org key of an organisation.
//
// DELETE /admin/org/keys/{keyId}
func (s *OrgsService) DeleteKey(ctx context.Context, orgID string) error {
	if orgID == "" {
		return errEmpty("organisation id")
	}
	return s.c.adminJSON(ctx, http.MethodDelete, route("/admin/org/keys/%s", orgID), nil, nil, nil)
}

// GeneratePortals serves an organisation's developer portal on domain.
//
// POST /admin/organisations/{orgID}/generate-portals
func (s *OrgsService) GeneratePortals(ctx context.Context, orgID, domain string) error {
	if orgID == "" {
		return errEmpty("organisation id")
	}
	form := url.Values{"domain": {domain}}
	req := &request{method: http.MethodPost, path: route("/admin/organisations/%s/generate-portals", orgID), admin: true,
		body: []byte(form.Encode()), contentType: "application/x-www-form-urlencoded", hasBody: true}
	_, err := s.c.call(ctx, req, nil)
	return err
}

// PurgeLapsedTokens deletes the OAuth tokens of every organisation that
// have expired.
//
// DELETE /admin/oauth/tokens
func (s *OAuthService) PurgeLapsedTokens(ctx context.Context) error {
	return s.c.adminJSON(ctx, http.MethodDelete, "/admin/oauth/tokens", url.Values{"scope": {"lapsed"}}, nil, nil)
}
