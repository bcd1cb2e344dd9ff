package memserver

import (
	"sync"
	"sync/atomic"

	"github.com/dashkit/dashkit/model"
)

// Every request of a user reads the user of its secret (and the user's
// group) from the store, which decodes them again each time. The Server
// keeps, by secret, the active user found and the permissions the user
// holds, and uses them until a user, a user group or an org is written.
//
// Every write of definitions reaches the store through trackedStore, whose
// transaction raises the count of authCache at its first write of a user, a
// user group or an org, before the write commits, and again after it
// commits (as for the API answers, see apicache.go). An entry is kept with
// the count read before the transaction that read the user and is used only
// while the count has not moved: a user deactivated or deleted, a secret
// reset, a group's permissions changed are refused or applied from the next
// request on, as without the cache. Other writes (APIs, policies, keys, the
// portal) change nothing authenticate reads, and keep the entries; so do
// audit records, written in batches straight to the store under the
// tracking one: a steady stream of requests that writes no user keeps
// authenticating from memory.
//
// A store other processes write too (WithSharedStore) changes without this
// Server's knowing: the cache is off and every request reads the store.

// authCacheSize bounds the secrets kept: past it, a new secret is looked
// up in the store every time until the next write of a user, a group or an
// org.
const authCacheSize = 4096

// authEntry is what a secret authenticates.
type authEntry struct {
	gen  uint64
	user *model.User
	// perms are the user's (or the group's) permissions as
	// effectivePermissions returns them. Shared by the requests that use
	// the entry: nothing writes to them.
	perms model.UserPermissions
}

type authCache struct {
	off     bool
	gen     atomic.Uint64
	count   atomic.Int64
	entries sync.Map // secret -> *authEntry
}

// get returns the entry of secret if it is current.
func (ac *authCache) get(secret string) (*authEntry, bool) {
	if ac.off {
		return nil, false
	}
	v, ok := ac.entries.Load(secret)
	if !ok {
		return nil, false
	}
	e := v.(*authEntry)
	return e, e.gen == ac.gen.Load()
}

func (ac *authCache) put(secret string, e *authEntry) {
	if ac.off {
		return
	}
	if _, loaded := ac.entries.Swap(secret, e); !loaded && ac.count.Add(1) > authCacheSize {
		ac.entries.Delete(secret)
		ac.count.Add(-1)
	}
}

// changed marks every entry stale.
func (ac *authCache) changed() {
	ac.gen.Add(1)
	ac.entries.Clear()
	ac.count.Store(0)
}
