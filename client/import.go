package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// ImportService loads APIs and policies through the Admin API keeping their
// ids, so that what the ordinary lists of one Dashboard return (APIs.All,
// Policies.All) can be loaded into another, ids and references intact.
// Organisations are imported with Orgs.Import.
type ImportService struct{ c *Client }

// importResult reads the Admin API's answer to an import: Meta maps each id
// to whether it was imported.
func importResult(r *model.APIResponse) map[string]bool {
	out := map[string]bool{}
	if m, ok := r.Meta.(map[string]any); ok {
		for id, v := range m {
			b, _ := v.(bool)
			out[id] = b
		}
	}
	return out
}

// APIs imports API definitions into the organisations they name, keeping
// their ids, and returns which were imported, by id.
//
// POST /admin/apis/import
func (s *ImportService) APIs(ctx context.Context, apis []model.APIDefinitionWrapper) (map[string]bool, error) {
	if apis == nil {
		apis = []model.APIDefinitionWrapper{}
	}
	body := model.APIListResponse{APIs: apis, Pages: 1}
	var out model.APIResponse
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/apis/import", nil, body, &out); err != nil {
		return nil, err
	}
	return importResult(&out), nil
}

// Policies imports policies into the organisations they name, keeping their
// ids, and returns which were imported, by id.
//
// POST /admin/policies/import
func (s *ImportService) Policies(ctx context.Context, policies []model.Policy) (map[string]bool, error) {
	if policies == nil {
		policies = []model.Policy{}
	}
	body := model.PolicyListResponse{Data: policies, Pages: 1}
	var out model.APIResponse
	if err := s.c.adminJSON(ctx, http.MethodPost, "/admin/policies/import", nil, body, &out); err != nil {
		return nil, err
	}
	return importResult(&out), nil
}
