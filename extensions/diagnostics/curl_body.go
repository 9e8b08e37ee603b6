package diagnostics

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// bodySource is a request body that hands its bytes to a writer
// (io.WriterTo), as the readers GetBody returns for a body in memory do
// (the client's bytes.Reader, a strings.Reader): written to a quoter, the
// body goes from the request's own bytes into the command, with no copy of
// it read first.
type bodySource interface {
	io.WriterTo
	io.Closer
}

// sourceOf returns a fresh reader of req's body from GetBody and the body's
// declared length, ok when the request has a body of known length whose
// reader is a bodySource. Otherwise the body is read into memory
// (rtutil.PeekBody), as for any request that cannot replay it.
func sourceOf(req *http.Request) (bodySource, int64, bool) {
	// A GET's body would change the command's method (writeCurl writes -X
	// only for a body), so it takes the path that knows the body's length.
	if req.GetBody == nil || req.ContentLength <= 0 || req.Method == http.MethodGet {
		return nil, 0, false
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, 0, false // PeekBody calls it again and reports the error
	}
	src, ok := rc.(bodySource)
	if !ok {
		_ = rc.Close()
		return nil, 0, false
	}
	return src, req.ContentLength, true
}

// writeCurlFrom is writeCurl for a body of n bytes read from src: inline
// when n is at most maxInline, else saved to a file in dir. The command is
// the one writeCurl writes for the bytes src holds; the head comes from
// heads when it holds req's.
func writeCurlFrom(b *bytes.Buffer, req *http.Request, src io.WriterTo, n int64, maxInline int, dir string, heads *headCache) error {
	if maxInline <= 0 {
		maxInline = DefaultCurlMaxInline
	}
	if n > int64(maxInline) {
		heads.write(b, req, true)
		b.WriteString(dataBinary)
		return writeBodyFile(b, dir, src)
	}
	b.Grow(int(n) + 256)
	heads.write(b, req, true)
	mark := b.Len()
	b.WriteString(dataBinary)
	b.WriteByte('\'')
	written, err := src.WriteTo(quoter{b})
	if err != nil {
		return fmt.Errorf("diagnostics: reading the request body: %w", err)
	}
	if written == 0 { // a length declared but no byte: no body, as writeCurl writes it
		b.Truncate(mark)
		return nil
	}
	b.WriteByte('\'')
	return nil
}
