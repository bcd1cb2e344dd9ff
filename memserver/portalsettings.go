package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The portal's settings, one of each per org: its configuration, menus,
// CSS and JavaScript. POST creates (or, for a portal set up again,
// replaces) and answers the id; PUT replaces and answers "Data updated".
func portalSettingsRoutes() []route {
	var rs []route
	rs = append(rs, portalConfiguration.routes("/api/portal/configuration")...)
	rs = append(rs, portalMenus.routes("/api/portal/menus")...)
	rs = append(rs, portalCSS.routes("/api/portal/css")...)
	rs = append(rs, portalJS.routes("/api/portal/js")...)
	return rs
}

var portalConfiguration = orgSingleton[model.PortalConfig]{
	kind:     store.PortalConfiguration,
	notFound: "Could not retrieve portal configuration.",
	check:    func(_ *call, _ store.DefinitionsReader, v *model.PortalConfig) error { return checkPortalConfig(v) },
	place: func(v *model.PortalConfig, id, org string) {
		v.ID, v.OrgID = id, org
		if v.SignUpFields == nil {
			v.SignUpFields = []string{}
		}
		if v.KeyRequestFields == nil {
			v.KeyRequestFields = []string{}
		}
	},
}

// checkPortalConfig validates a portal configuration (the org's, or a
// catalogue entry's override).
func checkPortalConfig(v *model.PortalConfig) error {
	if v.OAuthUsageLimit < -1 {
		return fmt.Errorf("oauth_usage_limit must be -1 (no limit) or more, got %d", v.OAuthUsageLimit)
	}
	if v.RedirectOnKeyRequest {
		if v.RedirectTo == "" {
			return errors.New("redirect_to is required when redirect_on_key_request is set")
		}
		if u, err := url.Parse(v.RedirectTo); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("redirect_to %q is not an absolute http(s) URL", v.RedirectTo)
		}
	}
	for name, fields := range map[string][]string{"signup_fields": v.SignUpFields, "key_request_fields": v.KeyRequestFields} {
		for i, f := range fields {
			if f == "" {
				return fmt.Errorf("%s[%d] is empty: a field needs a name", name, i)
			}
		}
	}
	if v.EnableDCR {
		if v.DCROptions == nil || v.DCROptions.RegistrationEndpoint == "" {
			return errors.New("dcr_options.registration_endpoint is required when enable_dcr is set")
		}
		if u, err := url.Parse(v.DCROptions.RegistrationEndpoint); err != nil || u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("dcr_options.registration_endpoint %q is not an absolute URL", v.DCROptions.RegistrationEndpoint)
		}
	}
	return nil
}

var portalMenus = orgSingleton[model.PortalMenus]{
	kind:     store.PortalMenus,
	notFound: "Could not retrieve portal menus.",
	check: func(_ *call, _ store.DefinitionsReader, v *model.PortalMenus) error {
		if m := bytes.TrimSpace(v.Menus); len(m) > 0 && m[0] != '{' && !bytes.Equal(m, []byte("null")) {
			return errors.New("menus must be a JSON object")
		}
		return nil
	},
	place: func(v *model.PortalMenus, id, org string) {
		v.ID, v.OrgID = id, org
		if m := bytes.TrimSpace(v.Menus); len(m) == 0 || bytes.Equal(m, []byte("null")) {
			v.Menus = json.RawMessage(`{}`)
		}
	},
}

var portalCSS = orgSingleton[model.PortalCSS]{
	kind:     store.PortalCSS,
	notFound: "Could not retrieve portal CSS.",
	place:    func(v *model.PortalCSS, id, org string) { v.ID, v.OrgID = id, org },
}

var portalJS = orgSingleton[model.PortalJS]{
	kind:     store.PortalJS,
	notFound: "Could not retrieve portal JavaScript.",
	place:    func(v *model.PortalJS, id, org string) { v.ID, v.OrgID = id, org },
}
