// Templateimport turns a plain OpenAPI document into a Tyk OAS API built on
// an API template: the organisation's shared settings (here CORS and a
// header-based key) live in the template, and every import starts from it.
//
// With no flags it starts an in-memory Dashboard (memserver) of its own:
//
//	go run ./examples/templateimport
//	go run ./examples/templateimport -url http://localhost:3000 -secret <secret> -file openapi.yaml
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

var (
	dashboardURL = flag.String("url", "", "Dashboard URL; empty starts an in-memory Dashboard")
	secret       = flag.String("secret", "", "API secret of a Dashboard user (with -url)")
	file         = flag.String("file", "", "OpenAPI document to import (JSON or YAML); empty imports a sample")
)

func main() {
	flag.Parse()
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// connect returns a client of the Dashboard the flags name, or of an
// in-memory Dashboard started here, and a function that stops it.
func connect() (*client.Client, func(), error) {
	if *dashboardURL != "" {
		c, err := client.New(*dashboardURL, client.WithSecret(*secret))
		return c, func() {}, err
	}
	srv := memserver.New()
	if err := srv.Start("127.0.0.1:0"); err != nil {
		return nil, nil, err
	}
	return srv.Client(), srv.Close, nil
}

// template is the organisation's base for every API: CORS for its web
// front end, and keys in the X-Api-Key header. It is a partial Tyk OAS
// document; the imported document is laid over it.
const template = `{
  "components": {
    "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}
  },
  "security": [{"apiKey": []}],
  "x-tyk-api-gateway": {
    "middleware": {"global": {"cors": {"enabled": true, "allowedOrigins": ["https://app.example.org"],
      "allowedMethods": ["GET", "POST"], "allowCredentials": true}}}
  }
}`

// sample is imported when no -file is given.
const sample = `openapi: 3.0.3
info:
  title: Inventory
  version: 1.0.0
servers:
  - url: https://inventory.internal.example.org
paths:
  /items:
    get:
      operationId: listItems
      responses:
        "200":
          description: the items
`

func run(ctx context.Context, w io.Writer) error {
	c, stop, err := connect()
	if err != nil {
		return err
	}
	defer stop()

	doc := []byte(sample)
	if *file != "" {
		if doc, err = os.ReadFile(*file); err != nil {
			return err
		}
	}

	tmpl, err := c.Templates.Create(ctx, &model.Asset{
		Name:        "Company defaults",
		Description: "CORS for the web app; keys in X-Api-Key",
		Data:        json.RawMessage(template),
	})
	if err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	fmt.Fprintf(w, "template: %s\n", tmpl.ID)

	api, err := c.OAS.Import(ctx, doc, &client.ImportOptions{
		TemplateID:     tmpl.ID,
		ListenPath:     "/inventory/",
		Authentication: new(true),
		AllowList:      new(true),
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(w, "API imported: api_id %s\n", api.APIID)

	stored, err := c.OAS.Get(ctx, api.ID)
	if err != nil {
		return fmt.Errorf("read the API: %w", err)
	}
	var d struct {
		X struct {
			Info       *model.XTykInfo       `json:"info"`
			Server     *model.XTykServer     `json:"server"`
			Upstream   *model.XTykUpstream   `json:"upstream"`
			Middleware *model.XTykMiddleware `json:"middleware"`
		} `json:"x-tyk-api-gateway"`
	}
	if err := json.Unmarshal(stored, &d); err != nil {
		return fmt.Errorf("decode the API: %w", err)
	}
	x := d.X
	fmt.Fprintf(w, "name: %s\n", x.Info.Name)
	if x.Server != nil && x.Server.ListenPath != nil {
		fmt.Fprintf(w, "listen path: %s\n", x.Server.ListenPath.Value)
	}
	if x.Upstream != nil {
		fmt.Fprintf(w, "upstream: %s\n", x.Upstream.URL)
	}
	cors := x.Middleware != nil && x.Middleware.Global != nil && x.Middleware.Global.CORS != nil && x.Middleware.Global.CORS.Enabled
	fmt.Fprintf(w, "CORS from the template: %v\n", cors)

	// What a consumer of the API may see: the OpenAPI part alone.
	public, err := c.OAS.Export(ctx, api.ID, &client.ExportOptions{Public: true})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(w, "public export: %d bytes\n", len(public))
	return nil
}
