package memserver

import (
	"reflect"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// grower builds sessions for the comparison of fillSession with the walk.
type grower struct {
	places int // lists and maps of structs (or of lists, maps, pointers) seen
	skip   int // the one of them left nil, counted from 0; -1 for none
}

// grow sets, below v, every pointer to a new value, every list of structs to
// one element and every map of structs (or lists, maps, pointers) to one
// entry, each grown in turn, but for the list or map numbered g.skip, and
// leaves every other list and map nil: with every skip, each list and map a
// fill can reach is there to be filled.
func (g *grower) grow(v reflect.Value, depth int) {
	if depth > maxFillDepth {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		g.grow(v.Elem(), depth+1)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				g.grow(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.Struct || g.next() {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		g.grow(v.Index(0), depth+1)
	case reflect.Map:
		switch v.Type().Elem().Kind() {
		case reflect.Struct, reflect.Pointer, reflect.Slice, reflect.Map:
			if g.next() {
				return
			}
			e := reflect.New(v.Type().Elem()).Elem()
			g.grow(e, depth+1)
			v.Set(reflect.MakeMap(v.Type()))
			v.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), e)
		}
	}
}

// next counts a place and reports whether it is the one to leave nil.
func (g *grower) next() bool {
	g.places++
	return g.places-1 == g.skip
}

func grownSession(skip int) (s model.SessionState, places int) {
	g := grower{skip: skip}
	g.grow(reflect.ValueOf(&s).Elem(), 0)
	return s, g.places
}

// TestFillSessionIsTheWalk: the written-out fill of a session fills what the
// reflective walk fills, on an empty session and on sessions where every
// list and map that can hold something to fill holds one such thing, but
// one that is nil.
func TestFillSessionIsTheWalk(t *testing.T) {
	compare := func(name string, make func() model.SessionState) {
		t.Helper()
		want, got, viaFillEmpty := make(), make(), make()
		fillReflect(&want)
		fillSession(&got)
		fillEmpty(&viaFillEmpty)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fillSession gave\n%#v\nthe walk\n%#v", name, got, want)
		}
		if !reflect.DeepEqual(viaFillEmpty, want) {
			t.Errorf("%s: fillEmpty gave\n%#v\nthe walk\n%#v", name, viaFillEmpty, want)
		}
	}
	compare("empty", func() model.SessionState { return model.SessionState{} })
	_, places := grownSession(-1)
	if places < 5 {
		t.Fatalf("only %d lists and maps of structs in a session: grow is broken", places)
	}
	for skip := -1; skip < places; skip++ {
		compare("grown", func() model.SessionState { s, _ := grownSession(skip); return s })
	}
	before, _ := grownSession(-1)
	after, _ := grownSession(-1)
	fillReflect(&after)
	if reflect.DeepEqual(before, after) {
		t.Fatal("the grown session has nothing to fill: the comparison proves nothing")
	}
}
