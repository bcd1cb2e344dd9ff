package memserver

import (
	"context"
	"sync"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Every request under /api leaves an audit record, and a store write per
// request would cost more than the rest of a typical request. Records wait
// in a queue of their Server and reach the store together: before anything
// reads the audit log (the audit routes, a snapshot, an export, a read
// through Server.Store), before any other write of definitions, and when the
// queue is full. A client that reads the log after its request still finds
// the request in it.

// auditQueueSize is how many records wait before they are written anyway:
// enough that a run of requests pays no store write, few enough that one
// write stays short.
const auditQueueSize = 16384

type auditQueue struct {
	mu      sync.Mutex
	pending []*model.AuditLog
}

// queueAudit adds a record, writing the queue when it is full.
func (s *Server) queueAudit(ctx context.Context, rec *model.AuditLog) {
	s.auditq.mu.Lock()
	s.auditq.pending = append(s.auditq.pending, rec)
	full := len(s.auditq.pending) >= auditQueueSize
	s.auditq.mu.Unlock()
	if full {
		s.flushAudit(ctx)
	}
}

// flushAudit writes the waiting records in one transaction. A failure to
// record is not a client's: it is logged, and the records are dropped.
func (s *Server) flushAudit(ctx context.Context) {
	s.auditq.mu.Lock()
	defer s.auditq.mu.Unlock()
	if len(s.auditq.pending) == 0 {
		return
	}
	recs := s.auditq.pending
	s.auditq.pending = nil
	// Holding the queue's lock while writing keeps the records in order.
	// The store under the tracking one: audit records change no API, and
	// the tracking store flushes this queue itself.
	err := s.store.(*trackedStore).Store.UpdateDefinitions(context.WithoutCancel(ctx), func(tx store.DefinitionsTx) error {
		for _, r := range recs {
			if err := tx.InsertAuditLog(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && s.log != nil {
		s.log.Warn("audit log", "error", err, "records", len(recs))
	}
}

// dropAudit forgets the waiting records (on Reset, whose state has none).
func (s *Server) dropAudit() {
	s.auditq.mu.Lock()
	s.auditq.pending = nil
	s.auditq.mu.Unlock()
}

// callerStore is the store as Server.Store hands it out: reads see the
// queued audit records too.
type callerStore struct {
	store.Store
	s *Server
}

func (c callerStore) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	c.s.flushAudit(ctx)
	return c.Store.ViewDefinitions(ctx, fn)
}
