package client

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// ListOptions selects a page of a list. The Dashboard numbers pages from 1;
// its page size is its own setting (10 by default).
type ListOptions struct {
	// Page is the page to fetch: 0 (the default) is the first; a negative
	// page asks the Dashboard for every item in one page.
	Page int
}

func (o ListOptions) values(q url.Values) url.Values {
	if q == nil {
		q = url.Values{}
	}
	if o.Page != 0 {
		q.Set("p", strconv.Itoa(o.Page))
	}
	return q
}

// Page is one page of a list.
type Page[T any] struct {
	// Items are the objects of this page.
	Items []T
	// Page is this page's number, from 1 (0 when every item was asked for
	// in one page).
	Page int
	// Pages is the number of pages the Dashboard says the list has.
	Pages int
}

// HasNext reports whether a page follows this one.
func (p *Page[T]) HasNext() bool { return p.Page > 0 && p.Page < p.Pages }

// newPage builds a Page from a list answer asked for with page number asked.
func newPage[T any](items []T, asked int, pages int64) *Page[T] {
	n := asked
	if n == 0 {
		n = 1
	}
	if n < 0 {
		n = 0
	}
	if items == nil {
		items = []T{}
	}
	return &Page[T]{Items: items, Page: n, Pages: int(pages)}
}

// all walks every page from the first (or from first, when it is above 1),
// yielding each item; fetch gets one page. An error is yielded once, as the
// last element.
func all[T any](ctx context.Context, first int, fetch func(ctx context.Context, page int) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := first
		if page == 0 {
			page = 1
		}
		for {
			p, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range p.Items {
				if !yield(item, nil) {
					return
				}
			}
			// An empty page ends the walk even if Pages says otherwise, so
			// that a list shrinking under us cannot loop forever.
			if !p.HasNext() || len(p.Items) == 0 {
				return
			}
			page++
		}
	}
}
