package model

// The JSON methods below give every type with an Extra field its
// unknown-member handling: decoding keeps the members the type has no field
// for in Extra, encoding writes them back. Each goes through a method-less
// alias of its type so that encoding/json does not call the method again.

type analyticsResultUnitJSON AnalyticsResultUnit

// UnmarshalJSON decodes a AnalyticsResultUnit, keeping unknown members in Extra.
func (v *AnalyticsResultUnit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*analyticsResultUnitJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AnalyticsResultUnit with the members kept in Extra.
func (v AnalyticsResultUnit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*analyticsResultUnitJSON)(&v), v.Extra)
}

type analyticsResultIDJSON AnalyticsResultID

// UnmarshalJSON decodes a AnalyticsResultID, keeping unknown members in Extra.
func (v *AnalyticsResultID) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*analyticsResultIDJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AnalyticsResultID with the members kept in Extra.
func (v AnalyticsResultID) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*analyticsResultIDJSON)(&v), v.Extra)
}

type aPIDefinitionWrapperJSON APIDefinitionWrapper

// UnmarshalJSON decodes a APIDefinitionWrapper, keeping unknown members in Extra.
func (v *APIDefinitionWrapper) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aPIDefinitionWrapperJSON)(v), &v.Extra)
}

// MarshalJSON encodes a APIDefinitionWrapper with the members kept in Extra.
func (v APIDefinitionWrapper) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aPIDefinitionWrapperJSON)(&v), v.Extra)
}

type aPIDefinitionJSON APIDefinition

// UnmarshalJSON decodes a APIDefinition, keeping unknown members in Extra.
func (v *APIDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aPIDefinitionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a APIDefinition with the members kept in Extra.
func (v APIDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aPIDefinitionJSON)(&v), v.Extra)
}

type proxyConfigJSON ProxyConfig

// UnmarshalJSON decodes a ProxyConfig, keeping unknown members in Extra.
func (v *ProxyConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*proxyConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ProxyConfig with the members kept in Extra.
func (v ProxyConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*proxyConfigJSON)(&v), v.Extra)
}

type proxyTransportJSON ProxyTransport

// UnmarshalJSON decodes a ProxyTransport, keeping unknown members in Extra.
func (v *ProxyTransport) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*proxyTransportJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ProxyTransport with the members kept in Extra.
func (v ProxyTransport) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*proxyTransportJSON)(&v), v.Extra)
}

type serviceDiscoveryConfigurationJSON ServiceDiscoveryConfiguration

// UnmarshalJSON decodes a ServiceDiscoveryConfiguration, keeping unknown members in Extra.
func (v *ServiceDiscoveryConfiguration) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*serviceDiscoveryConfigurationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ServiceDiscoveryConfiguration with the members kept in Extra.
func (v ServiceDiscoveryConfiguration) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*serviceDiscoveryConfigurationJSON)(&v), v.Extra)
}

type versionDefinitionJSON VersionDefinition

// UnmarshalJSON decodes a VersionDefinition, keeping unknown members in Extra.
func (v *VersionDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionDefinitionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a VersionDefinition with the members kept in Extra.
func (v VersionDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionDefinitionJSON)(&v), v.Extra)
}

type uptimeTestsJSON UptimeTests

// UnmarshalJSON decodes a UptimeTests, keeping unknown members in Extra.
func (v *UptimeTests) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*uptimeTestsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UptimeTests with the members kept in Extra.
func (v UptimeTests) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*uptimeTestsJSON)(&v), v.Extra)
}

type cORSConfigJSON CORSConfig

// UnmarshalJSON decodes a CORSConfig, keeping unknown members in Extra.
func (v *CORSConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*cORSConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CORSConfig with the members kept in Extra.
func (v CORSConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*cORSConfigJSON)(&v), v.Extra)
}

type cacheOptionsJSON CacheOptions

// UnmarshalJSON decodes a CacheOptions, keeping unknown members in Extra.
func (v *CacheOptions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*cacheOptionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CacheOptions with the members kept in Extra.
func (v CacheOptions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*cacheOptionsJSON)(&v), v.Extra)
}

type eventHandlerMetaConfigJSON EventHandlerMetaConfig

// UnmarshalJSON decodes a EventHandlerMetaConfig, keeping unknown members in Extra.
func (v *EventHandlerMetaConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*eventHandlerMetaConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a EventHandlerMetaConfig with the members kept in Extra.
func (v EventHandlerMetaConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*eventHandlerMetaConfigJSON)(&v), v.Extra)
}

type eventHandlerTriggerConfigJSON EventHandlerTriggerConfig

