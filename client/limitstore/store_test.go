package limitstore_test

import (
	"testing"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/limitstore/storetest"
)

func TestMemoryConformance(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	s := &limitstore.Memory{Now: func() time.Time { return now }}
	storetest.Run(t, s, "test", now)
}
