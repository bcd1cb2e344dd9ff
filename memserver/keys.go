package memserver

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// Keys answer on two families of routes: the key alone (/api/keys/{keyId})
// and through an API (/api/apis/{id}/keys/{keyId}). The API id of the second
// family is only checked to exist: a key is the same key whichever route
// reaches it, and updating it never changes its id or token.
func keyRoutes() []route {
	return []route{
		{Method: "POST", Path: "/api/keys", Section: "keys", Write: true, Handle: createKey},
		{Method: "GET", Path: "/api/keys/detailed", Section: "keys", Handle: listKeysDetailed},
		{Method: "POST", Path: "/api/keys/preview", Section: "keys", Handle: previewKey},
		{Method: "POST", Path: "/api/keys/{keyId}", Section: "keys", Write: true, Handle: createKey},
		{Method: "GET", Path: "/api/keys/{keyId}", Section: "keys", Handle: getKey},
		{Method: "PUT", Path: "/api/keys/{keyId}", Section: "keys", Write: true, Handle: updateKey},
		{Method: "DELETE", Path: "/api/keys/{keyId}", Section: "keys", Write: true, Handle: deleteKey},
		{Method: "GET", Path: "/api/apis/keys", Section: "keys", Handle: listKeys},
		{Method: "POST", Path: "/api/apis/keys/basic/{username}", Section: "keys", Write: true, Handle: createKey},
		{Method: "GET", Path: "/api/apis/{id}/keys", Section: "keys", Handle: listKeys},
		{Method: "GET", Path: "/api/apis/{id}/keys/search", Section: "keys", Handle: listKeys},
		{Method: "GET", Path: "/api/apis/{id}/keys/{keyId}", Section: "keys", Handle: getKey},
		{Method: "PUT", Path: "/api/apis/{id}/keys/{keyId}", Section: "keys", Write: true, Handle: updateKey},
		{Method: "DELETE", Path: "/api/apis/{id}/keys/{keyId}", Section: "keys", Write: true, Handle: deleteKey},
	}
}

const (
	msgKeyNotFound = "Key not found"
	msgKeyExists   = "Key already exists"
	msgKeyDeleted  = "Key deleted succesfully" // sic: the Dashboard's spelling
)

func keyHash(id string) string { return model.KeyHash(id) }

// maxKeyTries bounds the ids tried for one generated key; at murmur32 and a
// million keys a try collides about once in four thousand.
const maxKeyTries = 8

func isTrue(v string) bool {
	b, _ := strconv.ParseBool(v)
	return b
}

// findKey finds a key of the caller's org by its id, or by what the query
// says the path holds: its hash (hashed=true), a basic-auth username
// (username=true), or any of these (auto_guess=true).
func (c *call) findKey(tx store.SessionsReader, id string) (*store.Key, error) {
	q := c.r.URL.Query()
	byHash, byUser, guess := isTrue(q.Get("hashed")), isTrue(q.Get("username")), isTrue(q.Get("auto_guess"))
	var k *store.Key
	err := store.ErrNotFound
	if !byHash && !byUser {
		k, err = tx.GetKey(id)
		if named := model.NamedKey(c.orgFor(""), id, c.s.cfg.keyHash); errors.Is(err, store.ErrNotFound) && named != id {
			// A custom key is stored as the token of its org and name, and
			// found by the name alone, as the gateway finds it.
			k, err = tx.GetKey(named)
		}
	}
	if errors.Is(err, store.ErrNotFound) && (byHash || guess) {
		k, err = tx.GetKeyByHash(id)
	}
	if errors.Is(err, store.ErrNotFound) && (byUser || guess) {
		k, err = tx.GetKeyByUsername(c.orgFor(""), id)
		if errors.Is(err, store.ErrNotFound) {
			k, err = tx.GetKey(model.BasicAuthKeyID(c.orgFor(""), id))
		}
	}
	if err != nil {
		return nil, err
	}
	if !c.ownsOrg(k.OrgID) {
		return nil, store.ErrNotFound
	}
	return k, nil
}

