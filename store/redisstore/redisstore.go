package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
	"github.com/redis/go-redis/v9"
)

// Sessions is a store.Sessions on Redis, in the layout a Tyk Gateway reads:
// the session of a key lives at apikey-<hash> as the session JSON the
// Dashboard API shows under "data", with a TTL when the key expires (see
// TTL). Everything else the Dashboard API needs lives in keys of its own
// under a prefix ("dashkit:" unless WithPrefix says otherwise):
//
//	<p>k:<hash>          the key's id, org, basic-auth user name and creation number
//	<p>id:<id>           hash of the key with this id
//	<p>u:<org>\x00<user> hash of the basic-auth key of this user of org
//	<p>all, <p>org:<org> hashes of every key / of org's keys, scored in creation order
//	<p>api:<org>\x00<api> the same for the keys of org with access to an API
//	                     (<org> empty: of every org)
//	<p>seq               the creation counter
//
// An org's own key (the memserver's org key: its id is its org's id) keeps
// its session at orgkey.<org> instead, unhashed, where the gateway reads an
// org's session (enforce_org_quotas), and never at apikey-: the org id is
// not a key that opens an API.
//
// A transaction's writes are kept in memory and written by one Lua script
// when fn returns nil, so that a gateway never reads half a write and a
// failed fn writes nothing. The script first checks what the inserts need
// (no live key holds the id, the hash or the basic-auth user name), so a
// check and the write it guards are one atomic step in Redis, and creating a
// key costs one round trip; InsertKey reports such a conflict when
// UpdateSessions returns, unless the transaction's own writes already show
// it. Reads are Lua scripts too: a key by id, hash or user, or a page of a
// list, is one round trip. Within the process, writers run one at a time and
// readers wait for a commit in progress, so a View sees one state.
//
// Lists in creation order read a page of a sorted set: page 1 costs the
// same at a thousand keys and a million. Other orders, text queries and
// lists inside a transaction that has written read every candidate.
//
// A session Redis expires (TTL) drops out of look-ups at once; its entries in
// the sorted sets stay until the key's id is written again, so a total may
// count keys that expired.
type Sessions struct {
	client redis.UniversalClient
	prefix string
	now    func() time.Time

	mu sync.RWMutex
}

var (
	_ store.Sessions = (*Sessions)(nil)
	_ store.Stateful = (*Sessions)(nil)
)

// Option configures a Sessions.
type Option func(*Sessions)

// WithPrefix sets the prefix of dashkit's own keys (default "dashkit:"), so
// that two stores can share one Redis database. Sessions are always at
// apikey-<hash>, where the gateway reads them.
func WithPrefix(p string) Option { return func(s *Sessions) { s.prefix = p } }

// WithClock sets the clock TTLs are computed with (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Sessions) { s.now = now } }

