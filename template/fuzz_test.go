package template_test

import (
	"encoding/json"
	"testing"

	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

// FuzzMerge checks every merge rule on arbitrary pairs of documents, and
// that the inputs are left as they were.
func FuzzMerge(f *testing.F) {
	f.Add([]byte(`{"a":{"b":1},"c":[1]}`), []byte(`{"a":{"d":2},"c":[2,3]}`))
	f.Add([]byte(`{"a":null}`), []byte(`{"a":{"b":null}}`))
	f.Add([]byte(`{"x-tyk-api-gateway":{"middleware":{"operations":{"a":{}}}}}`), []byte(`{"x-tyk-api-gateway":{"middleware":{"operations":{"b":{}}}}}`))
	f.Add([]byte(`{"k":1,"k":{"z":1}}`), []byte(`{"k":{"y":2}}`))
	f.Fuzz(func(t *testing.T, tmplData, docData []byte) {
		tmpl, err := oas.Parse(tmplData)
		if err != nil {
			return
		}
		doc, err := oas.Parse(docData)
		if err != nil {
			return
		}
		tb, _ := tmpl.MarshalJSON()
		db, _ := doc.MarshalJSON()
		merged, err := template.Merge(tmpl, doc)
		if err != nil {
			t.Fatal(err)
		}
		checkMerged(t, "", tmpl.Root(), doc.Root(), merged.Root())
		out, _ := merged.MarshalJSON()
		if !json.Valid(out) {
			t.Fatalf("invalid output %s", out)
		}
		// Change the result everywhere; the inputs must not move.
		scribble(merged.Root())
		if a, _ := tmpl.MarshalJSON(); string(a) != string(tb) {
			t.Fatalf("template changed: %s -> %s", tb, a)
		}
		if b, _ := doc.MarshalJSON(); string(b) != string(db) {
			t.Fatalf("document changed: %s -> %s", db, b)
		}
	})
}

// checkMerged states the rules of Merge independently of how it is written.
func checkMerged(t *testing.T, at string, base, over, got *oas.Object) {
	t.Helper()
	want := 0
	for key, ov := range over.All() {
		want++
		gv, ok := got.Get(key)
		if !ok {
			t.Fatalf("%s/%s: the document's member is missing", at, key)
		}
		bv, inBase := base.Get(key)
		bo, baseObj := bv.(*oas.Object)
		oo, overObj := ov.(*oas.Object)
		switch {
		case ov == nil && inBase:
			same(t, at+"/"+key, bv, gv)
		case baseObj && overObj && inBase:
			gobj, ok := gv.(*oas.Object)
			if !ok {
				t.Fatalf("%s/%s: two objects did not merge into one", at, key)
			}
			checkMerged(t, at+"/"+key, bo, oo, gobj)
		default:
			same(t, at+"/"+key, ov, gv)
		}
	}
	for key, bv := range base.All() {
		if over.Has(key) {
			continue
		}
		want++
		gv, ok := got.Get(key)
		if !ok {
			t.Fatalf("%s/%s: the template's member is missing", at, key)
		}
		same(t, at+"/"+key, bv, gv)
	}
	if got.Len() != want {
		t.Fatalf("%s: %d members, want %d", at, got.Len(), want)
	}
}

func same(t *testing.T, at string, want, got any) {
	t.Helper()
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if string(w) != string(g) {
		t.Fatalf("%s: got %s, want %s", at, g, w)
	}
}

func scribble(o *oas.Object) {
	for _, key := range o.Keys() {
		v, _ := o.Get(key)
		switch v := v.(type) {
		case *oas.Object:
			scribble(v)
		case []any:
			for i := range v {
				if obj, ok := v[i].(*oas.Object); ok {
					scribble(obj)
				}
				v[i] = "scribbled"
			}
		}
		o.Set(key+"~", "scribbled")
	}
}
