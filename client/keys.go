package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// KeysService manages keys (sessions): the tokens clients present to the
// gateway, with their access rights, rate limits and quotas.
//
// A key can be reached in two ways: by the key alone (/api/keys/{keyId})
// and through one of the APIs it grants access to
// (/api/apis/{apiId}/keys/{keyId}). Old Dashboards demanded the API id to
// update a key; Update needs none, and UpdateForAPI is there for code that
// already has one. Either way the key keeps its id and its token.
//
// Where the Dashboard hashes keys, a key's token is shown only when it is
// created, and lists name keys by their hash: pass KeyHashed() to reach a
// key by its hash, or KeyAutoGuess() when either may come.
type KeysService struct{ c *Client }

// KeyOption changes how the Dashboard reads the key id of a call.
type KeyOption func(url.Values)

// KeyHashed says that the key id given is the key's hash, not the key
// (hashed=true).
func KeyHashed() KeyOption { return func(q url.Values) { q.Set("hashed", "true") } }

// KeyAutoGuess lets the Dashboard find out whether the id given is a key or
// its hash (auto_guess=true).
func KeyAutoGuess() KeyOption { return func(q url.Values) { q.Set("auto_guess", "true") } }

// KeyUsername says that the key id given is the username of a basic-auth
// key (username=true).
func KeyUsername() KeyOption { return func(q url.Values) { q.Set("username", "true") } }

// KeySuppressReset keeps the key's remaining quota on an update, which
// otherwise resets it (suppress_reset=1).
func KeySuppressReset() KeyOption { return func(q url.Values) { q.Set("suppress_reset", "1") } }

func keyQuery(opts []KeyOption) url.Values {
	if len(opts) == 0 {
		return nil
	}
	q := url.Values{}
	for _, o := range opts {
		o(q)
	}
	return q
}

// Create creates a key with a generated id (the org id followed by 32 hex
// characters). The answer is the only place a hashed key's token is shown.
//
// POST /api/keys
func (s *KeysService) Create(ctx context.Context, session *model.SessionState) (*model.KeyData, error) {
	return s.write(ctx, http.MethodPost, "/api/keys", nil, session)
}

// CreateCustom creates a key whose id is keyID.
//
// POST /api/keys/{keyId}
func (s *KeysService) CreateCustom(ctx context.Context, keyID string, session *model.SessionState) (*model.KeyData, error) {
	if keyID == "" {
		return nil, errEmpty("key id")
	}
	return s.write(ctx, http.MethodPost, route("/api/keys/%s", keyID), nil, session)
}

// CreateBasic creates a basic-auth key for username; the password goes in
// session.BasicAuthData.
//
// POST /api/apis/keys/basic/{username}
func (s *KeysService) CreateBasic(ctx context.Context, username string, session *model.SessionState) (*model.KeyData, error) {
	if username == "" {
		return nil, errEmpty("username")
	}
	return s.write(ctx, http.MethodPost, route("/api/apis/keys/basic/%s", username), nil, session)
}

// Preview returns the key that Create would make of session, policies
// applied, without creating it.
//
// POST /api/keys/preview
func (s *KeysService) Preview(ctx context.Context, session *model.SessionState) (*model.KeyData, error) {
	return s.write(ctx, http.MethodPost, "/api/keys/preview", nil, session)
}

