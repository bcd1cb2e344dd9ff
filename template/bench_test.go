package template_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

// BenchmarkCorpus measures merging the guide's template with the large real
// document, and the whole path of an import with a template (parse, merge,
// import defaults, x-tyk-api-gateway validation), beside encoding/json's
// decoding of the same bytes into any, the floor.
func BenchmarkCorpus(b *testing.B) {
	data, err := os.ReadFile("../../shared/corpus/github-api.json")
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	tmpl, err := template.Data(guideAsset(b))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := oas.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	opts := oas.ImportOptions{ListenPath: "/github/", AllowList: new(true), GatewayURL: "http://localhost:8080"}

	b.Run("encoding-json-any", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Merge", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := template.Merge(tmpl, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parse+Merge+Import+ValidateExtension", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d, err := oas.Parse(data)
			if err != nil {
				b.Fatal(err)
			}
			api, err := template.Import(tmpl, d, opts)
			if err != nil {
				b.Fatal(err)
			}
			if err := oas.Validate(api, oas.ExtensionOnly()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCorpusRatios runs, in every iteration and back to back, the
// floor (encoding/json into any), kin-openapi's loader, the import path with
// a template, and the full validation, and reports each as a multiple of the
// floor. Interleaving them keeps the ratios meaningful on a machine whose
// load changes during the run, where separate benchmarks drift apart.
func BenchmarkCorpusRatios(b *testing.B) {
	data, err := os.ReadFile("../../shared/corpus/github-api.json")
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	tmpl, err := template.Data(guideAsset(b))
	if err != nil {
		b.Fatal(err)
	}
	opts := oas.ImportOptions{ListenPath: "/github/", AllowList: new(true), GatewayURL: "http://localhost:8080"}
	var floor, kin, pipeline, validate time.Duration
	for b.Loop() {
		t0 := time.Now()
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		d, err := oas.Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		api, err := template.Import(tmpl, d, opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := oas.Validate(api, oas.ExtensionOnly()); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if err := oas.Validate(api); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		floor += t1.Sub(t0)
		kin += t2.Sub(t1)
		pipeline += t3.Sub(t2)
		validate += t4.Sub(t3)
	}
	f := float64(floor)
	b.ReportMetric(float64(kin)/f, "kin-load/floor")
	b.ReportMetric(float64(pipeline)/f, "parse+merge+import+ext/floor")
	b.ReportMetric(float64(validate)/f, "validate/floor")
	b.ReportMetric(float64(validate)/float64(kin), "validate/kin-load")
}
