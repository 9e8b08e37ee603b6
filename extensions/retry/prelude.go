package retry

import (
	"bufio"
	"bytes"
	"io"
	"mime"
	"net/http"
)

func isEventStream(resp *http.Response) bool {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return mt == "text/event-stream"
}

// replayBody reads the buffered prefix, then the rest of the original body.
type replayBody struct {
	io.Reader
	orig io.Closer
}

func (r *replayBody) Close() error { return r.orig.Close() }

// readPrelude reads an event stream up to its first content_block_delta (or
// message_stop, or max bytes). It returns a body replaying everything read,
// or the data of an `event: error` that came first, or the read error that
// ended the stream first (io.ErrUnexpectedEOF for a clean end). body is
// always set; closing it closes orig.
func readPrelude(orig io.ReadCloser, max int) (body io.ReadCloser, errData []byte, err error) {
	br := bufio.NewReaderSize(orig, 4<<10)
	var buf bytes.Buffer
	var event string
	var data []byte
	replay := func() io.ReadCloser { return &replayBody{Reader: io.MultiReader(&buf, br), orig: orig} }
	for buf.Len() < max {
		line, rerr := br.ReadBytes('\n')
		buf.Write(line)
		t := bytes.TrimRight(line, "\r\n")
		switch {
		case len(t) == 0 && len(line) > 0:
			if event == "error" {
				return replay(), data, nil
			}
			event, data = "", nil
		case bytes.HasPrefix(t, []byte("event:")):
			event = string(bytes.TrimSpace(t[len("event:"):]))
			if event == "content_block_delta" || event == "message_stop" {
				return replay(), nil, nil
			}
		case bytes.HasPrefix(t, []byte("data:")):
			d := bytes.TrimPrefix(t[len("data:"):], []byte(" "))
			if data != nil {
				data = append(data, '\n')
			}
			data = append(data, d...)
		}
		if rerr != nil {
			if event == "error" && data != nil {
				return replay(), data, nil
			}
			if rerr == io.EOF {
				rerr = io.ErrUnexpectedEOF
			}
			return replay(), nil, rerr
		}
	}
	return replay(), nil, nil
}
