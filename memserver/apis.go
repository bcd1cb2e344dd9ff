package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func apiRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/apis", Section: "apis", Handle: listAPIs},
		{Method: "POST", Path: "/api/apis", Section: "apis", Write: true, Handle: createAPI},
		{Method: "GET", Path: "/api/apis/search", Section: "apis", Handle: listAPIs},
		{Method: "GET", Path: "/api/apis/categories", Section: "apis", Handle: allCategories},
		{Method: "GET", Path: "/api/apis/{id}", Section: "apis", Handle: getAPI},
		{Method: "PUT", Path: "/api/apis/{id}", Section: "apis", Write: true, Handle: updateAPI},
		{Method: "DELETE", Path: "/api/apis/{id}", Section: "apis", Write: true, Handle: deleteAPI},
	}
}

// Messages of the API routes.
const (
	msgAPINotFound   = "Could not retrieve API detail"
	msgAPIIDMismatch = "API ID in the body does not match the API in the path"
)

// findAPI finds an API of the caller's org by db id or by api_id, as the
// Dashboard's /api/apis/{id} routes accept either.
func (c *call) findAPI(tx store.DefinitionsReader, id string) (*model.APIDefinitionWrapper, error) {
	var w *model.APIDefinitionWrapper
	var err error
	if model.IsObjectID(id) {
		w, err = tx.GetAPI(id)
		if errors.Is(err, store.ErrNotFound) {
			w, err = tx.GetAPIByAPIID(id)
		}
	} else {
		w, err = tx.GetAPIByAPIID(id)
	}
	if err != nil {
		return nil, err
	}
	if w.APIDefinition == nil || !c.ownsOrg(w.APIDefinition.OrgID) || !c.ownsAPI(w) {
		return nil, store.ErrNotFound
	}
	return w, nil
}

// apiQuery reads the list filters of GET /api/apis. MCP proxies are left
// out: Tyk's "MCP API extensions" page says they are managed through their
// own paths (GET /api/mcps) and excluded from the standard API listings.
func (c *call) apiQuery() (store.APIQuery, bool) {
	opts, ok := c.listOptions()
	if !ok {
		return store.APIQuery{}, false
	}
	q := c.r.URL.Query()
	aq := store.APIQuery{ListOptions: opts, Category: q.Get("category"), AuthType: q.Get("auth_type"), Kind: store.APIKindAPI}
	switch q.Get("api_type") {
	case "oas":
		aq.APIType = "oas"
	case "classic":
		aq.APIType = "classic"
	}
	if a := q.Get("active"); a != "" {
		b := a == "true" || a == "1"
		aq.Active = &b
	}
	return aq, true
}

func listAPIs(c *call) {
	q, ok := c.apiQuery()
	if !ok {
		return
	}
	var page store.Page[model.APIDefinitionWrapper]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = c.ownedAPIs(tx, q)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "Could not retrieve APIs.") {
		return
	}
	items := page.Items
	if items == nil {
		items = []model.APIDefinitionWrapper{}
	}
	for i := range items {
		normaliseWrapper(&items[i])
	}
	c.json(http.StatusOK, model.APIListResponse{APIs: items, Pages: int64(page.Pages)})
}

