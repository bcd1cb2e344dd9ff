package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dashkit/dashkit/store"
)

// testLongLists walks lists far longer than a page, in both directions and
// by an indexed order other than creation, in two orgs whose objects were
// created interleaved: every page must continue where the previous one
// ended, and no org's list may run into the other's.
func testLongLists(t *testing.T, s store.Store) {
	const n = 150
	name := func(i int) string { return fmt.Sprintf("api %03d", (i*37)%n) }
	defs(t, s, func(tx store.DefinitionsTx) error {
		for i := range n {
			for j, org := range []string{orgA, orgB} {
				if err := tx.InsertAPI(newAPI(org, 2*i+j+1, name(i))); err != nil {
					return err
				}
			}
		}
		return nil
	})
	created := make([]string, n)
	for i := range created {
		created[i] = name(i)
	}
	byName := slices.Sorted(slices.Values(created))
	for _, org := range []string{orgA, orgB} {
		for _, c := range []struct {
			sort string
			want []string
		}{
			{"", created},
			{"-created", reversed(created)},
			{"name", byName},
			{"-name", reversed(byName)},
		} {
			var got []string
			viewDefs(t, s, func(tx store.DefinitionsReader) error {
				for page := 1; ; page++ {
					p, err := tx.ListAPIs(org, store.APIQuery{ListOptions: store.ListOptions{Sort: c.sort, Page: page, PageSize: 7}})
					if err != nil {
						return err
					}
					if p.Total != n {
						t.Errorf("org %s, sort %q, page %d: total %d, want %d", org, c.sort, page, p.Total, n)
					}
					for _, a := range p.Items {
						got = append(got, a.APIDefinition.Name)
						if a.APIDefinition.OrgID != org {
							t.Errorf("org %s, sort %q, page %d: API of org %s", org, c.sort, page, a.APIDefinition.OrgID)
						}
					}
					if page >= p.Pages {
						return nil
					}
				}
			})
			if d := diff(c.want, got); d != "" {
				t.Errorf("org %s, sort %q, every page of 7 (-want +got):\n%s", org, c.sort, d)
			}
		}
	}

	// Keys: the same walk in creation order, both ways.
	sess(t, s, func(tx store.SessionsTx) error {
		for i := range n {
			for j, org := range []string{orgA, orgB} {
				if err := tx.InsertKey(newKey(org, 2*i+j+1, "api1")); err != nil {
					return err
				}
			}
		}
		return nil
	})
	for _, org := range []string{orgA, orgB} {
		var want []string
		for i := range n {
			for j, o := range []string{orgA, orgB} {
				if o == org {
					want = append(want, newKey(o, 2*i+j+1).ID)
				}
			}
		}
		for _, sort := range []string{"", "-created"} {
			if sort != "" {
				want = reversed(want)
			}
			var got []string
			viewSess(t, s, func(tx store.SessionsReader) error {
				for page := 1; ; page++ {
					p, err := tx.ListKeys(org, store.KeyQuery{ListOptions: store.ListOptions{Sort: sort, Page: page, PageSize: 9}})
					if err != nil {
						return err
					}
					for _, k := range p.Items {
						got = append(got, k.ID)
					}
					if page >= p.Pages {
						return nil
					}
				}
			})
			if d := diff(want, got); d != "" {
				t.Errorf("keys of org %s, sort %q, every page of 9 (-want +got):\n%s", org, sort, d)
			}
		}
	}
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
