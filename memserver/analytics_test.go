package memserver_test

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// clock is a settable clock for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestAnalyticsAggregates(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	day1 := time.Date(2020, 10, 13, 8, 0, 0, 0, time.UTC)
	day2 := day1.AddDate(0, 0, 1)
	rec := func(path string, code int64, at time.Time, total, upstream int64) model.AnalyticsRecord {
		return model.AnalyticsRecord{
			Method: "GET", Path: path, ResponseCode: code, APIKey: "7f3c3ca87376cabe", APIID: "79fc7cb80df940cc5089772200bd4926",
			OauthID: "27b35a9ed46e429eb2361e440cc4005c", TimeStamp: at, RequestTime: total,
			Extra: model.Extra{"latency": json.RawMessage(`{"total":` + itoa(total) + `,"upstream":` + itoa(upstream) + `}`)},
		}
	}
	if err := srv.RecordTraffic(
		rec("/get", 200, day1, 248, 248),
		rec("/get", 500, day1.Add(time.Minute), 748, 747),
		rec("/post", 201, day2, 241, 239),
		rec("/get", 200, day2.AddDate(0, 0, 5), 1, 1), // outside the range
	); err != nil {
		t.Fatal(err)
	}
	// Another key's record, over HTTP as a test in another language would.
	other := `{"method":"GET","path":"/get","response_code":200,"api_key":"otherhash","api_id":"79fc7cb80df940cc5089772200bd4926","timestamp":"2020-10-13T09:00:00Z","request_time":5}`
	a := callAs(t, srv, "", "POST", "/_memserver/analytics", other)
	want(t, a, http.StatusCreated)

	// By endpoint (the guide's routes): the shape of the guide's answer.
	var out model.AggregateAnalyticsData
	a = call(t, srv, "GET", "/api/activity/oauthid/endpoint/27b35a9ed46e429eb2361e440cc4005c/13/10/2020/14/10/2020", nil)
	want(t, a, http.StatusOK)
	a.Into(t, &out)
	if len(out.Data) != 2 || out.Pages != 1 {
		t.Fatalf("groups: %s", a.Body)
	}
	get := out.Data[0]
	if get.ID.Path != "/get" || get.ID.APIID != "79fc7cb80df940cc5089772200bd4926" || get.Hits != 2 || get.Success != 1 || get.Error != 1 {
		t.Fatalf("/get: %+v", get)
	}
	if get.Latency != 498 || get.UpstreamLatency != 497.5 || get.MaxLatency != 748 || get.MinLatency != 248 || get.MaxUpstreamLatency != 747 || get.MinUpstreamLatency != 248 {
		t.Fatalf("/get latencies: %+v", get)
	}
	if !get.LastHit.Equal(day1.Add(time.Minute)) {
		t.Fatalf("/get last hit %v", get.LastHit)
	}
	if post := out.Data[1]; post.ID.Path != "/post" || post.Hits != 1 || post.Success != 1 || post.Latency != 241 || post.UpstreamLatency != 239 {
		t.Fatalf("/post: %+v", post)
	}
	m := a.JSON(t)
	unit := m["data"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "hits", "success", "error", "last_hit", "request_time", "latency", "upstream_latency", "max_upstream_latency", "min_upstream_latency", "max_latency", "min_latency"} {
		if _, ok := unit[k]; !ok {
			t.Errorf("result unit lacks %s", k)
		}
	}

	// By key, per endpoint and per day (the description's route).
	call(t, srv, "GET", "/api/activity/keys/endpoint/7f3c3ca87376cabe/13/10/2020/14/10/2020", nil).Into(t, &out)
	if len(out.Data) != 2 {
		t.Fatalf("key endpoints: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/keys/7f3c3ca87376cabe/13/10/2020/14/10/2020", nil).Into(t, &out)
	if len(out.Data) != 2 || out.Data[0].ID.Day != 13 || out.Data[0].Hits != 2 || out.Data[1].ID.Day != 14 || out.Data[1].ID.Month != 10 || out.Data[1].ID.Year != 2020 {
		t.Fatalf("key by day: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/oauthid/27b35a9ed46e429eb2361e440cc4005c/1/1/2020/31/12/2020", nil).Into(t, &out)
	if len(out.Data) != 3 {
		t.Fatalf("client by day, whole year: %+v", out.Data)
	}
	a = call(t, srv, "GET", "/api/activity/keys/endpoint/otherhash/13/10/2020/13/10/2020", nil)
	a.Into(t, &out)
	if len(out.Data) != 1 || out.Data[0].Hits != 1 || out.Data[0].Latency != 5 {
		t.Fatalf("other key: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/activity/keys/endpoint/nokey/13/10/2020/13/10/2020", nil)
	want(t, a, http.StatusOK)
	if string(a.Body) != `{"data":[],"pages":1}` {
		t.Fatalf("no traffic: %s", a.Body)
	}

	// Dates.
	wantError(t, call(t, srv, "GET", "/api/activity/keys/x/32/1/2020/1/2/2020", nil), http.StatusBadRequest, "not a date")
	wantError(t, call(t, srv, "GET", "/api/activity/keys/x/1/13/2020/1/2/2020", nil), http.StatusBadRequest, "not a date")
	wantError(t, call(t, srv, "GET", "/api/activity/keys/x/a/1/2020/1/2/2020", nil), http.StatusBadRequest, "startDay must be a number")
	wantError(t, call(t, srv, "GET", "/api/activity/keys/x/2/1/2020/1/1/2020", nil), http.StatusBadRequest, "ends before it starts")

	// Bad records.
	wantError(t, callAs(t, srv, "", "POST", "/_memserver/analytics", `[{"request_time":"slow"}]`), http.StatusBadRequest, "wrong type")
	wantError(t, callAs(t, srv, "", "POST", "/_memserver/analytics", `{"request_time":-1}`), http.StatusBadRequest, "must not be negative")

	// Analytics are a section of their own.
	_, reader := newUser(t, srv, "no-analytics@example.com", map[string]string{"apis": "read"})
	wantError(t, callAs(t, srv, reader, "GET", "/api/activity/keys/x/1/1/2020/1/1/2020", nil), http.StatusForbidden, "access denied")
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestAnalyticsOfOtherOrgs(t *testing.T) {
	t.Parallel()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	at := time.Date(2024, 6, 12, 10, 0, 0, 0, time.UTC)
	if err := srv.RecordTraffic(model.AnalyticsRecord{Path: "/mine", ResponseCode: 200, APIKey: "k", TimeStamp: at, RequestTime: 3}); err != nil {
		t.Fatal(err)
	}
	var out model.AggregateAnalyticsData
	callAs(t, srv, "their-admin", "GET", "/api/activity/keys/endpoint/k/12/6/2024/12/6/2024", nil).Into(t, &out)
	if len(out.Data) != 0 {
		t.Fatalf("another org sees our traffic: %+v", out.Data)
	}
	call(t, srv, "GET", "/api/activity/keys/endpoint/k/12/6/2024/12/6/2024", nil).Into(t, &out)
	if len(out.Data) != 1 {
		t.Fatalf("our traffic: %+v", out.Data)
	}
}
