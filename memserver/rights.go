package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The rules that keep anyone from holding rights it was not given. A user in
// a group has the group's rights, so every check of what a user holds,
// what a user may grant and whom a user may manage reads the user's
// effective rights, never only its own user_permissions.

// effectivePerms are the rights u holds: its group's when it is in a group
// of its org (as authentication reads them), its own otherwise.
func effectivePerms(tx store.DefinitionsReader, u *model.User) model.UserPermissions {
	if u.GroupID != "" {
		if g, err := tx.GetUserGroup(u.GroupID); err == nil && g.OrgID == u.OrgID {
			return g.UserPermissions
		}
	}
	return u.UserPermissions
}

// mayManage refuses (answering 403, inside a transaction) a non-admin's
// change to an admin: users write does not reach the users who hold more
// rights than it, whether their rights are their own or their group's.
func (c *call) mayManage(tx store.DefinitionsReader, u *model.User) error {
	if c.isAdmin() || !isAdminPermissions(effectivePerms(tx, u)) {
		return nil
	}
	return c.failTx(http.StatusForbidden, "only an admin may change an admin user")
}

// grantableGroup refuses (answering 403, inside a transaction) to put a
// user into a group whose rights the caller could not grant itself:
// group_id grants what the group holds.
func (c *call) grantableGroup(tx store.DefinitionsReader, group string) error {
	if group == "" || c.isAdmin() {
		return nil
	}
	g, err := tx.GetUserGroup(group)
	if err != nil {
		return nil // an unknown group is refused by checkGroup
	}
	if err := c.grantable(g.UserPermissions); err != nil {
		return c.failTx(http.StatusForbidden, "group_id "+group+": "+err.Error())
	}
	return nil
}

// checkOrgAccess refuses access rights to an API that is not one of org's:
// a session (a key, an OAuth session, a policy) reaches its own org's APIs
// only. It runs on the rights as they are once policies are applied, so that
// a policy cannot carry another org's API into a key. A missing api_name is
// filled in and a missing version list becomes ["Default"].
func (c *call) checkOrgAccess(tx store.DefinitionsReader, org string, rights map[string]model.AccessDefinition) error {
	return c.s.checkOrgAccess(tx, org, rights)
}

// checkOrgAccess is the rule of call.checkOrgAccess for writes no caller
// makes (fixtures).
func (s *Server) checkOrgAccess(tx store.DefinitionsReader, org string, rights map[string]model.AccessDefinition) error {
	ids := make([]string, 0, len(rights))
	for id := range rights {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the first refused API is the same on every run
	for _, apiID := range ids {
		ar := rights[apiID]
		if ar.APIID == "" {
			ar.APIID = apiID
		}
		if ar.APIID != apiID {
			return fmt.Errorf("access_rights: the entry %s names another api_id, %s: %w", apiID, ar.APIID, errRefused)
		}
		m, err := s.apis.meta(tx, apiID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && m.org != org) {
			return fmt.Errorf("access_rights: API %s does not exist: %w", apiID, errRefused)
		}
		if err != nil {
			return err
		}
		if ar.APIName == "" {
			ar.APIName = m.name
		}
		if ar.Versions == nil {
			ar.Versions = []string{"Default"}
		}
		rights[apiID] = ar
	}
	return nil
}

// errRefused marks an error of checkOrgAccess that is the client's: its
// message is the answer.
var errRefused = errors.New("refused")

// refusal is the message of an error marked errRefused, and whether it is
// one.
func refusal(err error) (string, bool) {
	if !errors.Is(err, errRefused) {
		return "", false
	}
	msg := err.Error()
	return msg[:len(msg)-len(": "+errRefused.Error())], true
}
