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
	if c.user != nil {
		nonce.CreatedBy = c.user.ID
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetOrg(in.OrgID); errors.Is(err, store.ErrNotFound) {
			return c.failTx(http.StatusBadRequest, "OrgID "+in.OrgID+" is not an organisation")
		}
		for _, g := range append([]string{in.GroupID}, in.GroupsIDs...) {
			if err := checkGroup(tx, in.OrgID, g); err != nil {
				return c.failTx(http.StatusBadRequest, "Request body malformed: "+err.Error())
			}
		}
		if msg := ssoRefusal(tx, c.grantor(), in); msg != "" {
			return c.failTx(http.StatusForbidden, msg)
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
		err := c.view(func(tx store.DefinitionsReader) error { return c.ssoStillGranted(tx, n) })
		if c.storeFailed(err, http.StatusInternalServerError, "SSO: could not check the nonce") {
			return
		}
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
		if err := c.ssoStillGranted(tx, n); err != nil {
			return err
		}
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

// ssoGrantor is who hands out a login, with the rights it holds: the
// caller of POST /api/sso when the nonce is made, the same user as it is
// when the nonce is taken.
type ssoGrantor struct {
	// admin: the Admin API, or an admin of the org.
	admin bool
	// perms are the grantor's effective rights (its group's, when in one).
	perms model.UserPermissions
}

func (c *call) grantor() ssoGrantor { return ssoGrantor{admin: c.isAdmin(), perms: c.perms} }

// ssoRefusal says why g may not hand out the login d (the message of a
// 403), or "" when it may. A nonce logs its holder in with its group's
// rights, or as the registered user of its email (moved into its group),
// or as a new admin when it names no group: a non-admin may hand out only
// what it holds itself, and never an admin's login.
func ssoRefusal(tx store.DefinitionsReader, g ssoGrantor, d model.SSOAccessData) string {
	if g.admin {
		return ""
	}
	for _, group := range append([]string{d.GroupID}, d.GroupsIDs...) {
		if group == "" {
			continue
		}
		if grp, err := tx.GetUserGroup(group); err == nil {
			if err := grantableBy(g.perms, false, grp.UserPermissions); err != nil {
				return "group_id " + group + ": " + err.Error()
			}
		}
	}
	if d.ForSection != model.SSOSectionDashboard {
		return ""
	}
	// A registered user of the org: the nonce logs its holder in as that
	// user, so the grantor must be able to manage it and hold its rights.
	if u, err := tx.GetUserByEmail(d.OrgID, ssoLoginEmail(d)); err == nil && u.OrgID == d.OrgID {
		perms := effectivePerms(tx, u)
		if isAdminPermissions(perms) {
			return "only an admin may change an admin user"
		}
		if err := grantableBy(g.perms, false, perms); err != nil {
			return "SSO for " + ssoLoginEmail(d) + ": " + err.Error()
		}
	}
	// A login that creates its user without a group makes an admin (the
	// SSO docs: SSO users are admins unless given a group), which only an
	// admin may hand out.
	if !d.SSOOnlyForRegisteredUsers && ssoGroup(d) == "" {
		return "only an admin may create a nonce whose new user is an admin: name a GroupID, or set SSOOnlyForRegisteredUsers"
	}
	return ""
}

// ssoStillGranted refuses (answering 403, inside the transaction that logs
// the user in) a nonce whose login its maker could no longer hand out: the
// Dashboard records no maker (the Tyk Identity Broker's docs: any active
// account may make a nonce), but here a nonce carries no more than the
// rights of the user who made it, as they are when it is taken. Its maker
// must still be an active user of the org with users write, and hold what
// the login grants now (its group may have gained rights, the user it
// logs in as may have become an admin). Its groups must still be the
// org's. A nonce of the Admin API has no maker to check.
func (c *call) ssoStillGranted(tx store.DefinitionsReader, n *store.SSONonce) error {
	for _, group := range append([]string{n.Data.GroupID}, n.Data.GroupsIDs...) {
		if err := checkGroup(tx, n.OrgID, group); err != nil {
			return c.failTx(http.StatusForbidden, "SSO: the nonce's group "+group+" is gone")
		}
	}
	if n.CreatedBy == "" {
		return nil
	}
	maker, err := tx.GetUser(n.CreatedBy)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!maker.Active || maker.OrgID != n.OrgID)) {
		return c.failTx(http.StatusForbidden, "SSO: the user who made the nonce is no longer an active user of the organisation")
	}
	if err != nil {
		return err
	}
	perms := effectivePermissions(effectivePerms(tx, maker))
	g := ssoGrantor{admin: perms[model.PermIsAdmin] == model.PermAdmin, perms: perms}
	if !allowed(perms, "users", true) {
		return c.failTx(http.StatusForbidden, "SSO: the user who made the nonce no longer has users write")
	}
	if msg := ssoRefusal(tx, g, n.Data); msg != "" {
		return c.failTx(http.StatusForbidden, "SSO: the user who made the nonce may no longer hand out this login: "+msg)
	}
	return nil
}
