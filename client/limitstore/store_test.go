package limitstore_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/limitstore/storetest"
)

func TestMemoryConformance(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var elapsed atomic.Int64
	s := &limitstore.Memory{Now: func() time.Time { return start.Add(time.Duration(elapsed.Load())) }}
	storetest.Run(t, s, "test", start, func(d time.Duration) { elapsed.Add(int64(d)) })
}

// TestCounterWait: a bucket's wait is the refill of what the call needs
// beyond the capacity; a windowed counter, or a call that fits, waits
// nothing.
func TestCounterWait(t *testing.T) {
	t.Parallel()
	b := limitstore.Counter{Key: "k", Add: 3, Max: 10, Refill: time.Minute}
	for _, tc := range []struct {
		value int64
		want  time.Duration
	}{{7, 0}, {8, 6 * time.Second}, {10, 18 * time.Second}, {25, 108 * time.Second}} {
		if got := b.Wait(tc.value); got != tc.want {
			t.Errorf("Wait(%d) = %v, want %v", tc.value, got, tc.want)
		}
	}
	w := limitstore.Counter{Key: "k", Add: 3, Max: 10, ExpireAt: time.Now()}
	if got := w.Wait(100); got != 0 {
		t.Errorf("a windowed counter waits %v", got)
	}
}
