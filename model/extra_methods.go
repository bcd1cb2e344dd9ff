package model

// The JSON methods below give every type with an Extra field its
// unknown-member handling: decoding keeps the members the type has no field
// for in Extra, encoding writes them back. Each goes through a method-less
// alias of its type so that encoding/json does not call the method again.

type analyticsRecordJSON AnalyticsRecord

// UnmarshalJSON decodes a AnalyticsRecord, keeping unknown members in Extra.
func (v *AnalyticsRecord) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*analyticsRecordJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AnalyticsRecord with the members kept in Extra.
func (v AnalyticsRecord) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*analyticsRecordJSON)(&v), v.Extra)
}

type aggregateAnalyticsDataJSON AggregateAnalyticsData

// UnmarshalJSON decodes a AggregateAnalyticsData, keeping unknown members in Extra.
func (v *AggregateAnalyticsData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aggregateAnalyticsDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AggregateAnalyticsData with the members kept in Extra.
func (v AggregateAnalyticsData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aggregateAnalyticsDataJSON)(&v), v.Extra)
}

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

type hostCheckObjectJSON HostCheckObject

// UnmarshalJSON decodes a HostCheckObject, keeping unknown members in Extra.
func (v *HostCheckObject) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*hostCheckObjectJSON)(v), &v.Extra)
}

// MarshalJSON encodes a HostCheckObject with the members kept in Extra.
func (v HostCheckObject) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*hostCheckObjectJSON)(&v), v.Extra)
}

type checkCommandJSON CheckCommand

// UnmarshalJSON decodes a CheckCommand, keeping unknown members in Extra.
func (v *CheckCommand) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*checkCommandJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CheckCommand with the members kept in Extra.
func (v CheckCommand) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*checkCommandJSON)(&v), v.Extra)
}

type uptimeTestsConfigJSON UptimeTestsConfig

// UnmarshalJSON decodes a UptimeTestsConfig, keeping unknown members in Extra.
func (v *UptimeTestsConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*uptimeTestsConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UptimeTestsConfig with the members kept in Extra.
func (v UptimeTestsConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*uptimeTestsConfigJSON)(&v), v.Extra)
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

type globalRateLimitJSON GlobalRateLimit

// UnmarshalJSON decodes a GlobalRateLimit, keeping unknown members in Extra.
func (v *GlobalRateLimit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*globalRateLimitJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GlobalRateLimit with the members kept in Extra.
func (v GlobalRateLimit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*globalRateLimitJSON)(&v), v.Extra)
}

type analyticsPluginConfigJSON AnalyticsPluginConfig

// UnmarshalJSON decodes a AnalyticsPluginConfig, keeping unknown members in Extra.
func (v *AnalyticsPluginConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*analyticsPluginConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AnalyticsPluginConfig with the members kept in Extra.
func (v AnalyticsPluginConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*analyticsPluginConfigJSON)(&v), v.Extra)
}

type notificationsManagerJSON NotificationsManager

// UnmarshalJSON decodes a NotificationsManager, keeping unknown members in Extra.
func (v *NotificationsManager) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*notificationsManagerJSON)(v), &v.Extra)
}

// MarshalJSON encodes a NotificationsManager with the members kept in Extra.
func (v NotificationsManager) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*notificationsManagerJSON)(&v), v.Extra)
}

type responseProcessorJSON ResponseProcessor

// UnmarshalJSON decodes a ResponseProcessor, keeping unknown members in Extra.
func (v *ResponseProcessor) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*responseProcessorJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ResponseProcessor with the members kept in Extra.
func (v ResponseProcessor) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*responseProcessorJSON)(&v), v.Extra)
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

type middlewareDefinitionJSON MiddlewareDefinition

// UnmarshalJSON decodes a MiddlewareDefinition, keeping unknown members in Extra.
func (v *MiddlewareDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*middlewareDefinitionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a MiddlewareDefinition with the members kept in Extra.
func (v MiddlewareDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*middlewareDefinitionJSON)(&v), v.Extra)
}

type middlewareIDExtractorJSON MiddlewareIDExtractor

// UnmarshalJSON decodes a MiddlewareIDExtractor, keeping unknown members in Extra.
func (v *MiddlewareIDExtractor) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*middlewareIDExtractorJSON)(v), &v.Extra)
}

// MarshalJSON encodes a MiddlewareIDExtractor with the members kept in Extra.
func (v MiddlewareIDExtractor) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*middlewareIDExtractorJSON)(&v), v.Extra)
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

type signatureConfigJSON SignatureConfig

// UnmarshalJSON decodes a SignatureConfig, keeping unknown members in Extra.
func (v *SignatureConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*signatureConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SignatureConfig with the members kept in Extra.
func (v SignatureConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*signatureConfigJSON)(&v), v.Extra)
}

type authProviderMetaJSON AuthProviderMeta

// UnmarshalJSON decodes a AuthProviderMeta, keeping unknown members in Extra.
func (v *AuthProviderMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*authProviderMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AuthProviderMeta with the members kept in Extra.
func (v AuthProviderMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*authProviderMetaJSON)(&v), v.Extra)
}

type sessionProviderMetaJSON SessionProviderMeta

