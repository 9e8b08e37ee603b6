package emulator

import (
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"strings"
)

// decodeBody undoes a request's Content-Encoding so the handlers read plain
// JSON: gzip is accepted (as gateways accept it, for clients that compress
// large bodies with extensions/compress); any other encoding is 415. A body
// that is not valid gzip fails when read, with an error naming gzip.
func (x *exchange) decodeBody() *response {
	enc := strings.ToLower(strings.TrimSpace(x.r.Header.Get("Content-Encoding")))
	switch enc {
	case "", "identity":
		return nil
	case "gzip":
		x.r.Body = &gzipBody{src: x.r.Body}
		x.r.Header.Del("Content-Encoding")
		x.r.ContentLength = -1
		return nil
	}
	return x.apiError(http.StatusUnsupportedMediaType, "invalid_request_error", "Content-Encoding "+enc+" is not supported (gzip is)")
}

// gzipBody opens the gzip stream on first read, so a bad header is reported
// as a read error of the body, which the handlers turn into a 400.
type gzipBody struct {
	src io.ReadCloser
	zr  *gzip.Reader
	err error
}

func (g *gzipBody) Read(p []byte) (int, error) {
	if g.zr == nil && g.err == nil {
		g.zr, g.err = gzip.NewReader(g.src)
		if g.err != nil {
			g.err = errors.New("gzip body: " + g.err.Error())
		}
	}
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.zr.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = errors.New("gzip body: " + err.Error())
	}
	return n, err
}

func (g *gzipBody) Close() error { return g.src.Close() }
