package memserver

import (
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
)

// Server is an in-memory Tyk Dashboard. It is an http.Handler: serve it with
// net/http, or start one for a test with NewTest.
//
// At creation it holds one org (OrgID) with one admin user whose API secret is
// Secret; the Admin API answers to AdminSecret.
type Server struct {
	// URL is where the Server listens: set by NewTest. A program that
	// serves a Server itself sets it, so that imports by URL can reach the
	// Server's own documents.
	URL string
	// AdminSecret is the secret of the Admin API (header admin-auth).
	AdminSecret string
	// Secret is the API secret of the default admin user (header
	// Authorization).
	Secret string
	// OrgID is the id of the default org.
	OrgID string
	// UserID is the id of the default admin user.
	UserID string

	cfg   config
	store store.Store
	ids   *model.IDGenerator
	now   func() time.Time
	log   *slog.Logger

	// stateMu serialises Reset and Seed with each other; requests never
	// take it.
	stateMu  sync.Mutex
	baseline store.Snapshot

	faults faultSet
	reqlog requestLog
	notes  notificationBoard
	apis   apiCache
	auth   authCache
	auditq auditQueue
	nodes  nodeSet

	closeFn    func()
	closeStore func() error // closes a store the Server opened itself
	httpClient *http.Client
}

// New returns a Server with its default org and admin user, ready to serve.
// It panics only when the options are inconsistent (for instance a fixture
// that cannot be stored), which is a programming error of the caller.
func New(opts ...Option) *Server {
	s, err := newServer(opts...)
	if err != nil {
		panic("memserver: " + err.Error())
	}
	return s
}

func newServer(opts ...Option) (*Server, error) {
	cfg := config{pageSize: 10, bodyLimit: DefaultBodyLimit, logSize: DefaultRequestLogSize, logBytes: DefaultRequestLogBytes,
		auditSize: DefaultAuditLogSize, auditBytes: DefaultAuditLogBytes, hashKeys: true, gatewayURL: DefaultGatewayURL}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.pageSize <= 0 {
		cfg.pageSize = 10
	}
	if cfg.pageSize > maxPage {
		cfg.pageSize = maxPage
	}
	if !cfg.keyHashSet {
		cfg.keyHash = model.DefaultHashAlgorithm
	}
	if err := model.ValidHashAlgorithm(cfg.keyHash); err != nil {
		return nil, fmt.Errorf("key hash function: %w", err)
	}
	if cfg.bodyLimit <= 0 {
		cfg.bodyLimit = DefaultBodyLimit
	}
	if cfg.auditSize <= 0 {
		cfg.auditSize = DefaultAuditLogSize
	}
	idNow := cfg.now
	if cfg.now == nil {
		cfg.now = time.Now
		if cfg.idSeed != nil {
			// Database ids carry the time in their first bytes: with a seed
			// and no clock they carry a fixed one, so that the same test
			// makes the same ids on every run.
			idNow = func() time.Time { return seededIDEpoch }
		}
	}
	s := &Server{cfg: cfg, now: cfg.now, log: cfg.logger}
	switch {
	case cfg.dataFile != "" && cfg.store != nil:
		return nil, fmt.Errorf("WithDataFile and WithStore both given: a data file keeps the in-memory store")
	case cfg.dataFile != "":
		fs, err := memstore.Open(cfg.dataFile)
		if err != nil {
			return nil, err
		}
		cfg.store, s.closeStore = fs, fs.Close
	case cfg.store == nil && cfg.sessions != nil:
		// Keys live in the sessions given, beside in-memory definitions.
		cfg.store = store.Combine(memstore.NewDefinitions(), cfg.sessions)
		cfg.sessions = nil
	case cfg.store == nil:
		cfg.store = memstore.New()
	}
	if cfg.sessions != nil {
		// Keys live in the sessions given, beside these definitions.
		cfg.store = store.Combine(cfg.store, cfg.sessions)
	}
	if cfg.nodeTimeout <= 0 {
		cfg.nodeTimeout = DefaultNodeTimeout
	}
	if err := s.start(cfg, idNow); err != nil {
		if s.closeStore != nil {
			s.closeStore()
		}
		return nil, err
	}
	return s, nil
}

