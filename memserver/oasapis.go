package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/template"
)

// An OAS API is stored as a wrapper like a classic one: api_definition is
// the classic form of its x-tyk-api-gateway (so that lists, filters and key
// checks treat both kinds alike), and OAS holds the whole document with the
// API's ids written into x-tyk-api-gateway.info.
func oasRoutes() []route {
	return []route{
		{Method: "POST", Path: "/api/apis/oas", Section: "apis", Write: true, Handle: createOAS},
		{Method: "POST", Path: "/api/apis/oas/import", Section: "apis", Write: true, Handle: importOAS},
		{Method: "POST", Path: "/api/apis/oas/dry-run", Section: "apis", Handle: dryRunOAS},
		{Method: "GET", Path: "/api/apis/oas/{id}", Section: "apis", Handle: getOAS},
		{Method: "PUT", Path: "/api/apis/oas/{id}", Section: "apis", Write: true, Handle: updateOAS},
		{Method: "PATCH", Path: "/api/apis/oas/{id}", Section: "apis", Write: true, Handle: patchOAS},
		{Method: "DELETE", Path: "/api/apis/oas/{id}", Section: "apis", Write: true, Handle: deleteAPI},
		{Method: "GET", Path: "/api/apis/oas/{id}/export", Section: "apis", Handle: exportOAS},
		{Method: "GET", Path: "/api/apis/oas/{id}/categories", Section: "apis", Handle: getOASCategories},
		{Method: "PUT", Path: "/api/apis/oas/{id}/categories", Section: "apis", Write: true, Handle: putOASCategories},
		{Method: "GET", Path: "/api/apis/oas/{id}/versions", Section: "apis", Handle: oasVersions},
	}
}

const (
	msgNoExtension      = "x-tyk-api-gateway is required: the body must be a Tyk OAS API"
	msgTemplateNotFound = "template not found"
)

// oasTopLevel are the members a Tyk OAS API keeps at its top level; strict
// clients reject any other.
var oasTopLevel = map[string]bool{
	"openapi": true, "info": true, "externalDocs": true, "servers": true, "security": true,
	"tags": true, "paths": true, "components": true, oas.ExtensionKey: true,
}

// DefaultGatewayURL is the gateway URL imported OAS APIs list first in
// their servers unless WithGatewayURL says otherwise: a default Tyk
// gateway's.
const DefaultGatewayURL = "http://localhost:8080"

// WithGatewayURL sets the gateway URL that import puts, with the listen
// path, first in an imported API's servers.
func WithGatewayURL(u string) Option { return func(c *config) { c.gatewayURL = u } }

// parseOAS reads a document from the body (JSON or YAML), answering 400 when
// it is not one.
func (c *call) parseOAS(data []byte) (*oas.Document, bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		c.fail(http.StatusBadRequest, "request body is empty: an OpenAPI document is required")
		return nil, false
	}
	doc, err := oas.Parse(data)
	if err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return nil, false
	}
	return doc, true
}

// keepTopLevel drops the top-level members a Tyk OAS API does not have.
func keepTopLevel(doc *oas.Document) {
	root := doc.Root()
	for _, k := range root.Keys() {
		if !oasTopLevel[k] {
			root.Delete(k)
		}
	}
}

// validateOAS answers 400 with every problem of doc.
func (c *call) validateOAS(doc *oas.Document) bool {
	if err := oas.Validate(doc); err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return false
	}
	return true
}

// withTemplate lays doc over the template named by the templateID query
// parameter, if any.
func (c *call) withTemplate(doc *oas.Document) (*oas.Document, bool) {
	id := c.query("templateID")
	if id == "" {
		return doc, true
	}
	var a *model.Asset
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		a, err = c.findAsset(tx, id)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, msgTemplateNotFound+": "+id) {
		return nil, false
	}
	tmpl, err := oas.Parse(a.Data)
	if err != nil {
		c.fail(http.StatusBadRequest, "template "+id+": "+err.Error())
		return nil, false
	}
	merged, err := template.Merge(tmpl, doc)
	if err != nil {
		c.fail(http.StatusBadRequest, "apply template "+id+": "+err.Error())
		return nil, false
	}
	return merged, true
}

