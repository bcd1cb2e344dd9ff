package client_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestNewRejectsBadBaseURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "localhost:3000", "ftp://example.org", "http://", "://x"} {
		if _, err := client.New(u); err == nil {
			t.Errorf("New(%q): no error", u)
		}
	}
	if _, err := client.New("http://localhost:3000", client.WithHTTPClient(nil)); err == nil {
		t.Error("WithHTTPClient(nil): no error")
	}
	c, err := client.New("http://localhost:3000/dashboard/")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.BaseURL(), "http://localhost:3000/dashboard"; got != want {
		t.Errorf("BaseURL = %q, want %q", got, want)
	}
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	ctx := context.Background()
	for name, opts := range map[string][]client.Option{
		"no secret":    nil,
		"wrong secret": {client.WithSecret("not-a-secret")},
	} {
		c, err := client.New(srv.URL, opts...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.APIs.List(ctx, client.ListAPIsOptions{})
		if !errors.Is(err, client.ErrUnauthorized) {
			t.Fatalf("%s: err = %v, want ErrUnauthorized", name, err)
		}
		var apiErr *client.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized ||
			apiErr.Status != model.StatusError || apiErr.Message != model.MsgNotAuthorised {
			t.Errorf("%s: APIError = %+v", name, apiErr)
		}
		if errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrForbidden) {
			t.Errorf("%s: %v matches another sentinel", name, err)
		}
		if !strings.Contains(err.Error(), "GET /api/apis: 401") {
			t.Errorf("%s: message %q does not name the request and status", name, err)
		}
	}
}

func TestNotFoundFoldsThe400s(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	// GET /api/apis/{id} answers 400 for a missing API; the client says
	// ErrNotFound all the same, and not ErrInvalid.
	_, err := c.APIs.Get(ctx, "0123456789abcdef01234567")
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if !errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrInvalid) {
		t.Errorf("missing API: %v (status %d): want ErrNotFound only", err, apiErr.StatusCode)
	}
	// A missing policy is a plain 404.
	_, err = c.Policies.Get(ctx, "0123456789abcdef01234567")
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || !errors.Is(err, client.ErrNotFound) {
		t.Errorf("missing policy: %v, want a 404 ErrNotFound", err)
	}
}

func TestEmptyIDIsRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	before := len(srv.Requests())
	if _, err := c.APIs.Get(ctx, ""); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("APIs.Get(\"\"): %v, want ErrInvalid", err)
	}
	if _, err := c.Keys.Update(ctx, "", &model.SessionState{}); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Keys.Update(\"\"): %v, want ErrInvalid", err)
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("%d requests sent for empty ids", n)
	}
}

func TestAnswerThatIsNotJSON(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()

	// An error page from a proxy: an *APIError that says the body is not
	// JSON, with the status and the start of the body.
	remove := srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis"},
		memserver.Fault{Status: http.StatusBadGateway, Body: "<html><body>Bad gateway from the proxy</body></html>"})
	_, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	remove()
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadGateway {
		t.Fatalf("err = %v, want a 502 *APIError", err)
	}
	if !errors.Is(err, client.ErrNotJSON) {
		t.Errorf("%v: want ErrNotJSON", err)
	}
	for _, want := range []string{"502", "not JSON", "<html><body>Bad gateway"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}

	// A 200 that is not JSON.
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/portal/policies"},
		memserver.Fault{Status: http.StatusOK, Body: "maintenance page " + strings.Repeat("x", 500)})
	_, err = c.Policies.List(ctx, client.ListPoliciesOptions{})
	var respErr *client.ResponseError
	if !errors.As(err, &respErr) || !errors.Is(err, client.ErrNotJSON) {
		t.Fatalf("err = %v, want a *ResponseError with ErrNotJSON", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "200") || !strings.Contains(msg, "maintenance page") || len(msg) > 400 {
		t.Errorf("message %q: want the status and only the start of the body", msg)
	}
}

func TestNetworkError(t *testing.T) {
	t.Parallel()
	// A port nothing listens on: take one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := client.New("http://"+addr, client.WithSecret("s"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.APIs.List(context.Background(), client.ListAPIsOptions{})
	var netErr *client.NetworkError
	if !errors.As(err, &netErr) {
		t.Fatalf("err = %v, want *NetworkError", err)
	}
	if !strings.Contains(err.Error(), "no response") || !strings.Contains(err.Error(), addr) {
		t.Errorf("message %q does not say that no answer came from %s", err, addr)
	}
}

// hookCounter counts the attempts a client makes, per method and path.
type hookCounter struct {
	mu       sync.Mutex
	attempts map[string]int
	statuses []int
}

func (h *hookCounter) hook(ex client.Exchange) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.attempts == nil {
		h.attempts = map[string]int{}
	}
	h.attempts[ex.Request.Method+" "+ex.Request.URL.Path]++
	h.statuses = append(h.statuses, ex.StatusCode)
}

func (h *hookCounter) count(key string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.attempts[key]
}

