package memstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/dashkit/dashkit/store"
)

// A data file keeps an in-memory store across restarts. It holds, line by
// line:
//
//   - an export of the whole state (store.Record lines, what Export writes),
//     written when the store opens and again whenever the lines after it
//     grow past a bound ("compaction");
//   - then one line per committed transaction, its changes, appended as they
//     commit: {"tx":[{"collection":..., "id":..., "object":..., "meta":...}]}
//     where "id" is the row the transaction replaced or deleted and
//     "object" what it stored.
//
// A write returns only once its line is in the file and fsynced, so a crash
// loses no write that was answered. Writers that commit while a write of the
// file is in progress are written together by the next one (group commit):
// under many writers one fsync carries many transactions. A compaction
// writes a new file beside the old one and renames it over it, so the path
// always names a complete file; a crash in the middle of appending leaves at
// most the last line cut short, which loading drops (that transaction was
// never acknowledged). While the store is open the file ends in zeros
// written ahead of the lines to come, which loading drops too; Close
// removes them.

// padAhead is how many bytes of zeros the data file keeps after its last
// line, for the lines to come (see dataLog.wait).
const padAhead = 1 << 20

// DefaultCompactAfter is how many bytes of change lines a data file holds
// before it is compacted, unless the export at its start is larger (then
// the bound is that size, so that compaction costs amortised O(1) a write).
const DefaultCompactAfter = 64 << 20

// FileOption configures Open.
type FileOption func(*fileConfig)

type fileConfig struct{ compactAfter int64 }

// WithCompactAfter sets the bytes of change lines after which the data file
// is compacted (see DefaultCompactAfter).
func WithCompactAfter(n int64) FileOption { return func(c *fileConfig) { c.compactAfter = n } }

// FileStore is an in-memory store.Store whose state lives in a data file as
// well: Open loads it, every committed write is in the file before the write
// returns. Reads never touch the file. Close it when done.
type FileStore struct {
	defs *Definitions
	sess *Sessions
	log  *dataLog
}

var _ store.Store = (*FileStore)(nil)

// Open returns a store holding the state of the data file at path, or an
// empty one when there is no file yet; it then rewrites the file as a fresh
// export. A file that cannot be loaded whole is an error naming the line,
// and nothing is changed.
func Open(path string, opts ...FileOption) (*FileStore, error) {
	cfg := fileConfig{compactAfter: DefaultCompactAfter}
	for _, o := range opts {
		o(&cfg)
	}
	f := &FileStore{defs: NewDefinitions(), sess: NewSessions()}
	f.defs.db.ports = portsByTable(definitionPorts)
	f.sess.db.ports = portsByTable(sessionPorts)
	l := &dataLog{path: path, defs: f.defs.db, sess: f.sess.db, compactAfter: cfg.compactAfter}
	l.cond = sync.NewCond(&l.mu)

	file, err := os.Open(path)
	switch {
	case err == nil:
		ds, ss, lerr := f.parse(file, "data file "+path, true)
		file.Close()
		if lerr != nil {
			return nil, lerr
		}
		f.defs.db.cur.Store(ds)
		f.sess.db.cur.Store(ss)
	case errors.Is(err, os.ErrNotExist):
	default:
		return nil, fmt.Errorf("open data file: %w", err)
	}
	// A temporary file left by a compaction that a crash cut short is
	// incomplete by definition: the file at path is the state.
	os.Remove(l.tmpPath())
	if err := l.compact(nil); err != nil {
		return nil, err
	}
	f.log = l
	f.defs.db.log = l
	f.sess.db.log = l
	return f, nil
}

func portsByTable(ports []port) map[string]port {
	m := make(map[string]port, len(ports))
	for _, p := range ports {
		m[p.collection] = p
	}
	return m
}

// Syncs is how many times the appended lines have been fsynced: fewer than
// the writes when concurrent writers share a sync (group commit).
func (f *FileStore) Syncs() uint64 {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	return f.log.syncs
}

// Close waits for a compaction in progress, and closes the file. Writes
// after Close fail.
func (f *FileStore) Close() error { return f.log.close() }

func (f *FileStore) ViewDefinitions(ctx context.Context, fn func(tx store.DefinitionsReader) error) error {
	return f.defs.ViewDefinitions(ctx, fn)
}

