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
	if in.ForSection == model.SSOSectionDashboard && strings.TrimSpace(in.EmailAddress) == "" {
		c.fail(http.StatusBadRequest, "Request body malformed: EmailAddress is required for the dashboard")
		return
	}
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
		return tx.InsertSSONonce(nonce)
	})
	if c.storeFailed(err, http.StatusBadRequest, "Request body malformed.") {
		return
	}
	c.ok("SSO Nonce created", nonce.Nonce)
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
	c.json(http.StatusFound, model.APIResponse{Status: model.StatusOK, Message: "SSO nonce accepted", Meta: n.Data.EmailAddress})
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
	group := d.GroupID
	if group == "" && len(d.GroupsIDs) > 0 {
		group = d.GroupsIDs[0]
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := tx.GetUserByEmail(d.EmailAddress)
		switch {
		case errors.Is(err, store.ErrNotFound) && d.SSOOnlyForRegisteredUsers:
			return c.failTx(http.StatusForbidden, "SSO: "+d.EmailAddress+" is not a registered user")
		case errors.Is(err, store.ErrNotFound):
			first, last, _ := strings.Cut(strings.TrimSpace(d.DisplayName), " ")
			u = &model.User{
				ID: c.s.ids.ObjectID(), OrgID: n.OrgID, EmailAddress: d.EmailAddress, FirstName: first, LastName: last,
				AccessKey: c.s.ids.Secret(), Active: true, GroupID: group,
				UserPermissions: model.UserPermissions{}, CreatedAt: c.nowString(), LastLoginDate: c.nowString(),
			}
			return tx.InsertUser(u)
		case err != nil:
			return err
		case u.OrgID != n.OrgID || !u.Active:
			return c.failTx(http.StatusForbidden, "SSO: "+d.EmailAddress+" may not log in to this organisation")
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
	u, err := tx.GetUserByEmail(in.EmailAddress)
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
