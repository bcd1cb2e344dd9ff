package model_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dashkit/dashkit/model"
)

// validator is a model value with a Validate method.
type validator interface{ Validate() error }

// validatorsOf returns the objects inside a decoded sample that have a
// Validate method: the value itself, or the items of a list envelope.
func validatorsOf(v any) []validator {
	switch v := v.(type) {
	case *model.PolicyListResponse:
		var out []validator
		for i := range v.Data {
			out = append(out, &v.Data[i])
		}
		return out
	case *model.UserListResponse:
		var out []validator
		for i := range v.Users {
			out = append(out, &v.Users[i])
		}
		return out
	case *model.KeyData:
		return []validator{&v.Data}
	case validator:
		return []validator{v}
	}
	return nil
}

// TestValidateAcceptsRealObjects: every object of the guide, of the
// official request examples and of testdata that has a Validate method is
// valid; Validate must not reject what the real Dashboard accepts or sends.
func TestValidateAcceptsRealObjects(t *testing.T) {
	checked := 0
	check := func(where string, raw []byte, typ string) {
		newValue, ok := modelTypes[typ]
		if !ok {
			return
		}
		// The guide's addresses were replaced by "[email protected]" when
		// its page was saved; a real address stands in for them.
		raw = []byte(strings.ReplaceAll(string(raw), "[email protected]", "jason@example.com"))
		v := newValue()
		if err := json.Unmarshal(raw, v); err != nil {
			t.Errorf("%s: decode: %v", where, err)
			return
		}
		for _, o := range validatorsOf(v) {
			checked++
			if err := o.Validate(); err != nil {
				t.Errorf("%s: %v", where, err)
			}
		}
	}
	for file, typ := range ownObjects {
		check("testdata/"+file, readTestdata(t, file), typ)
	}
	guide, err := os.ReadFile(sharedPath(t, "seeds/002_488b596f1d28383d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// Responses of GET and bodies of POST and PUT that are whole objects:
	// the partial samples (a rename of a group, a classic API's name) and
	// the key responses (their keys get their rights from policies) are not.
	whole := map[int]bool{211: true, 384: true, 512: true, 892: true, 921: true, 1010: true, 1115: true,
		1135: true, 1330: true, 1382: true, 1446: true, 1519: true, 1586: true, 1849: true, 1874: true,
		1900: true, 2019: true, 2140: true, 2163: true, 2206: true, 2231: true, 2279: true, 2363: true,
		2429: true, 2515: true, 844: true}
	for _, b := range guideJSONBlocks(string(guide)) {
		if !whole[b.line] {
			continue
		}
		check(fmt.Sprintf("guide line %d", b.line), []byte(repairGuideJSON(b.text)), guideBlocks[b.line].typ)
	}
	for _, d := range officialDescriptions(t) {
		for _, ex := range descriptionExamples(d) {
			if !strings.Contains(ex.where, " request ") {
				continue
			}
			typ, ok := exampleType(ex)
			if !ok {
				continue
			}
			raw, _ := json.Marshal(ex.value)
			check(ex.where, raw, typ)
		}
	}
	t.Logf("%d real objects valid", checked)
}

// problemPaths returns the paths of a *ValidationError's problems.
func problemPaths(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T (%v), want *model.ValidationError", err, err)
	}
	var paths []string
	for _, p := range ve.Problems {
		if p.Message == "" {
			t.Errorf("problem at %s has no message", p.Path)
		}
		paths = append(paths, p.Path)
	}
	return paths
}

// TestValidateReportsEveryProblem: an object with several problems gets
// them all, each at its field path, in a stable order.
func TestValidateReportsEveryProblem(t *testing.T) {
	cases := []struct {
		name string
		typ  string
		json string
		want []string
	}{
		{"policy", "Policy", `{"name":" ","rate":-5,"per":0,"quota_max":-2,"key_expires_in":-1,
			"partitions":{"per_api":true,"quota":true},
			"access_rights":{"a1":{"api_id":"a2","versions":[""],"allowed_urls":[{"url":"","methods":["get"]}],
				"limit":{"rate":10,"per":0,"quota_max":-7,"smoothing":{"enabled":true}},
				"endpoints":[{"path":"","methods":[{"name":"FETCH","limit":{"rate":1,"per":-3}}]}]}}}`,
			[]string{"name", "rate", "quota_max", "key_expires_in", "partitions.per_api",
				"access_rights.a1.api_id", "access_rights.a1.versions[0]",
				"access_rights.a1.allowed_urls[0].url", "access_rights.a1.allowed_urls[0].methods[0]",
				"access_rights.a1.limit.per", "access_rights.a1.limit.quota_max",
				"access_rights.a1.limit.smoothing.threshold", "access_rights.a1.limit.smoothing.trigger",
				"access_rights.a1.limit.smoothing.step",
				"access_rights.a1.endpoints[0].path", "access_rights.a1.endpoints[0].methods[0].name",
				"access_rights.a1.endpoints[0].methods[0].limit.per"}},
		{"policy unlimited", "Policy", `{"name":"free","rate":-1,"per":-1,"quota_max":-1,"quota_renewal_rate":-1,"max_query_depth":-1}`, nil},
		{"key without rights", "SessionState", `{"rate":1,"per":1,"expires":-5,"apply_policies":[],
			"basic_auth_data":{"password":"x","hash_type":"md5"},"monitor":{"trigger_limits":[80,120]}}`,
			[]string{"expires", "access_rights", "basic_auth_data.hash_type", "monitor.trigger_limits[1]"}},
		{"key from policies", "SessionState", `{"apply_policies":["p1"]}`, nil},
		{"key with blank policy", "SessionState", `{"apply_policies":[" "]}`, []string{"apply_policies[0]"}},
		{"API", "APIDefinition", `{"name":"","protocol":"udp","listen_port":70000,"domain":"https://x.example/",
			"use_standard_auth":true,"auth_configs":{"authToken":{"disable_header":true}},
			"allowed_ips":["10.0.0.1","10.0.0.0/8","nope"],
			"upstream_auth":{"basic_auth":{"enabled":true},"oauth":{"enabled":true}},
			"proxy":{"listen_path":"api","target_url":"/relative","enable_load_balancing":true,"target_list":["host:80"]},
			"definition":{"enabled":true,"location":"cookie"},
			"version_data":{"default_version":"v9","versions":{"v1":{"name":"one","extended_paths":{
				"white_list":[{"path":"","method":"get"}],
				"mock_response":[{"path":"/m","method":"GET","code":42}],
				"circuit_breakers":[{"path":"/c","method":"GET","threshold_percent":50,"samples":0}],
				"url_rewrites":[{"path":"/u","method":"GET","match_pattern":"(","triggers":[{"on":"some"}]}],
				"virtual":[{"path":"/v","method":"GET"}]}}}},
			"event_handlers":{"events":{"QuotaExceeded":[{"handler_name":""}]}},
			"graphql":{"execution_mode":"fast"}}`,
			[]string{"name", "protocol", "listen_port", "domain", "proxy.listen_path", "proxy.target_url",
				"proxy.target_list[0]", "auth_configs.authToken", "allowed_ips[2]", "upstream_auth",
				"definition.location", "version_data.default_version", "version_data.versions.v1.name",
				"version_data.versions.v1.extended_paths.white_list[0].path",
				"version_data.versions.v1.extended_paths.white_list[0].method",
				"version_data.versions.v1.extended_paths.mock_response[0].code",
				"version_data.versions.v1.extended_paths.circuit_breakers[0].threshold_percent",
				"version_data.versions.v1.extended_paths.circuit_breakers[0].samples",
				"version_data.versions.v1.extended_paths.url_rewrites[0].match_pattern",
				"version_data.versions.v1.extended_paths.url_rewrites[0].triggers[0].on",
				"version_data.versions.v1.extended_paths.virtual[0].response_function_name",
				"event_handlers.events.QuotaExceeded[0].handler_name", "graphql.execution_mode"}},
		{"wrapper without definition", "APIDefinitionWrapper", `{"is_site":false}`, []string{"api_definition"}},
		{"OAS wrapper without document", "APIDefinitionWrapper", `{"api_definition":{"is_oas":true},"oas":null}`, []string{"oas"}},
		{"OAS wrapper", "APIDefinitionWrapper", `{"api_definition":{"is_oas":true},"oas":{"openapi":"3.0.3"}}`, nil},
		{"wrapper", "APIDefinitionWrapper", `{"api_definition":{"name":"a","proxy":{"listen_path":"/a/","target_url":"http://a"}}}`,
			[]string{"api_definition.version_data.versions"}},
		{"user", "User", `{"email_address":"not an address","user_permissions":{"apis":"all","IsAdmin":"yes","keys":"read","ResetPassword":"admin"},"password_max_days":-1}`,
			[]string{"email_address", "user_permissions.IsAdmin", "user_permissions.apis", "password_max_days"}},
		{"user without email", "User", `{"first_name":"a"}`, []string{"email_address"}},
		{"group", "UserGroup", `{"name":"","user_permissions":{"users":"owner"}}`, []string{"name", "user_permissions.users"}},
		{"webhook", "WebHookHandlerConf", `{"name":"","method":"SEND","target_path":"ftp://x","event_timeout":-1,"header_map":{"":"v"}}`,
			[]string{"name", "target_path", "method", "event_timeout", "header_map"}},
		{"asset", "Asset", `{"id":"a/b","kind":"template","name":"t","data":[1]}`, []string{"kind", "description", "data", "id"}},
		{"OAuth client", "NewClientRequest", `{"client_id":"a b","redirect_uri":"http://ok.example/cb;/relative","meta_data":[1]}`,
			[]string{"redirect_uri[1]", "client_id", "meta_data"}},
		{"organisation", "Organisation", `{"owner_name":"","cname_enabled":true,"developer_quota":-3,"developer_count":-1,
			"apis":[{"api_human_name":"x"}],"event_options":{"key_event":{"webhook":"nope"}},"open_policy":{"enabled":true}}`,
			[]string{"owner_name", "cname", "developer_quota", "developer_count", "apis[0].api_id",
				"event_options.key_event.webhook", "open_policy.rules"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := modelTypes[c.typ]()
			if err := json.Unmarshal([]byte(c.json), v); err != nil {
				t.Fatal(err)
			}
			err := v.(validator).Validate()
			if diff := cmp.Diff(c.want, problemPaths(t, err)); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	a := &model.Asset{Kind: "x", Name: "n", Description: "d", Data: json.RawMessage(`{}`)}
	err := a.Validate()
	want := `invalid asset: kind: "x" is not a kind of asset; the only kind is "oas-template"`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	var ve *model.ValidationError
	if !errors.As(err, &ve) || !ve.HasPath("kind") || ve.HasPath("name") {
		t.Errorf("HasPath: kind should be reported, name not: %+v", ve)
	}
	wrapped := fmt.Errorf("create asset: %w", err)
	if !errors.As(wrapped, &ve) {
		t.Error("a wrapped ValidationError is not found by errors.As")
	}
}
