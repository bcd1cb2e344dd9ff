package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Dashboard users. A user's API secret (access_key) is what Authorization
// carries: authentication looks it up on every request, so a deleted,
// revoked or re-keyed user's old secret stops working at once.
func userRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/users", Section: "users", Handle: listUsers},
		{Method: "POST", Path: "/api/users", Section: "users", Write: true, Handle: createUser},
		// Any user may read itself and set its own password; the handlers
		// check what reaches other users.
		{Method: "GET", Path: "/api/users/me", Handle: getMe},
		{Method: "GET", Path: "/api/users/search", Section: "users", Handle: searchUsers},
		{Method: "POST", Path: "/api/users/search", Section: "users", Handle: searchUsers},
		{Method: "GET", Path: "/api/users/{id}", Section: "users", Handle: getUser},
		{Method: "PUT", Path: "/api/users/{id}", Section: "users", Write: true, Handle: updateUser},
		{Method: "DELETE", Path: "/api/users/{id}", Section: "users", Write: true, Handle: deleteUser},
		{Method: "POST", Path: "/api/users/{id}/actions/reset", Handle: setUserPassword},
		{Method: "PUT", Path: "/api/users/{id}/actions/key/reset", Section: "users", Write: true, Handle: resetUserKey},
		{Method: "PUT", Path: "/api/users/{id}/actions/revoke", Section: "users", Write: true, Handle: revokeUser},
	}
}

// Messages of the user routes.
const (
	msgUserNotFound    = "Could not retrieve user detail."
	msgUserEmailTaken  = "User email already exists for this org."
	msgUserValidation  = "User object validation failed: "
	msgPasswordUpdated = "User password updated"
)

// minPasswordLength is the Dashboard's shortest password.
const minPasswordLength = 6

// WithPasswordCost sets the bcrypt cost of user passwords (default
// bcrypt.DefaultCost). Tests that set many passwords use bcrypt.MinCost to
// stay fast; the hashes are real bcrypt hashes either way.
func WithPasswordCost(cost int) Option { return func(c *config) { c.passwordCost = cost } }

// hashPassword returns the bcrypt hash of a password.
func (s *Server) hashPassword(pw string) (string, error) {
	cost := s.cfg.passwordCost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	return string(h), err
}

// publicUser is a user as the Dashboard shows it: never a password or its
// hash, and every member a client reads present.
func publicUser(u *model.User) answeredUser {
	out := *u
	out.Password = ""
	out.PasswordHash = ""
	if out.UserPermissions == nil {
		out.UserPermissions = model.UserPermissions{}
	}
	if len(out.APIModel) == 0 {
		out.APIModel = emptyObject
	}
	return answeredUser{&out}
}

// answeredUser is a user as answers carry it: without a password member at
// all. The 5.x description's User schema has none, and the generated
// dashboard-sdk decodes users strictly, refusing one that carries it.
type answeredUser struct{ *model.User }

func (a answeredUser) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(a.User)
	if err != nil {
		return nil, err
	}
	return withoutMember(b, "password")
}

// userList is GET /api/users as answered: model.UserListResponse with
// answeredUsers.
type userList struct {
	Users []answeredUser `json:"users"`
	Pages int64          `json:"pages"`
}

// withoutMember returns the JSON object b without its top-level member
// name, the other members unchanged and in their order.
func withoutMember(b []byte, name string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return b, err
	}
	out := make([]byte, 0, len(b))
	out = append(out, '{')
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if key == name {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		k, _ := json.Marshal(key)
		out = append(out, k...)
		out = append(out, ':')
		out = append(out, v...)
	}
	return append(out, '}'), nil
}

// findUser finds a user the caller may see.
func (c *call) findUser(tx store.DefinitionsReader, id string) (*model.User, error) {
	u, err := tx.GetUser(id)
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(u.OrgID) {
		return nil, store.ErrNotFound
	}
	return u, nil
}

