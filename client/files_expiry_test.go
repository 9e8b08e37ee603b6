package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestUploadExpiry: ExpiresInSeconds goes out as the expires_in_seconds
// field before the file part; out of 3600..7776000 it is a ValidationError
// and nothing is sent.
func TestUploadExpiry(t *testing.T) {
	t.Parallel()
	fields := make(chan map[string]string, 1)
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		if err != nil {
			t.Error(err)
			return
		}
		got := map[string]string{}
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			b, _ := io.ReadAll(p)
			got[p.FormName()] = string(b)
		}
		fields <- got
		_, _ = io.WriteString(w, `{"type":"file","id":"file_1","filename":"a.txt","mime_type":"text/plain","size_bytes":5,"created_at":"2025-01-01T00:00:00Z"}`)
	}))
	ctx := context.Background()
	if _, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "a.txt", Content: strings.NewReader("hello"), ExpiresInSeconds: 86400}); err != nil {
		t.Fatal(err)
	}
	if got := <-fields; got["expires_in_seconds"] != "86400" || got["file"] != "hello" {
		t.Fatalf("parts = %v", got)
	}
	for _, n := range []int64{60, 7_776_001, -1} {
		_, err := c.Files.Upload(ctx, client.FileUploadParams{Filename: "a.txt", Content: strings.NewReader("x"), ExpiresInSeconds: n})
		var ve *client.ValidationError
		if !errors.As(err, &ve) || ve.Field != "expires_in_seconds" {
			t.Errorf("ExpiresInSeconds %d: %v", n, err)
		}
	}
	if len(fields) != 0 {
		t.Error("an invalid upload reached the server")
	}
}
