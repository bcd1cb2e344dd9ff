package client

// ImportService is the Import part of the Dashboard API.
type ImportService struct{ c *Client }
