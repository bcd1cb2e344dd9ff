// Gateway starts a Dashboard (memserver) that an unmodified open-source Tyk
// Gateway can use as its control plane: keys live in Redis where the gateway
// reads them (apikey-<hash>), changes are announced on Redis, and the
// gateway routes answer to a node secret. It creates a keyless API, a keyed
// API, a policy for the keyed one and a key the policy governs, then prints
// the tyk.conf settings that point a gateway at it, and the key to try.
//
//	redis-server --port 6379 --save '' --appendonly no
//	go run ./examples/gateway -redis redis://127.0.0.1:6379/0
//	tyk --conf tyk.conf   # with the printed settings
//	curl http://127.0.0.1:8080/open/get
//	curl -H 'Authorization: <key>' http://127.0.0.1:8080/keyed/get
//
// It serves until interrupted.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/redis/go-redis/v9"
)

// config is what the flags set.
type config struct {
	redisURL   string
	addr       string
	nodeSecret string
	upstream   string
}

func main() {
	var cfg config
	flag.StringVar(&cfg.redisURL, "redis", "redis://127.0.0.1:6379/0", "Redis the gateway uses (its storage)")
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:3000", "address the Dashboard listens on")
	flag.StringVar(&cfg.nodeSecret, "node-secret", "n0de", "node secret the gateway sends (its node_secret)")
	flag.StringVar(&cfg.upstream, "upstream", "http://httpbin.org", "upstream of both APIs")
	flag.Parse()

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	stop, err := run(ctx, cfg, os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	fmt.Println("serving; interrupt to stop")
	<-ctx.Done()
}

// storageConf is the "storage" section of tyk.conf.
type storageConf struct {
	Type     string `json:"type"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database int    `json:"database"`
	Password string `json:"password,omitempty"`
}

// gatewayConf holds the tyk.conf settings that put a gateway in Dashboard
// mode against this memserver (names as in the gateway's config package).
type gatewayConf struct {
	NodeSecret      string `json:"node_secret"`
	UseDBAppConfigs bool   `json:"use_db_app_configs"`
	DBAppConfOpts   struct {
		ConnectionString string `json:"connection_string"`
	} `json:"db_app_conf_options"`
	Policies struct {
		PolicySource           string `json:"policy_source"`
		PolicyConnectionString string `json:"policy_connection_string"`
	} `json:"policies"`
	Storage         storageConf `json:"storage"`
	HashKeys        bool        `json:"hash_keys"`
	HashKeyFunction string      `json:"hash_key_function"`
}

// run starts the memserver on cfg, creates the APIs, the policy and the key,
// and writes the gateway settings and the key to w. stop closes the
// memserver and the Redis client.
func run(ctx context.Context, cfg config, w io.Writer) (stop func(), err error) {
	opts, err := redis.ParseURL(cfg.redisURL)
	if err != nil {
		return nil, fmt.Errorf("-redis %s: %w", cfg.redisURL, err)
	}
	host, portText, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("-redis %s: %w", cfg.redisURL, err)
	}
	port, _ := strconv.Atoi(portText)
	rdb := redis.NewClient(opts)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err = rdb.Ping(pingCtx).Err()
	cancel()
	if err != nil {
		rdb.Close()
		return nil, fmt.Errorf("-redis %s: Redis does not answer at %s: %w", cfg.redisURL, opts.Addr, err)
	}

	srv := memserver.New(
		memserver.WithSessions(redisstore.New(rdb)),         // keys where the gateway reads them
		memserver.WithNotifier(redisstore.NewNotifier(rdb)), // changes reach the gateway at once
		memserver.WithNodeSecret(cfg.nodeSecret),
		memserver.WithKeyHashFunction(model.HashMurmur64))
	if err := srv.Start(cfg.addr); err != nil {
		rdb.Close()
		return nil, err
	}
	stop = func() { srv.Close(); rdb.Close() }
	defer func() {
		if err != nil {
			stop()
			stop = nil
		}
	}()
	c := srv.Client()
	versions := model.VersionData{NotVersioned: true, DefaultVersion: "Default",
		Versions: map[string]model.VersionInfo{"Default": {Name: "Default"}}}

	open, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name: "open", Active: true, UseKeylessAccess: true, VersionData: versions,
		Proxy: model.ProxyConfig{ListenPath: "/open/", TargetURL: cfg.upstream, StripListenPath: true},
	}})
	if err != nil {
		return nil, fmt.Errorf("create keyless API: %w", err)
	}
	fmt.Fprintf(w, "keyless API: api_id %s at /open/\n", open.APIID)

	keyed, err := c.APIs.Create(ctx, &model.APIDefinitionWrapper{APIDefinition: &model.APIDefinition{
		Name: "keyed", Active: true, UseStandardAuth: true, VersionData: versions,
		Proxy: model.ProxyConfig{ListenPath: "/keyed/", TargetURL: cfg.upstream, StripListenPath: true},
	}})
	if err != nil {
		return nil, fmt.Errorf("create keyed API: %w", err)
	}
	fmt.Fprintf(w, "keyed API: api_id %s at /keyed/\n", keyed.APIID)

	policyID, err := c.Policies.Create(ctx, &model.Policy{
		Name: "ten a minute", Active: true, Rate: 10, Per: 60, QuotaMax: -1,
		AccessRights: map[string]model.AccessDefinition{
			keyed.APIID: {APIID: keyed.APIID, APIName: "keyed", Versions: []string{"Default"}},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("create policy: %w", err)
	}
	fmt.Fprintf(w, "policy: %s (10 requests a minute on keyed)\n", policyID)

	key, err := c.Keys.Create(ctx, &model.SessionState{ApplyPolicies: []string{policyID}, Alias: "gateway-example"})
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}

	var conf gatewayConf
	conf.NodeSecret = cfg.nodeSecret
	conf.UseDBAppConfigs = true
	conf.DBAppConfOpts.ConnectionString = srv.URL
	conf.Policies.PolicySource = "service"
	conf.Policies.PolicyConnectionString = srv.URL
	conf.Storage = storageConf{Type: "redis", Host: host, Port: port, Database: opts.DB, Password: opts.Password}
	conf.HashKeys = true
	conf.HashKeyFunction = model.HashMurmur64 // the memserver's key hash
	text, err := json.MarshalIndent(conf, "", "  ")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "Dashboard: %s (secret %s)\n", srv.URL, srv.Secret)
	fmt.Fprintf(w, "tyk.conf settings:\n%s\n", text)
	fmt.Fprintf(w, "key: %s\n", key.KeyID)
	fmt.Fprintf(w, "in Redis at: %s\n", redisstore.SessionKey(model.KeyHash(key.KeyID)))
	fmt.Fprintf(w, "try: curl -H 'Authorization: %s' http://<gateway>/keyed/get\n", key.KeyID)
	return stop, nil
}
