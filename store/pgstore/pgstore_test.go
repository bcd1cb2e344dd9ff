package pgstore_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/store/memstore"
	"github.com/dashkit/dashkit/store/pgstore/pgtest"
	"github.com/dashkit/dashkit/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestConformance(t *testing.T) {
	storetest.Run(t, func() store.Store {
		return store.Combine(pgtest.NewStore(t), memstore.NewSessions())
	})
}

// TestImportNamesTheLine: a stream that cannot be imported whole is refused
// with the line at fault (and, for an identifier given twice, the line that
// had it first), and the state stays as it was.
func TestImportNamesTheLine(t *testing.T) {
	ctx := context.Background()
	s := pgtest.NewStore(t)
	if err := s.Import(ctx, apiStream(3)); err != nil {
		t.Fatal(err)
	}
	var before bytes.Buffer
	if err := s.Export(ctx, &before); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(before.String(), "\n")
	for _, c := range []struct {
		stream string
		want   []string
		is     error
	}{
		{lines[0] + lines[1] + lines[0], []string{"line 3", "line 1", `id "000000000000000000000000"`}, store.ErrConflict},
		{lines[0] + "{not json\n", []string{"line 2"}, store.ErrInvalid},
		{lines[0] + lines[1] + `{"collection":"spaceships","object":{}}` + "\n", []string{"line 3", "spaceships"}, store.ErrInvalid},
	} {
		err := s.Import(ctx, strings.NewReader(c.stream))
		if !errors.Is(err, c.is) {
			t.Errorf("import: %v, want %v", err, c.is)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("import: %v, want it to say %s", err, w)
			}
		}
		var after bytes.Buffer
		if err := s.Export(ctx, &after); err != nil {
			t.Fatal(err)
		}
		if after.String() != before.String() {
			t.Errorf("a refused import changed the state")
		}
	}
}
