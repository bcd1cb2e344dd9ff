package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Pages of the portal's content management: each a single-slug page
// rendered with a named template, its content in custom fields (Tyk's
// classic portal documentation on pages and page templates: a page has a
// title, a slug, a template name and fields the template reads as
// .Page.Fields.<name>). A slug names one page of an org: a second page
// with it is a 409. Creates answer the id, updates "Data updated",
// deletes "Data deleted", as the portal's other objects.
func portalPageRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/portal/pages", Section: sectionPortal, Handle: listPortalPages},
		{Method: "POST", Path: "/api/portal/pages", Section: sectionPortal, Write: true, Handle: createPortalPage},
		{Method: "GET", Path: "/api/portal/pages/{id}", Section: sectionPortal, Handle: getPortalPage},
		{Method: "PUT", Path: "/api/portal/pages/{id}", Section: sectionPortal, Write: true, Handle: updatePortalPage},
		{Method: "DELETE", Path: "/api/portal/pages/{id}", Section: sectionPortal, Write: true, Handle: deletePortalPage},
	}
}

const (
	msgPageNotFound = "Could not retrieve page."
	msgPageInvalid  = "Page object validation failed: "
)

// checkPage validates a page and gives its maps a value.
func checkPage(p *model.PortalPage) error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return errors.New("title is required")
	}
	switch {
	case p.Slug == "":
		return errors.New("slug is required")
	case strings.ContainsAny(p.Slug, "/?#") || strings.ContainsFunc(p.Slug, func(r rune) bool { return r <= ' ' }):
		return fmt.Errorf("slug %q must be one path segment: no /, ?, # or white space", p.Slug)
	}
	for name := range p.Fields {
		if strings.TrimSpace(name) == "" {
			return errors.New("fields: a field needs a name")
		}
	}
	if p.Fields == nil {
		p.Fields = map[string]string{}
	}
	if p.PageSettings == nil {
		p.PageSettings = map[string]any{}
	}
	return nil
}

func pageSlugTaken(slug string) string {
	return fmt.Sprintf(msgPageInvalid+"a page with slug %q already exists", slug)
}

func listPortalPages(c *call) { listPortalKind[model.PortalPage](c, store.PortalPage, nil) }

func createPortalPage(c *call) {
	var p model.PortalPage
	if !decodeChecked(c, &p, checkPage, msgPageInvalid) {
		return
	}
	p.ID = c.s.ids.ObjectID() // an id in the body is not the page's
	p.OrgID = c.orgFor(p.OrgID)
	obj, err := c.portalObject(store.PortalPage, p.ID, p.OrgID, p.Slug, p.Title, &p)
	if err == nil {
		err = c.update(func(tx store.DefinitionsTx) error {
			return c.portalConflict(tx.InsertPortalObject(obj), pageSlugTaken(p.Slug))
		})
	}
	if c.storeFailed(err, http.StatusNotFound, msgPageNotFound) {
		return
	}
	c.ok(p.ID, nil)
}

func getPortalPage(c *call) {
	var p model.PortalPage
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := c.findPortal(tx, store.PortalPage, c.PathValue("id"), &p)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgPageNotFound) {
		return
	}
	c.json(http.StatusOK, &p)
}

// updatePortalPage replaces a page; it keeps its id, org and creation time.
func updatePortalPage(c *call) {
	var p model.PortalPage
	if !decodeChecked(c, &p, checkPage, msgPageInvalid) {
		return
	}
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var old model.PortalPage
		o, err := c.findPortal(tx, store.PortalPage, id, &old)
		if err != nil {
			return err
		}
		p.ID, p.OrgID = o.ID, o.OrgID
		obj, err := c.portalObject(store.PortalPage, o.ID, o.OrgID, p.Slug, p.Title, &p)
		if err != nil {
			return err
		}
		obj.Created = o.Created
		return c.portalConflict(tx.UpdatePortalObject(obj), pageSlugTaken(p.Slug))
	})
	if c.storeFailed(err, http.StatusNotFound, msgPageNotFound) {
		return
	}
	c.ok("Data updated", nil)
}

func deletePortalPage(c *call) {
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var p model.PortalPage
		if _, err := c.findPortal(tx, store.PortalPage, id, &p); err != nil {
			return err
		}
		return tx.DeletePortalObject(store.PortalPage, id)
	})
	if c.storeFailed(err, http.StatusNotFound, msgPageNotFound) {
		return
	}
	c.ok("Data deleted", nil)
}
