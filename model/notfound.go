package model

import (
	"net/http"
	"strings"
)

// Messages with which the Dashboard answers 400 when what is asked for does
// not exist (the official descriptions list them as the 400 examples of these
// routes). The memserver answers with them; the client recognises them.
const (
	// MsgAPINotFound is GET /api/apis/{id} for an unknown API.
	MsgAPINotFound = "Could not retrieve API detail"
	// MsgHookNotFound is GET /api/hooks/{id} for an unknown webhook.
	MsgHookNotFound = "Could not retrieve webhook detail."
	// MsgAPIReferenceNotFound is an OAuth route whose API does not exist.
	MsgAPIReferenceNotFound = "API reference not found."
)

// notFound400 holds the 400 messages that mean "not found", normalised by
// normaliseMessage: those above and every 400 of notFoundAnswers.
var notFound400 = func() map[string]bool {
	m := map[string]bool{
		normaliseMessage(MsgAPINotFound):          true,
		normaliseMessage(MsgOASNotFound):          true,
		normaliseMessage(MsgHookNotFound):         true,
		normaliseMessage(MsgAPIReferenceNotFound): true,
		// PUT /api/users/{id}/actions/revoke answers a missing user with
		// 400 and this message (the other user routes with 404).
		normaliseMessage("Could not retrieve user detail."): true,
	}
	for _, byMethod := range notFoundAnswers {
		for _, a := range byMethod {
			if a.Status == http.StatusBadRequest {
				m[normaliseMessage(a.Message)] = true
			}
		}
	}
	return m
}()

// ObjectKind names a kind of object of the Dashboard API, for
// NotFoundAnswer.
type ObjectKind string

// The kinds of object whose absence the Dashboard reports.
const (
	KindAPI          ObjectKind = "api"          // /api/apis/{id}
	KindOASAPI       ObjectKind = "oas-api"      // /api/apis/oas/{id}
	KindHook         ObjectKind = "hook"         // /api/hooks/{id}
	KindPolicy       ObjectKind = "policy"       // /api/portal/policies/{id}
	KindKey          ObjectKind = "key"          // /api/keys/{id}, /api/apis/{apiId}/keys/{id}
	KindUser         ObjectKind = "user"         // /api/users/{id}, /admin/users/{id}
	KindUserGroup    ObjectKind = "user-group"   // /api/usergroups/{id}
	KindAsset        ObjectKind = "asset"        // /api/assets/{id}
	KindOAuthClient  ObjectKind = "oauth-client" // /api/apis/oauth/{apiId}/{clientId}
	KindOAuthAPI     ObjectKind = "oauth-api"    // the API of an OAuth route
	KindOrganisation ObjectKind = "organisation" // /admin/organisations/{id}
	KindAuditLog     ObjectKind = "audit-log"    // /api/audit-logs/{id}
)

// ErrorAnswer is a status code and the Message of the error envelope.
type ErrorAnswer struct {
	Status  int
	Message string
}

// Response returns the error envelope of the answer:
// {"Status":"Error","Message":...,"Meta":null}.
func (a ErrorAnswer) Response() APIResponse { return ErrorResponse(a.Message) }

// notFoundAnswers are the Dashboard's answers for a missing object, by kind
// and method ("" for any other method), as the official description lists
// them. Some are 400s; clients must treat those as "not found" too.
var notFoundAnswers = map[ObjectKind]map[string]ErrorAnswer{
	KindAPI: {
		"":                {http.StatusBadRequest, MsgAPINotFound},
		http.MethodDelete: {http.StatusNotFound, MsgAPINotFound},
		http.MethodPut:    {http.StatusNotFound, "API definition does not exist"},
	},
	KindOASAPI: {
		"":                {http.StatusBadRequest, MsgOASNotFound},
		http.MethodDelete: {http.StatusNotFound, MsgOASNotFound},
		http.MethodPut:    {http.StatusNotFound, "API definition does not exist"},
	},
	KindHook: {
		"":                {http.StatusBadRequest, MsgHookNotFound},
		http.MethodDelete: {http.StatusNotFound, MsgHookNotFound},
		http.MethodPut:    {http.StatusBadRequest, "Webhook not found."},
	},
	KindPolicy: {
		"":                {http.StatusNotFound, "Could not retrieve portal object."},
		http.MethodDelete: {http.StatusNotFound, "Could not retrieve object for deletion"},
	},
	KindKey: {"": {http.StatusNotFound, "Could not retrieve key detail."}},
	KindUser: {
		"":             {http.StatusNotFound, "Could not retrieve user detail."},
		http.MethodPut: {http.StatusBadRequest, "user does not exist."},
	},
	KindUserGroup: {
		"":             {http.StatusNotFound, "Could not retrieve user group detail."},
		http.MethodPut: {http.StatusBadRequest, "Group ID does not exist"},
		// The Dashboard's own wording for a missing group on DELETE.
		http.MethodDelete: {http.StatusNotFound, "Could not retrieve user detail."},
	},
	KindAsset:        {"": {http.StatusNotFound, "Asset not found."}},
	KindOAuthClient:  {"": {http.StatusNotFound, "Could not retrieve app detail."}},
	KindOAuthAPI:     {"": {http.StatusBadRequest, MsgAPIReferenceNotFound}},
	KindOrganisation: {"": {http.StatusNotFound, "Could not retrieve org detail"}},
	KindAuditLog:     {"": {http.StatusNotFound, "could not retrieve audit record"}},
}

// NotFoundAnswer returns how the Dashboard answers a request (by method)
// for an object of the kind that does not exist: mostly 404, but 400 for a
// GET of an API, an OAS API or a webhook and for a few updates. The
// in-memory Dashboard answers with it; IsNotFound recognises every answer it
// gives. An unknown kind gets 404 "Not found".
func NotFoundAnswer(kind ObjectKind, method string) ErrorAnswer {
	byMethod, ok := notFoundAnswers[kind]
	if !ok {
		return ErrorAnswer{http.StatusNotFound, "Not found"}
	}
	if a, ok := byMethod[method]; ok {
		return a
	}
	return byMethod[""]
}

// normaliseMessage folds the spellings the Dashboard uses for the same answer
// ("API detail", "Api detail.", ...) into one.
func normaliseMessage(msg string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(msg)), ".")
}

// IsNotFound reports whether an error answer of the Dashboard means that the
// object asked for does not exist. That is every 404, and the 400s that some
// routes (GET /api/apis/{id}, GET /api/apis/oas/{id}, GET /api/hooks/{id},
// the OAuth routes of an unknown API) answer with instead: a client that
// re-creates on "not found" must treat both alike.
func IsNotFound(status int, message string) bool {
	switch status {
	case http.StatusNotFound:
		return true
	case http.StatusBadRequest:
		return notFound400[normaliseMessage(message)]
	}
	return false
}
