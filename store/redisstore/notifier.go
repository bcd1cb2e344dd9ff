package redisstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dashkit/dashkit/model"
	"github.com/redis/go-redis/v9"
)

// Notifier publishes the memserver's announcements on the channel gateways
// listen to (model.GatewayChannel), in the JSON they decode. It implements
// memserver.Notifier:
//
//	memserver.WithNotifier(redisstore.NewNotifier(client))
type Notifier struct {
	client  redis.UniversalClient
	channel string
}

// NewNotifier returns a Notifier publishing through client.
func NewNotifier(client redis.UniversalClient) *Notifier {
	return &Notifier{client: client, channel: model.GatewayChannel}
}

// Notify publishes n.
func (p *Notifier) Notify(ctx context.Context, n model.GatewayNotification) error {
	b, err := json.Marshal(n)
	if err != nil {
		return err
	}
	if err := p.client.Publish(ctx, p.channel, b).Err(); err != nil {
		return fmt.Errorf("publish %s on %s: %w", n.Command, p.channel, err)
	}
	return nil
}
