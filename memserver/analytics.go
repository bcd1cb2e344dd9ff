package memserver

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Traffic analytics. No gateway sends records here: a test feeds them with
// srv.RecordTraffic or POST /_memserver/analytics, and the activity routes
// aggregate them as the Dashboard does.
//
// The routes of the official description (/api/activity/keys/{keyHash}/...)
// group by day; those of the guide (/api/activity/keys/endpoint/...) group
// by endpoint: API and path.
func analyticsRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/activity/keys/{id}/{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}", Section: "analytics", Handle: keyActivityByDay},
		{Method: "GET", Path: "/api/activity/keys/endpoint/{id}/{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}", Section: "analytics", Handle: keyActivityByEndpoint},
		{Method: "GET", Path: "/api/activity/oauthid/{id}/{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}", Section: "analytics", Handle: oauthActivityByDay},
		{Method: "GET", Path: "/api/activity/oauthid/endpoint/{id}/{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}", Section: "analytics", Handle: oauthActivityByEndpoint},
		{Method: "POST", Path: "/_memserver/analytics", Auth: authNone, Handle: controlRecordTraffic},
	}
}

// RecordTraffic stores analytics records as a gateway would send them, for
// the activity routes to aggregate. A record without org_id belongs to the
// default org; one without a timestamp happened now, by the Server's clock.
// api_key is the key's hash (what a hashing gateway records); the key id
// is matched as well. request_time is the request's latency in
// milliseconds; a "latency" member {"total":ms,"upstream":ms} (kept in
// Extra) gives the upstream latency, which is otherwise request_time. A
// record of MCP traffic carries mcp_stats (is_mcp, jsonrpc_method,
// primitive_type, primitive_name, jsonrpc_error_code), which the MCP
// analytics routes read.
func (s *Server) RecordTraffic(records ...model.AnalyticsRecord) error {
	now := s.now()
	err := s.store.UpdateDefinitions(context.Background(), func(tx store.DefinitionsTx) error {
		for i := range records {
			r := records[i]
			if r.OrgID == "" {
				r.OrgID = s.OrgID
			}
			if r.TimeStamp.IsZero() {
				r.TimeStamp = now
			}
			if r.RequestTime < 0 {
				return fmt.Errorf("record %d: request_time must not be negative: %w", i, store.ErrInvalid)
			}
			if isMCPRecord(&r) && r.MCPStats.JSONRPCMethod == "" {
				return fmt.Errorf("record %d: mcp_stats.jsonrpc_method is empty: an MCP record names the JSON-RPC method it called: %w", i, store.ErrInvalid)
			}
			if err := tx.InsertAnalytics(&r); err != nil {
				return fmt.Errorf("record %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("memserver: record traffic: %w", err)
	}
	return nil
}

// controlRecordTraffic takes one record or an array of them.
func controlRecordTraffic(c *call) {
	var recs []model.AnalyticsRecord
	body := strings.TrimSpace(string(c.body))
	if strings.HasPrefix(body, "{") {
		var r model.AnalyticsRecord
		if !c.decode(&r) {
			return
		}
		recs = append(recs, r)
	} else if !c.decode(&recs) {
		return
	}
	if err := c.s.RecordTraffic(recs...); err != nil {
		c.storeFailed(err, http.StatusBadRequest, err.Error())
		return
	}
	c.json(http.StatusCreated, model.APIResponse{Status: model.StatusOK, Message: "analytics recorded", Meta: len(recs)})
}

// activityRange reads the six date segments: the first day and the last
// day, both whole days of UTC.
func (c *call) activityRange() (from, to time.Time, ok bool) {
	names := [6]string{"startDay", "startMonth", "startYear", "endDay", "endMonth", "endYear"}
	var n [6]int
	for i, name := range names {
		v, err := strconv.Atoi(c.PathValue(name))
		if err != nil {
			c.fail(http.StatusBadRequest, fmt.Sprintf("%s must be a number, got %q", name, c.PathValue(name)))
			return from, to, false
		}
		n[i] = v
	}
	mk := func(d, m, y int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t, m >= 1 && m <= 12 && d >= 1 && t.Day() == d && y > 0
	}
	from, okFrom := mk(n[0], n[1], n[2])
	last, okTo := mk(n[3], n[4], n[5])
	switch {
	case !okFrom || !okTo:
		c.fail(http.StatusBadRequest, fmt.Sprintf("not a date: %d/%d/%d to %d/%d/%d (day/month/year)", n[0], n[1], n[2], n[3], n[4], n[5]))
		return from, to, false
	case last.Before(from):
		c.fail(http.StatusBadRequest, "the range ends before it starts")
		return from, to, false
	}
	return from, last.AddDate(0, 0, 1), true
}

func keyActivityByDay(c *call)        { c.activity(true, false) }
func keyActivityByEndpoint(c *call)   { c.activity(true, true) }
func oauthActivityByDay(c *call)      { c.activity(false, false) }
func oauthActivityByEndpoint(c *call) { c.activity(false, true) }

// activity answers an activity route: the records of a key (by hash or id)
// or of an OAuth client, in the date range, grouped by day or by endpoint.
func (c *call) activity(byKey, byEndpoint bool) {
	from, to, ok := c.activityRange()
	if !ok {
		return
	}
	id := c.PathValue("id")
	org := c.orgFor("")
	var recs []model.AnalyticsRecord
	err := c.view(func(tx store.DefinitionsReader) error {
		q := store.AnalyticsQuery{OrgID: org, From: from, To: to}
		if !byKey {
			q.OAuthID = id
			var err error
			recs, err = tx.ListAnalytics(q)
			return err
		}
		// A gateway records the key's hash, or the key itself when it does
		// not hash: the path may hold either.
		for _, k := range uniqueStrings(id, keyHash(id)) {
			q.APIKey = k
			got, err := tx.ListAnalytics(q)
			if err != nil {
				return err
			}
			recs = append(recs, got...)
		}
		return nil
	})
	if c.storeFailed(err, http.StatusInternalServerError, "Failed to fetch analytics.") {
		return
	}
	data := aggregate(recs, byEndpoint)
	c.json(http.StatusOK, model.AggregateAnalyticsData{Data: data, Pages: 1})
}

func uniqueStrings(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// latencies returns a record's total and upstream latency in milliseconds.
func latencies(r *model.AnalyticsRecord) (total, upstream int64) {
	total, upstream = r.RequestTime, r.RequestTime
	if raw, ok := r.Extra["latency"]; ok {
		var l struct {
			Total    *int64 `json:"total"`
			Upstream *int64 `json:"upstream"`
		}
		if json.Unmarshal(raw, &l) == nil {
			if l.Total != nil {
				total = *l.Total
			}
			if l.Upstream != nil {
				upstream = *l.Upstream
			}
		}
	}
	return total, upstream
}

// aggregate groups records by day or by endpoint (API and path) and sums
// each group as the Dashboard does: a response code of 400 or more is an
// error, anything else a success; latencies are averaged, with their
// extremes. Days come in order; endpoints most hit first.
func aggregate(recs []model.AnalyticsRecord, byEndpoint bool) []model.AnalyticsResultUnit {
	if byEndpoint {
		return aggregateBy(recs, groupByEndpoint, failedRequest, mostHitEndpointFirst)
	}
	return aggregateBy(recs, groupByDay, failedRequest, byDay)
}

// A grouping names the group of a record and what its result unit's id
// says of the group.
type grouping func(r *model.AnalyticsRecord) (key string, id model.AnalyticsResultID)

func groupByEndpoint(r *model.AnalyticsRecord) (string, model.AnalyticsResultID) {
	return r.APIID + "\x00" + r.Path, model.AnalyticsResultID{Path: r.Path, APIID: r.APIID, APIName: r.APIName}
}

func groupByDay(r *model.AnalyticsRecord) (string, model.AnalyticsResultID) {
	t := r.TimeStamp.UTC()
	return t.Format(time.DateOnly), model.AnalyticsResultID{Day: int64(t.Day()), Month: int64(t.Month()), Year: int64(t.Year())}
}

// failedRequest: a response code of 400 or more.
func failedRequest(r *model.AnalyticsRecord) bool { return r.ResponseCode >= 400 }

func byDay(a, b *model.AnalyticsResultUnit) bool { return dayOf(a.ID) < dayOf(b.ID) }

func mostHitEndpointFirst(a, b *model.AnalyticsResultUnit) bool {
	if a.Hits != b.Hits {
		return a.Hits > b.Hits
	}
	if a.ID.APIID != b.ID.APIID {
		return a.ID.APIID < b.ID.APIID
	}
	return a.ID.Path < b.ID.Path
}

// aggregateBy groups records with group, counts each record failed says
// failed as an error, and orders the groups with less.
func aggregateBy(recs []model.AnalyticsRecord, group grouping, failed func(*model.AnalyticsRecord) bool, less func(a, b *model.AnalyticsResultUnit) bool) []model.AnalyticsResultUnit {
	type acc struct {
		unit                     model.AnalyticsResultUnit
		reqTime, total, upstream int64
		minT, maxT, minUp, maxUp int64
	}
	groups := map[string]*acc{}
	for i := range recs {
		r := &recs[i]
		key, id := group(r)
		a := groups[key]
		if a == nil {
			a = &acc{unit: model.AnalyticsResultUnit{ID: id}, minT: math.MaxInt64, minUp: math.MaxInt64}
			groups[key] = a
		}
		total, up := latencies(r)
		u := &a.unit
		u.Hits++
		if failed(r) {
			u.Error++
		} else {
			u.Success++
		}
		if r.TimeStamp.After(u.LastHit) {
			u.LastHit = r.TimeStamp
		}
		a.reqTime += r.RequestTime
		a.total += total
		a.upstream += up
		a.minT, a.maxT = min(a.minT, total), max(a.maxT, total)
		a.minUp, a.maxUp = min(a.minUp, up), max(a.maxUp, up)
	}
	out := make([]model.AnalyticsResultUnit, 0, len(groups))
	for _, a := range groups {
		u := &a.unit
		hits := float64(u.Hits)
		u.RequestTime = float64(a.reqTime) / hits
		u.Latency = float64(a.total) / hits
		u.UpstreamLatency = float64(a.upstream) / hits
		u.MinLatency, u.MaxLatency = a.minT, a.maxT
		u.MinUpstreamLatency, u.MaxUpstreamLatency = a.minUp, a.maxUp
		fillEmpty(u)
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return less(&out[i], &out[j]) })
	return out
}

func dayOf(id model.AnalyticsResultID) int64 { return id.Year*10000 + id.Month*100 + id.Day }