func retryingClient(t *testing.T, srv *memserver.Server, h *hookCounter) *client.Client {
	t.Helper()
	c, err := client.New(srv.URL, client.WithSecret(srv.Secret), client.WithAdminSecret(srv.AdminSecret),
		client.WithRetry(client.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}),
		client.WithRequestHook(h.hook))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRetryIdempotentAfter503(t *testing.T) {
	t.Parallel()
	srv, admin := start(t)
	ctx := context.Background()
	created := mustCreateAPI(t, admin, "Retried", "/retried/")

	var h hookCounter
	c := retryingClient(t, srv, &h)
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis/{id}"},
		memserver.Fault{Status: http.StatusServiceUnavailable, Count: 2})
	api, err := c.APIs.Get(ctx, created.ID)
	if err != nil {
		t.Fatalf("Get after two 503s: %v", err)
	}
	if api.APIDefinition.Name != "Retried" {
		t.Errorf("name = %q", api.APIDefinition.Name)
	}
	if n := h.count("GET /api/apis/" + created.ID); n != 3 {
		t.Errorf("%d attempts, want 3 (two 503s, then the answer); statuses %v", n, h.statuses)
	}

	// More failures than retries: the last 503 is the error.
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis/{id}"},
		memserver.Fault{Status: http.StatusServiceUnavailable, Count: 10})
	_, err = c.APIs.Get(ctx, created.ID)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("err = %v, want the last 503", err)
	}
}

func TestRetryNeverRepeatsAPost(t *testing.T) {
	t.Parallel()
	srv, admin := start(t)
	ctx := context.Background()
	var h hookCounter
	c := retryingClient(t, srv, &h)
	srv.InjectFault(memserver.Match{Method: "POST", Path: "/api/apis"},
		memserver.Fault{Status: http.StatusServiceUnavailable, Count: 1})
	_, err := c.APIs.Create(ctx, classicAPI("Once", "/once/"))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want the 503", err)
	}
	if n := h.count("POST /api/apis"); n != 1 {
		t.Errorf("POST sent %d times, want once", n)
	}
	page, err := admin.APIs.List(ctx, client.ListAPIsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 0 {
		t.Errorf("%d APIs stored, want none", len(page.Items))
	}
}

func TestNoRetryWithoutTheOption(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	var h hookCounter
	c, err := client.New(srv.URL, client.WithSecret(srv.Secret), client.WithRequestHook(h.hook))
	if err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis"},
		memserver.Fault{Status: http.StatusTooManyRequests, Count: 1})
	_, err = c.APIs.List(context.Background(), client.ListAPIsOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	if n := h.count("GET /api/apis"); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

func TestCancelledContextStopsACall(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/apis"}, memserver.Fault{Latency: 10 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.APIs.List(ctx, client.ListAPIsOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the call took %v after its context ended", d)
	}

	// Cancelled while waiting to retry.
	var h hookCounter
	rc, err := client.New(srv.URL, client.WithSecret(srv.Secret), client.WithRequestHook(h.hook),
		client.WithRetry(client.RetryPolicy{MaxRetries: 5, MinBackoff: 10 * time.Second, MaxBackoff: 10 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(memserver.Match{Method: "GET", Path: "/api/portal/policies"}, memserver.Fault{Status: 503})
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = rc.Policies.List(ctx2, client.ListPoliciesOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the retry wait went on %v after the context ended", d)
	}
}

func TestHookAndUserAgent(t *testing.T) {
	t.Parallel()
	// The journal redacts credentials unless asked to show them; this test
	// checks the secret the client sent.
	srv, _ := start(t, memserver.WithRequestLogSecrets(true))
	var got []client.Exchange
	c, err := client.New(srv.URL, client.WithSecret(srv.Secret), client.WithUserAgent("dashkit-test/2"),
		client.WithRequestHook(func(ex client.Exchange) { got = append(got, ex) }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.APIs.Create(context.Background(), classicAPI("Hooked", "/hooked/")); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("hook saw %d exchanges, want 1", len(got))
	}
	ex := got[0]
	if ex.Request.Method != "POST" || ex.StatusCode != http.StatusOK || ex.Attempt != 1 || ex.Err != nil ||
		!strings.Contains(string(ex.RequestBody), `"Hooked"`) || !strings.Contains(string(ex.Body), model.MsgAPICreated) {
		t.Errorf("exchange = %+v", ex)
	}
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	if ua := last.Header.Get("User-Agent"); ua != "dashkit-test/2" {
		t.Errorf("User-Agent = %q", ua)
	}
	if auth := last.Header.Get("Authorization"); auth != srv.Secret {
		t.Errorf("Authorization = %q, want the secret", auth)
	}
}

func TestLogRequests(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := client.New(srv.URL, client.WithSecret(srv.Secret), client.WithRequestHook(client.LogRequests(logger)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.APIs.List(ctx, client.ListAPIsOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.APIs.Get(ctx, missing); err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("logged %d lines:\n%s", len(lines), buf.String())
	}
	for i, want := range []string{"level=DEBUG msg=\"dashboard request\" method=GET path=/api/apis status=200 attempt=1",
		"level=WARN msg=\"dashboard request\" method=GET path=/api/apis/" + missing + " status=400 attempt=1"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %q, want %q in it", i, lines[i], want)
		}
	}
	if strings.Contains(buf.String(), srv.Secret) {
		t.Error("the secret was logged")
	}
}

// TestConcurrentUse shares one client between goroutines, as a program
// would.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	srv, _ := start(t)
	var h hookCounter
	c := retryingClient(t, srv, &h)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			created, err := c.APIs.Create(ctx, classicAPI("Concurrent", "/concurrent-"+strconv.Itoa(i)+"/"))
			if err == nil {
				_, err = c.APIs.Get(ctx, created.ID)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(collect(t, c.APIs.All(ctx, client.ListAPIsOptions{}))); n != 20 {
		t.Errorf("%d APIs, want 20", n)
	}
}
