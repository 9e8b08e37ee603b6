package redisstore_test

import (
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/extensions/redisstore"
)

// Every worker of a fleet builds the same quota over one Redis: together
// they never pass 10,000 calls or $50 a day for the organization.
func ExampleNew() {
	rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer rc.Close()
	store, err := redisstore.New(redisstore.Config{Client: rc}) // fails closed
	if err != nil {
		panic(err)
	}
	q, err := quota.NewQuota(quota.Config{
		Namespace: "{org-123}",
		Store:     store,
		Limits:    []quota.Limit{{Period: quota.Day, Requests: 10_000, CostUSD: 50}},
	})
	if err != nil {
		panic(err)
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-example"), q.Option())
	if err != nil {
		panic(err)
	}
	fmt.Println(c.BaseURL())
}
