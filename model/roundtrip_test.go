package model_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/model"
)

// modelTypes makes a new value of each model type that a sample can decode
// into, by name.
var modelTypes = map[string]func() any{
	"APIDefinitionWrapper":     func() any { return new(model.APIDefinitionWrapper) },
	"APIDefinition":            func() any { return new(model.APIDefinition) },
	"APIListResponse":          func() any { return new(model.APIListResponse) },
	"APIResponse":              func() any { return new(model.APIResponse) },
	"AccessManagementPayload":  func() any { return new(model.AccessManagementPayload) },
	"AggregateAnalyticsData":   func() any { return new(model.AggregateAnalyticsData) },
	"AllCategoriesResponse":    func() any { return new(model.AllCategoriesResponse) },
	"Asset":                    func() any { return new(model.Asset) },
	"[]Asset":                  func() any { return new([]model.Asset) },
	"AuditLog":                 func() any { return new(model.AuditLog) },
	"AuditLogListResponse":     func() any { return new(model.AuditLogListResponse) },
	"CategoriesPayload":        func() any { return new(model.CategoriesPayload) },
	"KeyData":                  func() any { return new(model.KeyData) },
	"KeyDetailListResponse":    func() any { return new(model.KeyDetailListResponse) },
	"KeyListResponse":          func() any { return new(model.KeyListResponse) },
	"NewAdditionalPermissions": func() any { return new(model.NewAdditionalPermissions) },
	"NewClientRequest":         func() any { return new(model.NewClientRequest) },
	"NewOPARules":              func() any { return new(model.NewOPARules) },
	"OAuthAuthorizeResponse":   func() any { return new(model.OAuthAuthorizeResponse) },
	"OAuthClient":              func() any { return new(model.OAuthClient) },
	"OAuthClientListResponse":  func() any { return new(model.OAuthClientListResponse) },
	"[]OAuthClientToken":       func() any { return new([]model.OAuthClientToken) },
	"OAuthRevokeAllRequest":    func() any { return new(model.OAuthRevokeAllRequest) },
	"OAuthRevokeRequest":       func() any { return new(model.OAuthRevokeRequest) },
	"Organisation":             func() any { return new(model.Organisation) },
	"OrganisationListResponse": func() any { return new(model.OrganisationListResponse) },
	"Policy":                   func() any { return new(model.Policy) },
	"PortalKeyRequest":         func() any { return new(model.PortalKeyRequest) },
	"PortalPage":               func() any { return new(model.PortalPage) },
	"PolicyListResponse":       func() any { return new(model.PolicyListResponse) },
	"ReloadResponse":           func() any { return new(model.ReloadResponse) },
	"ImportByURLPayload":       func() any { return new(model.ImportByURLPayload) },
	"SSOAccessData":            func() any { return new(model.SSOAccessData) },
	"SessionState":             func() any { return new(model.SessionState) },
	"StatusMessage":            func() any { return new(model.StatusMessage) },
	"User":                     func() any { return new(model.User) },
	"UserGroup":                func() any { return new(model.UserGroup) },
	"UserGroupListResponse":    func() any { return new(model.UserGroupListResponse) },
	"UserKeyResetRequest":      func() any { return new(model.UserKeyResetRequest) },
	"UserListResponse":         func() any { return new(model.UserListResponse) },
	"UserPassword":             func() any { return new(model.UserPassword) },
	"UserSearchPayload":        func() any { return new(model.UserSearchPayload) },
	"WebHookHandlerConf":       func() any { return new(model.WebHookHandlerConf) },
	"WebHookListResponse":      func() any { return new(model.WebHookListResponse) },
}

// guideBlock is one JSON sample of the Dashboard guide and what it is: the
// model type it must round-trip through, or why it is not a Dashboard object.
type guideBlock struct {
	typ  string // a key of modelTypes; empty when skipped
	skip string // why the block is not checked
}

