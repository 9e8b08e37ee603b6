package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
)

// ErrMalformedKey matches the errors of CheckKey.
var ErrMalformedKey = errors.New("malformed credential")

// ErrUnexpectedFormat matches the error of CheckHost.
var ErrUnexpectedFormat = errors.New("credential format unexpected for this host")

// KeyPrefix starts every Anthropic API key.
const KeyPrefix = "sk-ant-"

// CheckKey refuses a credential with whitespace, a quote, a line break or a
// control byte anywhere in it, or an empty one. The error names what was
// found and at which byte offset, and never shows the key.
func CheckKey(key string) error {
	if key == "" {
		return fmt.Errorf("secrets: %w: empty", ErrMalformedKey)
	}
	for i := 0; i < len(key); i++ {
		var what string
		switch c := key[i]; {
		case c == '\n' || c == '\r':
			what = "a line break"
		case c == ' ' || c == '\t':
			what = "whitespace"
		case c == '"' || c == '\'' || c == '`':
			what = "a quote"
		case c < 0x20 || c == 0x7f:
			what = fmt.Sprintf("control byte 0x%02x", c)
		case c >= 0x80:
			what = "a non-ASCII byte"
		default:
			continue
		}
		return fmt.Errorf("secrets: %w: %s at byte %d of %d (a copy-paste accident? the value is not shown)", ErrMalformedKey, what, i, len(key))
	}
	return nil
}

// CheckHost reports a key that lacks the sk-ant- prefix on its way to
// Anthropic's own API (anthropic.com or a subdomain). Other hosts are
// gateways with their own key formats and are not checked.
func CheckHost(key, host string) error {
	h := strings.ToLower(host)
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	if h != "anthropic.com" && !strings.HasSuffix(h, ".anthropic.com") {
		return nil
	}
	if strings.HasPrefix(key, KeyPrefix) {
		return nil
	}
	return fmt.Errorf("secrets: %w: the key (hash %s) sent to %s does not start with %q", ErrUnexpectedFormat, Hash(key), host, KeyPrefix)
}

// Hash is a short, stable fingerprint of a credential (the first 12 hex
// digits of its SHA-256), for audit logs: enough to tell keys apart, useless
// to recover one.
func Hash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:6])
}

// APIKey is client.WithAPIKey after CheckKey: a malformed key makes
// client.New fail before any request.
func APIKey(key string) client.Option {
	return func2(CheckKey(key), client.WithAPIKey(key))
}

// AuthToken is client.WithAuthToken after CheckKey.
func AuthToken(token string) client.Option {
	return func2(CheckKey(token), client.WithAuthToken(token))
}

func func2(err error, o client.Option) client.Option {
	if err != nil {
		return client.InvalidOption(err)
	}
	return o
}
