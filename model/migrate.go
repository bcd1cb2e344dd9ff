package model

import "encoding/json"

// Migration modes of POST /api/apis/migrate (schema MigrateAPIRequest, its
// mode enum).
const (
	// MigrateDryRun answers the converted documents and changes nothing.
	MigrateDryRun = "dryRun"
	// MigrateStage adds an inactive Tyk OAS copy beside each classic API.
	MigrateStage = "stage"
	// MigratePromote replaces each classic API by its staged copy.
	MigratePromote = "promote"
	// MigrateDirect replaces each classic API by its Tyk OAS form.
	MigrateDirect = "direct"
)

// MigrateAPIRequest is the body of POST /api/apis/migrate (schema
// MigrateAPIRequest): which classic APIs to migrate to Tyk OAS (APIIDs, or
// All) and how (Mode, one of the Migrate* modes).
type MigrateAPIRequest struct {
	APIIDs         []string `json:"apiIDs,omitempty"`
	All            bool     `json:"all,omitempty"`
	AbortOnFailure bool     `json:"abortOnFailure,omitempty"`
	Mode           string   `json:"mode"`
	OverrideStaged bool     `json:"overrideStaged,omitempty"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateAPIResponse is the answer of POST /api/apis/migrate (schema
// MigrateAPIResponse); the documents of a dry run are in
// Success.Definitions.
type MigrateAPIResponse struct {
	Success          MigrateSuccess `json:"success"`
	Failure          MigrateFailure `json:"failure"`
	Skipped          MigrateSkipped `json:"skipped"`
	AbortedOnFailure bool           `json:"abortedOnFailure"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateSuccess is what a migration did (MigrateAPIResponse.success).
type MigrateSuccess struct {
	Count       int64               `json:"count"`
	APIIDs      []string            `json:"apiIDs"`
	StagedAPIs  []MigrateStagedAPI  `json:"stagedAPIs"`
	Definitions []MigrateDefinition `json:"definitions"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateStagedAPI pairs a classic API with the Tyk OAS copy stage mode
// made of it.
type MigrateStagedAPI struct {
	ClassicAPIID string `json:"classicAPIID"`
	OASAPIID     string `json:"oasAPIID"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateDefinition is one API converted by a dry run: its Tyk OAS
// document (BaseAPI) and those of its versions.
type MigrateDefinition struct {
	APIID    string            `json:"apiID"`
	BaseAPI  json.RawMessage   `json:"baseAPI"`
	Versions []json.RawMessage `json:"versions"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateFailure lists the APIs a migration failed on
// (MigrateAPIResponse.failure).
type MigrateFailure struct {
	Count  int64          `json:"count"`
	Errors []MigrateError `json:"errors"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateError is why one API failed to migrate.
type MigrateError struct {
	APIID   string   `json:"apiID"`
	Message []string `json:"message"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateSkipped lists the APIs a migration left as they were
// (MigrateAPIResponse.skipped).
type MigrateSkipped struct {
	Count int64            `json:"count"`
	APIs  []MigrateSkipAPI `json:"apis"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// MigrateSkipAPI is one API a migration skipped: Key names the reason
// ("already_migrated", "already_staged", "is_tcp", "is_streams",
// "is_graphql", "is_websocket", "not_staged"); the description lets it be
// null.
type MigrateSkipAPI struct {
	APIID   string  `json:"apiID"`
	Message string  `json:"message"`
	Key     *string `json:"key"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}
