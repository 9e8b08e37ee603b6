package ratelimit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// sharedTimeout bounds a correction sent to the store after the call, which
// runs on its own context: the caller's may already be done.
const sharedTimeout = 5 * time.Second

// shared is what one call took from the store's windows, to correct once
// the real usage is known.
type shared struct {
	start   time.Time
	in, out int64 // as taken: at most a window's limit
}

// sharedMetrics are the local limits a Store keeps, in the order of
// sharedCounters.
var sharedMetrics = [...]string{"requests", "input_tokens", "output_tokens"}

// sharedCounters are the store counters of the one-minute window starting
// at start for a call adding req requests and in and out tokens. With
// withMax (a Take) each carries its limit, and a call never needs more than
// a whole window's limit, so one larger than the limit waits for an empty
// window instead of forever; without (a correction), counters adding
// nothing are left out.
func (l *Limiter) sharedCounters(start time.Time, req, in, out int64, withMax bool) []limitstore.Counter {
	prefix := l.s.Namespace + ":ratelimit:" + strconv.FormatInt(start.Unix(), 10) + ":"
	end := start.Add(time.Minute)
	limits := [...]int64{int64(l.s.RequestsPerMinute), int64(l.s.InputTokensPerMinute), int64(l.s.OutputTokensPerMinute)}
	adds := [...]int64{req, in, out}
	cs := make([]limitstore.Counter, 0, len(limits))
	for i, m := range limits {
		if m <= 0 || !withMax && adds[i] == 0 {
			continue
		}
		c := limitstore.Counter{Key: prefix + sharedMetrics[i], Add: adds[i], ExpireAt: end}
		if withMax {
			c.Max, c.Add = m, min(c.Add, m)
		}
		cs = append(cs, c)
	}
	return cs
}

// takeShared takes the call's share of the current one-minute window from
// the store, waiting for the next window while it does not fit (or
// refusing, as the Mode, MaxWait and the context's deadline say).
func (l *Limiter) takeShared(ctx context.Context, in, out int) (*shared, error) {
	waited := time.Duration(0)
	for {
		now := time.Now()
		start := now.Truncate(time.Minute)
		cs := l.sharedCounters(start, 1, int64(in), int64(out), true)
		_, refused, err := l.s.Store.Take(ctx, cs)
		if err != nil {
			return nil, fmt.Errorf("ratelimit: store: %w", err)
		}
		if refused < 0 {
			sh := &shared{start: start}
			for _, c := range cs {
				switch {
				case strings.HasSuffix(c.Key, ":input_tokens"):
					sh.in = c.Add
				case strings.HasSuffix(c.Key, ":output_tokens"):
					sh.out = c.Add
				}
			}
			return sh, nil
		}
		wait := start.Add(time.Minute).Sub(now)
		name := sharedMetrics[l.sharedIndex(refused)]
		if err := l.mayWait(ctx, waited+wait, name); err != nil {
			return nil, err
		}
		if err := rtutil.Sleep(ctx, wait); err != nil {
			return nil, err
		}
		waited += wait
	}
}

// sharedIndex maps the index of a refused counter to its metric.
func (l *Limiter) sharedIndex(refused int) int {
	limits := [...]int{l.s.RequestsPerMinute, l.s.InputTokensPerMinute, l.s.OutputTokensPerMinute}
	for i, m := range limits {
		if m <= 0 {
			continue
		}
		if refused == 0 {
			return i
		}
		refused--
	}
	return 0
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

// correctShared replaces the call's estimates in its window with the real
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
	cs := l.sharedCounters(sh.start, 0, din, dout, false)
	if len(cs) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	if err := l.s.Store.Add(ctx, cs); err != nil && l.s.OnStoreError != nil {
		l.s.OnStoreError(fmt.Errorf("ratelimit: correcting the shared counts: %w", err))
	}
}
