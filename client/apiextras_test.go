package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

func TestAPIExtras(t *testing.T) {
	t.Parallel()
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"got":"` + r.Method + " " + r.URL.Path + `"}`))
	}))
	t.Cleanup(gw.Close)
	srv, c := start(t, memserver.WithGatewayURL(gw.URL), memserver.WithAPIOwnership(true))
	ctx := context.Background()
	api := classicAPI("extras", "/extras/")
	api.APIDefinition.Tags = []string{"edge"}
	created, err := c.APIs.Create(ctx, api)
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.APIs.URL(ctx, created.ID)
	if err != nil || u.APIURL != gw.URL+"/extras/" || u.BasePath != "/extras/" {
		t.Fatalf("URL: %+v %v", u, err)
	}
	groups, err := c.APIs.Groups(ctx)
	if err != nil || strings.Join(groups["edge"], ",") != created.APIID {
		t.Fatalf("Groups: %+v %v", groups, err)
	}
	me, err := c.Users.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.APIs.SetAccess(ctx, created.ID, &model.AccessManagementPayload{UserIDs: []string{me.ID}}); err != nil {
		t.Fatal(err)
	}
	acc, err := c.APIs.Access(ctx, created.APIID)
	if err != nil || len(acc.UserIDs) != 1 || acc.UserIDs[0] != me.ID {
		t.Fatalf("Access: %+v %v", acc, err)
	}
	other := userClient(t, srv, model.UserPermissions{"apis": "write"})
	if _, err := other.APIs.Get(ctx, created.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("a non-owner reads an owned API: %v", err)
	}
	if err := c.APIs.InvalidateJWKSCache(ctx, created.APIID); err != nil {
		t.Fatal(err)
	}
	resp, err := c.APIs.Proxy(ctx, &model.ProxyRequest{Method: "GET", URL: gw.URL + "/extras/x"})
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(resp.Body), "GET /extras/x") {
		t.Fatalf("Proxy: %+v %v", resp, err)
	}
	if _, err := c.APIs.Proxy(ctx, &model.ProxyRequest{Method: "GET", URL: "http://elsewhere.example/"}); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("Proxy elsewhere: %v", err)
	}

	oasAPI, err := c.OAS.Create(ctx, tykOASDoc("served OAS", "/served-oas/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.APIs.Migrate(ctx, &client.MigrateRequest{Mode: "dryRun", APIIDs: []string{created.APIID}})
	if err != nil || res.Success.Count != 1 || len(res.Success.Definitions[0].BaseAPI) == 0 {
		t.Fatalf("Migrate dry run: %+v %v", res, err)
	}
	child, err := c.OAS.Create(ctx, tykOASDoc("served OAS v2", "/served-oas-v2/"), &client.CreateOASOptions{BaseAPIID: oasAPI.APIID, NewVersionName: "v2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.OAS.Rebase(ctx, oasAPI.APIID, child.APIID); err != nil {
		t.Fatal(err)
	}
	if err := c.OAS.Rebase(ctx, oasAPI.APIID, child.APIID); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("Rebase of a base that is not one any more: %v", err)
	}
	urls, err := c.OAS.ServerURLs(ctx, oasAPI.ID)
	if err != nil || urls.APIID != oasAPI.APIID || len(urls.URLs) != 1 || urls.URLs[0].ListenPath != "served-oas" {
		t.Fatalf("ServerURLs: %+v %v", urls, err)
	}
}
