package quota

import (
	"context"
	"fmt"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/pricing"
)

// settleTimeout bounds a correction sent to the store after the call, which
// runs on its own context: the caller's may already be done.
const settleTimeout = 5 * time.Second

// settleTokens settles the call with the counts the API reported.
func (c *call) settleTokens(t pricing.Tokens) {
	a, b, ok, err := c.q.amounts(c.model, t)
	if err != nil {
		c.q.s.OnError(err)
	}
	p := &priced{t: t}
	if ok {
		p.b = &b
	}
	c.settle(a, p)
}

// priced is a call's real usage and its price (b nil: the model is not in
// the table).
type priced struct {
	t pricing.Tokens
	b *pricing.Breakdown
}

// settle corrects the store by actual minus the estimate taken, once, and
// records the usage per model (p nil: no usage known).
func (c *call) settle(actual amounts, p *priced) {
	c.once.Do(func() {
		c.q.record(c.model, p)
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
		ctx := context.Background()
		if _, inMemory := c.q.s.Store.(*limitstore.Memory); !inMemory {
			// A store over the network is given a deadline; Memory never
			// waits, and the timer would cost more than its work.
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, settleTimeout)
			defer cancel()
		}
		if err := c.q.s.Store.Add(ctx, cs); err != nil {
			c.q.s.OnError(fmt.Errorf("quota: correcting the counts: %w", err))
		}
	})
}
