package model

import (
	"sort"
	"strings"
)

// ClassicCategories returns the categories of a classic API: the words of its
// name that start with "#", without the "#", in order and without repeats.
// The Dashboard keeps a classic API's categories in its name.
func ClassicCategories(name string) []string {
	var cats []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(name) {
		if len(w) > 1 && w[0] == '#' && !seen[w[1:]] {
			seen[w[1:]] = true
			cats = append(cats, w[1:])
		}
	}
	return cats
}

// SetClassicCategories returns name with its "#" words replaced by cats.
func SetClassicCategories(name string, cats []string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if !(len(w) > 1 && w[0] == '#') {
			words = append(words, w)
		}
	}
	for _, c := range cats {
		words = append(words, "#"+c)
	}
	return strings.Join(words, " ")
}

// APICategories returns the categories of an API: the wrapper's categories
// for an OAS API, the "#" words of its name for a classic one, sorted.
func APICategories(w *APIDefinitionWrapper) []string {
	var cats []string
	if w.APIDefinition != nil && !w.APIDefinition.IsOAS {
		cats = ClassicCategories(w.APIDefinition.Name)
	}
	for _, c := range w.Categories {
		found := false
		for _, have := range cats {
			found = found || have == c
		}
		if !found {
			cats = append(cats, c)
		}
	}
	sort.Strings(cats)
	return cats
}
