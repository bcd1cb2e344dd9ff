package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Developers who sign up to the portal, as Tyk's classic portal developers
// documentation gives their routes and answers: a list is {"Data":[...],
// "Pages":n}; a create answers the id, an update "Data updated", a delete
// "Data deleted"; verify_credentials is 200 when the email and password
// match and 401 otherwise; the password route answers "Password changed",
// and "Developer password validation failed." for a developer it cannot
// set. A developer belongs to one org; its email is unique in the org,
// without case.
//
// A password is kept only as its bcrypt hash and no answer carries it
// (nor the password history): a developer read and sent back without one
// keeps the password it has.
func portalDeveloperRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/portal/developers", Section: sectionPortal, Handle: listPortalDevelopers},
		{Method: "POST", Path: "/api/portal/developers", Section: sectionPortal, Write: true, Handle: createPortalDeveloper},
		{Method: "GET", Path: "/api/portal/developers/{id}", Section: sectionPortal, Handle: getPortalDeveloper},
		{Method: "PUT", Path: "/api/portal/developers/{id}", Section: sectionPortal, Write: true, Handle: updatePortalDeveloper},
		{Method: "DELETE", Path: "/api/portal/developers/{id}", Section: sectionPortal, Write: true, Handle: deletePortalDeveloper},
		{Method: "GET", Path: "/api/portal/developers/email/{email}", Section: sectionPortal, Handle: getPortalDeveloperByEmail},
		{Method: "POST", Path: "/api/portal/developers/verify_credentials", Section: sectionPortal, Handle: verifyDeveloperCredentials},
		{Method: "POST", Path: "/api/portal/developers/password/{id}", Section: sectionPortal, Write: true, Handle: setDeveloperPassword},
	}
}

const (
	msgDeveloperNotFound       = "Could not retrieve developer."
	msgDeveloperInvalid        = "Developer object validation failed: "
	msgDeveloperPasswordFailed = "Developer password validation failed."
	msgCredentialsMismatch     = "Credentials do not match."
)

// publicDeveloper is a developer as answers show it: no password, no
// password history, every map present.
func publicDeveloper(d *model.PortalDeveloper) {
	d.Password = ""
	d.PWHistory = []string{}
	if d.Keys == nil {
		d.Keys = map[string][]string{}
	}
	if d.Subscriptions == nil {
		d.Subscriptions = map[string]string{}
	}
	if d.Fields == nil {
		d.Fields = map[string]string{}
	}
}

// checkDeveloper validates a developer's email: present, one address.
func checkDeveloper(d *model.PortalDeveloper) error {
	d.Email = strings.TrimSpace(d.Email)
	switch {
	case d.Email == "":
		return errors.New("email is required")
	case !strings.Contains(d.Email, "@") || strings.ContainsAny(d.Email, " \t\r\n"):
		return fmt.Errorf("email %q is not an email address", d.Email)
	case d.PasswordMaxDays < 0:
		return fmt.Errorf("password_max_days must be 0 (no expiry) or more, got %d", d.PasswordMaxDays)
	}
	return nil
}

func developerEmailTaken(email string) string {
	return msgDeveloperInvalid + "a developer with email " + email + " already exists"
}

// storeDeveloper wraps d for the store: keyed by its email without case,
// named by its email for q.
func (c *call) storeDeveloper(d *model.PortalDeveloper) (*store.PortalObject, error) {
	return c.portalObject(store.PortalDeveloper, d.ID, d.OrgID, normaliseEmail(d.Email), d.Email, d)
}

func listPortalDevelopers(c *call) {
	listPortalKind(c, store.PortalDeveloper, publicDeveloper)
}

func createPortalDeveloper(c *call) {
	var d model.PortalDeveloper
	if !decodeChecked(c, &d, checkDeveloper, msgDeveloperInvalid) {
		return
	}
	d.ID = c.s.ids.ObjectID()
	d.OrgID = c.orgFor(d.OrgID)
	d.DateCreated = c.nowString()
	password := d.Password
	publicDeveloper(&d) // every map present, no history
	d.Password = password
	if d.Password != "" {
		h, err := c.s.hashPassword(d.Password)
		if err != nil {
			c.fail(http.StatusBadRequest, msgDeveloperInvalid+"password: "+err.Error())
			return
		}
		d.Password, d.PasswordUpdated = h, d.DateCreated
	}
	obj, err := c.storeDeveloper(&d)
	if err == nil {
		err = c.update(func(tx store.DefinitionsTx) error {
			return c.portalConflict(tx.InsertPortalObject(obj), developerEmailTaken(d.Email))
		})
	}
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperNotFound) {
		return
	}
	c.ok(d.ID, nil)
}

func getPortalDeveloper(c *call) {
	var d model.PortalDeveloper
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := c.findPortal(tx, store.PortalDeveloper, c.PathValue("id"), &d)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperNotFound) {
		return
	}
	publicDeveloper(&d)
	c.json(http.StatusOK, &d)
}