// checkAPIInPath answers 404 when the route names an API the caller does
// not have.
func (c *call) checkAPIInPath() (apiID string, ok bool) {
	id := c.PathValue("id")
	if id == "" {
		return "", true
	}
	var w *model.APIDefinitionWrapper
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		w, err = c.findAPI(tx, id)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgAPINotFound) {
		return "", false
	}
	return w.APIDefinition.APIID, true
}

// keyData is a key as the Dashboard shows it. With shown set the key's id is
// shown; otherwise a hashing Dashboard shows only its hash.
func (c *call) keyData(k *store.Key, shown bool) model.KeyData {
	id := k.ID
	if !shown && c.s.cfg.hashKeys {
		id = k.Hash
	}
	sess := k.Session
	normaliseSession(&sess)
	return model.KeyData{KeyID: id, KeyHash: k.Hash, Data: sess, APIModel: emptyObject}
}

var emptyObject = []byte("{}")

// sendKey answers one key. It writes the envelope and the session's own
// encoding into one buffer: through json.Marshal of the whole KeyData, the
// session's bytes would be checked and copied again at each level, which was
// most of the cost of answering a key.
func (c *call) sendKey(k model.KeyData) {
	b := c.answerBuffer(keyAnswerSize + len(k.KeyID) + len(k.KeyHash))
	b = append(b, `{"key_id":`...)
	b = model.AppendJSONString(b, k.KeyID)
	b = append(b, `,"key_hash":`...)
	b = model.AppendJSONString(b, k.KeyHash)
	b = append(b, `,"data":`...)
	b, err := k.Data.AppendJSON(b)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode the key: "+err.Error())
		return
	}
	b = append(b, `,"api_model":{}}`...)
	c.raw(http.StatusOK, "application/json", b)
}

// keyAnswerSize is about what a key with one access right takes to answer,
// but for its id and hash.
const keyAnswerSize = 1152

// listedID is how lists name a key: its hash on a hashing Dashboard.
func (s *Server) listedID(k *store.Key) string {
	if s.cfg.hashKeys {
		return k.Hash
	}
	return k.ID
}

// normaliseSession gives the lists and maps of a session a value, since
// clients read [] and null differently.
func normaliseSession(s *model.SessionState) {
	if s.AccessRights == nil {
		s.AccessRights = map[string]model.AccessDefinition{}
	}
	if s.ApplyPolicies == nil {
		s.ApplyPolicies = []string{}
	}
	if s.Tags == nil {
		s.Tags = []string{}
	}
	if s.MetaData == nil {
		s.MetaData = map[string]any{}
	}
	if s.OauthKeys == nil {
		s.OauthKeys = map[string]string{}
	}
	if s.Monitor.TriggerLimits == nil {
		s.Monitor.TriggerLimits = []float64{}
	}
	for api, ar := range s.AccessRights {
		if ar.Versions == nil {
			ar.Versions = []string{}
			s.AccessRights[api] = ar
		}
	}
}

// prepareSession applies a key's policies and checks the access rights
// that result against the org's APIs (each must exist and be the org's; a
// missing api_name is filled in). It
// answers 400 and returns false when the session cannot be a key.
func (c *call) prepareSession(sess *model.SessionState, org string) bool {
	if len(sess.AccessRights) == 0 && len(model.PolicyIDs(sess)) == 0 {
		c.fail(http.StatusBadRequest, "a key needs access_rights or apply_policies")
		return false
	}
	err := c.view(func(tx store.DefinitionsReader) error {
		err := c.s.keySession(tx, org, sess, c.s.now(), c.findPolicy)
		if msg, ok := refusal(err); ok {
			return c.failTx(http.StatusBadRequest, msg)
		}
		return err
	})
	if c.storeFailed(err, http.StatusBadRequest, "could not read the key's APIs") {
		return false
	}
	fillEmpty(sess)
	return true
}

