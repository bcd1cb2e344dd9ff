package client

// CategoriesService is the Categories part of the Dashboard API.
type CategoriesService struct{ c *Client }
