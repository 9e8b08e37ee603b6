package diagnostics_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
	"github.com/claudego/claude/extensions/internal/pipenet"
)

// TestTimingOnTheBubbleClock: the attempt's timings come from the clock, not
// a Now hook in Config, so a server that takes 300 ms to answer and 200 ms
// more to finish its body shows exactly those durations under
// testing/synctest.
func TestTimingOnTheBubbleClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n pipenet.Network
		url := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.ReadAll(r.Body)
			time.Sleep(300 * time.Millisecond)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, reply[:10])
			w.(http.Flusher).Flush()
			time.Sleep(200 * time.Millisecond)
			_, _ = io.WriteString(w, reply[10:])
		}))
		var got []diagnostics.Attempt
		c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url), client.WithHTTPClient(n.Client(t)),
			diagnostics.New(diagnostics.Config{OnAttempt: func(a diagnostics.Attempt) { got = append(got, a) }}))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := c.Messages.Create(context.Background(), client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 8,
			Messages: []client.MessageParam{client.UserText("hi")}}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !got[0].Start.Equal(start) || got[0].FirstByte != 300*time.Millisecond || got[0].Total != 500*time.Millisecond {
			t.Fatalf("attempts %+v; want one starting at %v, first byte at 300ms, total 500ms", got, start)
		}
	})
}
