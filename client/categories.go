package client

import (
	"context"
	"net/http"

	"github.com/dashkit/dashkit/model"
)

// CategoriesService reads the categories of the organisation's APIs. The
// categories of one OAS API are read and set with OAS.Categories and
// OAS.SetCategories; a classic API carries its categories as "#" words in
// its name. To list the APIs of a category use APIs.List with
// ListAPIsOptions.Category.
type CategoriesService struct{ c *Client }

// List returns every category in use and the number of APIs in each.
//
// GET /api/apis/categories
func (s *CategoriesService) List(ctx context.Context) ([]model.CategoryCount, error) {
	var out model.AllCategoriesResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/apis/categories", nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Categories == nil {
		out.Categories = []model.CategoryCount{}
	}
	return out.Categories, nil
}
