package memserver

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Documentation of catalogue entries: created on its own (the answer's
// Message is its id), then named by an entry's "documentation".
func portalDocumentationRoutes() []route {
	return []route{
		{Method: "POST", Path: "/api/portal/documentation", Section: sectionPortal, Write: true, Handle: createPortalDocumentation},
		{Method: "DELETE", Path: "/api/portal/documentation/{id}", Section: sectionPortal, Write: true, Handle: deletePortalDocumentation},
	}
}

const msgDocumentationNotFound = "Could not retrieve documentation."

// checkDocumentation validates a documentation body: a known type and, as
// the documentation says, a base64-encoded Swagger/OpenAPI or Blueprint
// document, or for swagger_custom_url the document's URL.
func checkDocumentation(d *model.PortalDocumentation) error {
	if strings.TrimSpace(d.Documentation) == "" {
		return errors.New("documentation is required")
	}
	switch d.DocType {
	case model.PortalDocSwagger, model.PortalDocBlueprint, model.PortalDocGraphQL:
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(d.Documentation))
		if err != nil {
			return fmt.Errorf("documentation is not base64-encoded: %v", err)
		}
		if len(strings.TrimSpace(string(raw))) == 0 {
			return errors.New("documentation decodes to an empty document")
		}
	case model.PortalDocSwaggerCustomURL:
		if u, err := url.Parse(d.Documentation); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("documentation %q is not an absolute http(s) URL, as doc_type %q needs", d.Documentation, d.DocType)
		}
	case "":
		return errors.New("doc_type is required: swagger, swagger_custom_url, graphql or blueprint")
	default:
		return fmt.Errorf("doc_type %q is not one of swagger, swagger_custom_url, graphql, blueprint", d.DocType)
	}
	return nil
}

func createPortalDocumentation(c *call) {
	var d model.PortalDocumentation
	if !decodeChecked(c, &d, checkDocumentation, "Documentation object validation failed: ") {
		return
	}
	d.ID = c.s.ids.ObjectID() // a stale id in the body is ignored
	d.OrgID = c.orgFor(d.OrgID)
	obj, err := c.portalObject(store.PortalDocumentation, d.ID, d.OrgID, "", d.APIID, &d)
	if err == nil {
		err = c.update(func(tx store.DefinitionsTx) error { return tx.InsertPortalObject(obj) })
	}
	if c.storeFailed(err, http.StatusBadRequest, msgDocumentationNotFound) {
		return
	}
	c.ok(d.ID, nil)
}

// deletePortalDocumentation deletes the documentation and, in the same
// transaction, takes it off the catalogue entries that named it, so that no
// entry points at nothing.
func deletePortalDocumentation(c *call) {
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var d model.PortalDocumentation
		o, err := c.findPortal(tx, store.PortalDocumentation, id, &d)
		if err != nil {
			return err
		}
		if err := tx.DeletePortalObject(store.PortalDocumentation, id); err != nil {
			return err
		}
		cat, err := tx.GetPortalObjectByKey(store.PortalCatalogue, o.OrgID, orgKey)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		var v model.PortalCatalogue
		if err := decodeStored(cat, &v); err != nil {
			return err
		}
		changed := false
		for i := range v.APIs {
			if v.APIs[i].Documentation == id {
				v.APIs[i].Documentation = ""
				changed = true
			}
		}
		if !changed {
			return nil
		}
		upd, err := c.portalObject(store.PortalCatalogue, cat.ID, cat.OrgID, cat.Key, cat.Name, &v)
		if err != nil {
			return err
		}
		upd.Created = cat.Created
		return tx.UpdatePortalObject(upd)
	})
	if c.storeFailed(err, http.StatusNotFound, msgDocumentationNotFound) {
		return
	}
	c.ok("Data deleted", nil)
}
