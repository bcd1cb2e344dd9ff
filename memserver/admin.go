package memserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The Admin API (header admin-auth): organisations, users of any
// organisation (and super users without one), and the import routes that
// move APIs and policies between Dashboards keeping their ids.
func adminRoutes() []route {
	return []route{
		{Method: "GET", Path: "/admin/organisations", Auth: authAdmin, Handle: listOrgs},
		{Method: "POST", Path: "/admin/organisations", Auth: authAdmin, Handle: createOrg},
		{Method: "POST", Path: "/admin/organisations/import", Auth: authAdmin, Handle: importOrg},
		{Method: "GET", Path: "/admin/organisations/{id}", Auth: authAdmin, Handle: getOrg},
		{Method: "PUT", Path: "/admin/organisations/{id}", Auth: authAdmin, Handle: updateOrg},
		{Method: "DELETE", Path: "/admin/organisations/{id}", Auth: authAdmin, Handle: deleteOrg},
		{Method: "POST", Path: "/admin/organisations/{id}/generate-portals", Auth: authAdmin, Handle: generatePortals},
		{Method: "POST", Path: "/admin/users", Auth: authAdmin, Handle: adminCreateUser},
		{Method: "GET", Path: "/admin/users/{id}", Auth: authAdmin, Handle: getUser},
		{Method: "PUT", Path: "/admin/users/{id}", Auth: authAdmin, Handle: updateUser},
		{Method: "PUT", Path: "/admin/users/{id}/actions/allow_reset_passwords", Auth: authAdmin, Handle: allowResetPasswords},
		{Method: "PUT", Path: "/admin/users/{id}/actions/disallow_reset_passwords", Auth: authAdmin, Handle: disallowResetPasswords},
		{Method: "POST", Path: "/admin/apis/import", Auth: authAdmin, Handle: importAPIs},
		{Method: "POST", Path: "/admin/policies/import", Auth: authAdmin, Handle: importPolicies},
		{Method: "GET", Path: "/admin/system/reload", Auth: authAdmin, Handle: reloadSystem},
	}
}

const msgOrgNotFound = "Could not retrieve organisation detail."

func listOrgs(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.Organisation]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListOrgs(opts)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve organisations.") {
		return
	}
	orgs := page.Items
	if orgs == nil {
		orgs = []model.Organisation{}
	}
	// Orgs stored before they went through this API (the default org,
	// fixtures) get their lists and maps here.
	for i := range orgs {
		fillEmpty(&orgs[i])
	}
	c.json(http.StatusOK, model.OrganisationListResponse{Organisations: orgs, Pages: int64(page.Pages)})
}

func getOrg(c *call) {
	var o *model.Organisation
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		o, err = tx.GetOrg(c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgNotFound) {
		return
	}
	fillEmpty(o)
	c.json(http.StatusOK, o)
}

// decodeOrg reads an organisation body and the members it has.
func (c *call) decodeOrg() (*model.Organisation, map[string]json.RawMessage, bool) {
	var o model.Organisation
	if !c.decode(&o) {
		return nil, nil, false
	}
	var has map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &has); err != nil {
		c.fail(http.StatusBadRequest, decodeError(err))
		return nil, nil, false
	}
	if strings.TrimSpace(o.OwnerName) == "" {
		c.fail(http.StatusBadRequest, "owner_name is required")
		return nil, nil, false
	}
	if o.DeveloperQuota < 0 || o.DeveloperCount < 0 {
		c.fail(http.StatusBadRequest, "developer_quota and developer_count must not be negative")
		return nil, nil, false
	}
	fillEmpty(&o)
	return &o, has, true
}

func createOrg(c *call) {
	o, _, ok := c.decodeOrg()
	if !ok {
		return
	}
	o.ID = c.s.ids.ObjectID() // a stale id in the body is ignored; import keeps ids
	err := c.update(func(tx store.DefinitionsTx) error { return tx.InsertOrg(o) })
	if c.storeFailed(err, http.StatusBadRequest, msgOrgNotFound) {
		return
	}
	c.ok("Org created", o.ID)
}

// importOrg stores an organisation with the id it has elsewhere; importing
// it again replaces it.
func importOrg(c *call) {
	o, _, ok := c.decodeOrg()
	if !ok {
		return
	}
	if !model.IsObjectID(o.ID) {
		c.fail(http.StatusBadRequest, fmt.Sprintf("id must be an organisation id (24 hex characters), got %q", o.ID))
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetOrg(o.ID); err == nil {
			return tx.UpdateOrg(o)
		}
		return tx.InsertOrg(o)
	})
	if c.storeFailed(err, http.StatusBadRequest, msgOrgNotFound) {
		return
	}
	c.ok("Org imported", o.ID)
}

