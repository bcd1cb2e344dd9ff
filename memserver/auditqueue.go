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
// enough that a run of requests pays few store writes, few enough that one
// write stays short. Under 8 workers of mixed load on a busy machine
// (TestTailLatency, BENCHMARKS.md) a queue of 16,384 took 2.4 s to write,
// and every request waited for it.
const auditQueueSize = 1024

// The queue has two locks so that requests never wait for a write: mu guards
// pending and is held only to add or take records; writeMu is held while
// taken records are written, so that writes happen one at a time and in the
// order the records were taken. A reader that flushes takes writeMu too, and
// so finds every record queued before it, the ones being written included.
type auditQueue struct {
	mu      sync.Mutex
	pending []*model.AuditLog
	writeMu sync.Mutex
}

// queueAudit adds a record. A full queue is written by a goroutine of its
// own, so that no request waits for it; it ends with the write.
func (s *Server) queueAudit(ctx context.Context, rec *model.AuditLog) {
	s.auditq.mu.Lock()
	s.auditq.pending = append(s.auditq.pending, rec)
	full := len(s.auditq.pending) == auditQueueSize
	s.auditq.mu.Unlock()
	if full {
		go s.flushAudit(context.WithoutCancel(ctx))
	}
}

// flushAudit writes the waiting records in one transaction. A failure to
// record is not a client's: it is logged, and the records are dropped.
func (s *Server) flushAudit(ctx context.Context) {
	s.auditq.writeMu.Lock()
	defer s.auditq.writeMu.Unlock()
	s.auditq.mu.Lock()
	recs := s.auditq.pending
	s.auditq.pending = nil
	s.auditq.mu.Unlock()
	if len(recs) == 0 {
		return
	}
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

// restoreDroppingAudit runs restore (Reset's) with no write of the queue in
// progress, and forgets the waiting records, which the restored state has
// not: a write taken before could otherwise land after the restore.
func (s *Server) restoreDroppingAudit(restore func() error) error {
	s.auditq.writeMu.Lock()
	defer s.auditq.writeMu.Unlock()
	if err := restore(); err != nil {
		return err
	}
	s.auditq.mu.Lock()
	s.auditq.pending = nil
	s.auditq.mu.Unlock()
	return nil
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
