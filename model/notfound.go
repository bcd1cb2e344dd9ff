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
// normaliseMessage.
var notFound400 = map[string]bool{
	normaliseMessage(MsgAPINotFound):          true,
	normaliseMessage(MsgOASNotFound):          true,
	normaliseMessage(MsgHookNotFound):         true,
	normaliseMessage(MsgAPIReferenceNotFound): true,
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