// UnmarshalJSON decodes a EventHandlerTriggerConfig, keeping unknown members in Extra.
func (v *EventHandlerTriggerConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*eventHandlerTriggerConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a EventHandlerTriggerConfig with the members kept in Extra.
func (v EventHandlerTriggerConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*eventHandlerTriggerConfigJSON)(&v), v.Extra)
}

type middlewareSectionJSON MiddlewareSection

// UnmarshalJSON decodes a MiddlewareSection, keeping unknown members in Extra.
func (v *MiddlewareSection) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*middlewareSectionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a MiddlewareSection with the members kept in Extra.
func (v MiddlewareSection) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*middlewareSectionJSON)(&v), v.Extra)
}

type authConfigJSON AuthConfig

// UnmarshalJSON decodes a AuthConfig, keeping unknown members in Extra.
func (v *AuthConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*authConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AuthConfig with the members kept in Extra.
func (v AuthConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*authConfigJSON)(&v), v.Extra)
}

type upstreamAuthJSON UpstreamAuth

// UnmarshalJSON decodes a UpstreamAuth, keeping unknown members in Extra.
func (v *UpstreamAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*upstreamAuthJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UpstreamAuth with the members kept in Extra.
func (v UpstreamAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*upstreamAuthJSON)(&v), v.Extra)
}

type graphQLConfigJSON GraphQLConfig

// UnmarshalJSON decodes a GraphQLConfig, keeping unknown members in Extra.
func (v *GraphQLConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLConfig with the members kept in Extra.
func (v GraphQLConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLConfigJSON)(&v), v.Extra)
}

type graphQLEngineConfigJSON GraphQLEngineConfig

// UnmarshalJSON decodes a GraphQLEngineConfig, keeping unknown members in Extra.
func (v *GraphQLEngineConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLEngineConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLEngineConfig with the members kept in Extra.
func (v GraphQLEngineConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLEngineConfigJSON)(&v), v.Extra)
}

type graphQLProxyConfigJSON GraphQLProxyConfig

// UnmarshalJSON decodes a GraphQLProxyConfig, keeping unknown members in Extra.
func (v *GraphQLProxyConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLProxyConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLProxyConfig with the members kept in Extra.
func (v GraphQLProxyConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLProxyConfigJSON)(&v), v.Extra)
}

type versionDataJSON VersionData

// UnmarshalJSON decodes a VersionData, keeping unknown members in Extra.
func (v *VersionData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a VersionData with the members kept in Extra.
func (v VersionData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionDataJSON)(&v), v.Extra)
}

type versionInfoJSON VersionInfo

// UnmarshalJSON decodes a VersionInfo, keeping unknown members in Extra.
func (v *VersionInfo) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionInfoJSON)(v), &v.Extra)
}

// MarshalJSON encodes a VersionInfo with the members kept in Extra.
func (v VersionInfo) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionInfoJSON)(&v), v.Extra)
}

type extendedPathsSetJSON ExtendedPathsSet

// UnmarshalJSON decodes a ExtendedPathsSet, keeping unknown members in Extra.
func (v *ExtendedPathsSet) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*extendedPathsSetJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ExtendedPathsSet with the members kept in Extra.
func (v ExtendedPathsSet) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*extendedPathsSetJSON)(&v), v.Extra)
}

type endPointMetaJSON EndPointMeta

// UnmarshalJSON decodes a EndPointMeta, keeping unknown members in Extra.
func (v *EndPointMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*endPointMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a EndPointMeta with the members kept in Extra.
func (v EndPointMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*endPointMetaJSON)(&v), v.Extra)
}

type assetJSON Asset

// UnmarshalJSON decodes a Asset, keeping unknown members in Extra.
func (v *Asset) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*assetJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Asset with the members kept in Extra.
func (v Asset) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*assetJSON)(&v), v.Extra)
}

type auditLogJSON AuditLog

// UnmarshalJSON decodes a AuditLog, keeping unknown members in Extra.
func (v *AuditLog) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*auditLogJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AuditLog with the members kept in Extra.
func (v AuditLog) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*auditLogJSON)(&v), v.Extra)
}

type aPIResponseJSON APIResponse

// UnmarshalJSON decodes a APIResponse, keeping unknown members in Extra.
func (v *APIResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aPIResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a APIResponse with the members kept in Extra.
func (v APIResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aPIResponseJSON)(&v), v.Extra)
}

type oAuthClientJSON OAuthClient

