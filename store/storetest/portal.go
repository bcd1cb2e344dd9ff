package storetest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/dashkit/dashkit/store"
)

func newPortalObject(org string, kind store.PortalKind, n int, name string) *store.PortalObject {
	return &store.PortalObject{
		Kind: kind, ID: oid(n), OrgID: org, Name: name,
		Created: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute),
		Data:    json.RawMessage(fmt.Sprintf(`{"id":%q,"org_id":%q,"title":%q}`, oid(n), org, name)),
	}
}

func portalNames(p store.Page[store.PortalObject]) []string {
	out := []string{}
	for _, o := range p.Items {
		out = append(out, o.Name)
	}
	return out
}

func portalCRUD() crud[store.PortalObject] {
	return crud[store.PortalObject]{
		make: func(n int) *store.PortalObject {
			return newPortalObject(orgA, store.PortalPage, n, fmt.Sprintf("page %d", n))
		},
		id: func(o *store.PortalObject) string { return o.ID },
		change: func(o *store.PortalObject) {
			o.Name = "renamed"
			o.Key = "renamed"
			o.Data = json.RawMessage(`{"title":"renamed"}`)
		},
		insert: func(s store.Store, o *store.PortalObject) error {
			return inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertPortalObject(o) })
		},
		get: func(s store.Store, id string) (*store.PortalObject, error) {
			return readDefs(s, func(tx store.DefinitionsReader) (*store.PortalObject, error) {
				return tx.GetPortalObject(store.PortalPage, id)
			})
		},
		update: func(s store.Store, o *store.PortalObject) error {
			return inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdatePortalObject(o) })
		},
		delete: func(s store.Store, id string) error {
			return inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeletePortalObject(store.PortalPage, id) })
		},
	}
}

