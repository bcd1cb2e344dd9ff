// Package examples holds small runnable programs that use dashkit, one folder
// each; the tests of this package run every one of them.
package examples
