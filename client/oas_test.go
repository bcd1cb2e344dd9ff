package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// petstore is a plain OpenAPI document, as a team would import it.
const petstore = `{
  "openapi": "3.0.3",
  "info": {"title": "Petstore", "version": "1.0.0"},
  "servers": [{"url": "https://pets.example.org/v1"}],
  "security": [{"api_key": []}],
  "paths": {
    "/pets": {
      "get": {"operationId": "listPets", "responses": {"200": {"description": "pets"}}},
      "post": {"operationId": "createPet",
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"201": {"description": "created"}}}
    }
  },
  "components": {"securitySchemes": {"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}}
}`

const petstoreYAML = `openapi: 3.0.3
info:
  title: Petstore YAML
  version: 1.0.0
servers:
  - url: https://yaml.example.org
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: pets
`

// tykOAS returns a Tyk OAS document named name listening on listenPath.
func tykOAS(name, listenPath string) map[string]any {
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": name, "version": "1.0.0"},
		"paths":   map[string]any{},
		"x-tyk-api-gateway": map[string]any{
			"info":     map[string]any{"name": name, "state": map[string]any{"active": true}},
			"upstream": map[string]any{"url": "https://upstream.example.org"},
			"server":   map[string]any{"listenPath": map[string]any{"value": listenPath, "strip": true}},
		},
	}
}

