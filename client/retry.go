package client

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy says how often and how long WithRetry waits and tries again.
// Zero fields take the defaults.
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt
	// (default 3).
	MaxRetries int
	// MinBackoff is the wait before the first retry; each further retry
	// doubles it (default 200ms).
	MinBackoff time.Duration
	// MaxBackoff caps the backoff (default 30s). A server that asks, with
	// Retry-After, for a longer wait is not retried: the error is returned,
	// with APIError.RetryAfter, for the caller to decide.
	MaxBackoff time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxRetries == 0 {
		p.MaxRetries = 3
	}
	if p.MinBackoff <= 0 {
		p.MinBackoff = 200 * time.Millisecond
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = 30 * time.Second
	}
	if p.MaxBackoff < p.MinBackoff {
		p.MaxBackoff = p.MinBackoff
	}
	return p
}

// retryable lists the answers that say "try again later": rate limited, or
// a proxy in front of the Dashboard could not reach it.
func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// idempotent reports whether sending method twice has the effect of sending
// it once. POST and PATCH are not: a retry could create a second object.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// next says whether to retry after attempt got resp, and how long to wait.
func (p *RetryPolicy) next(method string, resp *response, attempt int) (time.Duration, bool) {
	if p == nil || attempt > p.MaxRetries || !idempotent(method) || !retryable(resp.StatusCode) {
		return 0, false
	}
	wait := p.MinBackoff << (attempt - 1)
	if wait <= 0 || wait > p.MaxBackoff {
		wait = p.MaxBackoff
	}
	// Jitter in [wait/2, wait] keeps many clients from retrying in step.
	wait = wait/2 + rand.N(wait/2+1)
	if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && ra > wait {
		if ra > p.MaxBackoff {
			return 0, false
		}
		wait = ra
	}
	return wait, true
}

// retryAfter parses a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}