// UnmarshalJSON decodes a SessionProviderMeta, keeping unknown members in Extra.
func (v *SessionProviderMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sessionProviderMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SessionProviderMeta with the members kept in Extra.
func (v SessionProviderMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sessionProviderMetaJSON)(&v), v.Extra)
}

type basicAuthMetaJSON BasicAuthMeta

// UnmarshalJSON decodes a BasicAuthMeta, keeping unknown members in Extra.
func (v *BasicAuthMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*basicAuthMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a BasicAuthMeta with the members kept in Extra.
func (v BasicAuthMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*basicAuthMetaJSON)(&v), v.Extra)
}

type oAuthMetaJSON OAuthMeta

// UnmarshalJSON decodes a OAuthMeta, keeping unknown members in Extra.
func (v *OAuthMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthMeta with the members kept in Extra.
func (v OAuthMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthMetaJSON)(&v), v.Extra)
}

type openIDOptionsJSON OpenIDOptions

// UnmarshalJSON decodes a OpenIDOptions, keeping unknown members in Extra.
func (v *OpenIDOptions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*openIDOptionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OpenIDOptions with the members kept in Extra.
func (v OpenIDOptions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*openIDOptionsJSON)(&v), v.Extra)
}

type oIDProviderConfigJSON OIDProviderConfig

// UnmarshalJSON decodes a OIDProviderConfig, keeping unknown members in Extra.
func (v *OIDProviderConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oIDProviderConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OIDProviderConfig with the members kept in Extra.
func (v OIDProviderConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oIDProviderConfigJSON)(&v), v.Extra)
}

type externalOAuthJSON ExternalOAuth

// UnmarshalJSON decodes a ExternalOAuth, keeping unknown members in Extra.
func (v *ExternalOAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*externalOAuthJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ExternalOAuth with the members kept in Extra.
func (v ExternalOAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*externalOAuthJSON)(&v), v.Extra)
}

type externalOAuthProviderJSON ExternalOAuthProvider

// UnmarshalJSON decodes a ExternalOAuthProvider, keeping unknown members in Extra.
func (v *ExternalOAuthProvider) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*externalOAuthProviderJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ExternalOAuthProvider with the members kept in Extra.
func (v ExternalOAuthProvider) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*externalOAuthProviderJSON)(&v), v.Extra)
}

type jWTValidationJSON JWTValidation

// UnmarshalJSON decodes a JWTValidation, keeping unknown members in Extra.
func (v *JWTValidation) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*jWTValidationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a JWTValidation with the members kept in Extra.
func (v JWTValidation) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*jWTValidationJSON)(&v), v.Extra)
}

type introspectionJSON Introspection

// UnmarshalJSON decodes a Introspection, keeping unknown members in Extra.
func (v *Introspection) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*introspectionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Introspection with the members kept in Extra.
func (v Introspection) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*introspectionJSON)(&v), v.Extra)
}

type introspectionCacheJSON IntrospectionCache

// UnmarshalJSON decodes a IntrospectionCache, keeping unknown members in Extra.
func (v *IntrospectionCache) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*introspectionCacheJSON)(v), &v.Extra)
}

// MarshalJSON encodes a IntrospectionCache with the members kept in Extra.
func (v IntrospectionCache) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*introspectionCacheJSON)(&v), v.Extra)
}

type requestSigningMetaJSON RequestSigningMeta

// UnmarshalJSON decodes a RequestSigningMeta, keeping unknown members in Extra.
func (v *RequestSigningMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*requestSigningMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RequestSigningMeta with the members kept in Extra.
func (v RequestSigningMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*requestSigningMetaJSON)(&v), v.Extra)
}

type scopesJSON Scopes

// UnmarshalJSON decodes a Scopes, keeping unknown members in Extra.
func (v *Scopes) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*scopesJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Scopes with the members kept in Extra.
func (v Scopes) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*scopesJSON)(&v), v.Extra)
}

type scopeClaimJSON ScopeClaim

// UnmarshalJSON decodes a ScopeClaim, keeping unknown members in Extra.
func (v *ScopeClaim) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*scopeClaimJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ScopeClaim with the members kept in Extra.
func (v ScopeClaim) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*scopeClaimJSON)(&v), v.Extra)
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

type authSourceJSON AuthSource

// UnmarshalJSON decodes a AuthSource, keeping unknown members in Extra.
func (v *AuthSource) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*authSourceJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AuthSource with the members kept in Extra.
func (v AuthSource) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*authSourceJSON)(&v), v.Extra)
}

type upstreamBasicAuthJSON UpstreamBasicAuth

// UnmarshalJSON decodes a UpstreamBasicAuth, keeping unknown members in Extra.
func (v *UpstreamBasicAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*upstreamBasicAuthJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UpstreamBasicAuth with the members kept in Extra.
func (v UpstreamBasicAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*upstreamBasicAuthJSON)(&v), v.Extra)
}

type upstreamOAuthJSON UpstreamOAuth

// UnmarshalJSON decodes a UpstreamOAuth, keeping unknown members in Extra.
func (v *UpstreamOAuth) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*upstreamOAuthJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UpstreamOAuth with the members kept in Extra.
func (v UpstreamOAuth) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*upstreamOAuthJSON)(&v), v.Extra)
}

type clientCredentialsJSON ClientCredentials

