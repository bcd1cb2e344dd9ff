package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// WebhooksService manages webhooks, which APIs call on events through their
// hook_references.
type WebhooksService struct{ c *Client }

// List returns one page of the organisation's webhooks.
//
// GET /api/hooks
func (s *WebhooksService) List(ctx context.Context, opts ListOptions) (*Page[model.WebHookHandlerConf], error) {
	var out model.WebHookListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/hooks", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Hooks, opts.Page, out.Pages), nil
}

// All iterates over every webhook of the organisation.
func (s *WebhooksService) All(ctx context.Context, opts ListOptions) iter.Seq2[model.WebHookHandlerConf, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.WebHookHandlerConf], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// Get returns a webhook. An unknown webhook is ErrNotFound (the Dashboard
// answers 400 here).
//
// GET /api/hooks/{hookId}
func (s *WebhooksService) Get(ctx context.Context, id string) (*model.WebHookHandlerConf, error) {
	if id == "" {
		return nil, errEmpty("webhook id")
	}
	var out model.WebHookHandlerConf
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/hooks/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create creates a webhook. The Dashboard does not say the new webhook's id;
// when the answer carries one, it is returned, else find the webhook with
// List (by name).
//
// POST /api/hooks
func (s *WebhooksService) Create(ctx context.Context, h *model.WebHookHandlerConf) (string, error) {
	var out model.APIResponse
	if err := s.c.doJSON(ctx, http.MethodPost, "/api/hooks", nil, h, &out); err != nil {
		return "", err
	}
	if out.ID != "" {
		return out.ID, nil
	}
	return metaString(&out), nil
}

// Update replaces a webhook; the APIs that reference it see the change.
//
// PUT /api/hooks/{hookId}
func (s *WebhooksService) Update(ctx context.Context, id string, h *model.WebHookHandlerConf) error {
	if id == "" {
		return errEmpty("webhook id")
	}
	return s.c.doJSON(ctx, http.MethodPut, route("/api/hooks/%s", id), nil, h, nil)
}

// Delete deletes a webhook.
//
// DELETE /api/hooks/{hookId}
func (s *WebhooksService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("webhook id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/hooks/%s", id), nil, nil, nil)
}