func (s *Server) start(cfg config, idNow func() time.Time) error {
	s.cfg = cfg
	s.apis.off = cfg.shared
	s.auth.off = cfg.shared
	s.store = &trackedStore{Store: s.announcing(cfg.store), cache: &s.apis, server: s}
	s.ids = model.NewIDGenerator(cfg.idSeed, idNow)
	s.reqlog.init(cfg.logSize, cfg.logBytes)

	// Ids are drawn in a fixed order so that a seeded Server always starts
	// with the same org, user and secrets.
	s.OrgID = pick(cfg.orgID, s.ids.ObjectID)
	s.UserID = s.ids.ObjectID()
	s.Secret = pick(cfg.secret, s.ids.Secret)
	s.AdminSecret = pick(cfg.adminSecret, s.ids.Secret)

	ctx := context.Background()
	fresh, err := s.seedDefaults(ctx)
	if err != nil {
		return err
	}
	if cfg.fixtures != nil && fresh {
		if err := s.seed(ctx, *cfg.fixtures); err != nil {
			return err
		}
	}
	snap, err := s.store.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("snapshot the seeded state: %w", err)
	}
	s.baseline = snap
	if err := s.countStoredAudit(ctx); err != nil {
		return err
	}
	routingTree() // built once per process; done here so no request pays for it
	return nil
}

// seededIDEpoch is the time in the ids of a Server with an id seed and no
// clock.
var seededIDEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func pick(given string, gen func() string) string {
	if given != "" {
		return given
	}
	return gen()
}

// defaultOrgSlug is the slug of the default org, by which a Server finds
// the default org a store that outlives Servers (a data file, a database)
// already holds.
const defaultOrgSlug = "default-org"

// seedDefaults stores the default org and its admin user, or adopts those
// the store holds already: a Server started again on a data file or a
// database keeps its org, and its secret unless a new one is given. fresh
// says whether the org was new.
func (s *Server) seedDefaults(ctx context.Context) (fresh bool, err error) {
	now := s.now().UTC().Format(time.RFC3339)
	err = s.store.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		fresh = false
		if s.cfg.orgID == "" {
			orgs, err := tx.ListOrgs(store.ListOptions{})
			if err != nil {
				return fmt.Errorf("look for the default org: %w", err)
			}
			for _, o := range orgs.Items {
				if o.OwnerSlug == defaultOrgSlug {
					s.OrgID = o.ID
					break
				}
			}
		}
		if _, err := tx.GetOrg(s.OrgID); err != nil {
			org := &model.Organisation{ID: s.OrgID, OwnerName: "Default Org", OwnerSlug: defaultOrgSlug}
			if err := tx.InsertOrg(org); err != nil {
				return fmt.Errorf("store the default org: %w", err)
			}
			fresh = true
		}
		email := "admin@" + s.OrgID + ".memserver.local"
		if u, err := tx.GetUserByEmail(s.OrgID, email); err == nil {
			s.UserID = u.ID
			if s.cfg.secret == "" {
				s.Secret = u.AccessKey
			} else if u.AccessKey != s.Secret {
				u.AccessKey = s.Secret
				if err := tx.UpdateUser(u); err != nil {
					return fmt.Errorf("store the default user's secret: %w", err)
				}
			}
			return nil
		}
		u := &model.User{
			ID:              s.UserID,
			OrgID:           s.OrgID,
			FirstName:       "Admin",
			LastName:        "User",
			EmailAddress:    email,
			AccessKey:       s.Secret,
			Active:          true,
			UserPermissions: model.UserPermissions{model.PermIsAdmin: model.PermAdmin},
			CreatedAt:       now,
		}
		if err := tx.InsertUser(u); err != nil {
			return fmt.Errorf("store the default user: %w", err)
		}
		return s.seedPortal(tx, s.OrgID)
	})
	return fresh, err
}

