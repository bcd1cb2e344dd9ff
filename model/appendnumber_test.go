package model

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAppendFloatIsMarshal: appendFloat writes a float64 as json.Marshal
// does, integers (on both sides of the bound of their path) and fractions,
// -0, the smallest and largest, and refuses what json.Marshal refuses.
func TestAppendFloatIsMarshal(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 60, 1000, 1e14, 1e15 - 1, 1e15, -1e15 + 1, -1e15, 1e15 + 1, 1 << 53, 1<<53 + 2,
		1e20, 1e21, 1e22, 0.5, -0.5, 1.5, 1e-6, 1e-7, 5e-324, math.MaxFloat64, -math.MaxFloat64, 123456.789, 0.1 + 0.2,
		math.Inf(1), math.Inf(-1), math.NaN()}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		fs = append(fs, float64(r.Int64N(2e15)-1e15), r.Float64()*1e16-5e15, math.Float64frombits(r.Uint64()), float64(r.IntN(1000))/8)
	}
	for _, f := range fs {
		want, err := json.Marshal(f)
		got, ok := appendFloat([]byte("x"), f)
		if ok != (err == nil) || (ok && !bytes.Equal(got, append([]byte("x"), want...))) {
			t.Errorf("%v (%x): appendFloat %s %v, json.Marshal %s %v", f, math.Float64bits(f), got, ok, want, err)
		}
	}
}

// TestAppendJSONStringIsMarshal: a string is written as json.Marshal
// writes it, with every byte in it.
func TestAppendJSONStringIsMarshal(t *testing.T) {
	strs := []string{"", "plain", "a\"b", "a\\b", "<&>", "\u2028\u2029", "é", "\xff", "\x7f", "tab\t"}
	for b := 0; b < 256; b++ {
		strs = append(strs, "x"+string([]byte{byte(b)})+"y", string(rune(b)))
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := AppendJSONString([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Errorf("%q: AppendJSONString %s, json.Marshal %s", s, got[1:], want)
		}
	}
}
