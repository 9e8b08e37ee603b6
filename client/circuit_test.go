package client_test

import (
	"testing"

	"github.com/claudego/claude/client"
)

func TestCircuitStateString(t *testing.T) {
	t.Parallel()
	want := map[client.CircuitState]string{
		client.CircuitClosed:   "closed",
		client.CircuitOpen:     "open",
		client.CircuitHalfOpen: "half-open",
		client.CircuitState(7): "CircuitState(7)",
	}
	for s, w := range want {
		if got := s.String(); got != w {
			t.Errorf("CircuitState(%d).String() = %q, want %q", int(s), got, w)
		}
	}
}
