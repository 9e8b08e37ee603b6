package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/claudego/claude/client/limitstore"
)

// kindMarker starts the scripts' error for a key of the other kind.
const kindMarker = "limitstore: key holds the other kind of counter"

// ErrUnavailable wraps the Redis error when the store fails closed.
var ErrUnavailable = errors.New("redisstore: redis unavailable")

// Config configures a Store.
type Config struct {
	// Client is the Redis connection (a *redis.Client, cluster or ring).
	// Required.
	Client redis.UniversalClient
	// FailOpen, when true, counts in Fallback while Redis cannot be reached
	// instead of failing the call. Default false: fail closed.
	FailOpen bool
	// Fallback is the local store used when failing open. Default a new
	// limitstore.Memory.
	Fallback limitstore.Store
	// OnError receives every Redis failure (failing open or closed).
	OnError func(error)
}

// Store is a limitstore.Store in Redis. It is safe for concurrent use.
type Store struct {
	o Config
}

// New returns a Store; Client is required.
func New(o Config) (*Store, error) {
	if o.Client == nil {
		return nil, errors.New("redisstore: Config.Client is nil")
	}
	if o.FailOpen && o.Fallback == nil {
		o.Fallback = limitstore.NewMemory()
	}
	if o.OnError == nil {
		o.OnError = func(error) {}
	}
	return &Store{o: o}, nil
}

// args lays out cs for the scripts: the keys, and four values per counter
// (add, max, window end in Unix milliseconds, refill in milliseconds).
func args(cs []limitstore.Counter) ([]string, []any) {
	keys := make([]string, len(cs))
	argv := make([]any, 0, 4*len(cs))
	for i, c := range cs {
		keys[i] = c.Key
		var exp int64
		if !c.ExpireAt.IsZero() {
			exp = c.ExpireAt.UnixMilli()
		}
		argv = append(argv, c.Add, c.Max, exp, strconv.FormatFloat(float64(c.Refill)/float64(time.Millisecond), 'g', -1, 64))
	}
	return keys, argv
}

// Take implements limitstore.Store with one atomic script.
func (s *Store) Take(ctx context.Context, cs []limitstore.Counter) ([]int64, int, error) {
	if err := limitstore.Check(cs); err != nil {
		return nil, -1, err
	}
	keys, argv := args(cs)
	res, err := takeScript.Run(ctx, s.o.Client, keys, argv...).Int64Slice()
	if err != nil {
		fb, ferr := s.fail(ctx, "take", err)
		if fb == nil {
			return nil, -1, ferr
		}
		return fb.Take(ctx, cs)
	}
	if len(res) != len(cs)+1 {
		return nil, -1, fmt.Errorf("redisstore: take: script returned %d values for %d counters", len(res), len(cs))
	}
	return res[1:], int(res[0]), nil
}

// Add implements limitstore.Store with one atomic script.
func (s *Store) Add(ctx context.Context, cs []limitstore.Counter) error {
	if err := limitstore.Check(cs); err != nil {
		return err
	}
	keys, argv := args(cs)
	if err := addScript.Run(ctx, s.o.Client, keys, argv...).Err(); err != nil {
		fb, ferr := s.fail(ctx, "add", err)
		if fb == nil {
			return ferr
		}
		return fb.Add(ctx, cs)
	}
	return nil
}

// Raise implements limitstore.Store with one atomic script: reading and
// raising in one step is what lets any number of workers reconcile at once.
func (s *Store) Raise(ctx context.Context, cs []limitstore.Counter) ([]int64, error) {
	if err := limitstore.Check(cs); err != nil {
		return nil, err
	}
	keys, argv := args(cs)
	res, err := raiseScript.Run(ctx, s.o.Client, keys, argv...).Int64Slice()
	if err != nil {
		fb, ferr := s.fail(ctx, "raise", err)
		if fb == nil {
			return nil, ferr
		}
		return fb.Raise(ctx, cs)
	}
	if len(res) != len(cs) {
		return nil, fmt.Errorf("redisstore: raise: script returned %d values for %d counters", len(res), len(cs))
	}
	return res, nil
}

// Get implements limitstore.Store with one script, which reads windowed
// counters and drains buckets on the server's clock.
func (s *Store) Get(ctx context.Context, keys []string) ([]int64, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	res, err := getScript.Run(ctx, s.o.Client, keys).Int64Slice()
	if err != nil {
		fb, ferr := s.fail(ctx, "get", err)
		if fb == nil {
			return nil, ferr
		}
		return fb.Get(ctx, keys)
	}
	if len(res) != len(keys) {
		return nil, fmt.Errorf("redisstore: get: script returned %d values for %d keys", len(res), len(keys))
	}
	for i, v := range res {
		if v < 0 {
			return nil, fmt.Errorf("redisstore: key %q does not hold a counter", keys[i])
		}
	}
	return res, nil
}

// fail decides what a Redis error means: the caller's own cancellation is
// returned as is; otherwise it is reported, and either the fallback store
// is returned (fail open) or an error wrapping ErrUnavailable.
func (s *Store) fail(ctx context.Context, op string, err error) (limitstore.Store, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if strings.Contains(err.Error(), kindMarker) {
		// The server answered: a caller's mistake, not an outage.
		return nil, fmt.Errorf("redisstore: %s: %w (%v)", op, limitstore.ErrKind, err)
	}
	err = fmt.Errorf("redisstore: %s: %w", op, err)
	s.o.OnError(err)
	if s.o.FailOpen {
		return s.o.Fallback, nil
	}
	return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
}
