package template

import (
	"github.com/dashkit/dashkit/oas"
)

// Merge lays doc over tmpl, the template's data, as the Dashboard does when
// an API is created with a templateID:
//
//   - object and object: the members of both are kept; a member in both is
//     merged by these same rules (paths, components, and the objects inside
//     x-tyk-api-gateway such as middleware.operations);
//   - array and anything, or anything and array: doc's value replaces
//     tmpl's (servers, tags, security, parameters...);
//   - a scalar, or values of different kinds: doc's value wins;
//   - null in doc counts as missing and keeps tmpl's value, because the
//     Dashboard reads documents into typed structures where null and absent
//     are the same;
//   - a member only in one of them is kept as it is.
//
// Members keep doc's order, followed by the members only tmpl has in tmpl's
// order. Neither input is modified, and the result shares nothing with them.
func Merge(tmpl, doc *oas.Document) (*oas.Document, error) {
	switch {
	case tmpl == nil && doc == nil:
		return oas.NewDocument(nil), nil
	case tmpl == nil:
		return doc.Clone(), nil
	case doc == nil:
		return tmpl.Clone(), nil
	}
	return oas.NewDocument(mergeObjects(tmpl.Root(), doc.Root())), nil
}

func mergeObjects(base, over *oas.Object) *oas.Object {
	members := make([]oas.Member, 0, base.Len()+over.Len())
	for key, ov := range over.All() {
		bv, inBase := base.Get(key)
		switch {
		case !inBase:
			members = append(members, oas.Member{Key: key, Value: oas.CloneValue(ov)})
		default:
			members = append(members, oas.Member{Key: key, Value: mergeValues(bv, ov)})
		}
	}
	for key, bv := range base.All() {
		if !over.Has(key) {
			members = append(members, oas.Member{Key: key, Value: oas.CloneValue(bv)})
		}
	}
	return oas.NewObject(members...)
}

func mergeValues(base, over any) any {
	if over == nil {
		return oas.CloneValue(base)
	}
	bo, baseIsObj := base.(*oas.Object)
	oo, overIsObj := over.(*oas.Object)
	if baseIsObj && overIsObj && bo != nil && oo != nil {
		return mergeObjects(bo, oo)
	}
	return oas.CloneValue(over)
}

// Import creates a Tyk OAS API from a plain OpenAPI document and a template,
// as the Dashboard's import with a templateID: doc must not carry
// x-tyk-api-gateway; it is laid over tmpl (see Merge), and the import
// defaults are applied to the result, so that what the template sets (a
// listen path, an upstream, middleware) is kept unless an option overrides
// it. Neither input is modified.
func Import(tmpl, doc *oas.Document, opts oas.ImportOptions) (*oas.Document, error) {
	if doc.HasExtension() {
		return nil, &oas.ImportError{Err: oas.ErrHasExtension, Pointer: "/" + oas.ExtensionKey, Message: oas.ErrHasExtension.Error()}
	}
	merged, err := Merge(tmpl, doc)
	if err != nil {
		return nil, err
	}
	return oas.ApplyImportDefaults(merged, opts)
}
