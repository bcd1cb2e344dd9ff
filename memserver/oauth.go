package memserver

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// OAuth clients of an API. No gateway runs here, so the memserver also
// plays the part of the gateway's authorization endpoint: authorize-client
// issues a code (response_type=code) or an access token
// (response_type=token), lists it among the client's tokens and stores it
// as a key with the client's policy, so that a test can see the session a
// real gateway would create.
//
// The revoke routes name an OAuth client in the path (the guide's form); an
// API id is accepted as well, the client then being the API's client whose
// secret the body gives.
func oauthRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/apis/oauth/{apiId}", Section: "oauth", Handle: listOAuthClients},
		{Method: "POST", Path: "/api/apis/oauth/{apiId}", Section: "oauth", Write: true, Handle: createOAuthClient},
		{Method: "GET", Path: "/api/apis/oauth/{apiId}/{clientId}", Section: "oauth", Handle: getOAuthClient},
		{Method: "PUT", Path: "/api/apis/oauth/{apiId}/{clientId}", Section: "oauth", Write: true, Handle: updateOAuthClient},
		{Method: "DELETE", Path: "/api/apis/oauth/{apiId}/{clientId}", Section: "oauth", Write: true, Handle: deleteOAuthClient},
		{Method: "GET", Path: "/api/apis/oauth/{apiId}/{clientId}/tokens", Section: "oauth", Handle: listOAuthTokens},
		{Method: "POST", Path: "/api/apis/oauth/{apiId}/authorize-client", Section: "oauth", Write: true, Handle: authorizeOAuthClient},
		{Method: "POST", Path: "/api/apis/oauth/{apiId}/revoke", Section: "oauth", Write: true, Handle: revokeOAuthToken},
		{Method: "POST", Path: "/api/apis/oauth/{apiId}/revoke_all", Section: "oauth", Write: true, Handle: revokeAllOAuthTokens},
		{Method: "DELETE", Path: "/admin/oauth/tokens", Auth: authAdmin, Handle: purgeOAuthTokens},
	}
}

// Messages of the OAuth routes.
const (
	msgOAuthAPINotFound    = "API reference not found."
	msgOAuthClientNotFound = "Could not retrieve app detail."
	// oauthTokenLifetime is how long an issued code or token lives: the
	// gateway's default for access tokens.
	oauthTokenLifetime = time.Hour
)

// oauthAPI finds the API of the path (db id or api_id) in the caller's org.
func (c *call) oauthAPI(tx store.DefinitionsReader) (*model.APIDefinition, error) {
	w, err := c.findAPI(tx, c.PathValue("apiId"))
	if err != nil {
		return nil, err
	}
	return w.APIDefinition, nil
}

// findOAuthClient finds a client of the API of the path.
func (c *call) findOAuthClient(tx store.DefinitionsReader) (*model.APIDefinition, *model.OAuthClient, error) {
	api, err := c.oauthAPI(tx)
	if err != nil {
		return nil, nil, c.failTx(http.StatusBadRequest, msgOAuthAPINotFound)
	}
	cl, err := tx.GetOAuthClient(c.PathValue("clientId"))
	if err != nil {
		return nil, nil, err
	}
	if cl.APIID != api.APIID || !c.ownsOrg(cl.OrgID) {
		return nil, nil, store.ErrNotFound
	}
	return api, cl, nil
}

// publicClient gives a client every member the Dashboard shows.
func publicClient(cl *model.OAuthClient) *model.OAuthClient {
	out := *cl
	if out.MetaData == nil {
		out.MetaData = map[string]string{}
	}
	if out.DCRRegistration == nil {
		out.DCRRegistration = &model.DCRRegistration{}
	}
	return &out
}

