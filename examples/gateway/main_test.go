package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store/redisstore"
	"github.com/dashkit/dashkit/store/redisstore/redistest"
)

// TestGateway runs the program against a real redis-server and checks what
// a gateway would find: the printed settings point at the running
// memserver and that Redis, and the printed key's session is in Redis at
// apikey-<hash> with the keyed API's access right and the policy's rate.
func TestGateway(t *testing.T) {
	rs := redistest.Start(t) // skips without redis-server unless DASHKIT_REQUIRE_SERVICES=1
	var out bytes.Buffer
	stop, err := run(context.Background(), config{redisURL: rs.URL, addr: "127.0.0.1:0", nodeSecret: "n0de", upstream: "http://127.0.0.1:9"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	text := out.String()

	keyedID := regexp.MustCompile(`keyed API: api_id (\S+)`).FindStringSubmatch(text)
	key := regexp.MustCompile(`(?m)^key: (\S+)$`).FindStringSubmatch(text)
	dashboard := regexp.MustCompile(`Dashboard: (\S+)`).FindStringSubmatch(text)
	confText := regexp.MustCompile(`(?s)tyk.conf settings:\n(\{.*?\n\})\n`).FindStringSubmatch(text)
	if keyedID == nil || key == nil || dashboard == nil || confText == nil || !strings.Contains(text, "keyless API: api_id ") {
		t.Fatalf("output lacks the APIs, the key or the settings:\n%s", text)
	}

	var conf gatewayConf
	if err := json.Unmarshal([]byte(confText[1]), &conf); err != nil {
		t.Fatalf("settings are not JSON: %v\n%s", err, confText[1])
	}
	if !conf.UseDBAppConfigs || conf.DBAppConfOpts.ConnectionString != dashboard[1] ||
		conf.Policies.PolicySource != "service" || conf.Policies.PolicyConnectionString != dashboard[1] ||
		conf.NodeSecret != "n0de" || !conf.HashKeys || conf.HashKeyFunction != "murmur64" ||
		conf.Storage.Type != "redis" || conf.Storage.Host+":"+itoa(conf.Storage.Port) != rs.Addr {
		t.Errorf("settings do not point at this memserver and Redis %s:\n%s", rs.Addr, confText[1])
	}

	// The session the gateway reads for this key.
	redisKey := redisstore.SessionKey(model.KeyHash(key[1]))
	if !strings.Contains(text, "in Redis at: "+redisKey) {
		t.Errorf("output does not name %s:\n%s", redisKey, text)
	}
	raw, err := rs.Client(t).Get(context.Background(), redisKey).Result()
	if err != nil {
		t.Fatalf("GET %s: %v", redisKey, err)
	}
	var sess model.SessionState
	if err := json.Unmarshal([]byte(raw), &sess); err != nil {
		t.Fatalf("%s is not a session: %v\n%s", redisKey, err, raw)
	}
	if _, ok := sess.AccessRights[keyedID[1]]; !ok || sess.Rate != 10 || sess.Per != 60 || len(sess.ApplyPolicies) != 1 {
		t.Errorf("session at %s: rights %v, rate %v per %v, policies %v; want the keyed API at 10 per 60 by one policy",
			redisKey, sess.AccessRights, sess.Rate, sess.Per, sess.ApplyPolicies)
	}
}

// TestGatewayWithoutRedis: a Redis that does not answer is a clear error at
// start, naming the URL.
func TestGatewayWithoutRedis(t *testing.T) {
	_, err := run(context.Background(), config{redisURL: "redis://127.0.0.1:1/0", addr: "127.0.0.1:0"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "redis://127.0.0.1:1/0") {
		t.Fatalf("err = %v, want an error naming the Redis URL", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
