package redisstore

import (
	"cmp"
	"context"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// FillForBenchmark stores n keys of org, all with session sess, the i-th
// with id id(i) and hash model.KeyHash(id(i)), as a restore writes them:
// through the store's own commit script, the session encoded once and
// 5,000 keys a script, two scripts at a time. A benchmark of a million keys fills in a minute
// instead of the many the same keys take one InsertKey at a time.
func FillForBenchmark(ctx context.Context, s *Sessions, org string, n int, sess *model.SessionState, id func(i int) string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tmpl, err := s.newRec(&store.Key{ID: "x", Hash: "x", OrgID: org, Session: *sess}, 1)
	if err != nil {
		return err
	}
	// Two writers, so that one builds its batch while Redis runs the
	// other's script: batches of known creation numbers are independent.
	starts := make(chan int)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			for start := range starts {
				put := s.writeTx(ctx)
				for i := start; i < min(start+5000, n); i++ {
					r := *tmpl
					r.id = id(i)
					r.hash = model.KeyHash(r.id)
					r.seq = int64(i + 1)
					put.putRec(&r)
				}
				if err := put.commit(); err != nil {
					errs <- err
					for range starts { // drain
					}
					return
				}
			}
			errs <- nil
		}()
	}
	for start := 0; start < n; start += 5000 {
		starts <- start
	}
	close(starts)
	if err := cmp.Or(<-errs, <-errs); err != nil {
		return err
	}
	return s.client.Set(ctx, s.seqKey(), n, 0).Err()
}
