package pipenet_test

import (
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/extensions/internal/pipenet"
)

// TestServerDelayOnTheBubbleClock: a handler that waits an hour answers at
// once in real time, and the client measures exactly the hour on the
// bubble's clock; a host with no server refuses the dial.
func TestServerDelayOnTheBubbleClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n pipenet.Network
		u := n.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(time.Hour)
			_, _ = io.WriteString(w, "late "+r.URL.Path)
		}))
		c := n.Client(t)
		start := time.Now()
		resp, err := c.Get(u + "/x")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != "late /x" || time.Since(start) != time.Hour {
			t.Fatalf("got %q after %v", body, time.Since(start))
		}
		if _, err := c.Get(n.Down()); !errors.Is(err, pipenet.ErrRefused) {
			t.Fatalf("dial to a host with no server: %v", err)
		}
	})
}
