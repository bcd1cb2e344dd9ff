package memserver

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
)

// Migrating classic APIs to Tyk OAS (POST /api/apis/migrate) and moving the
// base of a set of OAS versions (PATCH /api/apis/oas/{id}/rebase/{next}).
func migrateRoutes() []route {
	return []route{
		{Method: "POST", Path: "/api/apis/migrate", Section: "apis", Write: true, Handle: migrateAPIs},
		{Method: "PATCH", Path: "/api/apis/oas/{id}/rebase/{next}", Section: "apis", Write: true, Handle: rebaseOAS},
	}
}

// stagedFromKey marks, in a staged OAS API's wrapper, the classic API it was
// staged from, so that promote finds it.
const stagedFromKey = "migrated_from_api_id"

// migrateSkipReason says why a classic API is not migrated, as the
// description's skip keys do, or "" when it can be.
func migrateSkipReason(w *model.APIDefinitionWrapper) (key, msg string) {
	def := w.APIDefinition
	switch {
	case def.IsOAS:
		return "already_migrated", "the API is a Tyk OAS API already"
	case w.IsStreams:
		return "is_streams", "Streams APIs are not migrated"
	case def.Protocol == "tcp" || def.Protocol == "tls":
		return "is_tcp", "TCP APIs are not migrated"
	case def.GraphQL.Enabled:
		return "is_graphql", "GraphQL APIs are not migrated"
	}
	return "", ""
}

// stagedFrom finds the staged OAS API of a classic API.
func stagedFrom(tx store.DefinitionsReader, org, classicID string) (*model.APIDefinitionWrapper, error) {
	page, err := tx.ListAPIs(org, store.APIQuery{APIType: "oas", ListOptions: store.ListOptions{Page: 0}})
	if err != nil {
		return nil, err
	}
	for i := range page.Items {
		var from string
		if json.Unmarshal(page.Items[i].Extra[stagedFromKey], &from) == nil && from == classicID {
			return &page.Items[i], nil
		}
	}
	return nil, nil
}

