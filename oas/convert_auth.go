package oas

import (
	"sort"

	"github.com/dashkit/dashkit/model"
)

// The keys of a classic definition's auth_configs, one per method.
const (
	classicAuthToken = "authToken"
	classicAuthJWT   = "jwt"
	classicAuthBasic = "basic"
	classicAuthOAuth = "oauth"
	classicAuthHMAC  = "hmac"
)

// OAuth 2.0 access request types of a classic definition's oauth_meta, and
// the endpoints the gateway serves for them.
const (
	classicAccessCode        = "authorization_code"
	classicAccessClientCreds = "client_credentials"
	classicAccessPassword    = "password"
	classicAccessRefresh     = "refresh_token"
	classicAccessImplicit    = "__implicit"
	gatewayAuthorizeURL      = "/oauth/authorize"
	gatewayTokenURL          = "/oauth/token"
	defaultAuthHeader        = "Authorization"
)

// convSecurity is the OpenAPI side of a converted API's authentication:
// components.securitySchemes and the one root security requirement that
// names them all (the classic methods of an API are required together).
type convSecurity struct {
	schemes     map[string]*convSecurityScheme
	requirement map[string][]string
}

func (s *convSecurity) add(name string, scheme *convSecurityScheme) {
	s.schemes[name] = scheme
	s.requirement[name] = []string{}
}

