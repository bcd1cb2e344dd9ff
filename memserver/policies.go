package memserver

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func policyRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/portal/policies", Section: "policies", Handle: listPolicies},
		{Method: "POST", Path: "/api/portal/policies", Section: "policies", Write: true, Handle: createPolicy},
		{Method: "GET", Path: "/api/portal/policies/search", Section: "policies", Handle: listPolicies},
		{Method: "GET", Path: "/api/portal/policies/{id}", Section: "policies", Handle: getPolicy},
		{Method: "PUT", Path: "/api/portal/policies/{id}", Section: "policies", Write: true, Handle: updatePolicy},
		{Method: "DELETE", Path: "/api/portal/policies/{id}", Section: "policies", Write: true, Handle: deletePolicy},
	}
}

const (
	msgPolicyNotFound = "Could not retrieve policy"
	msgPolicyUpdated  = "Data updated"
	msgPolicyDeleted  = "Data deleted"
	msgPolicyIDTaken  = "A policy with this id already exists"
)

// findPolicy finds a policy of the caller's org by _id or by custom id:
// clients use either, and re-create a policy on a 404.
func (c *call) findPolicy(tx store.DefinitionsReader, id string) (*model.Policy, error) {
	var p *model.Policy
	err := store.ErrNotFound
	if model.IsObjectID(id) {
		p, err = tx.GetPolicy(id)
		if err == nil && !c.ownsOrg(p.OrgID) {
			err = store.ErrNotFound
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		p, err = tx.GetPolicyByID(c.orgID, id)
	}
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(p.OrgID) {
		return nil, store.ErrNotFound
	}
	return p, nil
}

func listPolicies(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	q := c.r.URL.Query()
	apiID, ids, active := q.Get("api_id"), splitList(q.Get("policy_ids")), q.Get("active")
	if active == "" {
		active = q.Get("state")
	}
	filtered := apiID != "" || len(ids) > 0 || active != ""
	var page store.Page[model.Policy]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		if !filtered {
			page, err = tx.ListPolicies(c.orgID, opts)
			return err
		}
		all := opts
		all.Page = 0
		page, err = tx.ListPolicies(c.orgID, all)
		if err != nil {
			return err
		}
		var keep []model.Policy
		for _, p := range page.Items {
			if policyMatches(&p, apiID, ids, active) {
				keep = append(keep, p)
			}
		}
		page = paginate(keep, opts)
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgPolicyNotFound) {
		return
	}
	items := page.Items
	if items == nil {
		items = []model.Policy{}
	}
	for i := range items {
		normalisePolicy(&items[i])
	}
	c.json(http.StatusOK, model.PolicyListResponse{Data: items, Pages: int64(page.Pages)})
}

// policyMatches applies the search filters of /api/portal/policies/search.
func policyMatches(p *model.Policy, apiID string, ids []string, active string) bool {
	if apiID != "" {
		if _, ok := p.AccessRights[apiID]; !ok {
			return false
		}
	}
	if len(ids) > 0 {
		found := false
		for _, id := range ids {
			found = found || id == p.MID || (p.ID != "" && id == p.ID)
		}
		if !found {
			return false
		}
	}
	switch strings.ToLower(active) {
	case "true", "active":
		return p.Active && !p.IsInactive
	case "false", "inactive", "draft":
		return !p.Active || p.IsInactive
	}
	return true
}

