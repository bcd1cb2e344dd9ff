package client

// AdminUsersService is the AdminUsers part of the Dashboard API.
type AdminUsersService struct{ c *Client }
