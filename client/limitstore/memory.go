package limitstore

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
	"unsafe"
)

// Memory is a Store in this process's memory. The zero value is ready; Now
// may be set (before use) to inject time in tests.
type Memory struct {
	// Now returns the current time, to expire windows and drain buckets.
	// Default time.Now.
	Now func() time.Time

	mu      sync.Mutex
	m       map[string]*memEntry
	inserts int // since the last sweep of expired windows
	// recent are the entries of the last keys found, checked before the
	// map: a quota or a rate limiter asks for the same few keys on every
	// call, held in the same strings, which compare equal by their pointer
	// without hashing 40 bytes each. Cleared whenever an entry leaves m.
	recent     [recentKeys]recentEntry
	recentNext int
}

// recentKeys is how many keys Memory.recent holds: a quota's four metrics
// and a rate limiter's three buckets.
const recentKeys = 8

// recentEntry is a key's entry, and the key's bytes (p) and length (n),
// kept as a string holds them. The key itself is kept too, so its bytes
// live as long as the entry is recent.
type recentEntry struct {
	key string
	p   *byte
	n   int
	e   *memEntry
}

// find returns key's entry in m (nil when absent), from recent when it is
// there; the caller holds mu.
func (s *Memory) find(key string) *memEntry {
	// Only the string's pointer and length are compared: the same key in
	// another string is found in the map, as any other.
	p := unsafe.StringData(key)
	for i := range s.recent {
		if r := &s.recent[i]; r.p == p && r.n == len(key) && r.e != nil {
			return r.e
		}
	}
	e := s.m[key]
	if e != nil {
		s.remember(key, e)
	}
	return e
}

// remember puts key's entry in recent, in place of the oldest.
func (s *Memory) remember(key string, e *memEntry) {
	s.recent[s.recentNext] = recentEntry{key, unsafe.StringData(key), len(key), e}
	s.recentNext = (s.recentNext + 1) % recentKeys
}

// forget empties recent, when an entry leaves m.
func (s *Memory) forget() { s.recent = [recentKeys]recentEntry{} }

// sweepEvery is how many new keys go in between two sweeps of the expired
// ones: keys name their window, so old windows' keys are never asked for
// again and would otherwise stay.
const sweepEvery = 1024

// memEntry is one key: a windowed count (v), or a bucket's spend (level at
// time at, draining perSec a second).
type memEntry struct {
	v      int64
	exp    time.Time // the window's end, or when the bucket has drained
	level  float64
	at     time.Time
	perSec float64 // zero for a windowed counter
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{} }

func (s *Memory) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// lookup returns c's live entry, creating (or renewing an expired) one; the
// caller holds mu. One map lookup per counter: a quota or rate limit takes
// several per call.
func (s *Memory) lookup(now time.Time, i int, c *Counter) (*memEntry, error) {
	if s.m == nil {
		s.m = make(map[string]*memEntry)
	}
	e := s.find(c.Key)
	if e == nil {
		if s.inserts++; s.inserts >= sweepEvery {
			s.inserts = 0
			s.forget()
			for k, old := range s.m {
				if !now.Before(old.exp) {
					delete(s.m, k)
				}
			}
		}
		e = &memEntry{}
		s.m[c.Key] = e
		s.remember(c.Key, e)
	} else if !now.Before(e.exp) {
		*e = memEntry{}
	} else if (e.perSec > 0) != c.bucket() {
		return nil, fmt.Errorf("limitstore: counter %d (%s): %w", i, c.Key, ErrKind)
	}
	if c.bucket() {
		e.perSec = float64(c.Max) / c.Refill.Seconds()
		if e.at.IsZero() {
			e.at = now
		}
	}
	return e, nil
}

// value is e's count at now: a bucket's spend after draining, unrounded.
func (e *memEntry) value(now time.Time) float64 {
	if e.perSec == 0 {
		return float64(e.v)
	}
	if now.After(e.at) {
		return max(0, e.level-now.Sub(e.at).Seconds()*e.perSec)
	}
	return e.level
}

// set stores e's new count at now, v for a bucket or iv for a windowed
// counter (whose integer stays exact past 2^53), and returns it as the
// store reports it. A bucket's clock only moves forward, so it never drains
// the same time twice.
func (e *memEntry) set(now time.Time, c *Counter, v float64, iv int64) int64 {
	if e.perSec == 0 {
		e.v, e.exp = iv, c.ExpireAt
		return e.v
	}
	e.level = max(0, v)
	if now.After(e.at) {
		e.at = now
	}
	e.exp = e.at.Add(time.Duration(math.Ceil(e.level / e.perSec * 1e9)))
	return report(e.level)
}

// report rounds a bucket's spend up: a call fits only in what is whole.
func report(v float64) int64 { return int64(math.Ceil(v)) }

// over reports whether adding c to e, whose value is v, passes c.Max.
func (e *memEntry) over(v float64, c *Counter) bool {
	if e.perSec == 0 {
		return e.v+c.Add > c.Max
	}
	return v+float64(c.Add) > float64(c.Max)
}

// reported is what Take, Raise and Get return for e at value v.
func (e *memEntry) reported(v float64) int64 {
	if e.perSec == 0 {
		return e.v
	}
	return report(v)
}

