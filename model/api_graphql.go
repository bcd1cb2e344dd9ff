package model

import (
	"encoding/json"
	"time"
)

// GraphQLConfig is the GraphQL side of an API: a proxied GraphQL upstream, a
// Universal Data Graph, or a federation subgraph or supergraph
// (schema GraphQLConfig).
type GraphQLConfig struct {
	Enabled bool `json:"enabled"`
	// ExecutionMode is "proxyOnly", "executionEngine", "subgraph" or
	// "supergraph".
	ExecutionMode           string                             `json:"execution_mode"`
	Version                 string                             `json:"version"`
	Schema                  string                             `json:"schema"`
	LastSchemaUpdate        *time.Time                         `json:"last_schema_update,omitempty"`
	TypeFieldConfigurations []DatasourceTypeFieldConfiguration `json:"type_field_configurations"`
	GraphQLPlayground       GraphQLPlayground                  `json:"playground"`
	Engine                  GraphQLEngineConfig                `json:"engine"`
	Proxy                   GraphQLProxyConfig                 `json:"proxy"`
	Subgraph                GraphQLSubgraphConfig              `json:"subgraph"`
	Supergraph              GraphQLSupergraphConfig            `json:"supergraph"`
	Introspection           GraphQLIntrospectionConfig         `json:"introspection"`

	Extra Extra `json:"-"`
}

// DatasourceTypeFieldConfiguration is the legacy (version 1) data source of
// one field (schema DatasourceTypeFieldConfiguration).
type DatasourceTypeFieldConfiguration struct {
	TypeName   string                          `json:"type_name"`
	FieldName  string                          `json:"field_name"`
	Mapping    *DatasourceMappingConfiguration `json:"mapping"`
	DataSource DatasourceSourceConfig          `json:"data_source"`

	Extra Extra `json:"-"`
}

// DatasourceMappingConfiguration maps a field to a path of the data source's
// answer (schema DatasourceMappingConfiguration, nullable).
type DatasourceMappingConfiguration struct {
	Disabled bool   `json:"disabled"`
	Path     string `json:"path"`

	Extra Extra `json:"-"`
}

// DatasourceSourceConfig is a legacy data source: its kind and free-form
// configuration (schema DatasourceSourceConfig).
type DatasourceSourceConfig struct {
	Name   string          `json:"kind"`
	Config json.RawMessage `json:"data_source_config"`

	Extra Extra `json:"-"`
}

// GraphQLPlayground serves a GraphQL playground at Path
// (schema GraphQLPlayground).
type GraphQLPlayground struct {
	Enabled bool   `json:"enabled"`
	Path    string `json:"path"`

	Extra Extra `json:"-"`
}

// GraphQLEngineConfig is a Universal Data Graph: data sources and field
// mappings (schema GraphQLEngineConfig).
type GraphQLEngineConfig struct {
	FieldConfigs  []GraphQLFieldConfig      `json:"field_configs"`
	DataSources   []GraphQLEngineDataSource `json:"data_sources"`
	GlobalHeaders []UDGGlobalHeader         `json:"global_headers"`

	Extra Extra `json:"-"`
}

// GraphQLFieldConfig maps one field of the schema (schema GraphQLFieldConfig).
type GraphQLFieldConfig struct {
	TypeName              string   `json:"type_name"`
	FieldName             string   `json:"field_name"`
	DisableDefaultMapping bool     `json:"disable_default_mapping"`
	Path                  []string `json:"path"`

	Extra Extra `json:"-"`
}

// GraphQLEngineDataSource is one data source of a Universal Data Graph
// (schema GraphQLEngineDataSource). Config depends on Kind ("REST",
// "GraphQL", "Kafka") and is kept raw.
type GraphQLEngineDataSource struct {
	Kind       string              `json:"kind"`
	Name       string              `json:"name"`
	Internal   bool                `json:"internal"`
	RootFields []GraphQLTypeFields `json:"root_fields"`
	Config     json.RawMessage     `json:"config"`

	Extra Extra `json:"-"`
}

// GraphQLTypeFields names a type and some of its fields
// (schema GraphQLTypeFields).
type GraphQLTypeFields struct {
	Type   string   `json:"type"`
	Fields []string `json:"fields"`

	Extra Extra `json:"-"`
}

// UDGGlobalHeader is a header sent to every data source
// (schema UDGGlobalHeader).
type UDGGlobalHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`

	Extra Extra `json:"-"`
}

// GraphQLProxyConfig configures a proxied GraphQL upstream
// (schema GraphQLProxyConfig).
type GraphQLProxyConfig struct {
	Features              GraphQLProxyFeaturesConfig             `json:"features"`
	AuthHeaders           map[string]string                      `json:"auth_headers"`
	SubscriptionType      string                                 `json:"subscription_type,omitempty"`
	RequestHeaders        map[string]string                      `json:"request_headers"`
	UseResponseExtensions GraphQLResponseExtensions              `json:"use_response_extensions"`
	RequestHeadersRewrite map[string]RequestHeadersRewriteConfig `json:"request_headers_rewrite"`

	Extra Extra `json:"-"`
}

// GraphQLProxyFeaturesConfig are switches of a GraphQL proxy
// (schema GraphQLProxyFeaturesConfig).
type GraphQLProxyFeaturesConfig struct {
	UseImmutableHeaders bool `json:"use_immutable_headers"`

	Extra Extra `json:"-"`
}

// GraphQLResponseExtensions says which upstream extensions reach the client
// (schema GraphQLResponseExtensions).
type GraphQLResponseExtensions struct {
	OnErrorForwarding bool `json:"on_error_forwarding"`

	Extra Extra `json:"-"`
}

// RequestHeadersRewriteConfig replaces or removes one request header
// (schema RequestHeadersRewriteConfig).
type RequestHeadersRewriteConfig struct {
	Value  string `json:"value"`
	Remove bool   `json:"remove"`

	Extra Extra `json:"-"`
}

// GraphQLSubgraphConfig is the SDL of a federation subgraph
// (schema GraphQLSubgraphConfig).
type GraphQLSubgraphConfig struct {
	SDL string `json:"sdl"`

	Extra Extra `json:"-"`
}

// GraphQLSupergraphConfig is a federation supergraph: its subgraphs and the
// SDL merged from them (schema GraphQLSupergraphConfig).
type GraphQLSupergraphConfig struct {
	UpdatedAt            *time.Time              `json:"updated_at,omitempty"`
	Subgraphs            []GraphQLSubgraphEntity `json:"subgraphs"`
	MergedSDL            string                  `json:"merged_sdl"`
	GlobalHeaders        map[string]string       `json:"global_headers"`
	DisableQueryBatching bool                    `json:"disable_query_batching"`

	Extra Extra `json:"-"`
}

// GraphQLSubgraphEntity is one subgraph of a supergraph
// (schema GraphQLSubgraphEntity).
type GraphQLSubgraphEntity struct {
	APIID            string            `json:"api_id"`
	Name             string            `json:"name"`
	URL              string            `json:"url"`
	SDL              string            `json:"sdl"`
	Headers          map[string]string `json:"headers"`
	SubscriptionType string            `json:"subscription_type,omitempty"`

	Extra Extra `json:"-"`
}

// GraphQLIntrospectionConfig turns introspection off
// (schema GraphQLIntrospectionConfig).
type GraphQLIntrospectionConfig struct {
	Disabled bool `json:"disabled"`

	Extra Extra `json:"-"`
}
