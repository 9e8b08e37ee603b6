package redisstore_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore/storetest"
	"github.com/claudego/claude/extensions/ratelimit"
	"github.com/claudego/claude/extensions/redisstore"
)

// fleetRate is the requests per minute the fleet shares, and fleetRun how
// long it sends: a full bucket of 60 at once, then one a second as it
// refills.
const (
	fleetRate = 60
	fleetRun  = 4 * time.Second
)

// rateClient is one worker's own client and Limiter (nothing shared in
// memory), its requests per minute a token bucket in Redis.
func rateClient(rc redis.UniversalClient, url, ns string) (*client.Client, error) {
	st, err := redisstore.New(redisstore.Config{Client: rc})
	if err != nil {
		return nil, err
	}
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: fleetRate, Store: st, Namespace: ns})
	return client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), l.Option())
}

// sendUntil sends as fast as the limiter lets it (waiting for the bucket)
// until end, and returns how many calls went through. A call the limiter
// would hold past end, or one Redis is down for, is not sent.
func sendUntil(c *client.Client, end time.Time) (int, error) {
	sent := 0
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	for time.Now().Before(end) {
		ctx, cancel := context.WithDeadline(context.Background(), end)
		_, err := c.Messages.Create(ctx, req)
		cancel()
		switch {
		case err == nil:
			sent++
		case errors.Is(err, client.ErrRateLimitWait), errors.Is(err, context.DeadlineExceeded):
			return sent, nil
		case errors.Is(err, redisstore.ErrUnavailable):
			time.Sleep(10 * time.Millisecond) // restarting: try again
		default:
			return sent, err
		}
	}
	return sent, nil
}

func rateWorker(addr, url, ns, endUnixNano string) (int, error) {
	end, err := strconv.ParseInt(endUnixNano, 10, 64)
	if err != nil {
		return 0, err
	}
	rc := redis.NewClient(&redis.Options{Addr: addr})
	defer rc.Close()
	return sendFromClients(2, func() (*client.Client, error) { return rateClient(rc, url, ns) },
		func(c *client.Client) (int, error) { return sendUntil(c, time.Unix(0, end)) })
}

// arrivalServer answers every call and notes when it came: the limit is
// measured on the server's side.
func arrivalServer(t *testing.T) (string, func() []time.Time) {
	t.Helper()
	var mu sync.Mutex
	var at []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		at = append(at, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []time.Time {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(at)
	}
}

// runRateFleet starts three worker processes of two clients each and four
// clients here, every one with its own Limiter over Redis, sending until
// end; during runs meanwhile in this process.
func runRateFleet(t *testing.T, r *redisServer, url, ns string, end time.Time, during func()) {
	t.Helper()
	var procs []*exec.Cmd
	var outs []*strings.Builder
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "FLEET_WORKER=ratelimit", "FLEET_REDIS="+r.addr(), "FLEET_URL="+url, "FLEET_NS="+ns,
			"FLEET_END="+strconv.FormatInt(end.UnixNano(), 10))
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs, outs = append(procs, cmd), append(outs, out)
	}
	rc := r.client()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		c, err := rateClient(rc, url, ns)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			if _, err := sendUntil(c, end); err != nil {
				t.Error(err)
			}
		})
	}
	if during != nil {
		during()
	}
	wg.Wait()
	for i, p := range procs {
		if err := p.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, outs[i])
		}
	}
}

// fleetClients is how many clients runRateFleet sends from: at most that
// many calls are in flight between the limiter and the server at once.
const fleetClients = 4 + 3*2

// TestFleetSharesOneRateLimit: four clients in this process and three
// worker processes of two clients each, every one with its own rate
// Limiter keeping its requests per minute in a Redis token bucket, send as
// fast as it lets them for 4 s. The calls taken from the bucket between
// the start and the last arrival are at most what it holds plus what
// refilled meanwhile (60 + 60*t/60 s), and no stretch of time at the server
// holds more than that plus the calls in flight at its start (one per
// client): the bucket, not a calendar minute, bounds every window.
func TestFleetSharesOneRateLimit(t *testing.T) {
	r := startRedis(t)
	url, arrivals := arrivalServer(t)
	ns := uniquePrefix(t)
	start := time.Now()
	runRateFleet(t, r, url, ns, start.Add(fleetRun), nil)
	at := arrivals()
	if len(at) == 0 {
		t.Fatal("no call reached the server")
	}
	last := slices.MaxFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	bound := fleetRate + fleetRate*last.Sub(start).Seconds()/60
	got := storetest.MeasureArrivals(at, fleetRate, time.Minute)
	if float64(len(at)) > bound || len(at) < fleetRate || got.Excess > fleetClients {
		t.Fatalf("server saw %d calls in %v (bucket allows %.1f, and at least the first %d go): %+v", len(at), last.Sub(start).Round(time.Millisecond), bound, fleetRate, got)
	}
	t.Logf("limit %d/min, %d clients in 4 processes, %v: server saw %d calls (bucket bound %.1f), most over the bucket in any stretch %.2f (calls in flight allowed %d)",
		fleetRate, fleetClients, last.Sub(start).Round(time.Millisecond), len(at), bound, got.Excess, fleetClients)
}

// TestRateLimitSurvivesRedisRestart: the same fleet, failing closed, for
// 5 s while Redis is killed and restarted empty (no persistence) after
// 1.5 s: calls Redis is down for are refused, calls go again once it is
// back, and the restart loses at most the bucket's spend: a bucket of calls
// and the calls waiting for their reserved turn (one per client). The
// server sees at most that more than the bucket lets through.
func TestRateLimitSurvivesRedisRestart(t *testing.T) {
	r := startRedis(t)
	url, arrivals := arrivalServer(t)
	ns := uniquePrefix(t)
	start := time.Now()
	var back time.Time
	runRateFleet(t, r, url, ns, start.Add(5*time.Second), func() {
		time.Sleep(1500 * time.Millisecond)
		r.restart()
		back = time.Now()
	})
	at := arrivals()
	last := slices.MaxFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	after := 0
	for _, a := range at {
		if a.After(back) {
			after++
		}
	}
	bound := 2*fleetRate + fleetClients + fleetRate*last.Sub(start).Seconds()/60
	if float64(len(at)) > bound || after == 0 {
		t.Fatalf("server saw %d calls in %v across a restart, %d after it; want at most %.1f, and some after", len(at), last.Sub(start).Round(time.Millisecond), after, bound)
	}
	t.Logf("across a Redis restart: server saw %d calls in %v, %d after the restart (two buckets, the reserved calls and the refill: %.1f)", len(at), last.Sub(start).Round(time.Millisecond), after, bound)
}