// migrateAPIs answers POST /api/apis/migrate. Every mode converts with
// oas.FromClassic: dryRun answers the converted documents and changes
// nothing; direct replaces each classic API by its Tyk OAS form under the
// same ids; stage adds an inactive Tyk OAS copy beside the classic API;
// promote replaces a classic API by its staged copy. Everything happens
// in one transaction: abortOnFailure stops at the first failure, and what
// was migrated before it stays.
func migrateAPIs(c *call) {
	var in model.MigrateAPIRequest
	if !c.decode(&in) {
		return
	}
	switch in.Mode {
	case model.MigrateDryRun, model.MigrateStage, model.MigratePromote, model.MigrateDirect:
	case "":
		c.fail(http.StatusBadRequest, "mode is required: dryRun, stage, promote or direct")
		return
	default:
		c.fail(http.StatusBadRequest, "mode "+in.Mode+" is not one of dryRun, stage, promote, direct")
		return
	}
	if in.All == (len(in.APIIDs) > 0) {
		c.fail(http.StatusBadRequest, "send either apiIDs or all, not both and not neither")
		return
	}
	var out model.MigrateAPIResponse
	out.Success.APIIDs, out.Success.StagedAPIs, out.Success.Definitions = []string{}, []model.MigrateStagedAPI{}, []model.MigrateDefinition{}
	out.Failure.Errors, out.Skipped.APIs = []model.MigrateError{}, []model.MigrateSkipAPI{}
	run := func(tx store.DefinitionsTx) error {
		ids := in.APIIDs
		if in.All {
			page, err := c.ownedAPIs(tx, store.APIQuery{APIType: "classic", ListOptions: store.ListOptions{Page: 0}})
			if err != nil {
				return err
			}
			for _, w := range page.Items {
				ids = append(ids, w.APIDefinition.APIID)
			}
		}
		for _, id := range ids {
			if msg := c.migrateOne(tx, &in, id, &out); msg != "" {
				out.Failure.Errors = append(out.Failure.Errors, model.MigrateError{APIID: id, Message: []string{msg}})
				if in.AbortOnFailure {
					out.AbortedOnFailure = true
					break
				}
			}
		}
		if in.Mode == model.MigrateDryRun {
			return errDryRun
		}
		return nil
	}
	err := c.update(run)
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if c.storeFailed(err, http.StatusBadRequest, "API not found") {
		return
	}
	out.Success.Count, out.Failure.Count, out.Skipped.Count = int64(len(out.Success.APIIDs)), int64(len(out.Failure.Errors)), int64(len(out.Skipped.APIs))
	c.json(http.StatusOK, out)
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// migrateOne migrates one API by its api_id, reporting into out; it returns
// a failure's message, or "".
func (c *call) migrateOne(tx store.DefinitionsTx, in *model.MigrateAPIRequest, id string, out *model.MigrateAPIResponse) string {
	w, err := c.findAPI(tx, id)
	if err != nil {
		return "API not found"
	}
	if key, msg := migrateSkipReason(w); key != "" {
		out.Skipped.APIs = append(out.Skipped.APIs, model.MigrateSkipAPI{APIID: id, Message: msg, Key: &key})
		return ""
	}
	def := w.APIDefinition
	org := def.OrgID
	staged, err := stagedFrom(tx, org, def.APIID)
	if err != nil {
		return err.Error()
	}
	switch in.Mode {
	case model.MigratePromote:
		if staged == nil {
			key := "not_staged"
			out.Skipped.APIs = append(out.Skipped.APIs, model.MigrateSkipAPI{APIID: id, Message: "the API has no staged Tyk OAS copy", Key: &key})
			return ""
		}
		doc, err := oas.Parse(staged.OAS)
		if err != nil {
			return err.Error()
		}
		if err := tx.DeleteAPI(staged.APIDefinition.ID); err != nil {
			return err.Error()
		}
		if msg := c.replaceWithOAS(tx, w, doc); msg != "" {
			return msg
		}
		out.Success.APIIDs = append(out.Success.APIIDs, id)
		return ""
	case model.MigrateStage:
		if staged != nil && !in.OverrideStaged {
			key := "already_staged"
			out.Skipped.APIs = append(out.Skipped.APIs, model.MigrateSkipAPI{APIID: id, Message: "the API is staged already", Key: &key})
			return ""
		}
	}
	doc, err := oas.FromClassic(def)
	if err != nil {
		return err.Error()
	}
	if err := oas.Validate(doc); err != nil {
		return err.Error()
	}
	switch in.Mode {
	case model.MigrateDryRun:
		if err := doc.SetAPIID(def.APIID); err != nil {
			return err.Error()
		}
		out.Success.Definitions = append(out.Success.Definitions, model.MigrateDefinition{APIID: id, BaseAPI: doc.JSON(), Versions: []json.RawMessage{}})
	case model.MigrateDirect:
		if msg := c.replaceWithOAS(tx, w, doc); msg != "" {
			return msg
		}
	case model.MigrateStage:
		dbID, apiID := c.s.ids.ObjectID(), c.s.ids.APIID()
		if staged != nil {
			dbID, apiID = staged.APIDefinition.ID, staged.APIDefinition.APIID
		}
		if err := doc.Set("/"+oas.ExtensionKey+"/info/state/active", false); err != nil {
			return err.Error()
		}
		sw, err := c.s.oasWrapper(doc, dbID, apiID, org)
		if err != nil {
			return err.Error()
		}
		now := c.s.now().UTC()
		sw.CreatedAt, sw.UpdatedAt = &now, &now
		sw.Extra = model.Extra{stagedFromKey: json.RawMessage(`"` + def.APIID + `"`)}
		fillEmpty(sw)
		if staged != nil {
			err = tx.UpdateAPI(sw)
		} else {
			err = tx.InsertAPI(sw)
		}
		if err != nil {
			return err.Error()
		}
		out.Success.StagedAPIs = append(out.Success.StagedAPIs, model.MigrateStagedAPI{ClassicAPIID: id, OASAPIID: apiID})
	}
	out.Success.APIIDs = append(out.Success.APIIDs, id)
	return ""
}

// replaceWithOAS stores doc in place of the classic API w, under w's ids
// and with its owners, categories and creation time.
func (c *call) replaceWithOAS(tx store.DefinitionsTx, w *model.APIDefinitionWrapper, doc *oas.Document) string {
	def := w.APIDefinition
	nw, err := c.s.oasWrapper(doc, def.ID, def.APIID, def.OrgID)
	if err != nil {
		return err.Error()
	}
	now := c.s.now().UTC()
	nw.CreatedAt, nw.UpdatedAt = w.CreatedAt, &now
	nw.Categories = model.APICategories(w)
	nw.HookReferences, nw.UserOwners, nw.UserGroupOwners = w.HookReferences, w.UserOwners, w.UserGroupOwners
	fillEmpty(nw)
	if err := tx.UpdateAPI(nw); err != nil {
		return err.Error()
	}
	return ""
}

// Rebase messages, from the official description.
const (
	msgRebaseCurrentNotFound = "Could not retrieve current base API"
	msgRebaseNextNotFound    = "Could not retrieve next base API"
	msgRebaseNotBase         = "current-base-apiId must be a base API"
	msgRebaseNotChild        = "next-base-apiId must be a child API"
	msgRebaseWrongParent     = "next-base-apiId must be a child of current-base-apiId"
	msgRebaseDone            = "API converted successfully"
)

// rebaseOAS makes a child version the base of its set: the versioning of
// the current base moves to the next one, with the current base listed as a
// version under its own version name and the next one's entry taken out;
// the default version stays the same version. Both APIs change in one
// transaction.
func rebaseOAS(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		cur, err := c.findOAS(tx, c.PathValue("id"))
		if err != nil {
			return c.failTx(http.StatusNotFound, msgRebaseCurrentNotFound)
		}
		next, err := c.findOAS(tx, c.PathValue("next"))
		if err != nil {
			return c.failTx(http.StatusNotFound, msgRebaseNextNotFound)
		}
		curDoc, err := oas.Parse(cur.OAS)
		if err != nil {
			return err
		}
		nextDoc, err := oas.Parse(next.OAS)
		if err != nil {
			return err
		}
		cg, err := curDoc.Gateway()
		if err != nil {
			return err
		}
		ng, err := nextDoc.Gateway()
		if err != nil {
			return err
		}
		isBase := func(g *model.XTykAPIGateway) bool {
			return g.Info != nil && g.Info.Versioning != nil && g.Info.Versioning.Enabled != nil &&
				*g.Info.Versioning.Enabled && len(g.Info.Versioning.Versions) > 0
		}
		if !isBase(cg) {
			return c.failTx(http.StatusBadRequest, msgRebaseNotBase)
		}
		if isBase(ng) {
			return c.failTx(http.StatusBadRequest, msgRebaseNotChild)
		}
		v := *cg.Info.Versioning
		nextName, found := "", false
		versions := []model.XTykVersionToID{}
		for _, e := range v.Versions {
			if e.ID == next.APIDefinition.APIID {
				nextName, found = e.Name, true
				continue
			}
			versions = append(versions, e)
		}
		if !found {
			return c.failTx(http.StatusBadRequest, msgRebaseWrongParent)
		}
		curName := v.Name
		if curName == "" {
			curName = "Default"
		}
		versions = append(versions, model.XTykVersionToID{Name: curName, ID: cur.APIDefinition.APIID})
		switch v.Default {
		case "self", curName:
			v.Default = curName
		}
		if v.Default == nextName {
			v.Default = "self"
		}
		v.Name, v.Versions = nextName, versions
		if ng.Info == nil {
			ng.Info = &model.XTykInfo{}
		}
		ng.Info.Versioning = &v
		cg.Info.Versioning = nil
		if err := nextDoc.SetGateway(ng); err != nil {
			return err
		}
		if err := curDoc.SetGateway(cg); err != nil {
			return err
		}
		now := c.s.now().UTC()
		for _, pair := range []struct {
			old *model.APIDefinitionWrapper
			doc *oas.Document
		}{{cur, curDoc}, {next, nextDoc}} {
			w, err := c.s.oasWrapper(pair.doc, pair.old.APIDefinition.ID, pair.old.APIDefinition.APIID, pair.old.APIDefinition.OrgID)
			if err != nil {
				return c.failTx(http.StatusInternalServerError, "Failed to save new base API: "+err.Error())
			}
			w.CreatedAt, w.UpdatedAt = pair.old.CreatedAt, &now
			w.Categories, w.HookReferences = pair.old.Categories, pair.old.HookReferences
			w.UserOwners, w.UserGroupOwners = pair.old.UserOwners, pair.old.UserGroupOwners
			fillEmpty(w)
			if err := tx.UpdateAPI(w); err != nil {
				return err
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgRebaseCurrentNotFound) {
		return
	}
	c.ok(msgRebaseDone, nil)
}
