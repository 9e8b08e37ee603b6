package streaming

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// TestEndersWaitForTheObservers: when the context decides a stream's
// verdict, Close and Next return only after the observers have heard it, so
// a caller that closed the stream sees the call's last event (the flake in
// client's TestObserverStream/hang: stream_end had been reported, call_end
// not yet).
func TestEndersWaitForTheObservers(t *testing.T) {
	for _, ender := range []string{"Close", "Next", "Cancel"} {
		t.Run(ender, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://x/v1/messages", nil)
				if err != nil {
					t.Fatal(err)
				}
				unblock := make(chan struct{})
				var heard atomic.Int32
				s := New(&http.Response{StatusCode: 200, Request: req, Body: http.NoBody, Header: http.Header{}}, Config{
					Observer: Observer{End: func(v Verdict) {
						<-unblock // a slow observer: an exporter, a log write
						heard.Add(1)
					}},
				})
				cancel()
				synctest.Wait() // the context's AfterFunc decided and is inside End
				var returned atomic.Bool
				go func() {
					switch ender {
					case "Close":
						_ = s.Close()
					case "Next":
						_ = s.Next()
					case "Cancel":
						s.Cancel()
					}
					returned.Store(true)
				}()
				synctest.Wait()
				if returned.Load() {
					t.Fatalf("%s returned before the observer heard the verdict", ender)
				}
				close(unblock)
				synctest.Wait()
				if !returned.Load() || heard.Load() != 1 {
					t.Fatalf("%s returned=%v, observer heard %d verdicts, want 1", ender, returned.Load(), heard.Load())
				}
				if got := s.Verdict().Outcome; got != OutcomeCanceled {
					t.Fatalf("verdict %v, want canceled", got)
				}
			})
		})
	}
}