// oasWrapper builds the stored form of an OAS API: the document with its ids
// and the classic definition derived from it.
func (s *Server) oasWrapper(doc *oas.Document, dbID, apiID, org string) (*model.APIDefinitionWrapper, error) {
	keepTopLevel(doc)
	if err := doc.SetDBID(dbID); err != nil {
		return nil, err
	}
	if err := doc.SetAPIID(apiID); err != nil {
		return nil, err
	}
	if err := setOASOrg(doc, org); err != nil {
		return nil, err
	}
	def, err := oas.ToClassic(doc)
	if err != nil {
		return nil, err
	}
	def.ID, def.APIID, def.OrgID, def.IsOAS = dbID, apiID, org, true
	if def.Name == "" {
		def.Name = doc.Title()
	}
	return &model.APIDefinitionWrapper{APIDefinition: def, OAS: doc.JSON()}, nil
}

// setOASOrg makes x-tyk-api-gateway.info.orgId the API's org, as
// api_definition.org_id is, whatever the client sent: a client that moves
// APIs between orgs sends the old one.
func setOASOrg(doc *oas.Document, org string) error {
	if org == "" {
		return nil
	}
	return doc.Set("/"+oas.ExtensionKey+"/info/orgId", org)
}

// syncOASIDs rebuilds an OAS wrapper from its document with the wrapper's
// ids (fixtures carry a document and maybe ids of their own).
func syncOASIDs(w *model.APIDefinitionWrapper) error {
	doc, err := oas.Parse(w.OAS)
	if err != nil {
		return fmt.Errorf("oas: %w", err)
	}
	if !doc.HasExtension() {
		return fmt.Errorf("oas: %s is missing: %w", oas.ExtensionKey, store.ErrInvalid)
	}
	def := w.APIDefinition
	if id := doc.APIID(); id != "" && def.APIID == "" {
		def.APIID = id
	}
	streaming, _ := doc.Root().Get(streamingKey)
	keepTopLevel(doc)
	if streaming != nil && w.IsStreams { // a Streams API keeps its streams (streams.go)
		doc.Root().Set(streamingKey, streaming)
	}
	if err := doc.SetDBID(def.ID); err != nil {
		return err
	}
	if err := doc.SetAPIID(def.APIID); err != nil {
		return err
	}
	if err := setOASOrg(doc, def.OrgID); err != nil {
		return err
	}
	conv, err := oas.ToClassic(doc)
	if err != nil {
		return err
	}
	conv.ID, conv.APIID, conv.OrgID, conv.IsOAS = def.ID, def.APIID, def.OrgID, true
	if conv.Name == "" {
		conv.Name = doc.Title()
	}
	w.APIDefinition = conv
	w.OAS = doc.JSON()
	return nil
}

// storeNewOAS stores doc as a new OAS API of the caller and answers the
// create envelope.
func (c *call) storeNewOAS(doc *oas.Document) {
	if !c.validateOAS(doc) {
		return
	}
	org := c.orgFor("")
	apiID := doc.APIID()
	if apiID == "" {
		apiID = c.s.ids.APIID()
	}
	// A dbId in the body is stale: the stored API gets a new one.
	w, err := c.s.oasWrapper(doc, c.s.ids.ObjectID(), apiID, org)
	if err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return
	}
	now := c.s.now().UTC()
	w.CreatedAt, w.UpdatedAt = &now, &now
	fillEmpty(w)
	ver, ok := c.versionQuery()
	if !ok {
		return
	}
	err = c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetAPIByAPIID(apiID); err == nil {
			return c.failTx(http.StatusConflict, model.MsgDuplicateAPIID)
		}
		if ver.baseID != "" {
			if err := c.addVersion(tx, ver, apiID); err != nil {
				return err
			}
		}
		return tx.InsertAPI(w)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, model.MsgDuplicateAPIID)
		return
	}
	if c.storeFailed(err, http.StatusBadRequest, model.MsgOASNotFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: model.MsgAPICreated,
		Meta: w.APIDefinition.ID, ID: apiID})
}

