package client

// WebhooksService is the Webhooks part of the Dashboard API.
type WebhooksService struct{ c *Client }
