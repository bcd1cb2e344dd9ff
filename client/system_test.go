package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dashkit/dashkit/client"
	"github.com/dashkit/dashkit/model"
)

func TestSystemStatsAndNotifications(t *testing.T) {
	t.Parallel()
	srv, c := start(t)
	ctx := context.Background()
	mustCreateAPI(t, c, "Counted", "/counted/")
	stats, err := c.System.Stats(ctx, client.StatsOptions{})
	if err != nil || len(stats.APIs) == 0 || stats.APIs[len(stats.APIs)-1].MaxUsage != 1 {
		t.Fatalf("stats: %+v, %v", stats, err)
	}
	if _, err := c.System.Stats(ctx, client.StatsOptions{Entity: "nodes"}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("unknown entity: %v", err)
	}
	if err := srv.AddNotifications(model.OrganisationNotification{Kind: model.NotificationKindWarning, Topic: model.NotificationTopicCertificateExpiry,
		Title: "Certificate will expire soon", Data: &model.CertificateExpiryData{CertID: "c1", DaysRemaining: 3}}); err != nil {
		t.Fatal(err)
	}
	ns, err := c.System.Notifications(ctx, true)
	if err != nil || len(ns) != 1 || ns[0].Data.CertID != "c1" {
		t.Fatalf("notifications: %+v, %v", ns, err)
	}
	noCerts := userClient(t, srv, model.UserPermissions{"apis": "read"})
	if _, err := noCerts.System.Notifications(ctx, false); !errors.Is(err, client.ErrForbidden) {
		t.Fatalf("without certs: %v", err)
	}
}