// Handler returns the Server as an http.Handler, for use without a socket.
func (s *Server) Handler() http.Handler { return s }

// Store returns the store the Server keeps its state in, for tests that set
// up or inspect state directly.
func (s *Server) Store() store.Store { return callerStore{Store: s.store, s: s} }

// Close stops a Server started by NewTest or Start; it is a no-op otherwise.
func (s *Server) Close() {
	if s.closeFn != nil {
		s.closeFn()
	}
	// Queued audit records reach the store before a store that outlives
	// the Server (a data file) is closed.
	s.flushAudit(context.Background())
	if s.closeStore != nil {
		s.closeStore()
		s.closeStore = nil
	}
}

// ServeHTTP answers one request: faults first, then routing, authentication,
// permission, the body limit and the route's handler; every exchange is
// recorded.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	c := calls.Get().(*call)
	c.s, c.w, c.r = s, w, r

	// Whatever answers, the answer goes out only after finish has recorded
	// it (see call.send). A call whose handler panicked is not used again.
	finished := false
	defer func() {
		c.send()
		if finished {
			*c = call{}
			calls.Put(c)
		}
	}()
	if f := s.faults.match(r.Method, r.URL.Path); f != nil && s.applyFault(c, f) {
		s.finish(c, start)
		finished = true
		return
	}

	rt, status, allow := lookup(r.Method, r.URL.EscapedPath(), &c.ps)
	switch {
	case rt == nil && status == http.StatusMethodNotAllowed:
		w.Header().Set("Allow", allow)
		c.fail(status, "Method not allowed: "+r.Method+" "+r.URL.Path)
	case rt == nil:
		c.fail(status, "Not found: "+r.URL.Path)
	default:
		c.route = rt
		s.serveRoute(c)
	}
	s.finish(c, start)
	finished = true
}

// calls are the calls of answered requests, emptied, for the next ones: a
// call is some 500 bytes, most of them its path's wildcards, and every
// request needs one. Nothing keeps a call past its request (the journal,
// the observer and the audit record copy what they keep).
var calls = sync.Pool{New: func() any { return new(call) }}

func (s *Server) serveRoute(c *call) {
	rt := c.route
	if !c.readBody() {
		return
	}
	switch rt.Auth {
	case authUser:
		if !s.authenticate(c) {
			return
		}
	case authAdmin:
		got := c.r.Header.Get("Admin-Auth")
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.AdminSecret)) != 1 {
			c.fail(http.StatusUnauthorized, model.MsgNotAuthorised)
			return
		}
		c.admin = true
	case authNone:
		if !s.controlAllowed(c) {
			return
		}
	case authNode:
		if !s.authenticateNode(c) {
			return
		}
		c.node = true
	}
	// Rules of every route, checked once here rather than by each handler:
	// no route takes null for its body, and a page number is one.
	if isJSONNull(c.body) {
		c.fail(http.StatusBadRequest, msgNullBody)
		return
	}
	if p := c.query("p"); p != "" {
		if _, err := pageNumber(p); err != nil {
			c.fail(http.StatusBadRequest, err.Error())
			return
		}
	}
	if rt.Auth == authUser && rt.Method == http.MethodPut && !c.internal {
		c.auditBefore = s.auditLookBefore(c)
	}
	rt.Handle(c)
	if !c.written {
		// A handler that forgot to answer is a bug; say so instead of an
		// empty 200 that a client would misread.
		c.fail(http.StatusInternalServerError, "no answer from "+rt.pattern())
	}
}