// keySession makes sess a session of a key of org, as every route that
// writes a key and the fixtures do: it applies the key's policies, found
// with findPolicy, and checks that every entry of the rights that result is
// an API of org, a policy's rights being checked as the key's own. sess is
// changed in place, its AccessRights map included. A session that cannot be
// a key is an error wrapping errRefused (see refusal) that says why.
func (s *Server) keySession(tx store.DefinitionsReader, org string, sess *model.SessionState, now time.Time,
	findPolicy func(tx store.DefinitionsReader, id string) (*model.Policy, error)) error {
	var pols []model.Policy
	for _, id := range model.PolicyIDs(sess) {
		p, err := findPolicy(tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("apply_policies: policy %s does not exist: %w", id, errRefused)
		}
		if err != nil {
			return err
		}
		pols = append(pols, *p)
	}
	// Checked before the policies are applied: applying them sets each
	// entry's api_id, which would hide an entry naming another API.
	for apiID, ar := range sess.AccessRights {
		if ar.APIID != "" && ar.APIID != apiID {
			return fmt.Errorf("access_rights: the entry %s names another api_id, %s: %w", apiID, ar.APIID, errRefused)
		}
	}
	sess.OrgID = org
	model.ApplyPolicies(sess, pols, now)
	return s.checkOrgAccess(tx, org, sess.AccessRights)
}

// createKey answers POST /api/keys (generated id), POST /api/keys/{keyId}
// (custom id) and POST /api/apis/keys/basic/{username} (basic auth).
func createKey(c *call) {
	// The body is decoded into the key it makes, which the store is given:
	// a session of its own would be a second copy on the heap.
	k := &store.Key{}
	sess := &k.Session
	if !c.decode(sess) {
		return
	}
	org := c.orgFor(sess.OrgID)
	var id string
	switch {
	case c.PathValue("username") != "":
		if sess.BasicAuthData.Password == "" {
			c.fail(http.StatusBadRequest, "basic_auth_data.password is required for a basic auth key")
			return
		}
		id = model.BasicAuthKeyID(org, c.PathValue("username"))
	case c.PathValue("keyId") != "":
		id = model.NamedKey(org, c.PathValue("keyId"), c.s.cfg.keyHash)
	}
	if !c.prepareSession(sess, org) {
		return
	}
	if id != "" && !c.keyIDFree(id) {
		return
	}
	sess.DateCreated = c.nowString()
	sess.LastUpdated = strconv.FormatInt(c.s.now().Unix(), 10)
	generated := id == ""
	k.ID, k.OrgID = id, org
	if !generated {
		k.Hash = keyHash(id)
	}
	var err error
	// A generated key whose hash another key has already (1 in 2^32 per
	// pair with murmur32) is made again: creating a key without a name never
	// fails on a collision the caller cannot see.
	for try := 1; ; try++ {
		if generated {
			k.ID = c.s.ids.NewKey(org, c.s.cfg.keyHash)
			k.Hash = keyHash(k.ID)
		}
		err = c.updateSessions(func(tx store.SessionsTx) error { return tx.InsertKey(k) })
		if !generated || !errors.Is(err, store.ErrConflict) || try == maxKeyTries {
			break
		}
	}
	if errors.Is(err, store.ErrConflict) {
		c.fail(http.StatusConflict, msgKeyExists)
		return
	}
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return
	}
	// The only answer that shows a hashed key's token.
	c.sendKey(c.keyData(k, true))
}

// previewKey answers what createKey would store, storing nothing.
func previewKey(c *call) {
	var sess model.SessionState
	if !c.decode(&sess) {
		return
	}
	org := c.orgFor(sess.OrgID)
	if !c.prepareSession(&sess, org) {
		return
	}
	sess.DateCreated = c.nowString()
	c.json(http.StatusOK, model.KeyData{Data: sess, APIModel: emptyObject})
}