// classicAuth builds server.authentication and its OpenAPI security from a
// classic definition. A method gets a security scheme only when the
// definition turns it on: Dashboards write auth_configs for every method,
// and a scheme per unused method would make the OAS API ask for them.
func classicAuth(api *model.APIDefinition) (*model.XTykAuthentication, convSecurity) {
	sec := convSecurity{schemes: map[string]*convSecurityScheme{}, requirement: map[string][]string{}}
	auth := &model.XTykAuthentication{
		Enabled:              !api.UseKeylessAccess,
		BaseIdentityProvider: api.BaseIdentityProvidedBy,
	}
	if api.StripAuthData {
		auth.StripAuthorizationData = convPtr(true)
	}
	if api.SessionLifetime > 0 || api.SessionLifetimeRespectsKeyExpiration {
		kl := &model.XTykAuthenticationCustomKeyLifetime{Enabled: api.SessionLifetime > 0}
		if api.SessionLifetime > 0 {
			kl.Value = convSeconds(float64(api.SessionLifetime))
		}
		if api.SessionLifetimeRespectsKeyExpiration {
			kl.RespectValidity = convPtr(true)
		}
		auth.CustomKeyLifetime = kl
	}
	if api.UseKeylessAccess {
		return auth, sec
	}

	schemes := map[string]*model.XTykSecurityScheme{}
	authType := model.APIAuthType(api)

	// Token auth is on when asked for, and also when no other method is: the
	// gateway's default for a protected API.
	if api.UseStandardAuth || authType == model.AuthToken && !convOtherAuth(api) {
		ac, ok := api.AuthConfigs[classicAuthToken]
		if !ok {
			ac = api.Auth // the legacy single configuration
		}
		name := convSchemeName(ac, classicAuthToken)
		comp := &convSecurityScheme{Type: "apiKey"}
		tok := &model.XTykSecurityScheme{Enabled: true}
		// The first enabled source becomes the OpenAPI scheme's location;
		// the others stay Tyk sources.
		switch {
		case !ac.DisableHeader:
			comp.In, comp.Name = "header", convOr(ac.AuthHeaderName, defaultAuthHeader)
			tok.Query = convAuthSource(ac.UseParam, ac.ParamName)
			tok.Cookie = convAuthSource(ac.UseCookie, ac.CookieName)
		case ac.UseParam:
			comp.In, comp.Name = "query", ac.ParamName
			tok.Cookie = convAuthSource(ac.UseCookie, ac.CookieName)
		case ac.UseCookie:
			comp.In, comp.Name = "cookie", ac.CookieName
		default:
			comp.In, comp.Name = "header", defaultAuthHeader
		}
		if ac.UseCertificate {
			tok.EnableClientCertificate = convPtr(true)
		}
		if sg := ac.Signature; ac.ValidateSignature || sg.Algorithm != "" || sg.Secret != "" {
			s := &model.XTykSignature{
				Enabled:      convPtr(ac.ValidateSignature),
				Algorithm:    sg.Algorithm,
				Header:       sg.Header,
				Secret:       sg.Secret,
				ErrorMessage: sg.ErrorMessage,
				Query:        convAuthSource(sg.UseParam, sg.ParamName),
			}
			if sg.AllowedClockSkew != 0 {
				s.AllowedClockSkew = convPtr(sg.AllowedClockSkew)
			}
			if sg.ErrorCode != 0 {
				s.ErrorCode = convPtr(sg.ErrorCode)
			}
			tok.SignatureValidation = s
		}
		schemes[name] = tok
		sec.add(name, comp)
	}

	if api.EnableJWT {
		ac := api.AuthConfigs[classicAuthJWT]
		name := convSchemeName(ac, classicAuthJWT)
		jwt := &model.XTykSecurityScheme{
			Enabled:           true,
			Source:            api.JWTSource,
			SigningMethod:     api.JWTSigningMethod,
			IdentityBaseField: api.JWTIdentityBaseField,
			PolicyFieldName:   api.JWTPolicyFieldName,
			ClientBaseField:   api.JWTClientIDBaseField,
			DefaultPolicies:   api.JWTDefaultPolicies,
		}
		convFillSources(jwt, ac)
		if api.JWTSkipKid {
			jwt.SkipKid = convPtr(true)
		}
		if api.IDPClientIDMappingDisabled {
			jwt.IDPClientIDMappingDisabled = convPtr(true)
		}
		for _, skew := range []struct {
			v   int64
			dst **int64
		}{
			{api.JWTIssuedAtValidationSkew, &jwt.IssuedAtValidationSkew},
			{api.JWTNotBeforeValidationSkew, &jwt.NotBeforeValidationSkew},
			{api.JWTExpiresAtValidationSkew, &jwt.ExpiresAtValidationSkew},
		} {
			if skew.v != 0 {
				*skew.dst = convPtr(skew.v)
			}
		}
		claim, mapping := api.Scopes.JWT.ScopeClaimName, api.Scopes.JWT.ScopeToPolicy
		if claim == "" && len(mapping) == 0 {
			// Older definitions keep the JWT scopes at the top level.
			claim, mapping = api.JWTScopeClaimName, api.JWTScopeToPolicyMapping
		}
		if claim != "" || len(mapping) > 0 {
			jwt.Scopes = &model.XTykScopes{ClaimName: claim}
			for _, scope := range convSortedKeys(mapping) {
				jwt.Scopes.ScopeToPolicyMapping = append(jwt.Scopes.ScopeToPolicyMapping,
					model.XTykScopeToPolicy{Scope: scope, PolicyID: mapping[scope]})
			}
		}
		schemes[name] = jwt
		sec.add(name, &convSecurityScheme{Type: "http", Scheme: "bearer", BearerFormat: "JWT"})
	}

	if api.UseBasicAuth {
		ac := api.AuthConfigs[classicAuthBasic]
		name := convSchemeName(ac, classicAuthBasic)
		b := api.BasicAuth
		basic := &model.XTykSecurityScheme{Enabled: true}
		convFillSources(basic, ac)
		if b.DisableCaching {
			basic.DisableCaching = convPtr(true)
		}
		if b.CacheTTL != 0 {
			basic.CacheTTL = convPtr(b.CacheTTL)
		}
		if b.ExtractFromBody || b.BodyUserRegexp != "" || b.BodyPasswordRegexp != "" {
			basic.ExtractCredentialsFromBody = &model.XTykExtractCredentialsFromBody{
				Enabled: b.ExtractFromBody, UserRegexp: b.BodyUserRegexp, PasswordRegexp: b.BodyPasswordRegexp,
			}
		}
		schemes[name] = basic
		sec.add(name, &convSecurityScheme{Type: "http", Scheme: "basic"})
	}

	if api.UseOauth2 {
		ac := api.AuthConfigs[classicAuthOAuth]
		name := convSchemeName(ac, classicAuthOAuth)
		meta := api.OauthMeta
		oauth := &model.XTykSecurityScheme{
			Enabled:               true,
			AllowedAuthorizeTypes: meta.AllowedAuthorizeTypes,
			AuthLoginRedirect:     meta.AuthorizeLoginRedirect,
		}
		convFillSources(oauth, ac)
		flows := &convOAuthFlows{}
		for _, t := range meta.AllowedAccessTypes {
			switch t {
			case classicAccessCode:
				flows.AuthorizationCode = &convOAuthFlow{AuthorizationURL: gatewayAuthorizeURL, TokenURL: gatewayTokenURL, Scopes: map[string]string{}}
			case classicAccessClientCreds:
				flows.ClientCredentials = &convOAuthFlow{TokenURL: gatewayTokenURL, Scopes: map[string]string{}}
			case classicAccessPassword:
				flows.Password = &convOAuthFlow{TokenURL: gatewayTokenURL, Scopes: map[string]string{}}
			case classicAccessImplicit:
				flows.Implicit = &convOAuthFlow{AuthorizationURL: gatewayAuthorizeURL, Scopes: map[string]string{}}
			case classicAccessRefresh:
				oauth.RefreshToken = convPtr(true)
			}
		}
		if n := api.Notifications; n.SharedSecret != "" || n.OAuthKeyChangeURL != "" {
			oauth.Notifications = &model.XTykNotifications{SharedSecret: n.SharedSecret, OnKeyChangeURL: n.OAuthKeyChangeURL}
		}
		schemes[name] = oauth
		sec.add(name, &convSecurityScheme{Type: "oauth2", Flows: flows})
	}

	if api.EnableSignatureChecking {
		ac := api.AuthConfigs[classicAuthHMAC]
		h := &model.XTykHMAC{
			Enabled:           true,
			Header:            convHeaderSource(ac),
			Query:             convAuthSource(ac.UseParam, ac.ParamName),
			Cookie:            convAuthSource(ac.UseCookie, ac.CookieName),
			AllowedAlgorithms: api.HmacAllowedAlgorithms,
		}
		if api.HmacAllowedClockSkew != 0 {
			h.AllowedClockSkew = convPtr(api.HmacAllowedClockSkew)
		}
		auth.HMAC = h
	}

	if name, ext := classicExternalOAuth(api); ext != nil {
		schemes[name] = ext
		sec.add(name, &convSecurityScheme{Type: "oauth2", Flows: &convOAuthFlows{
			AuthorizationCode: &convOAuthFlow{AuthorizationURL: gatewayAuthorizeURL, TokenURL: gatewayTokenURL, Scopes: map[string]string{}},
		}})
	}
	auth.OIDC = classicOIDC(api)
	auth.Custom = classicCustomAuth(api)

	if len(schemes) > 0 {
		auth.SecuritySchemes = schemes
	}
	return auth, sec
}