// UnmarshalJSON decodes a ClientCredentials, keeping unknown members in Extra.
func (v *ClientCredentials) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*clientCredentialsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ClientCredentials with the members kept in Extra.
func (v ClientCredentials) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*clientCredentialsJSON)(&v), v.Extra)
}

type passwordAuthenticationJSON PasswordAuthentication

// UnmarshalJSON decodes a PasswordAuthentication, keeping unknown members in Extra.
func (v *PasswordAuthentication) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*passwordAuthenticationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a PasswordAuthentication with the members kept in Extra.
func (v PasswordAuthentication) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*passwordAuthenticationJSON)(&v), v.Extra)
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

type datasourceTypeFieldConfigurationJSON DatasourceTypeFieldConfiguration

// UnmarshalJSON decodes a DatasourceTypeFieldConfiguration, keeping unknown members in Extra.
func (v *DatasourceTypeFieldConfiguration) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*datasourceTypeFieldConfigurationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a DatasourceTypeFieldConfiguration with the members kept in Extra.
func (v DatasourceTypeFieldConfiguration) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*datasourceTypeFieldConfigurationJSON)(&v), v.Extra)
}

type datasourceMappingConfigurationJSON DatasourceMappingConfiguration

// UnmarshalJSON decodes a DatasourceMappingConfiguration, keeping unknown members in Extra.
func (v *DatasourceMappingConfiguration) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*datasourceMappingConfigurationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a DatasourceMappingConfiguration with the members kept in Extra.
func (v DatasourceMappingConfiguration) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*datasourceMappingConfigurationJSON)(&v), v.Extra)
}

type datasourceSourceConfigJSON DatasourceSourceConfig

// UnmarshalJSON decodes a DatasourceSourceConfig, keeping unknown members in Extra.
func (v *DatasourceSourceConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*datasourceSourceConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a DatasourceSourceConfig with the members kept in Extra.
func (v DatasourceSourceConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*datasourceSourceConfigJSON)(&v), v.Extra)
}

type graphQLPlaygroundJSON GraphQLPlayground

// UnmarshalJSON decodes a GraphQLPlayground, keeping unknown members in Extra.
func (v *GraphQLPlayground) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLPlaygroundJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLPlayground with the members kept in Extra.
func (v GraphQLPlayground) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLPlaygroundJSON)(&v), v.Extra)
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

type graphQLFieldConfigJSON GraphQLFieldConfig

// UnmarshalJSON decodes a GraphQLFieldConfig, keeping unknown members in Extra.
func (v *GraphQLFieldConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLFieldConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLFieldConfig with the members kept in Extra.
func (v GraphQLFieldConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLFieldConfigJSON)(&v), v.Extra)
}

type graphQLEngineDataSourceJSON GraphQLEngineDataSource

// UnmarshalJSON decodes a GraphQLEngineDataSource, keeping unknown members in Extra.
func (v *GraphQLEngineDataSource) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLEngineDataSourceJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLEngineDataSource with the members kept in Extra.
func (v GraphQLEngineDataSource) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLEngineDataSourceJSON)(&v), v.Extra)
}

type graphQLTypeFieldsJSON GraphQLTypeFields

// UnmarshalJSON decodes a GraphQLTypeFields, keeping unknown members in Extra.
func (v *GraphQLTypeFields) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLTypeFieldsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLTypeFields with the members kept in Extra.
func (v GraphQLTypeFields) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLTypeFieldsJSON)(&v), v.Extra)
}

type uDGGlobalHeaderJSON UDGGlobalHeader

// UnmarshalJSON decodes a UDGGlobalHeader, keeping unknown members in Extra.
func (v *UDGGlobalHeader) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*uDGGlobalHeaderJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UDGGlobalHeader with the members kept in Extra.
func (v UDGGlobalHeader) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*uDGGlobalHeaderJSON)(&v), v.Extra)
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

type graphQLProxyFeaturesConfigJSON GraphQLProxyFeaturesConfig

// UnmarshalJSON decodes a GraphQLProxyFeaturesConfig, keeping unknown members in Extra.
func (v *GraphQLProxyFeaturesConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLProxyFeaturesConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLProxyFeaturesConfig with the members kept in Extra.
func (v GraphQLProxyFeaturesConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLProxyFeaturesConfigJSON)(&v), v.Extra)
}

type graphQLResponseExtensionsJSON GraphQLResponseExtensions

// UnmarshalJSON decodes a GraphQLResponseExtensions, keeping unknown members in Extra.
func (v *GraphQLResponseExtensions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLResponseExtensionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLResponseExtensions with the members kept in Extra.
func (v GraphQLResponseExtensions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLResponseExtensionsJSON)(&v), v.Extra)
}

type requestHeadersRewriteConfigJSON RequestHeadersRewriteConfig

// UnmarshalJSON decodes a RequestHeadersRewriteConfig, keeping unknown members in Extra.
func (v *RequestHeadersRewriteConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*requestHeadersRewriteConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RequestHeadersRewriteConfig with the members kept in Extra.
func (v RequestHeadersRewriteConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*requestHeadersRewriteConfigJSON)(&v), v.Extra)
}

type graphQLSubgraphConfigJSON GraphQLSubgraphConfig

// UnmarshalJSON decodes a GraphQLSubgraphConfig, keeping unknown members in Extra.
func (v *GraphQLSubgraphConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLSubgraphConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLSubgraphConfig with the members kept in Extra.
func (v GraphQLSubgraphConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLSubgraphConfigJSON)(&v), v.Extra)
}