// UnmarshalJSON decodes a OAuthClient, keeping unknown members in Extra.
func (v *OAuthClient) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthClientJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthClient with the members kept in Extra.
func (v OAuthClient) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthClientJSON)(&v), v.Extra)
}

type newClientRequestJSON NewClientRequest

// UnmarshalJSON decodes a NewClientRequest, keeping unknown members in Extra.
func (v *NewClientRequest) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*newClientRequestJSON)(v), &v.Extra)
}

// MarshalJSON encodes a NewClientRequest with the members kept in Extra.
func (v NewClientRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*newClientRequestJSON)(&v), v.Extra)
}

type organisationJSON Organisation

// UnmarshalJSON decodes a Organisation, keeping unknown members in Extra.
func (v *Organisation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*organisationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Organisation with the members kept in Extra.
func (v Organisation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*organisationJSON)(&v), v.Extra)
}

type configUIOptionsJSON ConfigUIOptions

// UnmarshalJSON decodes a ConfigUIOptions, keeping unknown members in Extra.
func (v *ConfigUIOptions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*configUIOptionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ConfigUIOptions with the members kept in Extra.
func (v ConfigUIOptions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*configUIOptionsJSON)(&v), v.Extra)
}

type newAdditionalPermissionsJSON NewAdditionalPermissions

// UnmarshalJSON decodes a NewAdditionalPermissions, keeping unknown members in Extra.
func (v *NewAdditionalPermissions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*newAdditionalPermissionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a NewAdditionalPermissions with the members kept in Extra.
func (v NewAdditionalPermissions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*newAdditionalPermissionsJSON)(&v), v.Extra)
}

type newOPARulesJSON NewOPARules

// UnmarshalJSON decodes a NewOPARules, keeping unknown members in Extra.
func (v *NewOPARules) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*newOPARulesJSON)(v), &v.Extra)
}

// MarshalJSON encodes a NewOPARules with the members kept in Extra.
func (v NewOPARules) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*newOPARulesJSON)(&v), v.Extra)
}

type policyJSON Policy

// UnmarshalJSON decodes a Policy, keeping unknown members in Extra.
func (v *Policy) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*policyJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Policy with the members kept in Extra.
func (v Policy) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*policyJSON)(&v), v.Extra)
}

type sessionStateJSON SessionState

// UnmarshalJSON decodes a SessionState, keeping unknown members in Extra.
func (v *SessionState) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sessionStateJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SessionState with the members kept in Extra.
func (v SessionState) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sessionStateJSON)(&v), v.Extra)
}

type accessDefinitionJSON AccessDefinition

// UnmarshalJSON decodes a AccessDefinition, keeping unknown members in Extra.
func (v *AccessDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*accessDefinitionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AccessDefinition with the members kept in Extra.
func (v AccessDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*accessDefinitionJSON)(&v), v.Extra)
}

type keyDataJSON KeyData

// UnmarshalJSON decodes a KeyData, keeping unknown members in Extra.
func (v *KeyData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*keyDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a KeyData with the members kept in Extra.
func (v KeyData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*keyDataJSON)(&v), v.Extra)
}

type userJSON User

// UnmarshalJSON decodes a User, keeping unknown members in Extra.
func (v *User) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userJSON)(v), &v.Extra)
}

// MarshalJSON encodes a User with the members kept in Extra.
func (v User) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userJSON)(&v), v.Extra)
}

type userGroupJSON UserGroup

// UnmarshalJSON decodes a UserGroup, keeping unknown members in Extra.
func (v *UserGroup) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userGroupJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserGroup with the members kept in Extra.
func (v UserGroup) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userGroupJSON)(&v), v.Extra)
}

type sSOAccessDataJSON SSOAccessData

// UnmarshalJSON decodes a SSOAccessData, keeping unknown members in Extra.
func (v *SSOAccessData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sSOAccessDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SSOAccessData with the members kept in Extra.
func (v SSOAccessData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sSOAccessDataJSON)(&v), v.Extra)
}

type userPasswordJSON UserPassword

// UnmarshalJSON decodes a UserPassword, keeping unknown members in Extra.
func (v *UserPassword) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userPasswordJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserPassword with the members kept in Extra.
func (v UserPassword) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userPasswordJSON)(&v), v.Extra)
}

type webHookHandlerConfJSON WebHookHandlerConf

// UnmarshalJSON decodes a WebHookHandlerConf, keeping unknown members in Extra.
func (v *WebHookHandlerConf) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*webHookHandlerConfJSON)(v), &v.Extra)
}

// MarshalJSON encodes a WebHookHandlerConf with the members kept in Extra.
func (v WebHookHandlerConf) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*webHookHandlerConfJSON)(&v), v.Extra)
}
