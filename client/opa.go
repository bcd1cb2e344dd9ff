package client

import (
	"context"
	"net/http"
)

// OPAService reads and sets the organisation's Open Policy Agent rules, with
// which the Dashboard decides what its users may do. Admin users only.
type OPAService struct{ c *Client }

type opaRules struct {
	OpenPolicy struct {
		Rules string `json:"rules"`
	} `json:"open_policy"`
}

// Get returns the organisation's OPA rules, in Rego.
//
// GET /api/org/opa
func (s *OPAService) Get(ctx context.Context) (string, error) {
	var out opaRules
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/org/opa", nil, nil, &out); err != nil {
		return "", err
	}
	return out.OpenPolicy.Rules, nil
}

// Set replaces the organisation's OPA rules.
//
// PUT /api/org/opa
func (s *OPAService) Set(ctx context.Context, rules string) error {
	var body opaRules
	body.OpenPolicy.Rules = rules
	return s.c.doJSON(ctx, http.MethodPut, "/api/org/opa", nil, body, nil)
}
