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
	gz, _, _ := c.gzipFrom(bytes.NewReader(b), int64(len(b))) // a bytes.Reader cannot fail
	return gz
}

// gzipFrom compresses what r holds (size bytes, or -1 when unknown) and
// returns it with the count of bytes read. The body is copied straight into
// a pooled gzip.Writer: a *bytes.Reader (a replayed request body) hands its
// bytes over in one Write, never copied; the writer's ~800 KB of state is
// reused; only the compressed bytes, sized from the body, are allocated.
// They become the request's body, which the transport may still be writing
// after RoundTrip returns, so they are not pooled.
func (c *Compressor) gzipFrom(r io.Reader, size int64) ([]byte, int64, error) {
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size/3) + 64)
	}
	w := c.pool.Get().(*gzip.Writer)
	defer c.pool.Put(w)
	w.Reset(&buf)
	n, err := io.Copy(w, r)
	if err != nil {
		return nil, n, err
	}
	_ = w.Close() // a bytes.Buffer write cannot fail
	return buf.Bytes(), n, nil
}

// Middleware is the layer: a request whose body is at least MinSize bytes,
// not already encoded, is sent gzipped when that is smaller. The caller's
// request is not changed; the new one can be resent (GetBody). A body known
// to be smaller than MinSize passes before anything is allocated.
func (c *Compressor) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if req.Body == nil || req.Body == http.NoBody || req.GetBody == nil ||
			(req.ContentLength >= 0 && req.ContentLength < int64(c.s.MinSize)) || req.Header.Get("Content-Encoding") != "" {
			return next.RoundTrip(req)
		}
		rc, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("compress: reading the request body: %w", err)
		}
		gz, n, err := c.gzipFrom(rc, req.ContentLength)
		_ = rc.Close()
		if err != nil {
			return nil, fmt.Errorf("compress: reading the request body: %w", err)
		}
		if n < int64(c.s.MinSize) {
			return next.RoundTrip(req)
		}
		if int64(len(gz)) >= n {
			c.stats.skipped.Add(1)
			return next.RoundTrip(req)
		}
		c.stats.compressed.Add(1)
		c.stats.in.Add(n)
		c.stats.out.Add(int64(len(gz)))
		if req.Body != nil {
			_ = req.Body.Close() // replaced: the transport will not close it
		}
		// A shallow copy with its own header: the body, its length and the
		// header are all that change (req.Clone would copy the URL and
		// more for nothing).
		r2 := req.WithContext(req.Context())
		r2.Header = req.Header.Clone()
		r2.Header["Content-Encoding"] = []string{"gzip"}
		r2.Body = io.NopCloser(bytes.NewReader(gz))
		r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(gz)), nil }
		r2.ContentLength = int64(len(gz))
		return next.RoundTrip(r2)
	})
}
