//go:build !linux

package memstore

import "os"

// datasync makes the bytes appended to f durable.
func datasync(f *os.File) error { return f.Sync() }