func createOAS(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	if doc, ok = c.withTemplate(doc); !ok {
		return
	}
	if !doc.HasExtension() {
		c.fail(http.StatusBadRequest, msgNoExtension)
		return
	}
	c.storeNewOAS(doc)
}

// importOptions reads import's query parameters as the Dashboard does (see
// oas.ImportOptionsFromQuery), with the gateway URL the server was given.
func (c *call) importOptions() oas.ImportOptions {
	opts := oas.ImportOptionsFromQuery(c.r.URL.Query())
	opts.GatewayURL = c.s.cfg.gatewayURL
	return opts
}

// importedDocument reads the OpenAPI document of an import: a JSON or YAML
// body, a multipart form with a "file", or {"url": ...}, which the memserver
// follows only to itself since it reaches no network.
func (c *call) importedDocument() (*oas.Document, bool) {
	data := c.body
	ct, params, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		file, err := multipartFile(data, params["boundary"])
		if err != nil {
			c.fail(http.StatusBadRequest, "multipart import: "+err.Error())
			return nil, false
		}
		data = file
	}
	doc, ok := c.parseOAS(data)
	if !ok {
		return nil, false
	}
	if u, isURL := doc.Root().String("url"); isURL && doc.Root().Len() == 1 {
		fetched, ok := c.fetchOwn(u)
		if !ok {
			return nil, false
		}
		if doc, ok = c.parseOAS(fetched); !ok {
			return nil, false
		}
	}
	return doc, true
}

// multipartFile returns the content of the form's "file" part.
func multipartFile(body []byte, boundary string) ([]byte, error) {
	if boundary == "" {
		return nil, errors.New("the Content-Type has no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil, errors.New(`no "file" part in the form`)
		}
		if err != nil {
			return nil, err
		}
		if p.FormName() == "file" {
			return io.ReadAll(p)
		}
	}
}

// fetchOwn answers a {"url"} import: the memserver reaches no network, so
// only a URL of its own is followed (served in process, with the caller's
// credentials).
func (c *call) fetchOwn(raw string) ([]byte, bool) {
	u, err := url.Parse(raw)
	own, _ := url.Parse(c.s.URL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		c.fail(http.StatusBadRequest, fmt.Sprintf("url %q is not an absolute URL", raw))
		return nil, false
	}
	if own == nil || c.s.URL == "" || !strings.EqualFold(u.Host, own.Host) {
		c.fail(http.StatusBadRequest, fmt.Sprintf("cannot fetch %s: this in-memory Dashboard reaches no network; send the document itself", raw))
		return nil, false
	}
	req := httptest.NewRequest(http.MethodGet, u.RequestURI(), nil).WithContext(c.r.Context())
	req.Header.Set("Authorization", c.r.Header.Get("Authorization"))
	rec := httptest.NewRecorder()
	c.s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		c.fail(http.StatusBadRequest, fmt.Sprintf("fetch %s: status %d", raw, rec.Code))
		return nil, false
	}
	return rec.Body.Bytes(), true
}

// importDoc turns an imported document into a Tyk OAS API: the template
// first, then the import defaults and options.
func (c *call) importDoc(doc *oas.Document) (*oas.Document, bool) {
	if doc.HasExtension() {
		c.fail(http.StatusBadRequest, model.MsgImportHasExtension)
		return nil, false
	}
	opts := c.importOptions()
	doc, ok := c.withTemplate(doc)
	if !ok {
		return nil, false
	}
	out, err := oas.ApplyImportDefaults(doc, opts)
	if err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return nil, false
	}
	return out, true
}

func importOAS(c *call) {
	doc, ok := c.importedDocument()
	if !ok {
		return
	}
	if doc, ok = c.importDoc(doc); !ok {
		return
	}
	c.storeNewOAS(doc)
}