// testPortal checks what is particular to portal objects: kinds apart, keys
// unique per kind and org, lists of one kind of one org.
func testPortal(t *testing.T, s store.Store) {
	page := newPortalObject(orgA, store.PortalPage, 1, "Home")
	page.Key = "home"
	// The same id in another kind is another object.
	dev := newPortalObject(orgA, store.PortalDeveloper, 1, "ann@example.com")
	dev.Key = "ann@example.com"
	// The same key in another org, or in another kind, is no conflict.
	devB := newPortalObject(orgB, store.PortalDeveloper, 2, "ann@example.com")
	devB.Key = "ann@example.com"
	pageKeyed := newPortalObject(orgA, store.PortalPage, 3, "About")
	pageKeyed.Key = "ann@example.com"
	cat := newPortalObject(orgA, store.PortalCatalogue, 4, "")
	cat.Key = "org"
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, o := range []*store.PortalObject{page, dev, devB, pageKeyed, cat} {
			if err := tx.InsertPortalObject(o); err != nil {
				return err
			}
		}
		for n, name := range []string{"zebra", "Apple", "mango"} {
			if err := tx.InsertPortalObject(newPortalObject(orgA, store.PortalPage, 10+n, name)); err != nil {
				return err
			}
		}
		return nil
	})

	// What was inserted is the caller's: changing it changes nothing stored.
	want := *dev
	want.Data = append(json.RawMessage(nil), dev.Data...)
	copy(dev.Data, `{"changed":1}`)

	second := newPortalObject(orgA, store.PortalCatalogue, 5, "")
	second.Key = "org"
	wantErr(t, "a second object of the same kind, org and key",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertPortalObject(second) }), store.ErrConflict)
	renamed := *pageKeyed
	renamed.Key = "home"
	wantErr(t, "an update to a key another object holds",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdatePortalObject(&renamed) }), store.ErrConflict)
	moved := *page
	moved.OrgID = orgB
	wantErr(t, "an update to another org",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdatePortalObject(&moved) }), store.ErrInvalid)
	noKind := newPortalObject(orgA, "", 20, "x")
	wantErr(t, "insert without a kind",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertPortalObject(noKind) }), store.ErrInvalid)
	noID := newPortalObject(orgA, store.PortalPage, 21, "x")
	noID.ID = ""
	wantErr(t, "insert without an id",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.InsertPortalObject(noID) }), store.ErrInvalid)

	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		got, err := tx.GetPortalObject(store.PortalDeveloper, oid(1))
		noErr(t, "get developer", err)
		if d := diff(&want, got); d != "" {
			t.Errorf("developer with the id of a page, changed by the caller after its insert (-want +got):\n%s", d)
		}
		copy(got.Data, `{"changed":2}`)
		again, err := tx.GetPortalObject(store.PortalDeveloper, oid(1))
		noErr(t, "get developer again", err)
		if d := diff(&want, again); d != "" {
			t.Errorf("developer changed by a reader (-want +got):\n%s", d)
		}
		got, err = tx.GetPortalObjectByKey(store.PortalDeveloper, orgB, "ann@example.com")
		noErr(t, "get developer of org B by key", err)
		if d := diff(devB, got); d != "" {
			t.Errorf("developer of org B by key (-want +got):\n%s", d)
		}
		got, err = tx.GetPortalObjectByKey(store.PortalCatalogue, orgA, "org")
		noErr(t, "get the org's catalogue by key", err)
		if got.ID != cat.ID {
			t.Errorf("catalogue by key is %q, want %q", got.ID, cat.ID)
		}
		_, err = tx.GetPortalObjectByKey(store.PortalCatalogue, orgB, "org")
		wantErr(t, "catalogue of an org without one", err, store.ErrNotFound)
		_, err = tx.GetPortalObject(store.PortalDeveloper, oid(3))
		wantErr(t, "developer with the id of a page only", err, store.ErrNotFound)

		pages, err := tx.ListPortalObjects(store.PortalPage, orgA, store.ListOptions{Page: -1})
		noErr(t, "list pages", err)
		if d := diff([]string{"Home", "About", "zebra", "Apple", "mango"}, portalNames(pages)); d != "" || pages.Total != 5 {
			t.Errorf("pages of org A, %d in all (-want +got):\n%s", pages.Total, d)
		}
		pages, err = tx.ListPortalObjects(store.PortalPage, orgA, store.ListOptions{Page: 1, PageSize: 2, Sort: "name"})
		noErr(t, "list pages by name", err)
		if d := diff([]string{"About", "Apple"}, portalNames(pages)); d != "" || pages.Total != 5 || pages.Pages != 3 {
			t.Errorf("page 1 of pages by name, %d in all, %d pages (-want +got):\n%s", pages.Total, pages.Pages, d)
		}
		pages, err = tx.ListPortalObjects(store.PortalPage, orgA, store.ListOptions{Page: -1, Sort: "-created"})
		noErr(t, "list pages newest first", err)
		if d := diff([]string{"mango", "Apple", "zebra", "About", "Home"}, portalNames(pages)); d != "" {
			t.Errorf("pages newest first (-want +got):\n%s", d)
		}
		pages, err = tx.ListPortalObjects(store.PortalPage, orgA, store.ListOptions{Page: -1, Query: "AN"})
		noErr(t, "list pages matching a query", err)
		if d := diff([]string{"mango"}, portalNames(pages)); d != "" || pages.Total != 1 {
			t.Errorf("pages matching \"AN\" (-want +got):\n%s", d)
		}
		devs, err := tx.ListPortalObjects(store.PortalDeveloper, orgA, store.ListOptions{Page: -1})
		noErr(t, "list developers of org A", err)
		if devs.Total != 1 || len(devs.Items) != 1 || devs.Items[0].ID != dev.ID {
			t.Errorf("developers of org A: %+v", devs)
		}
		devs, err = tx.ListPortalObjects(store.PortalDeveloper, "", store.ListOptions{Page: -1})
		noErr(t, "list developers of every org", err)
		if devs.Total != 2 {
			t.Errorf("developers of every org: %d, want 2", devs.Total)
		}
		_, err = tx.ListPortalObjects(store.PortalPage, orgA, store.ListOptions{Sort: "colour"})
		wantErr(t, "list portal objects sorted by an unknown field", err, store.ErrInvalid)
		return nil
	})

	// Deleting frees the key; the same id of another kind stays.
	defs(t, s, func(tx store.DefinitionsTx) error { return tx.DeletePortalObject(store.PortalPage, page.ID) })
	wantErr(t, "delete of a kind the id is not",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.DeletePortalObject(store.PortalCatalogue, page.ID) }), store.ErrNotFound)
	noErr(t, "update to a key freed by a delete",
		inDefs(s, func(tx store.DefinitionsTx) error { return tx.UpdatePortalObject(&renamed) }))
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		if _, err := tx.GetPortalObject(store.PortalDeveloper, dev.ID); err != nil {
			t.Errorf("deleting a page deleted the developer of the same id: %v", err)
		}
		got, err := tx.GetPortalObjectByKey(store.PortalPage, orgA, "home")
		noErr(t, "page by its new key", err)
		if got.ID != pageKeyed.ID {
			t.Errorf("page by key home is %q, want %q", got.ID, pageKeyed.ID)
		}
		return nil
	})
}
