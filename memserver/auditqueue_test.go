package memserver_test

import (
	"context"
	"sync"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/store"
)

// Requests past a full audit queue (1,024 records, written by a goroutine of
// its own) all reach the log, and a reader finds every one of them, the
// ones of a write still in progress included.
func TestAuditQueueKeepsEveryRecordPastAFullQueue(t *testing.T) {
	srv := memserver.NewTest(t)
	c := newLoadClient(srv, 4)
	const requests = 2500 // past two full queues
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed int
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < requests; i += 4 {
				st, _, err := c.do("GET", "/api/apis", nil)
				if err != nil || st != 200 {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if failed > 0 {
		t.Fatalf("%d requests failed", failed)
	}
	var total int
	err := srv.Store().ViewDefinitions(context.Background(), func(tx store.DefinitionsReader) error {
		p, err := tx.ListAuditLogs(srv.OrgID, store.AuditQuery{})
		total = p.Total
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != requests {
		t.Fatalf("audit log holds %d records after %d requests", total, requests)
	}
}