type graphQLSupergraphConfigJSON GraphQLSupergraphConfig

// UnmarshalJSON decodes a GraphQLSupergraphConfig, keeping unknown members in Extra.
func (v *GraphQLSupergraphConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLSupergraphConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLSupergraphConfig with the members kept in Extra.
func (v GraphQLSupergraphConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLSupergraphConfigJSON)(&v), v.Extra)
}

type graphQLSubgraphEntityJSON GraphQLSubgraphEntity

// UnmarshalJSON decodes a GraphQLSubgraphEntity, keeping unknown members in Extra.
func (v *GraphQLSubgraphEntity) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLSubgraphEntityJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLSubgraphEntity with the members kept in Extra.
func (v GraphQLSubgraphEntity) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLSubgraphEntityJSON)(&v), v.Extra)
}

type graphQLIntrospectionConfigJSON GraphQLIntrospectionConfig

// UnmarshalJSON decodes a GraphQLIntrospectionConfig, keeping unknown members in Extra.
func (v *GraphQLIntrospectionConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphQLIntrospectionConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphQLIntrospectionConfig with the members kept in Extra.
func (v GraphQLIntrospectionConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphQLIntrospectionConfigJSON)(&v), v.Extra)
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

type versionPathsJSON VersionPaths

// UnmarshalJSON decodes a VersionPaths, keeping unknown members in Extra.
func (v *VersionPaths) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*versionPathsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a VersionPaths with the members kept in Extra.
func (v VersionPaths) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*versionPathsJSON)(&v), v.Extra)
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

type endpointMethodMetaJSON EndpointMethodMeta

// UnmarshalJSON decodes a EndpointMethodMeta, keeping unknown members in Extra.
func (v *EndpointMethodMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*endpointMethodMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a EndpointMethodMeta with the members kept in Extra.
func (v EndpointMethodMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*endpointMethodMetaJSON)(&v), v.Extra)
}

type mockResponseMetaJSON MockResponseMeta

// UnmarshalJSON decodes a MockResponseMeta, keeping unknown members in Extra.
func (v *MockResponseMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*mockResponseMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a MockResponseMeta with the members kept in Extra.
func (v MockResponseMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*mockResponseMetaJSON)(&v), v.Extra)
}

type cacheMetaJSON CacheMeta

// UnmarshalJSON decodes a CacheMeta, keeping unknown members in Extra.
func (v *CacheMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*cacheMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CacheMeta with the members kept in Extra.
func (v CacheMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*cacheMetaJSON)(&v), v.Extra)
}

type templateMetaJSON TemplateMeta

// UnmarshalJSON decodes a TemplateMeta, keeping unknown members in Extra.
func (v *TemplateMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*templateMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a TemplateMeta with the members kept in Extra.
func (v TemplateMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*templateMetaJSON)(&v), v.Extra)
}

type templateDataJSON TemplateData

// UnmarshalJSON decodes a TemplateData, keeping unknown members in Extra.
func (v *TemplateData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*templateDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a TemplateData with the members kept in Extra.
func (v TemplateData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*templateDataJSON)(&v), v.Extra)
}

type transformJQMetaJSON TransformJQMeta

// UnmarshalJSON decodes a TransformJQMeta, keeping unknown members in Extra.
func (v *TransformJQMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*transformJQMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a TransformJQMeta with the members kept in Extra.
func (v TransformJQMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*transformJQMetaJSON)(&v), v.Extra)
}

type headerInjectionMetaJSON HeaderInjectionMeta

// UnmarshalJSON decodes a HeaderInjectionMeta, keeping unknown members in Extra.
func (v *HeaderInjectionMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*headerInjectionMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a HeaderInjectionMeta with the members kept in Extra.
func (v HeaderInjectionMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*headerInjectionMetaJSON)(&v), v.Extra)
}

type hardTimeoutMetaJSON HardTimeoutMeta

// UnmarshalJSON decodes a HardTimeoutMeta, keeping unknown members in Extra.
func (v *HardTimeoutMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*hardTimeoutMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a HardTimeoutMeta with the members kept in Extra.
func (v HardTimeoutMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*hardTimeoutMetaJSON)(&v), v.Extra)
}

type circuitBreakerMetaJSON CircuitBreakerMeta

// UnmarshalJSON decodes a CircuitBreakerMeta, keeping unknown members in Extra.
func (v *CircuitBreakerMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*circuitBreakerMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CircuitBreakerMeta with the members kept in Extra.
func (v CircuitBreakerMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*circuitBreakerMetaJSON)(&v), v.Extra)
}

type uRLRewriteMetaJSON URLRewriteMeta

// UnmarshalJSON decodes a URLRewriteMeta, keeping unknown members in Extra.
func (v *URLRewriteMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*uRLRewriteMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a URLRewriteMeta with the members kept in Extra.
func (v URLRewriteMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*uRLRewriteMetaJSON)(&v), v.Extra)
}

type routingTriggerJSON RoutingTrigger

// UnmarshalJSON decodes a RoutingTrigger, keeping unknown members in Extra.
func (v *RoutingTrigger) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*routingTriggerJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RoutingTrigger with the members kept in Extra.
func (v RoutingTrigger) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*routingTriggerJSON)(&v), v.Extra)
}

