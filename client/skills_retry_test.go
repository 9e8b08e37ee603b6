package client_test

import (
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

// TestSkillUploadSeekableIsRetried: a Skill upload whose files can all be
// read at offsets is one replayable body with a Content-Length, so the retry
// layer resends it whole after a 529; one piped file makes it a one-shot
// stream the retry layer does not resend.
func TestSkillUploadSeekableIsRetried(t *testing.T) {
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
		_, _ = io.WriteString(w, `{"id":"skill_1","type":"skill","display_name":"greeting","latest_version_id":"v1","source":{"type":"custom"},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`)
	}))
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL(url),
		retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	sk, err := c.Skills.Create(context.Background(), client.SkillCreateParams{Files: skillFiles("greeting")})
	if err != nil {
		t.Fatal(err)
	}
	if sk.ID != "skill_1" || len(bodies) != 2 || bodies[0] != bodies[1] {
		t.Fatalf("id %q after %d attempts; bodies equal: %v", sk.ID, len(bodies), len(bodies) == 2 && bodies[0] == bodies[1])
	}
	if !strings.Contains(bodies[1], "print('hello')") || !strings.Contains(bodies[1], `filename="greeting/SKILL.md"`) {
		t.Fatalf("resent body lacks a file:\n%s", bodies[1])
	}
	if lengths[1] != int64(len(bodies[1])) {
		t.Fatalf("Content-Length %d for a body of %d bytes", lengths[1], len(bodies[1]))
	}

	// A piped file: sent once, chunked; the 529 comes back as the error.
	mu.Lock()
	bodies, lengths = nil, nil
	mu.Unlock()
	pr, pw := io.Pipe()
	go func() { _, _ = io.WriteString(pw, skillMD); pw.Close() }()
	_, err = c.Skills.Create(context.Background(), client.SkillCreateParams{Files: []client.SkillFile{{Path: "greeting/SKILL.md", Content: pr}}})
	if err == nil || len(bodies) != 1 || lengths[0] != -1 {
		t.Fatalf("piped upload: err %v after %d attempts (lengths %v); want one chunked attempt and the 529", err, len(bodies), lengths)
	}
}
