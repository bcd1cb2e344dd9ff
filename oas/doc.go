// Package oas parses, validates and transforms Tyk OAS API documents: an
// OpenAPI 3 document with the x-tyk-api-gateway extension. It imports a plain
// OpenAPI document with the Dashboard's defaults, converts classic API
// definitions to Tyk OAS and back, and strips the extension for public export.
package oas
