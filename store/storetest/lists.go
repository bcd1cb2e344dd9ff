package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

func testConflicts(t *testing.T, s store.Store) {
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, err := range []error{
			tx.InsertAPI(newAPI(orgA, 1, "a")), tx.InsertAPI(newAPI(orgA, 2, "b")),
			tx.InsertUser(newUser(orgA, 1)), tx.InsertUser(newUser(orgA, 2)),
			tx.InsertPolicy(newPolicy(orgA, 1, "p")), tx.InsertPolicy(newPolicy(orgA, 2, "p")),
			tx.InsertAsset(newAsset(orgA, 1)), tx.InsertAsset(newAsset(orgA, 2)),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	cases := []struct {
		name string
		fn   func(tx store.DefinitionsTx) error
	}{
		{"insert API with a taken api_id", func(tx store.DefinitionsTx) error {
			a := newAPI(orgB, 3, "c")
			a.APIDefinition.APIID = newAPI(orgA, 1, "").APIDefinition.APIID // in another org too: unique per Dashboard
			return tx.InsertAPI(a)
		}},
		{"update API to a taken api_id", func(tx store.DefinitionsTx) error {
			a := newAPI(orgA, 2, "b")
			a.APIDefinition.APIID = newAPI(orgA, 1, "").APIDefinition.APIID
			return tx.UpdateAPI(a)
		}},
		{"insert user with a taken email", func(tx store.DefinitionsTx) error {
			u := newUser(orgA, 3)
			u.EmailAddress = strings.ToUpper(newUser(orgA, 1).EmailAddress)
			return tx.InsertUser(u)
		}},
		{"update user to a taken email", func(tx store.DefinitionsTx) error {
			u := newUser(orgA, 2)
			u.EmailAddress = newUser(orgA, 1).EmailAddress
			return tx.UpdateUser(u)
		}},
		{"insert user with a taken access key", func(tx store.DefinitionsTx) error {
			u := newUser(orgA, 3)
			u.AccessKey = newUser(orgA, 1).AccessKey
			return tx.InsertUser(u)
		}},
		{"insert policy with a custom id taken in its org", func(tx store.DefinitionsTx) error {
			p := newPolicy(orgA, 3, "p")
			p.ID = newPolicy(orgA, 1, "").ID
			return tx.InsertPolicy(p)
		}},
		{"update policy to a custom id taken in its org", func(tx store.DefinitionsTx) error {
			p := newPolicy(orgA, 2, "p")
			p.ID = newPolicy(orgA, 1, "").ID
			return tx.UpdatePolicy(p)
		}},
		{"insert asset with a custom id taken in its org", func(tx store.DefinitionsTx) error {
			a := newAsset(orgA, 3)
			a.ID = newAsset(orgA, 1).ID
			return tx.InsertAsset(a)
		}},
		{"update asset to a custom id taken in its org", func(tx store.DefinitionsTx) error {
			a := newAsset(orgA, 2)
			a.ID = newAsset(orgA, 1).ID
			return tx.UpdateAsset(a)
		}},
	}
	for _, c := range cases {
		wantErr(t, c.name, s.UpdateDefinitions(ctx, c.fn), store.ErrConflict)
	}

	// A refused update is an error of the call: it writes nothing, and the
	// transaction goes on, so that a caller may answer the conflict and
	// still commit its other writes.
	defs(t, s, func(tx store.DefinitionsTx) error {
		a := newAPI(orgA, 2, "taken api_id")
		a.APIDefinition.APIID = newAPI(orgA, 1, "").APIDefinition.APIID
		wantErr(t, "update API to a taken api_id, then go on", tx.UpdateAPI(a), store.ErrConflict)
		wantErr(t, "update of a missing API, then go on", tx.UpdateAPI(newAPI(orgA, 99, "missing")), store.ErrNotFound)
		return tx.UpdateAPI(newAPI(orgA, 2, "renamed after a conflict"))
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		a, err := tx.GetAPI(oid(2))
		if err != nil {
			return err
		}
		if a.APIDefinition.Name != "renamed after a conflict" || a.APIDefinition.APIID != newAPI(orgA, 2, "").APIDefinition.APIID {
			t.Errorf("API after a refused update and a good one: %q, api_id %s", a.APIDefinition.Name, a.APIDefinition.APIID)
		}
		if _, err := tx.GetAPI(oid(99)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a missing API updated: %v", err)
		}
		return nil
	})

	// The same custom ids in another org are no conflict, nor is an update
	// that keeps an object's own identifiers.
	defs(t, s, func(tx store.DefinitionsTx) error {
		p := newPolicy(orgB, 5, "p")
		p.ID = newPolicy(orgA, 1, "").ID
		a := newAsset(orgB, 5)
		a.ID = newAsset(orgA, 1).ID
		for _, err := range []error{tx.InsertPolicy(p), tx.InsertAsset(a),
			tx.UpdateAPI(newAPI(orgA, 1, "same ids")), tx.UpdateUser(newUser(orgA, 1)),
			tx.UpdatePolicy(newPolicy(orgA, 1, "same ids")), tx.UpdateAsset(newAsset(orgA, 1))} {
			if err != nil {
				return err
			}
		}
		return nil
	})

	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(newKey(orgA, 1, "api1")) })
	k := newKey(orgA, 2, "api1")
	k.Hash = newKey(orgA, 1).Hash
	wantErr(t, "insert key with a taken hash", s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(k) }), store.ErrConflict)
	b1, b2 := newKey(orgA, 3), newKey(orgA, 4)
	b1.Username, b2.Username = "carol", "carol"
	b1.Session.BasicAuthData.Password, b2.Session.BasicAuthData.Password = "x", "y"
	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(b1) })
	wantErr(t, "insert key with a taken basic-auth username", s.UpdateSessions(ctx, func(tx store.SessionsTx) error { return tx.InsertKey(b2) }), store.ErrConflict)
	b2.OrgID = orgB
	b2.ID = orgB + "carol"
	sess(t, s, func(tx store.SessionsTx) error { return tx.InsertKey(b2) }) // another org: no conflict
}

