package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/claudego/claude/client/limitstore"
)

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

// takeScript checks every counter, then adds all or none. KEYS are the
// counters; ARGV holds, per counter, add, max and the window's end in Unix
// milliseconds. It returns {refused, value1, value2, ...}, refused being the
// 0-based index of the first counter over its max, or -1.
var takeScript = redis.NewScript(`
local vals = {}
local refused = -1
for i = 1, #KEYS do
  local v = tonumber(redis.call('GET', KEYS[i]) or '0')
  vals[i] = v
  local add = tonumber(ARGV[3*i-2])
  local max = tonumber(ARGV[3*i-1])
  if refused < 0 and max > 0 and add > 0 and v + add > max then
    refused = i - 1
  end
end
if refused < 0 then
  for i = 1, #KEYS do
    vals[i] = redis.call('INCRBY', KEYS[i], ARGV[3*i-2])
    redis.call('PEXPIREAT', KEYS[i], ARGV[3*i])
  end
end
local out = {refused}
for i = 1, #KEYS do out[i+1] = vals[i] end
return out
`)

// addScript adds unconditionally, keeping each key's expiry at its window's
// end.
var addScript = redis.NewScript(`
for i = 1, #KEYS do
  redis.call('INCRBY', KEYS[i], ARGV[2*i-1])
  redis.call('PEXPIREAT', KEYS[i], ARGV[2*i])
end
return 0
`)

// Take implements limitstore.Store with one atomic script.
func (s *Store) Take(ctx context.Context, cs []limitstore.Counter) ([]int64, int, error) {
	if err := limitstore.Check(cs); err != nil {
		return nil, -1, err
	}
	keys := make([]string, len(cs))
	args := make([]any, 0, 3*len(cs))
	for i, c := range cs {
		keys[i] = c.Key
		args = append(args, c.Add, c.Max, c.ExpireAt.UnixMilli())
	}
	res, err := takeScript.Run(ctx, s.o.Client, keys, args...).Int64Slice()
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
	keys := make([]string, len(cs))
	args := make([]any, 0, 2*len(cs))
	for i, c := range cs {
		keys[i] = c.Key
		args = append(args, c.Add, c.ExpireAt.UnixMilli())
	}
	if err := addScript.Run(ctx, s.o.Client, keys, args...).Err(); err != nil {
		fb, ferr := s.fail(ctx, "add", err)
		if fb == nil {
			return ferr
		}
		return fb.Add(ctx, cs)
	}
	return nil
}

// Get implements limitstore.Store with MGET.
func (s *Store) Get(ctx context.Context, keys []string) ([]int64, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	res, err := s.o.Client.MGet(ctx, keys...).Result()
	if err != nil {
		fb, ferr := s.fail(ctx, "get", err)
		if fb == nil {
			return nil, ferr
		}
		return fb.Get(ctx, keys)
	}
	out := make([]int64, len(keys))
	for i, v := range res {
		str, ok := v.(string)
		if !ok {
			continue // nil: missing or expired
		}
		n, err := strconv.ParseInt(str, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("redisstore: key %q holds %q, not a counter", keys[i], str)
		}
		out[i] = n
	}
	return out, nil
}

// fail decides what a Redis error means: the caller's own cancellation is
// returned as is; otherwise it is reported, and either the fallback store
// is returned (fail open) or an error wrapping ErrUnavailable.
func (s *Store) fail(ctx context.Context, op string, err error) (limitstore.Store, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	err = fmt.Errorf("redisstore: %s: %w", op, err)
	s.o.OnError(err)
	if s.o.FailOpen {
		return s.o.Fallback, nil
	}
	return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
}
