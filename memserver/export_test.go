package memserver

// RouteInfo describes one route for the tests of package memserver_test,
// which walk every route (the permission table test).
type RouteInfo struct {
	Method, Path, Section string
	Write                 bool
	// User is set for routes of the Dashboard API (Authorization), Admin
	// for those of the Admin API (admin-auth).
	User, Admin bool
	// Node is set for the gateway-facing routes (node secret), which
	// gateway_test.go tests in the gateway's own terms.
	Node bool
}

// Routes lists every route of every resource.
func Routes() []RouteInfo {
	var out []RouteInfo
	for _, table := range routeTables() {
		for _, r := range table() {
			out = append(out, RouteInfo{Method: r.Method, Path: r.Path, Section: r.Section, Write: r.Write,
				User: r.Auth == authUser, Admin: r.Auth == authAdmin, Node: r.Auth == authNode})
		}
	}
	return out
}