func listOAuthClients(c *call) {
	opts, ok := c.listOptions()
	if !ok {
		return
	}
	var page store.Page[model.OAuthClient]
	err := c.view(func(tx store.DefinitionsReader) error {
		api, err := c.oauthAPI(tx)
		if err != nil {
			return c.failTx(http.StatusBadRequest, msgOAuthAPINotFound)
		}
		page, err = tx.ListOAuthClients(api.OrgID, api.APIID, opts)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve apps list.") {
		return
	}
	apps := make([]model.OAuthClient, 0, len(page.Items))
	for i := range page.Items {
		apps = append(apps, *publicClient(&page.Items[i]))
	}
	c.json(http.StatusOK, model.OAuthClientListResponse{Apps: apps, Pages: int64(page.Pages)})
}

func getOAuthClient(c *call) {
	var cl *model.OAuthClient
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		_, cl, err = c.findOAuthClient(tx)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	c.json(http.StatusOK, publicClient(cl))
}

// clientMeta keeps the string members of a client's free-form meta_data;
// other values are written as their JSON text.
func clientMeta(raw json.RawMessage) (map[string]string, error) {
	out := map[string]string{}
	if len(raw) == 0 || string(raw) == "null" {
		return out, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New("meta_data must be an object")
	}
	for k, v := range m {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = s
		} else {
			out[k] = string(v)
		}
	}
	return out, nil
}

// checkRedirectURIs refuses redirect URIs that are not absolute URLs; a
// client may have several, separated by ";".
func checkRedirectURIs(s string) error {
	for _, u := range redirectURIs(s) {
		p, err := url.Parse(u)
		if err != nil || p.Scheme == "" || p.Host == "" {
			return fmt.Errorf("redirect_uri %q is not an absolute URL", u)
		}
	}
	return nil
}

func redirectURIs(s string) []string {
	var out []string
	for _, u := range strings.Split(s, ";") {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// decodeClientRequest decodes the body of the routes that write an OAuth
// client and checks its meta data and redirect URIs; it answers 400 and
// returns false when either is wrong.
func (c *call) decodeClientRequest() (in model.NewClientRequest, meta map[string]string, ok bool) {
	if !c.decode(&in) {
		return in, nil, false
	}
	meta, err := clientMeta(in.MetaData)
	if err == nil {
		err = checkRedirectURIs(in.ClientRedirectURI)
	}
	if err != nil {
		c.fail(http.StatusBadRequest, err.Error())
		return in, nil, false
	}
	return in, meta, true
}

func createOAuthClient(c *call) {
	in, meta, ok := c.decodeClientRequest()
	if !ok {
		return
	}
	cl := &model.OAuthClient{
		ClientID: in.ClientID, ClientName: in.ClientName, ClientRedirectURI: in.ClientRedirectURI,
		ClientSecret: in.ClientSecret, PolicyID: in.PolicyID, MetaData: meta, Description: in.Description,
		DCRRegistration: &model.DCRRegistration{},
	}
	if cl.ClientID == "" {
		cl.ClientID = c.s.ids.Hex(16)
	}
	if cl.ClientSecret == "" {
		// The Dashboard's secrets are base64 of a UUID's text.
		cl.ClientSecret = base64.StdEncoding.EncodeToString([]byte(c.s.requestID()))
	}
	err := c.update(func(tx store.DefinitionsTx) error {
		api, err := c.oauthAPI(tx)
		if err != nil {
			return c.failTx(http.StatusBadRequest, msgOAuthAPINotFound)
		}
		if in.APIID != "" && in.APIID != api.APIID && in.APIID != api.ID {
			return c.failTx(http.StatusBadRequest, "api_id in the body does not match the API in the path")
		}
		cl.APIID, cl.OrgID = api.APIID, api.OrgID
		if cl.PolicyID != "" {
			p, err := c.findPolicy(tx, cl.PolicyID)
			if err != nil {
				return c.failTx(http.StatusBadRequest, "Could not retrieve policy details: policy "+cl.PolicyID+" does not exist")
			}
			cl.PolicyID = p.MID
		}
		if _, err := tx.GetOAuthClient(cl.ClientID); err == nil {
			return c.failTx(http.StatusConflict, "an OAuth client with client_id "+cl.ClientID+" exists")
		}
		return tx.InsertOAuthClient(cl)
	})
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, "an OAuth client with client_id "+cl.ClientID+" exists")
		return
	}
	if c.storeFailed(err, http.StatusBadRequest, msgOAuthAPINotFound) {
		return
	}
	c.json(http.StatusOK, publicClient(cl))
}

