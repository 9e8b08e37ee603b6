package quota

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claudego/claude/client"
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
	p := priced{t: t, b: b, known: ok} // on the stack: settle keeps no pointer to it
	c.settle(a, &p)
}

// settleMessage settles the call with the usage of the Message the client
// decoded from its reply (client.OnReply); nil: the estimate stands.
func (c *call) settleMessage(m *client.Message) {
	if m == nil {
		c.q.s.OnError(errors.New("quota: the reply was not decoded; the estimate stands"))
		c.settle(c.est, nil)
		return
	}
	c.settleTokens(pricing.FromUsage(m.Usage))
}

// priced is a call's real usage and its price (known false: the model is
// not in the table).
type priced struct {
	t     pricing.Tokens
	b     pricing.Breakdown
	known bool
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
		var cs []limitstore.Counter
		if c.taken == nil {
			cs, _ = c.q.counters(c.at, c.model, delta, false)
		} else {
			// Into the room after the counters taken (the slice given to
			// Take is not changed: a store may keep it).
			cs = c.taken[len(c.taken):cap(c.taken)][:0]
			for i, t := range c.taken {
				// A counter whose estimate was right (the request, always
				// counted as one) needs no correction: adding zero would
				// only look its key up again.
				if t.Add, t.Max = delta[c.metricOf[i]], 0; t.Add != 0 {
					cs = append(cs, t)
				}
			}
		}
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
