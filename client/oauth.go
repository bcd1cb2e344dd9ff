package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"

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

// Authorization is the answer of AuthorizeClient.
type Authorization struct {
	// Code is the authorization code (or token) issued.
	Code string `json:"code"`
	// RedirectTo is the client's redirect URI with the code added: where to
	// send the user's browser.
	RedirectTo string `json:"redirect_to"`
}

// AuthorizeRequest is what AuthorizeClient sends, as the form fields of the
// OAuth 2.0 authorization request.
type AuthorizeRequest struct {
	// ResponseType is "code" or "token" (response_type).
	ResponseType string
	// ClientID is the OAuth client asking (client_id).
	ClientID string
	// RedirectURI must be the client's own (redirect_uri).
	RedirectURI string
	// KeyRules is the session the issued token gets, when the client has no
	// policy (key_rules).
	KeyRules *model.SessionState
}

// AuthorizeClient completes the authorization step of an OAuth 2.0 flow
// for an API that uses Tyk's OAuth provider, on behalf of a user the caller
// has authenticated: it issues a code for the client. apiID is the API's
// api_id, not its database id.
//
// POST /api/apis/oauth/{api_id}/authorize-client
func (s *OAuthService) AuthorizeClient(ctx context.Context, apiID string, ar AuthorizeRequest) (*Authorization, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	form := url.Values{}
	setIf(form, "response_type", ar.ResponseType)
	setIf(form, "client_id", ar.ClientID)
	setIf(form, "redirect_uri", ar.RedirectURI)
	if ar.KeyRules != nil {
		b, err := json.Marshal(ar.KeyRules)
		if err != nil {
			return nil, fmt.Errorf("client: encode key_rules: %w", err)
		}
		form.Set("key_rules", string(b))
	}
	req := &request{method: http.MethodPost, path: route("/api/apis/oauth/%s/authorize-client", apiID),
		body: []byte(form.Encode()), contentType: "application/x-www-form-urlencoded", hasBody: true}
	var out Authorization
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RevokeToken revokes one token of an OAuth client. tokenTypeHint is
// "access_token" or "refresh_token"; clientSecret may be empty where the
// Dashboard does not ask for it.
//
// POST /api/apis/oauth/{oauthClientId}/revoke
func (s *OAuthService) RevokeToken(ctx context.Context, clientID, token, tokenTypeHint, clientSecret string) error {
	if clientID == "" {
		return errEmpty("OAuth client id")
	}
	body := map[string]string{"token": token, "token_type_hint": tokenTypeHint}
	if clientSecret != "" {
		body["client_secret"] = clientSecret
	}
	return s.c.doJSON(ctx, http.MethodPost, route("/api/apis/oauth/%s/revoke", clientID), nil, body, nil)
}

// RevokeAll revokes every token of an OAuth client; the client's secret
// proves the right to.
//
// POST /api/apis/oauth/{oauthClientId}/revoke_all
func (s *OAuthService) RevokeAll(ctx context.Context, clientID, clientSecret string) error {
	if clientID == "" {
		return errEmpty("OAuth client id")
	}
	return s.c.doJSON(ctx, http.MethodPost, route("/api/apis/oauth/%s/revoke_all", clientID), nil,
		map[string]string{"client_secret": clientSecret}, nil)
}