// shownUser is a user as the caller may see it: a user's API secret is
// shown to admins and to the user itself only, since anyone who reads
// another's secret can act as that user.
func (c *call) shownUser(u *model.User) answeredUser {
	out := publicUser(u)
	if !c.isAdmin() && (c.user == nil || c.user.ID != u.ID) {
		out.AccessKey = ""
	}
	return out
}

func listUsers(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	c.answerUsers(opts)
}

// answerUsers answers one page of the caller's org's users.
func (c *call) answerUsers(opts store.ListOptions) {
	var page store.Page[model.User]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListUsers(c.orgID, opts)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve users.") {
		return
	}
	users := make([]answeredUser, 0, len(page.Items))
	for i := range page.Items {
		users = append(users, c.shownUser(&page.Items[i]))
	}
	c.json(http.StatusOK, userList{Users: users, Pages: int64(page.Pages)})
}

// searchUsers answers GET /api/users/search?q= and POST /api/users/search
// {"filters":{"query":...}}: users whose name or email contains the query.
func searchUsers(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	if c.r.Method == http.MethodPost {
		var in model.UserSearchPayload
		if !c.decode(&in) {
			return
		}
		opts.Query = in.Filters.Query
	}
	c.answerUsers(opts)
}

func getUser(c *call) {
	var u *model.User
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		u, err = c.findUser(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	c.json(http.StatusOK, c.shownUser(u))
}

func getMe(c *call) {
	var u *model.User
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		u, err = tx.GetUser(c.user.ID)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve current user detail.") {
		return
	}
	c.json(http.StatusOK, publicUser(u))
}

// checkEmailFree fails with a conflict (answered 403 "User email already
// exists for this org.") when a user other than self has email in org, or,
// unless the Server has multi-org users (WithMultiOrgUsers, the
// Dashboard's enable_multi_org_users, off by default), in any org. The
// store keeps emails unique per org only.
func (s *Server) checkEmailFree(tx store.DefinitionsReader, org, email, self string) error {
	if email == "" {
		return nil
	}
	orgs := []string{org}
	if !s.cfg.multiOrgUsers {
		all, err := tx.ListOrgs(store.ListOptions{Page: 0})
		if err != nil {
			return err
		}
		orgs = append(orgs[:0], "") // super users
		for _, o := range all.Items {
			orgs = append(orgs, o.ID)
		}
	}
	for _, o := range orgs {
		u, err := tx.GetUserByEmail(o, email)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return err
		case u.ID != self:
			return fmt.Errorf("user email %s: %w", email, store.ErrConflict)
		}
	}
	return nil
}

// normaliseEmail is an email as users are stored with it: trimmed and
// lower-cased, as a real Dashboard stores them (real exports carry only
// lower-case emails), so that a look-up finds it however it is typed.
func normaliseEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// checkUser validates the members of a user a client sets.
func checkUser(u *model.User) error {
	email := strings.TrimSpace(u.EmailAddress)
	switch {
	case email == "":
		return errors.New("email_address is required")
	case !strings.Contains(email, "@") || strings.ContainsAny(email, " \t\r\n"):
		return errors.New("email_address " + u.EmailAddress + " is not an email address")
	case u.PasswordMaxDays < 0:
		return errors.New("password_max_days must not be negative")
	}
	return checkPermissions(u.UserPermissions)
}

// checkGroup answers whether group (when set) is a group of org.
func checkGroup(tx store.DefinitionsReader, org, group string) error {
	if group == "" {
		return nil
	}
	g, err := tx.GetUserGroup(group)
	if errors.Is(err, store.ErrNotFound) || (err == nil && g.OrgID != org) {
		return errors.New("group_id " + group + " is not a user group of the organisation")
	}
	return err
}

func createUser(c *call) {
	var u model.User
	if !c.decode(&u) {
		return
	}
	c.insertUser(&u, true)
}

