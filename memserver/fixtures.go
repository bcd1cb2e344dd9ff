package memserver

import (
	"context"
	"fmt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Fixtures are objects to store at once: with Seed, WithFixtures, POST
// /_memserver/seed or the binary's -seed file. Objects take the shapes the
// Dashboard API returns them in. Missing ids are generated, a missing org_id
// is the default org, users are active, and an API's ids are kept in its OAS
// document as on creation.
type Fixtures struct {
	Orgs     []model.Organisation         `json:"orgs,omitempty"`
	Users    []model.User                 `json:"users,omitempty"`
	APIs     []model.APIDefinitionWrapper `json:"apis,omitempty"`
	Policies []model.Policy               `json:"policies,omitempty"`
	Assets   []model.Asset                `json:"assets,omitempty"`
	// Keys are keys as GET /api/keys/{id} returns them; a missing key_id is
	// generated.
	Keys []model.KeyData `json:"keys,omitempty"`
}

func (s *Server) seed(ctx context.Context, f Fixtures) error {
	now := s.now().UTC()
	stamp := now.Format(rfc3339Milli)
	orgOf := func(org string) string {
		if org == "" {
			return s.OrgID
		}
		return org
	}
	// Keys are prepared before anything is stored, so that a bad key fails
	// the seed before the definitions are written.
	keys := make([]*store.Key, 0, len(f.Keys))
	for i := range f.Keys {
		k := f.Keys[i]
		org := orgOf(k.Data.OrgID)
		id := k.KeyID
		if id == "" {
			id = s.ids.NewKey(org, s.cfg.keyHash)
		}
		sess := k.Data
		sess.OrgID = org
		if sess.DateCreated == "" {
			sess.DateCreated = stamp
		}
		fillEmpty(&sess)
		keys = append(keys, &store.Key{ID: id, Hash: keyHash(id), OrgID: org, Session: sess})
	}
	err := s.store.UpdateDefinitions(ctx, func(tx store.DefinitionsTx) error {
		for i := range f.Orgs {
			o := f.Orgs[i]
			if o.ID == "" {
				o.ID = s.ids.ObjectID()
			}
			if err := tx.InsertOrg(&o); err != nil {
				return fmt.Errorf("org %q: %w", o.ID, err)
			}
		}
		for i := range f.Users {
			u := f.Users[i]
			if u.ID == "" {
				u.ID = s.ids.ObjectID()
			}
			if u.AccessKey == "" {
				u.AccessKey = s.ids.Secret()
			}
			// Without org_id a fixture user joins the default org, as every
			// fixture does: a super user over every org is made only on
			// purpose, through the Admin API.
			u.OrgID = orgOf(u.OrgID)
			u.Active = true
			if u.CreatedAt == "" {
				u.CreatedAt = stamp
			}
			if err := s.checkEmailFree(tx, u.OrgID, u.EmailAddress, ""); err != nil {
				return fmt.Errorf("user %q: %w", u.EmailAddress, err)
			}
			if err := tx.InsertUser(&u); err != nil {
				return fmt.Errorf("user %q: %w", u.EmailAddress, err)
			}
		}
		for i := range f.APIs {
			w := f.APIs[i]
			if w.APIDefinition == nil {
				return fmt.Errorf("api %d: api_definition is missing: %w", i, store.ErrInvalid)
			}
			if err := s.prepareAPI(&w, orgOf(w.APIDefinition.OrgID), now); err != nil {
				return fmt.Errorf("api %q: %w", w.APIDefinition.Name, err)
			}
			if err := tx.InsertAPI(&w); err != nil {
				return fmt.Errorf("api %q: %w", w.APIDefinition.Name, err)
			}
		}
		for i := range f.Policies {
			p := f.Policies[i]
			if p.MID == "" {
				p.MID = s.ids.ObjectID()
			}
			p.OrgID = orgOf(p.OrgID)
			if p.DateCreated == "" {
				p.DateCreated = stamp
			}
			if p.LastUpdated == "" {
				p.LastUpdated = stamp
			}
			fillEmpty(&p)
			if err := tx.InsertPolicy(&p); err != nil {
				return fmt.Errorf("policy %q: %w", p.Name, err)
			}
		}
		for i := range f.Assets {
			a := f.Assets[i]
			if a.MID == "" {
				a.MID = s.ids.ObjectID()
			}
			if a.ID == "" {
				a.ID = a.MID
			}
			if a.Kind == "" {
				a.Kind = model.AssetKindOASTemplate
			}
			a.OrgID = orgOf(a.OrgID)
			a.LastUpdated = stamp
			if err := tx.InsertAsset(&a); err != nil {
				return fmt.Errorf("asset %q: %w", a.ID, err)
			}
		}
		if len(keys) == 0 {
			return nil
		}
		// The keys are written inside the definitions' transaction: a key
		// the store refuses rolls the definitions back too, so that a seed
		// is stored whole or not at all.
		return s.store.UpdateSessions(ctx, func(stx store.SessionsTx) error {
			for _, k := range keys {
				if err := stx.InsertKey(k); err != nil {
					return fmt.Errorf("key %q: %w", k.ID, err)
				}
			}
			return nil
		})
	})
	return err
}