// Get returns a key.
//
// GET /api/keys/{keyId}
func (s *KeysService) Get(ctx context.Context, keyID string, opts ...KeyOption) (*model.KeyData, error) {
	if keyID == "" {
		return nil, errEmpty("key id")
	}
	var out model.KeyData
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/keys/%s", keyID), keyQuery(opts), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetForAPI returns a key through one of the APIs it grants access to.
//
// GET /api/apis/{apiID}/keys/{keyID}
func (s *KeysService) GetForAPI(ctx context.Context, apiID, keyID string, opts ...KeyOption) (*model.KeyData, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	if keyID == "" {
		return nil, errEmpty("key id")
	}
	var out model.KeyData
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/apis/%s/keys/%s", apiID, keyID), keyQuery(opts), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update replaces a key's session, without an API id: the key keeps its id
// and its token, whichever APIs its new access rights name. Policies in
// session.ApplyPolicies are applied again.
//
// PUT /api/keys/{keyId}
func (s *KeysService) Update(ctx context.Context, keyID string, session *model.SessionState, opts ...KeyOption) (*model.KeyData, error) {
	if keyID == "" {
		return nil, errEmpty("key id")
	}
	return s.write(ctx, http.MethodPut, route("/api/keys/%s", keyID), keyQuery(opts), session)
}

// UpdateForAPI is Update through one of the APIs the key grants access to.
//
// PUT /api/apis/{apiID}/keys/{keyID}
func (s *KeysService) UpdateForAPI(ctx context.Context, apiID, keyID string, session *model.SessionState, opts ...KeyOption) (*model.KeyData, error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	if keyID == "" {
		return nil, errEmpty("key id")
	}
	return s.write(ctx, http.MethodPut, route("/api/apis/%s/keys/%s", apiID, keyID), keyQuery(opts), session)
}

// Delete deletes a key.
//
// DELETE /api/keys/{keyId}
func (s *KeysService) Delete(ctx context.Context, keyID string, opts ...KeyOption) error {
	if keyID == "" {
		return errEmpty("key id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/keys/%s", keyID), keyQuery(opts), nil, nil)
}

// DeleteForAPI deletes a key through one of the APIs it grants access to.
//
// DELETE /api/apis/{apiID}/keys/{keyID}
func (s *KeysService) DeleteForAPI(ctx context.Context, apiID, keyID string, opts ...KeyOption) error {
	if apiID == "" {
		return errEmpty("API id")
	}
	if keyID == "" {
		return errEmpty("key id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/apis/%s/keys/%s", apiID, keyID), keyQuery(opts), nil, nil)
}

func (s *KeysService) write(ctx context.Context, method, path string, q url.Values, session *model.SessionState) (*model.KeyData, error) {
	if session == nil {
		session = &model.SessionState{}
	}
	var out model.KeyData
	if err := s.c.doJSON(ctx, method, path, q, session, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// List returns one page of the ids of the organisation's keys (hashes,
// where keys are hashed).
//
// GET /api/apis/keys
func (s *KeysService) List(ctx context.Context, opts ListOptions) (*Page[string], error) {
	return s.listIDs(ctx, "/api/apis/keys", opts.values(nil), opts.Page)
}

// All iterates over the ids of every key of the organisation.
func (s *KeysService) All(ctx context.Context, opts ListOptions) iter.Seq2[string, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[string], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// ListForAPI returns one page of the ids of the keys that grant access to
// an API.
//
// GET /api/apis/{apiID}/keys
func (s *KeysService) ListForAPI(ctx context.Context, apiID string, opts ListOptions) (*Page[string], error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	return s.listIDs(ctx, route("/api/apis/%s/keys", apiID), opts.values(nil), opts.Page)
}

// AllForAPI iterates over the ids of every key that grants access to an API.
func (s *KeysService) AllForAPI(ctx context.Context, apiID string, opts ListOptions) iter.Seq2[string, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[string], error) {
		return s.ListForAPI(ctx, apiID, ListOptions{Page: page})
	})
}

// Search returns one page of the ids of an API's keys that match query.
//
// GET /api/apis/{apiId}/keys/search
func (s *KeysService) Search(ctx context.Context, apiID, query string, opts ListOptions) (*Page[string], error) {
	if apiID == "" {
		return nil, errEmpty("API id")
	}
	q := opts.values(nil)
	setIf(q, "q", query)
	return s.listIDs(ctx, route("/api/apis/%s/keys/search", apiID), q, opts.Page)
}

func (s *KeysService) listIDs(ctx context.Context, path string, q url.Values, page int) (*Page[string], error) {
	var out model.KeyListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, path, q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Data.Keys, page, out.Pages), nil
}

// ListDetailedOptions filters and pages GET /api/keys/detailed.
type ListDetailedOptions struct {
	ListOptions
	// Query matches key ids and aliases (q).
	Query string
}

// ListDetailed returns one page of the organisation's keys with their
// sessions.
//
// GET /api/keys/detailed
func (s *KeysService) ListDetailed(ctx context.Context, opts ListDetailedOptions) (*Page[model.KeyData], error) {
	q := opts.values(nil)
	setIf(q, "q", opts.Query)
	var out model.KeyDetailListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/keys/detailed", q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Keys, opts.Page, out.Pages), nil
}

// AllDetailed iterates over every key of the organisation with its session.
func (s *KeysService) AllDetailed(ctx context.Context, opts ListDetailedOptions) iter.Seq2[model.KeyData, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.KeyData], error) {
		o := opts
		o.Page = page
		return s.ListDetailed(ctx, o)
	})
}
