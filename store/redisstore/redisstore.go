package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
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
// A transaction's writes are kept in memory and written in one MULTI/EXEC
// when fn returns nil, so that a gateway never reads half a write and a
// failed fn writes nothing. Within the process, writers run one at a time
// and readers wait for a commit in progress, so a View sees one state.
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

// meta is what dashkit keeps beside a session.
type meta struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	Username string `json:"username,omitempty"` // as given (store.Key.Username)
	Seq      int64  `json:"seq"`
}

// rec is one key with its creation number.
type rec struct {
	key     store.Key
	seq     int64
	pending bool // written by the transaction, not yet committed
}

func (r *rec) copyKey() *store.Key {
	k, err := copyKey(&r.key)
	if err != nil {
		panic("redisstore: copy a key: " + err.Error()) // it was encoded before
	}
	return k
}

func copyKey(k *store.Key) (*store.Key, error) {
	b, err := json.Marshal(k)
	if err != nil {
		return nil, err
	}
	out := new(store.Key)
	return out, json.Unmarshal(b, out)
}

func apisOf(k *store.Key) []string {
	out := make([]string, 0, len(k.Session.AccessRights))
	for id := range k.Session.AccessRights {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
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

// UpdateSessions runs fn and writes what it wrote in one MULTI/EXEC, or
// nothing when fn fails or ctx ends first.
func (s *Sessions) UpdateSessions(ctx context.Context, fn func(tx store.SessionsTx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &tx{s: s, ctx: ctx, write: true, byHash: map[string]*rec{}, byID: map[string]string{}, byUser: map[string]string{},
		old: map[string]*rec{}}
	if err := fn(t); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return t.commit()
}

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
}

func (t *tx) dirty() bool { return len(t.byHash) > 0 }

// loadHash reads the committed key of hash, or nil.
func (t *tx) loadHash(hash string) (*rec, error) {
	rs, err := t.s.loadHashes(t.ctx, []string{hash})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// loadHashes reads the committed keys of hashes (nil where there is none),
// in two round trips.
func (s *Sessions) loadHashes(ctx context.Context, hashes []string) ([]*rec, error) {
	out := make([]*rec, len(hashes))
	if len(hashes) == 0 {
		return out, nil
	}
	keys := make([]string, 0, 2*len(hashes))
	for _, h := range hashes {
		keys = append(keys, s.metaKey(h), SessionKey(h))
	}
	vals, err := s.client.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: read keys: %w", err)
	}
	for i, h := range hashes {
		m, ok1 := vals[2*i].(string)
		sess, ok2 := vals[2*i+1].(string)
		if !ok1 || !ok2 { // never written, or the session expired
			continue
		}
		var md meta
		if err := json.Unmarshal([]byte(m), &md); err != nil {
			return nil, fmt.Errorf("redisstore: key %s: %w", h, err)
		}
		r := &rec{seq: md.Seq, key: store.Key{ID: md.ID, Hash: h, OrgID: md.OrgID, Username: md.Username}}
		if err := json.Unmarshal([]byte(sess), &r.key.Session); err != nil {
			return nil, fmt.Errorf("redisstore: session %s: %w", SessionKey(h), err)
		}
		out[i] = r
	}
	return out, nil
}

// hashOf follows an index key (id or user) through the pending writes.
func (t *tx) hashOf(pending map[string]string, pendingKey, redisKey string) (string, error) {
	if h, ok := pending[pendingKey]; ok {
		return h, nil
	}
	h, err := t.s.client.Get(t.ctx, redisKey).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("redisstore: %w", err)
	}
	return h, nil
}

// byHashRec returns the current key of hash, pending writes included.
func (t *tx) byHashRec(hash string) (*rec, error) {
	if r, ok := t.byHash[hash]; ok {
		return r, nil
	}
	return t.loadHash(hash)
}

func (t *tx) getRec(id string) (*rec, error) {
	h, err := t.hashOf(t.byID, id, t.s.idKey(id))
	if err != nil || h == "" {
		return nil, err
	}
	r, err := t.byHashRec(h)
	if err != nil || r == nil || r.key.ID != id {
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
	return r.copyKey(), nil
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
	return r.copyKey(), nil
}

func (t *tx) GetKeyByUsername(orgID, username string) (*store.Key, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	h, err := t.hashOf(t.byUser, orgID+"\x00"+username, t.s.userKey(orgID, username))
	if err != nil {
		return nil, err
	}
	var r *rec
	if h != "" {
		if r, err = t.byHashRec(h); err != nil {
			return nil, err
		}
	}
	if r == nil || r.key.OrgID != orgID || r.key.BasicAuthUsername() != username {
		return nil, notFound(fmt.Sprintf("of basic-auth user %q in org %q", username, orgID))
	}
	return r.copyKey(), nil
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

func (t *tx) InsertKey(k *store.Key) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if err := checkKey(k, "insert"); err != nil {
		return err
	}
	if r, err := t.getRec(k.ID); err != nil || r != nil {
		return cmp.Or(err, fmt.Errorf("key %q: %w", k.ID, store.ErrConflict))
	}
	if err := t.free(k, ""); err != nil {
		return err
	}
	seq, err := t.s.client.Incr(t.ctx, t.s.seqKey()).Result()
	if err != nil {
		return fmt.Errorf("redisstore: %w", err)
	}
	return t.put(k, seq)
}

// free checks that k's hash and basic-auth user name are not another key's
// than the one of id self.
func (t *tx) free(k *store.Key, self string) error {
	r, err := t.byHashRec(k.Hash)
	if err != nil {
		return err
	}
	if r != nil && r.key.ID != self {
		return fmt.Errorf("key %q: hash %q: %w", k.ID, k.Hash, store.ErrConflict)
	}
	if u := k.BasicAuthUsername(); u != "" {
		other, err := t.GetKeyByUsername(k.OrgID, u)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if other != nil && other.ID != self {
			return fmt.Errorf("key %q: basic-auth username %q: %w", k.ID, u, store.ErrConflict)
		}
	}
	return nil
}

// put records k as a pending write.
func (t *tx) put(k *store.Key, seq int64) error {
	c, err := copyKey(k)
	if err != nil {
		return fmt.Errorf("key %q: %v: %w", k.ID, err, store.ErrInvalid)
	}
	r := &rec{key: *c, seq: seq, pending: true}
	t.byHash[c.Hash] = r
	t.byID[c.ID] = c.Hash
	if u := c.BasicAuthUsername(); u != "" {
		t.byUser[c.OrgID+"\x00"+u] = c.Hash
	}
	return nil
}

// drop records the deletion of r as a pending write.
func (t *tx) drop(r *rec) {
	k := &r.key
	if !r.pending {
		t.old[k.Hash] = r // its Redis entries go at the commit
	}
	t.byHash[k.Hash] = nil
	if h, ok := t.byID[k.ID]; !ok || h == k.Hash {
		t.byID[k.ID] = ""
	}
	if u := k.BasicAuthUsername(); u != "" {
		if h, ok := t.byUser[k.OrgID+"\x00"+u]; !ok || h == k.Hash {
			t.byUser[k.OrgID+"\x00"+u] = ""
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
	if err := t.free(k, k.ID); err != nil {
		return err
	}
	t.drop(old)
	return t.put(k, old.seq)
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

// commit writes the pending writes in one MULTI/EXEC.
func (t *tx) commit() error {
	if !t.dirty() {
		return nil
	}
	s := t.s
	now := s.now()
	// Encode first: nothing is sent unless every write can be.
	type enc struct {
		r          *rec
		sess, meta []byte
		ttl        time.Duration
	}
	puts := make([]enc, 0, len(t.byHash))
	for _, r := range t.byHash {
		if r == nil {
			continue
		}
		sess, err := json.Marshal(&r.key.Session)
		if err != nil {
			return fmt.Errorf("key %q: %v: %w", r.key.ID, err, store.ErrInvalid)
		}
		m, _ := json.Marshal(meta{ID: r.key.ID, OrgID: r.key.OrgID, Username: r.key.Username, Seq: r.seq})
		puts = append(puts, enc{r: r, sess: sess, meta: m, ttl: TTL(&r.key.Session, now)})
	}
	// In one MULTI/EXEC, in order: the old entries of every key replaced or
	// deleted go, then the new ones are written.
	_, err := s.client.TxPipelined(t.ctx, func(p redis.Pipeliner) error {
		for _, o := range t.old {
			k := &o.key
			p.Del(t.ctx, SessionKey(k.Hash), s.metaKey(k.Hash), s.idKey(k.ID))
			if u := k.BasicAuthUsername(); u != "" {
				p.Del(t.ctx, s.userKey(k.OrgID, u))
			}
			p.ZRem(t.ctx, s.allKey(), k.Hash)
			p.ZRem(t.ctx, s.orgKey(k.OrgID), k.Hash)
			for _, api := range apisOf(k) {
				p.ZRem(t.ctx, s.apiKey(k.OrgID, api), k.Hash)
				p.ZRem(t.ctx, s.apiKey("", api), k.Hash)
			}
		}
		for _, e := range puts {
			k := &e.r.key
			p.Set(t.ctx, SessionKey(k.Hash), e.sess, e.ttl)
			p.Set(t.ctx, s.metaKey(k.Hash), e.meta, e.ttl)
			p.Set(t.ctx, s.idKey(k.ID), k.Hash, e.ttl)
			if u := k.BasicAuthUsername(); u != "" {
				p.Set(t.ctx, s.userKey(k.OrgID, u), k.Hash, e.ttl)
			}
			z := redis.Z{Score: float64(e.r.seq), Member: k.Hash}
			p.ZAdd(t.ctx, s.allKey(), z)
			p.ZAdd(t.ctx, s.orgKey(k.OrgID), z)
			for _, api := range apisOf(k) {
				p.ZAdd(t.ctx, s.apiKey(k.OrgID, api), z)
				p.ZAdd(t.ctx, s.apiKey("", api), z)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisstore: commit: %w", err)
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
		rs, err := t.s.loadHashes(t.ctx, part)
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
		if r != nil && (org == "" || r.key.OrgID == org) && (api == "" || hasAPI(&r.key, api)) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *rec) int { return cmp.Compare(a.seq, b.seq) })
	return out, nil
}

func hasAPI(k *store.Key, api string) bool {
	_, ok := k.Session.AccessRights[api]
	return ok
}

// sortKeys of the orders ListOptions.Sort names, as store/memstore sorts
// keys: "name" is the alias without case, "updated" last_updated.
var sortKeys = map[string]func(k *store.Key) string{
	"name":    func(k *store.Key) string { return strings.ToLower(k.Session.Alias) },
	"updated": func(k *store.Key) string { return updatedKey(k.Session.LastUpdated) },
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
	page := max(q.Page, 0)
	if !sorted && q.Query == "" && !t.dirty() && page > 0 {
		return t.listPage(orgID, q.APIID, page, size, desc)
	}
	rs, err := t.candidates(orgID, q.APIID)
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	if text := strings.ToLower(q.Query); text != "" {
		rs = slices.DeleteFunc(rs, func(r *rec) bool {
			return !strings.Contains(strings.ToLower(r.key.ID+" "+r.key.Session.Alias), text)
		})
	}
	if sorted {
		slices.SortStableFunc(rs, func(a, b *rec) int { return strings.Compare(by(&a.key), by(&b.key)) })
	}
	if desc {
		slices.Reverse(rs)
	}
	total := len(rs)
	if page > 0 {
		from := min((page-1)*size, total)
		rs = rs[from:min(from+size, total)]
	}
	items := make([]store.Key, len(rs))
	for i, r := range rs {
		items[i] = *r.copyKey()
	}
	return store.Page[store.Key]{Items: items, Total: total, Pages: pages(total, size, page)}, nil
}

func pages(total, size, page int) int {
	if page <= 0 {
		return 1
	}
	return max(1, (total+size-1)/size)
}

// listPage reads one page in creation order from the list's sorted set.
func (t *tx) listPage(org, api string, page, size int, desc bool) (store.Page[store.Key], error) {
	set := t.s.listSet(org, api)
	start, stop := int64((page-1)*size), int64(page*size-1)
	var total *redis.IntCmd
	var hashes *redis.StringSliceCmd
	_, err := t.s.client.Pipelined(t.ctx, func(p redis.Pipeliner) error {
		total = p.ZCard(t.ctx, set)
		if desc {
			hashes = p.ZRevRange(t.ctx, set, start, stop)
		} else {
			hashes = p.ZRange(t.ctx, set, start, stop)
		}
		return nil
	})
	if err != nil {
		return store.Page[store.Key]{}, fmt.Errorf("redisstore: list: %w", err)
	}
	rs, err := t.s.loadHashes(t.ctx, hashes.Val())
	if err != nil {
		return store.Page[store.Key]{}, err
	}
	items := make([]store.Key, 0, len(rs))
	for _, r := range rs {
		if r != nil {
			items = append(items, *r.copyKey())
		}
	}
	n := int(total.Val())
	return store.Page[store.Key]{Items: items, Total: n, Pages: pages(n, size, page)}, nil
}
