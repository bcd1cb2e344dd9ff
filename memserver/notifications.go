package memserver

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Organisation notifications: what GET /api/org/notifications lists. The
// Dashboard issues them itself (a certificate about to expire); the
// memserver issues none, and a test sets them with srv.AddNotifications or
// POST /_memserver/notifications, one org's apart from another's. Reset
// forgets them.
//
// The route is in the certs section, since its only topic is certificates.
func notificationRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/org/notifications", Section: "certs", Handle: listNotifications},
		{Method: "POST", Path: "/_memserver/notifications", Auth: authNone, Handle: controlAddNotifications},
		{Method: "DELETE", Path: "/_memserver/notifications", Auth: authNone, Handle: controlClearNotifications},
	}
}

// maxNotifications bounds what one org keeps; the oldest go first.
const maxNotifications = 1000

// notificationBoard holds each org's notifications, oldest first.
type notificationBoard struct {
	mu    sync.Mutex
	byOrg map[string][]model.OrganisationNotification
}

func (b *notificationBoard) add(ns []model.OrganisationNotification) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.byOrg == nil {
		b.byOrg = map[string][]model.OrganisationNotification{}
	}
	for _, n := range ns {
		list := b.byOrg[n.OrgID]
		// A notice about the same thing (same hash) replaces the older one.
		for i := range list {
			if list[i].Hash == n.Hash {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		list = append(list, n)
		if len(list) > maxNotifications {
			list = append([]model.OrganisationNotification(nil), list[len(list)-maxNotifications:]...)
		}
		b.byOrg[n.OrgID] = list
	}
}

// list returns a copy of the notifications of org, newest first.
func (b *notificationBoard) list(org string) []model.OrganisationNotification {
	b.mu.Lock()
	defer b.mu.Unlock()
	src := b.byOrg[org]
	out := make([]model.OrganisationNotification, len(src))
	for i := range src {
		out[len(src)-1-i] = src[i]
	}
	return out
}

func (b *notificationBoard) clear(org string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if org == "" {
		b.byOrg = nil
		return
	}
	delete(b.byOrg, org)
}

// AddNotifications issues notifications, as the Dashboard issues them, for
// GET /api/org/notifications to list. One without org_id belongs to the
// default org, which must exist; without an id, a creation time or a hash,
// it gets an id, the Server's now and a hash of its topic and subject.
// Kind must be critical or warning, topic certificate.expiry, with the
// certificate in data. Nothing is kept when one is refused.
func (s *Server) AddNotifications(ns ...model.OrganisationNotification) error {
	ready := make([]model.OrganisationNotification, len(ns))
	err := s.store.ViewDefinitions(context.Background(), func(tx store.DefinitionsReader) error {
		for i, n := range ns {
			if n.OrgID == "" {
				n.OrgID = s.OrgID
			}
			if err := checkNotification(&n); err != nil {
				return fmt.Errorf("notification %d: %w", i, err)
			}
			if _, err := tx.GetOrg(n.OrgID); err != nil {
				return fmt.Errorf("notification %d: org %q: %w", i, n.OrgID, err)
			}
			if n.ID == "" {
				n.ID = uuidOf(s.ids.APIID())
			}
			if n.CreatedAt.IsZero() {
				n.CreatedAt = s.now()
			}
			if n.Hash == "" {
				h := fnv.New64a()
				h.Write([]byte(n.OrgID + "\x00" + n.Topic + "\x00" + n.Data.CertID))
				n.Hash = strconv.FormatUint(h.Sum64(), 10)
			}
			ready[i] = n
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("memserver: add notifications: %w", err)
	}
	s.notes.add(ready)
	return nil
}

// checkNotification refuses what the description's enums do not allow.
func checkNotification(n *model.OrganisationNotification) error {
	var probs []string
	if n.Kind != model.NotificationKindCritical && n.Kind != model.NotificationKindWarning {
		probs = append(probs, fmt.Sprintf("kind must be critical or warning, got %q", n.Kind))
	}
	if n.Topic != model.NotificationTopicCertificateExpiry {
		probs = append(probs, fmt.Sprintf("topic must be certificate.expiry, got %q", n.Topic))
	} else if n.Data == nil || n.Data.CertID == "" {
		probs = append(probs, "data.cert_id is required: a certificate.expiry notification names its certificate")
	}
	if strings.TrimSpace(n.Title) == "" {
		probs = append(probs, "title is required")
	}
	if len(probs) > 0 {
		return fmt.Errorf("%s: %w", strings.Join(probs, "; "), store.ErrInvalid)
	}
	return nil
}

// uuidOf writes 32 hex digits as a UUID (8-4-4-4-12), the form of the
// Dashboard's notification ids.
func uuidOf(hex string) string {
	return hex[:8] + "-" + hex[8:12] + "-" + hex[12:16] + "-" + hex[16:20] + "-" + hex[20:32]
}

// listNotifications answers the caller's org's notifications, newest
// first. refresh asks the Dashboard to look again for what to notify; the
// memserver issues nothing itself, so it changes nothing.
func listNotifications(c *call) {
	c.json(http.StatusOK, c.s.notes.list(c.orgFor("")))
}

// controlAddNotifications takes one notification or an array of them.
func controlAddNotifications(c *call) {
	var ns []model.OrganisationNotification
	if strings.HasPrefix(strings.TrimSpace(string(c.body)), "{") {
		var n model.OrganisationNotification
		if !c.decode(&n) {
			return
		}
		ns = append(ns, n)
	} else if !c.decode(&ns) {
		return
	}
	if err := c.s.AddNotifications(ns...); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, store.ErrNotFound) {
			status = http.StatusNotFound
		}
		c.fail(status, err.Error())
		return
	}
	c.json(http.StatusCreated, model.APIResponse{Status: model.StatusOK, Message: "notifications added", Meta: len(ns)})
}

// controlClearNotifications forgets the notifications of ?org_id=, or of
// every org.
func controlClearNotifications(c *call) {
	c.s.notes.clear(c.query("org_id"))
	c.ok("notifications cleared", nil)
}