// load returns cs's live entries and their values at now, appended to es
// and vs (arrays on the caller's stack: a quota or rate limit takes a few
// counters per call, and they need no allocation); the caller holds mu.
func (s *Memory) load(now time.Time, cs []Counter, es []*memEntry, vs []float64) ([]*memEntry, []float64, error) {
	for i := range cs {
		e, err := s.lookup(now, i, &cs[i])
		if err != nil {
			return nil, nil, err
		}
		es, vs = append(es, e), append(vs, e.value(now))
	}
	return es, vs, nil
}

// begin validates cs and ctx, then locks the store; the caller unlocks.
// It reports whether any counter is a bucket: windowed counters alone (a
// quota's) take the integer path, takeWindows.
func (s *Memory) begin(ctx context.Context, cs []Counter) (buckets bool, err error) {
	if buckets, err = check(cs); err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	return buckets, nil
}

// window returns windowed counter c's live entry, creating (or renewing an
// expired) one; the caller holds mu. It is lookup for a windowed counter,
// without the float values a bucket needs: a quota takes and corrects
// several per call.
func (s *Memory) window(now time.Time, i int, c *Counter) (*memEntry, error) {
	e := s.find(c.Key)
	if e == nil || !now.Before(e.exp) {
		return s.lookup(now, i, c)
	}
	if e.perSec > 0 {
		return nil, fmt.Errorf("limitstore: counter %d (%s): %w", i, c.Key, ErrKind)
	}
	return e, nil
}

// takeWindows is Take for windowed counters alone; the caller holds mu.
func (s *Memory) takeWindows(now time.Time, cs []Counter) ([]int64, int, error) {
	var small [8]*memEntry
	es := small[:0]
	vals := make([]int64, len(cs))
	refused := -1
	for i := range cs {
		c := &cs[i]
		e, err := s.window(now, i, c)
		if err != nil {
			return nil, -1, err
		}
		es = append(es, e)
		vals[i] = e.v
		if refused < 0 && c.Max > 0 && c.Add > 0 && e.v+c.Add > c.Max {
			refused = i
		}
	}
	if refused >= 0 {
		return vals, refused, nil
	}
	for i := range cs {
		es[i].v += cs[i].Add
		es[i].exp = cs[i].ExpireAt
		vals[i] = es[i].v
	}
	return vals, -1, nil
}

// Take implements Store.
func (s *Memory) Take(ctx context.Context, cs []Counter) ([]int64, int, error) {
	buckets, err := s.begin(ctx, cs)
	if err != nil {
		return nil, -1, err
	}
	defer s.mu.Unlock()
	now := s.now()
	if !buckets {
		return s.takeWindows(now, cs)
	}
	var smallE [8]*memEntry
	var smallV [8]float64
	es, vs, err := s.load(now, cs, smallE[:0], smallV[:0])
	if err != nil {
		return nil, -1, err
	}
	vals := make([]int64, len(cs))
	refused := -1
	for i := range cs {
		c := &cs[i]
		vals[i] = es[i].reported(vs[i])
		if refused < 0 && c.Max > 0 && c.Add > 0 && es[i].over(vs[i], c) {
			refused = i
		}
	}
	if refused >= 0 {
		return vals, refused, nil
	}
	for i := range cs {
		c := &cs[i]
		vals[i] = es[i].set(now, c, vs[i]+float64(c.Add), es[i].v+c.Add)
	}
	return vals, -1, nil
}

// Add implements Store.
func (s *Memory) Add(ctx context.Context, cs []Counter) error {
	buckets, err := s.begin(ctx, cs)
	if err != nil {
		return err
	}
	defer s.mu.Unlock()
	now := s.now()
	if !buckets {
		// Check every key's kind first: all or nothing.
		var small [8]*memEntry
		es := small[:0]
		for i := range cs {
			e, err := s.window(now, i, &cs[i])
			if err != nil {
				return err
			}
			es = append(es, e)
		}
		for i := range cs {
			es[i].v += cs[i].Add
			es[i].exp = cs[i].ExpireAt
		}
		return nil
	}
	var smallE [8]*memEntry
	var smallV [8]float64
	es, vs, err := s.load(now, cs, smallE[:0], smallV[:0])
	if err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		es[i].set(now, c, vs[i]+float64(c.Add), es[i].v+c.Add)
	}
	return nil
}

// Raise implements Store.
func (s *Memory) Raise(ctx context.Context, cs []Counter) ([]int64, error) {
	if _, err := s.begin(ctx, cs); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	now := s.now()
	var smallE [8]*memEntry
	var smallV [8]float64
	es, vs, err := s.load(now, cs, smallE[:0], smallV[:0])
	if err != nil {
		return nil, err
	}
	before := make([]int64, len(cs))
	for i := range cs {
		c := &cs[i]
		before[i] = es[i].reported(vs[i])
		es[i].set(now, c, max(vs[i], float64(c.Add)), max(es[i].v, c.Add))
	}
	return before, nil
}

// Get implements Store.
func (s *Memory) Get(ctx context.Context, keys []string) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	vals := make([]int64, len(keys))
	for i, k := range keys {
		e := s.find(k)
		switch {
		case e == nil:
		case !now.Before(e.exp):
			delete(s.m, k)
			s.forget()
		default:
			vals[i] = e.reported(e.value(now))
		}
	}
	return vals, nil
}
