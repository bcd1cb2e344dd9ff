package memserver

import (
	"errors"
	"fmt"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The API catalogue: one per org, a list of entries each publishing a
// policy. Clients read it whole and write it whole (tyk-operator adds,
// changes and removes an entry by a GET and a PUT of the catalogue, and
// reads it before deleting a policy to see whether an entry still uses it).
func portalCatalogueRoutes() []route { return catalogue.routes("/api/portal/catalogue") }

const msgCatalogueNotFound = "Could not retrieve catalogue."

var catalogue = orgSingleton[model.PortalCatalogue]{
	kind:     store.PortalCatalogue,
	notFound: msgCatalogueNotFound,
	check:    checkCatalogue,
	place: func(v *model.PortalCatalogue, id, org string) {
		v.ID, v.OrgID = id, org
		if v.APIs == nil {
			v.APIs = []model.PortalCatalogueEntry{}
		}
		for i := range v.APIs {
			if v.APIs[i].Fields == nil {
				v.APIs[i].Fields = map[string]string{}
			}
		}
	},
}

// catalogueAuthTypes are the auth_type values of a catalogue entry.
var catalogueAuthTypes = map[string]bool{
	"multiAuth": true, "keyless": true, "basic": true, "hmac": true, "jwt": true, "oauth": true,
	"openid": true, "mutualTLS": true, "authToken": true, "custom": true, "other": true,
}

// checkCatalogue validates every entry: a name, a policy of the org
// (entries are tied to policies), each policy at most once, a known auth
// type and, when set, documentation of the org.
func checkCatalogue(c *call, tx store.DefinitionsReader, cat *model.PortalCatalogue) error {
	seen := map[string]int{}
	for i := range cat.APIs {
		e := &cat.APIs[i]
		where := fmt.Sprintf("apis[%d]", i)
		if e.Name == "" {
			return fmt.Errorf("%s.name is required", where)
		}
		switch e.Version {
		case "":
			e.Version = "v2"
		case "v2":
		default:
			return fmt.Errorf("%s.version must be \"v2\" (an entry tied to a policy), got %q", where, e.Version)
		}
		if e.PolicyID == "" {
			return fmt.Errorf("%s.policy_id is required", where)
		}
		p, err := c.findPolicy(tx, e.PolicyID)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%s.policy_id: policy %q does not exist", where, e.PolicyID)
		}
		if err != nil {
			return err
		}
		if p.MID != e.PolicyID && p.MID != "" {
			return fmt.Errorf("%s.policy_id must be the policy's _id %q, got its custom id %q", where, p.MID, e.PolicyID)
		}
		if j, dup := seen[e.PolicyID]; dup {
			return fmt.Errorf("%s.policy_id: policy %q is already published by apis[%d]", where, e.PolicyID, j)
		}
		seen[e.PolicyID] = i
		if e.AuthType != "" && !catalogueAuthTypes[e.AuthType] {
			return fmt.Errorf("%s.auth_type %q is not an authentication type of the portal", where, e.AuthType)
		}
		if e.Documentation != "" {
			var doc model.PortalDocumentation
			if _, err := c.findPortal(tx, store.PortalDocumentation, e.Documentation, &doc); errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%s.documentation: documentation %q does not exist", where, e.Documentation)
			} else if err != nil {
				return err
			}
		}
		if e.Config != nil {
			if err := checkPortalConfig(e.Config); err != nil {
				return fmt.Errorf("%s.config.%w", where, err)
			}
		}
	}
	return nil
}
