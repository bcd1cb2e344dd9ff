package memserver

import (
	"fmt"
	"log/slog"
	"net/netip"
	"time"

	"github.com/dashkit/dashkit/store"
)

// DefaultBodyLimit is the largest request body a Server accepts unless
// WithBodyLimit says otherwise: 10 MiB.
const DefaultBodyLimit = 10 << 20

// DefaultRequestLogSize is how many exchanges Requests keeps by default.
const DefaultRequestLogSize = 10000

// DefaultRequestLogBytes is how many bytes of exchanges (bodies and
// headers) Requests keeps by default: 64 MiB.
const DefaultRequestLogBytes = 64 << 20

// DefaultAuditLogSize and DefaultAuditLogBytes bound the audit log unless
// WithAuditLogSize and WithAuditLogBytes say otherwise: the oldest records
// go first.
const (
	DefaultAuditLogSize  = 100000
	DefaultAuditLogBytes = 64 << 20
)

// Option configures a Server.
type Option func(*config)

type config struct {
	store       store.Store
	pageSize    int
	now         func() time.Time
	idSeed      *uint64
	logger      *slog.Logger
	bodyLimit   int64
	adminSecret string
	secret      string
	orgID       string
	fixtures    *Fixtures
	logSize     int
	observer    func(Exchange)
	hashKeys    bool
	// keyHash is the hash function keys are made with (see
	// WithKeyHashFunction); hashSet says an option set it.
	keyHash    string
	keyHashSet bool
	gatewayURL string
	// Gateways (gateway.go, gatewaynotify.go).
	sessions    store.Sessions
	nodeSecret  string
	nodeTimeout time.Duration
	notifier    Notifier
	// trustedProxies are the peers whose X-Forwarded-For the audit log
	// believes (WithTrustedProxies).
	trustedProxies []netip.Prefix
	// shared says other processes write the store too (WithSharedStore).
	shared bool
	// dataFile is the path of WithDataFile, "" for none.
	dataFile      string
	logBytes      int64
	logSecrets    bool
	auditSize     int
	auditBytes    int64
	controlSecret string
	// passwordCost is the bcrypt cost of user passwords (see
	// WithPasswordCost).
	passwordCost int
	// multiOrgUsers lets one email be a user of several orgs (see
	// WithMultiOrgUsers).
	multiOrgUsers bool
	// apiOwnership is WithAPIOwnership (apiaccess.go).
	apiOwnership bool
}

// WithStore makes the Server keep its state in s instead of a new in-memory
// store. The Server seeds s with its default org and user.
func WithStore(s store.Store) Option { return func(c *config) { c.store = s } }

// WithDataFile keeps the Server's state in memory and in the data file at
// path as well (see memstore.Open): a Server started again on the same
// file has every write an earlier one answered. The file is loaded at start
// when it exists; a file that cannot be loaded whole fails New, naming the
// line. The Server's default org and admin user are those of the file when
// it has them (a new secret, if one is given, replaces the stored one), and
// fixtures are seeded only into a state without them. Close closes the
// file. It cannot be combined with WithStore.
func WithDataFile(path string) Option { return func(c *config) { c.dataFile = path } }

// WithSharedStore is WithStore for a store that other processes write too,
// such as definitions in PostgreSQL that several memservers share: the
// Server then keeps no cache of the store's objects (it would not know when
// another process changes them), so every Server on the store sees every
// write at once.
func WithSharedStore(s store.Store) Option {
	return func(c *config) { c.store, c.shared = s, true }
}

// WithPageSize sets the number of items in one page of a list (default 10).
func WithPageSize(n int) Option { return func(c *config) { c.pageSize = n } }

// WithClock makes the Server read the time from now: timestamps of objects,
// the time part of ids and key expiry all follow it.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithIDSeed makes generated ids deterministic: two Servers with the same
// seed that receive the same requests hand out the same ids, secrets
// included, on every run. (Database ids embed a time: without WithClock it
// is a fixed one.)
func WithIDSeed(seed uint64) Option { return func(c *config) { c.idSeed = &seed } }

// WithLogger logs every request to l (by default nothing is logged).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithBodyLimit sets the largest request body accepted, in bytes; a larger
// one is answered 413. The default is DefaultBodyLimit.
func WithBodyLimit(n int64) Option { return func(c *config) { c.bodyLimit = n } }

// WithAdminSecret sets the secret of the Admin API (admin-auth header)
// instead of a generated one.
func WithAdminSecret(s string) Option { return func(c *config) { c.adminSecret = s } }

// WithSecret sets the API secret of the default admin user instead of a
// generated one.
func WithSecret(s string) Option { return func(c *config) { c.secret = s } }

// WithOrgID sets the id of the default org instead of a generated one.
func WithOrgID(id string) Option { return func(c *config) { c.orgID = id } }

// WithFixtures seeds f when the Server starts; Reset returns to the state
// with f.
func WithFixtures(f Fixtures) Option { return func(c *config) { c.fixtures = &f } }

