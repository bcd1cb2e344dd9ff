package memserver

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// MCP analytics: the traffic of MCP proxies, from the analytics records
// whose mcp_stats says is_mcp (fed like the rest, by RecordTraffic or POST
// /_memserver/analytics). The routes belong to the analytics section. (The
// Dashboard's MCP analytics page asks for the mcp permission as well; here
// a route has one section, and MCP proxies are in apis.)
//
// Without group_by the activity routes group by day; group_by=mcp_primitive
// groups by primitive (type and name). The usage route groups by MCP proxy.
// A call failed when its response code is 400 or more, or when the gateway
// recorded a JSON-RPC error code.
func mcpAnalyticsRoutes() []route {
	const dates = "{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}"
	return []route{
		{Method: "GET", Path: "/api/activity/mcp/keys/{keyId}/" + dates, Section: "analytics", Handle: mcpKeyActivity},
		{Method: "GET", Path: "/api/activity/mcp/primitives/" + dates, Section: "analytics", Handle: mcpPrimitiveActivity},
		{Method: "GET", Path: "/api/activity/mcp/primitives/errors/" + dates, Section: "analytics", Handle: mcpPrimitiveErrors},
		{Method: "GET", Path: "/api/usage/mcp/" + dates, Section: "analytics", Handle: mcpUsage},
	}
}

// isMCPRecord reports whether a record is of MCP traffic.
func isMCPRecord(r *model.AnalyticsRecord) bool { return r.MCPStats != nil && r.MCPStats.IsMCP }

// failedMCPCall: an HTTP error, or a JSON-RPC error the gateway recorded.
func failedMCPCall(r *model.AnalyticsRecord) bool {
	return r.ResponseCode >= 400 || (r.MCPStats != nil && r.MCPStats.JSONRPCErrorCode != 0)
}

// mcpFilter is what the query parameters of an MCP route select.
type mcpFilter struct {
	apiID, method, primitiveType, primitiveName string
	tags                                        []string
	byPrimitive, errorsOnly                     bool
	limit                                       int
}

func (f *mcpFilter) keep(r *model.AnalyticsRecord) bool {
	if !isMCPRecord(r) || (f.errorsOnly && !failedMCPCall(r)) {
		return false
	}
	m := r.MCPStats
	switch {
	case f.apiID != "" && r.APIID != f.apiID,
		f.method != "" && m.JSONRPCMethod != f.method,
		f.primitiveType != "" && m.PrimitiveType != f.primitiveType,
		f.primitiveName != "" && m.PrimitiveName != f.primitiveName:
		return false
	}
	if len(f.tags) == 0 {
		return true
	}
	for _, want := range f.tags {
		for _, t := range r.Tags {
			if t == want {
				return true
			}
		}
	}
	return false
}

// mcpQuery reads the filter parameters the route allows, answering 400 for
// a value outside the description's enums.
func (c *call) mcpQuery(allowAPI, allowLimit bool) (mcpFilter, bool) {
	q := c.r.URL.Query()
	f := mcpFilter{method: q.Get("mcp_method"), primitiveName: q.Get("mcp_primitive_name")}
	if allowAPI {
		f.apiID = q.Get("api_id")
	}
	switch t := q.Get("mcp_primitive_type"); t {
	case "", model.MCPPrimitiveTool, model.MCPPrimitiveResource, model.MCPPrimitivePrompt:
		f.primitiveType = t
	default:
		c.fail(http.StatusBadRequest, fmt.Sprintf("mcp_primitive_type must be tool, resource or prompt, got %q", t))
		return f, false
	}
	switch g := q.Get("group_by"); g {
	case "":
	case "mcp_primitive":
		f.byPrimitive = true
	default:
		c.fail(http.StatusBadRequest, fmt.Sprintf("group_by must be mcp_primitive, got %q", g))
		return f, false
	}
	if l := q.Get("limit"); allowLimit && l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			c.fail(http.StatusBadRequest, fmt.Sprintf("limit must be a positive integer, got %q", l))
			return f, false
		}
		f.limit = n
	}
	return f, true
}

func groupByPrimitive(r *model.AnalyticsRecord) (string, model.AnalyticsResultID) {
	m := r.MCPStats
	return m.PrimitiveType + "\x00" + m.PrimitiveName, model.AnalyticsResultID{MCPPrimitiveType: m.PrimitiveType, MCPPrimitiveName: m.PrimitiveName}
}

func mostHitPrimitiveFirst(a, b *model.AnalyticsResultUnit) bool {
	if a.Hits != b.Hits {
		return a.Hits > b.Hits
	}
	if a.ID.MCPPrimitiveType != b.ID.MCPPrimitiveType {
		return a.ID.MCPPrimitiveType < b.ID.MCPPrimitiveType
	}
	return a.ID.MCPPrimitiveName < b.ID.MCPPrimitiveName
}

func groupByAPI(r *model.AnalyticsRecord) (string, model.AnalyticsResultID) {
	return r.APIID, model.AnalyticsResultID{APIID: r.APIID, APIName: r.APIName}
}