func testInvalid(t *testing.T, s store.Store) {
	noID := newAPI(orgA, 1, "a")
	noID.APIDefinition.ID = ""
	noDef := &model.APIDefinitionWrapper{}
	cases := []struct {
		name string
		fn   func(tx store.DefinitionsTx) error
	}{
		{"insert API without id", func(tx store.DefinitionsTx) error { return tx.InsertAPI(noID) }},
		{"insert API without api_definition", func(tx store.DefinitionsTx) error { return tx.InsertAPI(noDef) }},
		{"insert policy without _id", func(tx store.DefinitionsTx) error { return tx.InsertPolicy(&model.Policy{OrgID: orgA}) }},
		{"insert user without id", func(tx store.DefinitionsTx) error { return tx.InsertUser(&model.User{OrgID: orgA}) }},
		{"insert org without id", func(tx store.DefinitionsTx) error { return tx.InsertOrg(&model.Organisation{}) }},
	}
	for _, c := range cases {
		wantErr(t, c.name, s.UpdateDefinitions(ctx, c.fn), store.ErrInvalid)
	}
	wantErr(t, "insert key without id", s.UpdateSessions(ctx, func(tx store.SessionsTx) error {
		return tx.InsertKey(&store.Key{OrgID: orgA})
	}), store.ErrInvalid)
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		_, err := tx.ListAPIs(orgA, store.APIQuery{ListOptions: store.ListOptions{Sort: "colour"}})
		wantErr(t, "list APIs sorted by an unknown field", err, store.ErrInvalid)
		return nil
	})
}

func apiNames(p store.Page[model.APIDefinitionWrapper]) []string {
	out := []string{}
	for _, a := range p.Items {
		out = append(out, a.APIDefinition.Name)
	}
	return out
}

func keyIDs(p store.Page[store.Key]) []string {
	out := []string{}
	for _, k := range p.Items {
		out = append(out, k.ID)
	}
	return out
}

// pageCase is one page to ask for and what it must hold: the indexes of
// the items (in creation order) and the page count.
type pageCase struct {
	page, size int
	from, to   int // items [from, to)
	pages      int
}

