package memserver_test

import (
	"net/http"
	"testing"

	"github.com/dashkit/dashkit/model"
)

func template(id string) map[string]any {
	return map[string]any{
		"id": id, "kind": "oas-template", "name": "Base", "description": "shared settings",
		"data": map[string]any{"x-tyk-api-gateway": map[string]any{"middleware": map[string]any{"global": map[string]any{"cors": map[string]any{"enabled": true}}}}},
	}
}

func TestAssetLifecycle(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	a := call(t, srv, "POST", "/api/assets", template("base"))
	want(t, a, http.StatusCreated)
	m := a.JSON(t)
	if m["Status"] != "success" || m["Message"] != "asset created" || m["ID"] != "base" || !objectID.MatchString(m["Meta"].(string)) {
		t.Fatalf("create envelope: %s", a.Body)
	}
	mid := m["Meta"].(string)
	wantError(t, call(t, srv, "POST", "/api/assets", template("base")), http.StatusConflict, "already exists")
	wrong := template("other")
	wrong["kind"] = "webhook"
	wantError(t, call(t, srv, "POST", "/api/assets", wrong), http.StatusUnprocessableEntity, "kind")
	noName := template("other")
	delete(noName, "name")
	wantError(t, call(t, srv, "POST", "/api/assets", noName), http.StatusBadRequest, "name")

	for _, id := range []string{"base", mid} {
		a = call(t, srv, "GET", "/api/assets/"+id, nil)
		want(t, a, http.StatusOK)
		var as model.Asset
		a.Into(t, &as)
		if as.MID != mid || as.ID != "base" || as.OrgID != srv.OrgID {
			t.Fatalf("GET %s: %+v", id, as)
		}
	}
	upd := template("base")
	upd["name"] = "Base v2"
	a = call(t, srv, "PUT", "/api/assets/base", upd)
	want(t, a, http.StatusOK)
	if a.JSON(t)["Status"] != "success" {
		t.Fatalf("update envelope: %s", a.Body)
	}
	a = call(t, srv, "GET", "/api/assets", nil)
	want(t, a, http.StatusOK)
	var list []model.Asset
	a.Into(t, &list)
	if len(list) != 1 || list[0].Name != "Base v2" {
		t.Fatalf("list: %s", a.Body)
	}
	a = call(t, srv, "DELETE", "/api/assets/"+mid, nil)
	want(t, a, http.StatusOK)
	if a.JSON(t)["Status"] != "success" {
		t.Fatalf("delete envelope: %s", a.Body)
	}
	wantError(t, call(t, srv, "GET", "/api/assets/base", nil), http.StatusNotFound, "")
	a = call(t, srv, "GET", "/api/assets", nil)
	if string(a.Body) != "[]" {
		t.Fatalf("empty list: %s", a.Body)
	}
}
