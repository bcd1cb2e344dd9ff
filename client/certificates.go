package client

import (
	"bytes"
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/dashkit/dashkit/model"
)

// CertificatesService manages the organisation's certificate store: PEM
// certificates (with or without their private key) and public keys, which
// APIs name for mutual TLS, upstream certificates and pinning.
type CertificatesService struct{ c *Client }

// Certificate list filters of ListBasics (query parameter filter).
const (
	CertificatesWithPrivateKey    = "with_pk"
	CertificatesWithoutPrivateKey = "without_pk"
)

// CertificateListOptions selects a page of ListBasics.
type CertificateListOptions struct {
	ListOptions
	// Filter keeps the certificates with (CertificatesWithPrivateKey) or
	// without (CertificatesWithoutPrivateKey) a private key; empty keeps
	// all.
	Filter string
}

// Upload adds a certificate: pemData is one PEM file, the certificate (or
// chain) followed by its private key when it has one, or a public key. It
// returns the certificate's id, the org id followed by its SHA-256
// fingerprint. An invalid, expired or mismatched upload, and one already
// stored, is an *APIError.
//
// POST /api/certs
func (s *CertificatesService) Upload(ctx context.Context, pemData []byte) (string, error) {
	if len(pemData) == 0 {
		return "", errEmpty("certificate PEM")
	}
	body, ct, err := multipartFile("certificate.pem", bytes.NewReader(pemData))
	if err != nil {
		return "", err
	}
	var out model.CertificateStatusMessage
	req := &request{method: http.MethodPost, path: "/api/certs", body: body, contentType: ct, hasBody: true}
	if _, err := s.c.call(ctx, req, &out); err != nil {
		return "", err
	}
	return out.ID, nil
}

// List returns one page of the ids of the organisation's certificates.
//
// GET /api/certs
func (s *CertificatesService) List(ctx context.Context, opts ListOptions) (*Page[string], error) {
	var out model.CertificateList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/certs", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Certs, opts.Page, out.Pages), nil
}

// All iterates over the ids of every certificate of the organisation.
func (s *CertificatesService) All(ctx context.Context, opts ListOptions) iter.Seq2[string, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[string], error) {
		return s.List(ctx, ListOptions{Page: page})
	})
}

// ListBasics returns one page of the organisation's certificates in short
// (mode=detailed).
//
// GET /api/certs
func (s *CertificatesService) ListBasics(ctx context.Context, opts CertificateListOptions) (*Page[model.CertificateBasics], error) {
	q := opts.values(url.Values{"mode": {"detailed"}})
	if opts.Filter != "" {
		q.Set("filter", opts.Filter)
	}
	var out model.CertificateBasicsList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/certs", q, nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.CertBasics, opts.Page, out.Pages), nil
}

// AllBasics iterates over every certificate of the organisation in short.
func (s *CertificatesService) AllBasics(ctx context.Context, opts CertificateListOptions) iter.Seq2[model.CertificateBasics, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.CertificateBasics], error) {
		return s.ListBasics(ctx, CertificateListOptions{ListOptions: ListOptions{Page: page}, Filter: opts.Filter})
	})
}

// ListDetails returns one page of the organisation's certificates with
// every detail.
//
// GET /api/certs/details
func (s *CertificatesService) ListDetails(ctx context.Context, opts ListOptions) (*Page[model.CertificateMeta], error) {
	var out model.CertificateDetailedList
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/certs/details", opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.Certificates, opts.Page, out.Pages), nil
}

// AllDetails iterates over every certificate of the organisation with every
// detail.
func (s *CertificatesService) AllDetails(ctx context.Context, opts ListOptions) iter.Seq2[model.CertificateMeta, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.CertificateMeta], error) {
		return s.ListDetails(ctx, ListOptions{Page: page})
	})
}

// Get returns what a certificate says of itself (subject, issuer, DNS
// names, validity, fingerprint). id is the full id or the bare fingerprint.
//
// GET /api/certs/{certId}
func (s *CertificatesService) Get(ctx context.Context, id string) (*model.CertificateMeta, error) {
	if id == "" {
		return nil, errEmpty("certificate id")
	}
	var out model.CertificateMeta
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/certs/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes a certificate, whether or not APIs still name it (see
// DeleteDependencies).
//
// DELETE /api/certs/{certId}
func (s *CertificatesService) Delete(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("certificate id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/certs/%s", id), nil, nil, nil)
}

// APIs returns one page of the APIs that use a certificate, each with how
// (client, upstream, server).
//
// GET /api/certs/{certId}/apis
func (s *CertificatesService) APIs(ctx context.Context, id string, opts ListOptions) (*Page[model.APIUsageSummary], error) {
	if id == "" {
		return nil, errEmpty("certificate id")
	}
	var out model.APIsUsingCertificate
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/certs/%s/apis", id), opts.values(nil), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.APIs, opts.Page, out.Pages), nil
}

// AllAPIs iterates over every API that uses a certificate.
func (s *CertificatesService) AllAPIs(ctx context.Context, id string, opts ListOptions) iter.Seq2[model.APIUsageSummary, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.APIUsageSummary], error) {
		return s.APIs(ctx, id, ListOptions{Page: page})
	})
}

// Dependencies returns the APIs that use a certificate as a client or an
// upstream certificate, and the key bound to it.
//
// GET /api/certs/dependencies/{certId}
func (s *CertificatesService) Dependencies(ctx context.Context, id string) (*model.CertificateDependencies, error) {
	if id == "" {
		return nil, errEmpty("certificate id")
	}
	var out model.CertificateDependencies
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/certs/dependencies/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteDependencies takes a certificate out of every API that uses it as a
// client or upstream certificate and deletes the key bound to it; the
// certificate itself stays.
//
// DELETE /api/certs/dependencies/{certId}
func (s *CertificatesService) DeleteDependencies(ctx context.Context, id string) error {
	if id == "" {
		return errEmpty("certificate id")
	}
	return s.c.doJSON(ctx, http.MethodDelete, route("/api/certs/dependencies/%s", id), nil, nil, nil)
}