// guideBlocks classifies every JSON block of the guide
// (../shared/seeds/002_488b596f1d28383d.txt) by the line it starts on. The
// test fails on a block missing from this table, so none is left out
// silently.
var guideBlocks = map[int]guideBlock{
	70:   {skip: "placeholder list: its items are written { ... }"},
	94:   {typ: "APIListResponse"},
	203:  {skip: "not JSON: the path placeholder {id} in prose"},
	211:  {typ: "APIDefinitionWrapper"}, // GET /api/apis/{id}
	360:  {typ: "APIResponse"},
	384:  {typ: "APIDefinitionWrapper"}, // POST /api/apis body
	486:  {typ: "APIResponse"},
	512:  {typ: "APIDefinitionWrapper"}, // PUT /api/apis/{id} body
	616:  {typ: "APIResponse"},
	670:  {typ: "APIResponse"},
	693:  {typ: "AggregateAnalyticsData"}, // GET /api/activity/keys/endpoint/...
	768:  {typ: "AggregateAnalyticsData"}, // GET /api/activity/oauthid/endpoint/...
	844:  {typ: "UserListResponse"},
	892:  {typ: "User"},
	921:  {typ: "User"}, // POST /api/users body, with a password
	930:  {typ: "APIResponse"},
	951:  {typ: "UserPassword"},
	957:  {typ: "APIResponse"},
	973:  {skip: "placeholder: its Meta is written { …user object payload …}"},
	990:  {skip: "placeholder: its Meta is written { …user object payload …}"},
	1010: {typ: "User"},
	1018: {typ: "APIResponse"},
	1040: {typ: "UserKeyResetRequest"},
	1044: {typ: "APIResponse"},
	1062: {typ: "APIResponse"},
	1081: {typ: "UserGroupListResponse"},
	1115: {typ: "UserGroup"},
	1135: {typ: "UserGroup"},
	1141: {typ: "APIResponse"},
	1158: {typ: "UserGroup"},
	1163: {typ: "APIResponse"},
	1181: {typ: "APIResponse"},
	1206: {typ: "NewAdditionalPermissions"},
	1231: {typ: "NewAdditionalPermissions"},
	1239: {typ: "APIResponse"},
	1246: {skip: "not JSON: the path placeholder {api-id} in prose"},
	1262: {typ: "KeyListResponse"},
	1287: {typ: "KeyData"},
	1330: {typ: "SessionState"}, // POST /api/keys/my-custom-key body
	1354: {typ: "KeyData"},
	1367: {skip: "the upstream's answer to a proxied request, not a Dashboard object"},
	1382: {typ: "SessionState"},
	1403: {typ: "KeyData"},
	1446: {typ: "SessionState"},
	1474: {typ: "APIResponse"},
	1492: {typ: "APIResponse"},
	1519: {typ: "SessionState"}, // POST /api/apis/keys/basic/{username} body
	1543: {typ: "KeyData"},
	1586: {typ: "NewClientRequest"}, // inline curl body of POST /api/apis/oauth
	1588: {typ: "OAuthClient"},
	1606: {typ: "OAuthClientListResponse"},
	1635: {typ: "OAuthClient"},
	1654: {typ: "APIResponse"},
	1675: {typ: "[]OAuthClientToken"},
	1707: {typ: "OAuthRevokeRequest"},
	1712: {typ: "APIResponse"},
	1729: {typ: "OAuthRevokeAllRequest"},
	1733: {typ: "APIResponse"},
	1766: {typ: "OAuthAuthorizeResponse"},
	1795: {typ: "SSOAccessData"},
	1802: {typ: "APIResponse"},
	1818: {typ: "WebHookListResponse"},
	1849: {typ: "WebHookHandlerConf"},
	1874: {typ: "WebHookHandlerConf"},
	1883: {typ: "APIResponse"},
	1900: {typ: "WebHookHandlerConf"},
	1914: {typ: "APIResponse"},
	1932: {typ: "APIResponse"},
	1957: {typ: "NewOPARules"},
	1979: {typ: "NewOPARules"},
	1986: {typ: "APIResponse"},
	2019: {typ: "Organisation"},
	2064: {typ: "OrganisationListResponse"},
	2140: {typ: "Organisation"},
	2146: {typ: "APIResponse"},
	2163: {typ: "Organisation"},
	2169: {typ: "APIResponse"},
	2187: {typ: "APIResponse"},
	2206: {typ: "User"},
	2231: {typ: "User"},
	2243: {typ: "APIResponse"},
	2279: {typ: "User"},
	2291: {typ: "APIResponse"},
	2318: {typ: "SSOAccessData"},
	2325: {typ: "APIResponse"},
	2342: {typ: "ReloadResponse"},
	2363: {typ: "Organisation"},
	2429: {typ: "Organisation"}, // POST /admin/organisations/import body
	2487: {skip: "placeholder: its API definitions are written {...}"},
	2515: {typ: "PolicyListResponse"}, // POST /admin/policies/import body
	2867: {typ: "APIDefinition"},      // a classic API's name without categories
	2873: {typ: "APIDefinition"},      // the same with #global #staging
	3060: {typ: "APIResponse"},
	3086: {typ: "APIResponse"},
	3124: {typ: "APIResponse"},
}