func testPagination(t *testing.T, s store.Store) {
	check := func(t *testing.T, n int, cases []pageCase) {
		t.Helper()
		for _, c := range cases {
			lo := store.ListOptions{Page: c.page, PageSize: c.size}
			var apis store.Page[model.APIDefinitionWrapper]
			var pols store.Page[model.Policy]
			viewDefs(t, s, func(tx store.DefinitionsReader) error {
				var err error
				if apis, err = tx.ListAPIs(orgA, store.APIQuery{ListOptions: lo}); err != nil {
					return err
				}
				pols, err = tx.ListPolicies(orgA, lo)
				return err
			})
			var keys store.Page[store.Key]
			viewSess(t, s, func(tx store.SessionsReader) error {
				var err error
				keys, err = tx.ListKeys(orgA, store.KeyQuery{ListOptions: lo})
				return err
			})
			wantAPIs, wantKeys := []string{}, []string{}
			for i := c.from; i < c.to; i++ {
				wantAPIs = append(wantAPIs, fmt.Sprintf("api %03d", i))
				wantKeys = append(wantKeys, newKey(orgA, i).ID)
			}
			what := fmt.Sprintf("%d items, page %d of size %d", n, c.page, c.size)
			if d := diff(wantAPIs, apiNames(apis)); d != "" || apis.Total != n || apis.Pages != c.pages {
				t.Errorf("APIs, %s: total %d, pages %d (want %d, %d); items (-want +got):\n%s", what, apis.Total, apis.Pages, n, c.pages, d)
			}
			if apis.Items == nil {
				t.Errorf("APIs, %s: nil items, want an empty slice", what)
			}
			if d := diff(wantKeys, keyIDs(keys)); d != "" || keys.Total != n || keys.Pages != c.pages {
				t.Errorf("keys, %s: total %d, pages %d (want %d, %d); items (-want +got):\n%s", what, keys.Total, keys.Pages, n, c.pages, d)
			}
			if len(pols.Items) != c.to-c.from || pols.Total != n || pols.Pages != c.pages {
				t.Errorf("policies, %s: %d items, total %d, pages %d; want %d, %d, %d", what, len(pols.Items), pols.Total, pols.Pages, c.to-c.from, n, c.pages)
			}
		}
	}
	add := func(from, to int) {
		defs(t, s, func(tx store.DefinitionsTx) error {
			for i := from; i < to; i++ {
				if err := tx.InsertAPI(newAPI(orgA, i, fmt.Sprintf("api %03d", i))); err != nil {
					return err
				}
				if err := tx.InsertPolicy(newPolicy(orgA, i, "p")); err != nil {
					return err
				}
			}
			return nil
		})
		sess(t, s, func(tx store.SessionsTx) error {
			for i := from; i < to; i++ {
				if err := tx.InsertKey(newKey(orgA, i, "api1")); err != nil {
					return err
				}
			}
			return nil
		})
	}

	t.Run("empty", func(t *testing.T) {
		check(t, 0, []pageCase{{1, 10, 0, 0, 1}, {2, 10, 0, 0, 1}, {0, 10, 0, 0, 1}, {-2, 0, 0, 0, 1}})
	})
	add(0, 20)
	t.Run("exact multiple of the page size", func(t *testing.T) {
		check(t, 20, []pageCase{
			{1, 10, 0, 10, 2}, {2, 10, 10, 20, 2}, {3, 10, 20, 20, 2},
			{1, 0, 0, 10, 2}, // size 0 means 10
			{1, 20, 0, 20, 1}, {1, 7, 0, 7, 3}, {3, 7, 14, 20, 3},
		})
	})
	add(20, 25)
	t.Run("last page short", func(t *testing.T) {
		check(t, 25, []pageCase{{3, 10, 20, 25, 3}, {4, 10, 25, 25, 3}, {100, 10, 25, 25, 3}, {1, 100, 0, 25, 1}})
	})
	t.Run("page zero or below is everything", func(t *testing.T) {
		check(t, 25, []pageCase{{0, 10, 0, 25, 1}, {-2, 10, 0, 25, 1}, {-1, 0, 0, 25, 1}})
	})
}