// listAPIsAnyOf lists the APIs matching q, where the category and auth_type
// filters may be comma-separated lists meaning "any of".
func listAPIsAnyOf(tx store.DefinitionsReader, org string, q store.APIQuery) (store.Page[model.APIDefinitionWrapper], error) {
	cats, auths := splitList(q.Category), splitList(q.AuthType)
	if len(cats) <= 1 && len(auths) <= 1 {
		return tx.ListAPIs(org, q)
	}
	if len(cats) == 0 {
		cats = []string{""}
	}
	if len(auths) == 0 {
		auths = []string{""}
	}
	// Several values: take the union of every single-valued list, in the
	// store's order, then paginate.
	all := q
	all.Page = 0
	seen := map[string]bool{}
	var items []model.APIDefinitionWrapper
	for _, cat := range cats {
		for _, auth := range auths {
			all.Category, all.AuthType = cat, auth
			p, err := tx.ListAPIs(org, all)
			if err != nil {
				return p, err
			}
			for _, w := range p.Items {
				if !seen[w.APIDefinition.ID] {
					seen[w.APIDefinition.ID] = true
					items = append(items, w)
				}
			}
		}
	}
	return paginate(items, q.ListOptions), nil
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// paginate cuts one page out of items as the store would.
func paginate[T any](items []T, o store.ListOptions) store.Page[T] {
	size := o.PageSize
	if size <= 0 {
		size = 10
	}
	pages := (len(items) + size - 1) / size
	if pages == 0 {
		pages = 1
	}
	if o.Page <= 0 {
		return store.Page[T]{Items: items, Total: len(items), Pages: 1}
	}
	start := store.PageStart(o.Page, size, len(items))
	end := store.PageEnd(start, size, len(items))
	return store.Page[T]{Items: items[start:end], Total: len(items), Pages: pages}
}

// allCategories answers GET /api/apis/categories: each category and the
// number of APIs in it, as GET /api/apis?category= lists them. MCP proxies
// are not counted: Tyk's "MCP API extensions" page leaves them out of the
// standard /api/apis listings, and the description counts "APIs" and
// fails with "Could not retrieve APIs", the listing's own error.
//
// The store counts the categories of the standard kind itself
// (APICategories with APIKindAPI): no API is read here.
func allCategories(c *call) {
	var cats []model.CategoryCount
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		cats, err = tx.APICategories(c.orgID, store.APIKindAPI)
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, "Could not retrieve APIs") {
		return
	}
	if cats == nil {
		cats = []model.CategoryCount{}
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].Name < cats[j].Name })
	c.json(http.StatusOK, model.AllCategoriesResponse{Categories: cats})
}

func getAPI(c *call) {
	id := c.PathValue("id")
	// With API ownership on, who may see an API is not the org alone: the
	// kept answer is not used.
	if a, ok := c.s.apis.get(id); ok && c.ownsOrg(a.org) && !c.s.cfg.apiOwnership {
		c.raw(http.StatusOK, "application/json", a.body)
		return
	}
	// The count is read before the store: see apicache.go.
	gen := c.s.apis.gen.Load()
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findAPI(tx, id)
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, msgAPINotFound) {
		return
	}
	normaliseWrapper(w)
	body, err := json.Marshal(w)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode the API: "+err.Error())
		return
	}
	c.s.apis.put(id, &apiAnswer{gen: gen, org: w.APIDefinition.OrgID, body: body})
	c.raw(http.StatusOK, "application/json", body)
}

// decodeAPI reads a classic API from the body: a wrapper
// {"api_definition":{...}}, or a bare definition, which some clients send.
func (c *call) decodeAPI() (*model.APIDefinitionWrapper, bool) {
	var w model.APIDefinitionWrapper
	if !c.decode(&w) {
		return nil, false
	}
	if w.APIDefinition == nil {
		var def model.APIDefinition
		if err := json.Unmarshal(c.body, &def); err != nil {
			c.fail(http.StatusBadRequest, decodeError(err))
			return nil, false
		}
		if def.Name == "" && def.APIID == "" {
			c.fail(http.StatusBadRequest, "api_definition is required")
			return nil, false
		}
		w = model.APIDefinitionWrapper{APIDefinition: &def}
	}
	if strings.TrimSpace(w.APIDefinition.Name) == "" {
		c.fail(http.StatusBadRequest, "api_definition.name is required")
		return nil, false
	}
	return &w, true
}

