package memserver

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// User groups: a user in a group has the group's permissions instead of its
// own (authentication resolves them on every request, so a change to a
// group applies to its users at once).
func userGroupRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/usergroups", Section: "user_groups", Handle: listUserGroups},
		{Method: "POST", Path: "/api/usergroups", Section: "user_groups", Write: true, Handle: createUserGroup},
		{Method: "GET", Path: "/api/usergroups/{id}", Section: "user_groups", Handle: getUserGroup},
		{Method: "PUT", Path: "/api/usergroups/{id}", Section: "user_groups", Write: true, Handle: updateUserGroup},
		{Method: "DELETE", Path: "/api/usergroups/{id}", Section: "user_groups", Write: true, Handle: deleteUserGroup},
	}
}

const msgGroupNotFound = "Could not retrieve user group detail."

func (c *call) findUserGroup(tx store.DefinitionsReader, id string) (*model.UserGroup, error) {
	g, err := tx.GetUserGroup(id)
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(g.OrgID) {
		return nil, store.ErrNotFound
	}
	return g, nil
}

func publicGroup(g *model.UserGroup) *model.UserGroup {
	out := *g
	if out.UserPermissions == nil {
		out.UserPermissions = model.UserPermissions{}
	}
	return &out
}

func listUserGroups(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.UserGroup]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListUserGroups(c.orgID, opts)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve user groups.") {
		return
	}
	groups := make([]model.UserGroup, 0, len(page.Items))
	for i := range page.Items {
		groups = append(groups, *publicGroup(&page.Items[i]))
	}
	c.json(http.StatusOK, model.UserGroupListResponse{Groups: groups, Pages: int64(page.Pages)})
}

func getUserGroup(c *call) {
	var g *model.UserGroup
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		g, err = c.findUserGroup(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgGroupNotFound) {
		return
	}
	c.json(http.StatusOK, publicGroup(g))
}

// checkUserGroup validates a group a client sets; nobody grants a group
// more than it has itself (checked when grant is set: the permissions are
// new or changed).
func (c *call) checkUserGroup(g *model.UserGroup, grant bool) bool {
	switch {
	case strings.TrimSpace(g.Name) == "":
		c.fail(http.StatusBadRequest, "user group name is required")
		return false
	case g.PasswordMaxDays < 0:
		c.fail(http.StatusBadRequest, "password_max_days must not be negative")
		return false
	}
	if err := checkPermissions(g.UserPermissions); err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return false
	}
	if !grant {
		return true
	}
	if err := c.grantable(g.UserPermissions); err != nil {
		c.fail(http.StatusForbidden, err.Error())
		return false
	}
	return true
}

func createUserGroup(c *call) {
	var g model.UserGroup
	if !c.decode(&g) {
		return
	}
	if !c.checkUserGroup(&g, true) {
		return
	}
	g.ID = c.s.ids.ObjectID() // a stale id in the body is ignored
	g.OrgID = c.orgFor(g.OrgID)
	if g.UserPermissions == nil {
		g.UserPermissions = model.UserPermissions{}
	}
	// A group is active unless the body says otherwise.
	var has map[string]json.RawMessage
	_ = json.Unmarshal(c.body, &has)
	if _, ok := has["active"]; !ok {
		g.Active = true
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetOrg(g.OrgID); errors.Is(err, store.ErrNotFound) {
			return c.failTx(http.StatusBadRequest, "org_id "+g.OrgID+" is not an organisation")
		}
		return tx.InsertUserGroup(&g)
	})
	if c.storeFailed(err, http.StatusBadRequest, msgGroupNotFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: "User group created", Meta: g.ID})
}

// updateUserGroup replaces the members the body has; the others keep their
// value (the guide's example sends only a name and a description).
func updateUserGroup(c *call) {
	var in model.UserGroup
	if !c.decode(&in) {
		return
	}
	var has map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &has); err != nil {
		c.fail(http.StatusBadRequest, decodeError(err))
		return
	}
	id := c.PathValue("id")
	if in.ID != "" && in.ID != id {
		c.fail(http.StatusBadRequest, "the group id in the body does not match the path")
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		g, err := c.findUserGroup(tx, id)
		if err != nil {
			return err
		}
		if _, ok := has["name"]; ok {
			g.Name = in.Name
		}
		if _, ok := has["description"]; ok {
			g.Description = in.Description
		}
		if _, ok := has["active"]; ok {
			g.Active = in.Active
		}
		if _, ok := has["password_max_days"]; ok {
			g.PasswordMaxDays = in.PasswordMaxDays
		}
		old := g.UserPermissions
		if err := c.mayManageGroup(g); err != nil {
			return err
		}
		if _, ok := has["user_permissions"]; ok {
			g.UserPermissions = in.UserPermissions
			if g.UserPermissions == nil {
				g.UserPermissions = model.UserPermissions{}
			}
		}
		for k, v := range in.Extra {
			if g.Extra == nil {
				g.Extra = model.Extra{}
			}
			g.Extra[k] = v
		}
		if !c.checkUserGroup(g, !samePermissions(old, g.UserPermissions)) {
			return errAnswered
		}
		return tx.UpdateUserGroup(g)
	})
	if c.storeFailed(err, http.StatusBadRequest, "Group ID does not exist") {
		return
	}
	c.ok("User group updated", nil)
}

// deleteUserGroup deletes a group and, in the same transaction, takes its
// users out of it: they keep their own permissions.
func deleteUserGroup(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		g, err := c.findUserGroup(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if err := c.mayManageGroup(g); err != nil {
			return err
		}
		members, err := tx.ListUsers(g.OrgID, store.ListOptions{Page: 0})
		if err != nil {
			return err
		}
		for i := range members.Items {
			if u := &members.Items[i]; u.GroupID == g.ID {
				u.GroupID = ""
				if err := tx.UpdateUser(u); err != nil {
					return err
				}
			}
		}
		return tx.DeleteUserGroup(g.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgGroupNotFound) {
		return
	}
	c.ok("User group deleted", nil)
}

// mayManageGroup refuses (answering 403, inside a transaction) a
// non-admin's change to a group that makes its members admins: changing or
// deleting it changes what those admins hold, and only an admin manages an
// admin.
func (c *call) mayManageGroup(g *model.UserGroup) error {
	if c.isAdmin() || !isAdminPermissions(g.UserPermissions) {
		return nil
	}
	return c.failTx(http.StatusForbidden, "only an admin may change group "+g.ID+": it makes its members admins")
}