// dryRunOAS answers the API that an import ({"oas": doc}) or a create
// ({"tyk_oas": doc}) would store, storing nothing.
func dryRunOAS(c *call) {
	var in struct {
		OAS    json.RawMessage `json:"oas"`
		TykOAS json.RawMessage `json:"tyk_oas"`
	}
	if !c.decode(&in) {
		return
	}
	var doc *oas.Document
	var ok bool
	switch {
	case len(in.TykOAS) > 0 && string(in.TykOAS) != "null":
		if doc, ok = c.parseOAS(in.TykOAS); !ok {
			return
		}
		if doc, ok = c.withTemplate(doc); !ok {
			return
		}
		if !doc.HasExtension() {
			c.fail(http.StatusBadRequest, msgNoExtension)
			return
		}
	case len(in.OAS) > 0 && string(in.OAS) != "null":
		if doc, ok = c.parseOAS(in.OAS); !ok {
			return
		}
		if doc, ok = c.importDoc(doc); !ok {
			return
		}
	default:
		c.fail(http.StatusBadRequest, `the body needs "oas" (a plain OpenAPI document) or "tyk_oas" (a Tyk OAS API)`)
		return
	}
	keepTopLevel(doc)
	if !c.validateOAS(doc) {
		return
	}
	c.raw(http.StatusOK, "application/json", doc.JSON())
}

// findOAS finds an OAS API of the caller by api_id or db id.
func (c *call) findOAS(tx store.DefinitionsReader, id string) (*model.APIDefinitionWrapper, error) {
	w, err := c.findAPI(tx, id)
	if err != nil {
		return nil, err
	}
	if !w.APIDefinition.IsOAS || len(w.OAS) == 0 {
		return nil, fmt.Errorf("API %s is a classic API: %w", id, store.ErrNotFound)
	}
	return w, nil
}

func (c *call) getOASWrapper() (*model.APIDefinitionWrapper, bool) {
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findOAS(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, model.MsgOASNotFound) {
		return nil, false
	}
	return w, true
}

func getOAS(c *call) {
	w, ok := c.getOASWrapper()
	if !ok {
		return
	}
	if strings.Contains(c.r.Header.Get("Accept"), "yaml") {
		doc, err := oas.Parse(w.OAS)
		if err == nil {
			if y, err := doc.YAML(); err == nil {
				c.raw(http.StatusOK, "application/x-yaml", y)
				return
			}
		}
	}
	// Stored as the exact bytes to answer: nothing to encode.
	c.raw(http.StatusOK, "application/json", w.OAS)
}

// replaceOAS stores doc as the new version of the API in the path, keeping
// its db id, org, categories and creation time; api_id may change.
//
// merge, when set, makes the document to store out of the stored API, in
// the transaction that writes it (PATCH keeps the stored extension): a PUT
// that lands between a read and this write is then never lost.
func (c *call) replaceOAS(doc *oas.Document, merge func(old *model.APIDefinitionWrapper) (*oas.Document, bool)) {
	if merge == nil && !c.validateOAS(doc) {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findOAS(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if merge != nil {
			var ok bool
			if doc, ok = merge(old); !ok || !c.validateOAS(doc) {
				return errAnswered
			}
		}
		dbID := old.APIDefinition.ID
		if id := doc.DBID(); id != "" && id != dbID {
			return c.failTx(http.StatusBadRequest, msgAPIIDMismatch)
		}
		apiID := doc.APIID()
		if apiID == "" {
			apiID = old.APIDefinition.APIID
		}
		if apiID != old.APIDefinition.APIID {
			if _, err := tx.GetAPIByAPIID(apiID); err == nil {
				return c.failTx(http.StatusConflict, model.MsgDuplicateAPIID)
			}
		}
		w, err := c.s.oasWrapper(doc, dbID, apiID, old.APIDefinition.OrgID)
		if err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		now := c.s.now().UTC()
		w.CreatedAt, w.UpdatedAt = old.CreatedAt, &now
		w.Categories, w.HookReferences = old.Categories, old.HookReferences
		w.UserOwners, w.UserGroupOwners = old.UserOwners, old.UserGroupOwners
		fillEmpty(w)
		return tx.UpdateAPI(w)
	})
	if c.storeFailed(err, http.StatusNotFound, model.MsgOASNotFound) {
		return
	}
	c.ok(model.MsgAPIUpdated, nil)
}

func updateOAS(c *call) {
	doc, ok := c.parseOAS(c.body)
	if !ok {
		return
	}
	if !doc.HasExtension() {
		c.fail(http.StatusBadRequest, msgNoExtension)
		return
	}
	c.replaceOAS(doc, nil)
}

