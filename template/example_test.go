package template_test

import (
	"fmt"

	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

func ExampleMerge() {
	tmpl, _ := oas.Parse([]byte(`{
  "servers": [{"url": "http://from-template"}],
  "x-tyk-api-gateway": {"middleware": {"global": {"cache": {"enabled": true, "timeout": 60}}}}
}`))
	doc, _ := oas.Parse([]byte(`{
  "servers": [{"url": "http://from-document"}],
  "x-tyk-api-gateway": {"middleware": {"global": {"cache": {"timeout": 5}}}}
}`))
	merged, _ := template.Merge(tmpl, doc)
	b, _ := merged.MarshalJSON()
	fmt.Println(string(b))
	// Output:
	// {"servers":[{"url":"http://from-document"}],"x-tyk-api-gateway":{"middleware":{"global":{"cache":{"timeout":5,"enabled":true}}}}}
}
