package client

// AnalyticsService is the Analytics part of the Dashboard API.
type AnalyticsService struct{ c *Client }
