package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// SystemService holds the Admin API's system routes (admin secret).
type SystemService struct{ c *Client }

// Reload makes the Dashboard reload its URL configuration and returns the
// status it answers ("ok").
//
// GET /admin/system/reload
func (s *SystemService) Reload(ctx context.Context) (string, error) {
	var out model.ReloadResponse
	if err := s.c.adminJSON(ctx, http.MethodGet, "/admin/system/reload", nil, nil, &out); err != nil {
		return "", err
	}
	return out.Status, nil
}
