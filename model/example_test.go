package model_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dashkit/dashkit/model"
)

// A client reads an object, changes one field and writes it back: members
// the model does not know (here "graphql_access_rights", and "burst" inside
// a limit) come back out untouched.
func Example() {
	in := []byte(`{"_id":"65f1c0de2a9b4c0001a1b2d5","name":"gold","rate":10,"per":1,` +
		`"graphql_access_rights":{"enabled":true},` +
		`"access_rights":{"a1":{"api_id":"a1","limit":{"rate":1,"per":1,"burst":7}}}}`)
	var p model.Policy
	if err := json.Unmarshal(in, &p); err != nil {
		panic(err)
	}
	p.Rate = 20
	out, _ := json.Marshal(p)

	var back map[string]any
	_ = json.Unmarshal(out, &back)
	fmt.Println(back["rate"], back["graphql_access_rights"])
	fmt.Println(back["access_rights"].(map[string]any)["a1"].(map[string]any)["limit"].(map[string]any)["burst"])
	// Output:
	// 20 map[enabled:true]
	// 7
}

func ExampleApplyPoliciesByID() {
	policies := []model.Policy{{
		MID: "65f1c0de2a9b4c0001a1b2d5", ID: "gold", Name: "Gold",
		Rate: 100, Per: 1, QuotaMax: 10000, QuotaRenewalRate: 3600, KeyExpiresIn: 86400,
		AccessRights: map[string]model.AccessDefinition{
			"8c2e0f5b6a4d4e2f9b1c3d5e7f901234": {Versions: []string{"Default"}},
		},
	}}
	key := model.SessionState{ApplyPolicies: []string{"gold"}}
	now := time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC)

	got, err := model.ApplyPoliciesByID(key, model.PoliciesByID(policies), now)
	if err != nil {
		panic(err)
	}
	fmt.Println(got.Rate, got.Per, got.QuotaMax, got.QuotaRemaining, got.Expires-now.Unix())
	fmt.Println(len(got.AccessRights), got.AccessRights["8c2e0f5b6a4d4e2f9b1c3d5e7f901234"].Versions)

	key.ApplyPolicies = []string{"silver"}
	_, err = model.ApplyPoliciesByID(key, model.PoliciesByID(policies), now)
	fmt.Println(err, errors.Is(err, model.ErrPolicyNotFound))
	// Output:
	// 100 1 10000 10000 86400
	// 1 [Default]
	// apply policy "silver": policy not found true
}

func ExamplePolicy_Validate() {
	p := model.Policy{Name: "", Rate: 10, Per: 0, QuotaMax: -2}
	err := p.Validate()
	fmt.Println(err)

	var ve *model.ValidationError
	if errors.As(err, &ve) {
		for _, problem := range ve.Problems {
			fmt.Println(problem.Path)
		}
	}
	// Output:
	// invalid policy: name: is required; per: must be above 0 when rate is 10; quota_max: must be -1 (unlimited) or at least 0, got -2
	// name
	// per
	// quota_max
}

func ExampleKeyHash() {
	// The guide's custom key on a Dashboard that hashes with murmur64.
	token := model.NewKeyToken("5e9d9544a1dcd60001d0ed20", "hello-world", model.HashMurmur64)
	fmt.Println(model.KeyHash(token))
	// Output:
	// 567b9a5419c3a9ef
}

func ExampleNotFoundAnswer() {
	a := model.NotFoundAnswer(model.KindAPI, "GET")
	fmt.Println(a.Status, a.Message, model.IsNotFound(a.Status, a.Message))
	p := model.NotFoundAnswer(model.KindPolicy, "GET")
	fmt.Println(p.Status, p.Message)
	// Output:
	// 400 Could not retrieve API detail true
	// 404 Could not retrieve portal object.
}
