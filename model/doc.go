// Package model holds the data of the Tyk Dashboard API: a typed struct for
// every object the Dashboard and Admin APIs carry and the envelopes they
// travel in, plus the pure rules on that data. It does no I/O: the client,
// the store and the in-memory Dashboard share it, so that a rule about the
// Dashboard's behaviour is written once.
//
// # Objects
//
// Each type names the schema of the official descriptions it follows, and
// has a field for every property of that schema and of the schemas it
// references:
//
//   - APIs: APIDefinitionWrapper (what /api/apis lists and stores) around a
//     classic APIDefinition, with its ProxyConfig, VersionData and
//     VersionInfo, ExtendedPathsSet and one type per endpoint middleware,
//     authentication (AuthConfig, OAuthMeta, OpenIDOptions, ExternalOAuth,
//     UpstreamAuth...), CORSConfig, CacheOptions, UptimeTests,
//     EventHandlerMetaConfig and GraphQLConfig. An OAS API keeps its Tyk OAS
//     document whole in APIDefinitionWrapper.OAS; XTykAPIGateway types its
//     x-tyk-api-gateway extension. MigrateAPIRequest and MigrateAPIResponse
//     carry a classic -> Tyk OAS migration.
//   - Keys: SessionState with AccessDefinition and APILimit; KeyData is a key
//     as the Dashboard answers with it.
//   - Policy with PolicyPartitions; OAuthClient, NewClientRequest and
//     OAuthClientToken; User, UserGroup and their UserPermissions;
//     WebHookHandlerConf and HookReference; Asset (API templates);
//     Organisation; AuditLog; AggregateAnalyticsData (the activity routes);
//     the small request bodies (SSOAccessData, UserPassword,
//     NewAdditionalPermissions, NewOPARules, CategoriesPayload...).
//   - Envelopes: APIResponse ({"Status","Message","Meta","ID"}) and one list
//     type per list route (APIListResponse, PolicyListResponse, ...), each
//     with exactly the members the Dashboard sends.
//
// Integers are int64, never float64; date-times of the wrapper and of
// GraphQL are time.Time, written in RFC 3339; where the Dashboard sends a
// string (a policy's last_updated, a user's created_at) the field is a
// string. Every member the Dashboard writes is written, zero or not, as the
// Dashboard does, and no other: a member the gateway's own types tag
// omitempty (most of a classic API's extended_paths lists, is_oas,
// expiration, ...) is written only when it holds something, and a member the
// Dashboard keeps as a pointer (a per-API limit, GraphQL's dates) is null
// when unset. A member of that kind that arrived empty is kept in Extra and
// written back as it came.
//
// # Round trips never lose a member
//
// A newer Dashboard adds fields before this package knows them. Every struct
// has an Extra field that keeps the JSON members it has no field for, at
// every depth; encoding writes them back. A client that reads an object,
// changes one field and writes it back therefore never drops what it did not
// understand. Known members are matched by their exact JSON name: a member
// that differs from a field's name only in case stays in Extra rather than
// overwriting the field. Numbers in free-form members (config_data,
// meta_data, Extra) decode as json.Number and keep every digit.
//
// # Rules
//
//   - Identifiers: IDGenerator makes database ids, api ids, keys and
//     secrets in the Dashboard's formats; KeyHash, HashKey and NewKeyToken
//     give keys their hashes and token form, as the gateway does.
//   - Categories: ClassicCategories and SetClassicCategories read and write
//     the "#" words of a classic API's name; APICategories gives any API's.
//   - Policies: ApplyPoliciesByID applies a key's policies (rate, quota,
//     complexity, access rights, partitions, per-API limits, expiry) and
//     returns the new key or a *PolicyError naming the policy at fault.
//   - Validation: Policy, SessionState, APIDefinition, User, UserGroup,
//     WebHookHandlerConf, Asset, NewClientRequest and Organisation have a
//     Validate method returning a *ValidationError with every problem and
//     its field path.
//   - Answers: NotFoundAnswer is the status and message the Dashboard gives
//     for a missing object (a 400 on some routes); IsNotFound recognises
//     them all.
package model
