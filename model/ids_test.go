package model_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
)

// TestIDShapes: the generator's ids have the Dashboard's shapes, and a
// seeded generator gives the same ones on every run, DashedHex reading
// what Hex(16) reads.
func TestIDShapes(t *testing.T) {
	seed := uint64(42)
	at := time.Unix(1700000000, 0)
	gen := func() *model.IDGenerator { return model.NewIDGenerator(&seed, func() time.Time { return at }) }
	a, b := gen(), gen()
	oid := a.ObjectID()
	if !model.IsObjectID(oid) || oid[:8] != "6553f100" || oid != b.ObjectID() {
		t.Errorf("ObjectID %q: want 24 hex characters starting with the seconds 6553f100, the same from the same seed", oid)
	}
	dashed, hex := a.DashedHex(), b.Hex(16)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(dashed) {
		t.Errorf("DashedHex %q: not in a UUID's shape", dashed)
	}
	if undashed := regexp.MustCompile(`-`).ReplaceAllString(dashed, ""); undashed != hex {
		t.Errorf("DashedHex %q read other bytes than Hex(16) %q", dashed, hex)
	}
	if a.ObjectID() != b.ObjectID() {
		t.Error("after DashedHex and Hex(16), the two generators' sequences differ")
	}
}
