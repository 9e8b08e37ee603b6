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