// updateOAuthClient changes a client's name, redirect URI, policy,
// description and meta data; its id and secret stay.
func updateOAuthClient(c *call) {
	in, meta, ok := c.decodeClientRequest()
	if !ok {
		return
	}
	if in.ClientID != "" && in.ClientID != c.PathValue("clientId") {
		c.fail(http.StatusBadRequest, "client_id in the body does not match the path")
		return
	}
	var cl *model.OAuthClient
	err := c.update(func(tx store.DefinitionsTx) (err error) {
		if _, cl, err = c.findOAuthClient(tx); err != nil {
			return err
		}
		if in.PolicyID != "" {
			p, err := c.findPolicy(tx, in.PolicyID)
			if err != nil {
				return c.failTx(http.StatusBadRequest, "Could not retrieve policy details: policy "+in.PolicyID+" does not exist")
			}
			in.PolicyID = p.MID
		}
		if in.ClientSecret != "" && in.ClientSecret != cl.ClientSecret {
			return c.failTx(http.StatusBadRequest, "a client's secret cannot be changed")
		}
		cl.ClientName, cl.ClientRedirectURI, cl.PolicyID = in.ClientName, in.ClientRedirectURI, in.PolicyID
		cl.Description, cl.MetaData = in.Description, meta
		return tx.UpdateOAuthClient(cl)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	c.json(http.StatusOK, publicClient(cl))
}

// deleteOAuthClient deletes a client and its list of tokens; as on the
// Dashboard, tokens already issued stay valid until they expire.
func deleteOAuthClient(c *call) {
	err := c.update(func(tx store.DefinitionsTx) error {
		_, cl, err := c.findOAuthClient(tx)
		if err != nil {
			return err
		}
		return tx.DeleteOAuthClient(cl.ClientID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	c.ok("OAuth Client deleted successfully", nil)
}

func listOAuthTokens(c *call) {
	var toks []model.OAuthClientToken
	err := c.view(func(tx store.DefinitionsReader) error {
		_, cl, err := c.findOAuthClient(tx)
		if err != nil {
			return err
		}
		toks, err = tx.ListOAuthTokens(cl.ClientID)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, "Could not retrieve tokens.") {
		return
	}
	if toks == nil {
		toks = []model.OAuthClientToken{}
	}
	c.json(http.StatusOK, toks)
}

// formBody reads a form-encoded body; the authorize route takes nothing
// else, as the gateway's authorization endpoint.
func (c *call) formBody() (url.Values, bool) {
	ct := c.r.Header.Get("Content-Type")
	if ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/x-www-form-urlencoded") {
		c.fail(http.StatusBadRequest, "the body must be form-encoded (application/x-www-form-urlencoded), got "+ct)
		return nil, false
	}
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		c.fail(http.StatusBadRequest, "malformed form body: "+err.Error())
		return nil, false
	}
	return form, true
}

// authorizeOAuthClient answers POST /api/apis/oauth/{apiId}/authorize-client
// with a code (or token) and the client's redirect URL carrying it. The
// redirect_uri of the form must be one of the client's.
func authorizeOAuthClient(c *call) {
	form, ok := c.formBody()
	if !ok {
		return
	}
	respType, clientID, redirect := form.Get("response_type"), form.Get("client_id"), form.Get("redirect_uri")
	switch {
	case respType != "code" && respType != "token":
		c.fail(http.StatusBadRequest, "response_type must be code or token")
		return
	case clientID == "":
		c.fail(http.StatusBadRequest, "client_id is required")
		return
	case redirect == "":
		c.fail(http.StatusBadRequest, "redirect_uri is required")
		return
	}
	var rules model.SessionState
	if kr := form.Get("key_rules"); kr != "" {
		if err := json.Unmarshal([]byte(kr), &rules); err != nil {
			c.fail(http.StatusBadRequest, "key_rules is not a session object: "+decodeError(err))
			return
		}
	}
	var api *model.APIDefinition
	var cl *model.OAuthClient
	var pol *model.Policy
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		// The path holds the api_id, as the guide says; a db id is
		// accepted too.
		if api, err = c.oauthAPI(tx); err != nil {
			return c.failTx(http.StatusBadRequest, msgOAuthAPINotFound)
		}
		cl, err = tx.GetOAuthClient(clientID)
		if err != nil || cl.APIID != api.APIID || !c.ownsOrg(cl.OrgID) {
			return c.failTx(http.StatusNotFound, "OAuth client "+clientID+" is not a client of this API")
		}
		if cl.PolicyID != "" {
			if pol, err = tx.GetPolicy(cl.PolicyID); err != nil || pol.OrgID != cl.OrgID {
				return c.failTx(http.StatusBadRequest, "Could not retrieve policy details: the client's policy "+cl.PolicyID+" does not exist")
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	matched := false
	for _, u := range redirectURIs(cl.ClientRedirectURI) {
		matched = matched || u == redirect
	}
	if !matched {
		c.fail(http.StatusForbidden, "redirect_uri does not match the client's redirect URI")
		return
	}
	code := c.s.ids.Hex(28)
	now := c.s.now()
	if !c.issueOAuthSession(api, cl, pol, &rules, code, now) {
		return
	}
	tok := &model.OAuthClientToken{Code: code, Expires: now.Add(oauthTokenLifetime).Unix(), ClientID: cl.ClientID, OrgID: cl.OrgID}
	err = c.update(func(tx store.DefinitionsTx) error { return tx.InsertOAuthToken(tok) })
	if err != nil {
		// Keep the two stores in step: the session goes with the token.
		_ = c.updateSessions(func(tx store.SessionsTx) error { return tx.DeleteKey(code) })
		c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound)
		return
	}
	sep := "?"
	if strings.Contains(redirect, "?") {
		sep = "&"
	}
	to := redirect + sep + "code=" + url.QueryEscape(code)
	if respType == "token" {
		to = redirect + "#access_token=" + url.QueryEscape(code) + "&token_type=bearer&expires_in=" + strconv.Itoa(int(oauthTokenLifetime.Seconds()))
	}
	c.json(http.StatusOK, model.OAuthAuthorizeResponse{Code: code, RedirectTo: to})
}

// issueOAuthSession stores the session of an issued code or token as a key:
// the key_rules of the request, with access to the API, and the client's
// policy applied over them.
func (c *call) issueOAuthSession(api *model.APIDefinition, cl *model.OAuthClient, pol *model.Policy, rules *model.SessionState, code string, now time.Time) bool {
	sess := *rules
	sess.OrgID = cl.OrgID
	if sess.AccessRights == nil {
		sess.AccessRights = map[string]model.AccessDefinition{}
	}
	if _, ok := sess.AccessRights[api.APIID]; !ok && pol == nil {
		sess.AccessRights[api.APIID] = model.AccessDefinition{APIID: api.APIID, APIName: api.Name, Versions: []string{"Default"}, Limit: &model.APILimit{}}
	}
	var pols []model.Policy
	if pol != nil {
		sess.ApplyPolicies = []string{pol.MID}
		pols = append(pols, *pol)
	}
	sess.OauthClientID = cl.ClientID
	if sess.Expires == 0 {
		sess.Expires = now.Add(oauthTokenLifetime).Unix()
	}
	// The session reaches the client's org's APIs only, once its policies
	// are applied: key_rules naming another org's API or policy are
	// refused as a key's would be.
	err := c.view(func(tx store.DefinitionsReader) error {
		for _, id := range model.PolicyIDs(&sess) {
			if pol != nil && id == pol.MID {
				continue
			}
			p, err := tx.GetPolicy(id)
			if err != nil || p.OrgID != cl.OrgID {
				return c.failTx(http.StatusBadRequest, "key_rules: apply_policies: policy "+id+" does not exist")
			}
			pols = append(pols, *p)
		}
		model.ApplyPolicies(&sess, pols, now)
		if err := c.checkOrgAccess(tx, cl.OrgID, sess.AccessRights); err != nil {
			if msg, ok := refusal(err); ok {
				return c.failTx(http.StatusBadRequest, "key_rules: "+msg)
			}
			return err
		}
		return nil
	})
	if c.storeFailed(err, http.StatusBadRequest, "could not read the session's APIs") {
		return false
	}
	sess.DateCreated = now.UTC().Format(rfc3339Milli)
	sess.LastUpdated = strconv.FormatInt(now.Unix(), 10)
	fillEmpty(&sess)
	k := &store.Key{ID: code, Hash: keyHash(code), OrgID: cl.OrgID, Session: sess}
	err = c.updateSessions(func(tx store.SessionsTx) error { return tx.InsertKey(k) })
	return !c.storeFailed(err, http.StatusInternalServerError, "could not store the session")
}

// revokeTarget finds the client of a revoke route: the client named in the
// path, or, when the path names an API, its client whose secret is given.
func (c *call) revokeTarget(tx store.DefinitionsReader, secret string) (*model.OAuthClient, error) {
	id := c.PathValue("apiId")
	cl, err := tx.GetOAuthClient(id)
	if err == nil && c.ownsOrg(cl.OrgID) {
		return cl, nil
	}
	api, err := c.oauthAPI(tx)
	if err != nil || secret == "" {
		return nil, c.failTx(http.StatusNotFound, msgOAuthClientNotFound)
	}
	all, err := tx.ListOAuthClients(api.OrgID, api.APIID, store.ListOptions{Page: 0})
	if err != nil {
		return nil, err
	}
	for i := range all.Items {
		if all.Items[i].ClientSecret == secret {
			return &all.Items[i], nil
		}
	}
	return nil, c.failTx(http.StatusUnauthorized, "client_secret does not match the OAuth client")
}

// revokeBody reads a revoke body, JSON (the guide's) or form-encoded (the
// gateway's).
func (c *call) revokeBody(v any) bool {
	ct := strings.ToLower(c.r.Header.Get("Content-Type"))
	if strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		form, ok := c.formBody()
		if !ok {
			return false
		}
		m := map[string]string{}
		for k := range form {
			m[k] = form.Get(k)
		}
		b, _ := json.Marshal(m)
		if err := json.Unmarshal(b, v); err != nil {
			c.fail(http.StatusBadRequest, decodeError(err))
			return false
		}
		return true
	}
	return c.decode(v)
}

// revokeOAuthToken revokes one token of a client: it leaves the client's
// list and its session stops working. A client_secret, when the body has
// one, must be the client's. Revoking a token that is not there succeeds,
// as OAuth revocation does (RFC 7009).
func revokeOAuthToken(c *call) {
	var in model.OAuthRevokeRequest
	if !c.revokeBody(&in) {
		return
	}
	if in.Token == "" {
		c.fail(http.StatusBadRequest, "token is required")
		return
	}
	if in.TokenTypeHint != "" && in.TokenTypeHint != "access_token" && in.TokenTypeHint != "refresh_token" {
		c.fail(http.StatusBadRequest, "token_type_hint must be access_token or refresh_token")
		return
	}
	var secret string
	if raw, ok := in.Extra["client_secret"]; ok {
		_ = json.Unmarshal(raw, &secret)
	}
	removed := false
	err := c.update(func(tx store.DefinitionsTx) error {
		cl, err := c.revokeTarget(tx, secret)
		if err != nil {
			return err
		}
		if secret != "" && secret != cl.ClientSecret {
			return c.failTx(http.StatusUnauthorized, "client_secret does not match the OAuth client")
		}
		toks, err := tx.ListOAuthTokens(cl.ClientID)
		if err != nil {
			return err
		}
		if err := tx.DeleteOAuthTokens(cl.ClientID); err != nil {
			return err
		}
		for i := range toks {
			if toks[i].Code == in.Token {
				removed = true
				continue
			}
			if err := tx.InsertOAuthToken(&toks[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	if removed {
		if !c.dropOAuthSessions([]string{in.Token}) {
			return
		}
	}
	c.ok("token revoked successfully", nil)
}

// revokeAllOAuthTokens revokes every token of a client, whose secret the
// body must give.
func revokeAllOAuthTokens(c *call) {
	var in model.OAuthRevokeAllRequest
	if !c.revokeBody(&in) {
		return
	}
	if in.ClientSecret == "" {
		c.fail(http.StatusBadRequest, "client_secret is required")
		return
	}
	var codes []string
	err := c.update(func(tx store.DefinitionsTx) error {
		cl, err := c.revokeTarget(tx, in.ClientSecret)
		if err != nil {
			return err
		}
		if in.ClientSecret != cl.ClientSecret {
			return c.failTx(http.StatusUnauthorized, "client_secret does not match the OAuth client")
		}
		toks, err := tx.ListOAuthTokens(cl.ClientID)
		if err != nil {
			return err
		}
		for _, t := range toks {
			codes = append(codes, t.Code)
		}
		return tx.DeleteOAuthTokens(cl.ClientID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgOAuthClientNotFound) {
		return
	}
	if !c.dropOAuthSessions(codes) {
		return
	}
	c.ok("tokens revoked successfully", nil)
}

// dropOAuthSessions deletes the sessions of revoked tokens.
func (c *call) dropOAuthSessions(codes []string) bool {
	err := c.updateSessions(func(tx store.SessionsTx) error {
		for _, code := range codes {
			if err := tx.DeleteKey(code); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	return !c.storeFailed(err, http.StatusInternalServerError, "could not delete the revoked sessions")
}

// purgeOAuthTokens answers DELETE /admin/oauth/tokens?scope=lapsed: the
// tokens of every client of every org that expired by the Server's clock
// leave their client's list, and their sessions go.
func purgeOAuthTokens(c *call) {
	switch scope := c.query("scope"); scope {
	case "lapsed":
	case "":
		c.fail(http.StatusUnprocessableEntity, "scope parameter is required")
		return
	default:
		c.fail(http.StatusBadRequest, "unknown scope "+strconv.Quote(scope)+": the only scope is lapsed")
		return
	}
	now := c.s.now().Unix()
	var lapsed []string
	err := c.update(func(tx store.DefinitionsTx) error {
		// An empty org lists every org's APIs.
		apis, err := tx.ListAPIs("", store.APIQuery{ListOptions: store.ListOptions{Page: 0}})
		if err != nil {
			return err
		}
		for _, w := range apis.Items {
			def := w.APIDefinition
			clients, err := tx.ListOAuthClients(def.OrgID, def.APIID, store.ListOptions{Page: 0})
			if err != nil {
				return err
			}
			for _, cl := range clients.Items {
				toks, err := tx.ListOAuthTokens(cl.ClientID)
				if err != nil {
					return err
				}
				var keep []model.OAuthClientToken
				for _, t := range toks {
					if t.Expires != 0 && t.Expires <= now {
						lapsed = append(lapsed, t.Code)
					} else {
						keep = append(keep, t)
					}
				}
				if len(keep) == len(toks) {
					continue
				}
				if err := tx.DeleteOAuthTokens(cl.ClientID); err != nil {
					return err
				}
				for i := range keep {
					if err := tx.InsertOAuthToken(&keep[i]); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if c.storeFailed(err, http.StatusInternalServerError, "purging lapsed oauth tokens failed") {
		return
	}
	if !c.dropOAuthSessions(lapsed) {
		return
	}
	c.ok("success", nil)
}
