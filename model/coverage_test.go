package model_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
)

// schemaRoot pairs a schema of an official description with the model type
// that carries it.
type schemaRoot struct {
	file   string
	schema string
	typ    any
}

const (
	dashboardAPI = "dashboard-api.yml"
	adminAPI     = "dashboard-admin-api.yml"
)

// coverageRoots are the modelled schemas. The coverage test walks each and
// every schema it references.
var coverageRoots = []schemaRoot{
	{dashboardAPI, "ApiDefinitionWrapper", model.APIDefinitionWrapper{}},
	{dashboardAPI, "ApiDefinitionsResponse", model.APIListResponse{}},
	{dashboardAPI, "APIDefinition", model.APIDefinition{}},
	{dashboardAPI, "SessionState", model.SessionState{}},
	{dashboardAPI, "KeyData", model.KeyData{}},
	{dashboardAPI, "Keys", model.KeyListResponse{}},
	{dashboardAPI, "KeysDetailed", model.KeyDetailListResponse{}},
	{dashboardAPI, "Policy", model.Policy{}},
	{dashboardAPI, "ReturnDataStruct", model.PolicyListResponse{}},
	{dashboardAPI, "OAuthClient", model.OAuthClient{}},
	{dashboardAPI, "NewClientRequest", model.NewClientRequest{}},
	{dashboardAPI, "OAuthClientToken", model.OAuthClientToken{}},
	{dashboardAPI, "OAuthApps", model.OAuthClientListResponse{}},
	{dashboardAPI, "User", model.User{}},
	{dashboardAPI, "Users", model.UserListResponse{}},
	{dashboardAPI, "UserGroup", model.UserGroup{}},
	{dashboardAPI, "UserGroups", model.UserGroupListResponse{}},
	{dashboardAPI, "UserPassword", model.UserPassword{}},
	{dashboardAPI, "UserSearchPayload", model.UserSearchPayload{}},
	{dashboardAPI, "AccessManagementPayload", model.AccessManagementPayload{}},
	{dashboardAPI, "WebHookHandlerConf", model.WebHookHandlerConf{}},
	{dashboardAPI, "WebHooks", model.WebHookListResponse{}},
	{dashboardAPI, "HookReference", model.HookReference{}},
	{dashboardAPI, "Asset", model.Asset{}},
	{dashboardAPI, "AuditLog", model.AuditLog{}},
	{dashboardAPI, "AuditLogs", model.AuditLogListResponse{}},
	{dashboardAPI, "SSOAccessData", model.SSOAccessData{}},
	{dashboardAPI, "CategoriesPayload", model.CategoriesPayload{}},
	{dashboardAPI, "AllCategoriesResponse", model.AllCategoriesResponse{}},
	{dashboardAPI, "NewAdditionalPermissions", model.NewAdditionalPermissions{}},
	{dashboardAPI, "NewOPARules", model.NewOPARules{}},
	{dashboardAPI, "ApiResponse", model.APIResponse{}},
	{dashboardAPI, "ErrorResponse", model.APIResponse{}},
	{dashboardAPI, "ApiStatusMessage", model.StatusMessage{}},
	{dashboardAPI, "ApiImportByUrlPayload", model.ImportByURLPayload{}},
	{dashboardAPI, "AggregateAnalyticsData", model.AggregateAnalyticsData{}},
	{dashboardAPI, "ResultUnit", model.AnalyticsResultUnit{}},
	{dashboardAPI, "ResultId", model.AnalyticsResultID{}},
	// Certificates.
	{dashboardAPI, "APICertificateStatusMessage", model.CertificateStatusMessage{}},
	{dashboardAPI, "APIUsageSummary", model.APIUsageSummary{}},
	{dashboardAPI, "APIsUsingCertificate", model.APIsUsingCertificate{}},
	{dashboardAPI, "CertificateBasics", model.CertificateBasicsList{}},
	{dashboardAPI, "CertificateDependencies", model.CertificateDependencies{}},
	{dashboardAPI, "CertificateDetailedList", model.CertificateDetailedList{}},
	{dashboardAPI, "CertificateList", model.CertificateList{}},
	{dashboardAPI, "CertsCertificateBasics", model.CertificateBasics{}},
	{dashboardAPI, "CertsCertificateMeta", model.CertificateMeta{}},
	{dashboardAPI, "PkixName", model.PkixName{}},
	// Schemas and the example catalogue.
	{dashboardAPI, "OASSchemaResponse", model.OASSchemaResponse{}},
	{dashboardAPI, "AllApidefSchemasResponse", model.AllAPIDefSchemasResponse{}},
	{dashboardAPI, "ExampleAPIMetadata", model.ExampleAPIMetadata{}},
	{dashboardAPI, "DetailedExampleAPIMetadata", model.DetailedExampleAPIMetadata{}},
	// API extras: URLs, the proxy.
	{dashboardAPI, "URLVals", model.APIURL{}},
	{dashboardAPI, "OASServerURLsResponse", model.OASServerURLs{}},
	{dashboardAPI, "URLComponents", model.URLComponents{}},
	{dashboardAPI, "ProxyRequest", model.ProxyRequest{}},
	{dashboardAPI, "ProxyResponse", model.ProxyResponse{}},
	// Classic -> Tyk OAS migration.
	{dashboardAPI, "MigrateAPIRequest", model.MigrateAPIRequest{}},
	{dashboardAPI, "MigrateAPIResponse", model.MigrateAPIResponse{}},
	// System stats and org notifications.
	{dashboardAPI, "SystemStatsResp", model.SystemStatsResponse{}},
	{dashboardAPI, "EntityStats", model.EntityStats{}},
	{dashboardAPI, "IndividualStats", model.IndividualStats{}},
	{dashboardAPI, "OrganisationNotification", model.OrganisationNotification{}},
	{dashboardAPI, "CertificateExpiryData", model.CertificateExpiryData{}},
	{adminAPI, "ApiDefinition", model.APIDefinitionWrapper{}},
	{adminAPI, "ApiDefinitions", model.APIListResponse{}},
	{adminAPI, "APIDefinition", model.APIDefinition{}},
	{adminAPI, "OrganisationDocument", model.Organisation{}},
	{adminAPI, "ApiRegister", model.OrganisationListResponse{}},
	{adminAPI, "SessionState", model.SessionState{}},
	{adminAPI, "KeyData", model.KeyData{}},
	{adminAPI, "Keys", model.KeyListResponse{}},
	{adminAPI, "DBPolicy", model.Policy{}},
	{adminAPI, "ImportDataStruct", model.PolicyListResponse{}},
	{adminAPI, "User", model.User{}},
	{adminAPI, "SSOAccessData", model.SSOAccessData{}},
	{adminAPI, "ApiError", model.APIResponse{}},
	{adminAPI, "ReloadResponse", model.ReloadResponse{}},
	{adminAPI, "WebHookHandlerConf", model.WebHookHandlerConf{}},
	{adminAPI, "HookReference", model.HookReference{}},
}

