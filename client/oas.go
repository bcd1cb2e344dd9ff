package client

// OASService is the OAS part of the Dashboard API.
type OASService struct{ c *Client }
