package model_test

import (
	"encoding/json"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// BenchmarkDecodeAPIDefinition measures decoding the complete classic API of
// testdata, whose every object keeps its unknown members.
func BenchmarkDecodeAPIDefinition(b *testing.B) {
	raw := readTestdataB(b, "classic-api-full.json")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		var w model.APIDefinitionWrapper
		if err := json.Unmarshal(raw, &w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeAPIDefinition measures encoding it again.
func BenchmarkEncodeAPIDefinition(b *testing.B) {
	raw := readTestdataB(b, "classic-api-full.json")
	var w model.APIDefinitionWrapper
	if err := json.Unmarshal(raw, &w); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := json.Marshal(w); err != nil {
			b.Fatal(err)
		}
	}
}
