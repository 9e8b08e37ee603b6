package client

import "fmt"

// CircuitState is a circuit breaker's state. It is shared vocabulary: the
// breaker reports it and the readiness handler reads it, without one
// extension importing the other (ARCHITECTURE.md, Layers).
type CircuitState int

// The states: CircuitClosed lets calls through, CircuitOpen refuses them
// without I/O (ErrCircuitOpen), CircuitHalfOpen lets a few probes through to
// decide.
const (
	CircuitClosed CircuitState = iota
	CircuitOpen
	CircuitHalfOpen
)

// String returns "closed", "open" or "half-open".
func (s CircuitState) String() string {
	switch s {
	case CircuitClosed:
		return "closed"
	case CircuitOpen:
		return "open"
	case CircuitHalfOpen:
		return "half-open"
	}
	return fmt.Sprintf("CircuitState(%d)", int(s))
}