// updateOrg replaces an organisation; its additional permissions and OPA
// rules, which have routes of their own, stay when the body leaves them
// out.
func updateOrg(c *call) {
	o, has, ok := c.decodeOrg()
	if !ok {
		return
	}
	id := c.PathValue("id")
	if o.ID != "" && o.ID != id {
		c.fail(http.StatusBadRequest, "the organisation id in the body does not match the path")
		return
	}
	o.ID = id
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := tx.GetOrg(id)
		if err != nil {
			return err
		}
		if _, ok := has["additional_permissions"]; !ok {
			o.AdditionalPermissions = old.AdditionalPermissions
		}
		if _, ok := has["open_policy"]; !ok {
			o.OpenPolicy = old.OpenPolicy
		}
		return tx.UpdateOrg(o)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgNotFound) {
		return
	}
	c.ok("Org updated", "")
}

// deleteOrg deletes an organisation and everything it owns: its
// definitions in one transaction, then its keys, which live in the other
// store, in one more. The keys' transaction is not nested in the first
// (a store-wide Import holds one store's lock while it waits on the other,
// and nesting could deadlock with it), and it runs even if the client goes
// away meanwhile, so that an org is never gone with its keys left behind.
func deleteOrg(c *call) {
	id := c.PathValue("id")
	// Queued audit records of the org are written first, so that they go
	// with it rather than outlive it.
	c.s.flushAudit(c.r.Context())
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetOrg(id); err != nil {
			return err
		}
		if err := tx.DeleteOrgData(id); err != nil {
			return err
		}
		return tx.DeleteOrg(id)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOrgNotFound) {
		return
	}
	err = c.s.store.UpdateSessions(context.WithoutCancel(c.r.Context()), func(tx store.SessionsTx) error {
		return tx.DeleteOrgKeys(id)
	})
	if c.storeFailed(err, http.StatusInternalServerError, "the organisation is deleted, but not its keys") {
		return
	}
	c.ok("Org deleted", "")
}

// generatePortals answers POST /admin/organisations/{id}/generate-portals
// (form-encoded domain): the org's portal is served on the domain. There
// is no portal here to generate; the org records its domain, as the
// Dashboard does.
func generatePortals(c *call) {
	form, ok := c.formBody()
	if !ok {
		return
	}
	domain := strings.TrimSpace(form.Get("domain"))
	if domain == "" || strings.ContainsAny(domain, "/ ") {
		c.fail(http.StatusBadRequest, "domain is required: a host name such as portal.example.com")
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		o, err := tx.GetOrg(c.PathValue("id"))
		if err != nil {
			return err
		}
		o.CNAME, o.CNAMEEnabled = domain, true
		return tx.UpdateOrg(o)
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not generate APIs") {
		return
	}
	c.ok("Org updated", nil)
}

func adminCreateUser(c *call) {
	var u model.User
	if !c.decode(&u) {
		return
	}
	// The Admin API creates users without a password; Set User Password
	// gives them one.
	c.insertUser(&u, false)
}

func allowResetPasswords(c *call)    { c.setResetPasswords(true) }
func disallowResetPasswords(c *call) { c.setResetPasswords(false) }

