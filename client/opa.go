package client

// OPAService is the OPA part of the Dashboard API.
type OPAService struct{ c *Client }
