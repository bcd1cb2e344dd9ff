package memserver

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Notifier carries the Server's announcements to gateways. Notify publishes
// one signed message; store/redisstore's Notifier publishes it on the
// gateways' Redis channel (model.GatewayChannel).
//
// The Server announces after a write has committed, never for a write that
// failed: ApiUpdated when an API is created, changed or deleted,
// PolicyChanged for a policy (both make a gateway reload policies and APIs
// over /system/...), and KeySpaceUpdateNotification with the hashes of the
// keys changed or deleted, which a gateway drops from its session cache at
// once instead of honouring them for up to 10 s more. A Notify error is
// logged and does not fail the request: the write has happened.
type Notifier interface {
	Notify(ctx context.Context, n model.GatewayNotification) error
}

// notifyTimeout bounds one announcement, so that an unreachable Redis delays
// a write by at most this much.
const notifyTimeout = 2 * time.Second

// announce sends one signed announcement; a failure is logged.
func (s *Server) announce(ctx context.Context, command, payload string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	err := s.cfg.notifier.Notify(ctx, model.NewGatewayNotification(command, payload, s.cfg.nodeSecret))
	if err != nil {
		s.logger().Error("memserver: announce to gateways", "command", command, "payload", payload, "err", err)
	}
}

func (s *Server) logger() *slog.Logger {
	if s.log == nil {
		return slog.Default()
	}
	return s.log
}

// announcing wraps st so that committed changes are announced, when the
// Server has a Notifier.
func (s *Server) announcing(st store.Store) store.Store {
	if s.cfg.notifier == nil {
		return st
	}
	return &announcingStore{Store: st, s: s}
}

type announcingStore struct {
	store.Store
	s *Server
}

func (a *announcingStore) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	var w defsWatch
	err := a.Store.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		w = defsWatch{DefinitionsTx: tx} // a transaction run again starts afresh
		return fn(&w)
	})
	if err != nil {
		return err
	}
	if w.all || len(w.apiIDs) > 0 {
		// One API is named; several (an import) or all (an org's data
		// deleted) are not: newer gateways reload just the API an
		// ApiUpdated names (gateway/redis_signals.go, reloadSingleAPI on a
		// non-empty payload), and an empty payload reloads all of them on
		// every version.
		payload := ""
		if !w.all && len(w.apiIDs) == 1 {
			payload = w.apiIDs[0]
		}
		a.s.announce(ctx, model.NoticeAPIUpdated, payload)
	}
	if w.all || len(w.policyIDs) > 0 {
		payload := ""
		if !w.all {
			payload = strings.Join(w.policyIDs, ",")
		}
		a.s.announce(ctx, model.NoticePolicyChanged, payload)
	}
	return nil
}

func (a *announcingStore) UpdateSessions(ctx context.Context, fn func(tx store.SessionsTx) error) error {
	var w sessionsWatch
	err := a.Store.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		w = sessionsWatch{SessionsTx: tx}
		return fn(&w)
	})
	if err == nil && len(w.hashes) > 0 {
		a.s.announce(ctx, model.NoticeKeySpaceUpdate, strings.Join(w.hashes, ","))
	}
	return err
}

// Restore and Import replace every API, policy and key. Gateways reload
// their APIs and policies, and drop from their session caches every key
// the state had before (deleted, or changed back) and every key it has
// after (a key that was deleted and comes back may be cached as it was
// elsewhere): without that, a gateway honours a key Reset removed for up to
// its 10 s cache. That costs a read of every key's hash, O(keys), paid only
// when the Server announces.
func (a *announcingStore) Restore(ctx context.Context, snap store.Snapshot) error {
	before := a.cachedKeyNames(ctx)
	err := a.Store.Restore(ctx, snap)
	if err == nil {
		a.announceReplaced(ctx, before)
	}
	return err
}

func (a *announcingStore) Import(ctx context.Context, r io.Reader) error {
	before := a.cachedKeyNames(ctx)
	err := a.Store.Import(ctx, r)
	if err == nil {
		a.announceReplaced(ctx, before)
	}
	return err
}

