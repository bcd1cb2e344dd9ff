package client

import (
	"net/http"
	"testing"
	"time"
)

// The memserver's faults set no headers, so the reading of Retry-After is
// checked here, on the parser itself.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	} {
		got, ok := retryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRetryPolicyNext(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{MaxRetries: 3, MinBackoff: 100 * time.Millisecond, MaxBackoff: 2 * time.Second}.withDefaults()
	resp := func(status int, retryAfter string) *response {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		return &response{StatusCode: status, Header: h}
	}
	for attempt := 1; attempt <= 3; attempt++ {
		wait, ok := p.next(http.MethodGet, resp(503, ""), attempt)
		max := p.MinBackoff << (attempt - 1)
		if !ok || wait < max/2 || wait > max {
			t.Errorf("attempt %d: wait %v, %v; want within [%v, %v]", attempt, wait, ok, max/2, max)
		}
	}
	if _, ok := p.next(http.MethodGet, resp(503, ""), 4); ok {
		t.Error("retried past MaxRetries")
	}
	for _, m := range []string{http.MethodPost, http.MethodPatch} {
		if _, ok := p.next(m, resp(503, ""), 1); ok {
			t.Errorf("retried a %s", m)
		}
	}
	for _, status := range []int{400, 404, 409, 500, 501} {
		if _, ok := p.next(http.MethodGet, resp(status, ""), 1); ok {
			t.Errorf("retried a %d", status)
		}
	}
	if wait, ok := p.next(http.MethodPut, resp(429, "1"), 1); !ok || wait != time.Second {
		t.Errorf("Retry-After 1: wait %v, %v", wait, ok)
	}
	// A server that asks for a longer wait than MaxBackoff is not retried
	// early: the caller gets the error.
	if wait, ok := p.next(http.MethodDelete, resp(429, "3600"), 1); ok {
		t.Errorf("Retry-After 3600: retried after %v", wait)
	}
	var none *RetryPolicy
	if _, ok := none.next(http.MethodGet, resp(503, ""), 1); ok {
		t.Error("retried without a policy")
	}
}
