// Package examples holds small runnable programs that use dashkit, one folder
// each. Every program keeps its logic in a run function that its own test
// calls, so `go test ./examples/...` runs them all:
//
//   - quickstart: start an in-memory Dashboard, create an API, a policy and a key
//   - keyupdate: update a key to reach a second API; it keeps its id and token
//   - templateimport: import an OpenAPI document over an API template
//   - templatemerge: merge a document with a template offline and print the API
//   - gateway: a Dashboard with keys in Redis that a real Tyk Gateway can use, and its tyk.conf settings
//   - memservertest: test code of one's own against memserver.NewTest
package examples
