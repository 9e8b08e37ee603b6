package limitstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// Counter is one count a limit keeps: a windowed count, or, with Refill set,
// a token bucket.
//
// A windowed counter's key carries its window in its name (the caller puts
// the window's start in it), and ExpireAt is the window's end, so a store
// may drop the key then: a restart of the store loses at most the current
// windows. A calendar budget (a day, a month) is one.
//
// A bucket (Refill > 0) holds what was spent and is not refilled yet: its
// value drains continuously, Max every Refill, never below zero, so a call
// fits when value+Add <= Max, and one that does not fits after
// (value+Add-Max)*Refill/Max. That is the token bucket the Claude API
// limits requests and tokens per minute with (capacity Max, refilled
// continuously rather than reset at fixed times), kept as its debt so that
// an empty key is a full bucket. The store reads its own clock to drain it
// and expires the key when it has drained: a restart of the store refills
// the buckets, losing at most one bucket's worth.
type Counter struct {
	// Key names the counter, namespaced by the caller (organization,
	// workspace, period, window, model, metric).
	Key string
	// Add is the amount to add; negative gives back. Raise reads it as the
	// value to raise the counter to.
	Add int64
	// Max is the counter's limit for Take; zero or negative means none. A
	// bucket needs it in every operation: it sets the refill rate.
	Max int64
	// ExpireAt is when a windowed counter's window ends. A bucket ignores
	// it.
	ExpireAt time.Time
	// Refill, when positive, makes the counter a bucket that refills Max
	// every Refill. Zero means a windowed counter.
	Refill time.Duration
}

// bucket reports whether c is a token bucket.
func (c Counter) bucket() bool { return c.Refill > 0 }

// Wait is how long a bucket holding value (as Take returned it when it
// refused c) takes to refill enough for c.Add: (value+Add-Max)*Refill/Max,
// rounded up; zero when c fits now or is not a bucket. A value the store
// rounded up makes it late by at most one unit's refill.
func (c Counter) Wait(value int64) time.Duration {
	need := value + c.Add - c.Max
	if !c.bucket() || need <= 0 {
		return 0
	}
	return time.Duration(math.Ceil(float64(need) / float64(c.Max) * float64(c.Refill)))
}

// Store keeps counters. Implementations are safe for concurrent use, and
// every operation is atomic across all its counters: concurrent callers, in
// one process or many, never both pass a limit that only one of them fits
// under, and never both raise a counter past the value asked for.
type Store interface {
	// Take adds every counter's Add if none would then pass its Max, and
	// returns the values after. Otherwise it adds nothing and returns the
	// current values and the index of the first counter that refused;
	// refused is -1 when all were added.
	Take(ctx context.Context, cs []Counter) (values []int64, refused int, err error)
	// Add adds unconditionally (corrections after the real usage is known,
	// refunds); Max is not checked.
	Add(ctx context.Context, cs []Counter) error
	// Raise sets every counter to the larger of its value and its Add (a
	// floor, not an amount: "at least this much was used"), and returns the
	// values before. Any number of callers may raise one counter to the
	// same figure at once: it ends at that figure, never at a sum.
	Raise(ctx context.Context, cs []Counter) (before []int64, err error)
	// Get returns the current values, zero for a missing, expired or
	// drained key. A bucket's value is rounded up.
	Get(ctx context.Context, keys []string) ([]int64, error)
}

// ErrEmptyKey is returned for a counter with an empty key.
var ErrEmptyKey = errors.New("limitstore: empty counter key")

// ErrKind is returned when a key holds a bucket and the counter asks for a
// windowed counter, or the other way round.
var ErrKind = errors.New("limitstore: key holds the other kind of counter")

// Check validates counters before any store sees them: every key non-empty,
// every windowed counter's ExpireAt set, every bucket's Max positive. Errors
// name the counter's index.
func Check(cs []Counter) error {
	_, err := check(cs)
	return err
}

// check is Check, also reporting whether any counter is a bucket.
func check(cs []Counter) (buckets bool, err error) {
	for i := range cs {
		c := &cs[i]
		if c.Key != "" && c.Refill == 0 && !c.ExpireAt.IsZero() {
			continue // a windowed counter, the common case
		}
		buckets = true
		switch {
		case c.Key == "":
			return false, fmt.Errorf("counter %d: %w", i, ErrEmptyKey)
		case c.Refill < 0:
			return false, fmt.Errorf("limitstore: counter %d (%s): negative Refill %v", i, c.Key, c.Refill)
		case c.bucket() && c.Max <= 0:
			return false, fmt.Errorf("limitstore: counter %d (%s): a bucket (Refill %v) needs a positive Max, the amount it refills", i, c.Key, c.Refill)
		case !c.bucket() && c.ExpireAt.IsZero():
			return false, fmt.Errorf("limitstore: counter %d (%s): zero ExpireAt", i, c.Key)
		}
	}
	return buckets, nil
}
