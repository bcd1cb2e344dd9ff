package memserver_test

import (
	"sync"

	"github.com/dashkit/dashkit/memserver"
)

// recorder collects every exchange of the tests for the contract check.
type recorder struct {
	mu        sync.Mutex
	exchanges []memserver.Exchange
}

func (r *recorder) record(ex memserver.Exchange) {
	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()
}

var contract = &recorder{}
