// Command templatemerge creates a Tyk OAS API from an OpenAPI document and
// an API template, as the Dashboard does on an import with a templateID, and
// prints the API.
//
//	go run ./examples/templatemerge                       # the guide's example
//	go run ./examples/templatemerge -template t.json doc.yaml
//
// The template may be an asset ({"kind": "oas-template", "data": ...}) or
// just its data.
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

// The Dashboard guide's example: a template with POST /anything, a request
// size limit and an API-level cache, and a document with GET /xml.
var (
	//go:embed template.json
	guideTemplate []byte
	//go:embed document.json
	guideDocument []byte
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "templatemerge:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("templatemerge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tmplPath := fs.String("template", "", "template file (asset or data); default: the guide's example")
	gateway := fs.String("gateway", "http://localhost:8080", "the gateway's URL")
	listenPath := fs.String("listenPath", "", "listen path; default: the template's, else /")
	if err := fs.Parse(args); err != nil {
		return err
	}

	tmplData, docData := guideTemplate, guideDocument
	if *tmplPath != "" {
		var err error
		if tmplData, err = os.ReadFile(*tmplPath); err != nil {
			return err
		}
	}
	switch fs.NArg() {
	case 0:
	case 1:
		var err error
		if docData, err = os.ReadFile(fs.Arg(0)); err != nil {
			return err
		}
	default:
		return fmt.Errorf("one document at a time, got %d", fs.NArg())
	}

	tmpl, err := readTemplate(tmplData)
	if err != nil {
		return err
	}
	doc, err := oas.Parse(docData)
	if err != nil {
		return err
	}
	api, err := template.Import(tmpl, doc, oas.ImportOptions{ListenPath: *listenPath, GatewayURL: *gateway})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := oas.Validate(api); err != nil {
		return err
	}
	_, err = w.Write(api.JSON())
	return err
}

// readTemplate accepts an asset, checked as the Dashboard checks one, or the
// data of a template alone.
func readTemplate(data []byte) (*oas.Document, error) {
	var asset model.Asset
	if err := json.Unmarshal(data, &asset); err == nil && asset.Kind == model.AssetKindOASTemplate {
		if err := template.Validate(asset); err != nil {
			return nil, fmt.Errorf("template %q: %w", asset.ID, err)
		}
		return template.Data(asset)
	}
	return oas.Parse(data)
}