func getKey(c *call) {
	if _, ok := c.checkAPIInPath(); !ok {
		return
	}
	var k *store.Key
	err := c.viewSessions(func(tx store.SessionsReader) (err error) {
		k, err = c.findKey(tx, c.PathValue("keyId"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return
	}
	c.sendKey(c.keyData(k, false))
}

// updateKey answers both PUT routes: the key keeps its id, hash and token;
// its session is replaced and its policies applied again. The remaining
// quota starts again unless suppress_reset is set.
func updateKey(c *call) {
	if _, ok := c.checkAPIInPath(); !ok {
		return
	}
	var sess model.SessionState
	if !c.decode(&sess) {
		return
	}
	var old *store.Key
	err := c.viewSessions(func(tx store.SessionsReader) (err error) {
		old, err = c.findKey(tx, c.PathValue("keyId"))
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return
	}
	if !c.prepareSession(&sess, old.OrgID) {
		return
	}
	suppress := c.query("suppress_reset")
	sess.LastUpdated = strconv.FormatInt(c.s.now().Unix(), 10)
	var k *store.Key
	// The key is found again in the transaction that writes it: the one
	// read above may have been deleted since, and its id taken by a key of
	// another org, which this request must not overwrite.
	err = c.updateSessions(func(tx store.SessionsTx) error {
		cur, err := c.findKey(tx, c.PathValue("keyId"))
		if err != nil {
			return err
		}
		if cur.ID != old.ID || cur.OrgID != old.OrgID {
			return store.ErrNotFound
		}
		if suppress == "1" || isTrue(suppress) {
			sess.QuotaRemaining = cur.Session.QuotaRemaining
		} else if sess.QuotaMax != 0 {
			sess.QuotaRemaining = sess.QuotaMax
		}
		sess.DateCreated = cur.Session.DateCreated
		k = &store.Key{ID: cur.ID, Hash: cur.Hash, OrgID: cur.OrgID, Session: sess}
		return tx.UpdateKey(k)
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return
	}
	c.sendKey(c.keyData(k, false))
}

func deleteKey(c *call) {
	if _, ok := c.checkAPIInPath(); !ok {
		return
	}
	err := c.updateSessions(func(tx store.SessionsTx) error {
		k, err := c.findKey(tx, c.PathValue("keyId"))
		if err != nil {
			return err
		}
		return tx.DeleteKey(k.ID)
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return
	}
	c.ok(msgKeyDeleted, nil)
}

// listOrgKeys lists the caller's keys, of one API when apiID is set; q
// keeps the keys whose id, hash or alias contains it.
func (c *call) listOrgKeys(apiID, q string) (store.Page[store.Key], bool) {
	opts, ok := c.listOptions()
	if !ok {
		return store.Page[store.Key]{}, false
	}
	opts.Query = ""
	kq := store.KeyQuery{ListOptions: opts, APIID: apiID}
	if q != "" {
		kq.Page = 0
	}
	var page store.Page[store.Key]
	err := c.viewSessions(func(tx store.SessionsReader) (err error) {
		page, err = tx.ListKeys(c.orgID, kq)
		return err
	})
	if c.storeFailed(err, http.StatusNotFound, msgKeyNotFound) {
		return page, false
	}
	if q != "" {
		var keep []store.Key
		for _, k := range page.Items {
			_, name, _, _ := model.ParseKeyToken(k.ID) // a custom key is found by its name
			if strings.Contains(k.ID, q) || strings.Contains(k.Hash, q) || strings.Contains(k.Session.Alias, q) || strings.Contains(name, q) {
				keep = append(keep, k)
			}
		}
		page = paginate(keep, opts)
	}
	return page, true
}

// listKeys answers the lists of key ids: every key of the org, or the keys
// of one API, optionally searched with q.
func listKeys(c *call) {
	apiID, ok := c.checkAPIInPath()
	if !ok {
		return
	}
	page, ok := c.listOrgKeys(apiID, c.query("q"))
	if !ok {
		return
	}
	ids := make([]string, 0, len(page.Items))
	for i := range page.Items {
		ids = append(ids, c.s.listedID(&page.Items[i]))
	}
	if page.Pages == 0 {
		page.Pages = 1
	}
	c.json(http.StatusOK, model.KeyListResponse{Data: model.KeyIDs{Keys: ids}, Pages: int64(page.Pages)})
}

func listKeysDetailed(c *call) {
	page, ok := c.listOrgKeys("", c.query("q"))
	if !ok {
		return
	}
	out := make([]model.KeyData, 0, len(page.Items))
	for i := range page.Items {
		out = append(out, c.keyData(&page.Items[i], false))
	}
	if page.Pages == 0 {
		page.Pages = 1
	}
	c.json(http.StatusOK, model.KeyDetailListResponse{Keys: out, Pages: int64(page.Pages)})
}
