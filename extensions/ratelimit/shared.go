package ratelimit

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// sharedTimeout bounds a correction sent to the store after the call, which
// runs on its own context: the caller's may already be done.
const sharedTimeout = 5 * time.Second

// shared is what one call took from the store's buckets, to correct once
// the real usage is known.
type shared struct {
	in, out int64 // as taken: at most a bucket's capacity
}

// sharedMetrics are the local limits a Store keeps, in the order of
// sharedCounters.
var sharedMetrics = [...]string{"requests", "input_tokens", "output_tokens"}

// sharedScale: the buckets count thousandths of a request or token, so a
// wait computed from a bucket's value (which the store rounds up) is exact
// to a thousandth of a unit, not late by up to a whole request (1.5 s at 40
// requests a minute).
const sharedScale = 1000

// sharedKeys are the Store's keys of the buckets of namespace ns, built
// once: a bucket has no window to name.
func sharedKeys(ns string) (keys [len(sharedMetrics)]string) {
	for i, m := range sharedMetrics {
		keys[i] = ns + ":ratelimit:" + m
	}
	return keys
}

// scaled is n in the buckets' unit, saturating instead of overflowing.
func scaled(n int64) int64 {
	const lim = math.MaxInt64 / sharedScale
	return max(-lim, min(n, lim)) * sharedScale
}

// sharedCounters are the store's buckets for a call adding req requests and
// in and out tokens: one per configured limit, of capacity the per-minute
// limit, refilled continuously by that limit every minute, as the API's own
// limits are (Config.Store). With withMax (a Take) a call never asks for
// more than a whole bucket, so one larger than the limit waits for a full
// bucket instead of forever; without (a correction), counters adding
// nothing are left out. metrics names each counter's limit.
func (l *Limiter) sharedCounters(req, in, out int64, withMax bool) (cs []limitstore.Counter, metrics []string) {
	limits := [...]int64{int64(l.s.RequestsPerMinute), int64(l.s.InputTokensPerMinute), int64(l.s.OutputTokensPerMinute)}
	adds := [...]int64{req, in, out}
	cs = make([]limitstore.Counter, 0, len(limits))
	metrics = make([]string, 0, len(limits))
	for i, m := range limits {
		if m <= 0 || !withMax && adds[i] == 0 {
			continue
		}
		add := adds[i]
		if withMax {
			add = min(add, m)
		}
		cs = append(cs, limitstore.Counter{Key: l.sharedKeys[i], Add: scaled(add), Max: scaled(m), Refill: time.Minute})
		metrics = append(metrics, sharedMetrics[i])
	}
	return cs, metrics
}

// takeShared takes the call's share of the store's buckets. A call that
// does not fit reserves its place: it takes the bucket into debt as far as
// it may wait (Mode, MaxWait, the context's deadline), then waits until the
// bucket has refilled that debt, as the local buckets' reservations do. So
// calls go in the order they asked, across the fleet, and a large call is
// not starved by small ones that would each fit sooner. A call that may not
// wait that long fails with *WaitError and takes nothing; a call reserves
// at most maxReserve ahead, and one that may wait longer waits and asks
// again.
func (l *Limiter) takeShared(ctx context.Context, in, out int) (*shared, error) {
	cs, metrics := l.sharedCounters(1, int64(in), int64(out), true)
	waited := time.Duration(0)
	for {
		allowed := l.mayReserve(ctx, waited)
		reserve := min(allowed, maxReserve)
		vals, refused, err := l.s.Store.Take(ctx, withDebt(cs, reserve))
		if err != nil {
			return nil, fmt.Errorf("ratelimit: store: %w", err)
		}
		if refused >= 0 {
			wait := cs[refused].Wait(vals[refused])
			if wait > allowed {
				return nil, &WaitError{Wait: waited + wait, Limit: metrics[refused]}
			}
			// Wait until the call fits within the reserve, then ask again
			// (at least a millisecond on: rounding never spins the loop).
			wait = max(wait-reserve, time.Millisecond)
			if err := l.sharedWait(ctx, wait, metrics[refused]); err != nil {
				return nil, err
			}
			waited += wait
			continue
		}
		wait, name := time.Duration(0), ""
		for i, c := range cs {
			if w := c.Wait(vals[i] - c.Add); w > wait {
				wait, name = w, metrics[i]
			}
		}
		if wait > 0 {
			err := l.mayWait(ctx, waited+wait, name)
			if err == nil {
				err = l.sharedWait(ctx, wait, name)
			}
			if err != nil {
				l.giveBack(cs)
				return nil, err
			}
		}
		sh := &shared{}
		for i, c := range cs {
			switch metrics[i] {
			case "input_tokens":
				sh.in = c.Add / sharedScale
			case "output_tokens":
				sh.out = c.Add / sharedScale
			}
		}
		return sh, nil
	}
}