type routingTriggerOptionsJSON RoutingTriggerOptions

// UnmarshalJSON decodes a RoutingTriggerOptions, keeping unknown members in Extra.
func (v *RoutingTriggerOptions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*routingTriggerOptionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RoutingTriggerOptions with the members kept in Extra.
func (v RoutingTriggerOptions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*routingTriggerOptionsJSON)(&v), v.Extra)
}

type stringRegexMapJSON StringRegexMap

// UnmarshalJSON decodes a StringRegexMap, keeping unknown members in Extra.
func (v *StringRegexMap) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*stringRegexMapJSON)(v), &v.Extra)
}

// MarshalJSON encodes a StringRegexMap with the members kept in Extra.
func (v StringRegexMap) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*stringRegexMapJSON)(&v), v.Extra)
}

type virtualMetaJSON VirtualMeta

// UnmarshalJSON decodes a VirtualMeta, keeping unknown members in Extra.
func (v *VirtualMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*virtualMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a VirtualMeta with the members kept in Extra.
func (v VirtualMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*virtualMetaJSON)(&v), v.Extra)
}

type requestSizeMetaJSON RequestSizeMeta

// UnmarshalJSON decodes a RequestSizeMeta, keeping unknown members in Extra.
func (v *RequestSizeMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*requestSizeMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RequestSizeMeta with the members kept in Extra.
func (v RequestSizeMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*requestSizeMetaJSON)(&v), v.Extra)
}

type methodTransformMetaJSON MethodTransformMeta

// UnmarshalJSON decodes a MethodTransformMeta, keeping unknown members in Extra.
func (v *MethodTransformMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*methodTransformMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a MethodTransformMeta with the members kept in Extra.
func (v MethodTransformMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*methodTransformMetaJSON)(&v), v.Extra)
}

type trackEndpointMetaJSON TrackEndpointMeta

// UnmarshalJSON decodes a TrackEndpointMeta, keeping unknown members in Extra.
func (v *TrackEndpointMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*trackEndpointMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a TrackEndpointMeta with the members kept in Extra.
func (v TrackEndpointMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*trackEndpointMetaJSON)(&v), v.Extra)
}

type validatePathMetaJSON ValidatePathMeta

// UnmarshalJSON decodes a ValidatePathMeta, keeping unknown members in Extra.
func (v *ValidatePathMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*validatePathMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ValidatePathMeta with the members kept in Extra.
func (v ValidatePathMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*validatePathMetaJSON)(&v), v.Extra)
}

type validateRequestMetaJSON ValidateRequestMeta

// UnmarshalJSON decodes a ValidateRequestMeta, keeping unknown members in Extra.
func (v *ValidateRequestMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*validateRequestMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ValidateRequestMeta with the members kept in Extra.
func (v ValidateRequestMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*validateRequestMetaJSON)(&v), v.Extra)
}

type internalMetaJSON InternalMeta

// UnmarshalJSON decodes a InternalMeta, keeping unknown members in Extra.
func (v *InternalMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*internalMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a InternalMeta with the members kept in Extra.
func (v InternalMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*internalMetaJSON)(&v), v.Extra)
}

type goPluginMetaJSON GoPluginMeta

// UnmarshalJSON decodes a GoPluginMeta, keeping unknown members in Extra.
func (v *GoPluginMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*goPluginMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GoPluginMeta with the members kept in Extra.
func (v GoPluginMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*goPluginMetaJSON)(&v), v.Extra)
}

type persistGraphQLMetaJSON PersistGraphQLMeta

// UnmarshalJSON decodes a PersistGraphQLMeta, keeping unknown members in Extra.
func (v *PersistGraphQLMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*persistGraphQLMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a PersistGraphQLMeta with the members kept in Extra.
func (v PersistGraphQLMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*persistGraphQLMetaJSON)(&v), v.Extra)
}

type rateLimitMetaJSON RateLimitMeta

// UnmarshalJSON decodes a RateLimitMeta, keeping unknown members in Extra.
func (v *RateLimitMeta) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*rateLimitMetaJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RateLimitMeta with the members kept in Extra.
func (v RateLimitMeta) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*rateLimitMetaJSON)(&v), v.Extra)
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

type reloadResponseJSON ReloadResponse

// UnmarshalJSON decodes a ReloadResponse, keeping unknown members in Extra.
func (v *ReloadResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*reloadResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ReloadResponse with the members kept in Extra.
func (v ReloadResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*reloadResponseJSON)(&v), v.Extra)
}

type statusMessageJSON StatusMessage

// UnmarshalJSON decodes a StatusMessage, keeping unknown members in Extra.
func (v *StatusMessage) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*statusMessageJSON)(v), &v.Extra)
}

// MarshalJSON encodes a StatusMessage with the members kept in Extra.
func (v StatusMessage) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*statusMessageJSON)(&v), v.Extra)
}

type aPIListResponseJSON APIListResponse

// UnmarshalJSON decodes a APIListResponse, keeping unknown members in Extra.
func (v *APIListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aPIListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a APIListResponse with the members kept in Extra.
func (v APIListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aPIListResponseJSON)(&v), v.Extra)
}

type policyListResponseJSON PolicyListResponse

