package client

// OrgsService is the Orgs part of the Dashboard API.
type OrgsService struct{ c *Client }
