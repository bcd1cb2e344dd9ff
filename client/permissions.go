package client

// PermissionsService is the Permissions part of the Dashboard API.
type PermissionsService struct{ c *Client }