// schemaWalker checks that every property of a schema has a field with its
// JSON name in the Go type paired with it, and walks on into the schemas of
// the properties with the fields' types.
type schemaWalker struct {
	root       map[string]any
	file       string
	visited    map[string]bool
	missing    []string
	mismatched []string
	deviations map[string]bool
	properties int
	schemas    int
}

// deref follows $ref; it returns the schema and its name ("" when inline).
func (w *schemaWalker) deref(s map[string]any) (map[string]any, string) {
	name := ""
	for i := 0; i < 10; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			break
		}
		name = ref[strings.LastIndex(ref, "/")+1:]
		s = resolve(w.root, s)
	}
	return s, name
}

// properties gathers the properties of s and of its allOf, oneOf and anyOf
// members.
func (w *schemaWalker) propertiesOf(s map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	s, _ = w.deref(s)
	if props, ok := s["properties"].(map[string]any); ok {
		for k, v := range props {
			if m, ok := v.(map[string]any); ok {
				out[k] = m
			}
		}
	}
	for _, comb := range []string{"allOf", "oneOf", "anyOf"} {
		parts, _ := s[comb].([]any)
		for _, p := range parts {
			if m, ok := p.(map[string]any); ok {
				for k, v := range w.propertiesOf(m) {
					out[k] = v
				}
			}
		}
	}
	return out
}

var (
	rawMessageType = reflect.TypeFor[[]byte]()
	timeType       = reflect.TypeFor[time.Time]()
)

