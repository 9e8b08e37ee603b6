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

// uploads is a loopback server that records each multipart upload it gets
// (body and Content-Length, -1 when chunked) and answers the first with 529
// overloaded, the others with ok.
type uploads struct {
	ok      string
	mu      sync.Mutex
	bodies  []string
	lengths []int64
}

func (u *uploads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	u.mu.Lock()
	u.bodies = append(u.bodies, string(b))
	u.lengths = append(u.lengths, r.ContentLength)
	first := len(u.bodies) == 1
	u.mu.Unlock()
	if first {
		w.WriteHeader(529)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
		return
	}
	_, _ = io.WriteString(w, u.ok)
}

// seen returns what was received so far and forgets it, so the next upload
// is answered with 529 again.
func (u *uploads) seen() ([]string, []int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	b, l := u.bodies, u.lengths
	u.bodies, u.lengths = nil, nil
	return b, l
}

// retryingClient is a client of u with the retry layer on (1 ms waits).
func retryingClient(t *testing.T, u *uploads) *client.Client {
	t.Helper()
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(newLoopback(t, u)),
		retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// resentWhole reports whether an upload was sent twice, the same bytes each
// time, with a Content-Length that matches.
func resentWhole(t *testing.T, bodies []string, lengths []int64) {
	t.Helper()
	if len(bodies) != 2 || bodies[0] != bodies[1] {
		t.Fatalf("%d attempts; bodies equal: %v", len(bodies), len(bodies) == 2 && bodies[0] == bodies[1])
	}
	if lengths[0] != int64(len(bodies[0])) || lengths[1] != int64(len(bodies[1])) {
		t.Fatalf("Content-Length %v for bodies of %d bytes", lengths, len(bodies[0]))
	}
}

// TestUploadSeekableIsRetried: content that can be read at offsets is sent
// with a Content-Length and a replayable body, so the retry layer resends it
// after a 529 and the server sees the same bytes twice; the reader's position
// is left where it was.
func TestUploadSeekableIsRetried(t *testing.T) {
	t.Parallel()
	u := &uploads{ok: `{"type":"file","id":"file_1","filename":"a.txt","mime_type":"text/plain","size_bytes":5,"created_at":"2025-01-01T00:00:00Z"}`}
	c := retryingClient(t, u)
	content := bytes.NewReader([]byte("skip:hello"))
	if _, err := content.Seek(5, io.SeekStart); err != nil { // upload from the current offset
		t.Fatal(err)
	}
	meta, err := c.Files.Upload(context.Background(), client.FileUploadParams{Filename: "a.txt", Content: content})
	if err != nil || meta.ID != "file_1" {
		t.Fatalf("Upload = %+v, %v", meta, err)
	}
	bodies, lengths := u.seen()
	resentWhole(t, bodies, lengths)
	if !strings.Contains(bodies[1], "\r\n\r\nhello\r\n--") || strings.Contains(bodies[1], "skip") {
		t.Fatalf("body does not carry the content from its offset:\n%s", bodies[1])
	}
	if content.Len() != 5 {
		t.Fatalf("reader position moved: %d bytes left, want 5", content.Len())
	}
}

// TestSkillUploadSeekableIsRetried: a Skill upload whose files can all be
// read at offsets is one replayable body with a Content-Length, so the retry
// layer resends it whole after a 529; one piped file makes it a one-shot
// stream the retry layer does not resend.
func TestSkillUploadSeekableIsRetried(t *testing.T) {
	t.Parallel()
	u := &uploads{ok: `{"id":"skill_1","type":"skill","display_name":"greeting","latest_version_id":"v1","source":{"type":"custom"},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`}
	c := retryingClient(t, u)
	sk, err := c.Skills.Create(context.Background(), client.SkillCreateParams{Files: skillFiles("greeting")})
	if err != nil || sk.ID != "skill_1" {
		t.Fatalf("Create = %+v, %v", sk, err)
	}
	bodies, lengths := u.seen()
	resentWhole(t, bodies, lengths)
	if !strings.Contains(bodies[1], "print('hello')") || !strings.Contains(bodies[1], `filename="greeting/SKILL.md"`) {
		t.Fatalf("resent body lacks a file:\n%s", bodies[1])
	}

	// A piped file: sent once, chunked; the 529 comes back as the error.
	pr, pw := io.Pipe()
	go func() { _, _ = io.WriteString(pw, skillMD); pw.Close() }()
	_, err = c.Skills.Create(context.Background(), client.SkillCreateParams{Files: []client.SkillFile{{Path: "greeting/SKILL.md", Content: pr}}})
	bodies, lengths = u.seen()
	if err == nil || len(bodies) != 1 || lengths[0] != -1 {
		t.Fatalf("piped upload: err %v after %d attempts (lengths %v); want one chunked attempt and the 529", err, len(bodies), lengths)
	}
}
