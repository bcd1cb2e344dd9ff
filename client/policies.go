package client

// PoliciesService is the Policies part of the Dashboard API.
type PoliciesService struct{ c *Client }