// convSchemeName is the security scheme name of a classic method: the name
// its auth config carries, else the auth_configs key.
func convSchemeName(ac model.AuthConfig, key string) string {
	return convOr(ac.Name, key)
}

// convFillSources sets the header, query and cookie sources of a scheme
// whose OpenAPI form does not say where the credential is (JWT, basic,
// OAuth).
func convFillSources(s *model.XTykSecurityScheme, ac model.AuthConfig) {
	s.Header = convHeaderSource(ac)
	s.Query = convAuthSource(ac.UseParam, ac.ParamName)
	s.Cookie = convAuthSource(ac.UseCookie, ac.CookieName)
}

func convHeaderSource(ac model.AuthConfig) *model.XTykAuthSource {
	if ac.DisableHeader {
		return nil
	}
	return &model.XTykAuthSource{Enabled: true, Name: convOr(ac.AuthHeaderName, defaultAuthHeader)}
}

func convAuthSource(enabled bool, name string) *model.XTykAuthSource {
	if !enabled && name == "" {
		return nil
	}
	return &model.XTykAuthSource{Enabled: enabled, Name: name}
}

// convApplySources is the reverse of convFillSources: an absent header
// source means the header is not read.
func convApplySources(s *model.XTykSecurityScheme, ac *model.AuthConfig) {
	convApplyHeader(s.Header, ac)
	convApplyQuery(s.Query, ac)
	convApplyCookie(s.Cookie, ac)
}

func convApplyHeader(h *model.XTykAuthSource, ac *model.AuthConfig) {
	if h == nil {
		return
	}
	ac.DisableHeader = !h.Enabled
	ac.AuthHeaderName = h.Name
}

