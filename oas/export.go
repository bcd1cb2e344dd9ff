package oas

// PublicExport returns a copy of doc without x-tyk-api-gateway, as the
// Dashboard's export with mode=public gives it. doc is not modified.
func PublicExport(doc *Document) *Document {
	// Copy the root shallowly: the members kept are shared with doc, but
	// neither document's root changes when the other's does.
	root := &Object{members: make([]Member, 0, len(doc.r().members))}
	for _, m := range doc.r().members {
		if m.Key == ExtensionKey {
			continue
		}
		root.members = append(root.members, m)
	}
	if len(root.members) > indexThreshold {
		root.buildIndex()
	}
	return &Document{root: root}
}