// insertUser stores a new user in the caller's org (a super user may name
// another) and answers; withPassword says whether a password in the body
// is kept (the Admin API creates users without one).
func (c *call) insertUser(u *model.User, withPassword bool) {
	u.EmailAddress = normaliseEmail(u.EmailAddress)
	if err := checkUser(u); err != nil {
		c.fail(http.StatusBadRequest, msgUserValidation+err.Error())
		return
	}
	if err := c.grantable(u.UserPermissions); err != nil {
		c.fail(http.StatusForbidden, err.Error())
		return
	}
	if withPassword && u.Password != "" {
		if len(u.Password) < minPasswordLength {
			c.fail(http.StatusBadRequest, msgUserValidation+"password must be at least 6 characters")
			return
		}
		h, err := c.s.hashPassword(u.Password)
		if err != nil {
			c.fail(http.StatusInternalServerError, "hash the password: "+err.Error())
			return
		}
		u.PasswordHash = h
		u.PasswordUpdated = c.nowString()
	} else {
		u.PasswordHash, u.PasswordUpdated = "", ""
	}
	u.Password = ""
	u.ID = c.s.ids.ObjectID() // a stale id in the body is ignored
	u.AccessKey = c.s.ids.Secret()
	u.CreatedAt = c.nowString()
	u.LastLoginDate = ""
	if c.admin {
		// The Admin API's user: without org_id, a super user.
		u.OrgID = strings.TrimSpace(u.OrgID)
	} else {
		u.OrgID = c.orgFor(u.OrgID)
	}
	// A new user is active unless the body says otherwise: a user that
	// cannot log in is rarely what a client that forgot "active" meant.
	var has map[string]json.RawMessage
	if json.Unmarshal(c.body, &has) == nil {
		if _, ok := has["active"]; !ok {
			u.Active = true
		}
	}
	if u.UserPermissions == nil {
		u.UserPermissions = model.UserPermissions{}
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if u.OrgID != "" {
			if _, err := tx.GetOrg(u.OrgID); errors.Is(err, store.ErrNotFound) {
				return c.failTx(http.StatusBadRequest, msgUserValidation+"org_id "+u.OrgID+" is not an organisation")
			}
		}
		if err := checkGroup(tx, u.OrgID, u.GroupID); err != nil {
			return c.failTx(http.StatusBadRequest, msgUserValidation+err.Error())
		}
		if err := c.grantableGroup(tx, u.GroupID); err != nil {
			return err
		}
		if err := c.s.checkEmailFree(tx, u.OrgID, u.EmailAddress, ""); err != nil {
			return err
		}
		return tx.InsertUser(u)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusForbidden, msgUserEmailTaken)
		return
	}
	if c.storeFailed(err, http.StatusBadRequest, msgUserNotFound) {
		return
	}
	if c.admin {
		// The Admin API answers the new secret in Message and the user in
		// Meta.
		c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: u.AccessKey, Meta: publicUser(u)})
		return
	}
	// The 5.x description's answer (addUser): the new id in Meta.
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: "User and session have been created", Meta: u.ID})
}

// userUpdate is a user body of PUT: the user, and which members it has, so
// that members the client left out keep their value.
type userUpdate struct {
	model.User
	has map[string]json.RawMessage
}

func (c *call) decodeUserUpdate() (*userUpdate, bool) {
	var in userUpdate
	if !c.decode(&in.User) {
		return nil, false
	}
	if err := json.Unmarshal(c.body, &in.has); err != nil {
		c.fail(http.StatusBadRequest, decodeError(err))
		return nil, false
	}
	return &in, true
}

// apply lays the members of in over u.
func (in *userUpdate) apply(u *model.User) {
	if _, ok := in.has["first_name"]; ok {
		u.FirstName = in.FirstName
	}
	if _, ok := in.has["last_name"]; ok {
		u.LastName = in.LastName
	}
	if _, ok := in.has["email_address"]; ok {
		u.EmailAddress = normaliseEmail(in.EmailAddress)
	}
	if _, ok := in.has["active"]; ok {
		u.Active = in.Active
	}
	if _, ok := in.has["user_permissions"]; ok {
		u.UserPermissions = in.UserPermissions
		if u.UserPermissions == nil {
			u.UserPermissions = model.UserPermissions{}
		}
	}
	if _, ok := in.has["group_id"]; ok {
		u.GroupID = in.GroupID
	}
	if _, ok := in.has["password_max_days"]; ok {
		u.PasswordMaxDays = in.PasswordMaxDays
	}
	if _, ok := in.has["api_model"]; ok {
		u.APIModel = in.APIModel
	}
	for k, v := range in.Extra {
		if u.Extra == nil {
			u.Extra = model.Extra{}
		}
		u.Extra[k] = v
	}
}

