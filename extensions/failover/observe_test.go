package failover_test

import (
	"context"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/failover"
	"github.com/claudego/claude/extensions/internal/obstest"
)

// TestReportsFailover: a switch to the next endpoint reaches the call's
// observers as a failover event naming both endpoints and why.
func TestReportsFailover(t *testing.T) {
	var s seen
	bad, good := keyServer(t, &s, 529), keyServer(t, &s, 200)
	r, err := failover.NewRouter(failover.Config{Endpoints: []failover.Endpoint{{Name: "primary", BaseURL: bad.URL}, {Name: "backup", BaseURL: good.URL}}})
	if err != nil {
		t.Fatal(err)
	}
	rec := &obstest.Recorder{}
	c, err := client.New(client.WithAPIKey("sk-ant-test-x"), client.WithBaseURL(bad.URL), r.Option(), client.WithObserver(rec))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Messages.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	evs := rec.Of(client.EventFailover)
	if len(evs) != 1 || evs[0].Name != "backup" || evs[0].From != "primary" || evs[0].Err == nil || evs[0].Operation != "messages.create" {
		t.Fatalf("failover events %+v", evs)
	}
	if n := len(rec.Of(client.EventAttemptEnd)); n != 2 {
		t.Fatalf("%d attempt_end events, want one per endpoint tried", n)
	}
}
