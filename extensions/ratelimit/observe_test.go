package ratelimit_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/extensions/internal/obstest"
	"github.com/claudego/claude/extensions/internal/pipenet"
	"github.com/claudego/claude/extensions/internal/rttest"
	"github.com/claudego/claude/extensions/ratelimit"
)

// TestReportsWait: a call the limiter holds reaches the call's observers as
// a rate_limit_wait naming the limit and the wait (on the bubble's clock),
// computed from the bucket, whether the limiter keeps it or a Store does.
func TestReportsWait(t *testing.T) {
	t.Run("local", func(t *testing.T) { testReportsWait(t, nil) })
	t.Run("store", func(t *testing.T) { testReportsWait(t, limitstore.NewMemory()) })
}

func testReportsWait(t *testing.T, store limitstore.Store) {
	synctest.Test(t, func(t *testing.T) {
		var n pipenet.Network
		url := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, rttest.MessageBody)
		}))
		rec := &obstest.Recorder{}
		c, err := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(url), client.WithHTTPClient(n.Client(t)),
			ratelimit.New(ratelimit.Config{RequestsPerMinute: 60, Store: store}), client.WithObserver(rec))
		if err != nil {
			t.Fatal(err)
		}
		req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("Hi")}}
		for range 61 { // the bucket holds a minute's 60; the 61st waits 1s
			if _, err := c.Messages.Create(context.Background(), req); err != nil {
				t.Fatal(err)
			}
		}
		evs := rec.Of(client.EventRateLimitWait)
		if len(evs) != 1 || evs[0].Wait != time.Second || evs[0].Name != "requests" || evs[0].Operation != "messages.create" {
			t.Fatalf("rate_limit_wait events %+v", evs)
		}
	})
}