func convApplyQuery(q *model.XTykAuthSource, ac *model.AuthConfig) {
	if q != nil {
		ac.UseParam, ac.ParamName = q.Enabled, q.Name
	}
}

func convApplyCookie(c *model.XTykAuthSource, ac *model.AuthConfig) {
	if c != nil {
		ac.UseCookie, ac.CookieName = c.Enabled, c.Name
	}
}

// extractSecurity sets the classic authentication from server.authentication
// and the OpenAPI security: each scheme named in the first root security
// requirement that has both an OpenAPI definition and a Tyk configuration
// becomes the classic method its OpenAPI kind says, as in the gateway.
func extractSecurity(ext *model.XTykAPIGateway, schemes map[string]*convSecurityScheme, requirement map[string]bool, api *model.APIDefinition) {
	var auth *model.XTykAuthentication
	if ext.Server != nil {
		auth = ext.Server.Authentication
	}
	if auth == nil {
		api.UseKeylessAccess = true
		return
	}
	api.UseKeylessAccess = !auth.Enabled
	api.StripAuthData = convVal(auth.StripAuthorizationData)
	api.BaseIdentityProvidedBy = auth.BaseIdentityProvider
	if kl := auth.CustomKeyLifetime; kl != nil {
		if kl.Enabled {
			api.SessionLifetime = int64(convParseSeconds(kl.Value))
		}
		api.SessionLifetimeRespectsKeyExpiration = convVal(kl.RespectValidity)
	}
	api.AuthConfigs = map[string]model.AuthConfig{}
	if h := auth.HMAC; h != nil {
		api.EnableSignatureChecking = h.Enabled
		api.HmacAllowedAlgorithms = h.AllowedAlgorithms
		api.HmacAllowedClockSkew = convVal(h.AllowedClockSkew)
		ac := model.AuthConfig{Name: classicAuthHMAC, DisableHeader: true}
		convApplyHeader(h.Header, &ac)
		convApplyQuery(h.Query, &ac)
		convApplyCookie(h.Cookie, &ac)
		api.AuthConfigs[classicAuthHMAC] = ac
	}
	if o := auth.OIDC; o != nil {
		extractOIDC(o, api)
	}
	if c := auth.Custom; c != nil {
		extractCustomAuth(c, api)
	}

	names := make([]string, 0, len(requirement))
	for n := range requirement {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		tyk, comp := auth.SecuritySchemes[name], schemes[name]
		if tyk == nil || comp == nil {
			continue
		}
		switch {
		case comp.Type == "apiKey":
			extractToken(name, tyk, comp, api)
		case comp.Type == "http" && comp.Scheme == "bearer" && comp.BearerFormat == "JWT":
			extractJWT(name, tyk, api)
		case comp.Type == "http" && comp.Scheme == "basic":
			extractBasic(name, tyk, api)
		case comp.Type == "oauth2" && len(tyk.Providers) == 0:
			extractOAuth(name, tyk, comp, api)
		case comp.Type == "oauth2":
			extractExternalOAuth(name, tyk, api)
		}
	}
}

func extractToken(name string, tyk *model.XTykSecurityScheme, comp *convSecurityScheme, api *model.APIDefinition) {
	ac := model.AuthConfig{Name: name, DisableHeader: true}
	switch comp.In {
	case "header":
		ac.DisableHeader, ac.AuthHeaderName = false, comp.Name
	case "query":
		ac.UseParam, ac.ParamName = true, comp.Name
	case "cookie":
		ac.UseCookie, ac.CookieName = true, comp.Name
	}
	convApplySources(tyk, &ac)
	ac.UseCertificate = convVal(tyk.EnableClientCertificate)
	if s := tyk.SignatureValidation; s != nil {
		ac.ValidateSignature = convVal(s.Enabled)
		ac.Signature = model.SignatureConfig{
			Algorithm:        s.Algorithm,
			Header:           s.Header,
			Secret:           s.Secret,
			AllowedClockSkew: convVal(s.AllowedClockSkew),
			ErrorCode:        convVal(s.ErrorCode),
			ErrorMessage:     s.ErrorMessage,
		}
		if s.Query != nil {
			ac.Signature.UseParam, ac.Signature.ParamName = s.Query.Enabled, s.Query.Name
		}
	}
	api.UseStandardAuth = tyk.Enabled
	api.AuthConfigs[classicAuthToken] = ac
}

