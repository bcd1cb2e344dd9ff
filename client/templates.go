package client

// TemplatesService is the Templates part of the Dashboard API.
type TemplatesService struct{ c *Client }
