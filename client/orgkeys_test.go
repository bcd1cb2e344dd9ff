package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

func TestOrgKeysPortalsAndTokenPurge(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	ids, err := c.Orgs.ListKeys(ctx)
	if err != nil || len(ids) != 0 {
		t.Fatalf("ListKeys: %v %v", ids, err)
	}
	k, err := c.Orgs.CreateKey(ctx, &model.SessionState{OrgID: srv.OrgID, Rate: 100, Per: 1, QuotaMax: -1})
	if err != nil || k.KeyID != srv.OrgID {
		t.Fatalf("CreateKey: %+v %v", k, err)
	}
	if err := c.Orgs.UpdateKey(ctx, srv.OrgID, &model.SessionState{Rate: 5, Per: 1}); err != nil {
		t.Fatal(err)
	}
	if k, err = c.Orgs.GetKey(ctx, srv.OrgID); err != nil || k.Data.Rate != 5 {
		t.Fatalf("GetKey: %+v %v", k, err)
	}
	if ids, _ = c.Orgs.ListKeys(ctx); len(ids) != 1 {
		t.Fatalf("ListKeys: %v", ids)
	}
	if err := c.Orgs.DeleteKey(ctx, srv.OrgID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Orgs.GetKey(ctx, srv.OrgID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("GetKey after delete: %v", err)
	}
	if _, err := c.Orgs.CreateKey(ctx, &model.SessionState{}); err == nil {
		t.Fatal("CreateKey without org_id")
	}

	if err := c.Orgs.GeneratePortals(ctx, srv.OrgID, "portal.example.com"); err != nil {
		t.Fatal(err)
	}
	org, err := c.Orgs.Get(ctx, srv.OrgID)
	if err != nil || org.CNAME != "portal.example.com" {
		t.Fatalf("org after GeneratePortals: %+v %v", org, err)
	}
	if err := c.OAuth.PurgeLapsedTokens(ctx); err != nil {
		t.Fatal(err)
	}
}
