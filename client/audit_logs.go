package client

// AuditLogsService is the AuditLogs part of the Dashboard API.
type AuditLogsService struct{ c *Client }
