package client

// KeysService is the Keys part of the Dashboard API.
type KeysService struct{ c *Client }
