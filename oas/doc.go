// Package oas parses, validates and transforms Tyk OAS API documents: an
// OpenAPI 3 document with the x-tyk-api-gateway extension. It imports a plain
// OpenAPI document with the Dashboard's defaults, converts classic API
// definitions to Tyk OAS and back, and strips the extension for public export.
//
// A Document is held as a tree of plain values, so that nothing a document
// carries is lost between input and output: extensions, members no type
// knows, the order of members and numbers exactly as written. The values of
// the tree are
//
//	*Object      a JSON object, members in the order they were written
//	[]any        a JSON array
//	string       a JSON string
//	json.Number  a JSON number, as written ("1.0" stays "1.0")
//	bool         true or false
//	nil          null
//
// Functions that store values (Object.Set, Document.Set, SetExtension)
// accept these and convert any other Go value through encoding/json, so a
// typed model of x-tyk-api-gateway can be stored, and read back with
// Document.DecodeExtension.
//
//	doc, err := oas.Parse(data)                      // JSON or YAML, 3.0.x or 3.1.x
//	api, err := oas.Import(doc, oas.ImportOptions{ListenPath: "/pets/"})
//	err = oas.Validate(api, oas.Strict())            // every problem, with its JSON pointer
//	public := oas.PublicExport(api)
//
// Validation uses JSON Schemas embedded from the schema directory: the
// OpenAPI 3.0 and 3.1 meta-schemas for the document's structure, and this
// project's schemas of x-tyk-api-gateway (normal and strict), derived from
// the gateway's and checked against them by the tests.
package oas
