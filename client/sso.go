package client

// SSOService is the SSO part of the Dashboard API.
type SSOService struct{ c *Client }