func normalisePolicy(p *model.Policy) {
	if p.AccessRights == nil {
		p.AccessRights = map[string]model.AccessDefinition{}
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.MetaData == nil {
		p.MetaData = map[string]any{}
	}
}

func getPolicy(c *call) {
	var p *model.Policy
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		p, err = c.findPolicy(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgPolicyNotFound) {
		return
	}
	normalisePolicy(p)
	c.json(http.StatusOK, p)
}

// decodePolicy reads and checks a policy body.
func (c *call) decodePolicy() (*model.Policy, bool) {
	var p model.Policy
	if !c.decode(&p) {
		return nil, false
	}
	if strings.TrimSpace(p.Name) == "" {
		c.fail(http.StatusBadRequest, "policy name is required")
		return nil, false
	}
	for k, ar := range p.AccessRights {
		if ar.APIID == "" {
			ar.APIID = k
			p.AccessRights[k] = ar
		}
		if ar.APIID != k {
			c.fail(http.StatusBadRequest, "access_rights: the entry "+k+" names another api_id, "+ar.APIID)
			return nil, false
		}
	}
	return &p, true
}

func createPolicy(c *call) {
	p, ok := c.decodePolicy()
	if !ok {
		return
	}
	// A policy created with a database id keeps it: bootstrap scripts
	// create a policy and at once name it by that _id in OAuth clients and
	// keys. An empty or malformed _id is replaced.
	if !model.IsObjectID(p.MID) {
		p.MID = c.s.ids.ObjectID()
	}
	p.OrgID = c.orgFor(p.OrgID)
	p.DateCreated = c.nowString()
	p.LastUpdated = c.unixString()
	fillEmpty(p)
	err := c.update(func(tx store.DefinitionsTx) error {
		if err := c.policyAccessInOrg(tx, p); err != nil {
			return err
		}
		if _, err := tx.GetPolicy(p.MID); err == nil {
			return c.failTx(http.StatusConflict, "a policy with _id "+p.MID+" already exists")
		}
		if p.ID != "" {
			if _, err := tx.GetPolicyByID(p.OrgID, p.ID); err == nil {
				return c.failTx(http.StatusConflict, msgPolicyIDTaken)
			}
		}
		return tx.InsertPolicy(p)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, msgPolicyIDTaken)
		return
	}
	if c.storeFailed(err, http.StatusNotFound, msgPolicyNotFound) {
		return
	}
	// Clients read the new id from Message.
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: p.MID, Meta: nil})
}

func updatePolicy(c *call) {
	in, ok := c.decodePolicy()
	if !ok {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findPolicy(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if in.MID != "" && in.MID != old.MID {
			return c.failTx(http.StatusBadRequest, "the policy _id in the body does not match the policy in the path")
		}
		in.MID, in.OrgID, in.DateCreated = old.MID, old.OrgID, old.DateCreated
		if in.ID != "" && in.ID != old.ID {
			if other, err := tx.GetPolicyByID(old.OrgID, in.ID); err == nil && other.MID != old.MID {
				return c.failTx(http.StatusConflict, msgPolicyIDTaken)
			}
		}
		if err := c.policyAccessInOrg(tx, in); err != nil {
			return err
		}
		in.LastUpdated = c.unixString()
		fillEmpty(in)
		return tx.UpdatePolicy(in)
	})
	if c.storeFailed(err, http.StatusNotFound, msgPolicyNotFound) {
		return
	}
	c.ok(msgPolicyUpdated, nil)
}

func deletePolicy(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		p, err := c.findPolicy(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		return tx.DeletePolicy(p.MID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgPolicyNotFound) {
		return
	}
	c.ok(msgPolicyDeleted, nil)
}

// unixString is the Server's time as Unix seconds in a string: the form of
// a policy's last_updated in every example of the descriptions
// ("1716980105"), where date_created is an RFC 3339 time.
func (c *call) unixString() string { return strconv.FormatInt(c.s.now().Unix(), 10) }

// policyAccessInOrg refuses (answering 400, inside the transaction that
// writes p) a policy whose access rights name an API of another org: every
// key the policy is applied to would carry them.
func (c *call) policyAccessInOrg(tx store.DefinitionsReader, p *model.Policy) error {
	if err := c.checkOrgAccess(tx, p.OrgID, p.AccessRights); err != nil {
		if msg, ok := refusal(err); ok {
			return c.failTx(http.StatusBadRequest, msg)
		}
		return err
	}
	return nil
}
