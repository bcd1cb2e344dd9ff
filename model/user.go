package model

import "encoding/json"

// UserPermissions maps a section of the Dashboard ("apis", "keys",
// "policies", ...) to "read", "write" or "deny"; "IsAdmin":"admin" grants
// everything in the user's org (schema UserPermissionObject).
type UserPermissions map[string]string

// Permission levels of UserPermissions.
const (
	PermRead  = "read"
	PermWrite = "write"
	PermDeny  = "deny"
	// PermIsAdmin is the key of UserPermissions that makes a user an admin
	// of its org, with the value PermAdmin.
	PermIsAdmin = "IsAdmin"
	PermAdmin   = "admin"
)

// User is a Dashboard user (schema User). A user without OrgID, created
// through the Admin API, is a super user across organisations. The password
// is never part of a user's JSON.
type User struct {
	ID              string          `json:"id"`
	OrgID           string          `json:"org_id"`
	FirstName       string          `json:"first_name"`
	LastName        string          `json:"last_name"`
	EmailAddress    string          `json:"email_address"`
	Password        string          `json:"password,omitempty"`
	AccessKey       string          `json:"access_key"`
	Active          bool            `json:"active"`
	UserPermissions UserPermissions `json:"user_permissions"`
	GroupID         string          `json:"group_id"`
	CreatedAt       string          `json:"created_at,omitempty"`
	LastLoginDate   string          `json:"last_login_date,omitempty"`
	PasswordMaxDays int64           `json:"password_max_days"`
	PasswordUpdated string          `json:"password_updated,omitempty"`
	APIModel        json.RawMessage `json:"api_model,omitempty"`

	// PasswordHash is the bcrypt hash of the user's password. It is never
	// part of the user's JSON; stores keep it beside the user.
	PasswordHash string `json:"-"`

	Extra Extra `json:"-"`
}

type userAlias User

func (u *User) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userAlias)(u), &u.Extra)
}

func (u User) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userAlias)(&u), u.Extra)
}

// UserGroup gives its users its permissions (schema UserGroup).
type UserGroup struct {
	ID              string          `json:"id"`
	OrgID           string          `json:"org_id"`
	Name            string          `json:"name"`
	Description     string          `json:"description"`
	Active          bool            `json:"active"`
	UserPermissions UserPermissions `json:"user_permissions"`
	PasswordMaxDays int64           `json:"password_max_days"`

	Extra Extra `json:"-"`
}

type userGroupAlias UserGroup

func (g *UserGroup) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userGroupAlias)(g), &g.Extra)
}

func (g UserGroup) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userGroupAlias)(&g), g.Extra)
}

// SSOAccessData is the body of POST /api/sso and /admin/sso
// (schema SSOAccessData).
type SSOAccessData struct {
	ForSection                string `json:"ForSection"`
	OrgID                     string `json:"OrgID"`
	EmailAddress              string `json:"EmailAddress"`
	DisplayName               string `json:"DisplayName"`
	GroupID                   string `json:"GroupID"`
	SSOOnlyForRegisteredUsers bool   `json:"SSOOnlyForRegisteredUsers"`
	UserNotAllowed            bool   `json:"UserNotAllowed"`
}
