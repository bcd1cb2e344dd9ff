package model

import "encoding/json"

// The classic developer portal of the Dashboard (/api/portal/...): the API
// catalogue, its documentation, the portal's configuration, pages, menus,
// CSS and JavaScript, the developers who sign up and their key requests.
// None of these objects is in the official OpenAPI descriptions; their
// members are those of Tyk's classic portal API documentation and of the
// objects tyk-operator sends and reads.

// PortalCatalogue is an org's API catalogue: the policies published on its
// portal (GET|POST|PUT /api/portal/catalogue). An org has at most one.
type PortalCatalogue struct {
	ID    string                 `json:"id"`
	OrgID string                 `json:"org_id"`
	APIs  []PortalCatalogueEntry `json:"apis"`
	Email string                 `json:"email"`

	Extra Extra `json:"-"`
}

// PortalCatalogueEntry publishes one policy in the catalogue: entries are
// tied to policies, not APIs, so that a policy's bundle of APIs appears as
// one product.
type PortalCatalogueEntry struct {
	Name             string `json:"name"`
	ShortDescription string `json:"short_description"`
	LongDescription  string `json:"long_description"`
	Show             bool   `json:"show"`
	APIID            string `json:"api_id"`
	PolicyID         string `json:"policy_id"`
	// Documentation is the id of the entry's PortalDocumentation, "" for
	// none.
	Documentation string `json:"documentation"`
	// Version is "v2" for entries tied to a policy (the only kind in use).
	Version   string `json:"version"`
	IsKeyless bool   `json:"is_keyless"`
	// Config overrides the portal's configuration for this entry when its
	// Override is set.
	Config   *PortalConfig     `json:"config,omitempty"`
	Fields   map[string]string `json:"fields"`
	AuthType string            `json:"auth_type"`

	Extra Extra `json:"-"`
}

// PortalConfig is the configuration of an org's portal (GET|POST|PUT
// /api/portal/configuration), also carried by catalogue entries that
// override it.
type PortalConfig struct {
	ID                   string   `json:"id"`
	OrgID                string   `json:"org_id"`
	SignUpFields         []string `json:"signup_fields"`
	KeyRequestFields     []string `json:"key_request_fields"`
	RequireKeyApproval   bool     `json:"require_key_approval"`
	SecureKeyApproval    bool     `json:"secure_key_approval,omitempty"`
	RedirectOnKeyRequest bool     `json:"redirect_on_key_request"`
	RedirectTo           string   `json:"redirect_to"`
	EnableMultiSelection bool     `json:"enable_multi_selection"`
	DisableLogin         bool     `json:"disable_login"`
	DisableSignup        bool     `json:"disable_signup"`
	DisableAutoLogin     bool     `json:"disable_auto_login"`
	CatalogueLoginOnly   bool     `json:"catalogue_login_only"`
	// OAuthUsageLimit caps the OAuth clients a developer may register per
	// catalogue entry; -1 is no limit.
	OAuthUsageLimit int64             `json:"oauth_usage_limit"`
	Email           string            `json:"email"`
	MailOptions     PortalMailOptions `json:"mail_options"`
	DCROptions      *PortalDCROptions `json:"dcr_options,omitempty"`
	EnableDCR       bool              `json:"enable_dcr,omitempty"`
	Override        bool              `json:"override"`
	HashKeys        bool              `json:"HashKeys"`

	Extra Extra `json:"-"`
}

// PortalMailOptions are the sender and texts of the portal's emails.
type PortalMailOptions struct {
	MailFromName  string          `json:"mail_from_name"`
	MailFromEmail string          `json:"mail_from_email"`
	EmailCopy     PortalEmailCopy `json:"email_copy"`

	Extra Extra `json:"-"`
}

// PortalEmailCopy holds the text of each email the portal sends.
type PortalEmailCopy struct {
	WelcomeEmail       PortalEmail `json:"welcome_email"`
	KeyEmail           PortalEmail `json:"key_email"`
	ResetPasswordEmail PortalEmail `json:"reset_password_email"`

	Extra Extra `json:"-"`
}

// PortalEmail is one email of the portal.
type PortalEmail struct {
	Enabled       bool   `json:"enabled"`
	Subject       string `json:"subject"`
	Body          string `json:"body"`
	SignOff       string `json:"sign_off"`
	HideTokenData bool   `json:"hide_token_data"`

	Extra Extra `json:"-"`
}

// PortalDCROptions configure dynamic client registration with an identity
// provider, for catalogue entries of OAuth/JWT APIs.
type PortalDCROptions struct {
	IDPHost                 string   `json:"idp_host"`
	AccessToken             string   `json:"access_token"`
	RegistrationEndpoint    string   `json:"registration_endpoint"`
	Provider                string   `json:"provider"`
	GrantTypes              []string `json:"grant_types"`
	ResponseTypes           []string `json:"response_types"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`

	Extra Extra `json:"-"`
}

// Documentation types of PortalDocumentation.DocType.
const (
	PortalDocSwagger          = "swagger"
	PortalDocSwaggerCustomURL = "swagger_custom_url"
	PortalDocGraphQL          = "graphql"
	PortalDocBlueprint        = "blueprint"
)

// PortalDocumentation is the documentation of a catalogue entry (POST
// /api/portal/documentation): a Swagger/OpenAPI document (or, deprecated, an
// API Blueprint), base64-encoded in Documentation; for swagger_custom_url
// the URL of one.
type PortalDocumentation struct {
	ID string `json:"id,omitempty"`
	// APIID is, despite its name, the policy id of the catalogue entry the
	// documentation belongs to (tyk-operator sends it so).
	APIID         string `json:"api_id"`
	DocType       string `json:"doc_type"`
	Documentation string `json:"documentation"`
	OrgID         string `json:"org_id,omitempty"`

	Extra Extra `json:"-"`
}