// WithRequestLogSize sets how many of the latest exchanges Requests keeps
// (default DefaultRequestLogSize); 0 keeps none.
func WithRequestLogSize(n int) Option { return func(c *config) { c.logSize = n } }

// WithRequestLogBytes bounds the bytes of exchanges Requests keeps
// (default DefaultRequestLogBytes; 0 or less means no bound): the oldest
// go first, and /_memserver/requests says how many went.
func WithRequestLogBytes(n int64) Option { return func(c *config) { c.logBytes = n } }

// WithRequestLogSecrets makes Requests show what it redacts by default:
// the Authorization and admin-auth headers and the values of password,
// secret and access_key members of bodies. For tests that read them.
func WithRequestLogSecrets(show bool) Option { return func(c *config) { c.logSecrets = show } }

// WithAuditLogSize bounds the records the audit log keeps (default
// DefaultAuditLogSize): the oldest go first.
func WithAuditLogSize(n int) Option { return func(c *config) { c.auditSize = n } }

// WithAuditLogBytes bounds the audit log's bytes, about (default
// DefaultAuditLogBytes): the oldest records go first.
func WithAuditLogBytes(n int64) Option { return func(c *config) { c.auditBytes = n } }

// WithControlSecret makes the control routes under /_memserver/ answer 401
// unless the request carries secret in the X-Memserver-Control-Secret
// header (or as a bearer Authorization). Without it they need nothing, as
// tests on a loopback address want.
func WithControlSecret(secret string) Option { return func(c *config) { c.controlSecret = secret } }

// WithObserver calls fn with every exchange once it is answered, in the
// goroutine that served it; fn must not block. Unlike Requests it sees every
// exchange, whatever the log size, and Reset does not forget them.
func WithObserver(fn func(Exchange)) Option { return func(c *config) { c.observer = fn } }

// WithHashKeys says whether the Server hashes keys, as a Dashboard with
// hash_keys does (the default): a key's token is shown only in the answer
// that creates it, and lists and reads show its hash instead. With false,
// keys are shown everywhere, as on a Dashboard without hashing.
func WithHashKeys(on bool) Option { return func(c *config) { c.hashKeys = on } }

// WithKeyHashFunction sets the hash function keys are made with, as the
// gateway's and the Dashboard's hash_key_function: murmur64 (the default),
// murmur32, murmur128 or sha256. A generated key is then the token
// base64({"org","id","h"}) with a random UUID's 32 hex as its id, a custom
// key name becomes the token of its org and name, and a key's hash is
// computed with the token's function, byte for byte as the gateway
// computes it. "" makes legacy keys: "<org_id><32 hex>", custom names kept
// as given, hashed with murmur32. Any other name makes New fail.
func WithKeyHashFunction(name string) Option {
	return func(c *config) { c.keyHash, c.keyHashSet = name, true }
}

// WithSessions keeps keys in sessions instead of the in-memory store, beside
// the definitions of WithStore (or in-memory ones): for instance in the Redis
// a real gateway reads, memserver.WithSessions(redisstore.New(client)).
func WithSessions(sessions store.Sessions) Option { return func(c *config) { c.sessions = sessions } }

// WithNodeSecret sets the node secret gateways authenticate with (their
// node_secret setting) on the gateway-facing routes (/register/...,
// /system/...), and with which the Server signs its notifications. Without
// one those routes answer 403.
func WithNodeSecret(secret string) Option { return func(c *config) { c.nodeSecret = secret } }

// WithNodeTimeout sets how long a registered gateway that stopped pinging
// stays in Nodes (default DefaultNodeTimeout).
func WithNodeTimeout(d time.Duration) Option { return func(c *config) { c.nodeTimeout = d } }

// WithNotifier makes the Server announce every committed change of an API,
// a policy or a key to gateways through n (redisstore.NewNotifier publishes
// on the gateways' Redis channel), so that they reload at once instead of
// serving the old state.
func WithNotifier(n Notifier) Option { return func(c *config) { c.notifier = n } }

// WithTrustedProxies names the proxies in front of the Server, as addresses
// or CIDR ranges ("10.0.0.0/8", "127.0.0.1"): the audit log takes a
// request's IP from X-Forwarded-For (or X-Real-IP) only when the
// connection comes from one of them. Without it the IP is always the
// connection's. A range that does not parse makes New panic; ParseTrustedProxies
// checks them first.
func WithTrustedProxies(ranges ...string) Option {
	return func(c *config) {
		ps, err := ParseTrustedProxies(ranges...)
		if err != nil {
			panic("memserver: " + err.Error())
		}
		c.trustedProxies = append(c.trustedProxies, ps...)
	}
}

// ParseTrustedProxies reads addresses and CIDR ranges of WithTrustedProxies.
func ParseTrustedProxies(ranges ...string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, r := range ranges {
		if p, err := netip.ParsePrefix(r); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(r)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a CIDR range", r)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// WithMultiOrgUsers lets the same email be a user once in each org, as a
// Dashboard with enable_multi_org_users does; off by default, as on a real
// Dashboard, where an email is one user across every org.
func WithMultiOrgUsers(on bool) Option { return func(c *config) { c.multiOrgUsers = on } }