func testSort(t *testing.T, s store.Store) {
	// Names, creation times and api_ids in orders that differ from the
	// order of insertion, with one tie on name.
	type spec struct {
		n    int
		name string
		hour int
	}
	specs := []spec{{5, "Delta", 3}, {3, "alpha", 5}, {9, "charlie", 1}, {1, "bravo", 4}, {7, "Alpha", 2}}
	defs(t, s, func(tx store.DefinitionsTx) error {
		for _, sp := range specs {
			a := newAPI(orgA, sp.n, sp.name)
			base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			created, updated := base.Add(time.Duration(sp.hour)*time.Hour), base.Add(time.Duration(10-sp.hour)*time.Hour)
			a.CreatedAt, a.UpdatedAt = &created, &updated
			if err := tx.InsertAPI(a); err != nil {
				return err
			}
			p := newPolicy(orgA, sp.n, sp.name)
			if err := tx.InsertPolicy(p); err != nil {
				return err
			}
		}
		return nil
	})
	cases := []struct {
		sort string
		want []string
	}{
		{"", []string{"Delta", "alpha", "charlie", "bravo", "Alpha"}},
		{"-", []string{"Alpha", "bravo", "charlie", "alpha", "Delta"}},
		{"name", []string{"alpha", "Alpha", "bravo", "charlie", "Delta"}}, // case-insensitive, ties in creation order
		{"-name", []string{"Delta", "charlie", "bravo", "Alpha", "alpha"}},
		{"created", []string{"charlie", "Alpha", "Delta", "bravo", "alpha"}},
		{"-created", []string{"alpha", "bravo", "Delta", "Alpha", "charlie"}},
		{"updated", []string{"alpha", "bravo", "Delta", "Alpha", "charlie"}},
		{"api_id", []string{"bravo", "alpha", "Delta", "Alpha", "charlie"}},
		{"-api_id", []string{"charlie", "Alpha", "Delta", "alpha", "bravo"}},
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		for _, c := range cases {
			for _, size := range []int{0, 2} {
				p, err := tx.ListAPIs(orgA, store.APIQuery{ListOptions: store.ListOptions{Sort: c.sort, Page: 1, PageSize: size}})
				if err != nil {
					return err
				}
				want := c.want
				if size == 2 {
					want = want[:2]
				}
				if d := diff(want, apiNames(p)); d != "" {
					t.Errorf("APIs sorted by %q, page size %d (-want +got):\n%s", c.sort, size, d)
				}
			}
			if c.sort == "" || c.sort == "-" || strings.Contains(c.sort, "api_id") || strings.Contains(c.sort, "created") || strings.Contains(c.sort, "updated") {
				continue
			}
			p, err := tx.ListPolicies(orgA, store.ListOptions{Sort: c.sort})
			if err != nil {
				return err
			}
			var got []string
			for _, it := range p.Items {
				got = append(got, it.Name)
			}
			if d := diff(c.want, got); d != "" {
				t.Errorf("policies sorted by %q (-want +got):\n%s", c.sort, d)
			}
		}
		// Policies carry their times as strings; their order is still
		// the order of time.
		p, err := tx.ListPolicies(orgA, store.ListOptions{Sort: "-created"})
		if err != nil {
			return err
		}
		var got []string
		for _, it := range p.Items {
			got = append(got, it.MID)
		}
		want := []string{oid(9), oid(7), oid(5), oid(3), oid(1)}
		if d := diff(want, got); d != "" {
			t.Errorf("policies sorted by -created (-want +got):\n%s", d)
		}
		return nil
	})
}

