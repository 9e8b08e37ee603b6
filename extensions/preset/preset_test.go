package preset_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/preset"
	"github.com/claudego/claude/extensions/retry"
)

func TestRecommendedRetriesAndBreaks(t *testing.T) {
	srv := rttest.NewServer(t, rttest.Always(rttest.Overloaded))
	p := preset.NewPreset(preset.Config{
		Retry:   retry.Config{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond},
		Breaker: circuitbreaker.Config{FailureThreshold: 2},
	})
	c, err := client.New(client.WithAPIKey("sk-ant-test-preset"), client.WithBaseURL(srv.URL), client.WithHTTPClient(srv.Client()), p.Option())
	if err != nil {
		t.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	for i := 0; i < 2; i++ {
		if _, err := c.Messages.Create(context.Background(), req); !errors.Is(err, client.ErrRetriesExhausted) || !errors.Is(err, client.ErrOverloaded) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := c.Messages.Create(context.Background(), req); !errors.Is(err, client.ErrCircuitOpen) {
		t.Fatalf("third call: %v", err)
	}
	if srv.Attempts() != 6 || p.Breaker.State() != circuitbreaker.Open {
		t.Fatalf("attempts %d, state %v", srv.Attempts(), p.Breaker.State())
	}
	if !p.Retry.RetryStreamPrelude {
		t.Fatal("stream prelude retry not on in the preset")
	}
}

// The preset's layers land in their slots: user middleware sees one call,
// the transport sees every retry.
func TestRecommendedSlots(t *testing.T) {
	srv := rttest.NewServer(t, rttest.Then(rttest.Status503, 2, rttest.OK))
	var outer, inner int
	count := func(n *int) client.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) { *n++; return next.RoundTrip(r) })
		}
	}
	base := srv.Client().Transport
	hc := &http.Client{Transport: count(&inner)(base)}
	p := preset.NewPreset(preset.Config{Retry: retry.Config{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}})
	c, _ := client.New(client.WithAPIKey("sk-ant-test-preset"), client.WithBaseURL(srv.URL), client.WithHTTPClient(hc),
		p.Option(), client.WithMiddleware(count(&outer)))
	msg, err := c.Messages.Create(context.Background(), client.MessageRequest{Model: "m", MaxTokens: 8, Messages: []client.MessageParam{client.UserText("x")}})
	if err != nil || !strings.Contains(msg.Text(), "4") {
		t.Fatalf("%v %v", msg, err)
	}
	if outer != 1 || inner != 3 {
		t.Fatalf("middleware saw %d, transport %d; want 1 and 3", outer, inner)
	}
}