// New returns the sessions kept in the Redis of client.
func New(client redis.UniversalClient, opts ...Option) *Sessions {
	s := &Sessions{client: client, prefix: "dashkit:", now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// SessionKey is the Redis key of a session, where the gateway reads it.
func SessionKey(hash string) string { return "apikey-" + hash }

// OrgKeyName is the Redis key of an org's session (enforce_org_quotas); it
// is not hashed.
func OrgKeyName(orgID string) string { return "orgkey." + orgID }

// TTL is how long Redis keeps a session, as the gateway keeps one it
// writes: its session_lifetime when set, but never less than the time to
// its expiry (the gateway's rule when a key's expiry is respected); without
// a lifetime, the time to its expiry (at least a second); 0, for ever, for
// a key that neither expires nor has a lifetime.
func TTL(s *model.SessionState, now time.Time) time.Duration {
	var untilExpiry time.Duration
	if s.Expires > 0 {
		untilExpiry = max(time.Unix(s.Expires, 0).Sub(now), time.Second)
	}
	if s.SessionLifetime > 0 {
		return max(time.Duration(s.SessionLifetime)*time.Second, untilExpiry)
	}
	return untilExpiry
}

func (s *Sessions) metaKey(hash string) string { return s.prefix + "k:" + hash }
func (s *Sessions) idKey(id string) string     { return s.prefix + "id:" + id }
func (s *Sessions) userKey(org, user string) string {
	return s.prefix + "u:" + org + "\x00" + user
}
func (s *Sessions) allKey() string           { return s.prefix + "all" }
func (s *Sessions) orgKey(org string) string { return s.prefix + "org:" + org }
func (s *Sessions) apiKey(org, api string) string {
	return s.prefix + "api:" + org + "\x00" + api
}
func (s *Sessions) seqKey() string { return s.prefix + "seq" }

// metaHead is what dashkit keeps beside a session, but its creation
// number, which the commit script appends (meta.Seq).
type metaHead struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	Username string `json:"username,omitempty"` // as given (store.Key.Username)
	User     string `json:"u,omitempty"`        // store.Key.BasicAuthUsername
}

type meta struct {
	metaHead
	Seq int64 `json:"seq"`
}

// rec is one key as the store keeps it: the session as JSON, decoded only
// for a caller that reads it.
type rec struct {
	id, hash, org string
	username      string // as given (store.Key.Username)
	user          string // store.Key.BasicAuthUsername
	seq           int64
	sess          []byte
	pending       bool          // written by the transaction, not yet committed
	ttl           time.Duration // of a pending write
	brief         *brief        // read from sess when first needed
}

// brief is what lists filter and sort by, read from a session without
// decoding all of it.
type brief struct {
	AccessRights map[string]struct{} `json:"access_rights"`
	Alias        string              `json:"alias"`
	LastUpdated  string              `json:"last_updated"`
}

// sessionKey is where the gateway reads the session of r.
func (r *rec) sessionKey() string {
	if r.id == r.org {
		return OrgKeyName(r.org)
	}
	return SessionKey(r.hash)
}

// key decodes r into a new store.Key, which the caller owns.
func (r *rec) key() (*store.Key, error) {
	k := &store.Key{ID: r.id, Hash: r.hash, OrgID: r.org, Username: r.username}
	if err := json.Unmarshal(r.sess, &k.Session); err != nil {
		return nil, fmt.Errorf("redisstore: session %s: %w", r.sessionKey(), err)
	}
	return k, nil
}

func (r *rec) info() (*brief, error) {
	if r.brief == nil {
		b := new(brief)
		if err := json.Unmarshal(r.sess, b); err != nil {
			return nil, fmt.Errorf("redisstore: session %s: %w", r.sessionKey(), err)
		}
		r.brief = b
	}
	return r.brief, nil
}

// apis are the APIs r's session grants, sorted.
func (r *rec) apis() ([]string, error) {
	b, err := r.info()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(b.AccessRights))
	for id := range b.AccessRights {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, nil
}

// newRec encodes k as a pending write.
func (s *Sessions) newRec(k *store.Key, seq int64) (*rec, error) {
	sess, err := json.Marshal(&k.Session)
	if err != nil {
		return nil, fmt.Errorf("key %q: %v: %w", k.ID, err, store.ErrInvalid)
	}
	b := &brief{AccessRights: make(map[string]struct{}, len(k.Session.AccessRights)), Alias: k.Session.Alias,
		LastUpdated: k.Session.LastUpdated}
	for id := range k.Session.AccessRights {
		b.AccessRights[id] = struct{}{}
	}
	return &rec{id: k.ID, hash: k.Hash, org: k.OrgID, username: k.Username, user: k.BasicAuthUsername(), seq: seq,
		sess: sess, pending: true, ttl: TTL(&k.Session, s.now()), brief: b}, nil
}

// parseRec builds the committed key of hash h from what a script read, or
// nil when it has none.
func parseRec(h, m, sess any) (*rec, error) {
	hs, ok0 := h.(string)
	ms, ok1 := m.(string)
	ss, ok2 := sess.(string)
	if !ok0 || !ok1 || !ok2 { // never written, or the session expired
		return nil, nil
	}
	var md meta
	if err := json.Unmarshal([]byte(ms), &md); err != nil {
		return nil, fmt.Errorf("redisstore: key %s: %w", hs, err)
	}
	return &rec{id: md.ID, hash: hs, org: md.OrgID, username: md.Username, user: md.User, seq: md.Seq, sess: []byte(ss)}, nil
}

// parseRecs reads the triples a script returned.
func parseRecs(vals []any) (hashes []string, recs []*rec, err error) {
	n := len(vals) / 3
	hashes, recs = make([]string, n), make([]*rec, n)
	for i := range n {
		hashes[i], _ = vals[3*i].(string)
		if recs[i], err = parseRec(vals[3*i], vals[3*i+1], vals[3*i+2]); err != nil {
			return nil, nil, err
		}
	}
	return hashes, recs, nil
}

// load follows values (hashes, ids or users, as mode says; see loadScript)
// to the committed keys, in one round trip.
func (s *Sessions) load(ctx context.Context, mode string, values []string) ([]string, []*rec, error) {
	if len(values) == 0 {
		return nil, nil, nil
	}
	args := make([]any, 0, 2+len(values))
	args = append(args, s.prefix, mode)
	for _, v := range values {
		args = append(args, v)
	}
	vals, err := loadScript.Run(ctx, s.client, nil, args...).Slice()
	if err != nil {
		return nil, nil, fmt.Errorf("redisstore: read keys: %w", err)
	}
	return parseRecs(vals)
}

// ViewSessions runs fn against the committed state.
func (s *Sessions) ViewSessions(ctx context.Context, fn func(tx store.SessionsReader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(&tx{s: s, ctx: ctx})
}

// UpdateSessions runs fn and writes what it wrote in one Lua script, with
// the checks its inserts need, or nothing when fn fails, ctx ends first or
// a check fails.
func (s *Sessions) UpdateSessions(ctx context.Context, fn func(tx store.SessionsTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.writeTx(ctx)
	if err := fn(t); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return t.commit()
}

func (s *Sessions) writeTx(ctx context.Context) *tx {
	return &tx{s: s, ctx: ctx, write: true, byHash: map[string]*rec{}, byID: map[string]string{}, byUser: map[string]string{},
		old: map[string]*rec{}, seen: map[string]*rec{}, seenID: map[string]string{}}
}

// freshBase numbers the keys a transaction inserts until the commit gives
// them their creation numbers: after every committed key, in order.
const freshBase = int64(1) << 62

// tx reads Redis through the writes of its transaction.
type tx struct {
	s     *Sessions
	ctx   context.Context
	write bool
	// Pending writes: byHash holds the new record of a hash (nil when the
	// key of that hash was deleted); byID and byUser map to a hash ("" when
	// gone). old holds the committed records the writes replace or delete.
	byHash map[string]*rec
	byID   map[string]string
	byUser map[string]string
	old    map[string]*rec // by hash
	// checks are what the commit script must find free (see InsertKey);
	// fresh counts the keys inserted.
	checks []check
	fresh  int64
	// seen caches the committed keys a write transaction read (by hash; nil
	// for none), seenID their ids, so that a key found and then updated is
	// read once. Writers of this process wait for the lock; another process
	// on the same Redis may write meanwhile, and the commit script's checks
	// are what keep an insert from taking what it wrote.
	seen   map[string]*rec
	seenID map[string]string
}

// check is what an insert needs free when the commit runs: fields left
// empty are decided already by the transaction's own writes.
type check struct {
	id, hash, userKey, org string
}

func (t *tx) dirty() bool { return len(t.byHash) > 0 }

// committed reads the committed key of hash, or nil.
func (t *tx) committed(hash string) (*rec, error) {
	if r, ok := t.seen[hash]; ok {
		return r, nil
	}
	_, rs, err := t.s.load(t.ctx, "h", []string{hash})
	if err != nil {
		return nil, err
	}
	if t.write {
		t.seen[hash] = rs[0]
	}
	return rs[0], nil
}

// byHashRec returns the current key of hash, pending writes included.
func (t *tx) byHashRec(hash string) (*rec, error) {
	if r, ok := t.byHash[hash]; ok {
		return r, nil
	}
	return t.committed(hash)
}

// follow reads the key an index (id or user) names, pending writes
// included, in one round trip.
func (t *tx) follow(pending map[string]string, mode, value string) (*rec, error) {
	if h, ok := pending[value]; ok {
		if h == "" {
			return nil, nil
		}
		return t.byHashRec(h)
	}
	if mode == "i" && t.write {
		if h, ok := t.seenID[value]; ok {
			return t.byHashRec(h)
		}
	}
	hashes, rs, err := t.s.load(t.ctx, mode, []string{value})
	if err != nil {
		return nil, err
	}
	h := hashes[0]
	if h == "" {
		return nil, nil
	}
	if r, ok := t.byHash[h]; ok {
		return r, nil
	}
	if t.write {
		t.seen[h] = rs[0]
		if mode == "i" {
			t.seenID[value] = h
		}
	}
	return rs[0], nil
}

func (t *tx) getRec(id string) (*rec, error) {
	r, err := t.follow(t.byID, "i", id)
	if err != nil || r == nil || r.id != id {
		return nil, err
	}
	return r, nil
}

func (t *tx) userRec(orgID, username string) (*rec, error) {
	r, err := t.follow(t.byUser, "u", orgID+"\x00"+username)
	if err != nil || r == nil || r.org != orgID || r.user != username {
		return nil, err
	}
	return r, nil
}

func notFound(what string) error { return fmt.Errorf("key %s: %w", what, store.ErrNotFound) }

func (t *tx) GetKey(id string) (*store.Key, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	r, err := t.getRec(id)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, notFound(strconv.Quote(id))
	}
	return r.key()
}

func (t *tx) GetKeyByHash(hash string) (*store.Key, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	r, err := t.byHashRec(hash)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, notFound(fmt.Sprintf("with hash %q", hash))
	}
	return r.key()
}

func (t *tx) GetKeyByUsername(orgID, username string) (*store.Key, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	r, err := t.userRec(orgID, username)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, notFound(fmt.Sprintf("of basic-auth user %q in org %q", username, orgID))
	}
	return r.key()
}

