package diagnostics

import (
	"strings"

	"github.com/claudego/claude/internal/redact"
)

// headerClass is how the command writes a header.
type headerClass uint8

const (
	plain      headerClass = iota // -H 'name: value', once per value
	credential                    // -H "name: $VARIABLE", the shell expanding it
	redacted                      // -H 'name: [REDACTED]' (internal/redact's rule)
)

// headerKind returns how the command writes the header named k (in any
// case) and what it writes: the lowercased name, or for a credential the
// whole header with the shell variable holding it. The names the client
// sets on every request are answered by a switch on their canonical form:
// lowercasing each name and asking internal/redact about it on every
// attempt cost a third of the command (BenchmarkCreateCurl).
func headerKind(k string) (string, headerClass) {
	switch k {
	case "Content-Type":
		return "content-type", plain
	case "Anthropic-Version":
		return "anthropic-version", plain
	case "User-Agent":
		return "user-agent", plain
	case "Accept":
		return "accept", plain
	case "Anthropic-Beta":
		return "anthropic-beta", plain
	case "Content-Encoding":
		return "content-encoding", plain
	}
	// Compared byte by byte rather than canonicalized: CanonicalHeaderKey
	// on every header of every attempt cost more than the rest of the
	// command.
	switch {
	case asciiEqualFold(k, "X-Api-Key"):
		return "x-api-key: $ANTHROPIC_API_KEY", credential
	case asciiEqualFold(k, "Authorization"):
		return "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN", credential
	}
	name := strings.ToLower(k)
	if redact.IsCredentialHeader(name) {
		return name, redacted
	}
	return name, plain
}

// asciiEqualFold reports whether s equals the ASCII name t but for the case
// of its letters, as http.CanonicalHeaderKey(s) == t does for such a t.
func asciiEqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lower(s[i]) != lower(t[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