// patchOAS replaces the OpenAPI part of an API with the body's document and
// keeps the API's x-tyk-api-gateway (unless the body has one), then applies
// the import options of the query, as import does.
func patchOAS(c *call) {
	if _, ok := c.getOASWrapper(); !ok {
		return
	}
	doc, ok := c.importedDocument()
	if !ok {
		return
	}
	opts := c.importOptions()
	c.replaceOAS(nil, func(old *model.APIDefinitionWrapper) (*oas.Document, bool) {
		next := doc
		if !doc.HasExtension() {
			stored, err := oas.Parse(old.OAS)
			if err != nil {
				c.fail(http.StatusInternalServerError, err.Error())
				return nil, false
			}
			ext, _ := stored.Extension()
			if next, err = oas.Parse(doc.JSON()); err == nil {
				err = next.SetExtension(ext)
			}
			if err != nil {
				c.fail(http.StatusInternalServerError, err.Error())
				return nil, false
			}
		}
		out, err := oas.ApplyImportDefaults(next, opts)
		if err != nil {
			c.fail(http.StatusBadRequest, err.Error())
			return nil, false
		}
		return out, true
	})
}

func exportOAS(c *call) {
	w, ok := c.getOASWrapper()
	if !ok {
		return
	}
	body := w.OAS
	if c.query("mode") == "public" {
		doc, err := oas.Parse(w.OAS)
		if err != nil {
			c.fail(http.StatusInternalServerError, err.Error())
			return
		}
		body = oas.PublicExport(doc).JSON()
	}
	name := strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || r < ' ' {
			return '-'
		}
		return r
	}, w.APIDefinition.Name)
	c.w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
	c.raw(http.StatusOK, "application/octet-stream", body)
}

func getOASCategories(c *call) {
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findOAS(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, model.MsgOASNotFound) {
		return
	}
	cats := w.Categories
	if cats == nil {
		cats = []string{}
	}
	c.json(http.StatusOK, model.CategoriesPayload{Categories: cats})
}

func putOASCategories(c *call) {
	var in model.CategoriesPayload
	if !c.decode(&in) {
		return
	}
	cats := []string{}
	seen := map[string]bool{}
	for _, cat := range in.Categories {
		cat = strings.TrimSpace(strings.TrimPrefix(cat, "#"))
		if cat == "" {
			c.fail(http.StatusBadRequest, "categories: a category must not be empty")
			return
		}
		if !seen[cat] {
			seen[cat] = true
			cats = append(cats, cat)
		}
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		w, err := c.findOAS(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		w.Categories = cats
		now := c.s.now().UTC()
		w.UpdatedAt = &now
		return tx.UpdateAPI(w)
	})
	if c.storeFailed(err, http.StatusNotFound, model.MsgOASNotFound) {
		return
	}
	c.ok("API categories updated", nil)
}

// versionMeta is one entry of GET /api/apis/oas/{id}/versions (schema
// VersionMeta).
type versionMeta struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	VersionName      string `json:"versionName"`
	Internal         bool   `json:"internal"`
	ExpirationDate   string `json:"expirationDate"`
	IsDefaultVersion bool   `json:"isDefaultVersion"`
}

// versioning is the part of x-tyk-api-gateway.info that ties versions.
type versioning struct {
	Enabled  bool   `json:"enabled"`
	Name     string `json:"name"`
	Default  string `json:"default"`
	Versions []struct {
		Name string `json:"name"`
		ID   string `json:"id"`
	} `json:"versions"`
}

