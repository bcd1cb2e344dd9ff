package memserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Org-level settings that only an admin of the org may read or change:
// additional permissions and the Open Policy Agent rules. Both are stored
// on the organisation.
func orgSettingsRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/org/permissions", Handle: adminOnly(getOrgPermissions)},
		{Method: "PUT", Path: "/api/org/permissions", Handle: adminOnly(putOrgPermissions)},
		{Method: "GET", Path: "/api/org/opa", Handle: adminOnly(getOrgOPA)},
		{Method: "PUT", Path: "/api/org/opa", Handle: adminOnly(putOrgOPA)},
		// The guide names PUT /api/org/permission (singular) for both
		// updates; the body says which one is meant.
		{Method: "PUT", Path: "/api/org/permission", Handle: adminOnly(putOrgPermissionSingular)},
	}
}

// putOrgPermissionSingular answers PUT /api/org/permission: OPA rules when
// the body has open_policy, additional permissions otherwise.
func putOrgPermissionSingular(c *call) {
	var probe map[string]json.RawMessage
	if json.Unmarshal(c.body, &probe) == nil {
		if _, ok := probe["open_policy"]; ok {
			putOrgOPA(c)
			return
		}
	}
	putOrgPermissions(c)
}

// Permission keys that are not sections.
const (
	// permResetPassword lets a user set other users' passwords without
	// their current one (Admin API allow_reset_passwords).
	permResetPassword = "ResetPassword"
)

// sectionAliases maps every name the descriptions, the guide and the docs
// use for a section to the one the routes check: the 5.x description's
// user example says policies, log and api_assets; the Tyk docs' user roles
// page says policy and audit_logs; the guide says logs and certificates.
var sectionAliases = map[string]string{
	"policy":       "policies",
	"log":          "audit_logs",
	"logs":         "audit_logs",
	"audit_log":    "audit_logs",
	"api_assets":   "assets",
	"certificates": "certs",
	"user_group":   "user_groups",
	"usergroups":   "user_groups",
	"webhooks":     "hooks",
}

// canonicalSection is the section a permission name stands for.
func canonicalSection(name string) string {
	if c, ok := sectionAliases[name]; ok {
		return c
	}
	return name
}

// effectivePermissions is what a user_permissions object grants, with
// every section under the name the routes check. As the Tyk docs' user
// roles page says: an object without properties is an admin, and so is
// "IsAdmin": "true" (or "admin"); otherwise it is an allow list. Where two
// names of one section are both given, the higher level counts.
func effectivePermissions(p model.UserPermissions) model.UserPermissions {
	out := make(model.UserPermissions, len(p)+1)
	if len(p) == 0 {
		out[model.PermIsAdmin] = model.PermAdmin
		return out
	}
	for k, v := range p {
		switch k {
		case model.PermIsAdmin:
			if v == model.PermAdmin || v == "true" {
				out[k] = model.PermAdmin
			}
			continue
		case permResetPassword:
			if v == model.PermAdmin {
				out[k] = v
			}
			continue
		}
		c := canonicalSection(k)
		if permLevel(v) > permLevel(out[c]) || (v == model.PermDeny && out[c] == "") {
			out[c] = v
		}
	}
	return out
}

// isAdminPermissions reports whether p makes its holder an admin.
func isAdminPermissions(p model.UserPermissions) bool {
	return effectivePermissions(p)[model.PermIsAdmin] == model.PermAdmin
}

// isAdmin reports whether the caller is an admin of its org (or, without
// an org, a super user with admin rights).
func (c *call) isAdmin() bool {
	return c.admin || c.perms[model.PermIsAdmin] == model.PermAdmin
}

// adminOnly wraps a handler of a route that only admins may call.
func adminOnly(h func(c *call)) func(c *call) {
	return func(c *call) {
		if !c.isAdmin() {
			c.fail(http.StatusForbidden, "access denied: You do not have permission to access "+c.r.URL.Path)
			return
		}
		h(c)
	}
}

// permLevel orders permission levels: what a level grants includes what
// every lower level grants.
func permLevel(v string) int {
	switch v {
	case model.PermRead:
		return 1
	case model.PermWrite:
		return 2
	case model.PermAdmin:
		return 3
	}
	return 0
}

// checkPermissions refuses values that are not permission levels, so that a
// typo ("wirte") does not silently deny.
func checkPermissions(p model.UserPermissions) error {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := p[k]
		switch {
		case strings.TrimSpace(k) == "":
			return fmt.Errorf("user_permissions: a permission needs a name")
		case k == model.PermIsAdmin:
			// The docs' examples write "IsAdmin": "true" and "false".
			switch v {
			case model.PermAdmin, "true", "false", "", model.PermDeny:
			default:
				return fmt.Errorf("user_permissions: %s must be %q, \"true\" or \"false\", got %q", k, model.PermAdmin, v)
			}
		case k == permResetPassword:
			if v != model.PermAdmin && v != "" && v != model.PermDeny {
				return fmt.Errorf("user_permissions: %s must be %q, got %q", k, model.PermAdmin, v)
			}
		case v != model.PermRead && v != model.PermWrite && v != model.PermDeny:
			return fmt.Errorf("user_permissions: %s must be read, write or deny, got %q", k, v)
		}
	}
	return nil
}

