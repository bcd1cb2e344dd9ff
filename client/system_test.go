package client_test

import (
	"context"
	"errors"
	"testing"
	"time"

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
	// Half a range is refused before anything is sent, as is a range that
	// ends before it starts.
	sent := len(srv.Requests())
	if _, err := c.System.Stats(ctx, client.StatsOptions{From: time.Now()}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("From without To: %v", err)
	}
	if _, err := c.System.Stats(ctx, client.StatsOptions{From: time.Now(), To: time.Now().AddDate(0, 0, -2)}); !errors.Is(err, client.ErrInvalid) {
		t.Fatalf("a range ending before it starts: %v", err)
	}
	if n := len(srv.Requests()); n != sent {
		t.Fatalf("%d requests sent for refused ranges", n-sent)
	}
	from := time.Now().AddDate(0, -1, 0)
	if _, err := c.System.Stats(ctx, client.StatsOptions{From: from, To: time.Now()}); err != nil {
		t.Fatalf("a whole range: %v", err)
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
