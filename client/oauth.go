package client

// OAuthService is the OAuth part of the Dashboard API.
type OAuthService struct{ c *Client }
