package client

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/dashkit/dashkit/model"
)

// AnalyticsService reads the traffic the gateways recorded, aggregated by
// the Dashboard. Days are calendar days in UTC, both ends included.
type AnalyticsService struct{ c *Client }

// dateSegments returns the six path segments of a day range:
// start day, month, year, end day, month, year.
func dateSegments(from, to time.Time) []string {
	from, to = from.UTC(), to.UTC()
	return []string{
		strconv.Itoa(from.Day()), strconv.Itoa(int(from.Month())), strconv.Itoa(from.Year()),
		strconv.Itoa(to.Day()), strconv.Itoa(int(to.Month())), strconv.Itoa(to.Year()),
	}
}

func (s *AnalyticsService) activity(ctx context.Context, pattern, id string, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	if id == "" {
		return nil, errEmpty("id")
	}
	if to.Before(from) {
		return nil, errInvalidf("analytics: the range ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	var out model.AggregateAnalyticsData
	path := route(pattern, append([]string{id}, dateSegments(from, to)...)...)
	if err := s.c.doJSON(ctx, http.MethodGet, path, nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Data == nil {
		out.Data = []model.AnalyticsResultUnit{}
	}
	return &out, nil
}

// Key returns the traffic of the key whose hash is keyHash, between the
// days of from and to.
//
// GET /api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) Key(ctx context.Context, keyHash string, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	return s.activity(ctx, "/api/activity/keys/%s/%s/%s/%s/%s/%s/%s", keyHash, from, to)
}

// KeyEndpoints returns the traffic of the key whose hash is keyHash per
// endpoint (path and API), between the days of from and to.
//
// GET /api/activity/keys/endpoint/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) KeyEndpoints(ctx context.Context, keyHash string, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	return s.activity(ctx, "/api/activity/keys/endpoint/%s/%s/%s/%s/%s/%s/%s", keyHash, from, to)
}

// OAuthClient returns the traffic of an OAuth client, between the days of
// from and to.
//
// GET /api/activity/oauthid/{OAuthClientID}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) OAuthClient(ctx context.Context, clientID string, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	return s.activity(ctx, "/api/activity/oauthid/%s/%s/%s/%s/%s/%s/%s", clientID, from, to)
}

// OAuthClientEndpoints returns the traffic of an OAuth client per endpoint,
// between the days of from and to.
//
// GET /api/activity/oauthid/endpoint/{OAuthClientID}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) OAuthClientEndpoints(ctx context.Context, clientID string, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	return s.activity(ctx, "/api/activity/oauthid/endpoint/%s/%s/%s/%s/%s/%s/%s", clientID, from, to)
}