func checkKey(k *store.Key, op string) error {
	switch {
	case k == nil || k.ID == "":
		return fmt.Errorf("%s key: no id: %w", op, store.ErrInvalid)
	case k.OrgID == "":
		return fmt.Errorf("%s key %q: no org id: %w", op, k.ID, store.ErrInvalid)
	case k.Hash == "":
		return fmt.Errorf("%s key %q: no hash: %w", op, k.ID, store.ErrInvalid)
	}
	return nil
}

// InsertKey checks k against the transaction's own writes at once and
// leaves the checks against the committed keys to the commit script, which
// makes them in the same atomic step as the write (see Sessions).
func (t *tx) InsertKey(k *store.Key) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if err := checkKey(k, "insert"); err != nil {
		return err
	}
	c := check{id: k.ID, hash: k.Hash, org: k.OrgID}
	if h, ok := t.byID[k.ID]; ok {
		if h != "" {
			return fmt.Errorf("key %q: %w", k.ID, store.ErrConflict)
		}
		c.id = ""
	}
	if r, ok := t.byHash[k.Hash]; ok {
		if r != nil {
			return fmt.Errorf("key %q: hash %q: %w", k.ID, k.Hash, store.ErrConflict)
		}
		c.hash = ""
	}
	if u := k.BasicAuthUsername(); u != "" {
		h, ok := t.byUser[k.OrgID+"\x00"+u]
		if ok && h != "" {
			return fmt.Errorf("key %q: basic-auth username %q: %w", k.ID, u, store.ErrConflict)
		}
		if !ok {
			c.userKey = t.s.userKey(k.OrgID, u)
		}
	}
	if c.id != "" || c.hash != "" || c.userKey != "" {
		t.checks = append(t.checks, c)
	}
	t.fresh++
	return t.put(k, freshBase+t.fresh)
}

