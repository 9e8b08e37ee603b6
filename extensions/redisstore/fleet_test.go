package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/extensions/redisstore"
)

const testKey = "sk-ant-test-redisstore"

const reply = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}}`

// TestMain also runs as a fleet worker process when FLEET_WORKER is set.
func TestMain(m *testing.M) {
	if os.Getenv("FLEET_WORKER") == "ratelimit" {
		n, err := rateWorker(os.Getenv("FLEET_REDIS"), os.Getenv("FLEET_URL"), os.Getenv("FLEET_NS"), os.Getenv("FLEET_END"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(n)
		os.Exit(0)
	}
	if os.Getenv("FLEET_WORKER") == "1" {
		n, err := fleetWorker(os.Getenv("FLEET_REDIS"), os.Getenv("FLEET_URL"), os.Getenv("FLEET_NS"), os.Getenv("FLEET_NOW"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(n)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// countingServer answers every call and counts them: the budget is
// measured on the server's side.
func countingServer(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &hits
}

const fleetBudget = 60

// newQuota is one worker's own Quota (nothing shared in memory) over Redis.
func newQuota(rc redis.UniversalClient, ns string, now time.Time, failOpen bool, onErr func(error)) (*quota.Quota, error) {
	st, err := redisstore.New(redisstore.Config{Client: rc, FailOpen: failOpen, OnError: onErr})
	if err != nil {
		return nil, err
	}
	return quota.NewQuota(quota.Config{
		Namespace: ns,
		Store:     st,
		Limits:    []quota.Limit{{Period: quota.Day, Requests: fleetBudget, OutputTokens: 1 << 40}},
		Now:       func() time.Time { return now },
	})
}

// sendUntilRefused sends as fast as it can until the quota refuses three
// times in a row, and returns how many calls went through.
func sendUntilRefused(c *client.Client) (int, error) {
	sent, refusals := 0, 0
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	for refusals < 3 {
		_, err := c.Messages.Create(context.Background(), req)
		switch {
		case err == nil:
			sent++
		case errors.Is(err, quota.ErrQuotaExceeded):
			refusals++
		default:
			return sent, err
		}
	}
	return sent, nil
}

func fleetWorker(addr, url, ns, nowUnix string) (int, error) {
	sec, err := strconv.ParseInt(nowUnix, 10, 64)
	if err != nil {
		return 0, err
	}
	rc := redis.NewClient(&redis.Options{Addr: addr})
	defer rc.Close()
	// Two clients in this process, each its own Quota.
	return sendFromClients(2, func() (*client.Client, error) {
		q, err := newQuota(rc, ns, time.Unix(sec, 0), false, nil)
		if err != nil {
			return nil, err
		}
		return client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), q.Option())
	}, sendUntilRefused)
}

// sendFromClients makes n clients with newClient and runs send on each
// concurrently; it returns the calls they sent in all and the first error.
func sendFromClients(n int, newClient func() (*client.Client, error), send func(*client.Client) (int, error)) (int, error) {
	var total atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		c, err := newClient()
		if err != nil {
			wg.Wait()
			return int(total.Load()), err
		}
		wg.Go(func() {
			k, err := send(c)
			total.Add(int64(k))
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	return int(total.Load()), <-errs
}

// TestFleetNeverExceedsTheBudget: four clients in this process and three
// worker processes of two clients each, every one with its own Quota, all
// sending as fast as they can, share one budget of 60 calls through Redis:
// the server sees exactly 60.
func TestFleetNeverExceedsTheBudget(t *testing.T) {
	r := startRedis(t)
	url, hits := countingServer(t)
	ns := uniquePrefix(t)
	now := time.Now()

	var procs []*exec.Cmd
	var outs []*strings.Builder
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "FLEET_WORKER=1", "FLEET_REDIS="+r.addr(), "FLEET_URL="+url, "FLEET_NS="+ns, "FLEET_NOW="+strconv.FormatInt(now.Unix(), 10))
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
		q, err := newQuota(rc, ns, time.Unix(now.Unix(), 0), false, nil)
		if err != nil {
			t.Fatal(err)
		}
		c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), q.Option())
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := sendUntilRefused(c)
			if err != nil {
				t.Error(err)
			}
			inProc.Add(int64(n))
		}()
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
	if hits.Load() != fleetBudget || inProc.Load()+int64(byProcs) != fleetBudget {
		t.Fatalf("server saw %d calls (in-process %d, workers %d); budget %d", hits.Load(), inProc.Load(), byProcs, fleetBudget)
	}
	t.Logf("budget %d: in-process clients sent %d, worker processes %d", fleetBudget, inProc.Load(), byProcs)
}

// TestRedisRestartMidRun: while Redis is down a fail-closed quota refuses
// with ErrUnavailable (nothing is sent) and a fail-open one sends and
// reports; after a restart (empty, no persistence) the counts lost are those
// of the current window only: the fleet can send at most one more budget.
func TestRedisRestartMidRun(t *testing.T) {
	r := startRedis(t)
	url, hits := countingServer(t)
	ns := uniquePrefix(t)
	now := time.Now()
	rc := r.client()
	var reported atomic.Int64
	closedQ, err := newQuota(rc, ns, now, false, func(error) { reported.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	openQ, err := newQuota(rc, ns, now, true, func(error) { reported.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	closedC, _ := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), closedQ.Option())
	openC, _ := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), openQ.Option())
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	ctx := context.Background()
	for i := 0; i < 20; i++ {
		if _, err := closedC.Messages.Create(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	r.stop()
	if _, err := closedC.Messages.Create(ctx, req); !errors.Is(err, redisstore.ErrUnavailable) {
		t.Fatalf("fail closed with Redis down: %v", err)
	}
	if hits.Load() != 20 {
		t.Fatalf("a refused call was sent: %d", hits.Load())
	}
	if _, err := openC.Messages.Create(ctx, req); err != nil || reported.Load() < 2 {
		t.Fatalf("fail open with Redis down: %v, reported %d", err, reported.Load())
	}
	r.restart()
	n, err := sendUntilRefused(closedC)
	if err != nil {
		t.Fatal(err)
	}
	if n != fleetBudget {
		t.Fatalf("after the restart %d calls went, want a fresh window of %d", n, fleetBudget)
	}
	// Sent in all: 20 before, 1 failing open, one fresh window after.
	if hits.Load() != 20+1+fleetBudget {
		t.Fatalf("server saw %d", hits.Load())
	}
}
