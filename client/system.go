package client

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/dashkit/dashkit/model"
)

// SystemService holds the system routes: Reload of the Admin API (admin
// secret), and the Dashboard API's usage stats and organisation
// notifications (the user's secret).
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

// StatsOptions select GET /api/system/stats: a day range (both or neither;
// neither is the current and the previous year), daily periods instead of
// monthly ones, and the entity ("apis", the default, "dataplanes" or
// "dataplanes.gateways").
type StatsOptions struct {
	From, To time.Time
	Daily    bool
	Entity   string
}

// Stats returns the usage of the licensed entities over time. It is a
// Dashboard API route: it is sent with the user's secret, and needs system
// read.
//
// GET /api/system/stats
func (s *SystemService) Stats(ctx context.Context, opts StatsOptions) (*model.EntityStats, error) {
	q := url.Values{}
	if opts.From.IsZero() != opts.To.IsZero() {
		return nil, errInvalidf("system stats: give both From and To, or neither")
	}
	if opts.To.Before(opts.From) {
		return nil, errInvalidf("system stats: the range ends (%s) before it starts (%s)", opts.To.Format(time.DateOnly), opts.From.Format(time.DateOnly))
	}
	if !opts.From.IsZero() {
		q.Set("start_day", opts.From.UTC().Format(time.DateOnly))
		q.Set("end_day", opts.To.UTC().Format(time.DateOnly))
	}
	if opts.Daily {
		q.Set("resolution", "day")
	}
	if opts.Entity != "" {
		q.Set("entity", opts.Entity)
	}
	var out model.SystemStatsResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/system/stats", q, nil, &out); err != nil {
		return nil, err
	}
	if out.Stats == nil {
		out.Stats = &model.EntityStats{}
	}
	return out.Stats, nil
}

// Notifications returns the notifications the Dashboard issued for the
// caller's organisation, newest first; refresh asks it to look again for
// what to notify first.
//
// GET /api/org/notifications
func (s *SystemService) Notifications(ctx context.Context, refresh bool) ([]model.OrganisationNotification, error) {
	var q url.Values
	if refresh {
		q = url.Values{"refresh": {"true"}}
	}
	out := []model.OrganisationNotification{}
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/org/notifications", q, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
