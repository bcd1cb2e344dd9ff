package memserver

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// The routes a Tyk Gateway in Dashboard mode calls (use_db_app_configs,
// policy_source "service"): it registers, pings, and loads every API and
// policy from here. What they must answer is written down in
// GATEWAY-PROTOCOL.md, from the gateway's own code and a run of it:
//
//   - every answer is {"Status":"OK","Message":...,"Nonce":"<fresh>"};
//   - a nonce is sent in every answer and never checked: the gateway's
//     heartbeat and reloads send stale ones concurrently, and a Dashboard
//     that refuses them sends it into a re-register loop;
//   - the ping's Message is an object of strings (the gateway decodes it
//     into map[string]string);
//   - one API or policy whose database id is not 24 hex fails the gateway's
//     whole reload, so such an id is left out of what is served.
//
// They authenticate with the node secret (WithNodeSecret) in Authorization,
// raw; without a node secret configured every call is refused with 403, as
// a Dashboard refuses an unknown node.
func gatewayRoutes() []route {
	return []route{
		{Method: "GET", Path: "/register/node", Auth: authNode, Handle: registerNode},
		{Method: "GET", Path: "/register/ping", Auth: authNode, Handle: pingNode},
		{Method: "DELETE", Path: "/system/node", Auth: authNode, Handle: deregisterNode},
		{Method: "GET", Path: "/system/apis", Auth: authNode, Handle: systemAPIs},
		{Method: "GET", Path: "/system/policies", Auth: authNode, Handle: systemPolicies},
		{Method: "POST", Path: "/system/key/quota_trigger", Auth: authNode, Handle: quotaTrigger},
		{Method: "GET", Path: "/_memserver/nodes", Auth: authNone, Handle: controlNodes},
	}
}

// DefaultNodeTimeout is how long a gateway that stopped pinging stays in
// Nodes unless WithNodeTimeout says otherwise. Gateways ping every 2 s.
const DefaultNodeTimeout = 30 * time.Second

// Node is a gateway registered with the Server.
type Node struct {
	ID        string    `json:"id"`
	Hostname  string    `json:"hostname"`
	SessionID string    `json:"session_id"` // x-tyk-session-id: one per gateway process
	Since     time.Time `json:"since"`
	LastPing  time.Time `json:"last_ping"`
}

// nodeSet is the registered gateways. A node is forgotten when it
// deregisters or when it has not been heard from for the node timeout.
type nodeSet struct {
	mu    sync.Mutex
	nodes map[string]*Node
}

func (n *nodeSet) put(nd Node) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.nodes == nil {
		n.nodes = map[string]*Node{}
	}
	n.nodes[nd.ID] = &nd
}

// seen notes a call of node id and reports whether it is registered.
func (n *nodeSet) seen(id string, at time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	nd := n.nodes[id]
	if nd != nil {
		nd.LastPing = at
	}
	return nd != nil
}

func (n *nodeSet) remove(id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.nodes, id)
}

// live forgets the nodes silent since before cutoff and returns the others
// in the order they registered.
func (n *nodeSet) live(cutoff time.Time) []Node {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]Node, 0, len(n.nodes))
	for id, nd := range n.nodes {
		if nd.LastPing.Before(cutoff) {
			delete(n.nodes, id)
			continue
		}
		out = append(out, *nd)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Since.Equal(out[j].Since) {
			return out[i].Since.Before(out[j].Since)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Nodes returns the gateways registered and heard from within the node
// timeout, in the order they registered.
func (s *Server) Nodes() []Node {
	return s.nodes.live(s.now().Add(-s.cfg.nodeTimeout))
}

// authenticateNode checks the node secret a gateway sends, raw, in
// Authorization.
func (s *Server) authenticateNode(c *call) bool {
	got := c.r.Header.Get("Authorization")
	if s.cfg.nodeSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.nodeSecret)) != 1 {
		c.fail(http.StatusForbidden, "Authorization failed (Node not registered)")
		return false
	}
	return true
}

// gatewayAnswer is the envelope of every gateway-facing answer.
type gatewayAnswer struct {
	Status  string `json:"Status"`
	Message any    `json:"Message"`
	Nonce   string `json:"Nonce"`
}

func (c *call) gatewayOK(msg any) {
	c.json(http.StatusOK, gatewayAnswer{Status: model.StatusOK, Message: msg, Nonce: c.s.ids.Hex(16)})
}

