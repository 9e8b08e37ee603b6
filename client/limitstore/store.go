package limitstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Counter is one windowed count. Keys carry their window in their name (the
// caller puts the window's start in it), and ExpireAt is the window's end, so
// a store may drop the key then: a restart of the store loses at most the
// current windows.
type Counter struct {
	// Key names the counter, namespaced by the caller (organization,
	// workspace, period, window, model, metric).
	Key string
	// Add is the amount to add; negative gives back.
	Add int64
	// Max is the counter's limit for Take; zero or negative means none.
	Max int64
	// ExpireAt is when the counter's window ends.
	ExpireAt time.Time
}

// Store keeps counters. Implementations are safe for concurrent use, and
// Take is atomic across all its counters: concurrent callers, in one process
// or many, never both pass a limit that only one of them fits under.
type Store interface {
	// Take adds every counter's Add if none would then pass its Max, and
	// returns the values after. Otherwise it adds nothing and returns the
	// current values and the index of the first counter that refused;
	// refused is -1 when all were added.
	Take(ctx context.Context, cs []Counter) (values []int64, refused int, err error)
	// Add adds unconditionally (corrections after the real usage is known,
	// refunds); Max is ignored.
	Add(ctx context.Context, cs []Counter) error
	// Get returns the current values, zero for a missing or expired key.
	Get(ctx context.Context, keys []string) ([]int64, error)
}

// ErrEmptyKey is returned for a counter with an empty key.
var ErrEmptyKey = errors.New("limitstore: empty counter key")

// Check validates counters before any store sees them: every key non-empty
// and every ExpireAt set. Errors name the counter's index.
func Check(cs []Counter) error {
	for i, c := range cs {
		if c.Key == "" {
			return fmt.Errorf("counter %d: %w", i, ErrEmptyKey)
		}
		if c.ExpireAt.IsZero() {
			return fmt.Errorf("limitstore: counter %d (%s): zero ExpireAt", i, c.Key)
		}
	}
	return nil
}

// Memory is a Store in this process's memory. The zero value is ready; Now
// may be set (before use) to inject time in tests.
type Memory struct {
	// Now returns the current time, to expire windows. Default time.Now.
	Now func() time.Time

	mu      sync.Mutex
	m       map[string]*memEntry
	inserts int // since the last sweep of expired windows
}

// sweepEvery is how many new keys go in between two sweeps of the expired
// ones: keys name their window, so old windows' keys are never asked for
// again and would otherwise stay.
const sweepEvery = 1024

type memEntry struct {
	v   int64
	exp time.Time
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{} }

func (s *Memory) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// entry returns key's live entry, creating (or renewing an expired) one
// that ends at exp; the caller holds mu. One map lookup per counter: a
// quota or rate limit takes several per call.
func (s *Memory) entry(now time.Time, key string, exp time.Time) *memEntry {
	if s.m == nil {
		s.m = make(map[string]*memEntry)
	}
	e := s.m[key]
	if e == nil {
		if s.inserts++; s.inserts >= sweepEvery {
			s.inserts = 0
			for k, old := range s.m {
				if !now.Before(old.exp) {
					delete(s.m, k)
				}
			}
		}
		e = &memEntry{exp: exp}
		s.m[key] = e
	} else if !now.Before(e.exp) {
		*e = memEntry{exp: exp}
	}
	return e
}

// get returns the live value of key; the caller holds mu.
func (s *Memory) get(now time.Time, key string) int64 {
	e := s.m[key]
	if e == nil {
		return 0
	}
	if !now.Before(e.exp) {
		delete(s.m, key)
		return 0
	}
	return e.v
}

// Take implements Store.
func (s *Memory) Take(ctx context.Context, cs []Counter) ([]int64, int, error) {
	if err := Check(cs); err != nil {
		return nil, -1, err
	}
	if err := ctx.Err(); err != nil {
		return nil, -1, err
	}
	var small [8]*memEntry
	es := small[:0]
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	vals := make([]int64, len(cs))
	refused := -1
	for i, c := range cs {
		e := s.entry(now, c.Key, c.ExpireAt)
		es = append(es, e)
		vals[i] = e.v
		if refused < 0 && c.Max > 0 && c.Add > 0 && e.v+c.Add > c.Max {
			refused = i
		}
	}
	if refused >= 0 {
		return vals, refused, nil
	}
	for i, c := range cs {
		es[i].v += c.Add
		es[i].exp = c.ExpireAt
		vals[i] = es[i].v
	}
	return vals, -1, nil
}

// Add implements Store.
func (s *Memory) Add(ctx context.Context, cs []Counter) error {
	if err := Check(cs); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, c := range cs {
		e := s.entry(now, c.Key, c.ExpireAt)
		e.v += c.Add
		e.exp = c.ExpireAt
	}
	return nil
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
		vals[i] = s.get(now, k)
	}
	return vals, nil
}