func mostHitAPIFirst(a, b *model.AnalyticsResultUnit) bool {
	if a.Hits != b.Hits {
		return a.Hits > b.Hits
	}
	return a.ID.APIID < b.ID.APIID
}

// mcpRecords reads the org's records of the range that f keeps; keys, when
// given, are the api_key values to read (a key's hash and id).
func (c *call) mcpRecords(from, to time.Time, f *mcpFilter, keys ...string) ([]model.AnalyticsRecord, bool) {
	org := c.orgFor("")
	var recs []model.AnalyticsRecord
	err := c.view(func(tx store.DefinitionsReader) error {
		q := store.AnalyticsQuery{OrgID: org, From: from, To: to}
		if len(keys) == 0 {
			keys = []string{""}
		}
		for _, k := range keys {
			q.APIKey = k
			got, err := tx.ListAnalytics(q)
			if err != nil {
				return err
			}
			for i := range got {
				if f.keep(&got[i]) {
					recs = append(recs, got[i])
				}
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusInternalServerError, "Failed to fetch analytics.") {
		return nil, false
	}
	return recs, true
}

// mcpActivity answers an activity route: by day, or by primitive.
func (c *call) mcpActivity(recs []model.AnalyticsRecord, f *mcpFilter) {
	var data []model.AnalyticsResultUnit
	if f.byPrimitive {
		data = aggregateBy(recs, groupByPrimitive, failedMCPCall, mostHitPrimitiveFirst)
	} else {
		data = aggregateBy(recs, groupByDay, failedMCPCall, byDay)
	}
	if f.limit > 0 && len(data) > f.limit {
		data = data[:f.limit]
	}
	c.json(http.StatusOK, model.AggregateAnalyticsData{Data: data, Pages: 1})
}

func mcpPrimitiveActivity(c *call) { c.mcpPrimitives(false) }
func mcpPrimitiveErrors(c *call)   { c.mcpPrimitives(true) }

func (c *call) mcpPrimitives(errorsOnly bool) {
	from, to, ok := c.activityRange()
	if !ok {
		return
	}
	f, ok := c.mcpQuery(true, !errorsOnly)
	if !ok {
		return
	}
	f.errorsOnly = errorsOnly
	if recs, ok := c.mcpRecords(from, to, &f); ok {
		c.mcpActivity(recs, &f)
	}
}

// mcpKeyActivity answers the MCP calls of one key, named by its hash (or
// its id); a key the org does not have is 404, as the description says.
func mcpKeyActivity(c *call) {
	from, to, ok := c.activityRange()
	if !ok {
		return
	}
	f, ok := c.mcpQuery(false, false)
	if !ok {
		return
	}
	id := c.PathValue("keyId")
	var k *store.Key
	err := c.viewSessions(func(tx store.SessionsReader) (err error) {
		k, err = tx.GetKeyByHash(id)
		if errors.Is(err, store.ErrNotFound) {
			k, err = tx.GetKey(id)
		}
		if err == nil && !c.ownsOrg(k.OrgID) {
			err = store.ErrNotFound
		}
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Key not found") {
		return
	}
	if recs, ok := c.mcpRecords(from, to, &f, uniqueStrings(k.Hash, k.ID)...); ok {
		c.mcpActivity(recs, &f)
	}
}

// mcpUsage answers the usage of each MCP proxy, as JSON or (type=csv) as
// CSV with a header row of the JSON members.
func mcpUsage(c *call) {
	from, to, ok := c.activityRange()
	if !ok {
		return
	}
	q := c.r.URL.Query()
	format := q.Get("type")
	if format != "" && format != "csv" {
		c.fail(http.StatusBadRequest, fmt.Sprintf("type must be csv, got %q", format))
		return
	}
	f := mcpFilter{apiID: q.Get("api_id")}
	for _, t := range strings.Split(q.Get("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.tags = append(f.tags, t)
		}
	}
	recs, ok := c.mcpRecords(from, to, &f)
	if !ok {
		return
	}
	data := aggregateBy(recs, groupByAPI, failedMCPCall, mostHitAPIFirst)
	if format == "csv" {
		c.raw(http.StatusOK, "text/csv", usageCSV(data))
		return
	}
	c.json(http.StatusOK, model.AggregateAnalyticsData{Data: data, Pages: 1})
}

// usageCSV writes one row per MCP proxy, its columns named as the members
// of the JSON answer.
func usageCSV(data []model.AnalyticsResultUnit) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"api_id", "api_name", "hits", "success", "error", "last_hit", "request_time", "latency",
		"upstream_latency", "max_latency", "min_latency", "max_upstream_latency", "min_upstream_latency"})
	i := strconv.FormatInt
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, u := range data {
		_ = w.Write([]string{u.ID.APIID, u.ID.APIName, i(u.Hits, 10), i(u.Success, 10), i(u.Error, 10),
			u.LastHit.UTC().Format(time.RFC3339), f(u.RequestTime), f(u.Latency), f(u.UpstreamLatency),
			i(u.MaxLatency, 10), i(u.MinLatency, 10), i(u.MaxUpstreamLatency, 10), i(u.MinUpstreamLatency, 10)})
	}
	w.Flush()
	return b.Bytes()
}
