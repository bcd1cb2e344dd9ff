package client

// UsersService is the Users part of the Dashboard API.
type UsersService struct{ c *Client }
