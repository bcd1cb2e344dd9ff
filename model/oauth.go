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
	DCRRegistration   json.RawMessage   `json:"dcr_registration,omitempty"`

	APIID string `json:"-"`
	OrgID string `json:"-"`

	Extra Extra `json:"-"`
}

type oauthClientAlias OAuthClient

func (c *OAuthClient) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oauthClientAlias)(c), &c.Extra)
}

func (c OAuthClient) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oauthClientAlias)(&c), c.Extra)
}

// OAuthClientToken is a token issued to an OAuth client (schema
// OAuthClientToken). ClientID and OrgID are bookkeeping, not JSON.
type OAuthClientToken struct {
	Code    string `json:"code"`
	Expires int64  `json:"expires"`

	ClientID string `json:"-"`
	OrgID    string `json:"-"`
}