func updateUser(c *call) {
	in, ok := c.decodeUserUpdate()
	if !ok {
		return
	}
	c.changeUser(in)
}

// changeUser applies a PUT to the user of the path, checking who may change
// what: permissions and group (what a user may do) only an admin changes
// for itself, and nobody grants more than it has; a password in the body
// is set only through the Admin API, which also asks for the user's
// access_key (the Dashboard API sets passwords with actions/reset).
func (c *call) changeUser(in *userUpdate) {
	id := c.PathValue("id")
	if in.ID != "" && in.ID != id {
		c.fail(http.StatusBadRequest, "the user id in the body does not match the path")
		return
	}
	var hash string
	if c.admin && in.Password != "" {
		if len(in.Password) < minPasswordLength {
			c.fail(http.StatusBadRequest, msgUserValidation+"password must be at least 6 characters")
			return
		}
		var err error
		if hash, err = c.s.hashPassword(in.Password); err != nil {
			c.fail(http.StatusInternalServerError, "hash the password: "+err.Error())
			return
		}
	}
	if !c.admin && in.Password != "" {
		c.fail(http.StatusBadRequest, "a password is set with POST /api/users/"+id+"/actions/reset, not with PUT")
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := c.findUser(tx, id)
		if err != nil {
			return err
		}
		if err := c.mayManage(tx, u); err != nil {
			return err
		}
		old := *u
		in.apply(u)
		if c.admin {
			if _, ok := in.has["org_id"]; ok {
				u.OrgID = strings.TrimSpace(in.OrgID)
				if u.OrgID != "" {
					if _, err := tx.GetOrg(u.OrgID); errors.Is(err, store.ErrNotFound) {
						return c.failTx(http.StatusBadRequest, msgUserValidation+"org_id "+u.OrgID+" is not an organisation")
					}
				}
			}
			if hash != "" {
				if in.AccessKey != old.AccessKey {
					return c.failTx(http.StatusForbidden, "to set a user's password, send its access_key with it")
				}
				u.PasswordHash, u.PasswordUpdated = hash, c.nowString()
			}
		}
		if err := checkUser(u); err != nil {
			return c.failTx(http.StatusBadRequest, msgUserValidation+err.Error())
		}
		rightsChanged := !samePermissions(old.UserPermissions, u.UserPermissions) || old.GroupID != u.GroupID
		if rightsChanged && !c.admin {
			if u.ID == c.user.ID && !c.isAdmin() {
				return c.failTx(http.StatusForbidden, "only an admin may change its own user_permissions or group_id")
			}
			if err := c.grantable(u.UserPermissions); err != nil {
				return c.failTx(http.StatusForbidden, err.Error())
			}
			if u.GroupID != old.GroupID && !c.isAdmin() {
				return c.failTx(http.StatusForbidden, "only an admin may move a user to another group")
			}
		}
		if err := checkGroup(tx, u.OrgID, u.GroupID); err != nil {
			return c.failTx(http.StatusBadRequest, msgUserValidation+err.Error())
		}
		if u.EmailAddress != old.EmailAddress || u.OrgID != old.OrgID {
			if err := c.s.checkEmailFree(tx, u.OrgID, u.EmailAddress, u.ID); err != nil {
				return err
			}
		}
		return tx.UpdateUser(u)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusForbidden, msgUserEmailTaken)
		return
	}
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	if c.admin {
		c.ok("User updated", "")
		return
	}
	c.ok("User updated", nil)
}

