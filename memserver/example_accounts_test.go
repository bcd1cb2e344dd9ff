package memserver_test

import (
	"context"
	"fmt"
	"time"

	"github.com/dashkit/dashkit/memserver"
	"github.com/dashkit/dashkit/model"
)

// A test feeds the traffic a gateway would have recorded, and reads it back
// aggregated as the Dashboard's activity routes answer it.
func ExampleServer_RecordTraffic() {
	srv := memserver.New(memserver.WithIDSeed(1))
	day := time.Date(2024, 6, 12, 10, 0, 0, 0, time.UTC)
	err := srv.RecordTraffic(
		model.AnalyticsRecord{APIKey: "7f3c3ca8", APIID: "orders", Path: "/orders", ResponseCode: 200, TimeStamp: day, RequestTime: 120},
		model.AnalyticsRecord{APIKey: "7f3c3ca8", APIID: "orders", Path: "/orders", ResponseCode: 502, TimeStamp: day.Add(time.Minute), RequestTime: 80},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := srv.Client().Analytics.KeyEndpoints(context.Background(), "7f3c3ca8", day, day)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range data.Data {
		fmt.Printf("%s %s: %d hits, %d errors, %.0f ms on average\n", u.ID.APIID, u.ID.Path, u.Hits, u.Error, u.Latency)
	}
	// Output: orders /orders: 2 hits, 1 errors, 100 ms on average
}

// Tests that create users with passwords set a cheap bcrypt cost. A user in
// a group has the group's permissions; its password is never shown.
func ExampleWithPasswordCost() {
	srv := memserver.New(memserver.WithPasswordCost(4)) // cheap bcrypt for tests
	ctx := context.Background()
	c := srv.Client()
	group, _ := c.UserGroups.Create(ctx, &model.UserGroup{Name: "readers", UserPermissions: model.UserPermissions{"apis": "read"}})
	id, err := c.Users.Create(ctx, &model.User{EmailAddress: "ana@example.com", Password: "s3cret-pass", GroupID: group,
		UserPermissions: model.UserPermissions{"keys": "write"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _ := c.Users.Get(ctx, id)
	fmt.Println(u.EmailAddress, u.GroupID == group, u.Password == "")
	// Output: ana@example.com true true
}