// grantable reports whether the caller may give perms to someone: an admin
// may give anything; anyone else only what it has itself, section by
// section, so that nobody gains rights through a user or group they write.
func (c *call) grantable(perms model.UserPermissions) error {
	return grantableBy(c.perms, c.isAdmin(), perms)
}

// grantableBy is the rule of grantable for a holder of the effective rights
// held (an admin when admin is set).
func grantableBy(held model.UserPermissions, admin bool, perms model.UserPermissions) error {
	if admin {
		return nil
	}
	if isAdminPermissions(perms) {
		return fmt.Errorf("only an admin may grant admin rights (an empty user_permissions or IsAdmin makes an admin)")
	}
	for k, v := range effectivePermissions(perms) {
		if permLevel(v) > permLevel(held[k]) || ((k == model.PermIsAdmin || k == permResetPassword) && v == model.PermAdmin) {
			return fmt.Errorf("only an admin may grant %s %q", k, v)
		}
	}
	return nil
}

// samePermissions reports whether a and b grant the same, ignoring
// entries that grant nothing.
func samePermissions(a, b model.UserPermissions) bool {
	a, b = effectivePermissions(a), effectivePermissions(b)
	for k, v := range a {
		if permLevel(v) != permLevel(b[k]) {
			return false
		}
	}
	for k, v := range b {
		if permLevel(v) != permLevel(a[k]) {
			return false
		}
	}
	return true
}

// msgCallerOrgFailed answers an org-level route whose organisation cannot
// be read.
const msgCallerOrgFailed = "Failed to identify organisation."

// viewCallerOrg reads the organisation the org-level routes act on: the
// caller's, or the default org for a super user. It answers 500 and
// returns false when it cannot.
func (c *call) viewCallerOrg() (*model.Organisation, bool) {
	var org *model.Organisation
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		org, err = tx.GetOrg(c.orgFor(""))
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, msgCallerOrgFailed) {
		return nil, false
	}
	return org, true
}

// updateCallerOrg changes the organisation viewCallerOrg reads with change,
// in one transaction. It answers 500 and returns false when it cannot.
func (c *call) updateCallerOrg(change func(org *model.Organisation)) bool {
	err := c.update(func(tx store.DefinitionsTx) error {
		org, err := tx.GetOrg(c.orgFor(""))
		if err != nil {
			return err
		}
		change(org)
		return tx.UpdateOrg(org)
	})
	return !c.storeFailed(err, http.StatusInternalServerError, msgCallerOrgFailed)
}

func getOrgPermissions(c *call) {
	org, ok := c.viewCallerOrg()
	if !ok {
		return
	}
	perms := org.AdditionalPermissions
	if perms == nil {
		perms = map[string]string{}
	}
	c.json(http.StatusOK, model.NewAdditionalPermissions{AdditionalPermissions: perms})
}

func putOrgPermissions(c *call) {
	var in model.NewAdditionalPermissions
	if !c.decode(&in) {
		return
	}
	if in.AdditionalPermissions == nil {
		c.fail(http.StatusBadRequest, "additional_permissions is required: an object of permission names and their titles")
		return
	}
	for k, v := range in.AdditionalPermissions {
		if strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			c.fail(http.StatusBadRequest, "additional_permissions: every permission needs a name and a title")
			return
		}
	}
	if !c.updateCallerOrg(func(org *model.Organisation) { org.AdditionalPermissions = in.AdditionalPermissions }) {
		return
	}
	c.ok("Additional Permissions updated in org level", nil)
}

func getOrgOPA(c *call) {
	org, ok := c.viewCallerOrg()
	if !ok {
		return
	}
	c.json(http.StatusOK, model.NewOPARules{OpenPolicy: org.OpenPolicy})
}

func putOrgOPA(c *call) {
	var in struct {
		OpenPolicy *model.OpenPolicyConf `json:"open_policy"`
	}
	if !c.decode(&in) {
		return
	}
	if in.OpenPolicy == nil {
		c.fail(http.StatusBadRequest, "Invalid OPA rules: open_policy is required")
		return
	}
	if in.OpenPolicy.Enabled && strings.TrimSpace(in.OpenPolicy.Rules) == "" {
		c.fail(http.StatusBadRequest, "Invalid OPA rules: rules are required when open_policy is enabled")
		return
	}
	if !c.updateCallerOrg(func(org *model.Organisation) { org.OpenPolicy = *in.OpenPolicy }) {
		return
	}
	c.ok("OPA rules has been updated on org level", nil)
}
