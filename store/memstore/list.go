package memstore

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/dashkit/dashkit/store"
)

// DefaultPageSize is the page size of a list whose ListOptions.PageSize is 0.
const DefaultPageSize = 10

// listQuery is a list after its options are read.
type listQuery[T any] struct {
	org     string
	page    int // from 1; 0 means everything in one page
	size    int
	sort    string // field of coll.sorts, or "" for creation order
	desc    bool
	facets  []string      // every one must hold
	text    string        // lower-case; "" matches everything
	keep    func(*T) bool // further filter, nil for none
	allOrgs bool          // list every org's objects (org is ignored)
}

func (c *coll[T]) query(org string, o store.ListOptions) (listQuery[T], error) {
	q := listQuery[T]{org: org, page: max(o.Page, 0), size: o.PageSize, text: strings.ToLower(o.Query)}
	if q.size <= 0 {
		q.size = DefaultPageSize
	}
	field, desc := strings.CutPrefix(o.Sort, "-")
	q.desc = desc
	if field != "" {
		if _, ok := c.sorts[field]; ok {
			q.sort = field
		} else if field != "created" {
			return q, fmt.Errorf("list %s: cannot sort by %q: %w", c.table, o.Sort, store.ErrInvalid)
		}
	}
	return q, nil
}

// list answers one page of a list. Which way it goes depends on what the
// indexes can answer, because a list must stay cheap when an org holds
// hundreds of thousands of objects:
//
//   - No filter: walk the org's index in the wanted order and stop after the
//     page; the total is a kept counter. Page 1 costs the same at any size.
//   - One facet (a category, an auth type, ...) and creation order: walk the
//     facet index, which is in creation order; the total is the facet's
//     counter.
//   - One facet and another order: either walk the order's index and skip
//     the objects without the facet, or take every object with the facet from
//     its index and sort them. The first costs about page*size*n/m rows (n
//     objects in the org, m with the facet), the second m*log(m); the
//     cheaper one is taken, so a common facet walks and a rare one sorts.
//     A collection without a facet index (keys) always walks: a rare facet
//     then costs a walk of the org, the price of not holding an index
//     entry per key and facet.
//   - Text, several facets, or a filter no index holds (a time range, an
//     order without an index): the total cannot be known without looking at
//     every candidate, so the rows of the narrowest index (the rarest facet,
//     or the org) are filtered and sorted. This costs O(m log m) in that
//     index's size: a text search of a big org is a scan of that org, which
//     is what a substring match needs without a text index.
func (c *coll[T]) list(txn *transaction, q listQuery[T]) (store.Page[T], error) {
	sortIndexed := q.sort == "" || c.sorts[q.sort].indexed
	switch {
	case q.allOrgs:
		return c.listFiltered(txn, q, "id", "")
	case len(q.facets) == 0 && q.text == "" && q.keep == nil && sortIndexed:
		total := count(txn, c.table+sep+q.org)
		return c.walk(txn, q, c.orderIndex(q), q.org+sep, total, nil)
	case len(q.facets) == 1 && q.text == "" && q.keep == nil && sortIndexed:
		f := q.facets[0]
		m := count(txn, c.table+sep+q.org+sep+f)
		has := func(r *row[T]) bool { return slices.Contains(r.facets, f) }
		if c.facetsUnindexed {
			if m == 0 {
				return c.page(q, []T{}, 0), nil
			}
			return c.walk(txn, q, c.orderIndex(q), q.org+sep, m, has)
		}
		if q.sort == "" {
			return c.walk(txn, q, "facet", q.org+sep+f+sep, m, nil)
		}
		n := count(txn, c.table+sep+q.org)
		if q.page > 0 && m > 0 && walkCost(store.PageEnd(store.PageStart(q.page, q.size, m), q.size, m), n, m) < sortCost(m) {
			return c.walk(txn, q, c.orderIndex(q), q.org+sep, m, has)
		}
		return c.listFiltered(txn, q, "facet", q.org+sep+f+sep)
	}
	// Start from the rarest facet: every match holds it.
	index, prefix := "org_seq", q.org+sep
	if len(q.facets) > 0 && !c.facetsUnindexed {
		best := -1
		for _, f := range q.facets {
			if m := count(txn, c.table+sep+q.org+sep+f); best < 0 || m < best {
				best, prefix = m, q.org+sep+f+sep
			}
		}
		index = "facet"
	}
	return c.listFiltered(txn, q, index, prefix)
}