func testAPIFilters(t *testing.T, s store.Store) {
	yes, no := true, false
	defs(t, s, func(tx store.DefinitionsTx) error {
		mk := func(n int, name string, f func(*model.APIDefinition)) *model.APIDefinitionWrapper {
			a := newAPI(orgA, n, name)
			if f != nil {
				f(a.APIDefinition)
			}
			return a
		}
		oas := mk(4, "Payments OAS", func(d *model.APIDefinition) { d.IsOAS = true; d.UseStandardAuth = false; d.EnableJWT = true })
		oas.Categories = []string{"payments", "public"}
		for _, a := range []*model.APIDefinitionWrapper{
			mk(1, "Pets #public", nil),
			mk(2, "Orders #payments #internal", func(d *model.APIDefinition) { d.Active = false }),
			mk(3, "Open", func(d *model.APIDefinition) { d.UseKeylessAccess = true }),
			oas,
			mk(5, "Basic #payments", func(d *model.APIDefinition) { d.UseStandardAuth = false; d.UseBasicAuth = true }),
		} {
			if err := tx.InsertAPI(a); err != nil {
				return err
			}
		}
		// Noise in another org.
		other := newAPI(orgB, 6, "Pets #public #payments")
		return tx.InsertAPI(other)
	})
	cases := []struct {
		name string
		q    store.APIQuery
		want []string
	}{
		{"all", store.APIQuery{}, []string{"Pets #public", "Orders #payments #internal", "Open", "Payments OAS", "Basic #payments"}},
		{"category", store.APIQuery{Category: "payments"}, []string{"Orders #payments #internal", "Payments OAS", "Basic #payments"}},
		{"category sorted by name", store.APIQuery{Category: "payments", ListOptions: store.ListOptions{Sort: "name"}}, []string{"Basic #payments", "Orders #payments #internal", "Payments OAS"}},
		{"category, page 2 of 2 by name", store.APIQuery{Category: "payments", ListOptions: store.ListOptions{Sort: "-name", Page: 2, PageSize: 2}}, []string{"Basic #payments"}},
		{"category of an OAS API", store.APIQuery{Category: "public"}, []string{"Pets #public", "Payments OAS"}},
		{"unknown category", store.APIQuery{Category: "nope"}, []string{}},
		{"auth type keyless", store.APIQuery{AuthType: model.AuthKeyless}, []string{"Open"}},
		{"auth type token", store.APIQuery{AuthType: model.AuthToken}, []string{"Pets #public", "Orders #payments #internal"}},
		{"auth type jwt", store.APIQuery{AuthType: model.AuthJWT}, []string{"Payments OAS"}},
		{"auth type basic", store.APIQuery{AuthType: model.AuthBasic}, []string{"Basic #payments"}},
		{"api type oas", store.APIQuery{APIType: "oas"}, []string{"Payments OAS"}},
		{"api type classic", store.APIQuery{APIType: "classic"}, []string{"Pets #public", "Orders #payments #internal", "Open", "Basic #payments"}},
		{"inactive", store.APIQuery{Active: &no}, []string{"Orders #payments #internal"}},
		{"active", store.APIQuery{Active: &yes, ListOptions: store.ListOptions{Sort: "-name"}}, []string{"Pets #public", "Payments OAS", "Open", "Basic #payments"}},
		{"text, any case", store.APIQuery{ListOptions: store.ListOptions{Query: "PAY"}}, []string{"Orders #payments #internal", "Payments OAS", "Basic #payments"}},
		{"text and category and active", store.APIQuery{Category: "payments", Active: &yes, ListOptions: store.ListOptions{Query: "a"}}, []string{"Payments OAS", "Basic #payments"}},
		{"category and api type", store.APIQuery{Category: "payments", APIType: "classic", ListOptions: store.ListOptions{Sort: "name"}}, []string{"Basic #payments", "Orders #payments #internal"}},
	}
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		for _, c := range cases {
			p, err := tx.ListAPIs(orgA, c.q)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if d := diff(c.want, apiNames(p)); d != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, d)
			}
			if c.q.Page == 0 && p.Total != len(c.want) {
				t.Errorf("%s: total %d, want %d", c.name, p.Total, len(c.want))
			}
			if c.q.Page == 2 && (p.Total != 3 || p.Pages != 2) {
				t.Errorf("%s: total %d, pages %d; want 3, 2", c.name, p.Total, p.Pages)
			}
		}
		_, err := tx.ListAPIs(orgA, store.APIQuery{APIType: "graphql"})
		wantErr(t, "an unknown api type", err, store.ErrInvalid)

		cats, err := tx.APICategories(orgA, "")
		if err != nil {
			return err
		}
		slices.SortFunc(cats, func(a, b model.CategoryCount) int { return strings.Compare(a.Name, b.Name) })
		want := []model.CategoryCount{{Name: "internal", Count: 1}, {Name: "payments", Count: 3}, {Name: "public", Count: 2}}
		if d := diff(want, cats); d != "" {
			t.Errorf("APICategories (-want +got):\n%s", d)
		}
		return nil
	})

	// Categories follow updates and deletes.
	defs(t, s, func(tx store.DefinitionsTx) error {
		a := newAPI(orgA, 1, "Pets #payments")
		if err := tx.UpdateAPI(a); err != nil {
			return err
		}
		return tx.DeleteAPI(oid(2))
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		cats, err := tx.APICategories(orgA, "")
		if err != nil {
			return err
		}
		slices.SortFunc(cats, func(a, b model.CategoryCount) int { return strings.Compare(a.Name, b.Name) })
		want := []model.CategoryCount{{Name: "payments", Count: 3}, {Name: "public", Count: 1}}
		if d := diff(want, cats); d != "" {
			t.Errorf("APICategories after update and delete (-want +got):\n%s", d)
		}
		p, err := tx.ListAPIs(orgA, store.APIQuery{Category: "public"})
		if err != nil {
			return err
		}
		if d := diff([]string{"Payments OAS"}, apiNames(p)); d != "" {
			t.Errorf("category list after update (-want +got):\n%s", d)
		}
		return nil
	})
}

