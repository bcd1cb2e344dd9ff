package model

// Authentication types of an API, as the Dashboard's list filter names them.
const (
	AuthKeyless  = "keyless"
	AuthToken    = "authToken"
	AuthBasic    = "basic"
	AuthJWT      = "jwt"
	AuthOAuth    = "oauth"
	AuthHMAC     = "hmac"
	AuthOpenID   = "openid"
	AuthMTLS     = "mtls"
	AuthCustom   = "custom"
	AuthMultiple = "multiple"
)

// APIAuthType names how a classic API definition authenticates requests:
// one of the Auth* constants. An API that enables several methods is
// AuthMultiple.
func APIAuthType(a *APIDefinition) string {
	if a == nil || a.UseKeylessAccess {
		return AuthKeyless
	}
	var found []string
	add := func(on bool, t string) {
		if on {
			found = append(found, t)
		}
	}
	add(a.UseBasicAuth, AuthBasic)
	add(a.EnableJWT, AuthJWT)
	add(a.UseOauth2, AuthOAuth)
	add(a.UseStandardAuth, AuthToken)
	switch len(found) {
	case 0:
		return AuthToken
	case 1:
		return found[0]
	}
	return AuthMultiple
}
