package oas_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dashkit/dashkit/oas"
)

// corpusPath is the large real document the benchmarks and some tests use;
// it lives outside the module, so they skip when it is absent.
const corpusPath = "../../shared/corpus/github-api.json"

func readCorpus(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		tb.Skipf("corpus not available (%v): run from a checkout with ../shared beside it", err)
	}
	return data
}

// BenchmarkCorpus measures, on the same bytes and in the same run, the floor
// (encoding/json into any), what a user would otherwise call (kin-openapi's
// loader) and this package's operations.
func BenchmarkCorpus(b *testing.B) {
	data := readCorpus(b)
	doc, err := oas.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	api, err := oas.Import(doc, oas.ImportOptions{ListenPath: "/github/", GatewayURL: "http://localhost:8080"})
	if err != nil {
		b.Fatal(err)
	}

	b.Run("encoding-json-any", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kin-openapi-load", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := oas.Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Validate", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if err := oas.Validate(api); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ValidateExtension", func(b *testing.B) {
		for b.Loop() {
			if err := oas.Validate(api, oas.ExtensionOnly()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Import", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := oas.Import(doc, oas.ImportOptions{ListenPath: "/github/", AllowList: new(true), GatewayURL: "http://localhost:8080"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MarshalJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := api.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
