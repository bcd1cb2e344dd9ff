package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// Stateful is the whole-state half of a [Store]: what [Combine] needs from a
// Definitions or a Sessions to snapshot, restore, export and import it. Each
// half exports only its own collections, in the format of [Record].
type Stateful interface {
	Snapshot(ctx context.Context) (Snapshot, error)
	Restore(ctx context.Context, s Snapshot) error
	Export(ctx context.Context, w io.Writer) error
	Import(ctx context.Context, r io.Reader) error
}

// Combine joins any Definitions with any Sessions into one Store. Each half
// keeps its own transactions. Snapshot, Restore, Export and Import work on
// both halves when both implement [Stateful], and fail with an error wrapping
// errors.ErrUnsupported otherwise.
//
// Passing the same Store as both halves returns it unchanged.
func Combine(defs Definitions, sess Sessions) Store {
	if s, ok := defs.(Store); ok && sameValue(defs, sess) {
		return s
	}
	return &combined{Definitions: defs, Sessions: sess}
}

func sameValue(a, b any) bool {
	t := reflect.TypeOf(a)
	return t == reflect.TypeOf(b) && t.Comparable() && a == b
}

type combined struct {
	Definitions
	Sessions
}

type combinedSnapshot struct {
	owner      *combined
	defs, sess Snapshot
}

func (s *combinedSnapshot) SnapshotOf() string {
	return "combined(" + s.defs.SnapshotOf() + ", " + s.sess.SnapshotOf() + ")"
}

func (c *combined) halves(op string) (Stateful, Stateful, error) {
	d, ok1 := c.Definitions.(Stateful)
	s, ok2 := c.Sessions.(Stateful)
	if !ok1 || !ok2 {
		return nil, nil, fmt.Errorf("%s: definitions (%T) and sessions (%T) must both implement store.Stateful: %w",
			op, c.Definitions, c.Sessions, errors.ErrUnsupported)
	}
	return d, s, nil
}

func (c *combined) Snapshot(ctx context.Context) (Snapshot, error) {
	d, s, err := c.halves("snapshot")
	if err != nil {
		return nil, err
	}
	ds, err := d.Snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot definitions: %w", err)
	}
	ss, err := s.Snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot sessions: %w", err)
	}
	return &combinedSnapshot{owner: c, defs: ds, sess: ss}, nil
}

func (c *combined) Restore(ctx context.Context, snap Snapshot) error {
	d, s, err := c.halves("restore")
	if err != nil {
		return err
	}
	cs, ok := snap.(*combinedSnapshot)
	if !ok || cs.owner != c {
		return fmt.Errorf("restore snapshot of %s: not made by this store: %w", snapshotName(snap), ErrInvalid)
	}
	// The halves made these snapshots, so neither rejects its own: the
	// one check that can fail half-way is the context, done first.
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := d.Restore(ctx, cs.defs); err != nil {
		return fmt.Errorf("restore definitions: %w", err)
	}
	if err := s.Restore(ctx, cs.sess); err != nil {
		return fmt.Errorf("restore sessions: %w", err)
	}
	return nil
}

func snapshotName(s Snapshot) string {
	if s == nil {
		return "<nil>"
	}
	return s.SnapshotOf()
}

func (c *combined) Export(ctx context.Context, w io.Writer) error {
	d, s, err := c.halves("export")
	if err != nil {
		return err
	}
	if err := d.Export(ctx, w); err != nil {
		return fmt.Errorf("export definitions: %w", err)
	}
	if err := s.Export(ctx, w); err != nil {
		return fmt.Errorf("export sessions: %w", err)
	}
	return nil
}

// Import splits the stream by collection, feeding each half its own records
// through a pipe, so that a large stream is never held in memory whole. When
// either half fails, both are put back as they were.
func (c *combined) Import(ctx context.Context, r io.Reader) error {
	d, s, err := c.halves("import")
	if err != nil {
		return err
	}
	dsnap, err := d.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("import: snapshot definitions: %w", err)
	}
	ssnap, err := s.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("import: snapshot sessions: %w", err)
	}

	dr, dw := io.Pipe()
	sr, sw := io.Pipe()
	derr := make(chan error, 1)
	serr := make(chan error, 1)
	go func() {
		err := d.Import(ctx, dr)
		dr.CloseWithError(errHalfDone(err)) // unblocks the writer if the half stopped early
		derr <- err
	}()
	go func() {
		err := s.Import(ctx, sr)
		sr.CloseWithError(errHalfDone(err))
		serr <- err
	}()

	splitErr := splitRecords(r, dw, sw)
	dw.CloseWithError(splitErr)
	sw.CloseWithError(splitErr)
	errD, errS := <-derr, <-serr

	var fail error
	switch {
	case splitErr != nil:
		fail = fmt.Errorf("import: %w", splitErr)
	case errD != nil:
		fail = fmt.Errorf("import definitions: %w", errD)
	case errS != nil:
		fail = fmt.Errorf("import sessions: %w", errS)
	default:
		return nil
	}
	// Put back with a context that is not cancelled: a cancelled import must
	// still leave the previous state.
	rctx := context.WithoutCancel(ctx)
	return errors.Join(fail, d.Restore(rctx, dsnap), s.Restore(rctx, ssnap))
}

var errHalfStopped = errors.New("store: import stopped reading")

func errHalfDone(err error) error {
	if err == nil {
		return errHalfStopped
	}
	return err
}

// splitRecords copies each line of r to sessions when its collection is a
// session collection, to defs otherwise.
func splitRecords(r io.Reader, defs, sess io.Writer) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var head struct {
				Collection string `json:"collection"`
			}
			if jerr := json.Unmarshal(line, &head); jerr != nil {
				return fmt.Errorf("line %d: %v: %w", n, jerr, ErrInvalid)
			}
			if len(line) == 0 || line[len(line)-1] != '\n' {
				line = append(line, '\n')
			}
			dst := defs
			if IsSessionCollection(head.Collection) {
				dst = sess
			}
			if _, werr := dst.Write(line); werr != nil {
				// A half only stops reading when it has failed, and it
				// reports why itself: this error is only the echo.
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read line %d: %w", n, err)
		}
	}
}