// oasVersions lists the base API and the versions its
// x-tyk-api-gateway.info.versioning names.
func oasVersions(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var metas []versionMeta
	err := c.view(func(tx store.DefinitionsReader) error {
		base, err := c.findOAS(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		doc, err := oas.Parse(base.OAS)
		if err != nil {
			return err
		}
		var info struct {
			Info struct {
				Versioning versioning `json:"versioning"`
				Expiration string     `json:"expiration"`
			} `json:"info"`
		}
		_ = doc.DecodeExtension(&info)
		v := info.Info.Versioning
		baseName := v.Name
		if baseName == "" {
			baseName = "Default"
		}
		metas = append(metas, versionMeta{
			ID: base.APIDefinition.APIID, Name: base.APIDefinition.Name, VersionName: baseName,
			Internal: base.APIDefinition.Internal, ExpirationDate: info.Info.Expiration,
			IsDefaultVersion: v.Default == "" || v.Default == baseName || v.Default == "self",
		})
		for _, ver := range v.Versions {
			m := versionMeta{ID: ver.ID, VersionName: ver.Name, IsDefaultVersion: v.Default == ver.Name}
			if w, err := tx.GetAPIByAPIID(ver.ID); err == nil && c.ownsOrg(w.APIDefinition.OrgID) {
				m.Name, m.Internal = w.APIDefinition.Name, w.APIDefinition.Internal
			}
			metas = append(metas, m)
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, model.MsgOASNotFound) {
		return
	}
	page := paginate(metas, opts)
	c.json(http.StatusOK, struct {
		APIs  []versionMeta `json:"apis"`
		Pages int           `json:"pages"`
	}{page.Items, page.Pages})
}

// versionRequest is what the query of a create asks to version: the new API
// becomes version newName of the base API (whose own version gets baseName
// when given), and its default when setDefault.
type versionRequest struct {
	baseID, baseName, newName string
	setDefault                bool
}

func (c *call) versionQuery() (versionRequest, bool) {
	q := c.r.URL.Query()
	v := versionRequest{baseID: q.Get("base_api_id"), baseName: q.Get("base_api_version_name"),
		newName: q.Get("new_version_name"), setDefault: isTrue(q.Get("set_default"))}
	if v.baseID != "" && v.newName == "" {
		c.fail(http.StatusBadRequest, "version name header should be set with base API ID")
		return v, false
	}
	return v, true
}

// addVersion records, in the base API's x-tyk-api-gateway.info.versioning,
// the API apiID as its version v.newName, inside the create's transaction.
func (c *call) addVersion(tx store.DefinitionsTx, v versionRequest, apiID string) error {
	base, err := c.findOAS(tx, v.baseID)
	if err != nil {
		return c.failTx(http.StatusBadRequest, "base API "+v.baseID+": "+model.MsgOASNotFound)
	}
	doc, err := oas.Parse(base.OAS)
	if err != nil {
		return err
	}
	const p = "/" + oas.ExtensionKey + "/info/versioning"
	var versions []any
	if old, ok := doc.Get(p + "/versions"); ok {
		versions, _ = old.([]any)
	}
	for _, e := range versions {
		if o, ok := e.(*oas.Object); ok {
			if name, _ := o.String("name"); name == v.newName {
				return c.failTx(http.StatusConflict, "the base API has a version named "+v.newName+" already")
			}
		}
	}
	versions = append(versions, map[string]any{"name": v.newName, "id": apiID})
	baseName := v.baseName
	if baseName == "" {
		if n, ok := doc.Get(p + "/name"); ok {
			baseName, _ = n.(string)
		}
	}
	if baseName == "" {
		baseName = "Default"
	}
	set := map[string]any{"enabled": true, "name": baseName, "versions": versions}
	if v.setDefault {
		set["default"] = v.newName
	} else if d, ok := doc.Get(p + "/default"); !ok || d == "" {
		set["default"] = "self"
	}
	if _, ok := doc.Get(p + "/location"); !ok {
		set["location"], set["key"] = "header", "x-api-version"
	}
	for k, val := range set {
		if err := doc.Set(p+"/"+k, val); err != nil {
			return err
		}
	}
	w, err := c.s.oasWrapper(doc, base.APIDefinition.ID, base.APIDefinition.APIID, base.APIDefinition.OrgID)
	if err != nil {
		return err
	}
	now := c.s.now().UTC()
	w.CreatedAt, w.UpdatedAt = base.CreatedAt, &now
	w.Categories, w.HookReferences = base.Categories, base.HookReferences
	w.UserOwners, w.UserGroupOwners = base.UserOwners, base.UserGroupOwners
	fillEmpty(w)
	return tx.UpdateAPI(w)
}
