package client

import (
	"fmt"
	"log/slog"
)

const redacted = "[REDACTED]"

// Secret holds a credential. Every way of printing it (String, GoString,
// Format with any verb, MarshalJSON, MarshalText, LogValue) shows [REDACTED];
// only Reveal returns the value, for code that must put it on the wire.
//
// The value lives inside a closure, not a string field: fmt prints structs it
// cannot call methods on (unexported fields, %!verb fallbacks) by reflection,
// and reflection can read a string or follow a pointer, but not look inside a
// func.
type Secret struct {
	value func() string
}

// NewSecret wraps a credential.
func NewSecret(v string) Secret {
	if v == "" {
		return Secret{}
	}
	return Secret{value: func() string { return v }}
}

// Reveal returns the credential itself. Never log what it returns.
func (s Secret) Reveal() string {
	if s.value == nil {
		return ""
	}
	return s.value()
}

// IsZero reports whether no credential is held.
func (s Secret) IsZero() bool { return s.value == nil }

// String returns [REDACTED].
func (s Secret) String() string { return redacted }

// GoString returns [REDACTED], so %#v does not show the value.
func (s Secret) GoString() string { return redacted }

// Format prints [REDACTED] for every verb and flag.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalJSON encodes as "[REDACTED]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText encodes as [REDACTED].
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue makes slog print [REDACTED].
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