// noStrings is the Message of answers that carry nothing: an object of
// strings, the only shape the gateway's ping decodes.
var noStrings = map[string]string{}

func registerNode(c *call) {
	now := c.s.now()
	id := c.r.Header.Get("X-Tyk-Nodeid")
	if id == "" || !c.s.nodes.seen(id, now) {
		id = "solo-" + c.s.ids.UUIDHex()
	}
	c.s.nodes.put(Node{ID: id, Hostname: c.r.Header.Get("X-Tyk-Hostname"), SessionID: c.r.Header.Get("X-Tyk-Session-Id"),
		Since: now, LastPing: now})
	c.gatewayOK(map[string]string{"NodeID": id})
}

// pingNode answers a heartbeat. A node the Server does not know (it was
// forgotten, or the Server restarted) is told so with 403, on which the
// gateway registers again.
func pingNode(c *call) {
	if !c.s.nodes.seen(c.r.Header.Get("X-Tyk-Nodeid"), c.s.now()) {
		c.fail(http.StatusForbidden, "Node not registered")
		return
	}
	c.gatewayOK(noStrings)
}

func deregisterNode(c *call) {
	c.s.nodes.remove(c.r.Header.Get("X-Tyk-Nodeid"))
	c.gatewayOK(noStrings)
}

// quotaTrigger accepts the gateway's report that a key passed a quota
// trigger (sent only for APIs with a TriggerExceeded webhook).
func quotaTrigger(c *call) {
	c.s.nodes.seen(c.r.Header.Get("X-Tyk-Nodeid"), c.s.now())
	c.gatewayOK(noStrings)
}

func controlNodes(c *call) {
	c.json(http.StatusOK, c.s.Nodes())
}

// systemAPI is one entry of /system/apis: a classic API carries only its
// api_definition; an OAS API both, because the gateway converts nothing.
type systemAPI struct {
	APIDefinition json.RawMessage `json:"api_definition"`
	OAS           json.RawMessage `json:"oas,omitempty"`
}

// systemAPIs serves every API of every org; the gateway filters by its own
// tags.
func systemAPIs(c *call) {
	c.s.nodes.seen(c.r.Header.Get("X-Tyk-Nodeid"), c.s.now())
	var page store.Page[model.APIDefinitionWrapper]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListAPIs("", store.APIQuery{})
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, "could not list the APIs") {
		return
	}
	out := make([]systemAPI, 0, len(page.Items))
	for i := range page.Items {
		w := &page.Items[i]
		if w.APIDefinition == nil {
			continue
		}
		def, err := withoutBadID(w.APIDefinition, "id")
		if err != nil {
			c.fail(http.StatusInternalServerError, "encode API "+w.APIDefinition.APIID+": "+err.Error())
			return
		}
		e := systemAPI{APIDefinition: def}
		if w.APIDefinition.IsOAS {
			e.OAS = w.OAS
		}
		out = append(out, e)
	}
	c.gatewayOK(out)
}

// systemPolicies serves every policy of every org.
func systemPolicies(c *call) {
	c.s.nodes.seen(c.r.Header.Get("X-Tyk-Nodeid"), c.s.now())
	var page store.Page[model.Policy]
	err := c.view(func(tx store.DefinitionsReader) (err error) {
		page, err = tx.ListPolicies("", store.ListOptions{})
		return err
	})
	if c.storeFailed(err, http.StatusInternalServerError, "could not list the policies") {
		return
	}
	out := make([]json.RawMessage, 0, len(page.Items))
	for i := range page.Items {
		p := page.Items[i]
		if p.ID == "" && !model.IsObjectID(p.MID) {
			p.ID = p.MID // the gateway names a policy by id, else by _id
		}
		b, err := withoutBadID(&p, "_id")
		if err != nil {
			c.fail(http.StatusInternalServerError, "encode policy "+p.MID+": "+err.Error())
			return
		}
		out = append(out, b)
	}
	c.gatewayOK(out)
}

// withoutBadID encodes v and leaves out its database id member when that is
// not 24 hex: the gateway decodes it as an ObjectId, and one that fails
// fails every API or policy of the reload.
func withoutBadID(v any, member string) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var id struct {
		DB  *string `json:"id"`
		MID *string `json:"_id"`
	}
	if err := json.Unmarshal(b, &id); err != nil {
		return nil, err
	}
	got := id.DB
	if member == "_id" {
		got = id.MID
	}
	if got == nil || model.IsObjectID(*got) {
		return b, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	delete(m, member)
	return json.Marshal(m)
}
