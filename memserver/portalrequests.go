package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Key requests: a developer's request for a key to the policies of
// catalogue entries, and its approval, as Tyk's classic portal keys
// documentation gives them. A list is {"Data":[...],"Pages":n}; a create
// and an update answer the request's id; a delete "Data deleted". A
// request carries the developer (portal_developer) and the catalogue
// entries (catalogue_entry, catalogues) as they were when it was stored.
//
// Approving one (PUT /api/portal/requests/approve/{id}) issues the key, as
// the Dashboard does: a key of the request's org with the request's
// policies applied, answered {"RawKey":"<key>","Password":""}. The key's
// meta data names its developer (tyk_developer_id, tyk_developer_email,
// the gateway's names for them) and carries the developer's fields that
// the portal configuration lists as signup fields (the custom portal
// documentation: keys inherit the developer's custom fields that are
// signup fields). The developer's keys and subscriptions record it.
//
// A key is made only as POST /api/keys makes one: the caller needs write
// on keys besides portal, and the policies and their APIs must be the
// org's. approved and key are the approval's: a create or update does not
// set them.
func portalRequestRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/portal/requests", Section: sectionPortal, Handle: listPortalRequests},
		{Method: "POST", Path: "/api/portal/requests", Section: sectionPortal, Write: true, Handle: createPortalRequest},
		{Method: "GET", Path: "/api/portal/requests/{id}", Section: sectionPortal, Handle: getPortalRequest},
		{Method: "PUT", Path: "/api/portal/requests/{id}", Section: sectionPortal, Write: true, Handle: updatePortalRequest},
		{Method: "DELETE", Path: "/api/portal/requests/{id}", Section: sectionPortal, Write: true, Handle: deletePortalRequest},
		{Method: "PUT", Path: "/api/portal/requests/approve/{id}", Section: sectionPortal, Write: true, Handle: approvePortalRequest},
	}
}

const (
	msgKeyRequestNotFound = "Could not retrieve key request."
	msgKeyRequestInvalid  = "Key request object validation failed: "
)

// Meta data members of a developer's key (the gateway's
// keyDataDeveloperID and keyDataDeveloperEmail).
const (
	metaDeveloperID    = "tyk_developer_id"
	metaDeveloperEmail = "tyk_developer_email"
)

// showRequest is a request as answers show it: its developer without a
// password.
func showRequest(r *model.PortalKeyRequest) {
	if r.PortalDeveloper != nil {
		publicDeveloper(r.PortalDeveloper)
	}
	if r.ApplyPolicies == nil {
		r.ApplyPolicies = []string{}
	}
	if r.Fields == nil {
		r.Fields = map[string]string{}
	}
}

// prepareRequest checks a request against the org's state and fills in
// what the server keeps on it: its developer (by_user, a developer of the
// org), its policies (apply_policies, or for_plan alone, each a policy of
// the org) and the catalogue entries that publish them.
func (c *call) prepareRequest(tx store.DefinitionsReader, r *model.PortalKeyRequest) error {
	if r.ByUser == "" {
		return invalidRequest("by_user (the developer's id) is required")
	}
	var dev model.PortalDeveloper
	if _, err := c.findPortal(tx, store.PortalDeveloper, r.ByUser, &dev); errors.Is(err, store.ErrNotFound) {
		return invalidRequest("by_user: developer %q does not exist", r.ByUser)
	} else if err != nil {
		return err
	}
	if dev.OrgID != r.OrgID {
		return invalidRequest("by_user: developer %q does not exist", r.ByUser)
	}
	if len(r.ApplyPolicies) == 0 && r.ForPlan != "" {
		r.ApplyPolicies = []string{r.ForPlan}
	}
	if len(r.ApplyPolicies) == 0 {
		return invalidRequest("apply_policies (or for_plan) must name the policies the key is requested for")
	}
	seen := map[string]bool{}
	for i, id := range r.ApplyPolicies {
		p, err := c.findPolicy(tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && p.OrgID != r.OrgID) {
			return invalidRequest("apply_policies[%d]: policy %q does not exist", i, id)
		}
		if err != nil {
			return err
		}
		if seen[id] {
			return invalidRequest("apply_policies[%d]: policy %q is named twice", i, id)
		}
		seen[id] = true
	}
	if r.Version == "" {
		r.Version = "v2"
	}
	if r.Fields == nil {
		r.Fields = map[string]string{}
	}
	publicDeveloper(&dev) // the request keeps no password nor its history
	r.PortalDeveloper = &dev
	r.CatalogueEntry, r.Catalogues = nil, nil
	var cat model.PortalCatalogue
	o, err := tx.GetPortalObjectByKey(store.PortalCatalogue, r.OrgID, orgKey)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := decodeStored(o, &cat); err != nil {
		return err
	}
	for _, e := range cat.APIs {
		if seen[e.PolicyID] {
			r.Catalogues = append(r.Catalogues, e)
		}
	}
	if len(r.Catalogues) > 0 {
		first := r.Catalogues[0]
		r.CatalogueEntry = &first
	}
	return nil
}

