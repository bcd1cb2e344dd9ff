package template

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
)

// Validate checks a template asset as the Dashboard does when one is stored:
// its kind (when given) is "oas-template", it has a name and a description,
// and its data is an object that passes oas.Validate with the relaxed rules
// of templates. It returns an *oas.ValidationError whose pointers are into
// the asset ("/name", "/data/x-tyk-api-gateway/...").
func Validate(a model.Asset) error {
	var probs []oas.Problem
	if a.Kind != "" && a.Kind != model.AssetKindOASTemplate {
		probs = append(probs, oas.Problem{Pointer: "/kind", Message: fmt.Sprintf("must be %q, not %q", model.AssetKindOASTemplate, a.Kind)})
	}
	if strings.TrimSpace(a.Name) == "" {
		probs = append(probs, oas.Problem{Pointer: "/name", Message: "a template needs a name"})
	}
	if strings.TrimSpace(a.Description) == "" {
		probs = append(probs, oas.Problem{Pointer: "/description", Message: "a template needs a description"})
	}
	probs = append(probs, dataProblems(a.Data)...)
	if len(probs) > 0 {
		return &oas.ValidationError{Problems: probs}
	}
	return nil
}

// ValidateData checks the data of a template on its own: a partial Tyk OAS
// document, whose pointers are reported relative to the data.
func ValidateData(data []byte) error {
	var probs []oas.Problem
	for _, p := range dataProblems(data) {
		p.Pointer = strings.TrimPrefix(p.Pointer, "/data")
		probs = append(probs, p)
	}
	if len(probs) > 0 {
		return &oas.ValidationError{Problems: probs}
	}
	return nil
}

func dataProblems(data []byte) []oas.Problem {
	if len(strings.TrimSpace(string(data))) == 0 || string(data) == "null" {
		// The Dashboard's blank template is an empty one.
		return nil
	}
	doc, err := oas.Parse(data)
	if err != nil {
		return []oas.Problem{{Pointer: "/data", Message: err.Error()}}
	}
	err = oas.Validate(doc, oas.ForTemplate())
	var ve *oas.ValidationError
	if errors.As(err, &ve) {
		probs := make([]oas.Problem, len(ve.Problems))
		for i, p := range ve.Problems {
			probs[i] = oas.Problem{Pointer: "/data" + p.Pointer, Message: p.Message}
		}
		return probs
	}
	if err != nil {
		return []oas.Problem{{Pointer: "/data", Message: err.Error()}}
	}
	return nil
}

// Data parses the data of a template asset; empty data gives an empty
// document.
func Data(a model.Asset) (*oas.Document, error) {
	if len(strings.TrimSpace(string(a.Data))) == 0 || string(a.Data) == "null" {
		return oas.NewDocument(nil), nil
	}
	doc, err := oas.Parse(a.Data)
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", a.ID, err)
	}
	return doc, nil
}

// FromAPI makes a template asset from an existing API, as the Dashboard's
// "create API template" action: the API's document less what identifies that
// one API (x-tyk-api-gateway.info id, dbId and orgId), since an API made
// from the template must get its own. The asset's ids are left for the store
// to assign. api is not modified.
func FromAPI(api *oas.Document, name, description string) (model.Asset, error) {
	data := api.Clone()
	if ext, ok := data.Extension(); ok {
		if info, ok := ext.Object("info"); ok {
			for _, key := range []string{"id", "dbId", "orgId"} {
				info.Delete(key)
			}
		}
	}
	raw, err := data.MarshalJSON()
	if err != nil {
		return model.Asset{}, fmt.Errorf("template from API: %w", err)
	}
	a := model.Asset{Kind: model.AssetKindOASTemplate, Name: name, Description: description, Data: raw}
	if err := Validate(a); err != nil {
		return model.Asset{}, fmt.Errorf("template from API: %w", err)
	}
	return a, nil
}
