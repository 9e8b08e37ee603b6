package circuitbreaker_test

import (
	"context"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/internal/obstest"
	"github.com/claudego/claude/extensions/internal/rttest"
)

// TestReportsTransition: the call whose failure opens the circuit tells
// its observers (circuit_change, closed -> open, the breaker's name);
// OnStateChange still hears it too.
func TestReportsTransition(t *testing.T) {
	srv := rttest.NewServer(t, rttest.Always(rttest.Overloaded))
	var changes []string
	b := circuitbreaker.NewBreaker(circuitbreaker.Config{Name: "primary", FailureThreshold: 1,
		OnStateChange: func(name string, from, to circuitbreaker.State) {
			changes = append(changes, name+" "+from.String()+">"+to.String())
		}})
	rec := &obstest.Recorder{}
	c, err := client.New(client.WithAPIKey("sk-ant-test-cb"), client.WithBaseURL(srv.URL), client.WithHTTPClient(srv.Client()),
		b.Option(), client.WithObserver(rec))
	if err != nil {
		t.Fatal(err)
	}
	req := client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("hi")}}
	_, _ = c.Messages.Create(context.Background(), req)
	evs := rec.Of(client.EventCircuitChange)
	if len(evs) != 1 || evs[0].Name != "primary" || evs[0].FromState != client.CircuitClosed || evs[0].ToState != client.CircuitOpen ||
		evs[0].Operation != "messages.create" || len(changes) != 1 {
		t.Fatalf("circuit_change events %+v; OnStateChange %v", evs, changes)
	}
}
