package memserver

import "github.com/dashkit/dashkit/model"

func oasRoutes() []route { return nil }

// syncOASIDs writes the wrapper's ids into its OAS document.
func syncOASIDs(w *model.APIDefinitionWrapper) error { return nil }
