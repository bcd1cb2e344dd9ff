package model

import "encoding/json"

// OAuthClient is an OAuth client of an API (schema OAuthClient).
// APIID and OrgID are the Dashboard's bookkeeping: the API the client was
// created for and its org; they are not part of the client's JSON.
type OAuthClient struct {
	ClientID          string            `json:"client_id"`
	ClientName        string            `json:"client_name"`
	ClientRedirectURI string            `json:"redirect_uri"`
	ClientSecret      string            `json:"secret"`
	PolicyID          string            `json:"policy_id"`
	MetaData          map[string]string `json:"meta_data"`
	Description       string            `json:"description"`
	// DCRRegistration is set for clients registered through dynamic client
	// registration.
	DCRRegistration *DCRRegistration `json:"dcr_registration"`

	APIID string `json:"-"`
	OrgID string `json:"-"`

	Extra Extra `json:"-"`
}

// DCRRegistration is how a client was registered with an identity provider
// (schema DcrpRegistration).
type DCRRegistration struct {
	Provider    string `json:"provider"`
	AccessToken string `json:"access_token"`
	ClientURI   string `json:"client_uri"`

	Extra Extra `json:"-"`
}

// NewClientRequest is the body of POST /api/apis/oauth and PUT
// /api/apis/oauth/{apiId}/{clientId} (schema NewClientRequest). ClientID and
// Secret are generated when empty.
type NewClientRequest struct {
	ClientID          string `json:"client_id"`
	ClientName        string `json:"client_name"`
	ClientRedirectURI string `json:"redirect_uri"`
	ClientSecret      string `json:"secret"`
	APIID             string `json:"api_id"`
	PolicyID          string `json:"policy_id"`
	Description       string `json:"description"`
	// MetaData is free-form; the client keeps its string members.
	MetaData json.RawMessage `json:"meta_data,omitempty"`
	APIModel json.RawMessage `json:"api_model,omitempty"`

	Extra Extra `json:"-"`
}

// OAuthClientToken is a token issued to an OAuth client (schema
// OAuthClientToken); Expires is in Unix seconds. ClientID and OrgID are
// bookkeeping, not JSON.
type OAuthClientToken struct {
	Code    string `json:"code"`
	Expires int64  `json:"expires"`

	ClientID string `json:"-"`
	OrgID    string `json:"-"`

	Extra Extra `json:"-"`
}

// OAuthAuthorizeResponse is the answer of POST
// /api/apis/oauth/{apiId}/authorize-client: an authorization code and the
// client's redirect URL carrying it.
type OAuthAuthorizeResponse struct {
	Code       string `json:"code"`
	RedirectTo string `json:"redirect_to"`

	Extra Extra `json:"-"`
}

// OAuthRevokeRequest is the body of POST /api/apis/oauth/{apiId}/revoke:
// a token and its kind ("access_token" or "refresh_token").
type OAuthRevokeRequest struct {
	Token         string `json:"token"`
	TokenTypeHint string `json:"token_type_hint"`

	Extra Extra `json:"-"`
}

// OAuthRevokeAllRequest is the body of POST
// /api/apis/oauth/{apiId}/revoke_all.
type OAuthRevokeAllRequest struct {
	ClientSecret string `json:"client_secret"`

	Extra Extra `json:"-"`
}
