package memserver_test

import (
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// otherOrgServer starts a server with a second org whose admin's secret is
// "their-admin".
func otherOrgServer(t *testing.T) (*memserver.Server, string) {
	t.Helper()
	const otherOrg = "0123456789abcdef01234567"
	srv := newServer(t, memserver.WithPasswordCost(4), memserver.WithFixtures(memserver.Fixtures{
		Orgs:  []model.Organisation{{ID: otherOrg, OwnerName: "Other"}},
		Users: []model.User{{OrgID: otherOrg, EmailAddress: "o@x.example", AccessKey: "their-admin", UserPermissions: model.UserPermissions{"IsAdmin": "admin"}}},
	}))
	return srv, "their-admin"
}

// TestPortalPages: pages are created, listed, read, replaced and deleted
// with the portal's envelopes; a slug names one page of an org; bad input
// is refused with what was wrong; readers cannot write; another org sees
// none of them.
func TestPortalPages(t *testing.T) {
	t.Parallel()
	srv, them := otherOrgServer(t)

	id := wantOK(t, call(t, srv, "POST", "/api/portal/pages", map[string]any{
		"id": "ignored", "org_id": "ignored", "title": "Getting started", "slug": "getting-started", "template_name": "default_page",
		"fields": map[string]string{"MainBody": "# Hello"}, "x-kept": 1,
	}), "").Message
	if !model.IsObjectID(id) {
		t.Fatalf("page id %q", id)
	}
	var p model.PortalPage
	a := call(t, srv, "GET", "/api/portal/pages/"+id, nil)
	want(t, a, http.StatusOK)
	a.Into(t, &p)
	if p.ID != id || p.OrgID != srv.OrgID || p.Title != "Getting started" || p.Fields["MainBody"] != "# Hello" ||
		p.PageSettings == nil || string(p.Extra["x-kept"]) != "1" {
		t.Fatalf("page read back: %s", a.Body)
	}

	home := wantOK(t, call(t, srv, "POST", "/api/portal/pages", map[string]any{"title": "Home", "slug": "home", "is_homepage": true}), "").Message
	var list model.PortalPageList
	call(t, srv, "GET", "/api/portal/pages", nil).Into(t, &list)
	if len(list.Data) != 2 || list.Pages != 1 || list.Data[0].ID != id || list.Data[1].ID != home || !list.Data[1].IsHomepage {
		t.Fatalf("list: %+v", list)
	}
	call(t, srv, "GET", "/api/portal/pages?q=home", nil).Into(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID != home {
		t.Fatalf("q=home: %+v", list)
	}

	// Replace: id and org stay; the slug is checked against the others.
	p.Title, p.Slug = "Start here", "start"
	wantOK(t, call(t, srv, "PUT", "/api/portal/pages/"+id, &p), "Data updated")
	call(t, srv, "GET", "/api/portal/pages/"+id, nil).Into(t, &p)
	if p.Title != "Start here" || p.Slug != "start" || p.ID != id {
		t.Fatalf("after PUT: %+v", p)
	}
	wantError(t, call(t, srv, "PUT", "/api/portal/pages/"+id, map[string]any{"title": "x", "slug": "home"}), http.StatusConflict, `slug "home" already exists`)
	wantError(t, call(t, srv, "POST", "/api/portal/pages", map[string]any{"title": "Again", "slug": "home"}), http.StatusConflict, "already exists")

	// Bad input.
	for body, msg := range map[string]string{
		`{"slug":"x"}`:                               "title is required",
		`{"title":"x"}`:                              "slug is required",
		`{"title":"x","slug":"a/b"}`:                 "one path segment",
		`{"title":"x","slug":"a b"}`:                 "one path segment",
		`{"title":"x","slug":"s","fields":{"":"v"}}`: "a field needs a name",
		`{"title":7}`:                                "",
	} {
		wantError(t, call(t, srv, "POST", "/api/portal/pages", body), http.StatusBadRequest, msg)
		wantError(t, call(t, srv, "PUT", "/api/portal/pages/"+id, body), http.StatusBadRequest, msg)
	}
	call(t, srv, "GET", "/api/portal/pages", nil).Into(t, &list)
	if len(list.Data) != 2 {
		t.Fatalf("a refused page was stored: %d pages", len(list.Data))
	}

	// Not found, and another org's pages are not found either.
	const missing = "0123456789abcdef0123ffff"
	wantError(t, call(t, srv, "GET", "/api/portal/pages/"+missing, nil), http.StatusNotFound, "Could not retrieve page.")
	wantError(t, call(t, srv, "PUT", "/api/portal/pages/"+missing, map[string]any{"title": "x", "slug": "y"}), http.StatusNotFound, "")
	wantError(t, call(t, srv, "DELETE", "/api/portal/pages/"+missing, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "GET", "/api/portal/pages/"+id, nil), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "PUT", "/api/portal/pages/"+id, map[string]any{"title": "x", "slug": "y"}), http.StatusNotFound, "")
	wantError(t, callAs(t, srv, them, "DELETE", "/api/portal/pages/"+id, nil), http.StatusNotFound, "")
	callAs(t, srv, them, "GET", "/api/portal/pages", nil).Into(t, &list)
	if len(list.Data) != 0 {
		t.Fatalf("the other org lists our pages: %+v", list)
	}
	// The same slug in another org is another page.
	wantOK(t, callAs(t, srv, them, "POST", "/api/portal/pages", map[string]any{"title": "Their home", "slug": "home", "org_id": srv.OrgID}), "")
	call(t, srv, "GET", "/api/portal/pages", nil).Into(t, &list)
	if len(list.Data) != 2 {
		t.Fatalf("their page landed in our org: %+v", list)
	}

	// A reader reads and cannot write.
	_, reader := newUser(t, srv, "pages-reader@example.com", map[string]string{"portal": "read"})
	want(t, callAs(t, srv, reader, "GET", "/api/portal/pages", nil), http.StatusOK)
	want(t, callAs(t, srv, reader, "GET", "/api/portal/pages/"+id, nil), http.StatusOK)
	wantError(t, callAs(t, srv, reader, "POST", "/api/portal/pages", map[string]any{"title": "x", "slug": "z"}), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "PUT", "/api/portal/pages/"+id, &p), http.StatusForbidden, "access denied")
	wantError(t, callAs(t, srv, reader, "DELETE", "/api/portal/pages/"+id, nil), http.StatusForbidden, "access denied")

	wantOK(t, call(t, srv, "DELETE", "/api/portal/pages/"+id, nil), "Data deleted")
	wantError(t, call(t, srv, "GET", "/api/portal/pages/"+id, nil), http.StatusNotFound, "")
	// Its slug is free again.
	wantOK(t, call(t, srv, "POST", "/api/portal/pages", map[string]any{"title": "Start", "slug": "start"}), "")
}
