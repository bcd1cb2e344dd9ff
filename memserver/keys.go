package memserver

func keyRoutes() []route { return nil }

func keyHash(id string) string { return "" }
