package memserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The classic developer portal (section "portal"): an org's catalogue,
// configuration, CSS, JavaScript and menus (one of each per org), and its
// documentation, pages, developers and key requests. None of it is in the
// official descriptions; routes, bodies and envelopes follow Tyk's classic
// portal API documentation and what tyk-operator sends and reads.
func portalRoutes() []route {
	var rs []route
	for _, part := range []func() []route{
		portalCatalogueRoutes, portalDocumentationRoutes, portalSettingsRoutes,
		portalPageRoutes, portalDeveloperRoutes, portalRequestRoutes,
	} {
		rs = append(rs, part()...)
	}
	return rs
}

const sectionPortal = "portal"

// orgKey is the key of the one object of a kind an org has: the store
// refuses a second.
const orgKey = "org"

// portalObject wraps a model object for the store.
func (c *call) portalObject(kind store.PortalKind, id, org, key, name string, v any) (*store.PortalObject, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode portal %s: %w", kind, err)
	}
	return &store.PortalObject{Kind: kind, ID: id, OrgID: org, Key: key, Name: name, Created: c.s.now().UTC(), Data: data}, nil
}

// findPortal reads an object of kind by id into v; another org's object is
// missing.
func (c *call) findPortal(tx store.DefinitionsReader, kind store.PortalKind, id string, v any) (*store.PortalObject, error) {
	o, err := tx.GetPortalObject(kind, id)
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(o.OrgID) {
		return nil, store.ErrNotFound
	}
	if err := decodeStored(o, v); err != nil {
		return nil, err
	}
	return o, nil
}

// decodeStored decodes a stored portal object's data into v.
func decodeStored(o *store.PortalObject, v any) error {
	if err := json.Unmarshal(o.Data, v); err != nil {
		return fmt.Errorf("decode portal %s %q: %w", o.Kind, o.ID, err)
	}
	return nil
}

// findOrgPortal reads the one object of kind of the caller's org into v.
func (c *call) findOrgPortal(tx store.DefinitionsReader, kind store.PortalKind, v any) (*store.PortalObject, error) {
	o, err := tx.GetPortalObjectByKey(kind, c.orgFor(""), orgKey)
	if err != nil {
		return nil, err
	}
	if err := decodeStored(o, v); err != nil {
		return nil, err
	}
	return o, nil
}

// orgSingleton is one of the objects an org has one of: how to read it from
// a body, check it, and give it its id and org.
type orgSingleton[T any] struct {
	kind     store.PortalKind
	notFound string
	// check validates a decoded object; its error is the 400's message.
	check func(c *call, tx store.DefinitionsReader, v *T) error
	// place sets the object's id and org.
	place func(v *T, id, org string)
}

