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
	}
	c.w.Header().Set("Location", to)
	c.json(http.StatusFound, model.APIResponse{Status: model.StatusOK, Message: "SSO nonce accepted", Meta: n.Data.EmailAddress})
}