// jsonBlock is a JSON text found in the guide and the line it starts on.
type jsonBlock struct {
	line int
	text string
}

var inlineBody = regexp.MustCompile(`-d '(\{.*\})'`)

// guideJSONBlocks finds the JSON samples of the guide: every run of lines
// from one that opens with "{", "[" or "Body: {" to the line that balances
// its brackets, and the bodies of curl commands (-d '{...}').
func guideJSONBlocks(text string) []jsonBlock {
	lines := strings.Split(text, "\n")
	var blocks []jsonBlock
	for i := 0; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if m := inlineBody.FindStringSubmatch(s); m != nil {
			blocks = append(blocks, jsonBlock{line: i + 1, text: m[1]})
			continue
		}
		first := s
		if rest, ok := strings.CutPrefix(s, "Body:"); ok && strings.HasPrefix(strings.TrimSpace(rest), "{") {
			first = strings.TrimSpace(rest)
		} else if !strings.HasPrefix(s, "{") && !strings.HasPrefix(s, "[") {
			continue
		}
		var b strings.Builder
		depth := 0
		j := i
		for ; j < len(lines); j++ {
			l := lines[j]
			if j == i {
				l = first
			}
			b.WriteString(l)
			b.WriteByte('\n')
			depth += strings.Count(l, "{") + strings.Count(l, "[") - strings.Count(l, "}") - strings.Count(l, "]")
			if depth <= 0 {
				break
			}
		}
		blocks = append(blocks, jsonBlock{line: i + 1, text: b.String()})
		i = j
	}
	return blocks
}

var (
	trailingComma = regexp.MustCompile(`,(\s*[}\]])`)
	commentLine   = regexp.MustCompile(`(?m)^\s*(//.*|\.\.\.)\n`)
)

// repairGuideJSON undoes the liberties the guide's hand-written samples take
// with JSON: // comment lines, "..." lines standing for omitted members, and
// trailing commas. It changes nothing else.
func repairGuideJSON(s string) string {
	s = commentLine.ReplaceAllString(s, "")
	return trailingComma.ReplaceAllString(s, "$1")
}

