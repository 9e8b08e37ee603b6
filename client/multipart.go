package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
)

// formField is one plain multipart field.
type formField struct{ name, value string }

// formFile is one file part: the field name, the filename sent with it, its
// MIME type (empty: by extension, else application/octet-stream) and its
// content, streamed, never held in memory whole.
type formFile struct {
	field, filename, contentType string
	content                      io.Reader
}

// multipartBody is a multipart/form-data body laid out as a list of pieces:
// the frame bytes (boundaries, part headers, plain fields) the
// multipart.Writer produced, with each file's content between them.
type multipartBody struct {
	contentType string
	pieces      []bodyPiece
}

// bodyPiece is either frame bytes or a file's content.
type bodyPiece struct {
	frame   []byte
	content io.Reader
}

// buildMultipart lays out fields then files. The frame is built once, in
// memory (a few hundred bytes per part); contents are only referenced.
func buildMultipart(fields []formField, files []formFile) (*multipartBody, error) {
	var frame bytes.Buffer
	mw := multipart.NewWriter(&frame)
	b := &multipartBody{contentType: mw.FormDataContentType()}
	for _, f := range fields {
		if err := mw.WriteField(f.name, f.value); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		ctype := f.contentType
		if ctype == "" {
			ctype = mime.TypeByExtension(filepath.Ext(f.filename))
		}
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(f.field), quoteEscaper.Replace(f.filename)))
		h.Set("Content-Type", ctype)
		if _, err := mw.CreatePart(h); err != nil {
			return nil, err
		}
		b.pieces = append(b.pieces, bodyPiece{frame: bytes.Clone(frame.Bytes())}, bodyPiece{content: f.content})
		frame.Reset()
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	b.pieces = append(b.pieces, bodyPiece{frame: bytes.Clone(frame.Bytes())})
	return b, nil
}

// replayable returns a func that opens the whole body afresh each time it
// is called (frame bytes and SectionReaders over seekable contents) and the
// body's size, or ok false when some content can only be read once.
func (b *multipartBody) replayable() (open func() io.Reader, size int64, ok bool) {
	secs := make([]*io.SectionReader, len(b.pieces))
	for i, p := range b.pieces {
		if p.content == nil {
			size += int64(len(p.frame))
			continue
		}
		s := sectionOf(p.content)
		if s == nil {
			return nil, 0, false
		}
		secs[i] = s
		size += s.Size()
	}
	open = func() io.Reader {
		rs := make([]io.Reader, len(b.pieces))
		for i, p := range b.pieces {
			if secs[i] != nil {
				rs[i] = io.NewSectionReader(secs[i], 0, secs[i].Size())
			} else {
				rs[i] = bytes.NewReader(p.frame)
			}
		}
		return io.MultiReader(rs...)
	}
	return open, size, true
}

// sendMultipart sends the body built by buildMultipart and decodes the reply.
//
// When every content can be read at offsets (files, bytes and strings
// readers) the body is read in place: no goroutine, a Content-Length, and a
// GetBody that rebuilds it, so the retry layer can resend it. Otherwise one
// goroutine copies the pieces into an io.Pipe the request reads, in 32 KiB
// steps, never a whole file in memory; cancelling ctx closes the pipe so the
// transport's read returns even while a content's Read is blocked, and the
// goroutine ends by the time sendMultipart returns or, after a cancel, as
// soon as that Read returns.
func sendMultipart[T any](ctx context.Context, c *Client, op string, cfg *config, body *multipartBody, build func(server, contentType string, r io.Reader) (*http.Request, error)) (*T, error) {
	if open, size, ok := body.replayable(); ok {
		return doJSON[T](ctx, c, op, cfg, func(server string) (*http.Request, error) {
			req, err := build(server, body.contentType, open())
			if err != nil {
				return nil, err
			}
			req.ContentLength = size
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(open()), nil }
			return req, nil
		})
	}
	size := int64(0) // -1 once some content's size is unknown: sent chunked
	for _, p := range body.pieces {
		n := int64(len(p.frame))
		if p.content != nil {
			n = sizeOf(p.content)
		}
		if n < 0 || size < 0 {
			size = -1
			continue
		}
		size += n
	}
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		var err error
		for _, p := range body.pieces {
			if p.content == nil {
				_, err = pw.Write(p.frame)
			} else {
				_, err = io.Copy(pw, p.content)
			}
			if err != nil {
				break
			}
		}
		pw.CloseWithError(err) // nil: the reader sees EOF
	}()
	stop := context.AfterFunc(ctx, func() { pr.CloseWithError(context.Cause(ctx)) })
	defer stop()
	v, err := doJSON[T](ctx, c, op, cfg, func(server string) (*http.Request, error) {
		req, err := build(server, body.contentType, pr)
		if err != nil {
			return nil, err
		}
		if size >= 0 {
			req.ContentLength = size
		}
		return req, nil
	})
	// Unblock the writer whatever happened (an early error response, a failed
	// build). It then ends at its next write; wait for that unless ctx is
	// done, when the caller's reader may itself be blocked.
	pr.CloseWithError(errBodyEnded)
	if ctx.Err() == nil {
		<-done
	}
	return v, err
}

var errBodyEnded = errors.New("claude: multipart upload: request ended")

// sectionOf returns the rest of r as a SectionReader when r can be read at
// offsets from its current position (files, bytes and strings readers), or
// nil.
func sectionOf(r io.Reader) *io.SectionReader {
	ra, ok := r.(io.ReaderAt)
	seeker, ok2 := r.(io.Seeker)
	if !ok || !ok2 {
		return nil
	}
	if f, isFile := r.(*os.File); isFile {
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
	}
	pos, err := seeker.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	end, err := seeker.Seek(0, io.SeekEnd)
	if err != nil {
		return nil
	}
	if _, err := seeker.Seek(pos, io.SeekStart); err != nil {
		return nil
	}
	return io.NewSectionReader(ra, pos, end-pos)
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// sizeOf returns how many bytes r has left, or -1 when unknown.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		pos, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return fi.Size() - pos
	}
	return -1
}