// invalidRequest is a refusal of a request's content (see refusal).
func invalidRequest(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, errRefused)...)
}

// prepareOrRefuse runs prepareRequest and answers 400 for a refusal.
func (c *call) prepareOrRefuse(tx store.DefinitionsReader, r *model.PortalKeyRequest) error {
	err := c.prepareRequest(tx, r)
	if msg, ok := refusal(err); ok {
		return c.failTx(http.StatusBadRequest, msgKeyRequestInvalid+msg)
	}
	return err
}

func listPortalRequests(c *call) { listPortalKind(c, store.PortalKeyRequest, showRequest) }

func getPortalRequest(c *call) {
	var r model.PortalKeyRequest
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := c.findPortal(tx, store.PortalKeyRequest, c.PathValue("id"), &r)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}
	showRequest(&r)
	c.json(http.StatusOK, &r)
}

func createPortalRequest(c *call) {
	var r model.PortalKeyRequest
	if !c.decode(&r) {
		return
	}
	r.ID = c.s.ids.ObjectID()
	r.OrgID = c.orgFor(r.OrgID)
	r.DateCreated = c.nowString()
	r.Approved, r.Key = false, ""
	err := c.update(func(tx store.DefinitionsTx) error {
		if err := c.prepareOrRefuse(tx, &r); err != nil {
			return err
		}
		obj, err := c.portalObject(store.PortalKeyRequest, r.ID, r.OrgID, "", r.ByUser, &r)
		if err != nil {
			return err
		}
		return tx.InsertPortalObject(obj)
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}
	c.ok(r.ID, nil)
}

// updatePortalRequest replaces a request, keeping its id, org, creation
// date and approval.
func updatePortalRequest(c *call) {
	var r model.PortalKeyRequest
	if !c.decode(&r) {
		return
	}
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var old model.PortalKeyRequest
		o, err := c.findPortal(tx, store.PortalKeyRequest, id, &old)
		if err != nil {
			return err
		}
		r.ID, r.OrgID, r.DateCreated, r.Approved, r.Key = old.ID, old.OrgID, old.DateCreated, old.Approved, old.Key
		if err := c.prepareOrRefuse(tx, &r); err != nil {
			return err
		}
		obj, err := c.portalObject(store.PortalKeyRequest, r.ID, r.OrgID, "", r.ByUser, &r)
		if err != nil {
			return err
		}
		obj.Created = o.Created
		return tx.UpdatePortalObject(obj)
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}
	c.ok(r.ID, nil)
}

func deletePortalRequest(c *call) {
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var r model.PortalKeyRequest
		if _, err := c.findPortal(tx, store.PortalKeyRequest, id, &r); err != nil {
			return err
		}
		return tx.DeletePortalObject(store.PortalKeyRequest, id)
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}
	c.ok("Data deleted", nil)
}

