package memserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
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

func TestSSONonce(t *testing.T) {
	t.Parallel()
	clk := &clock{now: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)}
	srv := newServer(t, memserver.WithClock(clk.Now))
	a := call(t, srv, "POST", "/api/usergroups", map[string]any{"name": "sso", "user_permissions": map[string]string{"apis": "read"}})
	want(t, a, http.StatusOK)
	group := a.JSON(t)["Meta"].(string)
	body := map[string]any{"ForSection": "dashboard", "OrgID": srv.OrgID, "EmailAddress": "sso@example.com", "GroupID": group}

	a = call(t, srv, "POST", "/api/sso", body)
	want(t, a, http.StatusOK)
	m := a.JSON(t)
	nonce, _ := m["Meta"].(string)
	if m["Status"] != "OK" || m["Message"] != "SSO Nonce created" || nonce == "" {
		t.Fatalf("envelope: %s", a.Body)
	}
	// Used once, within 60 seconds of the Server's clock.
	clk.Advance(59 * time.Second)
	a = tap(t, srv, nonce)
	want(t, a, http.StatusFound)
	if a.Header.Get("Location") != "/" {
		t.Fatalf("redirect to %q", a.Header.Get("Location"))
	}
	wantError(t, tap(t, srv, nonce), http.StatusUnauthorized, "unknown, used or expired")
	// The login created the user, in the nonce's group.
	var users model.UserListResponse
	call(t, srv, "POST", "/api/users/search", map[string]any{"filters": map[string]string{"query": "sso@example.com"}}).Into(t, &users)
	if len(users.Users) != 1 || users.Users[0].GroupID != group || !users.Users[0].Active || users.Users[0].LastLoginDate == "" {
		t.Fatalf("SSO user: %+v", users.Users)
	}
	// Registered users only; users not allowed.
	for _, tc := range []struct {
		body map[string]any
		msg  string
	}{
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "stranger@example.com", "SSOOnlyForRegisteredUsers": true}, "not a registered user"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "sso@example.com", "UserNotAllowed": true}, "not allowed"},
	} {
		a := call(t, srv, "POST", "/api/sso", tc.body)
		want(t, a, http.StatusOK)
		wantError(t, tap(t, srv, a.JSON(t)["Meta"].(string)), http.StatusForbidden, tc.msg)
	}

	a = adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "portal", "OrgID": srv.OrgID, "EmailAddress": "dev@example.com"})
	want(t, a, http.StatusOK)
	late := a.JSON(t)["Meta"].(string)
	clk.Advance(60 * time.Second)
	wantError(t, tap(t, srv, late), http.StatusUnauthorized, "unknown, used or expired")

	cases := []struct {
		body   any
		status int
		msg    string
	}{
		{"{", 400, "malformed JSON"},
		{map[string]any{"ForSection": "admin", "EmailAddress": "x@example.com"}, 400, "ForSection"},
		{map[string]any{"ForSection": "dashboard"}, 400, "EmailAddress is required"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "GroupID": "0123456789abcdef0123abcd"}, 400, "not a user group"},
		{map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "OrgID": "0123456789abcdef0123abcd"}, 403, "not the organisation of the caller"},
	}
	for _, tc := range cases {
		wantError(t, call(t, srv, "POST", "/api/sso", tc.body), tc.status, tc.msg)
	}
	wantError(t, adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com"}), http.StatusBadRequest, "OrgID is required")
	wantError(t, adminCall(t, srv, "POST", "/admin/sso", map[string]any{"ForSection": "dashboard", "EmailAddress": "x@example.com", "OrgID": "0123456789abcdef0123abcd"}), http.StatusBadRequest, "not an organisation")
	_, reader := newUser(t, srv, "sso-reader@example.com", map[string]string{"users": "read"})
	wantError(t, callAs(t, srv, reader, "POST", "/api/sso", body), http.StatusForbidden, "access denied")
}

// tap takes a nonce at the Dashboard's login page, without following its
// redirect.
func tap(t testing.TB, srv *memserver.Server, nonce string) answer {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(srv.URL + "/tap?nonce=" + url.QueryEscape(nonce))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: body}
}
