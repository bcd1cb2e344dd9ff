// Package client is a typed Go client for the Tyk Dashboard API and the
// Dashboard Admin API.
package client
