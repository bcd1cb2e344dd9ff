// Command memserver runs the in-memory Tyk Dashboard as a process, for test
// suites in any language.
//
//	memserver -addr 127.0.0.1:3000 -secret s3cret -admin-secret adm1n -seed fixtures.json
//
// With -data state.jsonl the state lives in that file as well: it is loaded
// at start, every write is in it before it is answered, and a memserver
// started again on it has everything an earlier one acknowledged, even
// after a kill -9. With -postgres postgres://... the definitions live in
// PostgreSQL, and several memservers on one database serve the same state.
//
// On start it prints its URL, org id and both secrets; it stops cleanly on
// SIGINT or SIGTERM. Besides the Dashboard and Admin APIs it answers the
// control routes under /_memserver/ (health, reset, seed, requests, faults).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/pgstore"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/redis/go-redis/v9"
)

// shutdownGrace is how long a shutdown waits for requests in flight.
const shutdownGrace = 800 * time.Millisecond

// loopback reports whether addr is a loopback address only: a wildcard
// address (":3000", "0.0.0.0") listens on every interface.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "memserver:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends or a signal arrives, and shuts
// down, letting requests in flight finish.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("memserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:3000", "address to listen on")
	adminSecret := fs.String("admin-secret", "", "secret of the Admin API (admin-auth header); generated when empty")
	secret := fs.String("secret", "", "API secret of the default admin user (Authorization header); generated when empty")
	orgID := fs.String("org-id", "", "id of the default org; generated when empty")
	seedFile := fs.String("seed", "", "JSON file of fixtures to store at start (and on reset)")
	pageSize := fs.Int("page-size", 10, "items in one page of a list")
	keyHash := fs.String("key-hash", model.DefaultHashAlgorithm, "hash function of keys, as the gateway's hash_key_function: murmur32, murmur64, murmur128 or sha256; empty for legacy <org_id><32 hex> keys")
	multiOrgUsers := fs.Bool("multi-org-users", false, "let one email be a user once in each org, as the Dashboard's enable_multi_org_users")
	redisURL := fs.String("redis", "", "keep keys in this Redis, in the layout a Tyk Gateway reads, and announce changes there (redis://127.0.0.1:6379/0)")
	nodeSecret := fs.String("node-secret", "", "node secret of the gateways (their node_secret); without one the gateway routes answer 403")
	verbose := fs.Bool("v", false, "log every request to stderr")
	dataFile := fs.String("data", "", "data file to keep the state in (loaded at start when it exists; every write is in it before it is answered)")
	postgres := fs.String("postgres", "", "PostgreSQL URL (postgres://user@host/db) to keep the definitions in, shared with any other memserver on it; keys stay in memory unless -redis")
	gatewayURL := fs.String("gateway-url", memserver.DefaultGatewayURL, "URL of the gateway: imported OAS APIs' servers, the API URL routes, and the one target of POST /api/proxy")
	apiOwnership := fs.Bool("api-ownership", false, "enforce API ownership (user_owners, user_group_owners), as the Dashboard's enable_ownership")
	compactAfter := fs.Int64("data-compact-after", memstore.DefaultCompactAfter, "bytes of changes after which the data file is rewritten as a fresh export")
	logSize := fs.Int("log-size", memserver.DefaultRequestLogSize, "exchanges the request journal (/_memserver/requests) keeps")
	logBytes := fs.Int64("log-bytes", memserver.DefaultRequestLogBytes, "bytes of exchanges the request journal keeps; the oldest go first")
	logSecrets := fs.Bool("log-secrets", false, "show credentials (auth headers, passwords, secrets, access keys) in the request journal instead of redacting them")
	auditSize := fs.Int("audit-size", memserver.DefaultAuditLogSize, "records the audit log keeps; the oldest go first")
	auditBytes := fs.Int64("audit-bytes", memserver.DefaultAuditLogBytes, "bytes of records the audit log keeps, about; the oldest go first")
	controlSecret := fs.String("control-secret", "", "secret the control routes /_memserver/* require (header X-Memserver-Control-Secret); none when empty")
	trusted := fs.String("trusted-proxies", "", "comma-separated addresses or CIDR ranges of proxies whose X-Forwarded-For the audit log believes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	opts := []memserver.Option{
		memserver.WithAdminSecret(*adminSecret),
		memserver.WithSecret(*secret),
		memserver.WithOrgID(*orgID),
		memserver.WithPageSize(*pageSize),
		memserver.WithKeyHashFunction(*keyHash),
		memserver.WithRequestLogSize(*logSize),
		memserver.WithRequestLogBytes(*logBytes),
		memserver.WithRequestLogSecrets(*logSecrets),
		memserver.WithAuditLogSize(*auditSize),
		memserver.WithAuditLogBytes(*auditBytes),
		memserver.WithControlSecret(*controlSecret),
		memserver.WithMultiOrgUsers(*multiOrgUsers),
		memserver.WithNodeSecret(*nodeSecret),
		memserver.WithGatewayURL(*gatewayURL),
		memserver.WithAPIOwnership(*apiOwnership),
	}
	if *trusted != "" {
		ranges := strings.Split(*trusted, ",")
		for i := range ranges {
			ranges[i] = strings.TrimSpace(ranges[i])
		}
		if _, err := memserver.ParseTrustedProxies(ranges...); err != nil {
			return err
		}
		opts = append(opts, memserver.WithTrustedProxies(ranges...))
	}
	if *redisURL != "" {
		client, err := connectRedis(ctx, *redisURL)
		if err != nil {
			return err
		}
		defer client.Close()
		opts = append(opts, memserver.WithSessions(redisstore.New(client)), memserver.WithNotifier(redisstore.NewNotifier(client)))
	}
	if *dataFile != "" && *postgres != "" {
		return fmt.Errorf("-data and -postgres both given: choose one place for the state")
	}
	if *postgres != "" {
		defs, err := pgstore.New(ctx, *postgres)
		if err != nil {
			return err
		}
		defer defs.Close()
		opts = append(opts, memserver.WithSharedStore(store.Combine(defs, memstore.NewSessions())))
	}
	if *dataFile != "" {
		fs, err := memstore.Open(*dataFile, memstore.WithCompactAfter(*compactAfter))
		if err != nil {
			return err
		}
		defer fs.Close()
		opts = append(opts, memserver.WithStore(fs))
	}
	if *verbose {
		opts = append(opts, memserver.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))))
	}
	if *seedFile != "" {
		data, err := os.ReadFile(*seedFile)
		if err != nil {
			return fmt.Errorf("read fixtures: %w", err)
		}
		var f memserver.Fixtures
		if err := json.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("read fixtures %s: %w", *seedFile, err)
		}
		opts = append(opts, memserver.WithFixtures(f))
	}
	srv, err := memserver.NewServer(opts...)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv.URL = "http://" + ln.Addr().String()
	if *controlSecret == "" && !loopback(ln.Addr()) {
		fmt.Fprintf(stderr, "memserver: warning: listening on %s, which is not a loopback address, and the control routes /_memserver/* (reset, seed, requests) need no credentials: set -control-secret\n", ln.Addr())
	}
	// A stalled client neither holds a connection for ever nor delays a
	// shutdown: headers, bodies and idle keep-alives all have a deadline.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 60 * time.Second}

	fmt.Fprintf(stdout, "memserver listening on %s\n", srv.URL)
	fmt.Fprintf(stdout, "org id:       %s\n", srv.OrgID)
	fmt.Fprintf(stdout, "secret:       %s\n", srv.Secret)
	fmt.Fprintf(stdout, "admin secret: %s\n", srv.AdminSecret)

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Requests in flight get under a second to finish; whatever is still
	// open then (a stalled upload) is closed, so a SIGTERM ends the
	// process within a second and without an error.
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		hs.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	srv.Close()
	fmt.Fprintln(stdout, "memserver stopped")
	return nil
}

// connectRedis opens url and checks that Redis answers, so that a wrong
// -redis fails at start rather than at the first key.
func connectRedis(ctx context.Context, url string) (*redis.Client, error) {
	o, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("-redis %s: %w", url, err)
	}
	client := redis.NewClient(o)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, fmt.Errorf("-redis %s: Redis does not answer at %s: %w", url, o.Addr, err)
	}
	return client, nil
}
