package quota

import (
	"context"
	"fmt"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// settleTimeout bounds a correction sent to the store after the call, which
// runs on its own context: the caller's may already be done.
const settleTimeout = 5 * time.Second

// settleUsage settles the call with the usage the API reported.
func (c *call) settleUsage(u client.Usage) {
	t := pricing.FromUsage(u)
	a, err := c.q.amounts(c.model, t)
	if err != nil {
		c.q.s.OnError(err)
	}
	c.settle(a, &t)
}

// settle corrects the store by actual minus the estimate taken, once, and
// records the usage per model (t nil: no usage known).
func (c *call) settle(actual amounts, t *pricing.Tokens) {
	c.once.Do(func() {
		c.q.record(c.model, t)
		var delta amounts
		nonzero := false
		for i := range delta {
			delta[i] = actual[i] - c.est[i]
			nonzero = nonzero || delta[i] != 0
		}
		if !nonzero {
			return
		}
		cs, _ := c.q.counters(c.at, c.model, delta, false)
		if len(cs) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
		defer cancel()
		if err := c.q.s.Store.Add(ctx, cs); err != nil {
			c.q.s.OnError(fmt.Errorf("quota: correcting the counts: %w", err))
		}
	})
}
