package storetest

import (
	"slices"
	"time"
)

// Arrivals is what a server saw of a rate limit: when calls reached it,
// measured against a token bucket of capacity Limit refilled continuously,
// Limit every Per (how the Claude API limits requests and tokens per
// minute).
type Arrivals struct {
	Calls int
	// MaxInWindow is the most calls in any window [t, t+Per). A bucket
	// that starts full lets through up to 2*Limit-1 there (a full bucket at
	// once, then what refills); once it has been drained, Limit.
	MaxInWindow int
	// Excess is the most by which any stretch [t_i, t_j] held more calls
	// than the bucket lets through, Limit + Limit*(t_j-t_i)/Per. At most
	// zero: a server limiting with that bucket would have refused none.
	Excess float64
}

// MeasureArrivals measures times (in any order) against limit per per.
func MeasureArrivals(times []time.Time, limit int, per time.Duration) Arrivals {
	ts := slices.Clone(times)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	a := Arrivals{Calls: len(ts), Excess: -float64(limit)}
	hi := 0
	for i, t := range ts {
		for hi < len(ts) && ts[hi].Before(t.Add(per)) {
			hi++
		}
		a.MaxInWindow = max(a.MaxInWindow, hi-i)
		for j := i; j < len(ts); j++ {
			allowed := float64(limit) + float64(limit)*float64(ts[j].Sub(t))/float64(per)
			a.Excess = max(a.Excess, float64(j-i+1)-allowed)
		}
	}
	return a
}