// free checks that k's hash and basic-auth user name are not another key's
// than old's, the key k replaces.
func (t *tx) free(k *store.Key, old *rec) error {
	if k.Hash != old.hash {
		r, err := t.byHashRec(k.Hash)
		if err != nil {
			return err
		}
		if r != nil && r.id != k.ID {
			return fmt.Errorf("key %q: hash %q: %w", k.ID, k.Hash, store.ErrConflict)
		}
	}
	if u := k.BasicAuthUsername(); u != "" && (u != old.user || k.OrgID != old.org) {
		other, err := t.userRec(k.OrgID, u)
		if err != nil {
			return err
		}
		if other != nil && other.id != k.ID {
			return fmt.Errorf("key %q: basic-auth username %q: %w", k.ID, u, store.ErrConflict)
		}
	}
	return nil
}

// put records k as a pending write.
func (t *tx) put(k *store.Key, seq int64) error {
	r, err := t.s.newRec(k, seq)
	if err != nil {
		return err
	}
	t.putRec(r)
	return nil
}

func (t *tx) putRec(r *rec) {
	t.byHash[r.hash] = r
	t.byID[r.id] = r.hash
	if r.user != "" {
		t.byUser[r.org+"\x00"+r.user] = r.hash
	}
}

// drop records the deletion of r as a pending write.
func (t *tx) drop(r *rec) {
	if !r.pending {
		t.old[r.hash] = r // its Redis entries go at the commit
	}
	t.byHash[r.hash] = nil
	if h, ok := t.byID[r.id]; !ok || h == r.hash {
		t.byID[r.id] = ""
	}
	if r.user != "" {
		if h, ok := t.byUser[r.org+"\x00"+r.user]; !ok || h == r.hash {
			t.byUser[r.org+"\x00"+r.user] = ""
		}
	}
}