func (a *announcingStore) announceReplaced(ctx context.Context, before map[string]bool) {
	a.s.announce(ctx, model.NoticeAPIUpdated, "")
	a.s.announce(ctx, model.NoticePolicyChanged, "")
	names := before
	for n := range a.cachedKeyNames(ctx) {
		names[n] = true
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	slices.Sort(list)
	// The gateway splits the payload at commas and drops each name; a
	// message per keysPerNotice keeps each one small.
	for start := 0; start < len(list); start += keysPerNotice {
		a.s.announce(ctx, model.NoticeKeySpaceUpdate, strings.Join(list[start:min(start+keysPerNotice, len(list))], ","))
	}
}

// keysPerNotice is how many key names one KeySpaceUpdateNotification
// carries when a whole state is replaced.
const keysPerNotice = 1000

// cachedKeyNames reads the names under which gateways cache every stored
// key (see gatewayCacheNames), a page at a time. A failure is logged: the
// restore goes on, and gateways drop the keys when their cache expires.
func (a *announcingStore) cachedKeyNames(ctx context.Context) map[string]bool {
	names := map[string]bool{}
	err := a.Store.ViewSessions(ctx, func(tx store.SessionsReader) error {
		for page := 1; ; page++ {
			p, err := tx.ListKeys("", store.KeyQuery{ListOptions: store.ListOptions{Page: page, PageSize: keysPerNotice}})
			if err != nil {
				return err
			}
			for i := range p.Items {
				for _, n := range gatewayCacheNames(&p.Items[i]) {
					names[n] = true
				}
			}
			if page >= p.Pages || len(p.Items) == 0 {
				return nil
			}
		}
	})
	if err != nil {
		a.s.logger().Error("memserver: read the keys to announce", "err", err)
	}
	return names
}

// gatewayCacheNames are the names under which a gateway caches k's session:
// its hash, and for an org key (its id is the org's) the org id, under
// which the gateway caches an org's session (gateway/mw_organisation_activity.go,
// SessionCache keyed by the spec's OrgID).
func gatewayCacheNames(k *store.Key) []string {
	if k.ID == k.OrgID {
		return []string{k.OrgID, k.Hash}
	}
	return []string{k.Hash}
}

// defsWatch notes the writes gateways must hear of.
type defsWatch struct {
	store.DefinitionsTx
	// all says an org's data went: every API and policy may have changed.
	all               bool
	apiIDs, policyIDs []string
}

func (w *defsWatch) api(id string)    { w.apiIDs = append(w.apiIDs, id) }
func (w *defsWatch) policy(id string) { w.policyIDs = append(w.policyIDs, id) }

func (w *defsWatch) InsertAPI(a *model.APIDefinitionWrapper) error {
	err := w.DefinitionsTx.InsertAPI(a)
	if err == nil && a.APIDefinition != nil {
		w.api(a.APIDefinition.APIID)
	}
	return err
}

func (w *defsWatch) UpdateAPI(a *model.APIDefinitionWrapper) error {
	err := w.DefinitionsTx.UpdateAPI(a)
	if err == nil && a.APIDefinition != nil {
		w.api(a.APIDefinition.APIID)
	}
	return err
}

func (w *defsWatch) DeleteAPI(id string) error {
	apiID := id
	if old, err := w.DefinitionsTx.GetAPI(id); err == nil && old.APIDefinition != nil {
		apiID = old.APIDefinition.APIID
	}
	err := w.DefinitionsTx.DeleteAPI(id)
	if err == nil {
		w.api(apiID)
	}
	return err
}

func (w *defsWatch) InsertPolicy(p *model.Policy) error {
	err := w.DefinitionsTx.InsertPolicy(p)
	if err == nil {
		w.policy(p.MID)
	}
	return err
}

func (w *defsWatch) UpdatePolicy(p *model.Policy) error {
	err := w.DefinitionsTx.UpdatePolicy(p)
	if err == nil {
		w.policy(p.MID)
	}
	return err
}

func (w *defsWatch) DeletePolicy(mid string) error {
	err := w.DefinitionsTx.DeletePolicy(mid)
	if err == nil {
		w.policy(mid)
	}
	return err
}

func (w *defsWatch) DeleteOrgData(orgID string) error {
	err := w.DefinitionsTx.DeleteOrgData(orgID)
	if err == nil {
		w.all = true
	}
	return err
}

// sessionsWatch notes the hashes of the keys changed or deleted.
type sessionsWatch struct {
	store.SessionsTx
	hashes []string
}

func (w *sessionsWatch) UpdateKey(k *store.Key) error {
	err := w.SessionsTx.UpdateKey(k)
	if err == nil {
		w.hashes = append(w.hashes, gatewayCacheNames(k)...)
	}
	return err
}

func (w *sessionsWatch) DeleteKey(id string) error {
	old, _ := w.SessionsTx.GetKey(id)
	err := w.SessionsTx.DeleteKey(id)
	if err == nil && old != nil {
		w.hashes = append(w.hashes, gatewayCacheNames(old)...)
	}
	return err
}

func (w *sessionsWatch) DeleteOrgKeys(orgID string) error {
	page, _ := w.SessionsTx.ListKeys(orgID, store.KeyQuery{})
	err := w.SessionsTx.DeleteOrgKeys(orgID)
	if err == nil {
		for i := range page.Items {
			w.hashes = append(w.hashes, gatewayCacheNames(&page.Items[i])...)
		}
	}
	return err
}
