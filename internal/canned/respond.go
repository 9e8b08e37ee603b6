package canned

import (
	"io"
	"net/http"
)

// Respond drains and closes req's body, as a transport does, and returns a
// 200 over HTTP/1.1 with header and body; length is the body's
// Content-Length, or -1 when unknown (a stream).
func Respond(req *http.Request, header http.Header, body io.Reader, length int64) *http.Response {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: header, Body: io.NopCloser(body), ContentLength: length, Request: req,
	}
}
