package client_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
)

// TestUploadSeekableIsRetried: content that can be read at offsets is sent
// with a Content-Length and a replayable body, so the retry layer resends it
// after a 529 and the server sees the same bytes twice; the reader's position
// is left where it was.
func TestUploadSeekableIsRetried(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var bodies []string
	var lengths []int64
	url := newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		lengths = append(lengths, r.ContentLength)
		first := len(bodies) == 1
		mu.Unlock()
		if first {
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		_, _ = io.WriteString(w, `{"type":"file","id":"file_1","filename":"a.txt","mime_type":"text/plain","size_bytes":5,"created_at":"2025-01-01T00:00:00Z"}`)
	}))
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url),
		retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	content := bytes.NewReader([]byte("skip:hello"))
	if _, err := content.Seek(5, io.SeekStart); err != nil { // upload from the current offset
		t.Fatal(err)
	}
	meta, err := c.Files.Upload(context.Background(), client.FileUploadParams{Filename: "a.txt", Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if meta.ID != "file_1" || len(bodies) != 2 || bodies[0] != bodies[1] {
		t.Fatalf("id %q after %d attempts; bodies equal: %v", meta.ID, len(bodies), len(bodies) == 2 && bodies[0] == bodies[1])
	}
	if !strings.Contains(bodies[1], "\r\n\r\nhello\r\n--") || strings.Contains(bodies[1], "skip") {
		t.Fatalf("body does not carry the content from its offset:\n%s", bodies[1])
	}
	if lengths[0] != int64(len(bodies[0])) || lengths[1] != int64(len(bodies[1])) {
		t.Fatalf("Content-Length %v for bodies of %d bytes", lengths, len(bodies[0]))
	}
	if content.Len() != 5 {
		t.Fatalf("reader position moved: %d bytes left, want 5", content.Len())
	}
}