// setResetPasswords grants or takes the right to set other users'
// passwords without their current one.
func (c *call) setResetPasswords(allow bool) {
	var u *model.User
	err := c.update(func(tx store.DefinitionsTx) (err error) {
		if u, err = tx.GetUser(c.PathValue("id")); err != nil {
			return err
		}
		if u.UserPermissions == nil {
			u.UserPermissions = model.UserPermissions{}
		}
		if allow {
			u.UserPermissions[permResetPassword] = model.PermAdmin
		} else {
			delete(u.UserPermissions, permResetPassword)
		}
		return tx.UpdateUser(u)
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	c.ok("User updated", publicUser(u))
}

// importAPIs stores APIs with the ids they have elsewhere, as the ordinary
// GET /api/apis lists them: {"apis":[...]}. An API that exists (by db id)
// is replaced. All or nothing: one refused API stores none.
func importAPIs(c *call) {
	var in struct {
		APIs []model.APIDefinitionWrapper `json:"apis"`
	}
	if !c.decode(&in) {
		return
	}
	if in.APIs == nil {
		c.fail(http.StatusBadRequest, `the body must be {"apis":[...]}`)
		return
	}
	now := c.s.now()
	for i := range in.APIs {
		w := &in.APIs[i]
		if w.APIDefinition == nil || strings.TrimSpace(w.APIDefinition.Name) == "" {
			c.fail(http.StatusBadRequest, fmt.Sprintf("apis[%d]: api_definition with a name is required", i))
			return
		}
		org := w.APIDefinition.OrgID
		if org == "" {
			org = c.s.OrgID
		}
		updated := w.UpdatedAt
		if err := c.s.prepareAPI(w, org, now); err != nil {
			c.fail(http.StatusBadRequest, fmt.Sprintf("apis[%d]: %v", i, err))
			return
		}
		if updated != nil {
			w.UpdatedAt = updated
		}
		fillEmpty(w)
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		for i := range in.APIs {
			w := &in.APIs[i]
			def := w.APIDefinition
			if _, err := tx.GetOrg(def.OrgID); err != nil {
				return c.failTx(http.StatusBadRequest, fmt.Sprintf("apis[%d]: organisation %s does not exist: import it first", i, def.OrgID))
			}
			// Webhooks are not imported: references to webhooks this
			// Dashboard has are brought up to date, others kept as given.
			embedded := *w
			embedded.HookReferences = append([]model.HookReference(nil), w.HookReferences...)
			if embedHooks(tx, &embedded) == nil {
				*w = embedded
			}
			if _, err := tx.GetAPI(def.ID); err == nil {
				if other, err := tx.GetAPIByAPIID(def.APIID); err == nil && other.APIDefinition.ID != def.ID {
					return c.failTx(http.StatusConflict, fmt.Sprintf("apis[%d]: api_id %s belongs to another API", i, def.APIID))
				}
				if err := tx.UpdateAPI(w); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.GetAPIByAPIID(def.APIID); err == nil {
				return c.failTx(http.StatusConflict, fmt.Sprintf("apis[%d]: api_id %s belongs to another API", i, def.APIID))
			}
			if err := tx.InsertAPI(w); err != nil {
				return err
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusBadRequest, "could not import the APIs") {
		return
	}
	// As the description's example: Meta maps each api_id to true.
	imported := make(map[string]bool, len(in.APIs))
	for i := range in.APIs {
		imported[in.APIs[i].APIDefinition.APIID] = true
	}
	c.ok("APIs imported", imported)
}

// importPolicies stores policies with the ids they have elsewhere, as GET
// /api/portal/policies lists them: {"Data":[...]}. A policy that exists (by
// _id) is replaced; one without an _id (the description's own example sends
// "_id": "") gets a new one. All or nothing. The answer is the
// description's: 200 "Policies imported" with Meta mapping each _id to
// true, and 403 for a body it refuses (the only client error the
// description lists for this operation).
func importPolicies(c *call) {
	var in struct {
		Data []model.Policy `json:"Data"`
	}
	if err := json.Unmarshal(c.body, &in); err != nil || len(strings.TrimSpace(string(c.body))) == 0 {
		msg := "request body is empty: a JSON object is required"
		if err != nil {
			msg = decodeError(err)
		}
		c.fail(http.StatusForbidden, msgImportMalformed+msg)
		return
	}
	if in.Data == nil {
		c.fail(http.StatusForbidden, msgImportMalformed+`the body must be {"Data":[...]}`)
		return
	}
	now, unix := c.nowString(), c.unixString()
	for i := range in.Data {
		p := &in.Data[i]
		if strings.TrimSpace(p.Name) == "" {
			c.fail(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: policy name is required", i))
			return
		}
		if p.MID == "" {
			p.MID = c.s.ids.ObjectID()
		}
		if !model.IsObjectID(p.MID) {
			c.fail(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: _id must be empty or a policy id (24 hex characters), got %q", i, p.MID))
			return
		}
		if p.OrgID == "" {
			p.OrgID = c.s.OrgID
		}
		if p.DateCreated == "" {
			p.DateCreated = now
		}
		if p.LastUpdated == "" {
			p.LastUpdated = unix
		}
		fillEmpty(p)
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		seen := make(map[string]int, len(in.Data))
		for i := range in.Data {
			p := &in.Data[i]
			if j, dup := seen[p.MID]; dup {
				return c.failTx(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: _id %s is also the _id of Data[%d]", i, p.MID, j))
			}
			seen[p.MID] = i
			if _, err := tx.GetOrg(p.OrgID); err != nil {
				return c.failTx(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: organisation %s does not exist: import it first", i, p.OrgID))
			}
			if err := c.checkOrgAccess(tx, p.OrgID, p.AccessRights); err != nil {
				if msg, ok := refusal(err); ok {
					return c.failTx(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: %s of organisation %s", i, msg, p.OrgID))
				}
				return err
			}
			if p.ID != "" {
				if other, err := tx.GetPolicyByID(p.OrgID, p.ID); err == nil && other.MID != p.MID {
					return c.failTx(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: id %s belongs to another policy", i, p.ID))
				}
			}
			var err error
			if old, gerr := tx.GetPolicy(p.MID); gerr == nil {
				if old.OrgID != p.OrgID {
					return c.failTx(http.StatusForbidden, fmt.Sprintf(msgImportMalformed+"Data[%d]: _id %s is a policy of another organisation", i, p.MID))
				}
				err = tx.UpdatePolicy(p)
			} else {
				err = tx.InsertPolicy(p)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrInvalid) {
		c.fail(http.StatusForbidden, msgImportMalformed+err.Error())
		return
	}
	if c.storeFailed(err, http.StatusForbidden, "could not import the policies") {
		return
	}
	imported := make(map[string]bool, len(in.Data))
	for i := range in.Data {
		imported[in.Data[i].MID] = true
	}
	c.ok("Policies imported", imported)
}

// msgImportMalformed begins the answer to an import body that is refused,
// as the description's 403 example ("Request body malformed") does.
const msgImportMalformed = "Request body malformed: "

// reloadSystem answers as the Dashboard does once it has reloaded its
// URLs; there is nothing to reload here.
func reloadSystem(c *call) {
	c.json(http.StatusOK, model.ReloadResponse{Status: "ok"})
}