func (f *FileStore) UpdateDefinitions(ctx context.Context, fn func(tx store.DefinitionsTx) error) error {
	return f.defs.UpdateDefinitions(ctx, fn)
}

func (f *FileStore) ViewSessions(ctx context.Context, fn func(tx store.SessionsReader) error) error {
	return f.sess.ViewSessions(ctx, fn)
}

func (f *FileStore) UpdateSessions(ctx context.Context, fn func(tx store.SessionsTx) error) error {
	return f.sess.UpdateSessions(ctx, fn)
}

type fileSnapshot struct {
	owner      *FileStore
	defs, sess *state
}

func (s *fileSnapshot) SnapshotOf() string { return "memstore data file " + s.owner.log.path }

// Snapshot returns the current state of both halves, at one instant, in
// O(1).
func (f *FileStore) Snapshot(ctx context.Context) (store.Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.defs.db.mu.Lock()
	f.sess.db.mu.Lock()
	defer f.defs.db.mu.Unlock()
	defer f.sess.db.mu.Unlock()
	return &fileSnapshot{owner: f, defs: f.defs.db.currentLocked(), sess: f.sess.db.currentLocked()}, nil
}

// Restore makes a snapshot of f the current state, and rewrites the data
// file with it before returning.
func (f *FileStore) Restore(ctx context.Context, s store.Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	snap, ok := s.(*fileSnapshot)
	if !ok || snap.owner != f {
		name := "<nil>"
		if s != nil {
			name = s.SnapshotOf()
		}
		return fmt.Errorf("restore snapshot of %s: not made by this store: %w", name, store.ErrInvalid)
	}
	return f.log.compact(func() {
		f.defs.db.cur.Store(snap.defs)
		f.sess.db.cur.Store(snap.sess)
	})
}

// Export writes both halves as one stream, from one instant.
func (f *FileStore) Export(ctx context.Context, w io.Writer) error {
	snap, err := f.Snapshot(ctx)
	if err != nil {
		return err
	}
	s := snap.(*fileSnapshot)
	if err := f.defs.db.exportState(ctx, w, s.defs, definitionPorts); err != nil {
		return err
	}
	return f.sess.db.exportState(ctx, w, s.sess, sessionPorts)
}

// Import replaces the whole state with the stream r, all or nothing, and
// rewrites the data file with it before returning.
func (f *FileStore) Import(ctx context.Context, r io.Reader) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ds, ss, err := f.parse(r, "import", false)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return f.log.compact(func() {
		f.defs.db.cur.Store(ds)
		f.sess.db.cur.Store(ss)
	})
}

// logLine is one line of a data file: an export record, or a transaction.
type logLine struct {
	store.Record
	Tx []change `json:"tx,omitempty"`
}

// change is one row a transaction wrote: ID is the row it replaced or
// deleted (empty for an insert), Object what it stored (empty for a
// delete).
type change struct {
	Collection string            `json:"collection"`
	ID         string            `json:"id,omitempty"`
	Object     json.RawMessage   `json:"object,omitempty"`
	Meta       map[string]string `json:"meta,omitempty"`
}

