package diagnostics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// Config configures the diagnostics layer. The zero value does nothing
// but cost a trace per attempt; set at least one output.
type Config struct {
	// Curl receives each attempt as a cURL command followed by a blank
	// line.
	Curl io.Writer
	// CurlMaxInline is the largest body written inline (default 64 KiB);
	// a larger body goes to a file in BodyDir.
	CurlMaxInline int
	// BodyDir is where large bodies are saved. Default os.TempDir().
	BodyDir string
	// OnAttempt receives each attempt's timing when it ends (for a stream:
	// when its body is read to the end or closed).
	OnAttempt func(Attempt)
	// Logger, when set, logs each cURL command at debug level and each
	// attempt's timing at info level. The logged command is redacted as
	// client.WithLogger redacts (internal/redact): credential headers read
	// [REDACTED] or name their environment variable, base64 images and
	// documents in a JSON body are elided to their length, any other body
	// is shown by its size. (Curl, the replayable command, keeps the body.)
	Logger *slog.Logger
}

// Diagnostics is the layer made from Config.
type Diagnostics struct {
	s     Config
	mu    sync.Mutex // serializes writes to s.Curl
	heads headCache  // the last commands' heads, for the next attempts like them
	// lastURL and lastAddr are the URL and the remote address of the latest
	// timed attempt, with their text.
	lastURL  atomic.Pointer[urlText]
	lastAddr atomic.Pointer[addrText]
}

// New returns the option that installs the layer for c in the diagnostics
// slot. Use NewDiagnostics to keep the object.
func New(c Config) client.Option { return NewDiagnostics(c).Option() }

// NewDiagnostics returns the layer for s.
func NewDiagnostics(s Config) *Diagnostics {
	return &Diagnostics{s: s}
}

// Option installs the layer in the diagnostics slot, for a client or a call.
func (d *Diagnostics) Option() client.Option {
	return client.WithLayer(client.LayerDiagnostics, d.Middleware)
}

// Trace is a call option that appends the timing of each attempt of this
// call to *dst (like client.WithResponseInto); it replaces the client's
// diagnostics layer for the call. The last attempt's entry is complete when
// the call returns, or for a stream when it is closed.
func Trace(dst *[]Attempt) client.Option {
	var mu sync.Mutex
	return NewDiagnostics(Config{OnAttempt: func(a Attempt) { mu.Lock(); *dst = append(*dst, a); mu.Unlock() }}).Option()
}

// CurlTo is a call (or client) option that writes each attempt as a cURL
// command to w.
func CurlTo(w io.Writer) client.Option {
	return NewDiagnostics(Config{Curl: w}).Option()
}

// Middleware is the layer.
func (d *Diagnostics) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		// The body is read only for a command someone will see: a Curl
		// writer, or a logger that keeps DEBUG lines.
		logCurl := d.s.Logger != nil && d.s.Logger.Enabled(req.Context(), slog.LevelDebug)
		if d.s.Curl != nil || logCurl {
			var err error
			if req, err = d.writeCurl(req, logCurl); err != nil {
				return nil, err
			}
		}
		if d.s.OnAttempt == nil && d.s.Logger == nil {
			return next.RoundTrip(req)
		}
		t := &tracer{d: d, ctx: req.Context()}
		t.a = Attempt{Method: req.Method, URL: d.urlString(req.URL), Start: time.Now()}
		t.body.t = t
		resp, err := next.RoundTrip(req.WithContext(httptrace.WithClientTrace(t.ctx, t.trace())))
		if err != nil {
			t.end(err)
			return resp, err
		}
		t.gotStatus(resp.StatusCode)
		t.body.rc = resp.Body
		resp.Body = &t.body
		return resp, nil
	})
}

// writeCurl renders req as a cURL command into a pooled buffer and writes
// it to Config.Curl in one Write (so concurrent attempts never interleave)
// and to the logger. It returns the request to send on: req, or when its
// body could be read only once, a copy that replays what was read.
func (d *Diagnostics) writeCurl(req *http.Request, logCurl bool) (*http.Request, error) {
	b := curlBuffers.Get().(*bytes.Buffer)
	defer putCurlBuffer(b)
	b.Reset()
	if !logCurl {
		// The command alone: the body is quoted straight from the bytes
		// the request holds, when it can hand them over (sourceOf).
		if src, n, ok := sourceOf(req); ok {
			err := writeCurlFrom(b, req, src, n, d.s.CurlMaxInline, d.s.BodyDir, &d.heads)
			_ = src.Close()
			if err != nil {
				return nil, err
			}
			d.emit(b)
			return req, nil
		}
	}
	body, req, err := rtutil.PeekBody(req)
	if err != nil {
		return nil, fmt.Errorf("diagnostics: reading the request body: %w", err)
	}
	if d.s.Curl != nil {
		if err := writeCurl(b, req, body, d.s.CurlMaxInline, d.s.BodyDir, false, &d.heads); err != nil {
			return nil, err
		}
		d.emit(b)
	}
	if logCurl {
		// The log line is redacted as the client's logger redacts
		// (internal/redact), unlike the replayable command above.
		b.Reset()
		curlForLog(b, req, body, d.s.CurlMaxInline)
		d.s.Logger.LogAttrs(req.Context(), slog.LevelDebug, "claude request", slog.String("curl", b.String()))
	}
	return req, nil
}

// emit writes the command in b, and the blank line after it, to
// Config.Curl.
func (d *Diagnostics) emit(b *bytes.Buffer) {
	b.WriteString("\n\n")
	d.mu.Lock()
	_, _ = d.s.Curl.Write(b.Bytes())
	d.mu.Unlock()
}

// curlBuffers hold the commands being rendered. A buffer that grew past
// maxPooledCurl (a large inline body) is dropped rather than kept.
var curlBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledCurl = 256 << 10

func putCurlBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledCurl {
		curlBuffers.Put(b)
	}
}

func (d *Diagnostics) report(ctx context.Context, a Attempt) {
	if d.s.OnAttempt != nil {
		d.s.OnAttempt(a)
	}
	if d.s.Logger != nil {
		attrs := []slog.Attr{
			slog.String("method", a.Method), slog.String("url", a.URL), slog.Int("status", a.Status),
			slog.Duration("dns", a.DNS), slog.Duration("connect", a.Connect), slog.Duration("tls", a.TLS),
			slog.Duration("first_byte", a.FirstByte), slog.Duration("total", a.Total), slog.Bool("reused", a.Reused),
		}
		if a.Err != nil && !errors.Is(a.Err, context.Canceled) {
			attrs = append(attrs, slog.String("error", a.Err.Error()))
		}
		d.s.Logger.LogAttrs(ctx, slog.LevelInfo, "claude attempt", attrs...)
	}
}
