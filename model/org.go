package model

import "encoding/json"

// Organisation is a tenant of the Dashboard (Admin API schema
// OrganisationDocument).
type Organisation struct {
	ID                    string            `json:"id"`
	OwnerName             string            `json:"owner_name"`
	OwnerSlug             string            `json:"owner_slug"`
	CNAMEEnabled          bool              `json:"cname_enabled"`
	CNAME                 string            `json:"cname"`
	APIs                  []json.RawMessage `json:"apis"`
	DeveloperQuota        int64             `json:"developer_quota"`
	DeveloperCount        int64             `json:"developer_count"`
	EventOptions          map[string]any    `json:"event_options"`
	HybridEnabled         bool              `json:"hybrid_enabled"`
	UI                    json.RawMessage   `json:"ui,omitempty"`
	OrgOptionsMeta        map[string]any    `json:"org_options_meta"`
	OpenPolicy            json.RawMessage   `json:"open_policy,omitempty"`
	AdditionalPermissions map[string]string `json:"additional_permissions"`
	SSOEnabled            bool              `json:"sso_enabled"`

	Extra Extra `json:"-"`
}

type organisationAlias Organisation

func (o *Organisation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*organisationAlias)(o), &o.Extra)
}

func (o Organisation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*organisationAlias)(&o), o.Extra)
}
