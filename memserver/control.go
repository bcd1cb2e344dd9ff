package memserver

import (
	"net/http"
	"strconv"
	"time"
)

// The control routes under /_memserver/ do over HTTP what the Go harness
// does, for test suites in other languages. They need no credentials, are
// never faulted and are not recorded.
func controlRoutes() []route {
	return []route{
		{Method: "GET", Path: "/_memserver/health", Auth: authNone, Handle: controlHealth},
		{Method: "POST", Path: "/_memserver/reset", Auth: authNone, Handle: controlReset},
		{Method: "POST", Path: "/_memserver/seed", Auth: authNone, Handle: controlSeed},
		{Method: "GET", Path: "/_memserver/requests", Auth: authNone, Handle: controlRequests},
		{Method: "DELETE", Path: "/_memserver/requests", Auth: authNone, Handle: controlClearRequests},
		{Method: "GET", Path: "/_memserver/faults", Auth: authNone, Handle: controlFaults},
		{Method: "POST", Path: "/_memserver/faults", Auth: authNone, Handle: controlAddFault},
		{Method: "DELETE", Path: "/_memserver/faults", Auth: authNone, Handle: controlClearFaults},
		{Method: "DELETE", Path: "/_memserver/faults/{id}", Auth: authNone, Handle: controlRemoveFault},
	}
}

func controlHealth(c *call) {
	c.json(http.StatusOK, map[string]string{"status": "ok", "org_id": c.s.OrgID})
}

func controlReset(c *call) {
	if err := c.s.Reset(); err != nil {
		c.fail(http.StatusInternalServerError, err.Error())
		return
	}
	c.ok("reset", nil)
}

func controlSeed(c *call) {
	var f Fixtures
	if !c.decode(&f) {
		return
	}
	if err := c.s.Seed(f); err != nil {
		c.storeFailed(err, http.StatusBadRequest, err.Error())
		return
	}
	c.ok("seeded", nil)
}

// wireExchange is an Exchange with its bodies as text, for clients that
// are not Go.
type wireExchange struct {
	Time         time.Time           `json:"time"`
	DurationMS   float64             `json:"duration_ms"`
	Method       string              `json:"method"`
	Path         string              `json:"path"`
	Query        string              `json:"query"`
	Header       map[string][]string `json:"header"`
	Body         string              `json:"body"`
	Route        string              `json:"route"`
	Fault        bool                `json:"fault"`
	Status       int                 `json:"status"`
	ContentType  string              `json:"content_type"`
	ResponseBody string              `json:"response_body"`
}

// controlRequests answers the journal, oldest first. The header
// X-Memserver-Requests-Dropped says how many older exchanges the journal's
// bounds (entries and bytes) have dropped since it was last cleared.
func controlRequests(c *call) {
	all := c.s.Requests()
	dropped, _ := c.s.reqlog.stats()
	c.w.Header().Set("X-Memserver-Requests-Dropped", strconv.FormatInt(dropped, 10))
	out := make([]wireExchange, 0, len(all))
	for _, ex := range all {
		out = append(out, wireExchange{
			Time: ex.Time, DurationMS: float64(ex.Duration) / float64(time.Millisecond),
			Method: ex.Method, Path: ex.Path, Query: ex.RawQuery, Header: ex.Header,
			Body: string(ex.Body), Route: ex.Route, Fault: ex.Fault, Status: ex.Status,
			ContentType: ex.ContentType, ResponseBody: string(ex.ResponseBody),
		})
	}
	c.json(http.StatusOK, out)
}

func controlClearRequests(c *call) {
	c.s.reqlog.clear()
	c.ok("requests cleared", nil)
}

func controlFaults(c *call) {
	list := c.s.Faults()
	if list == nil {
		list = []FaultInfo{}
	}
	c.json(http.StatusOK, list)
}

// wireFault is the body of POST /_memserver/faults.
type wireFault struct {
	Method      string  `json:"method"`
	Path        string  `json:"path"`
	Status      int     `json:"status"`
	Body        string  `json:"body"`
	LatencyMS   float64 `json:"latency_ms"`
	Count       int     `json:"count"`
	Probability float64 `json:"probability"`
}

func controlAddFault(c *call) {
	var f wireFault
	if !c.decode(&f) {
		return
	}
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		c.fail(http.StatusBadRequest, "status must be an HTTP status between 100 and 599")
		return
	case f.Status == 0 && f.LatencyMS <= 0:
		c.fail(http.StatusBadRequest, "a fault needs a status, a latency_ms, or both")
		return
	case f.Probability < 0 || f.Probability > 1:
		c.fail(http.StatusBadRequest, "probability must be between 0 and 1")
		return
	case f.Count < 0:
		c.fail(http.StatusBadRequest, "count must not be negative")
		return
	}
	id := c.s.faults.add(Match{Method: f.Method, Path: f.Path}, Fault{
		Status: f.Status, Body: f.Body, Count: f.Count, Probability: f.Probability,
		Latency: time.Duration(f.LatencyMS * float64(time.Millisecond)),
	})
	c.json(http.StatusCreated, map[string]any{"Status": "OK", "Message": "fault injected", "Meta": nil, "ID": strconv.FormatInt(id, 10)})
}

func controlClearFaults(c *call) {
	c.s.faults.clear()
	c.ok("faults cleared", nil)
}

func controlRemoveFault(c *call) {
	id, err := strconv.ParseInt(c.PathValue("id"), 10, 64)
	if err != nil {
		c.fail(http.StatusBadRequest, "fault id must be a number")
		return
	}
	c.s.faults.remove(id)
	c.ok("fault removed", nil)
}
