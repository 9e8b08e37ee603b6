package redisstore_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/ratelimit"
	"github.com/claudego/claude/extensions/redisstore"
)

// fleetRate is the requests per minute the fleet shares.
const fleetRate = 40

// rateClient is one worker's own client and Limiter (nothing shared in
// memory), its requests per minute kept in Redis.
func rateClient(rc redis.UniversalClient, url, ns string) (*client.Client, error) {
	st, err := redisstore.New(redisstore.Config{Client: rc})
	if err != nil {
		return nil, err
	}
	l := ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: fleetRate, Store: st, Namespace: ns, Mode: ratelimit.Reject})
	return client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), l.Option())
}

// sendUntilLimited sends as fast as it can until the limiter refuses three
// times in a row, and returns how many calls went through.
func sendUntilLimited(c *client.Client) (int, error) {
	sent, refusals := 0, 0
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	for refusals < 3 {
		_, err := c.Messages.Create(context.Background(), req)
		switch {
		case err == nil:
			sent, refusals = sent+1, 0
		case errors.Is(err, client.ErrRateLimitWait):
			refusals++
		default:
			return sent, err
		}
	}
	return sent, nil
}

func rateWorker(addr, url, ns string) (int, error) {
	rc := redis.NewClient(&redis.Options{Addr: addr})
	defer rc.Close()
	return sendFromClients(2, func() (*client.Client, error) { return rateClient(rc, url, ns) }, sendUntilLimited)
}

// TestFleetSharesOneRateLimit: four clients in this process and three
// worker processes of two clients each, every one with its own rate
// Limiter keeping its requests per minute in Redis, send as fast as they
// can: the server sees no more than the limit per calendar minute the run
// touched (one minute, unless the run crossed into the next), and at least
// one minute's worth, since everyone sends until refused.
func TestFleetSharesOneRateLimit(t *testing.T) {
	r := startRedis(t)
	url, hits := countingServer(t)
	ns := uniquePrefix(t)
	if s := time.Now().Second(); s >= 50 {
		// Start in a fresh minute, so a slow start rarely spans two: not a
		// timed assertion (the bound below holds either way).
		time.Sleep(time.Duration(61-s) * time.Second)
	}
	first := time.Now().Truncate(time.Minute)
	var procs []*exec.Cmd
	var outs []*strings.Builder
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "FLEET_WORKER=ratelimit", "FLEET_REDIS="+r.addr(), "FLEET_URL="+url, "FLEET_NS="+ns)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs, outs = append(procs, cmd), append(outs, out)
	}
	rc := r.client()
	var inProc atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		c, err := rateClient(rc, url, ns)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			n, err := sendUntilLimited(c)
			if err != nil {
				t.Error(err)
			}
			inProc.Add(int64(n))
		})
	}
	wg.Wait()
	byProcs := 0
	for i, p := range procs {
		if err := p.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, outs[i])
		}
		n, err := strconv.Atoi(strings.TrimSpace(outs[i].String()))
		if err != nil {
			t.Fatalf("worker %d output %q", i, outs[i])
		}
		byProcs += n
	}
	minutes := int64(time.Now().Truncate(time.Minute).Sub(first)/time.Minute) + 1
	sent := inProc.Load() + int64(byProcs)
	if hits.Load() != sent || sent > fleetRate*minutes || sent < fleetRate {
		t.Fatalf("server saw %d calls, clients sent %d (in-process %d, workers %d), over %d minute(s) of %d", hits.Load(), sent, inProc.Load(), byProcs, minutes, fleetRate)
	}
	t.Logf("limit %d/min over %d minute(s): in-process clients sent %d, worker processes %d", fleetRate, minutes, inProc.Load(), byProcs)
}
