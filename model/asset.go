package model

import "encoding/json"

// AssetKindOASTemplate is the only kind of asset the Dashboard accepts.
const AssetKindOASTemplate = "oas-template"

// Asset is a Dashboard asset; the only kind is an API template, whose Data is
// a partial Tyk OAS document (schema Asset). MID is the database id ("_id"),
// ID the custom id, generated when not given.
type Asset struct {
	MID         string          `json:"_id"`
	ID          string          `json:"id"`
	Kind        string          `json:"kind"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Data        json.RawMessage `json:"data"`
	OrgID       string          `json:"org_id"`
	LastUpdated string          `json:"last_updated"`

	Extra Extra `json:"-"`
}
