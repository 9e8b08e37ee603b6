package diagnostics_test

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/diagnostics"
)

// TestBodyReadOnlyForACommand: with a logger that drops DEBUG lines and no
// Curl writer, nobody sees a cURL command, so the request body reaches the
// transport as the caller made it, unread and uncopied; with DEBUG on, the
// command is logged.
func TestBodyReadOnlyForACommand(t *testing.T) {
	t.Parallel()
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		var logged strings.Builder
		d := diagnostics.NewDiagnostics(diagnostics.Config{Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: level}))})
		body := io.NopCloser(strings.NewReader(`{"model":"m"}`))
		var reached io.ReadCloser
		rt := d.Middleware(client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			reached = r.Body
			return &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
		}))
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v1/messages", body)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		hasCurl := strings.Contains(logged.String(), "curl -X POST")
		if level == slog.LevelInfo && (reached != body || hasCurl) {
			t.Errorf("INFO: body replaced %v, cURL logged %v; want neither", reached != body, hasCurl)
		}
		if level == slog.LevelDebug && !hasCurl {
			t.Errorf("DEBUG: no cURL line in %q", logged.String())
		}
	}
}