// parse reads a data file (or an export) into fresh states of both halves.
// name names the stream in errors; a data file may end in a line cut short.
func (f *FileStore) parse(r io.Reader, name string, dataFile bool) (defs, sess *state, err error) {
	dtx, stx := f.defs.db.fresh().txn(true), f.sess.db.fresh().txn(true)
	txnOf := func(collection string) (*db, *transaction, port, error) {
		d, txn := f.defs.db, dtx
		if store.IsSessionCollection(collection) {
			d, txn = f.sess.db, stx
		}
		p, ok := d.ports[collection]
		if !ok {
			return nil, nil, port{}, fmt.Errorf("collection %s is not one of the store's: %w", strconv.Quote(collection), store.ErrInvalid)
		}
		return d, txn, p, nil
	}
	apply := func(line []byte) error {
		var ll logLine
		if err := json.Unmarshal(line, &ll); err != nil {
			return fmt.Errorf("%v: %w", err, store.ErrInvalid)
		}
		if ll.Tx == nil {
			if ll.Collection == "" {
				return fmt.Errorf("neither a record nor a transaction: %w", store.ErrInvalid)
			}
			d, txn, p, err := txnOf(ll.Collection)
			if err != nil {
				return err
			}
			return p.load(d, txn, ll.Record)
		}
		// Every row the transaction replaced goes first, then every row it
		// stored: the end state of a transaction breaks no uniqueness, but
		// a state half-way through replaying it in another order could.
		type rowKey struct{ collection, id string }
		seqs := map[rowKey]uint64{}
		for _, c := range ll.Tx {
			if c.ID == "" {
				continue
			}
			_, txn, p, err := txnOf(c.Collection)
			if err != nil {
				return err
			}
			seq, ok, err := p.remove(txn, c.ID)
			if err != nil {
				return err
			}
			if ok {
				seqs[rowKey{c.Collection, c.ID}] = seq
			}
		}
		for _, c := range ll.Tx {
			if c.Object == nil {
				continue
			}
			d, txn, p, err := txnOf(c.Collection)
			if err != nil {
				return err
			}
			rec := store.Record{Collection: c.Collection, Object: c.Object, Meta: c.Meta}
			if err := p.replace(d, txn, seqs[rowKey{c.Collection, c.ID}], rec); err != nil {
				return err
			}
		}
		return nil
	}

	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return nil, nil, fmt.Errorf("%s: read line %d: %w", name, n, rerr)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			if err := apply(line); err != nil {
				if rerr == io.EOF && dataFile && !json.Valid(line) {
					// The last line, cut short by a crash while it was
					// being appended: its transaction was never
					// acknowledged.
					break
				}
				return nil, nil, fmt.Errorf("%s: line %d: %w", name, n, err)
			}
		}
		if rerr == io.EOF {
			break
		}
	}
	return dtx.Commit(), stx.Commit(), nil
}

// changeLine encodes the changes of a transaction as one line of the data
// file; nil when it changed nothing. The line is put together by hand: the
// objects are JSON from the encoder already, and encoding them again as
// json.RawMessage would scan every byte once more, on every write.
func (d *db) changeLine(cs []rowChange) ([]byte, error) {
	var b []byte
	for _, c := range cs {
		if c.Table == countsTable {
			continue // counters follow from the rows
		}
		p, ok := d.ports[c.Table]
		if !ok {
			return nil, fmt.Errorf("data file: table %q has no record format", c.Table)
		}
		if b == nil {
			b = append(b, `{"tx":[`...)
		} else {
			b = append(b, ',')
		}
		b = append(b, `{"collection":`...)
		b = appendJSONString(b, c.Table)
		if c.Before != nil {
			b = append(b, `,"id":`...)
			b = appendJSONString(b, p.rowID(c.Before))
		}
		if c.After != nil {
			rec, err := p.record(c.After)
			if err != nil {
				return nil, err
			}
			b = append(b, `,"object":`...)
			b = append(b, rec.Object...)
			if len(rec.Meta) > 0 {
				meta, err := json.Marshal(rec.Meta)
				if err != nil {
					return nil, fmt.Errorf("data file: %w", err)
				}
				b = append(b, `,"meta":`...)
				b = append(b, meta...)
			}
		}
		b = append(b, '}')
	}
	if b == nil {
		return nil, nil
	}
	return append(b, "]}\n"...), nil
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}

// dataLog appends transactions to the data file and compacts it.
//
// Positions are logical: the bytes of every change line queued since Open,
// so that "written" and "durable" keep their meaning across compactions,
// which move lines from one file to the next.
type dataLog struct {
	path         string
	defs, sess   *db
	compactAfter int64

	// compactMu lets one compaction run at a time. Two at once would
	// share tmpPath: the second's O_TRUNC open reaches the inode the first
	// is still writing, and the first's buffered export then lands over
	// the second's (a background compaction over an Import's or a
	// Restore's, which then reopened to a mix of the old state and the
	// new). A compaction that snapshot the state before a swap must not
	// rename its file over the swap's either.
	compactMu sync.Mutex

	mu      sync.Mutex
	cond    *sync.Cond
	pending []byte // queued lines not yet written
	spare   []byte // the buffer of the previous write, reused
	queued  uint64 // end of every line queued
	written uint64 // end of what is in the file
	durable uint64 // end of what is fsynced
	syncs   uint64 // fsyncs of appended lines, for Syncs
	busy    bool   // a write or a compaction owns the file
	// inCommit counts the writers between the start of their transaction
	// and the end of its commit (see committing and wait).
	inCommit   int
	compacting bool  // a background compaction is running
	err        error // the first failure: every later write fails with it
	closed     bool
	file       *os.File
	fileStart  uint64 // logical position of the first change line in file
	baseSize   int64  // bytes of the export at the start of file
	fileEnd    int64  // where the next line goes in file
	fileAlloc  int64  // bytes of file: its lines, then zeros (see wait)
	bg         sync.WaitGroup
}