func (t *tx) UpdateKey(k *store.Key) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if err := checkKey(k, "update"); err != nil {
		return err
	}
	old, err := t.getRec(k.ID)
	if err != nil {
		return err
	}
	if old == nil {
		return notFound(strconv.Quote(k.ID))
	}
	if err := t.free(k, old); err != nil {
		return err
	}
	r, err := t.s.newRec(k, old.seq)
	if err != nil {
		return err
	}
	t.drop(old)
	t.putRec(r)
	return nil
}

func (t *tx) DeleteKey(id string) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	r, err := t.getRec(id)
	if err != nil {
		return err
	}
	if r == nil {
		return notFound(strconv.Quote(id))
	}
	t.drop(r)
	return nil
}

func (t *tx) DeleteOrgKeys(orgID string) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if orgID == "" {
		return fmt.Errorf("delete keys of an org: no org id: %w", store.ErrInvalid)
	}
	rs, err := t.candidates(orgID, "")
	if err != nil {
		return err
	}
	for _, r := range rs {
		t.drop(r)
	}
	return nil
}

// script builds the arguments of commitScript.
type script struct{ args []any }

func (b *script) op(args ...any) {
	b.args = append(b.args, strconv.Itoa(len(args)))
	b.args = append(b.args, args...)
}

// opChunk bounds the arguments of one grouped write, within what the
// script's Lua can pass to one call.
const opChunk = 2000

// grouped adds cmd key... with args in chunks of at most opChunk groups of
// width values each.
func grouped[T any](b *script, cmd, key string, width int, args []T) {
	for start := 0; start < len(args); start += opChunk * width {
		part := args[start:min(start+opChunk*width, len(args))]
		head := 2
		if key == "" {
			head = 1
		}
		b.args = append(b.args, strconv.Itoa(head+len(part)), cmd)
		if key != "" {
			b.args = append(b.args, key)
		}
		for _, a := range part {
			b.args = append(b.args, a)
		}
	}
}

// seqToken is how the commit script learns a key's creation number: its
// own, or "+n" for the n-th key the transaction inserted.
func seqToken(seq int64) string {
	if seq > freshBase {
		return "+" + strconv.FormatInt(seq-freshBase, 10)
	}
	return strconv.FormatInt(seq, 10)
}

// writeSet gathers a commit's writes by command, so that the script makes
// few calls however many keys it writes.
type writeSet struct {
	dels  []string
	zrem  map[string][]string // sorted set: members
	mset  []any               // key, value: no TTL
	msetm []string            // meta records without a TTL: key, json, seq
	ttled [][]any             // SET ... PX and SETM with a TTL, one by one
	zadd  map[string][]string // sorted set: seq, member
	order []string            // the sorted sets, in the order first met
}

func (w *writeSet) set(name string, members ...string) []string { // members of a sorted set
	if _, ok := w.zadd[name]; !ok {
		if _, ok := w.zrem[name]; !ok {
			w.order = append(w.order, name)
		}
	}
	return members
}

