package limitstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/claudego/claude/client/limitstore"
)

// A bucket of 10 requests a minute, refilled continuously: a full bucket
// goes at once, then the next call waits what the value says (one request's
// refill, 6 s), not for the next calendar minute.
func ExampleCounter_bucket() {
	now := time.Date(2026, 11, 30, 12, 0, 59, 0, time.UTC)
	s := &limitstore.Memory{Now: func() time.Time { return now }}
	ctx := context.Background()
	c := limitstore.Counter{Key: "org-1:ratelimit:requests", Add: 1, Max: 10, Refill: time.Minute}
	for range 10 {
		if _, _, err := s.Take(ctx, []limitstore.Counter{c}); err != nil {
			panic(err)
		}
	}
	vals, refused, err := s.Take(ctx, []limitstore.Counter{c})
	if err != nil {
		panic(err)
	}
	wait := c.Wait(vals[0])
	fmt.Println("refused:", refused == 0, "wait:", wait)

	now = now.Add(wait) // 12:01:05, a new calendar minute but one refill
	vals, refused, err = s.Take(ctx, []limitstore.Counter{c})
	if err != nil {
		panic(err)
	}
	fmt.Println("refused:", refused == 0, "spent:", vals[0])
	// Output:
	// refused: true wait: 6s
	// refused: false spent: 10
}