func testKeyFilters(t *testing.T, s store.Store) {
	sess(t, s, func(tx store.SessionsTx) error {
		for i := range 12 {
			apis := []string{"api1"}
			if i%3 == 0 {
				apis = append(apis, "api2")
			}
			if err := tx.InsertKey(newKey(orgA, i, apis...)); err != nil {
				return err
			}
		}
		return tx.InsertKey(newKey(orgB, 100, "api2"))
	})
	viewSess(t, s, func(tx store.SessionsReader) error {
		p, err := tx.ListKeys(orgA, store.KeyQuery{APIID: "api2", ListOptions: store.ListOptions{Page: 1, PageSize: 3}})
		if err != nil {
			return err
		}
		want := []string{newKey(orgA, 0).ID, newKey(orgA, 3).ID, newKey(orgA, 6).ID}
		if d := diff(want, keyIDs(p)); d != "" || p.Total != 4 || p.Pages != 2 {
			t.Errorf("keys of api2: total %d, pages %d (want 4, 2); (-want +got):\n%s", p.Total, p.Pages, d)
		}
		p, err = tx.ListKeys(orgA, store.KeyQuery{ListOptions: store.ListOptions{Sort: "-name", Page: 1, PageSize: 2}})
		if err != nil {
			return err
		}
		want = []string{newKey(orgA, 11).ID, newKey(orgA, 10).ID}
		if d := diff(want, keyIDs(p)); d != "" || p.Total != 12 {
			t.Errorf("keys by -name: total %d; (-want +got):\n%s", p.Total, d)
		}
		p, err = tx.ListKeys(orgA, store.KeyQuery{ListOptions: store.ListOptions{Query: "ALIAS-00"}})
		if err != nil {
			return err
		}
		if p.Total != 10 {
			t.Errorf("keys matching alias-00: %d, want 10", p.Total)
		}
		p, err = tx.ListKeys(orgA, store.KeyQuery{APIID: "nope"})
		if err != nil {
			return err
		}
		if p.Total != 0 || p.Pages != 1 || p.Items == nil {
			t.Errorf("keys of an unknown API: %+v, want an empty page", p)
		}
		// A page far past the end, in creation order and sorted, is empty
		// with the right total: its offset must not overflow.
		for _, sort := range []string{"", "-name"} {
			p, err = tx.ListKeys(orgA, store.KeyQuery{ListOptions: store.ListOptions{Sort: sort, Page: math.MaxInt / 2, PageSize: 3}})
			if err != nil {
				return err
			}
			if len(p.Items) != 0 || p.Total != 12 {
				t.Errorf("keys, page %d sorted %q: %d items, total %d; want none of 12", math.MaxInt/2, sort, len(p.Items), p.Total)
			}
		}
		return nil
	})
}