// UnmarshalJSON decodes a PolicyListResponse, keeping unknown members in Extra.
func (v *PolicyListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*policyListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a PolicyListResponse with the members kept in Extra.
func (v PolicyListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*policyListResponseJSON)(&v), v.Extra)
}

type userListResponseJSON UserListResponse

// UnmarshalJSON decodes a UserListResponse, keeping unknown members in Extra.
func (v *UserListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserListResponse with the members kept in Extra.
func (v UserListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userListResponseJSON)(&v), v.Extra)
}

type userGroupListResponseJSON UserGroupListResponse

// UnmarshalJSON decodes a UserGroupListResponse, keeping unknown members in Extra.
func (v *UserGroupListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userGroupListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserGroupListResponse with the members kept in Extra.
func (v UserGroupListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userGroupListResponseJSON)(&v), v.Extra)
}

type webHookListResponseJSON WebHookListResponse

// UnmarshalJSON decodes a WebHookListResponse, keeping unknown members in Extra.
func (v *WebHookListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*webHookListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a WebHookListResponse with the members kept in Extra.
func (v WebHookListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*webHookListResponseJSON)(&v), v.Extra)
}

type oAuthClientListResponseJSON OAuthClientListResponse

// UnmarshalJSON decodes a OAuthClientListResponse, keeping unknown members in Extra.
func (v *OAuthClientListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthClientListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthClientListResponse with the members kept in Extra.
func (v OAuthClientListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthClientListResponseJSON)(&v), v.Extra)
}

type keyListResponseJSON KeyListResponse

// UnmarshalJSON decodes a KeyListResponse, keeping unknown members in Extra.
func (v *KeyListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*keyListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a KeyListResponse with the members kept in Extra.
func (v KeyListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*keyListResponseJSON)(&v), v.Extra)
}

type keyIDsJSON KeyIDs

// UnmarshalJSON decodes a KeyIDs, keeping unknown members in Extra.
func (v *KeyIDs) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*keyIDsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a KeyIDs with the members kept in Extra.
func (v KeyIDs) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*keyIDsJSON)(&v), v.Extra)
}

type keyDetailListResponseJSON KeyDetailListResponse

// UnmarshalJSON decodes a KeyDetailListResponse, keeping unknown members in Extra.
func (v *KeyDetailListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*keyDetailListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a KeyDetailListResponse with the members kept in Extra.
func (v KeyDetailListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*keyDetailListResponseJSON)(&v), v.Extra)
}

type auditLogListResponseJSON AuditLogListResponse

// UnmarshalJSON decodes a AuditLogListResponse, keeping unknown members in Extra.
func (v *AuditLogListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*auditLogListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AuditLogListResponse with the members kept in Extra.
func (v AuditLogListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*auditLogListResponseJSON)(&v), v.Extra)
}

type organisationListResponseJSON OrganisationListResponse

// UnmarshalJSON decodes a OrganisationListResponse, keeping unknown members in Extra.
func (v *OrganisationListResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*organisationListResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OrganisationListResponse with the members kept in Extra.
func (v OrganisationListResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*organisationListResponseJSON)(&v), v.Extra)
}

type categoriesPayloadJSON CategoriesPayload

// UnmarshalJSON decodes a CategoriesPayload, keeping unknown members in Extra.
func (v *CategoriesPayload) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*categoriesPayloadJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CategoriesPayload with the members kept in Extra.
func (v CategoriesPayload) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*categoriesPayloadJSON)(&v), v.Extra)
}

type categoryCountJSON CategoryCount

// UnmarshalJSON decodes a CategoryCount, keeping unknown members in Extra.
func (v *CategoryCount) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*categoryCountJSON)(v), &v.Extra)
}

// MarshalJSON encodes a CategoryCount with the members kept in Extra.
func (v CategoryCount) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*categoryCountJSON)(&v), v.Extra)
}

type allCategoriesResponseJSON AllCategoriesResponse

// UnmarshalJSON decodes a AllCategoriesResponse, keeping unknown members in Extra.
func (v *AllCategoriesResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*allCategoriesResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AllCategoriesResponse with the members kept in Extra.
func (v AllCategoriesResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*allCategoriesResponseJSON)(&v), v.Extra)
}

type importByURLPayloadJSON ImportByURLPayload

// UnmarshalJSON decodes a ImportByURLPayload, keeping unknown members in Extra.
func (v *ImportByURLPayload) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*importByURLPayloadJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ImportByURLPayload with the members kept in Extra.
func (v ImportByURLPayload) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*importByURLPayloadJSON)(&v), v.Extra)
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

type dCRRegistrationJSON DCRRegistration

// UnmarshalJSON decodes a DCRRegistration, keeping unknown members in Extra.
func (v *DCRRegistration) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*dCRRegistrationJSON)(v), &v.Extra)
}

// MarshalJSON encodes a DCRRegistration with the members kept in Extra.
func (v DCRRegistration) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*dCRRegistrationJSON)(&v), v.Extra)
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

type oAuthClientTokenJSON OAuthClientToken

// UnmarshalJSON decodes a OAuthClientToken, keeping unknown members in Extra.
func (v *OAuthClientToken) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthClientTokenJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthClientToken with the members kept in Extra.
func (v OAuthClientToken) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthClientTokenJSON)(&v), v.Extra)
}

type oAuthAuthorizeResponseJSON OAuthAuthorizeResponse

