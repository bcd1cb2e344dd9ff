package client

// UserGroupsService is the UserGroups part of the Dashboard API.
type UserGroupsService struct{ c *Client }
