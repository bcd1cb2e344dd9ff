// Package template handles Tyk OAS API templates: assets of kind
// "oas-template" whose data is a partial Tyk OAS document laid under a new
// API at creation. It validates templates (Validate, ValidateData), merges
// them with documents (Merge), imports a plain document over one (Import),
// and makes one from an existing API (FromAPI).
//
//	tmpl, err := template.Data(asset)
//	api, err := template.Import(tmpl, doc, oas.ImportOptions{ListenPath: "/pets/"})
package template
