package memserver

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Single sign-on: POST /api/sso and /admin/sso hand out a nonce that logs a
// user in once, within 60 seconds of the Server's clock. The Dashboard
// takes the nonce at GET /tap?nonce=... (its login page), which this
// Server answers too, so that a test can see a nonce work once and expire.
func ssoRoutes() []route {
	return []route{
		// Handing out a login is a matter of users: it takes write on them.
		{Method: "POST", Path: "/api/sso", Section: "users", Write: true, Handle: createSSONonce},
		{Method: "POST", Path: "/admin/sso", Auth: authAdmin, Handle: createSSONonce},
		{Method: "GET", Path: "/tap", Auth: authNone, Handle: tapSSONonce},
	}
}

// ssoNonceLifetime is how long a nonce stays usable.
const ssoNonceLifetime = 60 * time.Second

func createSSONonce(c *call) {
	var in model.SSOAccessData
	if !c.decode(&in) {
		return
	}
	switch in.ForSection {
	case model.SSOSectionDashboard, model.SSOSectionPortal:
	default:
		c.fail(http.StatusBadRequest, `Request body malformed: ForSection must be "dashboard" or "portal"`)
		return
	}
	// An empty EmailAddress is accepted (the Admin API guide's request body
	// has none): the login is then the temporary SSO user (ssoSessionEmail).
	in.EmailAddress = normaliseEmail(in.EmailAddress)
	if c.admin {
		if in.OrgID == "" {
			c.fail(http.StatusBadRequest, "Request body malformed: OrgID is required")
			return
		}
	} else if in.OrgID == "" {
		in.OrgID = c.orgFor("")
	} else if !c.ownsOrg(in.OrgID) {
		c.fail(http.StatusForbidden, "OrgID is not the organisation of the caller")
		return
	}
	nonce := &store.SSONonce{
		Nonce:     base64.StdEncoding.EncodeToString([]byte(c.s.requestID())),
		OrgID:     in.OrgID,
		Data:      in,
		ExpiresAt: c.s.now().Add(ssoNonceLifetime),
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetOrg(in.OrgID); errors.Is(err, store.ErrNotFound) {
			return c.failTx(http.StatusBadRequest, "OrgID "+in.OrgID+" is not an organisation")
		}
		groups := append([]string{in.GroupID}, in.GroupsIDs...)
		for _, g := range groups {
			if err := checkGroup(tx, in.OrgID, g); err != nil {
				return c.failTx(http.StatusBadRequest, "Request body malformed: "+err.Error())
			}
			// A nonce carries its group's rights to whoever logs in with it.
			if err := c.grantableGroup(tx, g); err != nil {
				return err
			}
		}
		if err := c.ssoMayLogIn(tx, in); err != nil {
			return err
		}
		// A login that creates its user without a group makes an admin
		// (the SSO docs: SSO users are admins unless given a group), which
		// only an admin may hand out.
		if in.ForSection == model.SSOSectionDashboard && !c.isAdmin() && !in.SSOOnlyForRegisteredUsers && ssoGroup(in) == "" {
			return c.failTx(http.StatusForbidden, "only an admin may create a nonce whose new user is an admin: name a GroupID, or set SSOOnlyForRegisteredUsers")
		}
		return tx.InsertSSONonce(nonce)
	})
	if c.storeFailed(err, http.StatusBadRequest, "Request body malformed.") {
		return
	}
	// The descriptions' answers: "SSO Nonce created" (Admin API) and
	// "SSO Nonce created." (Dashboard API).
	msg := "SSO Nonce created."
	if c.admin {
		msg = "SSO Nonce created"
	}
	c.ok(msg, nonce.Nonce)
}

// ssoSessionEmail is the identity of a dashboard login whose nonce names no
// email: the Tyk Identity Broker sends this default SSO identity
// (DefaultSSOEmail in its tyk_handler) for users without an email, and the
// SSO docs say a valid nonce logs in a temporary user. Stored lower-cased,
// as every email.
const ssoSessionEmail = "ssosession@ssosession.com"

// ssoLoginEmail is the email a nonce logs in as.
func ssoLoginEmail(d model.SSOAccessData) string {
	if e := normaliseEmail(d.EmailAddress); e != "" {
		return e
	}
	return ssoSessionEmail
}

// ssoGroup is the group a nonce's new user joins.
func ssoGroup(d model.SSOAccessData) string {
	if d.GroupID == "" && len(d.GroupsIDs) > 0 {
		return d.GroupsIDs[0]
	}
	return d.GroupID
}