// findDeveloperByEmail finds the developer of the caller's org with email,
// without case.
func (c *call) findDeveloperByEmail(tx store.DefinitionsReader, email string, d *model.PortalDeveloper) error {
	o, err := tx.GetPortalObjectByKey(store.PortalDeveloper, c.orgFor(""), normaliseEmail(email))
	if err != nil {
		return err
	}
	return decodeStored(o, d)
}

func getPortalDeveloperByEmail(c *call) {
	var d model.PortalDeveloper
	err := c.view(func(tx store.DefinitionsReader) error { return c.findDeveloperByEmail(tx, c.PathValue("email"), &d) })
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperNotFound) {
		return
	}
	publicDeveloper(&d)
	c.json(http.StatusOK, &d)
}

// updatePortalDeveloper replaces a developer. It keeps its id, org and
// creation date, and its password, password history, keys, subscriptions
// and OAuth clients when the body leaves them out (a password sent is set).
func updatePortalDeveloper(c *call) {
	var d model.PortalDeveloper
	if !decodeChecked(c, &d, checkDeveloper, msgDeveloperInvalid) {
		return
	}
	var newHash string
	if d.Password != "" {
		h, err := c.s.hashPassword(d.Password)
		if err != nil {
			c.fail(http.StatusBadRequest, msgDeveloperInvalid+"password: "+err.Error())
			return
		}
		newHash = h
	}
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var old model.PortalDeveloper
		o, err := c.findPortal(tx, store.PortalDeveloper, id, &old)
		if err != nil {
			return err
		}
		d.ID, d.OrgID, d.DateCreated = old.ID, old.OrgID, old.DateCreated
		d.Password, d.PasswordUpdated, d.PWHistory = old.Password, old.PasswordUpdated, old.PWHistory
		if newHash != "" {
			d.Password, d.PasswordUpdated = newHash, c.nowString()
		}
		if d.Keys == nil {
			d.Keys = old.Keys
		}
		if d.Subscriptions == nil {
			d.Subscriptions = old.Subscriptions
		}
		if d.OAuthClients == nil {
			d.OAuthClients = old.OAuthClients
		}
		obj, err := c.storeDeveloper(&d)
		if err != nil {
			return err
		}
		obj.Created = o.Created
		return c.portalConflict(tx.UpdatePortalObject(obj), developerEmailTaken(d.Email))
	})
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperNotFound) {
		return
	}
	c.ok("Data updated", nil)
}

func deletePortalDeveloper(c *call) {
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		var d model.PortalDeveloper
		if _, err := c.findPortal(tx, store.PortalDeveloper, id, &d); err != nil {
			return err
		}
		return tx.DeletePortalObject(store.PortalDeveloper, id)
	})
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperNotFound) {
		return
	}
	c.ok("Data deleted", nil)
}

// developerCredentials is the body of verify_credentials: the developer's
// email as username, and a password.
type developerCredentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// verifyDeveloperCredentials answers 200 when username and password are
// those of an active developer of the caller's org, 401 otherwise, the same
// answer whether the email or the password was wrong. The documentation
// gives only the status codes; the 200 is the action envelope with the
// developer's id in Meta.
func verifyDeveloperCredentials(c *call) {
	var in developerCredentials
	if !c.decode(&in) {
		return
	}
	if strings.TrimSpace(in.Username) == "" || in.Password == "" {
		c.fail(http.StatusBadRequest, "username (the developer's email) and password are required")
		return
	}
	var d model.PortalDeveloper
	err := c.view(func(tx store.DefinitionsReader) error { return c.findDeveloperByEmail(tx, in.Username, &d) })
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		c.storeFailed(err, http.StatusUnauthorized, msgCredentialsMismatch)
		return
	}
	if err != nil || d.Password == "" || d.Inactive ||
		bcrypt.CompareHashAndPassword([]byte(d.Password), []byte(in.Password)) != nil {
		c.fail(http.StatusUnauthorized, msgCredentialsMismatch)
		return
	}
	c.ok("Credentials verified", d.ID)
}

// setDeveloperPassword sets a developer's password without its current one.
func setDeveloperPassword(c *call) {
	var in struct {
		Password string `json:"password"`
	}
	if !c.decode(&in) {
		return
	}
	if in.Password == "" {
		c.fail(http.StatusBadRequest, msgDeveloperPasswordFailed+" password is required")
		return
	}
	h, err := c.s.hashPassword(in.Password)
	if err != nil {
		c.fail(http.StatusBadRequest, msgDeveloperPasswordFailed+" "+err.Error())
		return
	}
	id := c.PathValue("id")
	err = c.update(func(tx store.DefinitionsTx) error {
		var d model.PortalDeveloper
		o, err := c.findPortal(tx, store.PortalDeveloper, id, &d)
		if err != nil {
			return err
		}
		d.Password, d.PasswordUpdated = h, c.nowString()
		obj, err := c.storeDeveloper(&d)
		if err != nil {
			return err
		}
		obj.Created = o.Created
		return tx.UpdatePortalObject(obj)
	})
	if c.storeFailed(err, http.StatusNotFound, msgDeveloperPasswordFailed+" No developer "+id+".") {
		return
	}
	c.ok("Password changed", nil)
}
