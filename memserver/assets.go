package memserver

import (
	"errors"
	"net/http"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/store"
	"github.com/dashkit/dashkit/template"
)

func assetRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/assets", Section: "assets", Handle: listAssets},
		{Method: "POST", Path: "/api/assets", Section: "assets", Write: true, Handle: createAsset},
		{Method: "GET", Path: "/api/assets/{id}", Section: "assets", Handle: getAsset},
		{Method: "PUT", Path: "/api/assets/{id}", Section: "assets", Write: true, Handle: updateAsset},
		{Method: "DELETE", Path: "/api/assets/{id}", Section: "assets", Write: true, Handle: deleteAsset},
	}
}

const (
	msgAssetNotFound = "asset not found"
	msgAssetIDTaken  = "asset with the same id already exists"
	msgAssetKind     = "unsupported asset kind: only " + model.AssetKindOASTemplate + " is accepted"
)

// findAsset finds an asset of the caller's org by custom id or by _id.
func (c *call) findAsset(tx store.DefinitionsReader, id string) (*model.Asset, error) {
	a, err := tx.GetAssetByID(c.orgID, id)
	if errors.Is(err, store.ErrNotFound) {
		a, err = tx.GetAsset(id)
	}
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(a.OrgID) {
		return nil, store.ErrNotFound
	}
	return a, nil
}

func listAssets(c *call) {
	kind := c.query("kind")
	var page store.Page[model.Asset]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListAssets(c.orgID, store.ListOptions{Page: 0})
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, msgAssetNotFound) {
		return
	}
	// The Dashboard answers a bare array here.
	out := make([]model.Asset, 0, len(page.Items))
	for _, a := range page.Items {
		if kind == "" || a.Kind == kind {
			out = append(out, a)
		}
	}
	c.json(http.StatusOK, out)
}

func getAsset(c *call) {
	var a *model.Asset
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		a, err = c.findAsset(tx, c.PathValue("id"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgAssetNotFound) {
		return
	}
	c.json(http.StatusOK, a)
}

// decodeAsset reads and checks a template: its kind (422 when wrong), name
// and description, and its data with the relaxed rules of templates.
func (c *call) decodeAsset() (*model.Asset, bool) {
	var a model.Asset
	if !c.decode(&a) {
		return nil, false
	}
	if a.Kind == "" {
		a.Kind = model.AssetKindOASTemplate
	}
	if a.Kind != model.AssetKindOASTemplate {
		c.fail(http.StatusUnprocessableEntity, msgAssetKind)
		return nil, false
	}
	if len(a.Data) == 0 || !isJSONObject(a.Data) {
		c.fail(http.StatusBadRequest, "data is required: a JSON object with a (partial) Tyk OAS API")
		return nil, false
	}
	if err := template.Validate(a); err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return nil, false
	}
	doc, err := oas.Parse(a.Data)
	if err != nil {
		c.fail(http.StatusBadRequest, "data: "+err.Error())
		return nil, false
	}
	if err := oas.Validate(doc, oas.ForTemplate()); err != nil {
		c.fail(http.StatusBadRequest, "data: "+err.Error())
		return nil, false
	}
	return &a, true
}

func createAsset(c *call) {
	a, ok := c.decodeAsset()
	if !ok {
		return
	}
	a.MID = c.s.ids.ObjectID()
	if a.ID == "" {
		a.ID = a.MID
	}
	a.OrgID = c.orgFor(a.OrgID)
	a.LastUpdated = c.nowString()
	err := c.update(func(tx store.DefinitionsTx) error {
		if _, err := tx.GetAssetByID(a.OrgID, a.ID); err == nil {
			return c.failTx(http.StatusConflict, msgAssetIDTaken)
		}
		return tx.InsertAsset(a)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, msgAssetIDTaken)
		return
	}
	if c.storeFailed(err, http.StatusNotFound, msgAssetNotFound) {
		return
	}
	c.json(http.StatusCreated, model.APIResponse{Status: model.StatusSuccess, Message: "asset created", Meta: a.MID, ID: a.ID})
}

func updateAsset(c *call) {
	in, ok := c.decodeAsset()
	if !ok {
		return
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		old, err := c.findAsset(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		if in.MID != "" && in.MID != old.MID {
			return c.failTx(http.StatusBadRequest, "the asset _id in the body does not match the asset in the path")
		}
		in.MID, in.OrgID = old.MID, old.OrgID
		if in.ID == "" {
			in.ID = old.ID
		}
		if in.ID != old.ID {
			if _, err := tx.GetAssetByID(old.OrgID, in.ID); err == nil {
				return c.failTx(http.StatusConflict, msgAssetIDTaken)
			}
		}
		in.LastUpdated = c.nowString()
		return tx.UpdateAsset(in)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, msgAssetIDTaken)
		return
	}
	if c.storeFailed(err, http.StatusNotFound, msgAssetNotFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusSuccess, Message: "asset updated", Meta: in.MID, ID: in.ID})
}

func deleteAsset(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		a, err := c.findAsset(tx, c.PathValue("id"))
		if err != nil {
			return err
		}
		return tx.DeleteAsset(a.MID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgAssetNotFound) {
		return
	}
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusSuccess, Message: "asset deleted", Meta: nil})
}
