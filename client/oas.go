package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/dashkit/dashkit/model"
)

// OASService manages Tyk OAS APIs as documents: an OpenAPI 3 document with
// the x-tyk-api-gateway extension. Documents travel as raw JSON, so that
// nothing in them is lost on a round trip; decode them with the oas package
// or into your own types.
//
// Where a method takes a document (doc any), doc may be a []byte,
// json.RawMessage or string holding JSON or YAML (sent as such, with the
// matching Content-Type), or any value that encodes to JSON.
type OASService struct{ c *Client }

// ImportOptions are the query parameters with which the Dashboard builds or
// changes the x-tyk-api-gateway extension of an imported document (import,
// PATCH, dry run). Nil and empty fields are not sent. Booleans are pointers
// because false and "not said" differ on PATCH: new(true) says true.
type ImportOptions struct {
	// UpstreamURL is where the gateway proxies to (upstreamURL); by default
	// the first of the document's servers.
	UpstreamURL string
	// ListenPath is the path the gateway serves the API on (listenPath).
	ListenPath string
	// CustomDomain is the domain the API is served on (customDomain).
	CustomDomain string
	// Authentication turns on the authentication the document's security
	// requirements describe (authentication).
	Authentication *bool
	// AllowList allows only the document's operations (allowList).
	AllowList *bool
	// ValidateRequest validates requests against the document's schemas
	// (validateRequest).
	ValidateRequest *bool
	// MockResponse answers from the document's examples (mockResponse).
	MockResponse *bool
	// APIID sets the api_id of the new API (apiID).
	APIID string
	// TemplateID lays the document over an API template, by the template's
	// id or _id (templateID).
	TemplateID string
	// BaseAPIID, BaseAPIVersionName, NewVersionName and SetDefault make the
	// new API a version of an existing one (base_api_id,
	// base_api_version_name, new_version_name, set_default).
	BaseAPIID          string
	BaseAPIVersionName string
	NewVersionName     string
	SetDefault         *bool
}

func (o *ImportOptions) values() url.Values {
	q := url.Values{}
	if o == nil {
		return q
	}
	setIf(q, "upstreamURL", o.UpstreamURL)
	setIf(q, "listenPath", o.ListenPath)
	setIf(q, "customDomain", o.CustomDomain)
	setBool(q, "authentication", o.Authentication)
	setBool(q, "allowList", o.AllowList)
	setBool(q, "validateRequest", o.ValidateRequest)
	setBool(q, "mockResponse", o.MockResponse)
	setIf(q, "apiID", o.APIID)
	setIf(q, "templateID", o.TemplateID)
	setIf(q, "base_api_id", o.BaseAPIID)
	setIf(q, "base_api_version_name", o.BaseAPIVersionName)
	setIf(q, "new_version_name", o.NewVersionName)
	setBool(q, "set_default", o.SetDefault)
	return q
}

func setBool(q url.Values, key string, v *bool) {
	if v != nil {
		q.Set(key, strconv.FormatBool(*v))
	}
}

// CreateOASOptions are the query parameters of POST /api/apis/oas.
type CreateOASOptions struct {
	// TemplateID lays the document over an API template, by the template's
	// id or _id (templateID).
	TemplateID string
	// BaseAPIID, BaseAPIVersionName, NewVersionName and SetDefault make the
	// new API a version of an existing one.
	BaseAPIID          string
	BaseAPIVersionName string
	NewVersionName     string
	SetDefault         *bool
}

func (o *CreateOASOptions) values() url.Values {
	if o == nil {
		return nil
	}
	return (&ImportOptions{TemplateID: o.TemplateID, BaseAPIID: o.BaseAPIID,
		BaseAPIVersionName: o.BaseAPIVersionName, NewVersionName: o.NewVersionName,
		SetDefault: o.SetDefault}).values()
}

// Create creates an OAS API from doc, which must carry x-tyk-api-gateway
// (use Import for a plain OpenAPI document). With opts.TemplateID the
// document is laid over the template: maps merge, the document winning on
// clashes; arrays of the document replace the template's.
//
// POST /api/apis/oas
func (s *OASService) Create(ctx context.Context, doc any, opts *CreateOASOptions) (*CreatedAPI, error) {
	return oasDocuments.create(ctx, s.c, oasDocuments.base, doc, opts.values())
}