// PortalPage is a page of the portal's CMS (/api/portal/pages).
type PortalPage struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Slug         string            `json:"slug"`
	TemplateName string            `json:"template_name"`
	Fields       map[string]string `json:"fields"`
	OrgID        string            `json:"org_id"`
	IsHomepage   bool              `json:"is_homepage"`
	PageSettings map[string]any    `json:"page_settings"`

	Extra Extra `json:"-"`
}

// PortalMenus are the portal's navigation menus (/api/portal/menus), kept
// as they are sent.
type PortalMenus struct {
	ID       string          `json:"id"`
	Menus    json.RawMessage `json:"menus"`
	IsActive bool            `json:"is_active"`
	OrgID    string          `json:"org_id"`

	Extra Extra `json:"-"`
}

// PortalCSS is the portal's own style sheets (/api/portal/css).
type PortalCSS struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	PageCSS  string `json:"page_css"`
	EmailCSS string `json:"email_css"`

	Extra Extra `json:"-"`
}

// PortalJS is the portal's own JavaScript (/api/portal/js).
type PortalJS struct {
	ID     string `json:"id"`
	OrgID  string `json:"org_id"`
	PageJS string `json:"page_js"`

	Extra Extra `json:"-"`
}

// PortalDeveloper is a developer registered on the portal
// (/api/portal/developers).
type PortalDeveloper struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	// Password is write-only: the Dashboard keeps its bcrypt hash and
	// never shows it.
	Password    string `json:"password,omitempty"`
	DateCreated string `json:"date_created"`
	Inactive    bool   `json:"inactive"`
	OrgID       string `json:"org_id"`
	// Keys maps each of the developer's key ids to the policies it was
	// issued for.
	Keys map[string][]string `json:"keys"`
	// Subscriptions maps a policy id to the developer's key for it (the
	// older form of Keys).
	Subscriptions   map[string]string              `json:"subscriptions"`
	Fields          map[string]string              `json:"fields"`
	Nonce           string                         `json:"nonce"`
	SSOKey          string                         `json:"sso_key"`
	OAuthClients    map[string][]PortalOAuthClient `json:"oauth_clients,omitempty"`
	PasswordMaxDays int64                          `json:"password_max_days"`
	PasswordUpdated string                         `json:"password_updated,omitempty"`
	PWHistory       []string                       `json:"PWHistory"`
	LastLoginDate   string                         `json:"last_login_date,omitempty"`

	Extra Extra `json:"-"`
}

// PortalOAuthClient is an OAuth client a developer registered for a
// catalogue entry.
type PortalOAuthClient struct {
	ClientID       string `json:"client_id"`
	Secret         string `json:"secret"`
	RedirectURI    string `json:"redirect_uri"`
	AppDescription string `json:"app_description"`
	UseCase        string `json:"use_case"`
	DateCreated    string `json:"date_created"`

	Extra Extra `json:"-"`
}

// PortalKeyRequest is a developer's request for a key to catalogue entries
// (/api/portal/requests); approving it issues the key.
type PortalKeyRequest struct {
	ID    string `json:"id"`
	OrgID string `json:"org_id"`
	// Key is the issued key's id once the request is approved.
	Key            string            `json:"key,omitempty"`
	ForAPI         string            `json:"for_api"`
	ForPlan        string            `json:"for_plan"`
	ApplyPolicies  []string          `json:"apply_policies"`
	RemovePolicies []string          `json:"remove_policies,omitempty"`
	ByUser         string            `json:"by_user"`
	Fields         map[string]string `json:"fields"`
	Approved       bool              `json:"approved"`
	DateCreated    string            `json:"date_created"`
	Version        string            `json:"version"`
	JWTSecret      string            `json:"jwt_secret"`
	Certificate    string            `json:"certificate"`
	OAuthInfo      *PortalOAuthInfo  `json:"oauth_info,omitempty"`
	// PortalDeveloper, CatalogueEntry and Catalogues are the developer and
	// entries of the request as they were when it was made.
	PortalDeveloper *PortalDeveloper       `json:"portal_developer,omitempty"`
	CatalogueEntry  *PortalCatalogueEntry  `json:"catalogue_entry,omitempty"`
	Catalogues      []PortalCatalogueEntry `json:"catalogues,omitempty"`

	Extra Extra `json:"-"`
}

// PortalOAuthInfo is the OAuth part of a key request.
type PortalOAuthInfo struct {
	RedirectURI string `json:"redirect_uri"`

	Extra Extra `json:"-"`
}

// PortalKeyApproval answers the approval of a key request: the key issued
// and, for a basic-auth key, its password (RawKey is then the user name).
type PortalKeyApproval struct {
	RawKey   string `json:"RawKey"`
	Password string `json:"Password"`

	Extra Extra `json:"-"`
}

// PortalDeveloperList is a page of developers: {"Data":[...],"Pages":n}.
type PortalDeveloperList struct {
	Data  []PortalDeveloper `json:"Data"`
	Pages int64             `json:"Pages"`

	Extra Extra `json:"-"`
}

// PortalPageList is a page of portal pages.
type PortalPageList struct {
	Data  []PortalPage `json:"Data"`
	Pages int64        `json:"Pages"`

	Extra Extra `json:"-"`
}

// PortalKeyRequestList is a page of key requests.
type PortalKeyRequestList struct {
	Data  []PortalKeyRequest `json:"Data"`
	Pages int64              `json:"Pages"`

	Extra Extra `json:"-"`
}