// commit writes the pending writes with commitScript, after its checks.
func (t *tx) commit() error {
	if !t.dirty() {
		return nil
	}
	s := t.s
	w := &writeSet{zrem: map[string][]string{}, zadd: map[string][]string{}}
	// The old entries of every key replaced or deleted go first, then the
	// new ones are written.
	for _, o := range t.old {
		apis, err := o.apis()
		if err != nil {
			return err
		}
		w.dels = append(w.dels, o.sessionKey(), s.metaKey(o.hash), s.idKey(o.id))
		if o.user != "" {
			w.dels = append(w.dels, s.userKey(o.org, o.user))
		}
		for _, set := range s.setsOf(o.org, apis) {
			w.set(set)
			w.zrem[set] = append(w.zrem[set], o.hash)
		}
	}
	for _, r := range t.byHash {
		if r == nil {
			continue
		}
		if err := s.writeOps(w, r); err != nil {
			return err
		}
	}
	b := &script{args: make([]any, 0, 16+4*len(t.checks)+8*len(t.byHash))}
	b.args = append(b.args, s.prefix, strconv.Itoa(len(t.checks)))
	for _, c := range t.checks {
		b.args = append(b.args, c.id, c.hash, c.userKey, c.org)
	}
	b.args = append(b.args, strconv.FormatInt(t.fresh, 10))
	grouped(b, "DEL", "", 1, w.dels)
	for _, set := range w.order {
		grouped(b, "ZREM", set, 1, w.zrem[set])
	}
	grouped(b, "MSET", "", 2, w.mset)
	grouped(b, "MSETM", "", 3, w.msetm)
	for _, op := range w.ttled {
		b.op(op...)
	}
	for _, set := range w.order {
		grouped(b, "ZADD", set, 2, w.zadd[set])
	}
	res, err := commitScript.Run(t.ctx, s.client, nil, b.args...).Result()
	if err != nil {
		return fmt.Errorf("redisstore: commit: %w", err)
	}
	if c, ok := res.([]any); ok && len(c) == 2 {
		return fmt.Errorf("key: %s %v is taken: %w", c[0], c[1], store.ErrConflict)
	}
	return nil
}

// setsOf are the sorted sets that list a key of org granting apis.
func (s *Sessions) setsOf(org string, apis []string) []string {
	out := make([]string, 0, 2+2*len(apis))
	out = append(out, s.allKey(), s.orgKey(org))
	for _, api := range apis {
		out = append(out, s.apiKey(org, api), s.apiKey("", api))
	}
	return out
}

// writeOps adds the writes of r to w.
func (s *Sessions) writeOps(w *writeSet, r *rec) error {
	apis, err := r.apis()
	if err != nil {
		return err
	}
	head, _ := json.Marshal(metaHead{ID: r.id, OrgID: r.org, Username: r.username, User: r.user})
	head = append(head[:len(head)-1], `,"seq":`...)
	seq := seqToken(r.seq)
	fresh := r.seq > freshBase
	// The session goes as the bytes it is, not copied into a string.
	strs := []any{r.sessionKey(), r.sess, s.idKey(r.id), r.hash}
	if r.user != "" {
		strs = append(strs, s.userKey(r.org, r.user), r.hash)
	}
	if !fresh { // its number is known: the whole record is written as is
		strs = append(strs, s.metaKey(r.hash), string(head)+seq+"}")
	}
	if r.ttl > 0 {
		ms := strconv.FormatInt(max(r.ttl.Milliseconds(), 1), 10)
		for i := 0; i < len(strs); i += 2 {
			w.ttled = append(w.ttled, []any{"SET", strs[i], strs[i+1], "PX", ms})
		}
		if fresh {
			w.ttled = append(w.ttled, []any{"SETM", s.metaKey(r.hash), string(head), seq, ms})
		}
	} else {
		w.mset = append(w.mset, strs...)
		if fresh {
			w.msetm = append(w.msetm, s.metaKey(r.hash), string(head), seq)
		}
	}
	for _, set := range s.setsOf(r.org, apis) {
		w.set(set)
		w.zadd[set] = append(w.zadd[set], seq, r.hash)
	}
	return nil
}

// listSet is the sorted set of a list.
func (s *Sessions) listSet(org, api string) string {
	switch {
	case api != "":
		return s.apiKey(org, api)
	case org == "":
		return s.allKey()
	}
	return s.orgKey(org)
}

// candidates returns every current key of a list, pending writes
// included, in creation order.
func (t *tx) candidates(org, api string) ([]*rec, error) {
	hashes, err := t.s.client.ZRange(t.ctx, t.s.listSet(org, api), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: list: %w", err)
	}
	out := make([]*rec, 0, len(hashes))
	for start := 0; start < len(hashes); start += 1000 {
		part := hashes[start:min(start+1000, len(hashes))]
		_, rs, err := t.s.load(t.ctx, "h", part)
		if err != nil {
			return nil, err
		}
		for i, r := range rs {
			if _, pending := t.byHash[part[i]]; pending || r == nil {
				continue
			}
			out = append(out, r)
		}
	}
	for _, r := range t.byHash {
		if r == nil || (org != "" && r.org != org) {
			continue
		}
		if api != "" {
			if b, _ := r.info(); b == nil {
				continue
			} else if _, ok := b.AccessRights[api]; !ok {
				continue
			}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *rec) int { return cmp.Compare(a.seq, b.seq) })
	return out, nil
}