// TestRoundTripGuideSamples decodes every sample body and response of the
// Dashboard guide into its model type and encodes it back, comparing the
// JSON trees under the rule of roundTrip.
func TestRoundTripGuideSamples(t *testing.T) {
	raw, err := os.ReadFile(sharedPath(t, "seeds/002_488b596f1d28383d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checked, repaired, skipped := 0, 0, 0
	seen := map[int]bool{}
	for _, b := range guideJSONBlocks(string(raw)) {
		seen[b.line] = true
		entry, ok := guideBlocks[b.line]
		if !ok {
			t.Errorf("guide line %d: JSON sample not classified in guideBlocks:\n%s", b.line, b.text)
			continue
		}
		if entry.skip != "" {
			skipped++
			continue
		}
		text := b.text
		if !json.Valid([]byte(text)) {
			text = repairGuideJSON(text)
			repaired++
		}
		if !json.Valid([]byte(text)) {
			t.Errorf("guide line %d: not JSON even after repair:\n%s", b.line, text)
			continue
		}
		name := fmt.Sprintf("guide line %d (%s)", b.line, entry.typ)
		if roundTrip(t, name, []byte(text), modelTypes[entry.typ]()) {
			checked++
		}
	}
	for line := range guideBlocks {
		if !seen[line] {
			t.Errorf("guideBlocks names line %d, where the guide has no JSON sample", line)
		}
	}
	t.Logf("guide: %d samples round-tripped (%d after repairing comments, ... or trailing commas), %d skipped as not Dashboard JSON", checked, repaired, skipped)
}

// schemaTypes maps a schema of the official descriptions to the model type
// its examples must round-trip through. Inline schemas are named by their
// sorted property names.
var schemaTypes = map[string]string{
	"ApiResponse":              "APIResponse",
	"ApiError":                 "APIResponse",
	"ErrorResponse":            "APIResponse",
	"SessionState":             "SessionState",
	"ApiDefinitionWrapper":     "APIDefinitionWrapper",
	"ApiDefinitionsResponse":   "APIListResponse",
	"ApiDefinitions":           "APIListResponse",
	"Keys":                     "KeyListResponse",
	"KeysDetailed":             "KeyDetailListResponse",
	"KeyData":                  "KeyData",
	"Policy":                   "Policy",
	"ReturnDataStruct":         "PolicyListResponse",
	"ImportDataStruct":         "PolicyListResponse",
	"User":                     "User",
	"Users":                    "UserListResponse",
	"UserGroup":                "UserGroup",
	"UserGroups":               "UserGroupListResponse",
	"UserPassword":             "UserPassword",
	"UserSearchPayload":        "UserSearchPayload",
	"AccessManagementPayload":  "AccessManagementPayload",
	"AggregateAnalyticsData":   "AggregateAnalyticsData",
	"CategoriesPayload":        "CategoriesPayload",
	"AllCategoriesResponse":    "AllCategoriesResponse",
	"OAuthClient":              "OAuthClient",
	"OAuthApps":                "OAuthClientListResponse",
	"NewClientRequest":         "NewClientRequest",
	"OAuthClientTokens":        "[]OAuthClientToken",
	"NewOPARules":              "NewOPARules",
	"NewAdditionalPermissions": "NewAdditionalPermissions",
	"Asset":                    "Asset",
	"[]Asset":                  "[]Asset",
	"WebHooks":                 "WebHookListResponse",
	"WebHookHandlerConf":       "WebHookHandlerConf",
	"SSOAccessData":            "SSOAccessData",
	"AuditLog":                 "AuditLog",
	"AuditLogs":                "AuditLogListResponse",
	"OrganisationDocument":     "Organisation",
	"ApiRegister":              "OrganisationListResponse",
	"ReloadResponse":           "ReloadResponse",
	"ApiStatusMessage":         "StatusMessage",
	// Inline request bodies.
	"{data,description,id,kind,name}":                              "Asset",
	"{header_map,method,name,target_path}":                         "WebHookHandlerConf",
	"{active,email_address,first_name,last_name,user_permissions}": "User",
}

// mediaExample is one example of a request or response body in an official
// description.
type mediaExample struct {
	where  string // file, route, status and example name
	schema string // the schema's name, "[]Name" or "{props}" for inline ones
	value  any
}

// schemaName names a media type's schema for schemaTypes.
func schemaName(s map[string]any) string {
	if s == nil {
		return ""
	}
	if ref, ok := s["$ref"].(string); ok {
		return ref[strings.LastIndex(ref, "/")+1:]
	}
	if s["type"] == "array" {
		if items, ok := s["items"].(map[string]any); ok {
			return "[]" + schemaName(items)
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		sort.Strings(names)
		return "{" + strings.Join(names, ",") + "}"
	}
	for _, comb := range []string{"allOf", "oneOf"} {
		if all, ok := s[comb].([]any); ok {
			var parts []string
			for _, p := range all {
				if m, ok := p.(map[string]any); ok {
					parts = append(parts, schemaName(m))
				}
			}
			return comb + "(" + strings.Join(parts, ",") + ")"
		}
	}
	return ""
}

// exampleType names the model type of an example: by its schema, or, where
// the description gives no schema or a choice of schemas, by its members:
// an error answer without a schema is the action envelope, and {"url": ...}
// is the import-by-URL alternative of a oneOf.
func exampleType(ex mediaExample) (string, bool) {
	if typ, ok := schemaTypes[ex.schema]; ok {
		return typ, true
	}
	obj, ok := ex.value.(map[string]any)
	if !ok || len(obj) == 0 {
		return "", false
	}
	if ex.schema == "" {
		for k := range obj {
			if k != "Status" && k != "Message" && k != "Meta" && k != "ID" {
				return "", false
			}
		}
		return "APIResponse", true
	}
	if _, hasURL := obj["url"]; hasURL && len(obj) == 1 && strings.Contains(ex.schema, "ApiImportByUrlPayload") {
		return "ImportByURLPayload", true
	}
	return "", false
}

// resolve follows a local $ref of the description once.
func resolve(root map[string]any, v map[string]any) map[string]any {
	ref, ok := v["$ref"].(string)
	if !ok || !strings.HasPrefix(ref, "#/") {
		return v
	}
	cur := any(root)
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return v
		}
		cur = m[part]
	}
	if m, ok := cur.(map[string]any); ok {
		return m
	}
	return v
}

// descriptionExamples lists every example of a request or response body of
// a description, with the schema it illustrates.
func descriptionExamples(d description) []mediaExample {
	var out []mediaExample
	paths, _ := d.root["paths"].(map[string]any)
	routes := make([]string, 0, len(paths))
	for p := range paths {
		routes = append(routes, p)
	}
	sort.Strings(routes)
	for _, route := range routes {
		item, _ := paths[route].(map[string]any)
		methods := make([]string, 0, len(item))
		for m := range item {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, method := range methods {
			op, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			type body struct {
				role    string
				content map[string]any
			}
			var bodies []body
			if rb, ok := op["requestBody"].(map[string]any); ok {
				rb = resolve(d.root, rb)
				c, _ := rb["content"].(map[string]any)
				bodies = append(bodies, body{"request", c})
			}
			responses, _ := op["responses"].(map[string]any)
			codes := make([]string, 0, len(responses))
			for c := range responses {
				codes = append(codes, c)
			}
			sort.Strings(codes)
			for _, code := range codes {
				r, _ := responses[code].(map[string]any)
				r = resolve(d.root, r)
				c, _ := r["content"].(map[string]any)
				bodies = append(bodies, body{code, c})
			}
			for _, b := range bodies {
				for ct, mt := range b.content {
					media, _ := mt.(map[string]any)
					if media == nil || !strings.Contains(ct, "json") {
						continue
					}
					schema, _ := media["schema"].(map[string]any)
					name := schemaName(schema)
					where := fmt.Sprintf("%s %s %s %s", d.name, strings.ToUpper(method), route, b.role)
					if ex, ok := media["example"]; ok {
						out = append(out, mediaExample{where: where + " example", schema: name, value: ex})
					}
					exs, _ := media["examples"].(map[string]any)
					keys := make([]string, 0, len(exs))
					for k := range exs {
						keys = append(keys, k)
					}
					sort.Strings(keys)
					for _, k := range keys {
						e, _ := exs[k].(map[string]any)
						e = resolve(d.root, e)
						if v, ok := e["value"]; ok {
							out = append(out, mediaExample{where: where + " examples." + k, schema: name, value: v})
						}
					}
				}
			}
		}
	}
	return out
}

// TestRoundTripOfficialExamples decodes every example of the two official
// descriptions whose schema is a model type and encodes it back, comparing
// the JSON trees under the rule of roundTrip.
func TestRoundTripOfficialExamples(t *testing.T) {
	checked := map[string]int{}
	notModelled := map[string]int{}
	for _, d := range officialDescriptions(t) {
		for _, ex := range descriptionExamples(d) {
			typ, ok := exampleType(ex)
			if !ok {
				notModelled[ex.schema]++
				continue
			}
			raw, err := json.Marshal(ex.value)
			if err != nil {
				t.Fatalf("%s: %v", ex.where, err)
			}
			if roundTrip(t, ex.where, raw, modelTypes[typ]()) {
				checked[d.name]++
			}
		}
	}
	var skipped []string
	for s, n := range notModelled {
		if s == "" {
			s = "(no schema)"
		}
		skipped = append(skipped, fmt.Sprintf("%s×%d", s, n))
	}
	sort.Strings(skipped)
	t.Logf("official examples round-tripped: %v; not model types (OAS documents and others): %s", checked, strings.Join(skipped, ", "))
}
