package model

import "encoding/json"

// APIURL is GET /api/apis/{id}/url: where the gateway serves an API
// (schema URLVals).
type APIURL struct {
	APIURL   string `json:"ApiURL"`
	BasePath string `json:"BasePath"`
	Host     string `json:"Host"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// NameValue is a query parameter or header a versioned URL needs (schemas
// QueryParameter, HeaderParameter).
type NameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// URLComponents is one URL a Tyk OAS API is served on (schema
// URLComponents); Port is nil for the scheme's standard port.
type URLComponents struct {
	Protocol        string      `json:"protocol"`
	Domain          string      `json:"domain"`
	Port            *int64      `json:"port"`
	ListenPath      string      `json:"listen_path"`
	EndpointPath    string      `json:"endpoint_path"`
	QueryParameters []NameValue `json:"query_parameters"`
	Headers         []NameValue `json:"headers"`
	URL             string      `json:"url"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// OASServerURLs is GET /api/apis/oas/{id}/urls (schema
// OASServerURLsResponse).
type OASServerURLs struct {
	APIID string          `json:"api_id"`
	URLs  []URLComponents `json:"urls"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// ProxyRequest is the body of POST /api/proxy (schema ProxyRequest).
type ProxyRequest struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    json.RawMessage   `json:"body,omitempty"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// ProxyResponse is the gateway's answer to a proxied request (schema
// ProxyResponse).
type ProxyResponse struct {
	StatusCode int64             `json:"status_code"`
	Headers    map[string]string `json:"headers"`
	Body       json.RawMessage   `json:"body"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}