// deleteUser deletes a user; a user may delete itself (its secret stops
// working with this answer), as on the Dashboard.
func deleteUser(c *call) {
	id := c.PathValue("id")
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := c.findUser(tx, id)
		if err != nil {
			return err
		}
		if err := c.mayManage(tx, u); err != nil {
			return err
		}
		return tx.DeleteUser(u.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	c.ok("User deleted", nil)
}

// setUserPassword sets a user's password. A user sets its own; setting
// another's takes write on users. The current password is required when the
// user has one, unless the caller may reset passwords (ResetPassword,
// granted by the Admin API's allow_reset_passwords) and the user is not
// itself. A password cannot be set to the one it replaces.
func setUserPassword(c *call) {
	var in model.UserPassword
	if !c.decode(&in) {
		return
	}
	id := c.PathValue("id")
	self := id == c.user.ID
	if !self && !allowed(c.perms, "users", true) {
		c.fail(http.StatusForbidden, "access denied: You do not have permission to change this user's password")
		return
	}
	if len(in.NewPassword) < minPasswordLength {
		c.fail(http.StatusBadRequest, "Request body malformed: new_password must be at least 6 characters")
		return
	}
	var u *model.User
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		if u, err = c.findUser(tx, id); err != nil || self {
			return err
		}
		return c.mayManage(tx, u)
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	// Only an admin may skip the check: a non-admin that could would take
	// over an admin's account.
	resetter := !self && c.isAdmin() && c.perms[permResetPassword] == model.PermAdmin
	if u.PasswordHash != "" {
		if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(in.NewPassword)) == nil {
			c.fail(http.StatusBadRequest, "the new password must differ from the current one")
			return
		}
		if !resetter {
			if in.CurrentPassword == "" {
				c.fail(http.StatusForbidden, "current_password is required to change a password")
				return
			}
			if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(in.CurrentPassword)) != nil {
				c.fail(http.StatusForbidden, "current_password is not the user's password")
				return
			}
		}
	}
	hash, err := c.s.hashPassword(in.NewPassword)
	if err != nil {
		c.fail(http.StatusInternalServerError, "hash the password: "+err.Error())
		return
	}
	err = c.update(func(tx store.DefinitionsTx) error {
		cur, err := c.findUser(tx, id)
		if err != nil {
			return err
		}
		if !self {
			if err := c.mayManage(tx, cur); err != nil {
				return err
			}
		}
		if cur.PasswordHash != u.PasswordHash {
			// Changed since it was checked: the check no longer holds.
			return c.failTx(http.StatusConflict, "the password changed meanwhile; try again")
		}
		cur.PasswordHash, cur.PasswordUpdated = hash, c.nowString()
		return tx.UpdateUser(cur)
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	c.ok(msgPasswordUpdated, nil)
}

// resetUserKey gives a user a new API secret; the old one stops working
// with this answer.
func resetUserKey(c *call) {
	id := c.PathValue("id")
	if len(c.body) > 0 {
		var in model.UserKeyResetRequest
		if !c.decode(&in) {
			return
		}
		if in.UserID != "" && in.UserID != id {
			c.fail(http.StatusBadRequest, "Problem updating user with new key: userId in the body does not match the path")
			return
		}
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := c.findUser(tx, id)
		if err != nil {
			return err
		}
		if err := c.mayManage(tx, u); err != nil {
			return err
		}
		u.AccessKey = c.s.ids.Secret()
		return tx.UpdateUser(u)
	})
	if c.storeFailed(err, http.StatusNotFound, msgUserNotFound) {
		return
	}
	c.ok("User session renewed", nil)
}

// revokeUser makes a user inactive: its secret stops working at once.
func revokeUser(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		u, err := c.findUser(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if err := c.mayManage(tx, u); err != nil {
			return err
		}
		u.Active = false
		return tx.UpdateUser(u)
	})
	if c.storeFailed(err, http.StatusBadRequest, msgUserNotFound) {
		return
	}
	c.ok("User revoked", nil)
}