// sortKeys of the orders ListOptions.Sort names, as store/memstore sorts
// keys: "name" is the alias without case, "updated" last_updated.
var sortKeys = map[string]func(b *brief) string{
	"name":    func(b *brief) string { return strings.ToLower(b.Alias) },
	"updated": func(b *brief) string { return updatedKey(b.LastUpdated) },
}

// updatedKey orders last_updated values: RFC 3339 times by time, before
// other strings (the memserver writes Unix seconds) compared as numbers
// where they are.
func updatedKey(s string) string {
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return "\x01" + fmt.Sprintf("%020d", t.UnixNano()+1<<62)
	}
	return "\x02" + s
}

func (t *tx) ListKeys(orgID string, q store.KeyQuery) (store.Page[store.Key], error) {
	if err := t.ctx.Err(); err != nil {
		return store.Page[store.Key]{}, err
	}
	field, desc := strings.CutPrefix(q.Sort, "-")
	by, sorted := sortKeys[field]
	if field != "" && field != "created" && !sorted {
		return store.Page[store.Key]{}, fmt.Errorf("list keys: cannot sort by %q: %w", q.Sort, store.ErrInvalid)
	}
	size := q.PageSize
	if size <= 0 {
		size = 10
	}
	size = min(size, maxPageOffset)
	page := max(q.Page, 0)
	if !sorted && q.Query == "" && !t.dirty() && page > 0 {
		return t.listPage(orgID, q.APIID, page, size, desc)
	}
	rs, err := t.candidates(orgID, q.APIID)
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	for _, r := range rs {
		if _, err := r.info(); err != nil {
			return store.Page[store.Key]{}, err
		}
	}
	if text := strings.ToLower(q.Query); text != "" {
		rs = slices.DeleteFunc(rs, func(r *rec) bool {
			return !strings.Contains(strings.ToLower(r.id+" "+r.brief.Alias), text)
		})
	}
	if sorted {
		slices.SortStableFunc(rs, func(a, b *rec) int { return strings.Compare(by(a.brief), by(b.brief)) })
	}
	if desc {
		slices.Reverse(rs)
	}
	total := len(rs)
	if page > 0 {
		from := store.PageStart(page, size, total)
		rs = rs[from:store.PageEnd(from, size, total)]
	}
	items, err := keysOf(rs)
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	return store.Page[store.Key]{Items: items, Total: total, Pages: pages(total, size, page)}, nil
}

func keysOf(rs []*rec) ([]store.Key, error) {
	items := make([]store.Key, 0, len(rs))
	for _, r := range rs {
		if r == nil {
			continue
		}
		k, err := r.key()
		if err != nil {
			return nil, err
		}
		items = append(items, *k)
	}
	return items, nil
}

func pages(total, size, page int) int {
	if page <= 0 {
		return 1
	}
	return max(1, (total+size-1)/size)
}

// maxPageOffset bounds the offsets sent to Redis: exact in the script's
// Lua numbers, far past any list's length.
const maxPageOffset = 1 << 50

// listPage reads one page in creation order from the list's sorted set, in
// one round trip.
func (t *tx) listPage(org, api string, page, size int, desc bool) (store.Page[store.Key], error) {
	rev := "0"
	if desc {
		rev = "1"
	}
	// The page's offset, held where (page-1)*size cannot overflow: past
	// maxPageOffset every list is empty anyway, and the script still
	// answers the total.
	start := maxPageOffset
	if page-1 <= maxPageOffset/size {
		start = (page - 1) * size
	}
	vals, err := pageScript.Run(t.ctx, t.s.client, nil, t.s.prefix, t.s.listSet(org, api),
		start, start+size-1, rev).Slice()
	if err != nil {
		return store.Page[store.Key]{}, fmt.Errorf("redisstore: list: %w", err)
	}
	n, _ := vals[0].(int64)
	_, rs, err := parseRecs(vals[1:])
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	items, err := keysOf(rs)
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	return store.Page[store.Key]{Items: items, Total: int(n), Pages: pages(int(n), size, page)}, nil
}