func (l *dataLog) tmpPath() string { return l.path + ".tmp" }

// usable fails when the file can no longer be written: a write must not
// commit in memory what it cannot make durable.
func (l *dataLog) usable() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return fmt.Errorf("data file %s: closed", l.path)
	}
	return l.err
}

// enqueue queues one line; the caller holds its db's writer lock.
func (l *dataLog) enqueue(line []byte) uint64 {
	l.mu.Lock()
	l.pending = append(l.pending, line...)
	l.queued += uint64(len(line))
	pos := l.queued
	l.mu.Unlock()
	return pos
}

// committing moves the count of writers in a commit by delta.
func (l *dataLog) committing(delta int) {
	l.mu.Lock()
	l.inCommit += delta
	if l.inCommit == 0 {
		l.cond.Broadcast()
	}
	l.mu.Unlock()
}

// gatherWait bounds how long a write of the file waits for the writers in
// a commit to queue their lines with it.
const gatherWait = time.Millisecond

// wait returns once everything up to pos is fsynced. The first waiter to
// find the file free writes every queued line, its own and those queued
// since, in one write and one fsync; the others wait for it.
//
// Before it writes, it waits (up to gatherWait) for the writers still in a
// commit, which are working in memory and will queue a line within
// microseconds, so that they share this fsync rather than wait for the next
// one. Without this, 8 writers shared an fsync 3.5 at a time: each fsync
// woke the writers it carried, and the first of them to queue its next line
// started the next fsync alone.
func (l *dataLog) wait(pos uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	gathered := false
	for l.durable < pos {
		if l.err != nil {
			return l.err
		}
		if l.busy {
			l.cond.Wait()
			continue
		}
		if !gathered && l.inCommit > 0 {
			gathered = true
			l.busy = true // the other waiters wait for this write
			expired := false
			t := time.AfterFunc(gatherWait, func() {
				l.mu.Lock()
				expired = true
				l.cond.Broadcast()
				l.mu.Unlock()
			})
			for l.inCommit > 0 && !expired && l.err == nil {
				l.cond.Wait()
			}
			t.Stop()
			l.busy = false
			continue
		}
		buf, end := l.pending, l.queued
		l.pending, l.spare = l.spare[:0], nil
		l.busy = true
		off, alloc := l.fileEnd, l.fileAlloc
		l.mu.Unlock()
		// Lines overwrite zeros written ahead of them: an fdatasync of
		// blocks the file already has flushes the data alone, where one
		// of an append must also commit the file's new size (measured on
		// ext4: 0.3 ms against 1.5 ms). When the zeros run out, the file
		// grows by padAhead more, and that once is a full fsync.
		_, err := l.file.WriteAt(buf, off)
		if newEnd := off + int64(len(buf)); err == nil && newEnd > alloc {
			alloc = newEnd + padAhead
			if _, err = l.file.WriteAt(make([]byte, padAhead), newEnd); err == nil {
				err = l.file.Sync()
			}
		} else if err == nil {
			err = datasync(l.file)
		}
		l.mu.Lock()
		l.busy = false
		l.spare = buf[:0]
		if err != nil {
			l.err = fmt.Errorf("data file %s: %w", l.path, err)
		} else {
			l.written, l.durable = end, end
			l.fileEnd, l.fileAlloc = off+int64(len(buf)), alloc
			l.syncs++
		}
		l.cond.Broadcast()
		if size := int64(l.written - l.fileStart); err == nil && !l.compacting && !l.closed &&
			size > max(l.compactAfter, l.baseSize) {
			l.compacting = true
			l.bg.Add(1)
			go func() {
				defer l.bg.Done()
				l.compact(nil) // a failure leaves the old file, which is still whole
				l.mu.Lock()
				l.compacting = false
				l.mu.Unlock()
			}()
		}
	}
	return nil
}

