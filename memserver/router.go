package memserver

import (
	"net/http"
	"sort"
	"strings"
	"sync"
)

// # Adding routes
//
// Every resource lives in its own file with one function that returns its
// routes, and one line in routeTables below registers that function:
//
//	// users.go
//	func userRoutes() []route {
//		return []route{
//			{Method: "GET", Path: "/api/users/{id}", Section: "users", Handle: getUser},
//			{Method: "POST", Path: "/api/users", Section: "users", Write: true, Handle: createUser},
//		}
//	}
//
//	func getUser(c *call) {
//		var u *model.User
//		err := c.view(func(tx store.DefinitionsReader) (err error) {
//			u, err = tx.GetUser(c.PathValue("id"))
//			return err
//		})
//		if c.storeFailed(err, http.StatusNotFound, "User not found") {
//			return
//		}
//		if !c.ownsOrg(u.OrgID) { ... }
//		c.json(http.StatusOK, u)
//	}
//
// Before a handler runs, the framework has authenticated the caller (Auth),
// checked its permission on Section (read, or write when Write is set), and
// limited the body. A handler decodes its body with c.decode, reads and writes
// the store through c.view / c.update (or c.viewSessions / c.updateSessions),
// and answers with c.json, c.raw, c.ok or c.fail; c.storeFailed turns a store
// error into the Dashboard's answer. Objects of another org are answered as
// missing (c.ownsOrg), so that nothing leaks across orgs.
//
// Paths are matched segment by segment; a literal segment wins over a
// {wildcard} (so /api/apis/search is not /api/apis/{id}), a trailing slash is
// ignored (old clients send /api/keys/), a known path with an unknown method
// answers 405, and an unknown path 404, both with the error envelope.

// routeTables lists the routes of every resource; a new resource adds one
// line here. (A function rather than a variable, because handlers reach
// the routing tree again: a variable would be an initialisation cycle.)
func routeTables() []func() []route {
	return []func() []route{
		controlRoutes,
		apiRoutes,
		oasRoutes,
		assetRoutes,
		keyRoutes,
		policyRoutes,
		auditRoutes,
		userRoutes,
		userGroupRoutes,
		orgSettingsRoutes,
		hookRoutes,
		oauthRoutes,
		ssoRoutes,
		analyticsRoutes,
		schemaRoutes,
		exampleRoutes,
		mcpAnalyticsRoutes,
		systemRoutes,
		notificationRoutes,
		adminRoutes,
		adminOrgKeyRoutes,
		gatewayRoutes,
		certRoutes,
		streamsRoutes,
		mcpRoutes,
		apiAccessRoutes,
		migrateRoutes,
		portalRoutes,
	}
}

// authMode says how a route authenticates its caller.
type authMode int

const (
	// authUser: a Dashboard user's API secret in Authorization.
	authUser authMode = iota
	// authAdmin: the admin secret in the admin-auth header.
	authAdmin
	// authNone: no credentials (the /_memserver/ control routes).
	authNone
	// authNode: a gateway's node secret in Authorization (gateway.go).
	authNode
)

// route is one operation of the API.
type route struct {
	Method string
	// Path is a pattern such as "/api/apis/{id}/keys/{keyID}"; {name}
	// matches one segment and is read with c.PathValue("name").
	Path string
	Auth authMode
	// Section is the user_permissions section the route belongs to ("apis",
	// "keys", ...); empty means any authenticated user of the org.
	Section string
	// Write asks for "write" on Section; otherwise "read" is enough.
	Write  bool
	Handle func(c *call)
}

// pattern is how the route is named in logs, recorded requests and faults:
// "GET /api/apis/{id}".
func (r *route) pattern() string { return r.Method + " " + r.Path }

// node is one segment of the routing tree. The tree is built once for the
// process and never changes afterwards, so every Server shares it without a
// lock: parallel test servers never wait on each other to route.
type node struct {
	literal  map[string]*node
	wildcard *node
	name     string // of the wildcard segment this node stands for
	methods  map[string]*route
	allow    string // the Allow header of a 405
}

var (
	treeOnce sync.Once
	tree     *node
)

func routingTree() *node {
	treeOnce.Do(func() {
		tree = &node{}
		for _, table := range routeTables() {
			for _, r := range table() {
				r := r
				tree.add(&r)
			}
		}
		tree.finish()
	})
	return tree
}

func (n *node) add(r *route) {
	cur := n
	for _, seg := range splitPath(r.Path) {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := seg[1 : len(seg)-1]
			if cur.wildcard == nil {
				cur.wildcard = &node{name: name}
			}
			if cur.wildcard.name != name {
				panic("memserver: route " + r.pattern() + ": wildcard {" + name + "} clashes with {" + cur.wildcard.name + "}")
			}
			cur = cur.wildcard
			continue
		}
		if cur.literal == nil {
			cur.literal = map[string]*node{}
		}
		next := cur.literal[seg]
		if next == nil {
			next = &node{}
			cur.literal[seg] = next
		}
		cur = next
	}
	if cur.methods == nil {
		cur.methods = map[string]*route{}
	}
	if _, dup := cur.methods[r.Method]; dup {
		panic("memserver: route registered twice: " + r.pattern())
	}
	cur.methods[r.Method] = r
}

func (n *node) finish() {
	if len(n.methods) > 0 {
		var ms []string
		for m := range n.methods {
			ms = append(ms, m)
		}
		sort.Strings(ms)
		n.allow = strings.Join(ms, ", ")
	}
	for _, c := range n.literal {
		c.finish()
	}
	if n.wildcard != nil {
		n.wildcard.finish()
	}
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// maxParams bounds the wildcards of one route; the deepest Dashboard route
// has eight (the analytics dates with an id).
const maxParams = 10

// param is one matched wildcard.
type param struct{ name, value string }

// params holds the wildcards a match found, without allocating.
type params struct {
	n  int
	kv [maxParams]param
}

// match finds the node of path; literal segments are tried before the
// wildcard so that fixed routes win, backtracking when the literal branch
// dead-ends.
func (n *node) match(path string, ps *params) *node {
	for len(path) > 0 && path[0] == '/' {
		path = path[1:]
	}
	if path == "" {
		if n.methods != nil {
			return n
		}
		return nil
	}
	seg, rest := path, ""
	if i := strings.IndexByte(path, '/'); i >= 0 {
		seg, rest = path[:i], path[i:]
	}
	if next := n.literal[seg]; next != nil {
		if found := next.match(rest, ps); found != nil {
			return found
		}
	}
	if n.wildcard != nil && ps.n < maxParams {
		mark := ps.n
		ps.kv[ps.n] = param{n.wildcard.name, seg}
		ps.n++
		if found := n.wildcard.match(rest, ps); found != nil {
			return found
		}
		ps.n = mark
	}
	return nil
}

// lookup routes a request: the route, or a nil route with the status to
// answer (404 unknown path, 405 known path with another method) and, for a
// 405, the Allow header.
func lookup(method, path string, ps *params) (*route, int, string) {
	n := routingTree().match(path, ps)
	if n == nil {
		return nil, http.StatusNotFound, ""
	}
	if r := n.methods[method]; r != nil {
		return r, 0, ""
	}
	if method == http.MethodHead {
		if r := n.methods[http.MethodGet]; r != nil {
			return r, 0, ""
		}
	}
	return nil, http.StatusMethodNotAllowed, n.allow
}
