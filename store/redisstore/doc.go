// Package redisstore keeps dashkit's keys in Redis in the layout a real Tyk
// Gateway reads, and announces the memserver's changes on the gateways'
// Redis channel.
//
//	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	srv := memserver.NewTest(t,
//		memserver.WithSessions(redisstore.New(client)),
//		memserver.WithNotifier(redisstore.NewNotifier(client)),
//		memserver.WithNodeSecret(secret))
package redisstore