// testAPIKinds: MCP proxies (classic form marked application_protocol
// "mcp", as the gateway's apidef MarkAsMCP marks them) are one kind of API,
// every other API the other, so that the standard API listings can leave
// MCP proxies out (Tyk's "MCP API extensions" page) and GET /api/mcps can
// page them in the store, and GET /api/apis/categories count the
// standard kind's categories. The kind, and the categories counted within
// it, follow updates and deletes.
func testAPIKinds(t *testing.T, s store.Store) {
	mcp := func(n int, name string) *model.APIDefinitionWrapper {
		a := newAPI(orgA, n, name)
		a.APIDefinition.IsOAS = true
		a.APIDefinition.Extra = model.Extra{
			"application_protocol": json.RawMessage(`"mcp"`),
			"json_rpc_version":     json.RawMessage(`"2.0"`),
		}
		return a
	}
	defs(t, s, func(tx store.DefinitionsTx) error {
		oasAPI := newAPI(orgA, 2, "Plain OAS")
		oasAPI.APIDefinition.IsOAS = true
		// Another protocol is not MCP.
		oasAPI.APIDefinition.Extra = model.Extra{"application_protocol": json.RawMessage(`"http"`)}
		oasAPI.Categories = []string{"shared"}
		tools, search := mcp(3, "Tools MCP"), mcp(5, "Search MCP")
		tools.Categories = []string{"ai", "shared"}
		search.Categories = []string{"ai"}
		for _, a := range []*model.APIDefinitionWrapper{
			newAPI(orgA, 1, "Classic"), oasAPI, tools, mcp(4, "Files MCP"), search,
		} {
			if err := tx.InsertAPI(a); err != nil {
				return err
			}
		}
		other := mcp(6, "Other org MCP")
		other.APIDefinition.OrgID = orgB
		other.Categories = []string{"ai", "other"}
		return tx.InsertAPI(other)
	})
	type kindCase struct {
		name         string
		q            store.APIQuery
		want         []string
		total, pages int
	}
	check := func(when string, cases []kindCase) {
		t.Helper()
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			for _, c := range cases {
				p, err := tx.ListAPIs(orgA, c.q)
				if err != nil {
					t.Errorf("%s, %s: %v", when, c.name, err)
					continue
				}
				if d := diff(c.want, apiNames(p)); d != "" {
					t.Errorf("%s, %s (-want +got):\n%s", when, c.name, d)
				}
				if p.Total != c.total || p.Pages != c.pages {
					t.Errorf("%s, %s: total %d, pages %d; want %d, %d", when, c.name, p.Total, p.Pages, c.total, c.pages)
				}
			}
			return nil
		})
	}
	page := func(n, size int) store.ListOptions { return store.ListOptions{Page: n, PageSize: size} }
	check("inserted", []kindCase{
		{"any kind", store.APIQuery{}, []string{"Classic", "Plain OAS", "Tools MCP", "Files MCP", "Search MCP"}, 5, 1},
		{"APIs, page 1", store.APIQuery{Kind: store.APIKindAPI, ListOptions: page(1, 10)}, []string{"Classic", "Plain OAS"}, 2, 1},
		{"MCP proxies, page 1 of 2", store.APIQuery{Kind: store.APIKindMCP, ListOptions: page(1, 2)}, []string{"Tools MCP", "Files MCP"}, 3, 2},
		{"MCP proxies, page 2 of 2", store.APIQuery{Kind: store.APIKindMCP, ListOptions: page(2, 2)}, []string{"Search MCP"}, 3, 2},
		{"MCP proxies by name", store.APIQuery{Kind: store.APIKindMCP, ListOptions: store.ListOptions{Sort: "name"}}, []string{"Files MCP", "Search MCP", "Tools MCP"}, 3, 1},
		{"MCP proxies and text", store.APIQuery{Kind: store.APIKindMCP, ListOptions: store.ListOptions{Query: "files"}}, []string{"Files MCP"}, 1, 1},
		{"OAS APIs that are not MCP proxies", store.APIQuery{Kind: store.APIKindAPI, APIType: "oas"}, []string{"Plain OAS"}, 1, 1},
		{"MCP proxies in a category", store.APIQuery{Kind: store.APIKindMCP, Category: "ai"}, []string{"Tools MCP", "Search MCP"}, 2, 1},
		{"APIs in a category MCP proxies share", store.APIQuery{Kind: store.APIKindAPI, Category: "shared"}, []string{"Plain OAS"}, 1, 1},
	})
	viewDefs(t, s, func(tx store.DefinitionsReader) error {
		_, err := tx.ListAPIs(orgA, store.APIQuery{Kind: "streams"})
		wantErr(t, "an unknown kind", err, store.ErrInvalid)
		return nil
	})
	// Categories are counted per kind: what GET /api/apis/categories
	// answers is the standard kind's (MCP proxies left out). A category
	// without an API of the kind is not in its answer.
	type kindCounts struct {
		org, kind string
		want      []model.CategoryCount
	}
	categories := func(when string, cases []kindCounts) {
		t.Helper()
		viewDefs(t, s, func(tx store.DefinitionsReader) error {
			for _, c := range cases {
				cats, err := tx.APICategories(c.org, c.kind)
				if err != nil {
					return err
				}
				slices.SortFunc(cats, func(a, b model.CategoryCount) int { return strings.Compare(a.Name, b.Name) })
				if d := diff(c.want, cats); d != "" {
					t.Errorf("%s: APICategories of org %s, kind %q (-want +got):\n%s", when, c.org, c.kind, d)
				}
			}
			_, err := tx.APICategories(orgA, "streams")
			wantErr(t, when+": categories of an unknown kind", err, store.ErrInvalid)
			return nil
		})
	}
	type cc = model.CategoryCount
	categories("inserted", []kindCounts{
		{orgA, "", []cc{{Name: "ai", Count: 2}, {Name: "shared", Count: 2}}},
		{orgA, store.APIKindAPI, []cc{{Name: "shared", Count: 1}}},
		{orgA, store.APIKindMCP, []cc{{Name: "ai", Count: 2}, {Name: "shared", Count: 1}}},
		{orgB, store.APIKindAPI, []cc{}},
		{orgB, store.APIKindMCP, []cc{{Name: "ai", Count: 1}, {Name: "other", Count: 1}}},
	})

	// An MCP proxy whose mark is taken away becomes an API, its
	// categories with it; a deleted one leaves its kind's count.
	defs(t, s, func(tx store.DefinitionsTx) error {
		a := newAPI(orgA, 3, "Tools, no longer MCP")
		a.APIDefinition.IsOAS = true
		a.Categories = []string{"ai", "shared"}
		if err := tx.UpdateAPI(a); err != nil {
			return err
		}
		return tx.DeleteAPI(oid(4))
	})
	check("after update and delete", []kindCase{
		{"APIs, page 1", store.APIQuery{Kind: store.APIKindAPI, ListOptions: page(1, 2)}, []string{"Classic", "Plain OAS"}, 3, 2},
		{"APIs, page 2", store.APIQuery{Kind: store.APIKindAPI, ListOptions: page(2, 2)}, []string{"Tools, no longer MCP"}, 3, 2},
		{"MCP proxies, page 1", store.APIQuery{Kind: store.APIKindMCP, ListOptions: page(1, 2)}, []string{"Search MCP"}, 1, 1},
		{"MCP proxies in a category", store.APIQuery{Kind: store.APIKindMCP, Category: "ai"}, []string{"Search MCP"}, 1, 1},
		{"APIs in a category, page 1 of 2", store.APIQuery{Kind: store.APIKindAPI, Category: "shared", ListOptions: page(1, 1)}, []string{"Plain OAS"}, 2, 2},
		{"APIs in a category, page 2 of 2", store.APIQuery{Kind: store.APIKindAPI, Category: "shared", ListOptions: page(2, 1)}, []string{"Tools, no longer MCP"}, 2, 2},
		{"APIs in a category by name", store.APIQuery{Kind: store.APIKindAPI, Category: "shared", ListOptions: store.ListOptions{Sort: "-name"}}, []string{"Tools, no longer MCP", "Plain OAS"}, 2, 1},
	})
	categories("after update and delete", []kindCounts{
		{orgA, "", []cc{{Name: "ai", Count: 2}, {Name: "shared", Count: 2}}},
		{orgA, store.APIKindAPI, []cc{{Name: "ai", Count: 1}, {Name: "shared", Count: 2}}},
		{orgA, store.APIKindMCP, []cc{{Name: "ai", Count: 1}}},
	})

	// A category changed within a kind (an MCP proxy's, and a classic
	// API's, whose categories are the "#" words of its name), and an API
	// that becomes an MCP proxy, its category with it.
	defs(t, s, func(tx store.DefinitionsTx) error {
		search := mcp(5, "Search MCP")
		search.Categories = []string{"search"}
		plain := mcp(2, "Plain OAS, now MCP")
		plain.Categories = []string{"shared"}
		for _, a := range []*model.APIDefinitionWrapper{search, plain, newAPI(orgA, 1, "Classic #legacy")} {
			if err := tx.UpdateAPI(a); err != nil {
				return err
			}
		}
		return nil
	})
	categories("after category and kind changes", []kindCounts{
		{orgA, "", []cc{{Name: "ai", Count: 1}, {Name: "legacy", Count: 1}, {Name: "search", Count: 1}, {Name: "shared", Count: 2}}},
		{orgA, store.APIKindAPI, []cc{{Name: "ai", Count: 1}, {Name: "legacy", Count: 1}, {Name: "shared", Count: 1}}},
		{orgA, store.APIKindMCP, []cc{{Name: "search", Count: 1}, {Name: "shared", Count: 1}}},
	})
	check("after category and kind changes", []kindCase{
		{"APIs in a category", store.APIQuery{Kind: store.APIKindAPI, Category: "shared"}, []string{"Tools, no longer MCP"}, 1, 1},
		{"MCP proxies in a category", store.APIQuery{Kind: store.APIKindMCP, Category: "shared"}, []string{"Plain OAS, now MCP"}, 1, 1},
		{"MCP proxies in a category they left", store.APIQuery{Kind: store.APIKindMCP, Category: "ai"}, []string{}, 0, 1},
	})

	// Deletes of either kind take their categories off that kind only.
	defs(t, s, func(tx store.DefinitionsTx) error {
		if err := tx.DeleteAPI(oid(3)); err != nil {
			return err
		}
		return tx.DeleteAPI(oid(5))
	})
	categories("after deletes", []kindCounts{
		{orgA, "", []cc{{Name: "legacy", Count: 1}, {Name: "shared", Count: 1}}},
		{orgA, store.APIKindAPI, []cc{{Name: "legacy", Count: 1}}},
		{orgA, store.APIKindMCP, []cc{{Name: "shared", Count: 1}}},
		{orgB, store.APIKindMCP, []cc{{Name: "ai", Count: 1}, {Name: "other", Count: 1}}},
	})
}
