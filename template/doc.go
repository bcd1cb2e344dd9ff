// Package template handles Tyk OAS API templates: assets of kind
// "oas-template" whose data is a partial Tyk OAS document laid under a new
// API at creation. It validates templates and merges them with documents.
package template
