package client

// Health is how an endpoint is doing, from best to worst. It is shared
// vocabulary: the health checker grades its probes with it and the failover
// router grades endpoints from call outcomes with it, so the two agree
// without one extension importing the other (ARCHITECTURE.md, Layers). The
// zero value is HealthUnknown. It encodes as text ("healthy", ...).
type Health int

// The health states; HealthUnknown means not checked or used yet.
const (
	HealthUnknown Health = iota
	Healthy
	Degraded
	Unhealthy
)

// String returns "unknown", "healthy", "degraded" or "unhealthy".
func (h Health) String() string {
	switch h {
	case Healthy:
		return "healthy"
	case Degraded:
		return "degraded"
	case Unhealthy:
		return "unhealthy"
	}
	return "unknown"
}

// MarshalText encodes the state as its name.
func (h Health) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes a state name; a name it does not know (a newer
// state) is HealthUnknown, never an error.
func (h *Health) UnmarshalText(b []byte) error {
	switch string(b) {
	case "healthy":
		*h = Healthy
	case "degraded":
		*h = Degraded
	case "unhealthy":
		*h = Unhealthy
	default:
		*h = HealthUnknown
	}
	return nil
}
