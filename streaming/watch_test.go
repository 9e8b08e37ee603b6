package streaming_test

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/claudego/claude/streaming"
)

// verdicts returns the outcome a Stream decides for body, and the one
// Watch decides when the body is read without a Stream (one byte at a
// time, as a layer sees it pass).
func verdicts(body []byte) (stream, watched streaming.Verdict) {
	s := streaming.New(&http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body))}, streaming.Config{})
	for s.Next() {
	}
	_ = s.Close()
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body))}
	streaming.Watch(resp, streaming.Observer{End: func(v streaming.Verdict) { watched = v }})
	_, _ = io.Copy(io.Discard, iotest.OneByteReader(resp.Body))
	_ = resp.Body.Close()
	return s.Verdict(), watched
}

func sameVerdict(a, b streaming.Verdict) bool {
	return a.Outcome == b.Outcome && a.ErrorType == b.ErrorType && a.Usage == b.Usage &&
		(a.Err == nil) == (b.Err == nil) && (a.Err == nil || a.Err.Error() == b.Err.Error())
}

// TestWatchAgreesWithStream: every recorded stream, whole and cut at many
// points, and with an error event, is judged the same by a Stream and by
// the body observer the layers use: one verdict, whoever reads.
func TestWatchAgreesWithStream(t *testing.T) {
	t.Parallel()
	for _, rc := range loadStreams(t) {
		for _, body := range splitMessages(rc.body) {
			cuts := []int{len(body)}
			for i := 1; i < 16; i++ {
				cuts = append(cuts, len(body)*i/16)
			}
			for _, n := range cuts {
				sv, wv := verdicts(body[:n])
				if !sameVerdict(sv, wv) {
					t.Fatalf("%s cut at %d: stream %+v, watch %+v", rc.name, n, sv, wv)
				}
			}
			withErr := append(append([]byte(nil), body[:len(body)/2]...), "\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}\n\n"...)
			if sv, wv := verdicts(withErr); !sameVerdict(sv, wv) {
				t.Fatalf("%s with an error event: stream %+v, watch %+v", rc.name, sv, wv)
			}
		}
	}
}

// FuzzWatchAgreesWithStream: any body is judged the same by a Stream and by
// Watch.
func FuzzWatchAgreesWithStream(f *testing.F) {
	files, _ := filepath.Glob("../testdata/recorded/stream-*/body.sse")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 8000 {
			b = b[:8000]
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if sv, wv := verdicts(body); !sameVerdict(sv, wv) {
			t.Fatalf("stream %+v, watch %+v", sv, wv)
		}
	})
}
