package model

import (
	"encoding/json"
	"time"
)

// APIDefinitionWrapper is how the Dashboard stores and lists an API, classic
// or OAS (schema ApiDefinitionWrapper). For an OAS API, APIDefinition.IsOAS is
// true and OAS holds the whole Tyk OAS document: clients crash without it.
type APIDefinitionWrapper struct {
	APIDefinition   *APIDefinition  `json:"api_definition"`
	APIModel        json.RawMessage `json:"api_model,omitempty"`
	HookReferences  []HookReference `json:"hook_references"`
	IsSite          bool            `json:"is_site"`
	SortBy          int64           `json:"sort_by"`
	Categories      []string        `json:"categories"`
	CreatedAt       *time.Time      `json:"created_at"`
	UpdatedAt       *time.Time      `json:"updated_at"`
	UserOwners      []string        `json:"user_owners"`
	UserGroupOwners []string        `json:"user_group_owners"`
	// OAS is the Tyk OAS document of an OAS API, kept as its raw JSON so that
	// nothing in it is lost; nil for a classic API.
	OAS json.RawMessage `json:"oas,omitempty"`

	Extra Extra `json:"-"`
}

type apiDefinitionWrapperAlias APIDefinitionWrapper

func (w *APIDefinitionWrapper) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*apiDefinitionWrapperAlias)(w), &w.Extra)
}

func (w APIDefinitionWrapper) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*apiDefinitionWrapperAlias)(&w), w.Extra)
}

// APIDefinition is a classic API definition (schema APIDefinition).
type APIDefinition struct {
	ID                string      `json:"id"`
	APIID             string      `json:"api_id"`
	OrgID             string      `json:"org_id"`
	Name              string      `json:"name"`
	Slug              string      `json:"slug"`
	Active            bool        `json:"active"`
	Internal          bool        `json:"internal"`
	IsOAS             bool        `json:"is_oas"`
	UseKeylessAccess  bool        `json:"use_keyless"`
	UseStandardAuth   bool        `json:"use_standard_auth"`
	UseBasicAuth      bool        `json:"use_basic_auth"`
	UseOauth2         bool        `json:"use_oauth2"`
	EnableJWT         bool        `json:"enable_jwt"`
	Domain            string      `json:"domain"`
	Tags              []string    `json:"tags"`
	Proxy             ProxyConfig `json:"proxy"`
	VersionData       VersionData `json:"version_data"`
	EnableContextVars bool        `json:"enable_context_vars"`

	Extra Extra `json:"-"`
}

type apiDefinitionAlias APIDefinition

func (a *APIDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*apiDefinitionAlias)(a), &a.Extra)
}

func (a APIDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*apiDefinitionAlias)(&a), a.Extra)
}

// ProxyConfig is where and how the gateway proxies an API (schema ProxyConfig).
type ProxyConfig struct {
	ListenPath      string   `json:"listen_path"`
	TargetURL       string   `json:"target_url"`
	StripListenPath bool     `json:"strip_listen_path"`
	TargetList      []string `json:"target_list"`

	Extra Extra `json:"-"`
}

type proxyConfigAlias ProxyConfig

func (p *ProxyConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*proxyConfigAlias)(p), &p.Extra)
}

func (p ProxyConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*proxyConfigAlias)(&p), p.Extra)
}

// VersionData lists the versions of a classic API (schema VersionData).
type VersionData struct {
	NotVersioned   bool                   `json:"not_versioned"`
	DefaultVersion string                 `json:"default_version"`
	Versions       map[string]VersionInfo `json:"versions"`

	Extra Extra `json:"-"`
}

type versionDataAlias VersionData

func (v *VersionData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionDataAlias)(v), &v.Extra)
}

func (v VersionData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionDataAlias)(&v), v.Extra)
}

// VersionInfo is one version of a classic API (schema VersionInfo).
type VersionInfo struct {
	Name             string `json:"name"`
	Expires          string `json:"expires"`
	UseExtendedPaths bool   `json:"use_extended_paths"`

	Extra Extra `json:"-"`
}

type versionInfoAlias VersionInfo

func (v *VersionInfo) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionInfoAlias)(v), &v.Extra)
}

func (v VersionInfo) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionInfoAlias)(&v), v.Extra)
}
