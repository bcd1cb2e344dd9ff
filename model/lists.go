package model

// The list envelopes of the Dashboard. Each has exactly the members the real
// Dashboard sends; an empty list is [] with Pages 1, never null.

// APIListResponse is GET /api/apis: {"apis":[...],"pages":N}.
type APIListResponse struct {
	APIs  []APIDefinitionWrapper `json:"apis"`
	Pages int64                  `json:"pages"`

	Extra Extra `json:"-"`
}

// PolicyListResponse is GET /api/portal/policies: {"Data":[...],"Pages":N}.
type PolicyListResponse struct {
	Data  []Policy `json:"Data"`
	Pages int64    `json:"Pages"`

	Extra Extra `json:"-"`
}

// UserListResponse is GET /api/users.
type UserListResponse struct {
	Users []User `json:"users"`
	Pages int64  `json:"pages"`

	Extra Extra `json:"-"`
}

// UserGroupListResponse is GET /api/usergroups.
type UserGroupListResponse struct {
	Groups []UserGroup `json:"groups"`
	Pages  int64       `json:"pages"`

	Extra Extra `json:"-"`
}

// WebHookListResponse is GET /api/hooks.
type WebHookListResponse struct {
	Hooks []WebHookHandlerConf `json:"hooks"`
	Pages int64                `json:"pages"`

	Extra Extra `json:"-"`
}

// OAuthClientListResponse is GET /api/apis/oauth/{apiId}.
type OAuthClientListResponse struct {
	Apps  []OAuthClient `json:"apps"`
	Pages int64         `json:"pages"`

	Extra Extra `json:"-"`
}

// KeyListResponse is GET /api/apis/keys: {"data":{"keys":[...]},"pages":N}.
type KeyListResponse struct {
	Data  KeyIDs `json:"data"`
	Pages int64  `json:"pages"`

	Extra Extra `json:"-"`
}

// KeyIDs is the inner object of KeyListResponse (schema AllKeys).
type KeyIDs struct {
	Keys []string `json:"keys"`

	Extra Extra `json:"-"`
}

// KeyDetailListResponse is GET /api/keys/detailed (schema KeysDetailed).
type KeyDetailListResponse struct {
	Keys  []KeyData `json:"keys"`
	Pages int64     `json:"pages"`

	Extra Extra `json:"-"`
}

// AuditLogListResponse is GET /api/audit-logs.
type AuditLogListResponse struct {
	AuditLogs []AuditLog `json:"audit_logs"`
	Pages     int64      `json:"pages"`

	Extra Extra `json:"-"`
}

// OrganisationListResponse is GET /admin/organisations (schema ApiRegister).
type OrganisationListResponse struct {
	Organisations []Organisation `json:"organisations"`
	Pages         int64          `json:"pages"`

	Extra Extra `json:"-"`
}

// CategoriesPayload is the body of GET|PUT /api/apis/oas/{id}/categories.
type CategoriesPayload struct {
	Categories []string `json:"categories"`

	Extra Extra `json:"-"`
}

// CategoryCount is one category and the number of APIs in it.
type CategoryCount struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`

	Extra Extra `json:"-"`
}

// AllCategoriesResponse is GET /api/apis/categories.
type AllCategoriesResponse struct {
	Categories []CategoryCount `json:"categories"`

	Extra Extra `json:"-"`
}

// ImportByURLPayload is the body of an OAS import or update that names the
// document's URL instead of carrying it (schema ApiImportByUrlPayload).
type ImportByURLPayload struct {
	URL string `json:"url"`

	Extra Extra `json:"-"`
}