// UnmarshalJSON decodes a OAuthAuthorizeResponse, keeping unknown members in Extra.
func (v *OAuthAuthorizeResponse) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthAuthorizeResponseJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthAuthorizeResponse with the members kept in Extra.
func (v OAuthAuthorizeResponse) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthAuthorizeResponseJSON)(&v), v.Extra)
}

type oAuthRevokeRequestJSON OAuthRevokeRequest

// UnmarshalJSON decodes a OAuthRevokeRequest, keeping unknown members in Extra.
func (v *OAuthRevokeRequest) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthRevokeRequestJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthRevokeRequest with the members kept in Extra.
func (v OAuthRevokeRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthRevokeRequestJSON)(&v), v.Extra)
}

type oAuthRevokeAllRequestJSON OAuthRevokeAllRequest

// UnmarshalJSON decodes a OAuthRevokeAllRequest, keeping unknown members in Extra.
func (v *OAuthRevokeAllRequest) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*oAuthRevokeAllRequestJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OAuthRevokeAllRequest with the members kept in Extra.
func (v OAuthRevokeAllRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*oAuthRevokeAllRequestJSON)(&v), v.Extra)
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

type orgAPIJSON OrgAPI

// UnmarshalJSON decodes a OrgAPI, keeping unknown members in Extra.
func (v *OrgAPI) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*orgAPIJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OrgAPI with the members kept in Extra.
func (v OrgAPI) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*orgAPIJSON)(&v), v.Extra)
}

type eventConfigJSON EventConfig

// UnmarshalJSON decodes a EventConfig, keeping unknown members in Extra.
func (v *EventConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*eventConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a EventConfig with the members kept in Extra.
func (v EventConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*eventConfigJSON)(&v), v.Extra)
}

type openPolicyConfJSON OpenPolicyConf

// UnmarshalJSON decodes a OpenPolicyConf, keeping unknown members in Extra.
func (v *OpenPolicyConf) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*openPolicyConfJSON)(v), &v.Extra)
}

// MarshalJSON encodes a OpenPolicyConf with the members kept in Extra.
func (v OpenPolicyConf) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*openPolicyConfJSON)(&v), v.Extra)
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

type configLabsConfigJSON ConfigLabsConfig

// UnmarshalJSON decodes a ConfigLabsConfig, keeping unknown members in Extra.
func (v *ConfigLabsConfig) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*configLabsConfigJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ConfigLabsConfig with the members kept in Extra.
func (v ConfigLabsConfig) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*configLabsConfigJSON)(&v), v.Extra)
}

type configOnboardingJSON ConfigOnboarding

// UnmarshalJSON decodes a ConfigOnboarding, keeping unknown members in Extra.
func (v *ConfigOnboarding) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*configOnboardingJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ConfigOnboarding with the members kept in Extra.
func (v ConfigOnboarding) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*configOnboardingJSON)(&v), v.Extra)
}

type configTrialJSON ConfigTrial

// UnmarshalJSON decodes a ConfigTrial, keeping unknown members in Extra.
func (v *ConfigTrial) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*configTrialJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ConfigTrial with the members kept in Extra.
func (v ConfigTrial) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*configTrialJSON)(&v), v.Extra)
}

type configHubspotFormJSON ConfigHubspotForm

// UnmarshalJSON decodes a ConfigHubspotForm, keeping unknown members in Extra.
func (v *ConfigHubspotForm) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*configHubspotFormJSON)(v), &v.Extra)
}

// MarshalJSON encodes a ConfigHubspotForm with the members kept in Extra.
func (v ConfigHubspotForm) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*configHubspotFormJSON)(&v), v.Extra)
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

type policyPartitionsJSON PolicyPartitions

// UnmarshalJSON decodes a PolicyPartitions, keeping unknown members in Extra.
func (v *PolicyPartitions) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*policyPartitionsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a PolicyPartitions with the members kept in Extra.
func (v PolicyPartitions) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*policyPartitionsJSON)(&v), v.Extra)
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

type aPILimitJSON APILimit

// UnmarshalJSON decodes a APILimit, keeping unknown members in Extra.
func (v *APILimit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*aPILimitJSON)(v), &v.Extra)
}

// MarshalJSON encodes a APILimit with the members kept in Extra.
func (v APILimit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*aPILimitJSON)(&v), v.Extra)
}

type rateLimitSmoothingJSON RateLimitSmoothing

// UnmarshalJSON decodes a RateLimitSmoothing, keeping unknown members in Extra.
func (v *RateLimitSmoothing) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*rateLimitSmoothingJSON)(v), &v.Extra)
}

// MarshalJSON encodes a RateLimitSmoothing with the members kept in Extra.
func (v RateLimitSmoothing) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*rateLimitSmoothingJSON)(&v), v.Extra)
}

type accessSpecJSON AccessSpec

// UnmarshalJSON decodes a AccessSpec, keeping unknown members in Extra.
func (v *AccessSpec) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*accessSpecJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AccessSpec with the members kept in Extra.
func (v AccessSpec) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*accessSpecJSON)(&v), v.Extra)
}

type graphqlTypeJSON GraphqlType

// UnmarshalJSON decodes a GraphqlType, keeping unknown members in Extra.
func (v *GraphqlType) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*graphqlTypeJSON)(v), &v.Extra)
}