func extractJWT(name string, tyk *model.XTykSecurityScheme, api *model.APIDefinition) {
	ac := model.AuthConfig{Name: name, DisableHeader: true}
	convApplySources(tyk, &ac)
	api.EnableJWT = tyk.Enabled
	api.JWTSource = tyk.Source
	api.JWTSigningMethod = tyk.SigningMethod
	api.JWTIdentityBaseField = tyk.IdentityBaseField
	api.JWTPolicyFieldName = tyk.PolicyFieldName
	api.JWTClientIDBaseField = tyk.ClientBaseField
	api.JWTDefaultPolicies = tyk.DefaultPolicies
	api.JWTSkipKid = convVal(tyk.SkipKid)
	api.IDPClientIDMappingDisabled = convVal(tyk.IDPClientIDMappingDisabled)
	api.JWTIssuedAtValidationSkew = convVal(tyk.IssuedAtValidationSkew)
	api.JWTNotBeforeValidationSkew = convVal(tyk.NotBeforeValidationSkew)
	api.JWTExpiresAtValidationSkew = convVal(tyk.ExpiresAtValidationSkew)
	if s := tyk.Scopes; s != nil {
		api.Scopes.JWT.ScopeClaimName = s.ClaimName
		if len(s.ScopeToPolicyMapping) > 0 {
			api.Scopes.JWT.ScopeToPolicy = map[string]string{}
			for _, m := range s.ScopeToPolicyMapping {
				api.Scopes.JWT.ScopeToPolicy[m.Scope] = m.PolicyID
			}
		}
	}
	api.AuthConfigs[classicAuthJWT] = ac
}

func extractBasic(name string, tyk *model.XTykSecurityScheme, api *model.APIDefinition) {
	ac := model.AuthConfig{Name: name, DisableHeader: true}
	convApplySources(tyk, &ac)
	api.UseBasicAuth = tyk.Enabled
	api.BasicAuth.DisableCaching = convVal(tyk.DisableCaching)
	api.BasicAuth.CacheTTL = convVal(tyk.CacheTTL)
	if e := tyk.ExtractCredentialsFromBody; e != nil {
		api.BasicAuth.ExtractFromBody = e.Enabled
		api.BasicAuth.BodyUserRegexp = e.UserRegexp
		api.BasicAuth.BodyPasswordRegexp = e.PasswordRegexp
	}
	api.AuthConfigs[classicAuthBasic] = ac
}

func extractOAuth(name string, tyk *model.XTykSecurityScheme, comp *convSecurityScheme, api *model.APIDefinition) {
	ac := model.AuthConfig{Name: name, DisableHeader: true}
	convApplySources(tyk, &ac)
	api.UseOauth2 = tyk.Enabled
	api.OauthMeta.AllowedAuthorizeTypes = tyk.AllowedAuthorizeTypes
	api.OauthMeta.AuthorizeLoginRedirect = tyk.AuthLoginRedirect
	api.OauthMeta.AllowedAccessTypes = []string{}
	if f := comp.Flows; f != nil {
		for _, x := range []struct {
			flow *convOAuthFlow
			name string
		}{
			{f.AuthorizationCode, classicAccessCode},
			{f.ClientCredentials, classicAccessClientCreds},
			{f.Password, classicAccessPassword},
			{f.Implicit, classicAccessImplicit},
		} {
			if x.flow != nil {
				api.OauthMeta.AllowedAccessTypes = append(api.OauthMeta.AllowedAccessTypes, x.name)
			}
		}
	}
	if convVal(tyk.RefreshToken) {
		api.OauthMeta.AllowedAccessTypes = append(api.OauthMeta.AllowedAccessTypes, classicAccessRefresh)
	}
	if n := tyk.Notifications; n != nil {
		api.Notifications.SharedSecret = n.SharedSecret
		api.Notifications.OAuthKeyChangeURL = n.OnKeyChangeURL
	}
	api.AuthConfigs[classicAuthOAuth] = ac
}

func convOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
