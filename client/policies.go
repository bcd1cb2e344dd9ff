package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"github.com/dashkit/dashkit/model"
)

// PoliciesService manages security policies: rate, quota, expiry and access
// rights that keys inherit through apply_policies. A policy is found by its
// database id (_id) or its custom id.
type PoliciesService struct{ c *Client }

// ListPoliciesOptions filters and pages GET /api/portal/policies.
type ListPoliciesOptions struct {
	ListOptions
	// Active keeps only the active policies (active).
	Active bool
}

// List returns one page of the organisation's policies.
//
// GET /api/portal/policies
func (s *PoliciesService) List(ctx context.Context, opts ListPoliciesOptions) (*Page[model.Policy], error) {
	q := opts.ListOptions.values(nil)
	if opts.Active {
		q.Set("active", "true")
	}
	return s.list(ctx, "/api/portal/policies", q, opts.Page)
}

// All iterates over every policy List with opts would page through.
func (s *PoliciesService) All(ctx context.Context, opts ListPoliciesOptions) iter.Seq2[model.Policy, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.Policy], error) {
		o := opts
		o.Page = page
		return s.List(ctx, o)
	})
}

// SearchPoliciesOptions filters and pages GET /api/portal/policies/search.
// Empty fields are not sent.
type SearchPoliciesOptions struct {
	ListOptions
	// Query matches policy ids and names (q).
	Query string
	// PolicyIDs keeps these policies (policy_ids).
	PolicyIDs []string
	// APIIDs keeps the policies that grant access to one of these APIs
	// (api_id).
	APIIDs []string
	// Active keeps only the active policies (active).
	Active bool
	// State keeps the policies in one state: "active", "draft" or "deny"
	// (state).
	State string
	// AuthType keeps the policies of one authentication type (auth_type).
	AuthType string
	// Sort orders by "name", "date_created" or "state" (sort).
	Sort string
}

// Search returns one page of the policies that match opts.
//
// GET /api/portal/policies/search
func (s *PoliciesService) Search(ctx context.Context, opts SearchPoliciesOptions) (*Page[model.Policy], error) {
	q := opts.ListOptions.values(nil)
	setIf(q, "q", opts.Query)
	setIf(q, "policy_ids", joinComma(opts.PolicyIDs))
	setIf(q, "api_id", joinComma(opts.APIIDs))
	if opts.Active {
		q.Set("active", "true")
	}
	setIf(q, "state", opts.State)
	setIf(q, "auth_type", opts.AuthType)
	setIf(q, "sort", opts.Sort)
	return s.list(ctx, "/api/portal/policies/search", q, opts.Page)
}

// SearchAll iterates over every policy that matches opts.
func (s *PoliciesService) SearchAll(ctx context.Context, opts SearchPoliciesOptions) iter.Seq2[model.Policy, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.Policy], error) {
		o := opts
		o.Page = page
		return s.Search(ctx, o)
	})
}

func joinComma(v []string) string { return strings.Join(v, ",") }

func (s *PoliciesService) list(ctx context.Context, path string, q url.Values, page int) (*Page[model.Policy], error) {
	var out model.PolicyListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, path, q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Data, page, out.Pages), nil
}

// Get returns a policy by its _id or custom id. A missing policy is
// ErrNotFound (404).
//
// GET /api/portal/policies/{id}
func (s *PoliciesService) Get(ctx context.Context, id string) (*model.Policy, error) {
	if id == "" {
		return nil, errEmpty("policy id")
	}
	var out model.Policy
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/portal/policies/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates a policy and returns its database id (_id), which the
// Dashboard answers in the envelope's Message.
//
// POST /api/portal/policies
func (s *PoliciesService) Create(ctx context.Context, p *model.Policy) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/portal/policies", nil, p, &out); err != nil {
		return "", err
	}
	// The id is in Message; a Dashboard that also puts it in Meta is
	// believed only when Message is not an id.
	if !model.IsObjectID(out.Message) {
		if id := metaString(&out); id != "" {
			return id, nil
		}
	}
	return out.Message, nil
}

// Update replaces a policy, found by its _id or custom id. The keys that
// apply it are not changed until they are next updated.
//
// PUT /api/portal/policies/{id}
func (s *PoliciesService) Update(ctx context.Context, id string, p *model.Policy) error {
	if id == "" {
		return errEmpty("policy id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/portal/policies/%s", id), nil, p, nil)
}

// Delete deletes a policy.
//
// DELETE /api/portal/policies/{id}
func (s *PoliciesService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("policy id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/portal/policies/%s", id), nil, nil, nil)
}