// Get returns the Tyk OAS document of an API, by database id or api_id. An
// unknown API is ErrNotFound (the Dashboard answers 400 here).
//
// GET /api/apis/oas/{apiId}
func (s *OASService) Get(ctx context.Context, id string) (json.RawMessage, error) {
	return oasDocuments.get(ctx, s.c, id)
}

// GetYAML returns the Tyk OAS document of an API as YAML, for people and
// for tools that keep their APIs in YAML.
//
// GET /api/apis/oas/{apiId}
func (s *OASService) GetYAML(ctx context.Context, id string) ([]byte, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	req := &request{method: http.MethodGet, path: oasDocuments.item(id), accept: "application/x-yaml"}
	resp, err := s.c.call(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Update replaces the document of an OAS API; doc must carry
// x-tyk-api-gateway.
//
// PUT /api/apis/oas/{apiId}
func (s *OASService) Update(ctx context.Context, id string, doc any) error {
	return oasDocuments.replace(ctx, s.c, http.MethodPut, id, doc, nil)
}

// Patch replaces the OpenAPI part of an OAS API with doc (which need not
// carry x-tyk-api-gateway) and adjusts the extension as opts say, keeping
// the rest of it.
//
// PATCH /api/apis/oas/{apiId}
func (s *OASService) Patch(ctx context.Context, id string, doc any, opts *ImportOptions) error {
	return oasDocuments.replace(ctx, s.c, http.MethodPatch, id, doc, opts.values())
}

// Delete deletes an OAS API.
//
// DELETE /api/apis/oas/{apiId}
func (s *OASService) Delete(ctx context.Context, id string) error {
	return oasDocuments.delete(ctx, s.c, id)
}

// Import creates an OAS API from a plain OpenAPI 3 document (JSON or YAML,
// without x-tyk-api-gateway): the Dashboard builds the extension from the
// document and opts.
//
// POST /api/apis/oas/import
func (s *OASService) Import(ctx context.Context, doc any, opts *ImportOptions) (*CreatedAPI, error) {
	return oasDocuments.create(ctx, s.c, oasImport, doc, opts.values())
}

// oasImport is the route that builds a Tyk OAS API from a plain OpenAPI
// document, given as a body, a URL or an uploaded file.
const oasImport = "/api/apis/oas/import"

// ImportURL is Import of the document the Dashboard fetches from
// documentURL.
//
// POST /api/apis/oas/import
func (s *OASService) ImportURL(ctx context.Context, documentURL string, opts *ImportOptions) (*CreatedAPI, error) {
	if documentURL == "" {
		return nil, errEmpty("document URL")
	}
	req, err := newJSON(http.MethodPost, oasImport, map[string]string{"url": documentURL})
	if err != nil {
		return nil, err
	}
	req.query = opts.values()
	return s.c.createAPI(ctx, req)
}

// ImportFile is Import of a document uploaded as a multipart form file
// named filename, read from r.
//
// POST /api/apis/oas/import
func (s *OASService) ImportFile(ctx context.Context, filename string, r io.Reader, opts *ImportOptions) (*CreatedAPI, error) {
	body, ct, err := multipartFile(filename, r)
	if err != nil {
		return nil, err
	}
	req := &request{method: http.MethodPost, path: oasImport, body: body, contentType: ct, hasBody: true,
		query: opts.values()}
	return s.c.createAPI(ctx, req)
}

// multipartFile encodes r as the form field "file", the way the
// Dashboard's upload routes (schema FormDataFile) expect it.
func multipartFile(filename string, r io.Reader) ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", filename)
	if err == nil {
		_, err = io.Copy(fw, r)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return nil, "", fmt.Errorf("client: encode upload %q: %w", filename, err)
	}
	return buf.Bytes(), mw.FormDataContentType(), nil
}

// DryRun returns the Tyk OAS document that importing doc with opts would
// create, without creating it. doc is a plain OpenAPI document; to see what
// a template or options would do to an existing Tyk OAS document, pass it
// as tykOAS instead (one of the two may be nil).
//
// POST /api/apis/oas/dry-run
func (s *OASService) DryRun(ctx context.Context, doc, tykOAS any, opts *ImportOptions) (json.RawMessage, error) {
	body := map[string]any{}
	if doc != nil {
		body["oas"] = rawDoc(doc)
	}
	if tykOAS != nil {
		body["tyk_oas"] = rawDoc(tykOAS)
	}
	var out json.RawMessage
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/apis/oas/dry-run", opts.values(), body, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// rawDoc keeps JSON bytes as they are inside a JSON body.
func rawDoc(doc any) any {
	switch d := doc.(type) {
	case []byte:
		return json.RawMessage(d)
	case string:
		return json.RawMessage(d)
	}
	return doc
}

// ExportOptions are the query parameters of an export.
type ExportOptions struct {
	// Public strips x-tyk-api-gateway, leaving the OpenAPI document a
	// consumer of the API may see (mode=public).
	Public bool
}

// Export returns the document of an OAS API as a download: the whole Tyk OAS
// document, or with opts.Public only its OpenAPI part.
//
// GET /api/apis/oas/{apiId}/export
func (s *OASService) Export(ctx context.Context, id string, opts *ExportOptions) ([]byte, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	// The export is a download (application/octet-stream), not a JSON
	// answer.
	req := &request{method: http.MethodGet, path: oasDocuments.item(id) + "/export", accept: "*/*"}
	if opts != nil && opts.Public {
		req.query = url.Values{"mode": {"public"}}
	}
	resp, err := s.c.call(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Categories returns the categories of an OAS API.
//
// GET /api/apis/oas/{apiId}/categories
func (s *OASService) Categories(ctx context.Context, id string) ([]string, error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	var out model.CategoriesPayload
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oas/%s/categories", id), nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Categories == nil {
		out.Categories = []string{}
	}
	return out.Categories, nil
}

// SetCategories replaces the categories of an OAS API; nil or empty removes
// them all.
//
// PUT /api/apis/oas/{apiId}/categories
func (s *OASService) SetCategories(ctx context.Context, id string, categories []string) error {
	if id == "" {
		return errEmpty("API id")
	}
	if categories == nil {
		categories = []string{}
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/apis/oas/%s/categories", id), nil,
		model.CategoriesPayload{Categories: categories}, nil)
}

// OASVersion is one version of a versioned OAS API (schema VersionMeta).
type OASVersion struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	VersionName      string `json:"versionName"`
	Internal         bool   `json:"internal"`
	ExpirationDate   string `json:"expirationDate"`
	IsDefaultVersion bool   `json:"isDefaultVersion"`
}

// ListVersionsOptions filters and pages the versions of an OAS API.
type ListVersionsOptions struct {
	ListOptions
	// SearchText matches version names (searchText).
	SearchText string
	// AccessType keeps "internal" or "external" versions (accessType).
	AccessType string
}

// Versions returns one page of the versions of an OAS API, its base
// included.
//
// GET /api/apis/oas/{apiId}/versions
func (s *OASService) Versions(ctx context.Context, id string, opts ListVersionsOptions) (*Page[OASVersion], error) {
	if id == "" {
		return nil, errEmpty("API id")
	}
	q := opts.ListOptions.values(nil)
	setIf(q, "searchText", opts.SearchText)
	setIf(q, "accessType", opts.AccessType)
	var out struct {
		APIs  []OASVersion `json:"apis"`
		Pages int64        `json:"pages"`
	}
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/oas/%s/versions", id), q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.APIs, opts.Page, out.Pages), nil
}

// AllVersions iterates over every version of an OAS API.
func (s *OASService) AllVersions(ctx context.Context, id string, opts ListVersionsOptions) iter.Seq2[OASVersion, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[OASVersion], error) {
		o := opts
		o.Page = page
		return s.Versions(ctx, id, o)
	})
}