func createAPI(c *call) {
	w, ok := c.decodeAPI()
	if !ok {
		return
	}
	// A classic API is created here; OAS APIs go through /api/apis/oas.
	w.APIDefinition.IsOAS = false
	w.OAS = nil
	w.APIDefinition.ID = "" // ids in a POST body are stale; the store's id is new
	if err := c.s.prepareAPI(w, c.orgFor(w.APIDefinition.OrgID), c.s.now()); err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetAPIByAPIID(w.APIDefinition.APIID); err == nil {
			return c.failTx(http.StatusConflict, model.MsgDuplicateAPIID)
		}
		if err := embedHooks(tx, w); err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		return tx.InsertAPI(w)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, model.MsgDuplicateAPIID)
		return
	}
	if c.storeFailed(err, http.StatusBadRequest, msgAPINotFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: model.MsgAPICreated,
		Meta: w.APIDefinition.ID, ID: w.APIDefinition.APIID})
}

func updateAPI(c *call) {
	in, ok := c.decodeAPI()
	if !ok {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findAPI(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		def := in.APIDefinition
		if def.ID != "" && def.ID != old.APIDefinition.ID {
			return c.failTx(http.StatusBadRequest, msgAPIIDMismatch)
		}
		if old.APIDefinition.IsOAS {
			return c.failTx(http.StatusBadRequest, "this is an OAS API: update it with PUT /api/apis/oas/"+old.APIDefinition.APIID)
		}
		def.ID = old.APIDefinition.ID
		def.OrgID = old.APIDefinition.OrgID
		def.IsOAS = false
		if def.APIID == "" {
			def.APIID = old.APIDefinition.APIID
		}
		if def.APIID != old.APIDefinition.APIID {
			if _, err := tx.GetAPIByAPIID(def.APIID); err == nil {
				return c.failTx(http.StatusConflict, model.MsgDuplicateAPIID)
			}
		}
		in.OAS = nil
		in.CreatedAt = old.CreatedAt
		now := c.s.now().UTC()
		in.UpdatedAt = &now
		fillEmpty(in)
		if err := embedHooks(tx, in); err != nil {
			return c.failTx(http.StatusBadRequest, err.Error())
		}
		return tx.UpdateAPI(in)
	})
	if c.storeFailed(err, http.StatusNotFound, msgAPINotFound) {
		return
	}
	c.ok(model.MsgAPIUpdated, nil)
}

func deleteAPI(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		w, err := c.findAPI(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		return tx.DeleteAPI(w.APIDefinition.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgAPINotFound) {
		return
	}
	c.ok(model.MsgAPIDeleted, nil)
}

// prepareAPI fills what the Dashboard sets on a new API: its db id (unless
// a valid one is given, as fixtures may), a generated api_id when none is
// given, its org and timestamps; for an OAS API it writes the ids into the
// document.
func (s *Server) prepareAPI(w *model.APIDefinitionWrapper, org string, now time.Time) error {
	def := w.APIDefinition
	if !model.IsObjectID(def.ID) {
		def.ID = s.ids.ObjectID()
	}
	if def.APIID == "" {
		def.APIID = s.ids.APIID()
	}
	def.OrgID = org
	now = now.UTC()
	if w.CreatedAt == nil {
		w.CreatedAt = &now
	}
	w.UpdatedAt = &now
	if def.IsOAS || len(w.OAS) > 0 {
		def.IsOAS = true
		if err := syncOASIDs(w); err != nil {
			return err
		}
	}
	fillEmpty(w)
	return nil
}

// normaliseWrapper gives every list of a wrapper a value, since clients
// read [] and null differently.
func normaliseWrapper(w *model.APIDefinitionWrapper) {
	if w.HookReferences == nil {
		w.HookReferences = []model.HookReference{}
	}
	if w.Categories == nil {
		w.Categories = []string{}
	}
	if w.UserOwners == nil {
		w.UserOwners = []string{}
	}
	if w.UserGroupOwners == nil {
		w.UserGroupOwners = []string{}
	}
	if w.APIDefinition != nil && w.APIDefinition.Tags == nil {
		w.APIDefinition.Tags = []string{}
	}
}

// isJSONObject reports whether b is a JSON object.
func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}
