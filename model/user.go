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
// through the Admin API, is a super user across organisations.
//
// Password carries a new password in a create or update body; the Dashboard
// answers with "password": "" and never with a password or its hash.
type User struct {
	ID              string          `json:"id"`
	OrgID           string          `json:"org_id"`
	FirstName       string          `json:"first_name"`
	LastName        string          `json:"last_name"`
	EmailAddress    string          `json:"email_address"`
	Password        string          `json:"password"`
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

// SSO sections of SSOAccessData.ForSection.
const (
	SSOSectionDashboard = "dashboard"
	SSOSectionPortal    = "portal"
)

// SSOAccessData is the body of POST /api/sso and /admin/sso
// (schema SSOAccessData). The answer is an APIResponse whose Meta is a nonce
// valid for 60 seconds.
type SSOAccessData struct {
	// ForSection is SSOSectionDashboard or SSOSectionPortal.
	ForSection   string `json:"ForSection"`
	OrgID        string `json:"OrgID"`
	EmailAddress string `json:"EmailAddress"`
	DisplayName  string `json:"DisplayName"`
	GroupID      string `json:"GroupID"`
	// GroupsIDs gives the user several groups (Admin API).
	GroupsIDs                 []string `json:"GroupsIDs"`
	SSOOnlyForRegisteredUsers bool     `json:"SSOOnlyForRegisteredUsers"`
	UserNotAllowed            bool     `json:"UserNotAllowed"`

	Extra Extra `json:"-"`
}

// UserPassword is the body of POST /api/users/{id}/actions/reset
// (schema UserPassword).
type UserPassword struct {
	CurrentPassword string          `json:"current_password"`
	NewPassword     string          `json:"new_password"`
	APIModel        json.RawMessage `json:"api_model,omitempty"`

	Extra Extra `json:"-"`
}

// UserSearchPayload is the body of POST /api/users/search
// (schema UserSearchPayload).
type UserSearchPayload struct {
	Filters UserSearchFilters `json:"filters"`

	Extra Extra `json:"-"`
}

// UserSearchFilters are the filters of a user search; Query matches the
// email address.
type UserSearchFilters struct {
	Query string `json:"query"`

	Extra Extra `json:"-"`
}

// AccessManagementPayload grants users and user groups access to an object
// (schema AccessManagementPayload): the ids of its owners.
type AccessManagementPayload struct {
	UserIDs      []string `json:"userIds"`
	UserGroupIDs []string `json:"userGroupIds"`

	Extra Extra `json:"-"`
}

// UserKeyResetRequest is the body of PUT /api/users/{id}/actions/key/reset,
// which gives the user a new access key.
type UserKeyResetRequest struct {
	UserID string `json:"userId"`

	Extra Extra `json:"-"`
}
