package claudeotel_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/pipenet"
)

// TestStreamChunkTimes runs a stream whose server waits 3 s before the
// first content and 1 s before each of the next two chunks, on a synctest
// clock: the time to first chunk is 3 s, and the chunk intervals add up to
// the 2 s between the first content and the last chunk.
func TestStreamChunkTimes(t *testing.T) {
	t.Parallel()
	body := loadCase(t, "stream-text").body
	cut := func(kind string) int { return bytes.Index(body, []byte("event: "+kind)) }
	parts := [][]byte{body[:cut("content_block_delta")], body[cut("content_block_delta"):cut("content_block_stop")],
		body[cut("content_block_stop"):cut("message_delta")], body[cut("message_delta"):]}
	synctest.Test(t, func(t *testing.T) {
		tel := newTelemetry(t)
		var n pipenet.Network
		url := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sseHeader(w)
			for i, p := range parts {
				if i > 0 {
					time.Sleep([]time.Duration{0, 3 * time.Second, time.Second, time.Second}[i])
				}
				_, _ = w.Write(p)
				w.(http.Flusher).Flush()
			}
		}))
		c := newClient(t, url, client.WithHTTPClient(n.Client(t)), tel.option(false))
		s, err := c.Messages.Stream(context.Background(), request(t, "stream-text"))
		if err != nil {
			t.Fatal(err)
		}
		if err := drain(s); err != nil {
			t.Fatal(err)
		}
		if got := attrs(tel.span(t, streamSpan))["gen_ai.response.time_to_first_chunk"].AsFloat64(); got != 3 {
			t.Errorf("time to first chunk %v s, want 3", got)
		}
		m := tel.metrics(t)
		ttfc := histogramF(t, m, "gen_ai.client.operation.time_to_first_chunk")
		if len(ttfc) != 1 || ttfc[0].Sum != 3 || ttfc[0].Count != 1 {
			t.Errorf("time to first chunk points %+v", ttfc)
		}
		per := histogramF(t, m, "gen_ai.client.operation.time_per_output_chunk")
		if len(per) != 1 || per[0].Sum != 2 || per[0].Count < 2 {
			t.Errorf("time per output chunk points %+v, want at least 2 chunks adding up to 2 s", per)
		}
		if setAttrs(per[0].Attributes)["gen_ai.operation.name"] != "chat" {
			t.Errorf("time per output chunk attributes %v", setAttrs(per[0].Attributes))
		}
	})
}