// fieldsByJSONName maps the JSON names of t's fields (with embedded structs'
// fields) to their types.
func fieldsByJSONName(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			for k, v := range fieldsByJSONName(ft) {
				out[k] = v
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// walk checks schema s against Go type t; where names the schema for
// messages.
func (w *schemaWalker) walk(s map[string]any, t reflect.Type, where string) {
	s, name := w.deref(s)
	if name != "" {
		where = name
	}
	// Unwrap pointers, arrays and maps on both sides together.
	for {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if items, ok := s["items"].(map[string]any); ok && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t != rawMessageType && t.Elem().Kind() != reflect.Uint8 {
			s, name = w.deref(items)
			t = t.Elem()
			if name != "" {
				where = name
			} else {
				where += "[]"
			}
			continue
		}
		if ap, ok := s["additionalProperties"].(map[string]any); ok && t.Kind() == reflect.Map {
			s, name = w.deref(ap)
			t = t.Elem()
			if name != "" {
				where = name
			} else {
				where += "{}"
			}
			continue
		}
		break
	}
	props := w.propertiesOf(s)
	if len(props) == 0 {
		return
	}
	key := w.file + "#" + where + "@" + t.String()
	if w.visited[key] {
		return
	}
	w.visited[key] = true
	w.schemas++
	if t.Kind() != reflect.Struct || t == timeType {
		w.missing = append(w.missing, fmt.Sprintf("%s: %s has properties but its Go type %s has no fields for them", w.file, where, t))
		return
	}
	fields := fieldsByJSONName(t)
	names := make([]string, 0, len(props))
	for p := range props {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		w.properties++
		ft, ok := fields[p]
		if !ok {
			w.missing = append(w.missing, fmt.Sprintf("%s: %s.%s has no field in %s", w.file, where, p, t))
			continue
		}
		msg := typeMismatch(w, props[p], ft)
		if msg == "" {
			msg = nullMismatch(w, props[p], ft)
		}
		if msg != "" {
			key := t.Name() + "." + p
			if _, ok := typeDeviations[key]; ok {
				w.deviations[key] = true
			} else {
				w.mismatched = append(w.mismatched, fmt.Sprintf("%s: %s.%s: %s", w.file, where, p, msg))
			}
		}
		w.walk(props[p], ft, where+"."+p)
	}
}

// TestSchemaCoverage walks the official schemas of every modelled type and
// every schema they reference, and fails naming each property that has no
// field (by JSON name) in the model.
func TestSchemaCoverage(t *testing.T) {
	descs := map[string]description{}
	for _, d := range officialDescriptions(t) {
		descs[d.name] = d
	}
	total := map[string]*schemaWalker{}
	for _, r := range coverageRoots {
		d, ok := descs[r.file]
		if !ok {
			t.Fatalf("no description %s", r.file)
		}
		w := total[r.file]
		if w == nil {
			w = &schemaWalker{root: d.root, file: r.file, visited: map[string]bool{}, deviations: map[string]bool{}}
			total[r.file] = w
		}
		schemas, _ := d.root["components"].(map[string]any)["schemas"].(map[string]any)
		s, ok := schemas[r.schema].(map[string]any)
		if !ok {
			t.Errorf("%s has no schema %s", r.file, r.schema)
			continue
		}
		w.walk(s, reflect.TypeOf(r.typ), r.schema)
	}
	for _, file := range []string{dashboardAPI, adminAPI} {
		w := total[file]
		for _, m := range w.missing {
			t.Error(m)
		}
		for _, m := range w.mismatched {
			t.Error(m)
		}
		t.Logf("%s: %d schemas, %d properties checked, %d without a field, %d of another type, %d deliberate deviations",
			file, w.schemas, w.properties, len(w.missing), len(w.mismatched), len(w.deviations))
	}
}

// typeDeviations are the properties whose Go type deliberately differs from
// the description's, by Go type and field JSON name, with the reason.
var typeDeviations = map[string]string{
	// The description says integer; the gateway stores and writes a float
	// (1.5 requests per second is a valid endpoint rate).
	"SessionEndpointRateLimit.rate": "float64 as the gateway",
	"SessionEndpointRateLimit.per":  "float64 as the gateway",
	// The description allows null; the gateway's type is a value, and a
	// null limit (no per-API limit) means the same as a zero one, which is
	// what the model writes back.
	"AccessDefinition.limit": "a value as the gateway",
	// The description says string without a format; its examples of GET
	// /api/org/notifications are RFC 3339 times with fractions
	// ("2024-05-19T08:23:29.173+03:00"), as a Go time.Time writes them.
	"OrganisationNotification.created_at": "a time, as the description's examples",
}

var (
	durationType   = reflect.TypeFor[model.Duration]()
	rawMessageT    = reflect.TypeFor[json.RawMessage]()
	interfaceEmpty = reflect.TypeFor[any]()
)

// typeMismatch says how Go type t cannot hold the values schema s allows,
// or "" when it can.
func typeMismatch(w *schemaWalker, s map[string]any, t reflect.Type) string {
	s, _ = w.deref(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageT || t == interfaceEmpty {
		return "" // free-form: holds anything
	}
	typ, _ := s["type"].(string)
	format, _ := s["format"].(string)
	switch typ {
	case "integer":
		if t.Kind() == reflect.Int64 || t == durationType {
			return ""
		}
	case "number":
		if t.Kind() == reflect.Float64 {
			return ""
		}
	case "boolean":
		if t.Kind() == reflect.Bool {
			return ""
		}
	case "string":
		switch {
		case t.Kind() == reflect.String:
			return ""
		case format == "date-time" && t == timeType:
			return ""
		case format == "duration" && t == durationType:
			return ""
		}
	case "array":
		if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
			if items, ok := s["items"].(map[string]any); ok {
				if msg := typeMismatch(w, items, t.Elem()); msg != "" {
					return "items: " + msg
				}
			}
			return ""
		}
	case "object", "":
		if t.Kind() == reflect.Map {
			if ap, ok := s["additionalProperties"].(map[string]any); ok {
				if msg := typeMismatch(w, ap, t.Elem()); msg != "" {
					return "values: " + msg
				}
			}
			return ""
		}
		if t.Kind() == reflect.Struct {
			return ""
		}
		if typ == "" {
			return "" // no type given: anything
		}
	default:
		return ""
	}
	return fmt.Sprintf("the description says %s, the model has %s", strings.TrimSpace(typ+" "+format), t)
}

// nullMismatch says when schema s allows null but Go type t cannot hold it
// (a null would come back as a zero value), or "".
func nullMismatch(w *schemaWalker, s map[string]any, t reflect.Type) string {
	s, _ = w.deref(s)
	if nullable, _ := s["nullable"].(bool); !nullable {
		return ""
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return ""
	}
	return fmt.Sprintf("the description allows null, the model's %s cannot hold it", t)
}
