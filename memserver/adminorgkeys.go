package memserver

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Org keys (Admin API): an organisation's own session, which holds the
// rate limit and quota of the whole org, as the gateway keeps it: a key
// whose id is the org id. Ordinary keys are <org id><32 hex>, so the two
// never meet.
func adminOrgKeyRoutes() []route {
	return []route{
		{Method: "GET", Path: "/admin/org/keys", Auth: authAdmin, Handle: listOrgKeys},
		{Method: "POST", Path: "/admin/org/keys", Auth: authAdmin, Handle: createOrgKey},
		{Method: "GET", Path: "/admin/org/keys/{keyId}", Auth: authAdmin, Handle: getOrgKey},
		{Method: "PUT", Path: "/admin/org/keys/{keyId}", Auth: authAdmin, Handle: updateOrgKey},
		{Method: "DELETE", Path: "/admin/org/keys/{keyId}", Auth: authAdmin, Handle: deleteOrgKey},
	}
}

const msgOrgKeyNotFound = "Could not get Org key details"

// orgExists answers 400 unless org is an organisation.
func (c *call) orgExists(org string) bool {
	if org == "" {
		c.fail(http.StatusBadRequest, "org_id is required: an org key is the session of an organisation")
		return false
	}
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := tx.GetOrg(org)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		c.fail(http.StatusBadRequest, "organisation "+org+" does not exist")
		return false
	}
	return !c.storeFailed(err, http.StatusBadRequest, "organisation "+org+" does not exist")
}

// prepareOrgSession fills what the Dashboard sets on an org's session.
func (c *call) prepareOrgSession(sess *model.SessionState, org string) {
	sess.OrgID = org
	if sess.DateCreated == "" {
		sess.DateCreated = c.nowString()
	}
	sess.LastUpdated = strconv.FormatInt(c.s.now().Unix(), 10)
	fillEmpty(sess)
}

func listOrgKeys(c *call) {
	var orgs store.Page[model.Organisation]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		orgs, err = tx.ListOrgs(store.ListOptions{Page: 0})
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve keys") {
		return
	}
	ids := []string{}
	err = c.viewSessions(func(tx store.SessionsReader) error {
		for _, o := range orgs.Items {
			if _, err := tx.GetKey(o.ID); err == nil {
				ids = append(ids, o.ID)
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve keys") {
		return
	}
	c.json(http.StatusOK, model.KeyListResponse{Data: model.KeyIDs{Keys: ids}, Pages: 1})
}

func createOrgKey(c *call) {
	var sess model.SessionState
	if !c.decode(&sess) {
		return
	}
	if !c.orgExists(sess.OrgID) {
		return
	}
	org := sess.OrgID
	c.prepareOrgSession(&sess, org)
	k := &store.Key{ID: org, Hash: keyHash(org), OrgID: org, Session: sess}
	err := c.updateSessions(func(tx store.SessionsTx) error { return tx.InsertKey(k) })
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, "organisation "+org+" has an org key (or a key holds its id): update it with PUT /admin/org/keys/"+org)
		return
	}
	if c.storeFailed(err, http.StatusInternalServerError, "Failed to save new session object") {
		return
	}
	c.json(http.StatusOK, c.keyData(k, true))
}

// findOrgKey finds the org key of the path.
func (c *call) findOrgKey(tx store.SessionsReader) (*store.Key, error) {
	id := c.PathValue("keyId")
	k, err := tx.GetKey(id)
	if err != nil {
		return nil, err
	}
	if k.OrgID != id {
		// An ordinary key: not an org's session.
		return nil, store.ErrNotFound
	}
	return k, nil
}

func getOrgKey(c *call) {
	var k *store.Key
	err := c.viewSessions(func(tx store.SessionsReader) (err error) {
		k, err = c.findOrgKey(tx)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgKeyNotFound) {
		return
	}
	c.json(http.StatusOK, c.keyData(k, true))
}

func updateOrgKey(c *call) {
	var sess model.SessionState
	if !c.decode(&sess) {
		return
	}
	id := c.PathValue("keyId")
	if sess.OrgID != "" && sess.OrgID != id {
		c.fail(http.StatusBadRequest, "org_id in the body does not match the org key in the path")
		return
	}
	err := c.updateSessions(func(tx store.SessionsTx) error {
		k, err := c.findOrgKey(tx)
		if err != nil {
			return err
		}
		sess.DateCreated = k.Session.DateCreated
		c.prepareOrgSession(&sess, id)
		k.Session = sess
		return tx.UpdateKey(k)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgKeyNotFound) {
		return
	}
	c.ok("Key updated", nil)
}

func deleteOrgKey(c *call) {
	err := c.updateSessions(func(tx store.SessionsTx) error {
		k, err := c.findOrgKey(tx)
		if err != nil {
			return err
		}
		return tx.DeleteKey(k.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgKeyNotFound) {
		return
	}
	c.ok("Key deleted successfully", nil)
}

// keyIDFree answers 400 unless id may name an ordinary key: an org's id is
// the id of its org key, and a key of one org named after another org would
// keep that org from having its org key.
func (c *call) keyIDFree(id string) bool {
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := tx.GetOrg(id)
		return err
	})
	switch {
	case err == nil:
		c.fail(http.StatusBadRequest, "a key cannot be named "+id+": it is the id of an organisation, whose org key is managed at /admin/org/keys")
		return false
	case errors.Is(err, store.ErrNotFound):
		return true
	}
	return !c.storeFailed(err, http.StatusInternalServerError, "could not check the key's id")
}