// authenticate finds the user of the secret in Authorization and checks the
// route's permission. The secret may come bare or as "Bearer <secret>".
func (s *Server) authenticate(c *call) bool {
	secret := c.r.Header.Get("Authorization")
	if len(secret) > 7 && strings.EqualFold(secret[:7], "bearer ") {
		secret = strings.TrimSpace(secret[7:])
	}
	if secret == "" {
		c.fail(http.StatusUnauthorized, model.MsgNotAuthorised)
		return false
	}
	if e, ok := s.auth.get(secret); ok {
		c.user, c.orgID, c.perms = e.user, e.user.OrgID, e.perms
		return s.authorised(c)
	}
	// The count is read before the store: see authcache.go.
	gen := s.auth.gen.Load()
	var perms model.UserPermissions
	err := s.store.ViewDefinitions(c.r.Context(), func(tx store.DefinitionsReader) error {
		u, err := tx.GetUserByAccessKey(secret)
		if err != nil {
			return err
		}
		c.user = u
		perms = u.UserPermissions
		if u.GroupID != "" {
			// A user in a group has the group's permissions.
			if g, err := tx.GetUserGroup(u.GroupID); err == nil && g.OrgID == u.OrgID {
				perms = g.UserPermissions
			}
		}
		return nil
	})
	if err != nil || !c.user.Active {
		c.user = nil
		c.fail(http.StatusUnauthorized, model.MsgNotAuthorised)
		return false
	}
	c.orgID = c.user.OrgID
	// Every name of a section counts as that section; an empty object is
	// an admin (see effectivePermissions).
	c.perms = effectivePermissions(perms)
	s.auth.put(secret, &authEntry{gen: gen, user: c.user, perms: c.perms})
	return s.authorised(c)
}

// authorised checks the route's permission for the authenticated user.
func (s *Server) authorised(c *call) bool {
	if !allowed(c.perms, c.route.Section, c.route.Write) {
		c.fail(http.StatusForbidden, "access denied: You do not have permission to access "+c.r.URL.Path)
		return false
	}
	return true
}

// allowed reports whether perms grant read (or write) on section. An admin
// may do everything; a section the permissions do not name is denied.
func allowed(perms model.UserPermissions, section string, write bool) bool {
	if perms[model.PermIsAdmin] == model.PermAdmin || section == "" {
		return true
	}
	switch perms[section] {
	case model.PermWrite:
		return true
	case model.PermRead:
		return !write
	}
	return false
}

// finish records the exchange and logs it.
func (s *Server) finish(c *call, start time.Time) {
	if !c.written {
		c.fail(http.StatusInternalServerError, "no answer")
	}
	if c.internal {
		return
	}
	s.audit(c)
	if s.reqlog.size == 0 && s.cfg.observer == nil && s.log == nil {
		return
	}
	if c.route != nil && c.route.Auth == authNone {
		// Control requests would only crowd out what a test observes.
		return
	}
	ex := c.exchange(start)
	if s.reqlog.size > 0 {
		s.reqlog.add(c.journalEntry(ex))
	}
	if s.cfg.observer != nil {
		s.cfg.observer(ex)
	}
	if s.log != nil {
		s.log.LogAttrs(c.r.Context(), slog.LevelInfo, "request",
			slog.String("method", ex.Method), slog.String("path", ex.Path),
			slog.Int("status", ex.Status), slog.Duration("took", ex.Duration))
	}
}

// readAll reads a body of at most limit bytes; ok is false when it is
// larger.
func readAll(r io.Reader, size, limit int64) ([]byte, bool, error) {
	if size > limit {
		return nil, false, nil
	}
	n := size
	if n < 0 || n > 64<<10 {
		n = 512
	}
	buf := make([]byte, 0, n+1)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, true, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, false, nil
	}
	return buf, true, nil
}

// controlAllowed checks the secret of WithControlSecret on the control
// routes (/_memserver/...), answering 401 when it is missing or wrong.
func (s *Server) controlAllowed(c *call) bool {
	want := s.cfg.controlSecret
	if want == "" || !strings.HasPrefix(c.route.Path, "/_memserver/") {
		return true
	}
	got := c.r.Header.Get("X-Memserver-Control-Secret")
	if got == "" {
		if a := c.r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
			got = strings.TrimSpace(a[7:])
		}
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		c.fail(http.StatusUnauthorized, "the control routes need the control secret (header X-Memserver-Control-Secret)")
		return false
	}
	return true
}
