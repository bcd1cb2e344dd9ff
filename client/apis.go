package client

// APIsService is the APIs part of the Dashboard API.
type APIsService struct{ c *Client }