// MarshalJSON encodes a GraphqlType with the members kept in Extra.
func (v GraphqlType) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*graphqlTypeJSON)(&v), v.Extra)
}

type fieldAccessDefinitionJSON FieldAccessDefinition

// UnmarshalJSON decodes a FieldAccessDefinition, keeping unknown members in Extra.
func (v *FieldAccessDefinition) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*fieldAccessDefinitionJSON)(v), &v.Extra)
}

// MarshalJSON encodes a FieldAccessDefinition with the members kept in Extra.
func (v FieldAccessDefinition) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*fieldAccessDefinitionJSON)(&v), v.Extra)
}

type fieldLimitsJSON FieldLimits

// UnmarshalJSON decodes a FieldLimits, keeping unknown members in Extra.
func (v *FieldLimits) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*fieldLimitsJSON)(v), &v.Extra)
}

// MarshalJSON encodes a FieldLimits with the members kept in Extra.
func (v FieldLimits) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*fieldLimitsJSON)(&v), v.Extra)
}

type sessionEndpointJSON SessionEndpoint

// UnmarshalJSON decodes a SessionEndpoint, keeping unknown members in Extra.
func (v *SessionEndpoint) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sessionEndpointJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SessionEndpoint with the members kept in Extra.
func (v SessionEndpoint) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sessionEndpointJSON)(&v), v.Extra)
}

type sessionEndpointMethodJSON SessionEndpointMethod

// UnmarshalJSON decodes a SessionEndpointMethod, keeping unknown members in Extra.
func (v *SessionEndpointMethod) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sessionEndpointMethodJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SessionEndpointMethod with the members kept in Extra.
func (v SessionEndpointMethod) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sessionEndpointMethodJSON)(&v), v.Extra)
}

type sessionEndpointRateLimitJSON SessionEndpointRateLimit

// UnmarshalJSON decodes a SessionEndpointRateLimit, keeping unknown members in Extra.
func (v *SessionEndpointRateLimit) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*sessionEndpointRateLimitJSON)(v), &v.Extra)
}

// MarshalJSON encodes a SessionEndpointRateLimit with the members kept in Extra.
func (v SessionEndpointRateLimit) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*sessionEndpointRateLimitJSON)(&v), v.Extra)
}

type basicAuthDataJSON BasicAuthData

// UnmarshalJSON decodes a BasicAuthData, keeping unknown members in Extra.
func (v *BasicAuthData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*basicAuthDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a BasicAuthData with the members kept in Extra.
func (v BasicAuthData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*basicAuthDataJSON)(&v), v.Extra)
}

type jWTDataJSON JWTData

// UnmarshalJSON decodes a JWTData, keeping unknown members in Extra.
func (v *JWTData) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*jWTDataJSON)(v), &v.Extra)
}

// MarshalJSON encodes a JWTData with the members kept in Extra.
func (v JWTData) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*jWTDataJSON)(&v), v.Extra)
}

type monitorJSON Monitor

// UnmarshalJSON decodes a Monitor, keeping unknown members in Extra.
func (v *Monitor) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*monitorJSON)(v), &v.Extra)
}

// MarshalJSON encodes a Monitor with the members kept in Extra.
func (v Monitor) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*monitorJSON)(&v), v.Extra)
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

type userSearchPayloadJSON UserSearchPayload

// UnmarshalJSON decodes a UserSearchPayload, keeping unknown members in Extra.
func (v *UserSearchPayload) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userSearchPayloadJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserSearchPayload with the members kept in Extra.
func (v UserSearchPayload) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userSearchPayloadJSON)(&v), v.Extra)
}

type userSearchFiltersJSON UserSearchFilters

// UnmarshalJSON decodes a UserSearchFilters, keeping unknown members in Extra.
func (v *UserSearchFilters) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userSearchFiltersJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserSearchFilters with the members kept in Extra.
func (v UserSearchFilters) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userSearchFiltersJSON)(&v), v.Extra)
}

type accessManagementPayloadJSON AccessManagementPayload

// UnmarshalJSON decodes a AccessManagementPayload, keeping unknown members in Extra.
func (v *AccessManagementPayload) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*accessManagementPayloadJSON)(v), &v.Extra)
}

// MarshalJSON encodes a AccessManagementPayload with the members kept in Extra.
func (v AccessManagementPayload) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*accessManagementPayloadJSON)(&v), v.Extra)
}

type userKeyResetRequestJSON UserKeyResetRequest

// UnmarshalJSON decodes a UserKeyResetRequest, keeping unknown members in Extra.
func (v *UserKeyResetRequest) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*userKeyResetRequestJSON)(v), &v.Extra)
}

// MarshalJSON encodes a UserKeyResetRequest with the members kept in Extra.
func (v UserKeyResetRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*userKeyResetRequestJSON)(&v), v.Extra)
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

type hookReferenceJSON HookReference

// UnmarshalJSON decodes a HookReference, keeping unknown members in Extra.
func (v *HookReference) UnmarshalJSON(b []byte) error {
	return unmarshalWithExtra(b, (*hookReferenceJSON)(v), &v.Extra)
}

// MarshalJSON encodes a HookReference with the members kept in Extra.
func (v HookReference) MarshalJSON() ([]byte, error) {
	return marshalWithExtra((*hookReferenceJSON)(&v), v.Extra)
}
