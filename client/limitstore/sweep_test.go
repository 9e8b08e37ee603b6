package limitstore

import (
	"context"
	"strconv"
	"testing"
	"time"
)

// TestMemoryForgetsOldWindows: keys name their window, so a long-running
// process takes a new key every minute; the expired ones are swept and the
// map stays bounded by the live windows plus one sweep interval.
func TestMemoryForgetsOldWindows(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	s := &Memory{Now: func() time.Time { return now }}
	for i := 0; i < 5*sweepEvery; i++ {
		c := Counter{Key: "w" + strconv.Itoa(i), Add: 1, Max: 10, ExpireAt: now.Add(time.Minute)}
		if _, refused, err := s.Take(context.Background(), []Counter{c}); err != nil || refused >= 0 {
			t.Fatalf("take %d: %d %v", i, refused, err)
		}
		now = now.Add(time.Minute)
	}
	if len(s.m) > sweepEvery+1 {
		t.Fatalf("%d keys kept for one live window", len(s.m))
	}
}