// get answers the org's object, or 404 when it has none.
func (o orgSingleton[T]) get(c *call) {
	var v T
	err := c.view(func(tx store.DefinitionsReader) error {
		_, err := c.findOrgPortal(tx, o.kind, &v)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, o.notFound) {
		return
	}
	c.json(http.StatusOK, &v)
}

// put stores the org's object: create says whether a missing one is
// created (POST) or is 404 (PUT). An existing one is replaced and keeps its
// id: initialising a portal again, as bootstrap scripts do, changes no id
// that clients hold.
func (o orgSingleton[T]) put(c *call, create bool) {
	var v T
	if !c.decode(&v) {
		return
	}
	org := c.orgFor("")
	var id string
	err := c.update(func(tx store.DefinitionsTx) error {
		if o.check != nil {
			if err := o.check(c, tx, &v); err != nil {
				return c.failTx(http.StatusBadRequest, err.Error())
			}
		}
		old, err := tx.GetPortalObjectByKey(o.kind, org, orgKey)
		switch {
		case errors.Is(err, store.ErrNotFound) && create:
			id = c.s.ids.ObjectID()
			o.place(&v, id, org)
			obj, err := c.portalObject(o.kind, id, org, orgKey, "", &v)
			if err != nil {
				return err
			}
			return tx.InsertPortalObject(obj)
		case err != nil:
			return err
		}
		id = old.ID
		o.place(&v, id, org)
		obj, err := c.portalObject(o.kind, id, org, orgKey, "", &v)
		if err != nil {
			return err
		}
		obj.Created = old.Created
		return tx.UpdatePortalObject(obj)
	})
	if c.storeFailed(err, http.StatusNotFound, o.notFound) {
		return
	}
	if create {
		c.ok(id, nil)
		return
	}
	c.ok("Data updated", nil)
}

func (o orgSingleton[T]) routes(path string) []route {
	return []route{
		{Method: "GET", Path: path, Section: sectionPortal, Handle: o.get},
		{Method: "POST", Path: path, Section: sectionPortal, Write: true, Handle: func(c *call) { o.put(c, true) }},
		{Method: "PUT", Path: path, Section: sectionPortal, Write: true, Handle: func(c *call) { o.put(c, false) }},
	}
}

// seedPortal gives the default org the catalogue and configuration a
// bootstrapped Dashboard's org has, so that clients which read the
// catalogue first (tyk-operator, before deleting a policy) find one. Their
// ids follow the org's, as in the classic portal documentation's examples
// (org ...b3, catalogue ...b4, configuration ...b6), which also keeps them
// out of the id generator's sequence. Orgs created later start without a
// portal, as through the Admin API: clients set it up with POST.
func (s *Server) seedPortal(tx store.DefinitionsTx, org string) error {
	now := s.now().UTC()
	seed := func(kind store.PortalKind, n uint64, v any) error {
		if _, err := tx.GetPortalObjectByKey(kind, org, orgKey); err == nil {
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		id := followingID(org, n)
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return tx.InsertPortalObject(&store.PortalObject{Kind: kind, ID: id, OrgID: org, Key: orgKey, Created: now, Data: data})
	}
	catID, confID := followingID(org, 1), followingID(org, 3)
	if err := seed(store.PortalCatalogue, 1, &model.PortalCatalogue{ID: catID, OrgID: org, APIs: []model.PortalCatalogueEntry{}}); err != nil {
		return fmt.Errorf("seed the default org's catalogue: %w", err)
	}
	conf := &model.PortalConfig{ID: confID, OrgID: org, SignUpFields: []string{}, KeyRequestFields: []string{}}
	if err := seed(store.PortalConfiguration, 3, conf); err != nil {
		return fmt.Errorf("seed the default org's portal configuration: %w", err)
	}
	return nil
}

// followingID is the database id n after id (24 hex digits), wrapping
// around; an id that is not hex gets the generator's shape from n alone.
func followingID(id string, n uint64) string {
	v, ok := new(big.Int).SetString(id, 16)
	if !ok || len(id) != 24 {
		v = new(big.Int)
	}
	v.Add(v, new(big.Int).SetUint64(n))
	v.And(v, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1)))
	return fmt.Sprintf("%024x", v)
}

// portalList is a page of portal objects as the classic portal answers
// lists: {"Data":[...],"Pages":n} (portal-developers and portal-keys
// documentation).
type portalList[T any] struct {
	Data  []T   `json:"Data"`
	Pages int64 `json:"Pages"`
}

// listPortalKind answers a page of the caller's org's objects of kind (p,
// q on the name and sort, as other lists), each decoded into T and passed
// through show before it is answered.
func listPortalKind[T any](c *call, kind store.PortalKind, show func(*T)) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	out := portalList[T]{Data: []T{}}
	err := c.view(func(tx store.DefinitionsReader) error {
		page, err := tx.ListPortalObjects(kind, c.orgID, opts)
		if err != nil {
			return err
		}
		out.Pages = int64(page.Pages)
		for i := range page.Items {
			var v T
			if err := decodeStored(&page.Items[i], &v); err != nil {
				return err
			}
			if show != nil {
				show(&v)
			}
			out.Data = append(out.Data, v)
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, "") {
		return
	}
	c.json(http.StatusOK, &out)
}

// portalConflict turns the store's conflict on an object's Key into the
// 409 answer msg, inside a transaction.
func (c *call) portalConflict(err error, msg string) error {
	if errors.Is(err, store.ErrConflict) {
		return c.failTx(http.StatusConflict, msg)
	}
	return err
}
