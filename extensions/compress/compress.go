package compress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/claudego/claude/client"
)

// DefaultMinSize is the smallest body compressed by default: below it the
// gzip header and the CPU cost outweigh the bytes saved.
const DefaultMinSize = 8 << 10

// Config configures the layer. The zero value compresses bodies of at
// least DefaultMinSize bytes at gzip.DefaultCompression.
type Config struct {
	// MinSize is the smallest body compressed. Default DefaultMinSize.
	MinSize int
	// Level is a compress/gzip level: gzip.BestSpeed (1) to
	// gzip.BestCompression (9), gzip.HuffmanOnly (-2), or
	// gzip.DefaultCompression (-1). Zero means DefaultCompression.
	Level int
}

// Stats are the layer's totals since it was made.
type Stats struct {
	// Compressed counts bodies sent gzipped; Skipped counts bodies at or
	// over MinSize that gzip did not make smaller.
	Compressed, Skipped int64
	// BytesIn and BytesOut are the sizes before and after, over the
	// compressed bodies.
	BytesIn, BytesOut int64
}

// Compressor is the layer. It is safe for concurrent use.
type Compressor struct {
	s     Config
	pool  sync.Pool
	stats struct{ compressed, skipped, in, out atomic.Int64 }
}

// New returns the option that installs a new Compressor with c in the
// compression slot; a bad c fails client.New (or the call). Use
// NewCompressor to keep the object and read its Stats.
func New(c Config) client.Option {
	z, err := NewCompressor(c)
	if err != nil {
		return client.InvalidOption(err)
	}
	return z.Option()
}

// NewCompressor checks s and returns the layer; a level gzip does not know
// is an error.
func NewCompressor(s Config) (*Compressor, error) {
	if s.MinSize < 0 {
		return nil, fmt.Errorf("compress: MinSize %d is negative", s.MinSize)
	}
	if s.MinSize == 0 {
		s.MinSize = DefaultMinSize
	}
	if s.Level == 0 {
		s.Level = gzip.DefaultCompression
	}
	if _, err := gzip.NewWriterLevel(io.Discard, s.Level); err != nil {
		return nil, fmt.Errorf("compress: Level %d: %w", s.Level, err)
	}
	c := &Compressor{s: s}
	c.pool.New = func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, s.Level)
		return w
	}
	return c, nil
}

// Option installs the layer in the compression slot, for a client or a
// call.
func (c *Compressor) Option() client.Option {
	return client.WithLayer(client.LayerCompression, c.Middleware)
}

// Stats returns the totals so far.
func (c *Compressor) Stats() Stats {
	return Stats{Compressed: c.stats.compressed.Load(), Skipped: c.stats.skipped.Load(), BytesIn: c.stats.in.Load(), BytesOut: c.stats.out.Load()}
}

// Gzip compresses b at the layer's level.
func (c *Compressor) Gzip(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w := c.pool.Get().(*gzip.Writer)
	w.Reset(&buf)
	_, _ = w.Write(b) // a bytes.Buffer write cannot fail
	_ = w.Close()
	c.pool.Put(w)
	return buf.Bytes()
}

// Middleware is the layer: a request whose body is at least MinSize bytes,
// not already encoded, is sent gzipped when that is smaller. The caller's
// request is not changed; the new one can be resent (GetBody).
func (c *Compressor) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if req.Body == nil || req.Body == http.NoBody || req.Header.Get("Content-Encoding") != "" ||
			(req.ContentLength >= 0 && req.ContentLength < int64(c.s.MinSize)) || req.GetBody == nil {
			return next.RoundTrip(req)
		}
		rc, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("compress: reading the request body: %w", err)
		}
		body, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, fmt.Errorf("compress: reading the request body: %w", err)
		}
		if len(body) < c.s.MinSize {
			return next.RoundTrip(req)
		}
		gz := c.Gzip(body)
		if len(gz) >= len(body) {
			c.stats.skipped.Add(1)
			return next.RoundTrip(req)
		}
		c.stats.compressed.Add(1)
		c.stats.in.Add(int64(len(body)))
		c.stats.out.Add(int64(len(gz)))
		if req.Body != nil {
			_ = req.Body.Close() // replaced: the transport will not close it
		}
		r2 := req.Clone(req.Context())
		r2.Header.Set("Content-Encoding", "gzip")
		r2.Body = io.NopCloser(bytes.NewReader(gz))
		r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(gz)), nil }
		r2.ContentLength = int64(len(gz))
		return next.RoundTrip(r2)
	})
}
