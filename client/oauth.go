package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// OAuthService manages the OAuth clients of APIs that use Tyk's OAuth 2.0
// provider.
type OAuthService struct{ c *Client }

// List returns one page of the OAuth clients of an API.
//
// GET /api/apis/oauth/{apiId}
func (s *OAuthService) List(ctx context.Context, apiID string, opts ListOptions) (*Page[model.OAuthClient], error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	var out model.OAuthClientListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oauth/%s", apiID), opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Apps, opts.Page, out.Pages), nil
}

// All iterates over every OAuth client of an API.
func (s *OAuthService) All(ctx context.Context, apiID string, opts ListOptions) iter.Seq2[model.OAuthClient, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.OAuthClient], error) {
		return s.List(ctx, apiID, ListOptions{Page: page})
	})
}

// Create creates an OAuth client of an API. ClientID and ClientSecret are
// generated when empty; a client with a PolicyID gives its tokens that
// policy.
//
// POST /api/apis/oauth/{apiId}
func (s *OAuthService) Create(ctx context.Context, apiID string, cl *model.OAuthClient) (*model.OAuthClient, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	var out model.OAuthClient
	if err := s.c.doJSON(ctx, http.MethodPost, route("/api/apis/oauth/%s", apiID), nil, cl, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns an OAuth client of an API.
//
// GET /api/apis/oauth/{apiId}/{clientId}
func (s *OAuthService) Get(ctx context.Context, apiID, clientID string) (*model.OAuthClient, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	if clientID == "" {
		return nil, errEmpty("OAuth client id")
	}
	var out model.OAuthClient
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oauth/%s/%s", apiID, clientID), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes an OAuth client of an API, and with it its tokens.
//
// DELETE /api/apis/oauth/{apiId}/{clientId}
func (s *OAuthService) Delete(ctx context.Context, apiID, clientID string) error {
	if apiID == "" {
		return errEmpty("API id")
	}
	if clientID == "" {
		return errEmpty("OAuth client id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/apis/oauth/%s/%s", apiID, clientID), nil, nil, nil)
}

// Tokens returns the tokens issued to an OAuth client.
//
// GET /api/apis/oauth/{apiId}/{clientId}/tokens
func (s *OAuthService) Tokens(ctx context.Context, apiID, clientID string) ([]model.OAuthClientToken, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	if clientID == "" {
		return nil, errEmpty("OAuth client id")
	}
	var out []model.OAuthClientToken
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oauth/%s/%s/tokens", apiID, clientID), nil, nil, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = []model.OAuthClientToken{}
	}
	return out, nil
}