// compact writes the current state as a fresh export to a temporary file,
// copies the change lines committed meanwhile after it, and renames it over
// the data file. With swap (a Restore or an Import), swap replaces the
// state first, and no line is written to the old file until the new one is
// in place: the old file must not get changes made to the new state. One
// compaction runs at a time (see compactMu): a Restore or an Import waits
// for a background compaction to end.
func (l *dataLog) compact(swap func()) error {
	l.compactMu.Lock()
	defer l.compactMu.Unlock()
	l.defs.mu.Lock()
	l.sess.mu.Lock()
	if swap != nil {
		swap()
	}
	ds, ss := l.defs.currentLocked(), l.sess.currentLocked()
	l.mu.Lock()
	mark := l.queued
	if swap != nil {
		for l.busy {
			l.cond.Wait()
		}
		l.busy = true
	}
	l.mu.Unlock()
	l.sess.mu.Unlock()
	l.defs.mu.Unlock()

	owned := swap != nil
	fail := func(err error) error {
		l.mu.Lock()
		defer l.mu.Unlock()
		if owned {
			l.busy = false
			l.cond.Broadcast()
		}
		if swap != nil && l.file != nil {
			// The state in memory moved on without the file: nothing
			// may be written on top of the old one.
			l.err = err
		}
		return err
	}

	tmp, err := os.OpenFile(l.tmpPath(), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fail(fmt.Errorf("data file: %w", err))
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	ctx := context.Background()
	err = l.defs.exportState(ctx, bw, ds, definitionPorts)
	if err == nil {
		err = l.sess.exportState(ctx, bw, ss, sessionPorts)
	}
	if err == nil {
		err = bw.Flush()
	}
	var base int64
	if err == nil {
		base, err = tmp.Seek(0, io.SeekCurrent)
	}
	if err != nil {
		tmp.Close()
		os.Remove(l.tmpPath())
		return fail(fmt.Errorf("data file: write %s: %w", l.tmpPath(), err))
	}

	l.mu.Lock()
	for !owned && l.busy {
		l.cond.Wait()
	}
	l.busy, owned = true, true
	old, written, oldStart, oldBase := l.file, l.written, l.fileStart, l.baseSize
	l.mu.Unlock()

	// The lines committed after the snapshot that the old file already
	// holds move to the new one; those still queued are written there by
	// the next writer.
	if old != nil && written > mark {
		off := oldBase + int64(mark-oldStart)
		_, err = io.Copy(tmp, io.NewSectionReader(old, off, int64(written-mark)))
	}
	var end int64
	if err == nil {
		end, err = tmp.Seek(0, io.SeekCurrent)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = os.Rename(l.tmpPath(), l.path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(l.path))
	}
	if err != nil {
		tmp.Close()
		os.Remove(l.tmpPath())
		return fail(fmt.Errorf("data file: compact %s: %w", l.path, err))
	}

	l.mu.Lock()
	if l.written < mark {
		// Lines queued before the snapshot and not yet written: the
		// export holds their changes.
		l.pending = append(l.pending[:0], l.pending[mark-l.written:]...)
		l.written, l.durable = mark, mark
	}
	l.file, l.fileStart, l.baseSize = tmp, mark, base
	l.fileEnd, l.fileAlloc = end, end
	l.busy = false
	l.cond.Broadcast()
	l.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func (l *dataLog) close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	l.mu.Unlock()
	l.bg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.busy {
		l.cond.Wait()
	}
	// Every line queued was waited for by its writer before it returned:
	// pending is empty unless a write failed. The zeros after the last
	// line go: a file closed cleanly is an export and its lines, which
	// Import reads too.
	err := l.file.Truncate(l.fileEnd)
	if err == nil {
		err = l.file.Sync()
	}
	if cerr := l.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("data file %s: %w", l.path, err)
	}
	return nil
}