// gateway decodes the x-tyk-api-gateway of a document.
func gateway(t *testing.T, doc []byte) *model.XTykAPIGateway {
	t.Helper()
	var d struct {
		X *model.XTykAPIGateway `json:"x-tyk-api-gateway"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatalf("decode document: %v", err)
	}
	return d.X
}

func TestOASCreateGetUpdateDelete(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()

	created, err := c.OAS.Create(ctx, tykOAS("Orders", "/orders/"), nil)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !model.IsObjectID(created.ID) || created.APIID == "" {
		t.Fatalf("created = %+v", created)
	}
	doc, err := c.OAS.Get(ctx, created.APIID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	x := gateway(t, doc)
	if x == nil || x.Info == nil || x.Info.ID != created.APIID || x.Info.DBID != created.ID || x.Info.Name != "Orders" {
		t.Fatalf("x-tyk-api-gateway.info = %+v", x.Info)
	}

	y, err := c.OAS.GetYAML(ctx, created.ID)
	if err != nil {
		t.Fatalf("GetYAML: %v", err)
	}
	if !strings.Contains(string(y), "x-tyk-api-gateway:") || !strings.Contains(string(y), "name: Orders") {
		t.Errorf("GetYAML:\n%s", y)
	}

	// The wrapper lists it as an OAS API with its document.
	w, err := c.APIs.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !w.APIDefinition.IsOAS || len(w.OAS) == 0 {
		t.Errorf("wrapper: is_oas %v, oas %d bytes", w.APIDefinition.IsOAS, len(w.OAS))
	}

	// Read-modify-write of the raw document keeps every member.
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	m["info"].(map[string]any)["description"] = "changed"
	m["x-tyk-api-gateway"].(map[string]any)["x-custom"] = map[string]any{"kept": true}
	if err := c.OAS.Update(ctx, created.ID, m); err != nil {
		t.Fatalf("Update: %v", err)
	}
	doc, err = c.OAS.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `"changed"`) || !strings.Contains(string(doc), `"x-custom"`) {
		t.Errorf("after update: %s", doc)
	}

	// Without the extension a create is refused.
	if _, err := c.OAS.Create(ctx, []byte(petstore), nil); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("Create without x-tyk-api-gateway: %v, want ErrInvalid", err)
	}

	if err := c.OAS.Delete(ctx, created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// GET of a missing OAS API is a 400 at the Dashboard: ErrNotFound here.
	if _, err := c.OAS.Get(ctx, created.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := c.OAS.Update(ctx, created.ID, m); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Update after Delete: %v, want ErrNotFound", err)
	}
}

func TestOASImport(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()

	// JSON, with every option.
	created, err := c.OAS.Import(ctx, []byte(petstore), &client.ImportOptions{
		ListenPath:      "/petstore/",
		UpstreamURL:     "https://override.example.org",
		CustomDomain:    "api.example.org",
		Authentication:  new(true),
		AllowList:       new(true),
		ValidateRequest: new(true),
		MockResponse:    new(false),
		APIID:           "petstore-api",
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if created.APIID != "petstore-api" {
		t.Errorf("api_id = %q, want the apiID option", created.APIID)
	}
	doc, err := c.OAS.Get(ctx, created.APIID)
	if err != nil {
		t.Fatal(err)
	}
	x := gateway(t, doc)
	if x.Server == nil || x.Server.ListenPath == nil || x.Server.ListenPath.Value != "/petstore/" {
		t.Errorf("listen path = %+v", x.Server)
	}
	if x.Upstream == nil || x.Upstream.URL != "https://override.example.org" {
		t.Errorf("upstream = %+v", x.Upstream)
	}
	if x.Info.Name != "Petstore" {
		t.Errorf("name = %q, want the title", x.Info.Name)
	}
	for _, want := range []string{`"api.example.org"`, `"authentication"`, `"allow"`, `"validateRequest"`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("document lacks %s", want)
		}
	}

	// YAML.
	fromYAML, err := c.OAS.Import(ctx, petstoreYAML, &client.ImportOptions{ListenPath: "/yaml/"})
	if err != nil {
		t.Fatalf("Import YAML: %v", err)
	}
	doc, err = c.OAS.Get(ctx, fromYAML.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x := gateway(t, doc); x.Info.Name != "Petstore YAML" || x.Upstream.URL != "https://yaml.example.org" {
		t.Errorf("YAML import: %+v %+v", x.Info, x.Upstream)
	}

	// Multipart upload.
	fromFile, err := c.OAS.ImportFile(ctx, "petstore.json", strings.NewReader(strings.Replace(petstore, "Petstore", "Uploaded", 1)),
		&client.ImportOptions{ListenPath: "/uploaded/"})
	if err != nil {
		t.Fatalf("ImportFile: %v", err)
	}
	doc, err = c.OAS.Get(ctx, fromFile.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x := gateway(t, doc); x.Info.Name != "Uploaded" {
		t.Errorf("uploaded name = %q", x.Info.Name)
	}

	// By URL: the memserver reaches no network, and says so.
	if _, err := c.OAS.ImportURL(ctx, "https://unreachable.example.org/openapi.json", nil); err == nil {
		t.Error("ImportURL of an unreachable document: no error")
	}

	// A document that carries the extension is refused, with the
	// Dashboard's message.
	var apiErr *client.APIError
	_, err = c.OAS.Import(ctx, tykOAS("Has extension", "/ext/"), nil)
	if !errors.As(err, &apiErr) || !errors.Is(err, client.ErrInvalid) || apiErr.Message != model.MsgImportHasExtension {
		t.Errorf("import with x-tyk-api-gateway: %v", err)
	}
	// Not a document at all.
	if _, err := c.OAS.Import(ctx, "::: not yaml or json [", nil); !errors.Is(err, client.ErrInvalid) {
		t.Errorf("import of garbage: %v, want ErrInvalid", err)
	}
}

func TestOASPatchDryRunExportCategoriesVersions(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	created, err := c.OAS.Import(ctx, []byte(petstore), &client.ImportOptions{ListenPath: "/patched/"})
	if err != nil {
		t.Fatal(err)
	}

	// PATCH with a new OpenAPI part keeps the extension.
	patched := strings.Replace(petstore, `"1.0.0"`, `"2.0.0"`, 1)
	if err := c.OAS.Patch(ctx, created.ID, []byte(patched), &client.ImportOptions{ValidateRequest: new(true)}); err != nil {
		t.Fatalf("Patch: %v", err)
	}
	doc, err := c.OAS.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `"2.0.0"`) || gateway(t, doc).Server.ListenPath.Value != "/patched/" {
		t.Errorf("after patch: %s", doc)
	}

	// Dry run: a document back, nothing stored.
	before, err := c.APIs.List(ctx, client.ListAPIsOptions{ListOptions: client.ListOptions{Page: -1}})
	if err != nil {
		t.Fatal(err)
	}
	dry, err := c.OAS.DryRun(ctx, []byte(petstore), nil, &client.ImportOptions{ListenPath: "/dry/"})
	if err != nil {
		t.Fatalf("DryRun: %v", err)
	}
	if x := gateway(t, dry); x == nil || x.Server.ListenPath.Value != "/dry/" {
		t.Errorf("dry run: %s", dry)
	}
	// The same for a Tyk OAS document and a template.
	if _, err := c.Templates.Create(ctx, &model.Asset{ID: "dry-template", Name: "T", Description: "d",
		Data: json.RawMessage(templateData)}); err != nil {
		t.Fatal(err)
	}
	tyk, err := json.Marshal(tykOAS("Dry Tyk", "/dry-tyk/"))
	if err != nil {
		t.Fatal(err)
	}
	dry, err = c.OAS.DryRun(ctx, nil, tyk, &client.ImportOptions{TemplateID: "dry-template"})
	if err != nil {
		t.Fatalf("DryRun of a Tyk OAS document: %v", err)
	}
	if x := gateway(t, dry); x == nil || x.Info.Name != "Dry Tyk" || !strings.Contains(string(dry), `"X-Key"`) {
		t.Errorf("dry run with a template: %s", dry)
	}
	after, err := c.APIs.List(ctx, client.ListAPIsOptions{ListOptions: client.ListOptions{Page: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Items) != len(before.Items) {
		t.Errorf("dry run stored an API")
	}

	// Export, whole and public.
	whole, err := c.OAS.Export(ctx, created.ID, nil)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if !strings.Contains(string(whole), "x-tyk-api-gateway") {
		t.Errorf("export lacks the extension")
	}
	public, err := c.OAS.Export(ctx, created.ID, &client.ExportOptions{Public: true})
	if err != nil {
		t.Fatalf("Export public: %v", err)
	}
	if strings.Contains(string(public), "x-tyk-api-gateway") || !strings.Contains(string(public), "listPets") {
		t.Errorf("public export: %s", public)
	}

	// Categories.
	if err := c.OAS.SetCategories(ctx, created.ID, []string{"animals", "retail"}); err != nil {
		t.Fatalf("SetCategories: %v", err)
	}
	cats, err := c.OAS.Categories(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cats, ",") != "animals,retail" {
		t.Errorf("categories = %v", cats)
	}
	page, err := c.APIs.List(ctx, client.ListAPIsOptions{Category: "retail"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Errorf("APIs in retail: %d", len(page.Items))
	}
	if err := c.OAS.SetCategories(ctx, created.ID, nil); err != nil {
		t.Fatalf("SetCategories(nil): %v", err)
	}
	if cats, err := c.OAS.Categories(ctx, created.ID); err != nil || len(cats) != 0 {
		t.Errorf("categories after clearing = %v, %v", cats, err)
	}
	if _, err := c.OAS.Categories(ctx, "0123456789abcdef01234567"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("categories of a missing API: %v, want ErrNotFound", err)
	}

	// Versions: an unversioned API is its own only version.
	versions := collect(t, c.OAS.AllVersions(ctx, created.ID, client.ListVersionsOptions{}))
	if len(versions) > 1 {
		t.Errorf("versions = %+v", versions)
	}
}

func TestOASTemplate(t *testing.T) {
	t.Parallel()
	_, c := start(t)
	ctx := context.Background()
	if _, err := c.Templates.Create(ctx, &model.Asset{ID: "cors", Name: "CORS", Description: "CORS and a key",
		Data: json.RawMessage(templateData)}); err != nil {
		t.Fatal(err)
	}

	imported, err := c.OAS.Import(ctx, []byte(petstore), &client.ImportOptions{TemplateID: "cors", ListenPath: "/tmpl/"})
	if err != nil {
		t.Fatalf("Import with a template: %v", err)
	}
	doc, err := c.OAS.Get(ctx, imported.ID)
	if err != nil {
		t.Fatal(err)
	}
	x := gateway(t, doc)
	if x.Middleware == nil || !strings.Contains(string(doc), `"cors"`) {
		t.Errorf("template not applied: %s", doc)
	}

	created, err := c.OAS.Create(ctx, tykOAS("From template", "/from-template/"), &client.CreateOASOptions{TemplateID: "cors"})
	if err != nil {
		t.Fatalf("Create with a template: %v", err)
	}
	doc, err = c.OAS.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), `"cors"`) || !strings.Contains(string(doc), `"X-Key"`) {
		t.Errorf("template not applied on create: %s", doc)
	}

	if _, err := c.OAS.Import(ctx, []byte(petstore), &client.ImportOptions{TemplateID: "no-such-template"}); !errors.Is(err, client.ErrNotFound) && !errors.Is(err, client.ErrInvalid) {
		t.Errorf("unknown template: %v, want ErrNotFound or ErrInvalid", err)
	}
}

func TestOASPermissions(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	created, err := c.OAS.Create(ctx, tykOAS("Guarded", "/guarded-oas/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	reader := userClient(t, srv, model.UserPermissions{"apis": model.PermRead})
	if _, err := reader.OAS.Get(ctx, created.ID); err != nil {
		t.Errorf("reader Get: %v", err)
	}
	if _, err := reader.OAS.Import(ctx, []byte(petstore), nil); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Import: %v, want ErrForbidden", err)
	}
	if err := reader.OAS.SetCategories(ctx, created.ID, []string{"x"}); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader SetCategories: %v, want ErrForbidden", err)
	}
	if err := reader.OAS.Delete(ctx, created.ID); !errors.Is(err, client.ErrForbidden) {
		t.Errorf("reader Delete: %v, want ErrForbidden", err)
	}
}

func TestOASListedWithTheirDocument(t *testing.T) {
	t.Parallel()
	_, c := start(t, memserver.WithPageSize(2))
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.OAS.Create(ctx, tykOAS(fmt.Sprintf("OAS %d", i), fmt.Sprintf("/oas-%d/", i)), nil); err != nil {
			t.Fatal(err)
		}
	}
	mustCreateAPI(t, c, "Classic", "/classic/")
	var oas, classic int
	for _, w := range collect(t, c.APIs.All(ctx, client.ListAPIsOptions{})) {
		if w.APIDefinition.IsOAS {
			oas++
			if x := gateway(t, w.OAS); x == nil || x.Info.ID != w.APIDefinition.APIID {
				t.Errorf("listed OAS API without its document's ids")
			}
		} else {
			classic++
		}
	}
	if oas != 3 || classic != 1 {
		t.Errorf("listed %d OAS and %d classic APIs", oas, classic)
	}
}