// maxReserve bounds how far ahead a call reserves, so a bucket's debt
// stays a number the stores hold exactly. It is long enough that calls
// queue in the order they asked (each caller has its calls in the queue,
// not a day's worth); a call that may wait longer waits until it fits
// within it, then asks again.
const maxReserve = 24 * time.Hour

// mayReserve returns how long the call may still wait: not at all in
// Reject mode, else until MaxWait or the context's deadline, whichever
// comes first (math.MaxInt64 when neither is set).
func (l *Limiter) mayReserve(ctx context.Context, waited time.Duration) time.Duration {
	if l.s.Mode == Reject {
		return 0
	}
	d := time.Duration(math.MaxInt64)
	if l.s.MaxWait > 0 {
		d = l.s.MaxWait - waited
	}
	if dl, ok := ctx.Deadline(); ok {
		d = min(d, time.Until(dl))
	}
	return max(d, 0)
}

// withDebt returns cs with room for d more of waiting: each bucket's
// capacity raised by what it refills in d, its Refill stretched alike, so
// it refills at the same rate.
func withDebt(cs []limitstore.Counter, d time.Duration) []limitstore.Counter {
	if d <= 0 {
		return cs
	}
	out := make([]limitstore.Counter, len(cs))
	for i, c := range cs {
		debt := min(math.Ceil(d.Seconds()/c.Refill.Seconds()*float64(c.Max)), float64(math.MaxInt64/2-c.Max))
		out[i] = c
		out[i].Max = c.Max + int64(debt)
		out[i].Refill = time.Duration(float64(c.Refill) * float64(out[i].Max) / float64(c.Max))
	}
	return out
}

// sharedWait reports a wait for the shared buckets to the call's
// observers (ARCHITECTURE.md, Layers), as the local buckets' are, and
// sleeps it.
func (l *Limiter) sharedWait(ctx context.Context, wait time.Duration, name string) error {
	client.Report(ctx, client.Event{Kind: client.EventRateLimitWait, Wait: wait, Name: name})
	return rtutil.Sleep(ctx, wait)
}

// giveBack returns what a call reserved and will not send.
func (l *Limiter) giveBack(cs []limitstore.Counter) {
	back := make([]limitstore.Counter, len(cs))
	for i, c := range cs {
		back[i] = c
		back[i].Add = -c.Add
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	if err := l.s.Store.Add(ctx, back); err != nil && l.s.OnStoreError != nil {
		l.s.OnStoreError(fmt.Errorf("ratelimit: giving back a reservation: %w", err))
	}
}

// mayWait returns the *WaitError a wait of d would end in, or nil when the
// call may wait that long.
func (l *Limiter) mayWait(ctx context.Context, d time.Duration, limit string) error {
	dl, ok := ctx.Deadline()
	switch {
	case l.s.Mode == Reject, ok && time.Now().Add(d).After(dl), l.s.MaxWait > 0 && d > l.s.MaxWait:
		return &WaitError{Wait: d, Limit: limit}
	}
	return nil
}

// correctShared replaces the call's estimates in the buckets with the real
// usage (a zero usage with has* set gives the tokens back).
func (l *Limiter) correctShared(sh *shared, u usage) {
	var din, dout int64
	if u.hasInput {
		din = int64(u.input) - sh.in
	}
	if u.hasOutput {
		dout = int64(u.output) - sh.out
	}
	if din == 0 && dout == 0 {
		return
	}
	// The request stays counted: it was made.
	cs, _ := l.sharedCounters(0, din, dout, false)
	if len(cs) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	if err := l.s.Store.Add(ctx, cs); err != nil && l.s.OnStoreError != nil {
		l.s.OnStoreError(fmt.Errorf("ratelimit: correcting the shared counts: %w", err))
	}
}