func walkCost(need, n, m int) int { return need * n / m }

func sortCost(m int) int { return m * bits.Len(uint(m)) }

func (c *coll[T]) orderIndex(q listQuery[T]) string {
	if q.sort == "" {
		return "org_seq"
	}
	return "org_" + q.sort
}

// walk pages through an index under prefix, in the index's order (reversed
// for a descending list), keeping the rows keep accepts; total is known.
func (c *coll[T]) walk(txn *transaction, q listQuery[T], index, prefix string, total int, keep func(*row[T]) bool) (store.Page[T], error) {
	it := txn.Prefix(c.table, index, prefix, q.desc)
	skip, want := 0, total
	if q.page > 0 {
		skip, want = store.PageStart(q.page, q.size, total), q.size
	}
	if skip >= total { // beyond the last page: nothing to walk
		return c.page(q, []T{}, total), nil
	}
	items := make([]T, 0, min(want, total-skip))
	for raw := it.Next(); raw != nil && len(items) < want; raw = it.Next() {
		r := raw.(*row[T])
		if keep != nil && !keep(r) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		items = append(items, *r.copy())
	}
	return c.page(q, items, total), nil
}

// listFiltered takes every row under prefix, keeps the matches, sorts them
// and cuts the page.
func (c *coll[T]) listFiltered(txn *transaction, q listQuery[T], index, prefix string) (store.Page[T], error) {
	rows, err := c.rows(txn, index, prefix)
	if err != nil {
		return store.Page[T]{}, err
	}
	// Each candidate is unpacked to be matched and dropped at once: only
	// the rows and their sort keys are kept, and only the page's objects
	// are unpacked again, so that a search of a big org holds one object
	// at a time rather than all of them. A list of everything (page 0)
	// returns every match anyway, and keeps them as they are unpacked.
	type match struct {
		r   *row[T]
		key string
		obj *T // page 0 only
	}
	var sk func(*T) string
	if q.sort != "" {
		sk = c.sorts[q.sort].key
	}
	matches := make([]match, 0, len(rows))
	for _, r := range rows {
		if !hasAll(r.facets, q.facets) { // no need to unpack what fails here
			continue
		}
		o := r.copy()
		if !c.matches(q, o) {
			continue
		}
		m := match{r: r}
		if sk != nil {
			m.key = sk(o) + sep + seqKey(r.seq)
		} else if index == "id" {
			m.key = seqKey(r.seq)
		}
		if q.page == 0 {
			m.obj = o
		}
		matches = append(matches, m)
	}
	if sk != nil || index == "id" {
		slices.SortFunc(matches, func(a, b match) int { return strings.Compare(a.key, b.key) })
	}
	if q.desc {
		slices.Reverse(matches)
	}
	total := len(matches)
	if q.page > 0 {
		lo := store.PageStart(q.page, q.size, total)
		matches = matches[lo:store.PageEnd(lo, q.size, total)]
	}
	items := make([]T, len(matches))
	for i, m := range matches {
		if m.obj != nil {
			items[i] = *m.obj
		} else {
			items[i] = *m.r.copy()
		}
	}
	return c.page(q, items, total), nil
}

func hasAll(have, want []string) bool {
	for _, f := range want {
		if !slices.Contains(have, f) {
			return false
		}
	}
	return true
}

func (c *coll[T]) matches(q listQuery[T], obj *T) bool {
	if len(q.facets) > 0 {
		have := c.facets(obj)
		for _, f := range q.facets {
			if !slices.Contains(have, f) {
				return false
			}
		}
	}
	if q.text != "" && !strings.Contains(strings.ToLower(c.textOf(obj)), q.text) {
		return false
	}
	return q.keep == nil || q.keep(obj)
}

func (c *coll[T]) textOf(obj *T) string {
	if c.text != nil {
		return c.text(obj)
	}
	if s, ok := c.sorts["name"]; ok {
		return s.key(obj)
	}
	return ""
}

func (c *coll[T]) page(q listQuery[T], items []T, total int) store.Page[T] {
	pages := 1
	if q.page > 0 && total > 0 {
		pages = (total + q.size - 1) / q.size
	}
	return store.Page[T]{Items: items, Total: total, Pages: pages}
}
