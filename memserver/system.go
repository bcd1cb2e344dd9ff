package memserver

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// System usage: GET /api/system/stats, the usage of the licensed entities
// over time. The memserver has no licence and keeps no history, so a
// period's usage is counted from the org's APIs as they are now: the APIs
// created by the end of the period (an API without a creation time counts
// from the start), and of those the active ones. Minimum, maximum and
// average of a period are that one count; the licence entitlements are 0.
// It has no data planes either: their series are zeros.
func systemRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/system/stats", Section: "system", Handle: getSystemStats},
	}
}

const (
	msgStatsBadRequest = "Request validation failed."
	// maxStatsPeriods bounds one answer: ten years of days.
	maxStatsPeriods = 3660
)

// statsQuery is what GET /api/system/stats was asked.
type statsQuery struct {
	from, to time.Time // whole days, UTC, both included
	daily    bool
	entity   string
}

func (c *call) statsQuery() (statsQuery, bool) {
	q := c.r.URL.Query()
	bad := func(format string, args ...any) (statsQuery, bool) {
		c.fail(http.StatusBadRequest, msgStatsBadRequest+" "+fmt.Sprintf(format, args...))
		return statsQuery{}, false
	}
	var sq statsQuery
	switch e := q.Get("entity"); e {
	case "", "apis":
		sq.entity = "apis"
	case "dataplanes", "dataplanes.gateways":
		sq.entity = e
	default:
		return bad("entity must be apis, dataplanes or dataplanes.gateways, got %q", e)
	}
	switch r := q.Get("resolution"); r {
	case "":
	case "day":
		sq.daily = true
	default:
		return bad("resolution must be day, got %q", r)
	}
	start, end := q.Get("start_day"), q.Get("end_day")
	if (start == "") != (end == "") {
		return bad("start_day and end_day go together: give both or neither")
	}
	if start == "" {
		// The current and the previous year, up to today.
		now := c.s.now().UTC()
		sq.from = time.Date(now.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC)
		sq.to = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		var err error
		if sq.from, err = time.Parse(time.DateOnly, start); err != nil {
			return bad("start_day must be a date (YYYY-MM-DD), got %q", start)
		}
		if sq.to, err = time.Parse(time.DateOnly, end); err != nil {
			return bad("end_day must be a date (YYYY-MM-DD), got %q", end)
		}
		if sq.to.Before(sq.from) {
			return bad("end_day %s is before start_day %s", end, start)
		}
	}
	if sq.daily && sq.to.Sub(sq.from)/(24*time.Hour) >= maxStatsPeriods {
		return bad("at most %d days at a daily resolution", maxStatsPeriods)
	}
	return sq, true
}

// periods returns the first day of each period and the instant it ends.
func (sq statsQuery) periods() (starts, ends []time.Time) {
	for d := sq.from; !d.After(sq.to); {
		var next time.Time
		if sq.daily {
			next = d.AddDate(0, 0, 1)
		} else {
			next = time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		}
		end := next
		if last := sq.to.AddDate(0, 0, 1); end.After(last) {
			end = last
		}
		starts, ends = append(starts, d), append(ends, end)
		d = next
	}
	return starts, ends
}

func getSystemStats(c *call) {
	sq, ok := c.statsQuery()
	if !ok {
		return
	}
	// The creation times of the org's APIs, all and active.
	var all, active []time.Time
	if sq.entity == "apis" {
		err := c.view(func(tx store.DefinitionsReader) error {
			page, err := tx.ListAPIs(c.orgFor(""), store.APIQuery{})
			if err != nil {
				return err
			}
			for i := range page.Items {
				w := &page.Items[i]
				var at time.Time
				if w.CreatedAt != nil {
					at = *w.CreatedAt
				}
				all = append(all, at)
				if w.APIDefinition != nil && w.APIDefinition.Active {
					active = append(active, at)
				}
			}
			return nil
		})
		if c.storeFailed(err, http.StatusInternalServerError, "Failed to system stats.") {
			return
		}
	}
	byTime := func(ts []time.Time) { sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) }) }
	byTime(all)
	byTime(active)
	// createdBefore counts the times before end.
	createdBefore := func(ts []time.Time, end time.Time) int64 {
		return int64(sort.Search(len(ts), func(i int) bool { return !ts[i].Before(end) }))
	}
	starts, ends := sq.periods()
	series := make([]model.IndividualStats, len(starts))
	for i := range starts {
		n, a := createdBefore(all, ends[i]), createdBefore(active, ends[i])
		series[i] = model.IndividualStats{Date: starts[i].Format(time.DateOnly),
			MaxUsage: n, MinUsage: n, AvgUsage: n, MaxActiveUsage: a, MinActiveUsage: a, AvgActiveUsage: a}
	}
	stats := &model.EntityStats{}
	switch sq.entity {
	case "apis":
		stats.APIs = series
	case "dataplanes":
		stats.DataPlanes = series
	default:
		stats.DataPlanesGateways = series
	}
	c.json(http.StatusOK, model.SystemStatsResponse{Status: "Success", Stats: stats})
}