// approvePortalRequest issues the key of a pending request. The key is
// stored first; then, in one transaction, the request is checked to be
// still pending and its developer to exist, and both are updated. When
// that transaction refuses (the request was approved meanwhile, or is
// gone), the key is deleted again, so that one request issues one key.
func approvePortalRequest(c *call) {
	if !allowed(c.perms, "keys", true) {
		c.fail(http.StatusForbidden, "access denied: approving a key request creates a key, which needs write on keys")
		return
	}
	id := c.PathValue("id")
	var (
		r    model.PortalKeyRequest
		dev  model.PortalDeveloper
		conf model.PortalConfig
	)
	err := c.view(func(tx store.DefinitionsReader) error {
		if _, err := c.findPortal(tx, store.PortalKeyRequest, id, &r); err != nil {
			return err
		}
		if r.Approved {
			return c.failTx(http.StatusBadRequest, "key request "+id+" is already approved: its key is "+r.Key)
		}
		if _, err := c.findPortal(tx, store.PortalDeveloper, r.ByUser, &dev); errors.Is(err, store.ErrNotFound) {
			return c.failTx(http.StatusBadRequest, "key request "+id+": its developer "+r.ByUser+" no longer exists")
		} else if err != nil {
			return err
		}
		if o, err := tx.GetPortalObjectByKey(store.PortalConfiguration, r.OrgID, orgKey); err == nil {
			return decodeStored(o, &conf)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}
	if len(r.ApplyPolicies) == 0 {
		c.fail(http.StatusBadRequest, "key request "+id+" names no policy")
		return
	}

	sess := model.SessionState{ApplyPolicies: append([]string(nil), r.ApplyPolicies...), MetaData: map[string]any{}}
	for _, f := range conf.SignUpFields {
		if v, ok := dev.Fields[f]; ok && v != "" {
			sess.MetaData[f] = v
		}
	}
	sess.MetaData[metaDeveloperID] = dev.ID
	sess.MetaData[metaDeveloperEmail] = dev.Email
	if !c.prepareSession(&sess, r.OrgID) {
		return // answered: a policy or an API is not the org's
	}
	sess.DateCreated = c.nowString()
	sess.LastUpdated = strconv.FormatInt(c.s.now().Unix(), 10)
	k := &store.Key{OrgID: r.OrgID, Session: sess}
	for try := 1; ; try++ {
		k.ID = c.s.ids.NewKey(r.OrgID, c.s.cfg.keyHash)
		k.Hash = keyHash(k.ID)
		err = c.updateSessions(func(tx store.SessionsTx) error { return tx.InsertKey(k) })
		if !errors.Is(err, store.ErrConflict) || try == maxKeyTries {
			break
		}
	}
	if c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound) {
		return
	}

	listed := c.s.listedID(k)
	err = c.update(func(tx store.DefinitionsTx) error {
		var cur model.PortalKeyRequest
		o, err := c.findPortal(tx, store.PortalKeyRequest, id, &cur)
		if err != nil {
			return err
		}
		if cur.Approved {
			return c.failTx(http.StatusConflict, "key request "+id+" was approved meanwhile: its key is "+cur.Key)
		}
		var d model.PortalDeveloper
		do, err := c.findPortal(tx, store.PortalDeveloper, cur.ByUser, &d)
		if errors.Is(err, store.ErrNotFound) {
			return c.failTx(http.StatusBadRequest, "key request "+id+": its developer "+cur.ByUser+" no longer exists")
		}
		if err != nil {
			return err
		}
		if d.Keys == nil {
			d.Keys = map[string][]string{}
		}
		if d.Subscriptions == nil {
			d.Subscriptions = map[string]string{}
		}
		d.Keys[listed] = append([]string(nil), r.ApplyPolicies...)
		for _, p := range r.ApplyPolicies {
			d.Subscriptions[p] = listed
		}
		devObj, err := c.storeDeveloper(&d)
		if err != nil {
			return err
		}
		devObj.Created = do.Created
		if err := tx.UpdatePortalObject(devObj); err != nil {
			return err
		}
		cur.Approved, cur.Key = true, listed
		publicDeveloper(&d)
		cur.PortalDeveloper = &d
		reqObj, err := c.portalObject(store.PortalKeyRequest, cur.ID, cur.OrgID, "", cur.ByUser, &cur)
		if err != nil {
			return err
		}
		reqObj.Created = o.Created
		return tx.UpdatePortalObject(reqObj)
	})
	if err != nil {
		// Nothing records the key: take it back.
		_ = c.updateSessions(func(tx store.SessionsTx) error { return tx.DeleteKey(k.ID) })
		c.storeFailed(err, http.StatusNotFound, msgKeyRequestNotFound)
		return
	}
	c.json(http.StatusOK, model.PortalKeyApproval{RawKey: k.ID, Password: ""})
}