// tapSSONonce takes a nonce: once, and only before it expires. It answers
// as the Dashboard's login page does: a redirect into the Dashboard (or
// the portal), or 401 for a nonce that is unknown, used or expired.
func tapSSONonce(c *call) {
	id := c.query("nonce")
	var n *store.SSONonce
	err := c.update(func(tx store.DefinitionsTx) (err error) {
		if n, err = tx.GetSSONonce(id); err != nil {
			return err
		}
		return tx.DeleteSSONonce(id)
	})
	if err != nil || !c.s.now().Before(n.ExpiresAt) {
		c.fail(http.StatusUnauthorized, "SSO nonce is unknown, used or expired")
		return
	}
	to := "/"
	if n.Data.ForSection == model.SSOSectionPortal {
		to = "/portal/"
	} else if !c.ssoLogin(n) {
		return
	}
	c.w.Header().Set("Location", to)
	c.json(http.StatusFound, model.APIResponse{Status: model.StatusOK, Message: "SSO nonce accepted", Meta: ssoLoginEmail(n.Data)})
}

// ssoLogin logs the nonce's user into the Dashboard as the Dashboard does:
// a user unknown by its email is created in the nonce's org, unless the
// nonce allows registered users only; the nonce's group becomes the
// user's group. The user's last login is now.
func (c *call) ssoLogin(n *store.SSONonce) bool {
	d := n.Data
	if d.UserNotAllowed {
		c.fail(http.StatusForbidden, "SSO: the user is not allowed to log in")
		return false
	}
	group := ssoGroup(d)
	email := ssoLoginEmail(d)
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := tx.GetUserByEmail(n.OrgID, email)
		switch {
		case errors.Is(err, store.ErrNotFound) && d.SSOOnlyForRegisteredUsers:
			return c.failTx(http.StatusForbidden, "SSO: "+email+" is not a registered user")
		case errors.Is(err, store.ErrNotFound):
			first, last, _ := strings.Cut(strings.TrimSpace(d.DisplayName), " ")
			// Without a group an SSO user is an admin, as the SSO docs
			// say; with one it holds the group's rights, and keeps them
			// as its own should the group go.
			perms := model.UserPermissions{model.PermIsAdmin: model.PermAdmin}
			if group != "" {
				g, err := tx.GetUserGroup(group)
				if err != nil {
					return c.failTx(http.StatusForbidden, "SSO: the nonce's group "+group+" is gone")
				}
				perms = model.UserPermissions{}
				for k, v := range g.UserPermissions {
					perms[k] = v
				}
				if len(perms) == 0 {
					perms[model.PermIsAdmin] = model.PermAdmin
				}
			}
			u = &model.User{
				ID: c.s.ids.ObjectID(), OrgID: n.OrgID, EmailAddress: email, FirstName: first, LastName: last,
				AccessKey: c.s.ids.Secret(), Active: true, GroupID: group,
				UserPermissions: perms, CreatedAt: c.nowString(), LastLoginDate: c.nowString(),
			}
			if err := c.s.checkEmailFree(tx, n.OrgID, email, ""); err != nil {
				return c.failTx(http.StatusForbidden, "SSO: "+email+" is a user of another organisation")
			}
			return tx.InsertUser(u)
		case err != nil:
			return err
		case u.OrgID != n.OrgID || !u.Active:
			return c.failTx(http.StatusForbidden, "SSO: "+email+" may not log in to this organisation")
		}
		if group != "" {
			u.GroupID = group
		}
		u.LastLoginDate = c.nowString()
		return tx.UpdateUser(u)
	})
	return !c.storeFailed(err, http.StatusInternalServerError, "SSO: could not log the user in")
}

// ssoMayLogIn refuses (answering 403, inside a transaction) a nonce for a
// registered user of the org that the caller may not become: a nonce logs
// its holder in as that user (and may move it to the nonce's group), so a
// non-admin may hand one out only for a user whose rights it holds itself,
// and never for an admin.
func (c *call) ssoMayLogIn(tx store.DefinitionsReader, in model.SSOAccessData) error {
	if c.isAdmin() || in.ForSection != model.SSOSectionDashboard {
		return nil
	}
	u, err := tx.GetUserByEmail(in.OrgID, in.EmailAddress)
	if err != nil || u.OrgID != in.OrgID {
		return nil
	}
	if err := c.mayManage(tx, u); err != nil {
		return err
	}
	if err := c.grantable(effectivePerms(tx, u)); err != nil {
		return c.failTx(http.StatusForbidden, "SSO for "+in.EmailAddress+": "+err.Error())
	}
	return nil
}
