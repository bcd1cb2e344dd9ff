package model

// This file holds the top of the Tyk OAS extension and its info section.

// XTykAPIGateway is the Tyk OAS extension, the x-tyk-api-gateway member of a
// Tyk OAS API document: everything the gateway needs beyond the OpenAPI
// description (schema XTykAPIGateway of the Dashboard description, and the
// gateway's JSON Schema of the extension). Info, Upstream and Server are
// required in a stored API but may be missing in an API template, so they are
// pointers, like every object member, so that a document keeps exactly the
// members it has.
type XTykAPIGateway struct {
	Info           *XTykInfo           `json:"info,omitempty"`
	Upstream       *XTykUpstream       `json:"upstream,omitempty"`
	Server         *XTykServer         `json:"server,omitempty"`
	Middleware     *XTykMiddleware     `json:"middleware,omitempty"`
	ErrorOverrides *XTykErrorOverrides `json:"errorOverrides,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykInfo identifies the API and its lifecycle: ids, name, state, versioning and expiry (info).
type XTykInfo struct {
	// ID is the API id (api_id of a classic API), 32 hex digits.
	ID string `json:"id,omitempty"`
	// DBID is the database id the Dashboard gave the API (id of a classic API).
	DBID string `json:"dbId,omitempty"`
	// OrgID is the id of the organisation that owns the API.
	OrgID string `json:"orgId,omitempty"`

	// Name is the API's name (classic name).
	Name string `json:"name"`
	// Expiration is when the API stops being served, as "2006-01-02 15:04"; empty for never.
	Expiration string     `json:"expiration,omitempty"`
	State      *XTykState `json:"state,omitempty"`

	// Versioning makes the API the base of a set of versions (classic definition).
	Versioning *XTykVersioning `json:"versioning,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykState says whether the gateway serves the API (active) and whether it is reachable only from other APIs
// (internal).
type XTykState struct {
	// Active makes the gateway serve the API (classic active).
	Active bool `json:"active"`

	// Internal makes the API reachable only from other APIs (classic internal).
	Internal *bool `json:"internal,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykVersioning makes the API the base of a set of versions: where the version is read from and which API
// serves each version (info.versioning).
type XTykVersioning struct {
	Enabled              *bool             `json:"enabled,omitempty"`
	Name                 string            `json:"name,omitempty"`
	Default              string            `json:"default,omitempty"`
	Location             string            `json:"location"`
	Key                  string            `json:"key,omitempty"`
	Versions             []XTykVersionToID `json:"versions,omitzero"`
	StripVersioningData  *bool             `json:"stripVersioningData,omitempty"`
	FallbackToDefault    *bool             `json:"fallbackToDefault,omitempty"`
	URLVersioningPattern string            `json:"urlVersioningPattern,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykVersionToID maps a version name to the API id that serves it.
type XTykVersionToID struct {
	Name string `json:"name"`
	ID   string `json:"id"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykErrorOverrides replaces the gateway's error responses, keyed by status code or class (errorOverrides).
type XTykErrorOverrides struct {
	Enabled bool                           `json:"enabled"`
	Value   map[string][]XTykErrorOverride `json:"value,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykErrorOverride is one replacement of an error response, optionally guarded by a matcher.
type XTykErrorOverride struct {
	Match    *XTykErrorMatcher  `json:"match,omitempty"`
	Response *XTykErrorResponse `json:"response,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykErrorMatcher selects the errors an override applies to.
type XTykErrorMatcher struct {
	Flag           string `json:"flag,omitempty"`
	MessagePattern string `json:"messagePattern,omitempty"`
	BodyField      string `json:"bodyField,omitempty"`
	BodyValue      string `json:"bodyValue,omitempty"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}

// XTykErrorResponse is the response an error override sends instead.
type XTykErrorResponse struct {
	StatusCode *int64            `json:"statusCode,omitempty"`
	Body       string            `json:"body,omitempty"`
	Message    string            `json:"message,omitempty"`
	Template   string            `json:"template,omitempty"`
	Headers    map[string]string `json:"headers,omitzero"`

	// Extra holds the members this type has no field for.
	Extra Extra `json:"-"`
}
