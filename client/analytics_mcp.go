package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
)

// MCPActivityOptions filter the MCP activity routes. Zero values filter
// nothing. Without GroupByPrimitive the traffic is grouped by day; with it,
// by primitive (type and name, in the result id).
type MCPActivityOptions struct {
	// APIID keeps one MCP proxy (not used by MCPKey).
	APIID string
	// Method keeps one JSON-RPC method ("tools/call").
	Method string
	// PrimitiveType keeps one type: model.MCPPrimitiveTool, Resource or
	// Prompt.
	PrimitiveType string
	// PrimitiveName keeps one primitive by name.
	PrimitiveName string
	// GroupByPrimitive groups by primitive instead of by day.
	GroupByPrimitive bool
	// Limit caps the number of groups (MCPPrimitives only); 0 is no cap.
	Limit int
}

func (o MCPActivityOptions) query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("api_id", o.APIID)
	set("mcp_method", o.Method)
	set("mcp_primitive_type", o.PrimitiveType)
	set("mcp_primitive_name", o.PrimitiveName)
	if o.GroupByPrimitive {
		q.Set("group_by", "mcp_primitive")
	}
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	return q
}

// MCPUsageOptions filter MCPUsage.
type MCPUsageOptions struct {
	// APIID keeps one MCP proxy.
	APIID string
	// Tags keeps the traffic carrying any of these tags.
	Tags []string
}

func (s *AnalyticsService) mcp(ctx context.Context, pattern string, segments []string, q url.Values, from, to time.Time) (*model.AggregateAnalyticsData, error) {
	if to.Before(from) {
		return nil, errInvalidf("analytics: the range ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	var out model.AggregateAnalyticsData
	path := route(pattern, append(segments, dateSegments(from, to)...)...)
	if err := s.c.doJSON(ctx, http.MethodGet, path, q, nil, &out); err != nil {
		return nil, err
	}
	if out.Data == nil {
		out.Data = []model.AnalyticsResultUnit{}
	}
	return &out, nil
}

// MCPPrimitives returns the MCP calls of the organisation between the days
// of from and to.
//
// GET /api/activity/mcp/primitives/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) MCPPrimitives(ctx context.Context, from, to time.Time, opts MCPActivityOptions) (*model.AggregateAnalyticsData, error) {
	return s.mcp(ctx, "/api/activity/mcp/primitives/%s/%s/%s/%s/%s/%s", nil, opts.query(), from, to)
}

// MCPPrimitiveErrors is MCPPrimitives restricted to the calls that failed.
// Limit does not apply.
//
// GET /api/activity/mcp/primitives/errors/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) MCPPrimitiveErrors(ctx context.Context, from, to time.Time, opts MCPActivityOptions) (*model.AggregateAnalyticsData, error) {
	opts.Limit = 0
	return s.mcp(ctx, "/api/activity/mcp/primitives/errors/%s/%s/%s/%s/%s/%s", nil, opts.query(), from, to)
}

// MCPKey returns the MCP calls of the key whose hash is keyHash; a key the
// Dashboard does not know is ErrNotFound. APIID and Limit do not apply.
//
// GET /api/activity/mcp/keys/{keyId}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) MCPKey(ctx context.Context, keyHash string, from, to time.Time, opts MCPActivityOptions) (*model.AggregateAnalyticsData, error) {
	if keyHash == "" {
		return nil, errEmpty("key hash")
	}
	opts.APIID, opts.Limit = "", 0
	return s.mcp(ctx, "/api/activity/mcp/keys/%s/%s/%s/%s/%s/%s/%s", []string{keyHash}, opts.query(), from, to)
}

// MCPUsage returns the traffic of each MCP proxy (grouped by API id)
// between the days of from and to.
//
// GET /api/usage/mcp/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}
func (s *AnalyticsService) MCPUsage(ctx context.Context, from, to time.Time, opts MCPUsageOptions) (*model.AggregateAnalyticsData, error) {
	q := url.Values{}
	if opts.APIID != "" {
		q.Set("api_id", opts.APIID)
	}
	if len(opts.Tags) > 0 {
		q.Set("tags", strings.Join(opts.Tags, ","))
	}
	return s.mcp(ctx, "/api/usage/mcp/%s/%s/%s/%s/%s/%s", nil, q, from, to)
}
