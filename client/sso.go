package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// SSOService asks for single sign-on nonces: a third-party identity
// provider, having authenticated a person, gets a nonce that logs them into
// the Dashboard or the portal. A nonce is valid for 60 seconds.
type SSOService struct{ c *Client }

// Generate returns a nonce for data, with the Dashboard API secret.
//
// POST /api/sso
func (s *SSOService) Generate(ctx context.Context, data *model.SSOAccessData) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/sso", nil, data, &out); err != nil {
		return "", err
	}
	return metaString(&out), nil
}

// GenerateAdmin returns a nonce for data, with the admin secret; data.OrgID
// says the organisation.
//
// POST /admin/sso
func (s *SSOService) GenerateAdmin(ctx context.Context, data *model.SSOAccessData) (string, error) {
	var out model.APIResponse
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/sso", nil, data, &out); err != nil {
		return "", err
	}
	return metaString(&out), nil
}
