package memserver

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

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
	// kept are the records written, oldest first from head, with what
	// each costs: the log is bounded by WithAuditLogSize and
	// WithAuditLogBytes, and the oldest go first.
	kept  []keptAudit
	head  int
	bytes int64
	// writeMu also guards kept, head and bytes, which only a write or
	// a restore changes.
	writeMu sync.Mutex
	// date is the latest second's date of the records (see auditDate).
	date atomic.Pointer[formattedDate]
}

type keptAudit struct {
	mid  string
	size int64
}

// auditRecordCost is what an audit record costs a store beyond its text,
// about: the in-memory store keeps it packed and decoded, with its indexes
// (some 2.4 KB a record were measured with its strings).
const auditRecordCost = 2048

func auditSize(r *model.AuditLog) int64 {
	return int64(auditRecordCost + len(r.MID) + len(r.ReqID) + len(r.OrgID) + len(r.Date) + len(r.IP) +
		len(r.User) + len(r.Action) + len(r.Method) + len(r.URL) + len(r.Diff))
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
	//
	// What the log counts changes only once the transaction has committed:
	// a transaction that fails is rolled back, and a store may run fn
	// again (PostgreSQL retries a serialization conflict), so fn works on
	// its own count, the kept records followed by added, from head.
	q := &s.auditq
	var added []keptAudit
	var head int
	var bytes int64
	err := s.store.(*trackedStore).Store.UpdateDefinitions(context.WithoutCancel(ctx), func(tx store.DefinitionsTx) error {
		added, head, bytes = added[:0], q.head, q.bytes
		batch, _ := tx.(store.AuditLogBatchWriter)
		if batch != nil {
			if err := batch.InsertAuditLogs(recs); err != nil {
				return err
			}
		} else {
			for _, r := range recs {
				if err := tx.InsertAuditLog(r); err != nil {
					return err
				}
			}
		}
		// A store that bounds the log itself counts every record it holds,
		// those other processes or earlier runs wrote too; fn may also run
		// again (a retried transaction), which it then does not count twice.
		if trim, ok := tx.(store.AuditLogTrimmer); ok {
			_, err := trim.TrimAuditLogs(s.cfg.auditSize, s.cfg.auditBytes)
			return err
		}
		del, ok := tx.(store.AuditLogDeleter)
		if !ok {
			return nil
		}
		for _, r := range recs {
			n := auditSize(r)
			added = append(added, keptAudit{mid: r.MID, size: n})
			bytes += n
		}
		total := len(q.kept) + len(added)
		var gone []string
		for head < total && (total-head > s.cfg.auditSize || (s.cfg.auditBytes > 0 && bytes > s.cfg.auditBytes)) {
			var oldest keptAudit
			if head < len(q.kept) {
				oldest = q.kept[head]
			} else {
				oldest = added[head-len(q.kept)]
			}
			head++
			bytes -= oldest.size
			if batch != nil {
				gone = append(gone, oldest.mid)
				continue
			}
			// A record already gone (a restore, an org's data deleted) is
			// simply no longer counted.
			if err := del.DeleteAuditLog(oldest.mid); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		if len(gone) > 0 {
			_, err := batch.DeleteAuditLogs(gone) // skips those already gone, as above
			return err
		}
		return nil
	})
	if err == nil {
		q.kept = append(q.kept, added...)
		for i := q.head; i < head; i++ {
			q.kept[i] = keptAudit{}
		}
		q.head, q.bytes = head, bytes
		if q.head > 64 && q.head > len(q.kept)/2 {
			q.kept = append(q.kept[:0:0], q.kept[q.head:]...)
			q.head = 0
		}
	}
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
	return s.countStoredAudit(context.Background())
}

// countStoredAudit counts the audit records the store holds (a data file's
// from an earlier run, a restored state's) as kept, oldest first, so that
// the bound covers them too; the next write trims them when the log is over
// it. A store that bounds the log itself needs no count. The caller holds
// writeMu, or no write can run yet.
func (s *Server) countStoredAudit(ctx context.Context) error {
	q := &s.auditq
	q.kept, q.head, q.bytes = nil, 0, 0
	// The store under the tracking one, which would flush the queue.
	return s.store.(*trackedStore).Store.ViewDefinitions(ctx, func(tx store.DefinitionsReader) error {
		if _, ok := tx.(store.AuditLogTrimmer); ok {
			return nil
		}
		all, err := tx.ListAuditLogs("", store.AuditQuery{}) // every org's, in the order written
		if err != nil {
			return fmt.Errorf("count the stored audit log: %w", err)
		}
		for i := range all.Items {
			n := auditSize(&all.Items[i])
			q.kept = append(q.kept, keptAudit{mid: all.Items[i].MID, size: n})
			q.bytes += n
		}
		return nil
	})
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
