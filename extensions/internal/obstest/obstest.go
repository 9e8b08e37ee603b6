package obstest

import (
	"context"
	"sync"

	"github.com/claudego/claude/client"
)

// Recorder keeps the events of every call it observes, in order.
type Recorder struct {
	mu     sync.Mutex
	events []client.Event
}

// CallStart keeps nothing and returns ctx.
func (r *Recorder) CallStart(ctx context.Context, _ client.CallInfo) context.Context { return ctx }

// Observe keeps e.
func (r *Recorder) Observe(_ context.Context, e client.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

// Of returns the events of kind k, in order.
func (r *Recorder) Of(k client.EventKind) []client.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []client.Event
	for _, e := range r.events {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}
